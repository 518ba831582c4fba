"""基本信息: the agency, its short names, level, year, template, region and signing date."""
from __future__ import annotations

import streamlit as st

from drafting import workflow
from drafting.formats import VERSIONS, get_template
from drafting.model import Level, Meta, Report
from drafting.webui import state, ui

st.header("基本信息")
rep = ui.report()
m = rep.meta
st.info(workflow.deadline_text(rep))
with st.form(state.wkey("meta_form")):
    agency = st.text_input("机关全称", value=m.agency)
    shorts = st.text_input("简称（用顿号或逗号分隔）", value="、".join(m.short_names))
    c1, c2, c3 = st.columns(3)
    levels = [lv.value for lv in Level]
    level = c1.selectbox("机关层级", levels, index=levels.index(m.level.value), placeholder="请选择")
    year = c2.number_input("报告年度", min_value=2019, max_value=2100, value=m.year, step=1)
    options = ["按年度推定", *VERSIONS]
    tpl = c3.selectbox("模板版本", options, index=options.index(m.template) if m.template else 0, placeholder="请选择",
                       format_func=lambda o: o if o == "按年度推定" else f"{o}年版")
    region = st.text_input("所在行政区（如 银川市兴庆区）", value=m.region or "")
    date = st.text_input("落款日期（如 2026年1月20日）", value=m.date or "")
    if st.form_submit_button("保存基本信息"):
        def mutate(r: Report):
            names = [x.strip() for x in shorts.replace("，", "、").replace(",", "、").split("、") if x.strip()]
            new = Meta(agency=agency, short_names=names, level=Level(level), year=int(year),
                       template=None if tpl == "按年度推定" else tpl, region=region or None, date=date or None,
                       signed=m.signed)      # what the published 落款 said: a fact about the text read
            workflow.change_meta(r, new)
        if state.commit(mutate):
            ui.saved("基本信息已保存。")
            st.rerun()
st.caption(f"当前使用{m.template_version}年版模板（{get_template(m.template_version).document_no}）；"
           f"按报告年度应使用{m.derived_template}年版。")
