"""The workspace and year pickers shared by the 汇总 and 检查各单位 pages."""
from __future__ import annotations

from datetime import date

import streamlit as st

from drafting.store import Workspace


def pick_workspace(store, demo=None) -> Workspace | None:
    """Choose a workspace, or create one (a government and its units); None if there is none yet."""
    spaces = store.workspaces()
    names = [w.name for w in spaces]
    cur = st.session_state.get("workspace_id")
    idx = next((i for i, w in enumerate(spaces) if w.id == cur), 0)
    c1, c2 = st.columns([3, 1])
    chosen = c1.selectbox("工作区（人民政府）", names, index=idx if spaces else None, key="workspace_pick",
                          placeholder="还没有工作区") if spaces else None
    with c2.popover("新建工作区"):
        with st.form("new_workspace"):     # not cleared on submit: refused input stays to be corrected
            name = st.text_input("人民政府全称", placeholder="如 青禾市云溪区人民政府", key="ws_name")
            region = st.text_input("行政区", placeholder="如 青禾市云溪区", key="ws_region")
            if st.form_submit_button("新建"):
                try:
                    st.session_state["workspace_id"] = store.create_workspace(name, region)
                except ValueError as e:
                    st.error(str(e))
                else:
                    for k in ("ws_name", "ws_region"):
                        del st.session_state[k]
                    st.rerun()
        if demo is not None and st.button("载入示例工作区", key="demo_workspace",
                                          help="虚构的青禾市云溪区人民政府及其12个单位，数据均为虚构"):
            st.session_state["workspace_id"] = demo(store, default_year())
            st.rerun()
    if not spaces:
        st.info("请先新建工作区，或载入示例工作区。")
        return None
    ws = spaces[names.index(chosen)]
    st.session_state["workspace_id"] = ws.id
    return ws


def default_year() -> int:
    """Last year: the year whose reports are due in January and March of this one."""
    return date.today().year - 1


def pick_year(key: str) -> int:
    years = list(range(date.today().year, 2018, -1))
    return int(st.selectbox("报告年度", years, key=key, index=years.index(default_year())))
