"""检查各单位: batch review of the units' published reports, scores with evidence, charts, Excel."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from drafting import review as rv_mod
from drafting import workflow
from drafting.formats import get_template, version_for_year
from drafting.rollup_demo import load_demo_workspace
from drafting.webui import state, ui
from drafting.webui.workspace_ui import pick_workspace, pick_year

st.header("检查各单位报告")
s = state.store()
ws = pick_workspace(s, demo=load_demo_workspace)
if ws is None:
    st.stop()
year = pick_year("review_year")
with st.expander("评分标准"):
    st.dataframe(pd.DataFrame([{"评分项": c.name, "分值": c.points, "标准": c.rule} for c in rv_mod.CRITERIA]),
                 hide_index=True, width="stretch")
data = s.last_review(ws.id, year)
with st.expander("上传各单位已发布的报告并检查", expanded=not data), st.form("review_upload"):
    # No type filter (the uploader would list extensions in Latin letters); unreadable files get
    # a row saying why.
    files = ui.file_uploader("各单位已发布的报告：文本、网页、Word 或报告文件（可多选；同时上传上一年度的报告可核对照搬）",
                             key="review_files", multiple=True)
    dates_file = ui.file_uploader("发布日期（可选：逗号分隔的文本或 Excel，第一列文件名或单位名称，第二列日期）",
                                  key="review_dates")
    go = st.form_submit_button("开始检查", type="primary")
if go:
    if not files:
        st.error("请先选择要检查的报告文件。")
    else:
        dates = {}
        if dates_file is not None:
            try:
                dates = rv_mod.read_dates_bytes(dates_file.name, dates_file.getvalue())
            except ValueError as e:
                st.error(str(e))
                st.stop()
        with st.spinner(f"正在检查 {len(files)} 个文件……"):
            rv_mod.review_uploads(s, ws.id, year, [(f.name, f.getvalue()) for f in files], dates)
        st.rerun()

if not data:
    st.info(f"{ws.name}还没有{year}年度的检查结果。请上传各单位已发布的报告。")
    st.stop()
rv = rv_mod.Review.from_data(data)
rows = rv_mod.summary_frame(rv)
n = len(rv.units)
full = int((rows["得分"] == rv_mod.FULL_SCORE).sum())
c1, c2, c3, c4 = st.columns(4)
c1.metric("检查单位", n)
c2.metric("满分单位", full)
c3.metric("未按时公布", int((rows["按时公布"] == rv_mod.NOT_MET).sum()))
c4.metric("平均得分", f"{rows['得分'].mean():.1f}")
st.subheader("评分汇总")
st.caption("点击列名排序；选中一行查看该单位每一评分项的依据和全部问题。")
event = st.dataframe(rows, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
                     key="review_table")
picked = event.selection.rows if event is not None else []
if picked:
    u = rv.units[int(rows.index[picked[0]])]
    st.subheader(u.agency or u.file)
    st.dataframe(pd.DataFrame([{"评分项": c.criterion.name, "结果": c.status, "得分": c.points, "依据": c.evidence}
                               for c in u.criteria]), hide_index=True, width="stretch")
    if u.findings:
        tpl = get_template(u.template or version_for_year(u.year or 2021))
        st.dataframe(pd.DataFrame([({"代码": f.code} if ui.details() else {})      # rule codes only with 详情
                                   | {"级别": rv_mod.SEVERITY_ZH[f.severity],
                                      "位置": workflow.finding_place(tpl, f), "说明": f.message} for f in u.findings]),
                     hide_index=True, width="stretch")
st.subheader("图表")
a, b = st.columns(2)
counts = pd.DataFrame(rv.criterion_counts()).T
a.caption("各评分项的单位数")
a.bar_chart(counts, horizontal=True, stack=True, x_label="单位数", y_label="评分项")
b.caption("得分分布")
b.bar_chart(rows["得分"].value_counts().sort_index().rename("单位数"), x_label="得分", y_label="单位数")
st.download_button("下载检查结果（Excel）", rv_mod.review_xlsx(rv), file_name=f"{ws.name}{year}年度报告检查结果.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", type="primary")
