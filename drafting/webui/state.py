"""Session plumbing for the Streamlit pages: the store, the current report, saving with a
version check. Pages call these and the library; they hold no business logic."""
from __future__ import annotations

import os
from typing import Any, Callable

import streamlit as st

from ..errors import DraftingError
from ..model import CellError, Report
from ..store import ConflictError, NotFound, Store


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    return Store(url)


def store() -> Store:
    from ..store import database_url
    return _store(os.environ.get("DATABASE_URL") or database_url())


def current_id() -> int | None:
    rid = st.session_state.get("report_id")
    if rid is None:
        q = st.query_params.get("report")
        if q and q.isdigit() and len(q) <= 9:     # a database id, not any digit string
            rid = int(q)
            st.session_state["report_id"] = rid
    return rid


def select(report_id: int | None) -> None:
    st.session_state["report_id"] = report_id
    if report_id is None:
        st.query_params.pop("report", None)
    else:
        st.query_params["report"] = str(report_id)


def _vkey(rid: int) -> str:
    return f"_version_{rid}"


def load() -> tuple[Report, int] | None:
    """The current report as stored now. The version the user was shown is kept until
    finish() at the end of the run, so that saves in this run are checked against it."""
    rid = current_id()
    st.session_state["_loaded"] = None
    if rid is None:
        return None
    try:
        rep, version = store().get(rid)
    except NotFound:
        select(None)
        return None
    st.session_state.setdefault(_vkey(rid), version)
    st.session_state["_loaded"] = (rep, version)
    return rep, version


def loaded() -> tuple[Report, int] | None:
    """What load() returned at the start of this run (the pages read it instead of the database)."""
    if current_id() is None:
        return None
    return st.session_state.get("_loaded")


def shown_version() -> int | None:
    """The version of the open report the user was looking at when they acted (a save or an
    export in this run is checked against it, not against what this run loaded)."""
    rid = current_id()
    if rid is None:
        return None
    loaded_now = st.session_state.get("_loaded")
    return st.session_state.get(_vkey(rid), loaded_now[1] if loaded_now else None)


def finish() -> None:
    """End of a run: what the page now shows is the stored version."""
    rid = current_id()
    if rid is None or st.session_state.get("_pending_conflict"):
        return
    try:
        _, version = store().get(rid)
    except NotFound:
        return
    st.session_state[_vkey(rid)] = version


def wkey(name: str, sep: str = "__") -> str:
    """Widget key that is renewed when the page must show stored values afresh (components
    need another ``sep``: Streamlit reserves "__" in their keys)."""
    return f"{name}{sep}{st.session_state.get('_gen', 0)}"


def refresh_widgets() -> None:
    st.session_state["_gen"] = st.session_state.get("_gen", 0) + 1


def commit(mutate: Callable[[Report], Any], origin: str = "user", note: str = "",
           force: bool = False) -> Any:
    """Load, apply ``mutate`` and save, refusing if another session saved since this page
    was shown. Errors are kept in session state for the page to show; the user's input stays
    in its widgets, so nothing typed is lost."""
    rid = current_id()
    if rid is None:
        return None
    s = store()
    rep, version = s.get(rid)
    expected = st.session_state.get(_vkey(rid), version)
    if version != expected and not force:
        st.session_state["_pending_conflict"] = str(ConflictError(rid, expected, version))
        return None
    try:
        result = mutate(rep)
    except (CellError, ValueError, DraftingError) as e:
        st.session_state.setdefault("_errors", []).append(str(e))
        return None
    try:
        new_version = s.save(rid, rep, version, origin=origin, note=note)
    except ConflictError as e:
        st.session_state["_pending_conflict"] = str(e)
        return None
    except DraftingError as e:      # disk full, database damaged, text over a bound: typed, Chinese
        st.session_state.setdefault("_errors", []).append(str(e))
        return None
    st.session_state[_vkey(rid)] = new_version
    st.session_state["_pending_conflict"] = None
    return result if result is not None else True


def show_messages() -> None:
    conflict = st.session_state.get("_pending_conflict")
    if conflict:
        st.warning(conflict)
        c1, c2 = st.columns(2)
        if c1.button("载入最新版本（放弃本页未保存的修改）", key="_reload_latest"):
            rid = current_id()
            st.session_state["_pending_conflict"] = None
            st.session_state.pop(_vkey(rid), None)
            refresh_widgets()
            st.rerun()
        if c2.button("以本页内容覆盖保存", key="_force_save"):
            rid = current_id()
            _, version = store().get(rid)
            st.session_state[_vkey(rid)] = version
            st.session_state["_pending_conflict"] = None
            st.rerun()
    for e in st.session_state.pop("_errors", []):
        st.error(e)


def settings() -> dict:
    """Model settings for this browser session only; the key is never written anywhere."""
    return st.session_state.setdefault("llm_settings", {
        "base_url": os.environ.get("OPENAI_BASE_URL", ""),
        "model": os.environ.get("DRAFTING_MODEL", ""),
        "api_key": os.environ.get("OPENAI_API_KEY", ""),
    })
