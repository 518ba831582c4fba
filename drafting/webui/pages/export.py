"""导出: Word, web page, Markdown, JSON; gated by the validator, forced only with a recorded reason."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from drafting import workflow
from drafting.export import FORMATS, ExportRefused, export_bytes
from drafting.store import ConflictError
from drafting.webui import state, ui

st.header("导出")
rep = ui.report()
rid, version = state.current_id(), ui.version()
prev = ui.previous_report(rep)
errors = [f for f in ui.findings(rep) if f.severity == "error"]
fmt = st.radio("格式", list(FORMATS), format_func=lambda k: FORMATS[k].label, horizontal=True, key="export_fmt")

# What may be offered: a file made from exactly the stored version now shown. A forced file is
# kept only under the version its record was saved in, so any later change drops it.
offer: workflow.ExportOffer | None = None
kept = st.session_state.get("_export_offer")
if kept is not None and (kept[0], kept[1].version, kept[1].fmt) == (rid, version, fmt):
    offer = kept[1]
else:
    st.session_state.pop("_export_offer", None)

if errors:
    st.error(f"报告有 {len(errors)} 项错误，不能直接导出。请到「校验」页逐项修改：")
    st.markdown("\n".join(f"- {ui.finding_text(f)}" for f in errors[:8])
                + (f"\n- ……另有 {len(errors) - 8} 项" if len(errors) > 8 else ""))
    st.caption("确需先行导出（如送领导审阅）的，须说明理由；理由和操作人将记入报告的修改记录。")
    who = st.text_input("操作人", key="export_who")
    reason = ui.text_input("强制导出的理由", key="export_reason")
    if st.button("记录理由并强制导出", key="export_force"):
        try:
            offer = workflow.export_report(state.store(), rid, fmt, state.shown_version(), force=True, who=who or None,
                                           reason=reason, previous=prev)
        except ExportRefused as e:
            st.error(str(e) if e.needs_reason else "报告有错误，不能导出。")
        except ConflictError:
            st.error("报告已被其他会话修改，强制导出未记录，也未生成文件。请刷新页面、核对最新内容后再导出。")
        else:
            st.session_state["_export_offer"] = (rid, offer)
            ui.saved("已记录强制导出的理由和操作人。")
            st.rerun()       # the record is saved: show the page at the new version with the file
elif offer is None:
    try:
        offer = workflow.export_report(state.store(), rid, fmt, version, previous=prev)
    except ConflictError:
        st.warning("报告刚被其他会话修改，请刷新页面后再导出。")
    else:
        st.session_state["_export_offer"] = (rid, offer)
if offer is not None:
    if not offer.forced:
        warns = [f for f in offer.findings if f.severity == "warning"]
        st.success("校验未发现错误，可以导出。" + (f"（有 {len(warns)} 项警告，请确认后再发布。）" if warns else ""))
    else:
        st.warning("本文件为强制导出，报告仍有错误，请勿作为正式稿发布。")
    st.download_button(f"下载 {offer.filename}", data=offer.data, file_name=offer.filename, mime=offer.mimetype,
                       key=f"export_dl_{offer.fmt}", on_click="ignore")
if fmt == "html":
    with st.expander("网页预览"):
        page, _, _ = export_bytes(rep, "html", previous=prev)
        st.components.v1.html(page.decode("utf-8"), height=800, scrolling=True)
history = [h for h in rep.history if h.action == "forced_export"]
if history:
    st.subheader("强制导出记录")
    st.dataframe(pd.DataFrame([{"时间": h.at, "操作人": h.who, "说明": h.detail} for h in history]),
                 hide_index=True, width="stretch")
