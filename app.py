"""年报助手 — Streamlit app. Pages call the library; no business logic here."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from drafting.io import ReportLoadError, load_report, loads_report
from drafting.validator import has_errors, validate
from drafting.views import findings_frame, table_frame

ROOT = Path(__file__).resolve().parent
FIXTURES = ROOT / "fixtures" / "reports"

st.set_page_config(page_title="年报助手", layout="wide")
st.title("年报助手 · 政府信息公开工作年度报告")

source = st.radio("报告来源", ["示例报告", "上传报告文件"], horizontal=True, key="source")
report = None
if source == "示例报告":
    choices = sorted(p.name for p in FIXTURES.glob("*.yaml"))
    name = st.selectbox("选择报告文件", choices, key="fixture",
                        index=choices.index("example.yaml") if "example.yaml" in choices else 0)
    try:
        report = load_report(FIXTURES / name)
    except ReportLoadError as e:
        st.error("无法读取报告文件：\n\n" + "\n\n".join(e.errors))
else:
    up = st.file_uploader("上传报告文件（YAML）", type=["yaml", "yml"], key="upload")
    if up is not None:
        try:
            report = loads_report(up.getvalue().decode("utf-8-sig"), up.name)
        except UnicodeDecodeError:
            st.error("文件不是 UTF-8 编码的文本。")
        except ReportLoadError as e:
            st.error("无法读取报告文件：\n\n" + "\n\n".join(e.errors))

if report is not None:
    meta = report.meta
    st.subheader(f"{meta.agency} {meta.year}年政府信息公开工作年度报告")
    st.caption(f"机关层级：{meta.level.value}　模板：{meta.template_version}版　"
               f"（{report.template.document_no}）")
    findings = validate(report)
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    if has_errors(findings):
        st.error(f"校验发现错误 {errors} 项、警告 {warnings} 项。")
    elif findings:
        st.warning(f"校验未发现错误，有警告 {warnings} 项。")
    else:
        st.success("校验通过：未发现问题。")
    if findings:
        st.dataframe(findings_frame(findings), hide_index=True, width="stretch")

    for s in report.template.sections:
        st.markdown(f"#### {s.title}")
        sec = report.sections.get(s.key)
        if sec is None and not (s.kind == "table" and report.tables.get(s.table) is not None):
            st.info("（本报告缺少这一部分）")
            continue
        if sec and sec.text:
            st.text(sec.text)
        if s.kind == "table":
            if report.tables.get(s.table) is None:
                st.info("（缺少统计表）")
            else:
                st.dataframe(table_frame(report, s.table), width="stretch")
