"""汇总: a government's workspace, its units' reports, the roll-up with the breakdown."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from drafting import rollup as ru
from drafting import workflow
from drafting.model import Level
from drafting.rollup_demo import load_demo_workspace
from drafting.webui import state, ui
from drafting.webui.workspace_ui import pick_workspace, pick_year

st.header("汇总各单位报告")
s = state.store()
ws = pick_workspace(s, demo=load_demo_workspace)
if ws is None:
    st.stop()
units = s.units(ws.id)
with st.expander(f"单位名单（{len(units)} 个）", expanded=not units):
    if units:
        st.dataframe(pd.DataFrame([{"单位": u.name, "层级": u.level} for u in units]), hide_index=True,
                     width="stretch")
    with st.form("add_unit"):          # not cleared on submit: a refused name stays to be corrected
        c1, c2 = st.columns([3, 1])
        name = c1.text_input("单位全称", placeholder="如 青禾市云溪区教育局", key="unit_name")
        level = c2.selectbox("层级", [lv.value for lv in Level])
        if st.form_submit_button("添加单位"):
            try:
                s.add_unit(ws.id, name, level)
            except ValueError as e:
                st.error(str(e))
            else:
                del st.session_state["unit_name"]      # added: the box starts empty for the next unit
                st.rerun()
if not units:
    st.info("请先添加单位。")
    st.stop()
year = pick_year("rollup_year")

with st.expander("导入单位报告（报告文件、Excel 填报模板或已发布的报告）"):
    who = st.selectbox("单位", [u.name for u in units], key="import_unit")
    # No type filter: the uploader would list the extensions in Latin letters; the library names
    # an unsupported file in Chinese instead.
    up = ui.file_uploader("报告（报告文件、Excel 填报模板，或已发布报告的文本、网页、Word 文件）", key="import_file")
    if up is not None and st.button("导入并重新汇总", key="import_go"):
        unit = next(u for u in units if u.name == who)
        try:
            res = ru.import_unit_report(s, unit.id, year, up.name, up.getvalue())
        except ru.RollupError as e:
            st.error(str(e))
        else:
            st.session_state["rollup_changes"] = [c.text() for c in res.changes]
            st.session_state["rollup_problems"] = res.problems
            st.rerun()

try:
    r, changes = ru.workspace_rollup(s, ws.id, year)
except ru.RollupError as e:
    st.error(str(e))
    st.stop()

# What to read before using the sum comes first.
notice = r.notice(codes=ui.details())
if notice:
    st.warning(f"{len(r.left_out)} 个单位未计入汇总，请先核对：")
    for line in notice:
        st.text(line)
else:
    st.success(f"{len(r.counted)} 个单位全部计入汇总。")
for p in st.session_state.pop("rollup_problems", []):
    st.caption("读取中发现：" + p)
shown = st.session_state.pop("rollup_changes", None)
if shown is not None:
    with st.container(border=True):
        st.subheader(f"本次导入的变动（{len(shown)} 处）")
        for line in shown[:60] or ["没有变动。"]:
            st.text(line)

held = [u for u in r.units if u.confirmable]
if held:
    with st.form("confirm"):
        st.subheader("确认纳入")
        name = st.selectbox("单位", [u.name for u in held], key="confirm_unit")
        by = st.text_input("确认人", key="confirm_who")
        why = ui.text_area("理由", placeholder="如：经电话核实，自然人列（七）总计多计1件，以各结果行为准",
                           key="confirm_reason")
        if st.form_submit_button("确认纳入汇总"):
            try:
                ru.confirm_unit(s, ws.id, year, name, by, why)
            except (ValueError, ru.RollupError) as e:
                st.error(str(e))
            else:
                st.rerun()

st.subheader("单位情况")
st.dataframe(pd.DataFrame(ru.units_rows(r)), hide_index=True, width="stretch")

st.subheader("合计与分单位明细")
st.caption("选中一行，查看该合计由哪些单位构成。")
frame = pd.DataFrame(ru.breakdown_rows(r))
table = st.radio("统计表", list(workflow.SHEETS.values()), horizontal=True, key="rollup_table")
part = frame[frame["表"] == table].reset_index(drop=True)
event = st.dataframe(part[["单元格", "合计"]], hide_index=True, width="stretch", on_select="rerun",
                     selection_mode="single-row", key=f"rollup_cells_{table}")
rows = event.selection.rows if event is not None else []
if rows:
    line = part.iloc[rows[0]]
    st.markdown(f"**{line['单元格']}**：合计 {line['合计'] or '未填'}")
    who_gave = pd.DataFrame([{"单位": u.name, "数值": line.get(u.name, "")} for u in r.counted])
    st.dataframe(who_gave, hide_index=True, width="stretch")

c1, c2 = st.columns(2)
c1.download_button("下载分单位明细（Excel）", ru.breakdown_xlsx(r, changes), file_name=f"{ws.name}{year}年度汇总明细.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
if c2.button("写入本级政府报告", type="primary", key="rollup_save"):
    rid = ru.save_government_report(s, r)
    s.save_snapshot(ws.id, year, r.snapshot())
    state.select(rid)
    st.success("已写入本级政府报告的统计表和工作情况，可在报告列表中打开起草。")
