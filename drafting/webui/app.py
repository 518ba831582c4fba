"""The Streamlit app: navigation over the pages in drafting/webui/pages/ (see nav.PAGES)."""
from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import StopException

from ..errors import StoreError
from . import components, nav, state, ui


def main() -> None:
    st.set_page_config(page_title="年报助手", layout="wide")
    pages = nav.build()
    current = st.navigation(nav.sections(pages), position="sidebar")
    state.after_store_failure()
    try:
        _run(pages, current)
    except StoreError as e:
        # Disk full, damaged or read-only database, busy, unreachable server: a Chinese message
        # where the page stopped, never a traceback; what was typed stays in the session.
        state.store_failed(e)
        state.run_completed()
    else:
        state.store_recovered()


def _run(pages: dict, current) -> None:
    # Links written before the navigation existed (?page=数据填报) still land on their page.
    state.current_id()        # take ?report= into the session before any page switch drops it
    legacy = st.query_params.get("page")
    if legacy:
        del st.query_params["page"]
        target = next((p for p in nav.PAGES if legacy in (p.title, p.key)), None)
        if target is not None:
            st.switch_page(pages[target.key])
    with st.sidebar:
        components.localize()      # first: Streamlit's own texts in Chinese even if the database fails
    loaded = state.load()
    if loaded and st.query_params.get("report") != str(state.current_id()):
        st.query_params["report"] = str(state.current_id())   # a reload reopens the same report
    with st.sidebar:
        if loaded:
            rep, version = loaded
            st.caption(f"当前报告：{ui.esc(rep.meta.agency)} {rep.meta.year}年度（第 {version} 版）")
        else:
            st.caption("未选择报告")
        st.toggle("详情", key="show_details", help="显示规则代码、起草来源等技术信息")
    ui.show_toasts()
    state.show_messages()
    try:
        current.run()
    except StopException:
        state.run_completed()      # st.stop(): what the page showed stays on screen
        raise
    # A rerun or a page switch leaves this function by its exception: the errors shown in this
    # run are shown again at the top of the next one (state.fail).
    state.run_completed()
    state.finish()
