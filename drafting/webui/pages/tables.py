"""数据填报: the three tables as the national form (click a cell and type; totals computed and
read-only; the validator's findings marked at their cells), the Excel template, carry-overs."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from drafting import workflow
from drafting.webui import components, formview, state, ui

st.header("数据填报")
rep = ui.report()
ui.show_notices()
found = ui.active_findings(rep).active
names = {t: rep.template.tables[t].name for t in workflow.SHEETS}
# A jump from 校验 (or from a finding below) names a cell: open its table and select the cell.
focus_req = st.session_state.pop("_focus_cell", None)
if focus_req and focus_req.get("table") in names:
    st.session_state["table_tab"] = focus_req["table"]
# A radio rather than st.tabs: the chosen table must survive the rerun that follows each edit.
table = st.radio("统计表", list(workflow.SHEETS), format_func=lambda t: f"{names[t]} {rep.template.tables[t].title}",
                 horizontal=True, key="table_tab")
spec = rep.template.tables[table]
rid = state.current_id()

if rep.tables.get(table) is None:
    st.warning(f"本报告还没有{spec.name}。")
    if st.button(f"添加{spec.name}", key=f"add_{table}"):
        if state.commit(lambda r: r.tables.__setitem__(table, {x.key: {c.key: None for c in x.columns}
                                                               for x in spec.data_rows})):
            ui.saved(f"已添加{spec.name}。")
        st.rerun()
else:
    st.caption("点击单元格直接输入，回车或点别处即保存；灰底的合计由系统按明细计算。"
               "有问题的单元格标为红色（错误）或黄色（警告），鼠标停留可看说明。")
    applied: dict = st.session_state.setdefault("_applied_edits", {})
    mine = applied.setdefault((rid, table), [])
    focus = None
    if focus_req and focus_req.get("table") == table:
        st.session_state["_focus_token"] = st.session_state.get("_focus_token", 0) + 1
        focus = {"row": focus_req["row"], "col": focus_req["col"], "token": st.session_state["_focus_token"]}
        st.session_state["_focus_shown"] = focus
    elif (shown := st.session_state.get("_focus_shown")) and focus_req is None:
        focus = shown      # same token: the browser does not jump again on a rerun
    view = formview.form_view(rep, table, found, focus=focus, ack=mine, details=ui.details())
    edits = components.national_form(view, key=f"form_{rid}_{table}")
    new = [e for e in edits if e.get("id") not in mine]
    if new:
        mine.extend(e["id"] for e in new)
        del mine[:-200]                                  # only recent ids can come back
        errors = state.commit(lambda r: workflow.apply_cell_edits(r, table, new))
        if isinstance(errors, list):
            st.session_state["_grid_errors"] = errors
            if len(new) - len(errors) > 0:
                ui.saved("已保存。" if len(new) == 1 else f"已保存 {len(new) - len(errors)} 个单元格。")
        st.rerun()
    for e in st.session_state.pop("_grid_errors", []):
        st.error(e)

    problems = [f for f in found if f.table == table]
    if table == "applications":
        st.caption("每列核对（依据校验结果）")
        st.dataframe(pd.DataFrame(formview.column_summary(rep, table, found)).set_index("列").T,
                     width="stretch")
    if problems:
        st.markdown(f"**{spec.name}的问题（{len(problems)}）**")
        for i, f in enumerate(problems):
            c1, c2 = st.columns([6, 1])
            box = c1.error if f.severity == "error" else (c1.warning if f.severity == "warning" else c1.info)
            box(ui.finding_text(f))
            if f.row and f.col and c2.button("定位", key=f"locate_{table}_{i}",
                                             help="滚动到该单元格并选中"):
                st.session_state["_focus_cell"] = {"table": table, "row": f.row, "col": f.col}
                st.rerun()
        computed_wrong = [f for f in problems if f.row and f.col
                          and (f.row, f.col) in workflow.computed_cells(rep, table)]
        if computed_wrong and st.button("按明细重新计算合计", key=f"recompute_{table}",
                                        help="把灰底的合计单元格改为按明细计算的数"):
            if state.commit(lambda r: workflow.recompute(r, table)) is not None:
                ui.saved("已按明细重新计算合计。")
                st.rerun()
    else:
        st.success(f"{spec.name}未发现问题。")

st.subheader("Excel 模板")
c1, c2 = st.columns(2)
c1.download_button("下载 Excel 填报模板", data=workflow.xlsx_template(rep),
                   file_name=f"{rep.meta.agency}{rep.meta.year}年度统计表.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="xlsx_dl",
                   on_click="ignore")
with c2:
    up = ui.file_uploader("上传填好的 Excel（选定文件后立即导入）", [".xlsx"], key=state.wkey("xlsx_up"))
if up is not None:
    # Imported as soon as it is chosen; the uploader is renewed so the same file is not imported twice.
    result = state.commit(lambda r: workflow.import_xlsx(r, up.getvalue()), origin="import")
    state.refresh_widgets()
    if isinstance(result, tuple):
        errors, changes = result
        st.session_state["_grid_errors"] = errors
        if changes:
            ui.saved(f"已导入 Excel 数据，{len(changes)} 个单元格有变化。")
            ui.notice(f"已导入 Excel 数据，{len(changes)} 个单元格有变化，见下方列表。")
        elif not errors:
            ui.notice("已导入 Excel 数据，与原数据相同，没有单元格变化。")
        st.session_state["_xlsx_changes"] = changes
    st.rerun()
if changes := st.session_state.get("_xlsx_changes"):
    with st.expander(f"本次导入改动的单元格（{len(changes)}）", expanded=True):
        st.dataframe(pd.DataFrame(changes), hide_index=True, width="stretch")
        if st.button("收起", key="xlsx_changes_done"):
            st.session_state.pop("_xlsx_changes", None)
            st.rerun()

prev = ui.previous_report(rep)
st.subheader("上年数据")
if prev is None:
    st.caption(f"报告列表中没有{ui.esc(rep.meta.agency)}{rep.meta.year - 1}年度的报告；"
               "可在「报告列表」以上年度报告文件新建，以带入上年结转数。")
elif st.button(f"从{rep.meta.year - 1}年度报告带入上年结转数", key="prefill"):
    filled = state.commit(lambda r: workflow.prefill_from_previous(r, prev) or [])
    if filled is not None:
        ui.saved(f"已带入 {len(filled)} 个单元格。")
        ui.notice(f"已带入 {len(filled)} 个单元格。")
        st.rerun()
