"""The Streamlit app's pages, in the order a user works. Each page calls the library."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from ..facts import TOPICS
from ..formats import get_template
from ..io import ReportLoadError, loads_report
from ..model import Figure, Level, Meta, Report, Section, empty_report
from ..validator import SEVERITY_ZH, validate
from ..views import findings_frame
from .. import workflow
from . import state
from .engine_pages import page_draft, page_export, page_settings, previous_report, revise_box

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLE = ROOT / "fixtures" / "reports" / "example.yaml"

PAGES = ["报告列表", "基本信息", "数据填报", "工作情况", "起草", "修改", "校验", "导出", "设置"]


# -- helpers ---------------------------------------------------------------------
_previous = previous_report


def _findings(rep: Report):
    rid = state.current_id()
    found = validate(rep, previous=_previous(rep))
    return workflow.apply_dismissals(found, state.store().dismissals(rid))


def _go(page: str) -> None:
    # The page radio is already drawn in this run; switch on the next one.
    st.session_state["_goto"] = page


# -- 报告列表 ----------------------------------------------------------------------
def page_list() -> None:
    st.header("报告列表")
    s = state.store()
    rows = s.list_reports()
    if rows:
        for info in rows:
            c = st.columns([5, 1, 1, 1])
            marker = "▶ " if info.id == state.current_id() else ""
            c[0].markdown(f"{marker}**{info.agency}** {info.year}年度　"
                          f"<span style='color:#888'>版本 {info.version}，更新于 {info.updated_at:%Y-%m-%d %H:%M}</span>",
                          unsafe_allow_html=True)
            if c[1].button("打开", key=f"open_{info.id}"):
                state.select(info.id)
                state.refresh_widgets()
                _go("基本信息")
                st.rerun()
            if c[2].button("复制", key=f"dup_{info.id}"):
                new_id = s.duplicate(info.id)
                state.select(new_id)
                st.rerun()
            if c[3].button("删除", key=f"del_{info.id}"):
                st.session_state["confirm_delete"] = info.id
        pending = st.session_state.get("confirm_delete")
        if pending:
            names = {i.id: f"{i.agency} {i.year}年度" for i in rows}
            st.warning(f"确定删除「{names.get(pending, pending)}」吗？删除后不可恢复。")
            c1, c2 = st.columns(2)
            if c1.button("确认删除", key="confirm_delete_yes"):
                s.delete(pending)
                if state.current_id() == pending:
                    state.select(None)
                st.session_state["confirm_delete"] = None
                st.rerun()
            if c2.button("取消", key="confirm_delete_no"):
                st.session_state["confirm_delete"] = None
                st.rerun()
    else:
        st.info("还没有报告。请在下方新建。")

    st.subheader("新建报告")
    how = st.radio("从何处开始", ["空白报告", "上年度报告文件（YAML）", "已发布的报告（文本、网页或 Word）", "示例报告"],
                   horizontal=True, key="new_how")
    if how == "空白报告":
        with st.form("new_blank"):
            agency = st.text_input("机关全称", key="new_agency")
            c1, c2 = st.columns(2)
            year = c1.number_input("报告年度", min_value=2019, max_value=2100, value=2025, step=1, key="new_year")
            level = c2.selectbox("机关层级", [lv.value for lv in Level], key="new_level")
            if st.form_submit_button("新建"):
                try:
                    rep = empty_report(agency, int(year), level)
                except ValueError as e:
                    st.error(f"无法新建：{_plain_error(e)}")
                else:
                    state.select(s.create(rep))
                    _go("基本信息")
                    st.rerun()
    elif how == "上年度报告文件（YAML）":
        up = st.file_uploader("上传上一年度的报告文件", type=["yaml", "yml"], key="new_prev_upload")
        if up is not None and st.button("以此为基础新建本年度报告", key="new_from_prev"):
            try:
                prev = loads_report(up.getvalue().decode("utf-8-sig"), up.name)
            except (ReportLoadError, UnicodeDecodeError) as e:
                st.error("无法读取上年度报告：" + ("；".join(e.errors) if isinstance(e, ReportLoadError) else "文件不是 UTF-8 文本"))
            else:
                if s.find(prev.meta.agency, prev.meta.year) is None:
                    s.create(prev, origin="import")
                rep, filled = workflow.next_year_report(prev)
                state.select(s.create(rep))
                st.session_state["_notice"] = f"已新建{rep.meta.year}年度报告，并从上年度报告带入 {len(filled)} 个单元格（上年结转等）。"
                _go("数据填报")
                st.rerun()
    elif how.startswith("已发布的报告"):
        _new_from_published(s)
    else:
        if st.button("载入示例报告", key="new_example"):
            rep = loads_report(EXAMPLE.read_text("utf-8"), str(EXAMPLE))
            state.select(s.create(rep, origin="import"))
            _go("基本信息")
            st.rerun()


def _new_from_published(s) -> None:
    from ..ingest import PUBLISHED_EXTS, ingest_bytes
    up = st.file_uploader("上传已公开发布的年度报告", type=[e.lstrip(".") for e in PUBLISHED_EXTS], key="new_pub_upload")
    as_prev = st.checkbox("作为上年度报告，新建下一年度的报告（带入上年结转数）", value=True, key="new_pub_prev")
    if up is None or not st.button("读取报告", key="new_from_pub"):
        return
    try:
        got = ingest_bytes(up.getvalue(), up.name)
    except ReportLoadError as e:
        st.error("无法读取该文件：" + "；".join(e.errors))
        return
    prev = got.report
    if s.find(prev.meta.agency, prev.meta.year) is None:
        pid = s.create(prev, origin="import")
    else:
        pid = s.find(prev.meta.agency, prev.meta.year)
    notes = [f"已读取「{prev.meta.agency}」{prev.meta.year}年度报告。"]
    if got.problems:
        notes.append(f"有 {len(got.problems)} 处未能确定，已作为校验问题列出。")
    if as_prev:
        rep, filled = workflow.next_year_report(prev)
        state.select(s.create(rep))
        notes.append(f"已新建{rep.meta.year}年度报告，带入 {len(filled)} 个单元格。")
        _go("数据填报")
    else:
        state.select(pid)
        _go("校验")
    st.session_state["_notice"] = "".join(notes)
    st.rerun()


def _plain_error(e: Exception) -> str:
    msg = str(e)
    if "validation error" in msg:
        return "机关名称不能为空" if "agency" in msg else msg.splitlines()[-1]
    return msg


# -- 基本信息 ----------------------------------------------------------------------
def page_meta(rep: Report) -> None:
    st.header("基本信息")
    m = rep.meta
    st.info(workflow.deadline_text(rep))
    with st.form(state.wkey("meta_form")):
        agency = st.text_input("机关全称", value=m.agency)
        shorts = st.text_input("简称（用顿号或逗号分隔）", value="、".join(m.short_names))
        c1, c2, c3 = st.columns(3)
        level = c1.selectbox("机关层级", [lv.value for lv in Level], index=[lv.value for lv in Level].index(m.level.value))
        year = c2.number_input("报告年度", min_value=2019, max_value=2100, value=m.year, step=1)
        options = ["按年度推定", "2019", "2021"]
        tpl = c3.selectbox("模板版本", options, index=options.index(m.template) if m.template else 0)
        region = st.text_input("所在行政区（如 银川市兴庆区）", value=m.region or "")
        date = st.text_input("落款日期（如 2026年1月20日）", value=m.date or "")
        if st.form_submit_button("保存基本信息"):
            def mutate(r: Report):
                names = [x.strip() for x in shorts.replace("，", "、").replace(",", "、").split("、") if x.strip()]
                new = Meta(agency=agency, short_names=names, level=Level(level), year=int(year),
                           template=None if tpl == "按年度推定" else tpl, region=region or None, date=date or None)
                workflow.change_meta(r, new)
            if state.commit(mutate):
                st.success("已保存。")
                st.rerun()
    st.caption(f"当前使用{m.template_version}版模板（{get_template(m.template_version).document_no}）；"
               f"按报告年度应使用{m.derived_template}版。")


# -- 数据填报 ----------------------------------------------------------------------
def page_tables(rep: Report) -> None:
    st.header("数据填报")
    if note := st.session_state.pop("_notice", None):
        st.success(note)
    found = _findings(rep).active
    # A radio rather than st.tabs: the chosen table must survive the rerun that follows each edit.
    names = {t: rep.template.tables[t].name for t in workflow.SHEETS}
    table = st.radio("统计表", list(workflow.SHEETS), format_func=lambda t: f"{names[t]} {rep.template.tables[t].title}",
                     horizontal=True, key="table_tab")
    _table_editor(rep, table, found)

    st.subheader("Excel 模板")
    c1, c2 = st.columns(2)
    c1.download_button("下载 Excel 填报模板", data=workflow.xlsx_template(rep),
                       file_name=f"{rep.meta.agency}{rep.meta.year}年度统计表.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="xlsx_dl")
    up = c2.file_uploader("上传填好的 Excel", type=["xlsx"], key=state.wkey("xlsx_up"))
    if up is not None and c2.button("导入 Excel 数据", key="xlsx_import"):
        errors = state.commit(lambda r: workflow.read_xlsx(r, up.getvalue()) or [], origin="import")
        if isinstance(errors, list) and errors:
            for e in errors:
                st.error(e)
        elif errors is not None:
            state.refresh_widgets()
            st.session_state["_notice"] = "已导入 Excel 数据。"
            st.rerun()

    prev = _previous(rep)
    st.subheader("上年数据")
    if prev is None:
        st.caption(f"报告列表中没有{rep.meta.agency}{rep.meta.year - 1}年度的报告；可在「报告列表」以上年度报告文件新建，以带入上年结转数。")
    elif st.button(f"从{rep.meta.year - 1}年度报告带入上年结转数", key="prefill"):
        filled = state.commit(lambda r: workflow.prefill_from_previous(r, prev) or [])
        if filled is not None:
            state.refresh_widgets()
            st.session_state["_notice"] = f"已带入 {len(filled)} 个单元格。"
            st.rerun()


def _table_editor(rep: Report, table: str, found) -> None:
    spec = rep.template.tables[table]
    present = rep.tables.get(table) is not None
    if not present:
        st.warning(f"本报告还没有{spec.name}。")
        if st.button(f"添加{spec.name}", key=f"add_{table}"):
            state.commit(lambda r: r.tables.__setitem__(table, {x.key: {c.key: None for c in x.columns} for x in spec.data_rows}))
            st.rerun()
        return
    base = workflow.grid_with_marks(rep, table, found)
    disabled = [c for c in base.columns if c != "数值"] if table != "applications" else [workflow.MARK_COLUMN]
    edited = st.data_editor(base, key=state.wkey(f"grid_{table}"), disabled=disabled, width="stretch",
                            height=min(35 * (len(base) + 1) + 3, 920), placeholder="未填",
                            hide_index=table != "applications")
    if not edited.equals(base):
        errors = state.commit(lambda r: workflow.apply_grid(r, table, edited) or [])
        if isinstance(errors, list):
            for e in errors:
                st.error(e)
            if not errors:
                st.rerun()
    if table == "applications":
        st.caption("表三各列的勾稽关系核对")
        st.dataframe(workflow.computed_totals(rep), hide_index=True)
    mine = [f for f in found if f.table == table]
    if mine:
        for f in mine:
            box = st.error if f.severity == "error" else st.warning
            box(f"{f.code} {f.cell or ''}：{f.message}" + (f"　建议：{f.fix}" if f.fix else ""))
    else:
        st.success(f"{spec.name}未发现问题。")


# -- 工作情况 ----------------------------------------------------------------------
def page_facts(rep: Report) -> None:
    st.header("工作情况")
    st.caption("逐项填写本年度的工作情况，起草时据此成文；没有填写的方面会在草稿中留下【待补充】标记。")
    with st.form(state.wkey("facts_form")):
        values = {}
        for t in TOPICS:
            values[t.key] = st.text_area(f"{t.label}（{t.question}）", value="\n".join(rep.facts.notes.get(t.key, [])),
                                         key=state.wkey(f"fact_{t.key}"), height=80)
        if st.form_submit_button("保存工作情况"):
            def mutate(r: Report):
                for k, v in values.items():
                    lines = [x.strip() for x in v.splitlines() if x.strip()]
                    if lines:
                        r.facts.notes[k] = lines
                    else:
                        r.facts.notes.pop(k, None)
            if state.commit(mutate):
                st.success("已保存。")
    from ..injection import instruction_like
    odd = [n for ns in rep.facts.notes.values() for n in ns if instruction_like(n)]
    if odd:
        st.warning("以下内容像是给系统的指令，起草时不会采用：" + "；".join(odd))

    _facts_chat(rep)

    st.subheader("数据")
    st.caption("统计表以外、正文需要引用的数字，例如门户网站公开信息条数、培训次数。")
    figs = pd.DataFrame([{"键": f.key, "名称": f.label, "数值": float(f.value), "单位": f.unit}
                         for f in rep.facts.figures], columns=["键", "名称", "数值", "单位"])
    edited = st.data_editor(figs, num_rows="dynamic", key=state.wkey("figures"), width="stretch")
    if not edited.equals(figs):
        def mutate(r: Report):
            out = []
            for i, row in edited.iterrows():
                if pd.isna(row["名称"]) or not str(row["名称"]).strip():
                    continue
                if pd.isna(row["数值"]):
                    raise ValueError(f"数据「{row['名称']}」缺少数值")
                key = str(row["键"]).strip() if not pd.isna(row["键"]) and str(row["键"]).strip() else f"item{i + 1}"
                out.append(Figure(key=key, label=str(row["名称"]).strip(), value=str(row["数值"]),
                                  unit="" if pd.isna(row["单位"]) else str(row["单位"])))
            r.facts.figures = out
        if state.commit(mutate):
            st.rerun()


def _facts_chat(rep: Report) -> None:
    """Tell the year's work in plain words; the facts are filled and what is missing is asked."""
    from ..engine import extract_facts
    from .engine_pages import current_provider, describe_failure, provider_label
    st.subheader("对话填写")
    provider, problem = current_provider()
    st.caption(f"用自己的话介绍今年的工作，系统会整理成上面的各项要点和数据。当前方式：{provider_label(provider)}")
    s = state.store()
    rid = state.current_id()
    for m in s.messages(rid):
        with st.chat_message(m.role):
            st.markdown(m.content)
    text = st.chat_input("例如：今年我们通过门户网站公开信息320条，组织培训2次……", key="facts_chat")
    if not text:
        return
    s.add_message(rid, "user", text)          # kept before any model call
    try:
        facts, questions = extract_facts(rep, text, provider)
    except Exception as e:   # the user's words are already saved; say what went wrong, without secrets
        s.add_message(rid, "assistant", f"这段内容没能整理：{describe_failure(e)} 您的原话已保存。")
        st.rerun()
    before_notes = sum(len(v) for v in rep.facts.notes.values())
    before_figs = len(rep.facts.figures)
    if state.commit(lambda r: setattr(r, "facts", facts), note="对话填写工作情况") is None:
        s.add_message(rid, "assistant", "整理结果未能保存（报告已被其他会话修改），请刷新后再说一遍。")
        st.rerun()
    added_notes = sum(len(v) for v in facts.notes.values()) - before_notes
    added_figs = len(facts.figures) - before_figs
    reply = f"已记下 {added_notes} 条要点、{added_figs} 项数据。"
    if questions:
        reply += "\n\n还想了解：\n" + "\n".join(f"{i}. {q}" for i, q in enumerate(questions, 1))
    s.add_message(rid, "assistant", reply)
    state.refresh_widgets()
    st.rerun()


# -- 修改 --------------------------------------------------------------------------
def _set_text(r: Report, key: str, text: str) -> None:
    r.set_text(key, text)


def page_edit(rep: Report) -> None:
    st.header("修改")
    s = state.store()
    rid = state.current_id()
    keys = [sec.key for sec in rep.template.sections]
    titles = {sec.key: sec.title for sec in rep.template.sections}
    key = st.selectbox("选择部分", keys, format_func=lambda k: titles[k], key="edit_section")
    sec = rep.sections.get(key) or Section()
    locked = st.checkbox("锁定本部分（重新起草时不覆盖）", value=sec.locked, key=state.wkey(f"lock_{key}"))
    if locked != sec.locked:
        state.commit(lambda r: setattr(r.sections.setdefault(key, Section()), "locked", locked))
        st.rerun()
    text = st.text_area("正文", value=sec.text, height=360, key=state.wkey(f"text_{key}"))
    # The stored text this edit started from: if someone else saves this section meanwhile,
    # saving here would silently discard their work, so it is refused.
    base_key = f"_base_{rid}_{key}"
    if text == sec.text or base_key not in st.session_state:
        st.session_state[base_key] = sec.text
    base = st.session_state[base_key]
    c1, c2 = st.columns(2)
    conflict = base != sec.text and text != sec.text
    if c1.button("保存修改", key=f"save_{key}"):
        if conflict and not st.session_state.get(f"_force_{key}"):
            st.session_state[f"_conflict_{key}"] = True
        elif state.commit(lambda r: _set_text(r, key, text), origin="user"):
            st.session_state[base_key] = text
            st.session_state.pop(f"_force_{key}", None)
            st.session_state.pop(f"_conflict_{key}", None)
            st.success("已保存为新版本。")
            st.rerun()
    if st.session_state.get(f"_conflict_{key}") and conflict:
        st.warning("本部分已被其他会话修改，未保存您的修改。您输入的文字仍保留在上方文本框中。")
        st.markdown("**其他会话保存的版本与您开始修改时的差异**")
        st.markdown(workflow.diff_html(base, sec.text), unsafe_allow_html=True)
        k1, k2 = st.columns(2)
        if k1.button("以我的文字覆盖保存", key=f"force_{key}"):
            if state.commit(lambda r: _set_text(r, key, text), origin="user", note="覆盖其他会话的修改"):
                st.session_state[base_key] = text
                st.session_state.pop(f"_conflict_{key}", None)
                st.rerun()
        if k2.button("放弃我的修改，载入最新文字", key=f"reload_{key}"):
            st.session_state.pop(f"_conflict_{key}", None)
            st.session_state[base_key] = sec.text
            state.refresh_widgets()
            st.rerun()
    if text != sec.text:
        c2.caption("有未保存的修改。")
        st.markdown("**与已保存版本的差异**")
        st.markdown(workflow.diff_html(sec.text, text), unsafe_allow_html=True)

    if sec.text.strip() and not sec.locked:
        revise_box(rep, key)

    versions = s.versions(rid, key)
    if versions:
        st.subheader("版本历史")
        origins = {"user": "人工修改", "draft": "起草", "revise": "按指令修改", "restore": "恢复", "import": "导入"}
        for v in reversed(versions):
            with st.expander(f"第 {v.n} 版 · {origins.get(v.origin, v.origin)} · {v.created_at:%Y-%m-%d %H:%M}"
                             + (f" · {v.note}" if v.note else "")):
                prev = next((p for p in versions if p.n == v.n - 1), None)
                if prev is not None:
                    added, removed = workflow.diff_stats(prev.text, v.text)
                    st.caption(f"较上一版：增加 {added} 字，删除 {removed} 字")
                    st.markdown(workflow.diff_html(prev.text, v.text), unsafe_allow_html=True)
                else:
                    st.text(v.text)
                if v.text != sec.text and st.button(f"恢复为第 {v.n} 版", key=f"restore_{key}_{v.n}"):
                    if state.commit(lambda r, t=v.text: r.set_text(key, t),
                                    origin="restore", note=f"恢复第 {v.n} 版"):
                        state.refresh_widgets()
                        st.rerun()


# -- 校验 --------------------------------------------------------------------------
def page_check(rep: Report) -> None:
    st.header("校验")
    if note := st.session_state.pop("_notice", None):
        st.info(note)
    s = state.store()
    rid = state.current_id()
    part = _findings(rep)
    found = part.active
    if not found:
        st.success("未发现问题。")
    for sev in ("error", "warning", "info"):
        group = [f for f in found if f.severity == sev]
        if not group:
            continue
        st.subheader(f"{SEVERITY_ZH[sev]}（{len(group)}）")
        for i, f in enumerate(group):
            where = f.cell or (rep.template.section(f.section).title if f.section in rep.template.section_keys else (f.section or ""))
            with st.container(border=True):
                st.markdown(f"**{f.code}** {where}")
                st.write(f.message)
                if f.quote and f.quote not in f.message:
                    st.caption(f"原文：{f.quote}")
                if f.fix:
                    st.caption(f"建议：{f.fix}")
                c1, c2 = st.columns([1, 3])
                target = "数据填报" if f.table else "修改"
                if c1.button(f"前往{target}", key=f"jump_{sev}_{i}"):
                    if f.table:
                        st.session_state["table_tab"] = f.table      # open the table the cell is in
                    elif f.section in rep.template.section_keys:
                        st.session_state["edit_section"] = f.section
                    _go(target)
                    st.rerun()
                if sev != "error":
                    reason = c2.text_input("忽略理由", key=f"reason_{sev}_{i}", placeholder="填写理由后可忽略此警告")
                    if c2.button("忽略", key=f"dismiss_{sev}_{i}"):
                        try:
                            s.dismiss(rid, f.code, f.key, reason)
                        except ValueError as e:
                            st.error(str(e))
                        else:
                            st.rerun()
    if part.dismissed:
        st.subheader(f"已忽略（{len(part.dismissed)}）")
        st.dataframe(pd.DataFrame([{"代码": f.code, "问题": f.message, "理由": r} for f, r in part.dismissed]),
                     hide_index=True, width="stretch")


# -- main ------------------------------------------------------------------------------
def main() -> None:
    st.set_page_config(page_title="年报助手", layout="wide")
    if "page" not in st.session_state:
        q = st.query_params.get("page")
        st.session_state["page"] = q if q in PAGES else "报告列表"
    if goto := st.session_state.pop("_goto", None):
        st.session_state["page"] = goto
    loaded = state.load()
    with st.sidebar:
        st.title("年报助手")
        if loaded:
            rep, version = loaded
            st.caption(f"当前报告：{rep.meta.agency} {rep.meta.year}年度（版本 {version}）")
        else:
            st.caption("未选择报告")
        page = st.radio("页面", PAGES, key="page")
        st.query_params["page"] = page
    state.show_messages()
    if page == "报告列表":
        page_list()
    elif page == "设置":
        page_settings()
    elif not loaded:
        st.info("请先在「报告列表」中新建或打开一份报告。")
    else:
        rep = loaded[0]
        {"基本信息": page_meta, "数据填报": page_tables, "工作情况": page_facts, "起草": page_draft,
         "修改": page_edit, "校验": page_check, "导出": page_export}[page](rep)
    state.finish()
