"""The app's own browser components (Streamlit components v2: inline JS, no build step, no
network). Everything they show is passed as data and put into the page with textContent,
never as HTML, so text a person typed cannot become markup or script."""
from __future__ import annotations

import streamlit as st

from .. import workflow

_DIFF_JS = """
export default function (component) {
  const { data, parentElement } = component;
  let box = parentElement.querySelector('div.diff');
  if (!box) { box = document.createElement('div'); box.className = 'diff'; parentElement.appendChild(box); }
  box.replaceChildren();
  for (const [op, text] of data.parts) {
    const el = document.createElement(op === 'del' ? 'del' : op === 'ins' ? 'ins' : 'span');
    el.textContent = text;
    box.appendChild(el);
  }
}
"""
_DIFF_CSS = """
.diff { white-space: pre-wrap; line-height: 1.8; font-size: 1rem; }
del { color: #b00; } ins { color: #070; }
"""
_diff = st.components.v2.component("nianbao_diff", js=_DIFF_JS, css=_DIFF_CSS)


def diff_view(old: str, new: str, key: str) -> None:
    """Deletions struck through in red, insertions underlined in green."""
    _diff(data={"parts": workflow.diff_parts(old, new)}, key=key)


# -- the national form -------------------------------------------------------------------
# One <table> laid out as the template prints it (header groups, row groups, spans from the
# format data via drafting.export.layout), one <input> per data cell. Cells are found by
# identity: td[data-cell="表键:行键:列键"] and an aria-label naming the cell in the template's
# words, so the tests and assistive tools address cells, not pixels.
_FORM_JS = r"""
const mounts = new WeakMap();

function cellId(table, row, col) { return table + ':' + row + ':' + col; }

function build(root, data, st) {
  const table = document.createElement('table');
  table.className = 'form';
  table.dataset.table = data.table;
  const thead = document.createElement('thead');
  const tbody = document.createElement('tbody');
  table.appendChild(thead); table.appendChild(tbody);
  st.inputs = new Map();
  data.rows.forEach((line, i) => {
    const tr = document.createElement('tr');
    (i < data.head ? thead : tbody).appendChild(tr);
    for (const c of line) {
      const head = c.k === 'header' || c.k === 'corner' || c.k === 'caption';
      const td = document.createElement(head ? 'th' : 'td');
      if (c.rs > 1) td.rowSpan = c.rs;
      if (c.cs > 1) td.colSpan = c.cs;
      td.className = c.k;
      if (c.k !== 'data') {
        td.textContent = c.t;
        if (c.k === 'label') td.dataset.depth = String(c.d || 0);
      } else {
        const id = cellId(data.table, c.r, c.c);
        td.dataset.cell = id;
        const input = document.createElement('input');
        input.type = 'text';
        input.inputMode = 'decimal';
        input.autocomplete = 'off';
        input.spellcheck = false;
        input.setAttribute('aria-label', c.n);
        input.dataset.row = c.r; input.dataset.col = c.c;
        input.addEventListener('focus', () => { input.select(); });
        input.addEventListener('change', () => commit(st, input));
        input.addEventListener('keydown', (ev) => {
          if (ev.key === 'Enter') {
            ev.preventDefault();
            commit(st, input);
            move(st, input, ev.shiftKey ? -1 : 1);
          } else if (ev.key === 'Escape') {
            input.value = input.dataset.stored || '';
            input.blur();
          }
        });
        td.appendChild(input);
        st.inputs.set(id, input);
      }
      tr.appendChild(td);
    }
  });
  root.replaceChildren(table);
  st.table = table;
  st.sig = data.sig;
}

function move(st, input, step) {
  // Enter goes down the column, as in a spreadsheet.
  const all = [...st.inputs.values()].filter((x) => !x.readOnly && x.dataset.col === input.dataset.col);
  const i = all.indexOf(input);
  const next = all[i + step];
  if (next) next.focus(); else input.blur();
}

function commit(st, input) {
  if (input.readOnly) return;
  const value = input.value.trim();
  if (value === (input.dataset.sent ?? input.dataset.stored ?? '')) return;
  input.dataset.sent = value;
  st.seq += 1;
  st.pending.push({ id: st.mount + ':' + st.seq, row: input.dataset.row, col: input.dataset.col, value });
  input.closest('td').classList.add('saving');
  st.setStateValue('edits', st.pending.slice());
}

function update(st, data, root) {
  const active = root.getRootNode().activeElement;
  const acked = new Set(data.ack || []);
  st.pending = st.pending.filter((e) => !acked.has(e.id));
  for (const line of data.rows) for (const c of line) {
    if (c.k !== 'data') continue;
    const input = st.inputs.get(cellId(data.table, c.r, c.c));
    if (!input) continue;
    const td = input.closest('td');
    input.dataset.stored = c.v;
    const waiting = st.pending.some((e) => e.row === c.r && e.col === c.c);
    if (input !== active && !waiting) { input.value = c.v; delete input.dataset.sent; }
    if (!waiting) td.classList.remove('saving');
    input.readOnly = !!c.ro;
    input.tabIndex = c.ro ? -1 : 0;
    td.classList.toggle('computed', !!c.ro);
    td.classList.toggle('error', c.sev === 'error');
    td.classList.toggle('warning', c.sev === 'warning');
    td.dataset.severity = c.sev || '';
    if (c.tip) td.title = c.tip; else td.removeAttribute('title');
  }
  const f = data.focus;
  if (f && f.token !== st.focusToken) {
    st.focusToken = f.token;
    const input = st.inputs.get(cellId(data.table, f.row, f.col));
    if (input) {
      for (const x of st.table.querySelectorAll('td.target')) x.classList.remove('target');
      input.closest('td').classList.add('target');
      // After layout: the page may still be growing below the grid.
      requestAnimationFrame(() => {
        input.scrollIntoView({ block: 'center', inline: 'center' });
        input.focus({ preventScroll: true });
        input.select();
      });
    }
  }
}

export default function (component) {
  const { data, parentElement, setStateValue } = component;
  let st = mounts.get(parentElement);
  if (!st) {
    st = { pending: [], seq: 0, mount: Math.random().toString(36).slice(2, 10), focusToken: null };
    mounts.set(parentElement, st);
  }
  st.setStateValue = setStateValue;
  let root = parentElement.querySelector('div.formwrap');
  if (!root) { root = document.createElement('div'); root.className = 'formwrap'; parentElement.appendChild(root); }
  if (st.sig !== data.sig || !root.firstChild) build(root, data, st);
  update(st, data, root);
}
"""

_FORM_CSS = """
.formwrap { overflow-x: auto; font-size: 0.92rem; }
table.form { border-collapse: collapse; width: 100%; table-layout: auto; background: #fff; }
table.form th, table.form td { border: 1px solid #9aa3ad; padding: 0; }
table.form th { background: #f3f5f8; font-weight: 600; padding: 4px 6px; text-align: center;
  white-space: normal; line-height: 1.4; }
table.form th.corner { font-weight: 400; font-size: 0.85rem; color: #444; }
table.form th.caption { text-align: left; background: #e8edf3; }
table.form td.label { padding: 4px 8px; white-space: normal; line-height: 1.45; min-width: 4em; }
table.form td.label[data-depth="0"] { font-weight: 600; }
table.form td.data { min-width: 4.5em; position: relative; }
table.form td.data input { width: 100%; box-sizing: border-box; border: 0; padding: 6px 6px;
  font: inherit; text-align: right; background: transparent; outline: none; }
table.form td.data input:focus { box-shadow: inset 0 0 0 2px #1d4f91; background: #fff; }
table.form td.data input::placeholder { color: #aaa; }
table.form td.computed { background: #f1f3f6; }
table.form td.computed input { color: #333; font-weight: 600; cursor: default; }
table.form td.warning { background: #fff6d6; }
table.form td.error { background: #fde2e1; box-shadow: inset 0 0 0 2px #c62828; }
table.form td.target { outline: 3px solid #1d4f91; outline-offset: -3px; }
table.form td.saving input { color: #777; }
"""
_form = st.components.v2.component("nianbao_form", js=_FORM_JS, css=_FORM_CSS)


def national_form(view: dict, key: str) -> list[dict]:
    """Show one table as the national form; returns every cell edit the browser has sent since
    the form was shown (each {id, row, col, value}); the caller applies the ones not yet applied
    and lists them in view["ack"]."""
    res = _form(data=view, key=key, default={"edits": []}, on_edits_change=lambda: None)
    return list(getattr(res, "edits", None) or [])


# -- Streamlit's own texts in Chinese --------------------------------------------------------
# Streamlit has no setting for the texts of its file uploader, its connection-lost dialog and a
# few others. This script (installed once per browser tab) replaces the known ones as they
# appear. README lists them; anything not listed here stays as Streamlit writes it.
STREAMLIT_TEXTS = [
    (r"^Upload$", "选择文件"),
    (r"^Browse files$", "选择文件"),
    (r"^Drag and drop files? here$", "把文件拖到这里"),
    (r"^Limit (\d+)\s?MB per file(.*)$", "每个文件不超过 $1 MB$2"),
    (r"^(\d+)\s?MB per file(.*)$", "每个文件不超过 $1 MB$2"),
    (r"^Choose an option$", "请选择"),
    (r"^Choose options$", "请选择"),
    (r"^No results$", "没有匹配项"),
    (r"^File must be ([\d.]+)\s?([KMG]?B) or smaller\.$", "文件过大，上限为 $1 $2"),
    (r"^(.+) files are not allowed\.$", "不接受 $1 类型的文件"),
    (r"^Connection error$", "连接中断"),
    (r"^Connecting$", "正在连接"),
    (r"^Connecting to Streamlit server$", "正在连接年报助手服务"),
    (r"^Unable to connect to Streamlit server$", "无法连接年报助手服务"),
    (r"^Connection lost\. Please wait for the app to reconnect, then try again\.$",
     "连接已中断，请等页面重新连接后再试。"),
    (r"^Streamlit server is not responding\..*$", "无法连接年报助手服务。请确认服务仍在运行（或联系系统管理员），然后刷新页面；已保存的内容不会丢失。"),
    (r"^Is Streamlit still running\?.*$", "无法连接年报助手服务。请确认服务仍在运行（或联系系统管理员），然后刷新页面；已保存的内容不会丢失。"),
    (r"^Running\.\.\.$", "正在处理……"),
    (r"^Stop$", "停止"),
    (r"^Stopping\.\.\.$", "正在停止……"),
    (r"^Please wait\.\.\.$", "请稍候……"),
    (r"^Skip to main content$", "跳到正文"),
    (r"^Press Enter to apply$", "按回车键确认"),
    (r"^Press Enter to submit form$", "按回车键提交"),
    (r"^Press ⌘\+Enter to apply$", "按 ⌘+回车键确认"),
    (r"^Press Ctrl\+Enter to apply$", "按 Ctrl+回车键确认"),
    (r"^Rerun$", "重新运行"),
    (r"^Settings$", "外观设置"),
    (r"^Print$", "打印"),
    (r"^Clear cache$", "清除缓存"),
    (r"^About$", "关于"),
    (r"^Close$", "关闭"),
]

_LOCALIZE_JS = r"""
export default function (component) {
  const { data } = component;
  if (window.__nianbaoTexts) return;
  const rules = data.rules.map(([re, to]) => [new RegExp(re), to]);
  const fix = (s) => {
    const t = s.trim();
    if (!t || !/[A-Za-z]/.test(t)) return null;
    for (const [re, to] of rules) if (re.test(t)) return t.replace(re, to);
    return null;
  };
  const walk = (root) => {
    const it = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    let n = it.currentNode;
    while (n) {
      if (n.nodeType === 3) {
        const r = fix(n.textContent);
        if (r !== null) n.textContent = r;
      } else if (n.nodeType === 1) {
        if (n.placeholder) { const r = fix(n.placeholder); if (r !== null) n.placeholder = r; }
        const a = n.getAttribute && n.getAttribute('aria-label');
        if (a) { const r = fix(a); if (r !== null) n.setAttribute('aria-label', r); }
      }
      n = it.nextNode();
    }
  };
  window.__nianbaoTexts = new MutationObserver((records) => {
    for (const rec of records) {
      if (rec.type === 'characterData') { const r = fix(rec.target.textContent); if (r !== null) rec.target.textContent = r; }
      for (const node of rec.addedNodes || []) walk(node);
      if (rec.type === 'attributes' && rec.target.nodeType === 1) walk(rec.target);
    }
  });
  window.__nianbaoTexts.observe(document.body, { childList: true, subtree: true, characterData: true,
                                                  attributes: true, attributeFilter: ['placeholder', 'aria-label'] });
  walk(document.body);
  document.documentElement.lang = 'zh-CN';
}
"""
_localize = st.components.v2.component("nianbao_texts", js=_LOCALIZE_JS)


def localize() -> None:
    """Install the translation of Streamlit's own texts in this browser tab (idempotent)."""
    _localize(data={"rules": STREAMLIT_TEXTS}, key="nianbao_texts", height=0)


# -- the section editor of 修改 ----------------------------------------------------------------
# A <textarea> that sends what is typed a moment after typing stops (st.text_area only sends on
# blur, so a reload lost everything typed since), and that asks before the clerk leaves the page
# (a sidebar link or a reload/close) while the text differs from the saved one.
_EDITOR_JS = r"""
const mounts = new WeakMap();

function guard() {
  if (window.__nianbaoGuard) return;
  window.__nianbaoGuard = true;
  window.__nianbaoDirty = 0;
  document.addEventListener('click', (ev) => {
    if (!window.__nianbaoDirty) return;
    const link = ev.target.closest && ev.target.closest('a[href]');
    if (!link || link.closest('[data-nianbao-editor]')) return;
    if (!window.confirm(window.__nianbaoLeaveText || '本页有未保存的修改，确定离开吗？')) {
      ev.preventDefault();
      ev.stopImmediatePropagation();
    }
  }, true);
  window.addEventListener('beforeunload', (ev) => {
    if (window.__nianbaoDirty) { ev.preventDefault(); ev.returnValue = ''; }
  });
}

export default function (component) {
  const { data, parentElement, setStateValue } = component;
  guard();
  window.__nianbaoLeaveText = data.leave;
  let st = mounts.get(parentElement);
  if (!st) {
    const wrap = document.createElement('div');
    wrap.dataset.nianbaoEditor = '1';
    const label = document.createElement('label');
    label.textContent = data.label;
    const area = document.createElement('textarea');
    area.setAttribute('aria-label', data.label);
    area.id = 'nianbao-editor-' + Math.random().toString(36).slice(2, 8);
    label.htmlFor = area.id;
    area.rows = data.rows || 16;
    // The section bound (drafting/limits.py): a longer paste is cut off here, where it is pasted.
    if (data.max) area.maxLength = data.max;
    area.spellcheck = false;
    area.value = data.text;
    wrap.appendChild(label); wrap.appendChild(area);
    parentElement.appendChild(wrap);
    st = { area, timer: null, sent: data.text, saved: data.saved, dirty: false, token: data.token };
    mounts.set(parentElement, st);
    const send = () => {
      clearTimeout(st.timer); st.timer = null;
      if (area.value !== st.sent) { st.sent = area.value; st.setStateValue('text', area.value); }
    };
    area.addEventListener('input', () => {
      mark(st);
      clearTimeout(st.timer);
      st.timer = setTimeout(send, 700);
    });
    area.addEventListener('blur', send);
  }
  st.setStateValue = setStateValue;
  st.saved = data.saved;
  if (data.token !== st.token) {        // the page replaced the text (a restore, a reload of the latest)
    st.token = data.token;
    st.area.value = data.text;
    st.sent = data.text;
  }
  mark(st);
  return () => { if (st.dirty) { window.__nianbaoDirty -= 1; st.dirty = false; } };
}

function mark(st) {
  const dirty = st.area.value !== st.saved;
  if (dirty !== st.dirty) { window.__nianbaoDirty += dirty ? 1 : -1; st.dirty = dirty; }
}
"""
_EDITOR_CSS = """
label { display: block; font-size: 0.875rem; margin-bottom: 0.25rem; color: #31333f; }
textarea { width: 100%; box-sizing: border-box; font: inherit; font-size: 1rem; line-height: 1.7;
  padding: 0.6rem 0.75rem; border: 1px solid #d5d8de; border-radius: 0.5rem; resize: vertical;
  background: #fff; color: #31333f; }
textarea:focus { outline: none; border-color: #1d4f91; box-shadow: 0 0 0 1px #1d4f91; }
"""
_editor = st.components.v2.component("nianbao_editor", js=_EDITOR_JS, css=_EDITOR_CSS)


def editor(label: str, text: str, saved: str, key: str, token: int = 0, rows: int = 16,
           max_chars: int | None = None) -> str:
    """A text box that reports what is typed as it is typed. ``text`` is shown when the box is
    first drawn or when ``token`` changes; ``saved`` is the stored text (leaving while the box
    differs from it asks first); ``max_chars`` is the most it takes (the browser's maxlength).
    Returns the text now in the box."""
    leave = "本页有未保存的修改（已作为草稿保留，下次打开可以找回）。确定离开吗？"
    res = _editor(data={"label": label, "text": text, "saved": saved, "token": token, "rows": rows,
                        "leave": leave, "max": max_chars}, key=key, default={"text": text},
                  on_text_change=lambda: None)
    value = getattr(res, "text", None)
    return text if value is None else str(value)
