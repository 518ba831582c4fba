"""修改: edit a section, see the change before saving, versions, lock, revise by instruction."""
from __future__ import annotations

import streamlit as st

from drafting import limits, workflow
from drafting.errors import StoreError
from drafting.model import Report, Section
from drafting.webui import components, engine_ui, state, ui

st.header("修改")
rep = ui.report()
s = state.store()
rid = state.current_id()
keys = [sec.key for sec in rep.template.sections]
titles = {sec.key: sec.title for sec in rep.template.sections}
# The section is part of the address, so a reload reopens it.
if "edit_section" not in st.session_state and st.query_params.get("section") in keys:
    st.session_state["edit_section"] = st.query_params["section"]
key = st.selectbox("选择部分", keys, format_func=lambda k: titles[k], key="edit_section", placeholder="请选择")
st.query_params["section"] = key
sec = rep.sections.get(key) or Section()
others = [titles[d.section] for d in s.drafts(rid) if d.section != key and d.section in titles]
if others:
    st.caption("以下部分有未保存的草稿，打开即可找回：" + "、".join(others))


def _set_text(r: Report, text: str) -> None:
    workflow.set_section_text(r, key, text)


locked = st.checkbox("锁定本部分（重新起草时不覆盖）", value=sec.locked, key=state.wkey(f"lock_{key}"))
if locked != sec.locked:
    if state.commit(lambda r: setattr(r.sections.setdefault(key, Section()), "locked", locked)):
        ui.saved("已锁定本部分。" if locked else "已解除锁定。")
    st.rerun()
# Text typed and not saved is kept in the store as a draft, and offered back here after a
# reload, a restart or another day.
draft = s.draft(rid, key)
restored = draft is not None and draft.text != sec.text
ekey = state.typed(state.wkey(f"text_{key}", sep="_g"))
if restored:
    st.info(f"已找回您 {draft.updated_at.astimezone():%m月%d日 %H:%M} 未保存的修改，显示在下方；"
            "保存后生效，也可以放弃。")
    if st.button("放弃草稿，恢复已保存的文字", key=f"discard_{key}"):
        s.discard_draft(rid, key)
        state.refresh_widgets()
        st.rerun()
text = components.editor("正文", draft.text if restored else sec.text, sec.text, key=ekey,
                         max_chars=limits.limit("section_chars"))
try:
    if text != sec.text and (draft is None or draft.text != text):
        s.save_draft(rid, key, text, draft.base if restored else sec.text)
    elif text == sec.text and draft is not None:
        s.discard_draft(rid, key)
except StoreError as e:
    # The draft is a safety net: when the database cannot keep it, the text stays in this page
    # and the clerk can still try to save; the page goes on.
    st.warning("未能把正在输入的文字保存为草稿：" + ui.esc("".join(e.messages)) + " 请不要关闭或刷新本页。")
# The stored text this edit started from: if someone else saves this section meanwhile,
# saving here would silently discard their work, so it is refused.
base_key = f"_base_{rid}_{key}"
if base_key not in st.session_state:
    st.session_state[base_key] = draft.base if restored else sec.text
if text == sec.text:
    st.session_state[base_key] = sec.text
base = st.session_state[base_key]
c1, c2 = st.columns(2)
conflict = base != sec.text and text != sec.text
if c1.button("保存修改", key=f"save_{key}"):
    if conflict and not st.session_state.get(f"_force_{key}"):
        st.session_state[f"_conflict_{key}"] = True
    elif state.commit(lambda r: _set_text(r, text), origin="user"):
        st.session_state[base_key] = text
        s.discard_draft(rid, key)
        st.session_state.pop(f"_force_{key}", None)
        st.session_state.pop(f"_conflict_{key}", None)
        ui.saved("已保存为新版本。")
        st.rerun()
if st.session_state.get(f"_conflict_{key}") and conflict:
    st.warning("本部分已被其他会话修改，未保存您的修改。您输入的文字仍保留在上方文本框中。")
    st.markdown("**其他会话保存的版本与您开始修改时的差异**")
    components.diff_view(base, sec.text, key=f"conflict_diff_{key}")
    k1, k2 = st.columns(2)
    if k1.button("以我的文字覆盖保存", key=f"force_{key}"):
        if state.commit(lambda r: _set_text(r, text), origin="user", note="覆盖其他会话的修改"):
            st.session_state[base_key] = text
            s.discard_draft(rid, key)
            st.session_state.pop(f"_conflict_{key}", None)
            ui.saved("已用您的文字保存。")
            st.rerun()
    if k2.button("放弃我的修改，载入最新文字", key=f"reload_{key}"):
        st.session_state.pop(f"_conflict_{key}", None)
        s.discard_draft(rid, key)
        st.session_state[base_key] = sec.text
        state.refresh_widgets()
        st.rerun()
if text != sec.text:
    c2.caption("有未保存的修改。")
    st.markdown("**与已保存版本的差异**")
    components.diff_view(sec.text, text, key=f"unsaved_diff_{key}")

if sec.text.strip() and not sec.locked:
    engine_ui.revise_box(rep, key)

versions = s.versions(rid, key)
if versions:
    st.subheader("版本历史")
    origins = {"user": "人工修改", "draft": "起草", "revise": "按意见修改", "restore": "恢复", "import": "导入"}
    for v in reversed(versions):
        with st.expander(f"第 {v.n} 版 · {origins.get(v.origin, v.origin)} · {v.created_at:%Y-%m-%d %H:%M}"
                         + (f" · {ui.esc(v.note)}" if v.note else "")):
            prev = next((p for p in versions if p.n == v.n - 1), None)
            if prev is not None:
                added, removed = workflow.diff_stats(prev.text, v.text)
                st.caption(f"较上一版：增加 {added} 字，删除 {removed} 字")
                components.diff_view(prev.text, v.text, key=f"version_diff_{key}_{v.n}")
            else:
                st.text(v.text)
            if v.text != sec.text and st.button(f"恢复为第 {v.n} 版", key=f"restore_{key}_{v.n}"):
                if state.commit(lambda r, t=v.text: setattr(r.sections.setdefault(key, Section()), "text", t),
                                origin="restore", note=f"恢复第 {v.n} 版"):
                    s.discard_draft(rid, key)
                    ui.saved(f"已恢复为第 {v.n} 版。")
                    state.refresh_widgets()
                    st.rerun()
