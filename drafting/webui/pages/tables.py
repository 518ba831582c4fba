"""数据填报: the three national tables, the Excel template, last year's carry-overs."""
from __future__ import annotations

import streamlit as st

from drafting import workflow
from drafting.webui import state, ui

st.header("数据填报")
rep = ui.report()
ui.show_notices()
found = ui.active_findings(rep).active
# A radio rather than st.tabs: the chosen table must survive the rerun that follows each edit.
names = {t: rep.template.tables[t].name for t in workflow.SHEETS}
table = st.radio("统计表", list(workflow.SHEETS), format_func=lambda t: f"{names[t]} {rep.template.tables[t].title}",
                 horizontal=True, key="table_tab")


def _table_editor(table: str) -> None:
    spec = rep.template.tables[table]
    if rep.tables.get(table) is None:
        st.warning(f"本报告还没有{spec.name}。")
        if st.button(f"添加{spec.name}", key=f"add_{table}"):
            state.commit(lambda r: r.tables.__setitem__(table, {x.key: {c.key: None for c in x.columns}
                                                                for x in spec.data_rows}))
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
                ui.saved()
                st.rerun()
    mine = [f for f in found if f.table == table]
    if mine:
        for f in mine:
            box = st.error if f.severity == "error" else st.warning
            box(f"{f.code} {f.cell or ''}：{f.message}" + (f"　建议：{f.fix}" if f.fix else ""))
    else:
        st.success(f"{spec.name}未发现问题。")


_table_editor(table)

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
        ui.notice("已导入 Excel 数据。")
        st.rerun()

prev = ui.previous_report(rep)
st.subheader("上年数据")
if prev is None:
    st.caption(f"报告列表中没有{ui.esc(rep.meta.agency)}{rep.meta.year - 1}年度的报告；"
               "可在「报告列表」以上年度报告文件新建，以带入上年结转数。")
elif st.button(f"从{rep.meta.year - 1}年度报告带入上年结转数", key="prefill"):
    filled = state.commit(lambda r: workflow.prefill_from_previous(r, prev) or [])
    if filled is not None:
        state.refresh_widgets()
        ui.notice(f"已带入 {len(filled)} 个单元格。")
        st.rerun()
