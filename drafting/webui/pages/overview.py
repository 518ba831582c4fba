"""概览: where the open report stands (the five steps), the deadline, and its figures as charts."""
from __future__ import annotations

import streamlit as st

from drafting import workflow
from drafting.export import charts
from drafting.webui import nav, ui

st.header("概览")
rep = ui.report()
st.subheader(f"{ui.esc(rep.meta.agency)} {rep.meta.year}年度")
st.info(workflow.deadline_text(rep))

steps = workflow.progress(rep, ui.active_findings(rep).active)
done = sum(s.done for s in steps)
st.progress(done / len(steps), text=f"已完成 {done}/{len(steps)} 步")
cols = st.columns(len(steps))
for col, step in zip(cols, steps):
    with col.container(border=True):
        st.markdown((":material/check_circle: " if step.done else ":material/radio_button_unchecked: ")
                    + f"**{step.title}**")
        st.caption(step.detail)
        st.page_link(nav.page(step.key), label=f"前往{step.title}")

figures = charts.key_figures(rep)
if figures:
    st.subheader("主要数字")
    mcols = st.columns(min(len(figures), 5))
    for i, (label, value, unit) in enumerate(figures[:10]):
        mcols[i % len(mcols)].metric(label, f"{value} {unit}".strip())

prev = ui.previous_report(rep)
shown = []
outcome = charts.outcomes_chart(rep)
if outcome is not None and outcome.has_data:
    shown.append(outcome)
if prev is not None:
    shown += charts.year_over_year_charts(rep, prev)
if shown:
    st.subheader("图表")
    for ch in shown:
        st.markdown(f"**{ui.esc(ch.title)}**（单位：{ch.unit}）")
        frame = workflow.chart_frame(ch)
        # sort=False keeps the template's order of rows (予以公开 … 其他处理)
        st.bar_chart(frame, horizontal=True, stack=False, sort=False, x_label=ch.unit, y_label="",
                     color=list(ch.colors[:len(frame.columns)]))
    if prev is None:
        st.caption(f"报告列表中有{ui.esc(rep.meta.agency)}{rep.meta.year - 1}年度的报告时，这里还会显示与上年的对比。")
else:
    st.caption("统计表填好后，这里显示申请办理结果等图表。")
