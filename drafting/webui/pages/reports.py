"""报告列表: open, copy or delete a report; start a new one (blank, last year's file, a
published report, the example)."""
from __future__ import annotations

import streamlit as st
from pydantic import ValidationError

from drafting import workflow
from drafting.io import ReportLoadError, loads_report, validation_messages
from drafting.model import Level, empty_report
from drafting.webui import nav, state, ui
from drafting.webui.paths import EXAMPLE

st.header("报告列表")
ui.show_notices()
s = state.store()
rows = s.list_reports()
if rows:
    for info in rows:
        c = st.columns([5, 1, 1, 1])
        marker = "▶ " if info.id == state.current_id() else ""
        # The agency name is what a person typed (or a file said): shown as text, never as HTML.
        c[0].markdown(f"{marker}**{ui.esc(info.agency)}** {info.year}年度")
        c[0].caption(f"第 {info.version} 版，更新于 {info.updated_at:%Y-%m-%d %H:%M}")
        if c[1].button("打开", key=f"open_{info.id}"):
            state.select(info.id)
            state.refresh_widgets()
            nav.go("overview")
        if c[2].button("复制", key=f"dup_{info.id}"):
            new_id = s.duplicate(info.id)
            state.select(new_id)
            ui.saved("已复制为新报告。")
            st.rerun()
        if c[3].button("删除", key=f"del_{info.id}"):
            st.session_state["confirm_delete"] = info.id
    pending = st.session_state.get("confirm_delete")
    if pending:
        names = {i.id: f"{i.agency} {i.year}年度" for i in rows}
        st.warning(f"确定删除「{ui.esc(names.get(pending, str(pending)))}」吗？删除后不可恢复。")
        c1, c2 = st.columns(2)
        if c1.button("确认删除", key="confirm_delete_yes"):
            s.delete(pending)
            if state.current_id() == pending:
                state.select(None)
            st.session_state["confirm_delete"] = None
            ui.saved("已删除。")
            st.rerun()
        if c2.button("取消", key="confirm_delete_no"):
            st.session_state["confirm_delete"] = None
            st.rerun()
else:
    st.info("还没有报告。请在下方新建。")

st.subheader("新建报告")
PUBLISHED = "已发布的报告（文本、网页或 Word）"
how = st.radio("从何处开始", ["空白报告", "上年度报告文件（本系统保存的报告文件）", PUBLISHED, "示例报告"],
               horizontal=True, key="new_how")


if how == "空白报告":
    with st.form("new_blank"):
        agency = st.text_input("机关全称", key="new_agency")
        c1, c2 = st.columns(2)
        year = c1.number_input("报告年度", min_value=2019, max_value=2100, value=2025, step=1, key="new_year")
        level = c2.selectbox("机关层级", [lv.value for lv in Level], key="new_level", placeholder="请选择")
        if st.form_submit_button("新建"):
            try:
                rep = empty_report(agency, int(year), level)
            except ValidationError as e:     # by type: pydantic's errors named by field, in Chinese
                st.error("无法新建：" + "；".join(ui.esc(m) for m in validation_messages(e)))
            else:
                state.select(s.create(rep))
                ui.saved("已新建报告。")
                nav.go("meta")
elif how.startswith("上年度报告文件"):
    up = ui.file_uploader("上传上一年度的报告文件", [".yaml", ".yml"], key="new_prev_upload")
    if up is not None and st.button("以此为基础新建本年度报告", key="new_from_prev"):
        try:
            prev = loads_report(up.getvalue().decode("utf-8-sig"), up.name)
        except (ReportLoadError, UnicodeDecodeError) as e:
            st.error("无法读取上年度报告：" + ("；".join(ui.esc(m) for m in e.messages) if isinstance(e, ReportLoadError)
                                             else "文件不是 UTF-8 文本"))
        else:
            if s.find(prev.meta.agency, prev.meta.year) is None:
                s.create(prev, origin="import")
            rep, filled = workflow.next_year_report(prev)
            state.select(s.create(rep))
            ui.saved(f"已新建{rep.meta.year}年度报告。")
            ui.notice(f"已新建{rep.meta.year}年度报告，并从上年度报告带入 {len(filled)} 个单元格（上年结转等）。")
            nav.go("tables")
elif how == PUBLISHED:
    from drafting.ingest import PUBLISHED_EXTS, ingest_bytes
    up = ui.file_uploader("上传已公开发布的年度报告", PUBLISHED_EXTS, key="new_pub_upload")
    as_prev = st.checkbox("作为上年度报告，新建下一年度的报告（带入上年结转数）", value=True, key="new_pub_prev")
    if up is not None and st.button("读取报告", key="new_from_pub"):
        try:
            # A scan is read by OCR: a few seconds a page.
            with st.spinner("正在读取报告（扫描件需要逐页识别文字，请稍候）……"):
                got = ingest_bytes(up.getvalue(), up.name)
        except ReportLoadError as e:
            st.error("无法读取该文件：" + "；".join(ui.esc(m) for m in e.errors))   # the messages quote the uploaded file
        else:
            prev = got.report
            pid = s.find(prev.meta.agency, prev.meta.year)
            if pid is None:
                pid = s.create(prev, origin="import")
            notes = [f"已读取「{prev.meta.agency}」{prev.meta.year}年度报告。"]
            ui.saved(f"已读取{prev.meta.year}年度报告。")
            if got.problems:
                notes.append(f"上传的{prev.meta.year}年度报告中有 {len(got.problems)} 处未能读准，"
                             f"已作为该报告的校验问题列出。")
            if as_prev:
                rep, filled = workflow.next_year_report(prev)
                state.select(s.create(rep))
                notes.append(f"已新建{rep.meta.year}年度报告，带入 {len(filled)} 个单元格。")
                ui.notice("".join(notes))
                nav.go("tables")
            state.select(pid)
            ui.notice("".join(notes))
            nav.go("check")
else:
    if st.button("载入示例报告", key="new_example"):
        rep = loads_report(EXAMPLE.read_text("utf-8"), str(EXAMPLE))
        state.select(s.create(rep, origin="import"))
        ui.saved("已载入示例报告。")
        nav.go("overview")
