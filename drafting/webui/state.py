"""Session plumbing for the Streamlit pages: the store, the current report, saving with a
version check. Pages call these and the library; they hold no business logic."""
from __future__ import annotations

import os
from typing import Any, Callable

import streamlit as st
from pydantic import ValidationError
from streamlit.errors import StreamlitAPIException

from ..errors import DraftingError, StoreError
from ..io import validation_messages
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
    rep, version = s.get(rid)      # a StoreError here is shown by the app (app.main)
    expected = st.session_state.get(_vkey(rid), version)
    if version != expected and not force:
        st.session_state["_pending_conflict"] = str(ConflictError(rid, expected, version))
        return None
    try:
        result = mutate(rep)
    except (CellError, ValueError, DraftingError) as e:
        fail(error_messages(e))
        return None
    try:
        new_version = s.save(rid, rep, version, origin=origin, note=note)
    except ConflictError as e:
        st.session_state["_pending_conflict"] = str(e)
        return None
    except DraftingError as e:      # disk full, database damaged, text over a bound: typed, Chinese
        fail(e.messages)
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
    for messages in st.session_state.pop("_errors", []):
        _show(messages)


def error_messages(e: CellError | ValueError | DraftingError) -> list[str]:
    """The Chinese messages of an error the user can fix, chosen by its type (never by its
    text)."""
    if isinstance(e, ValidationError):          # a pydantic model refused a value: name the field
        return validation_messages(e)
    if isinstance(e, DraftingError):
        return e.messages
    return [str(e)]                             # the library's own checks, written in Chinese


def _show(messages: list[str]) -> None:
    from .ui import esc                          # ui imports this module
    st.error("  \n".join(esc(m) for m in messages))


def fail(messages: list[str]) -> None:
    """An error of the user's action: shown now, where the action was, and kept for the top of
    the next run in case this run ends in a rerun (app.main drops it when the run completes)."""
    _show(messages)
    st.session_state.setdefault("_errors", []).append(list(messages))


def run_completed() -> None:
    """This run drew its page to the end: the errors it showed need not be shown again."""
    st.session_state.pop("_errors", None)


# -- text typed by the user, kept through a failing database --------------------------------
# Streamlit forgets the value of a widget that a run does not draw. When the database fails
# (StoreError), a page stops before drawing its widgets, and the text typed into them would be
# gone by the time the database works again. The keys of text widgets are registered here;
# after a failure their values are set through the Session State API, which Streamlit keeps
# whether or not the widget is drawn.
_TYPED = "_typed_keys"
_FAILED = "_store_failed"


def typed(key: str) -> str:
    """Register a widget key whose value is text the user typed; returns the key."""
    st.session_state.setdefault(_TYPED, set()).add(key)
    return key


def keep_typed() -> None:
    keys = st.session_state.get(_TYPED, set())
    for key in list(keys):
        if key not in st.session_state:
            keys.discard(key)           # a widget of an earlier generation (wkey), gone
            continue
        try:
            st.session_state[key] = st.session_state[key]
        except StreamlitAPIException:
            # Drawn in this run, so kept until the next run, which keeps it again (app.main).
            pass


def store_failed(e: StoreError) -> None:
    """A database failure reached the app: say so in Chinese and keep what was typed."""
    st.session_state[_FAILED] = True
    keep_typed()
    _show(e.messages)


def after_store_failure() -> None:
    """Start of a run: while the database has just failed, keep typed text again."""
    if st.session_state.get(_FAILED):
        keep_typed()


def store_recovered() -> None:
    st.session_state.pop(_FAILED, None)


def settings() -> dict:
    """Model settings for this browser session only; the key is never written anywhere."""
    return st.session_state.setdefault("llm_settings", {
        "base_url": os.environ.get("OPENAI_BASE_URL", ""),
        "model": os.environ.get("DRAFTING_MODEL", ""),
        "api_key": os.environ.get("OPENAI_API_KEY", ""),
    })
