"""校验: every finding, grouped by severity, with a way to the cell or section it is about."""
from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from drafting.validator import SEVERITY_ZH
from drafting import workflow
from drafting.webui import nav, state, ui

st.header("校验")
rep = ui.report()
ui.show_notices()
s = state.store()
rid = state.current_id()
part = ui.active_findings(rep)
found = part.active
if not found:
    st.success("未发现问题。")
for sev in ("error", "warning", "info"):
    group = [f for f in found if f.severity == sev]
    if not group:
        continue
    st.subheader(f"{SEVERITY_ZH[sev]}（{len(group)}）")
    seen: dict[str, int] = {}
    for f in group:
        # widgets keyed by the finding, not its place in the list: after one warning is dismissed the
        # next one moves up, and must not inherit the reason typed for the other
        i = hashlib.sha1(f.key.encode("utf-8")).hexdigest()[:12]
        seen[i] = seen.get(i, -1) + 1
        i = f"{i}_{seen[i]}"              # the same slip twice in one section: two findings, one key
        where = workflow.finding_place(rep.template, f)
        with st.container(border=True, key=f"finding_{sev}_{i}"):
            if where:
                st.markdown(f"**{ui.esc(where)}**")
            st.markdown(ui.esc(f.message))
            if f.quote and f.quote not in f.message:
                st.caption("原文：" + ui.esc(f.quote))
            if f.fix:
                st.caption("建议：" + ui.esc(f.fix))
            if ui.details():
                st.caption(f"规则 {f.code}")
            c1, c2 = st.columns([1, 3])
            label = "前往该单元格" if f.table else "前往修改"
            if c1.button(label, key=f"jump_{sev}_{i}"):
                if f.table:
                    st.session_state["table_tab"] = f.table      # open the table the cell is in
                    if f.row and f.col:
                        st.session_state["_focus_cell"] = {"table": f.table, "row": f.row, "col": f.col}
                    nav.go("tables")
                if f.section in rep.template.section_keys:
                    st.session_state["edit_section"] = f.section
                nav.go("edit")
            if f.code == "N006" and f.section and f.quote:
                # a person's figure with no source: one step records it as a fact (source 人工)
                if c2.button("确认此数字无误，记入工作情况", key=f"confirm_{sev}_{i}"):
                    from drafting.engine.facts import confirm_figure
                    fig = state.commit(lambda r, f=f: confirm_figure(r, f.section, f.quote),
                                       note=f"确认正文中的数字「{f.quote}」")
                    if fig is not None:
                        ui.saved(f"已记入工作情况：{fig.label} {fig.said}{fig.unit}（来源：人工）。")
                        st.rerun()
            if sev != "error":
                reason = c2.text_input("忽略理由", key=f"reason_{sev}_{i}", placeholder="填写理由后可忽略此警告")
                if c2.button("忽略", key=f"dismiss_{sev}_{i}"):
                    try:
                        s.dismiss(rid, f.code, f.key, reason)
                    except ValueError as e:
                        st.error(str(e))
                    else:
                        ui.saved("已忽略该警告，理由已记录。")
                        st.rerun()
if part.dismissed:
    st.subheader(f"已忽略（{len(part.dismissed)}）")
    rows = [{"问题": f.message, "理由": r} | ({"规则": f.code} if ui.details() else {}) for f, r in part.dismissed]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
