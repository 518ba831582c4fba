"""Helpers every page uses: the open report, its findings (validated once per version),
last year's report, and safe display of text a person typed."""
from __future__ import annotations

import re
from collections import OrderedDict

import streamlit as st

from .. import workflow
from ..model import Report
from ..validator import Finding, validate
from . import state

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def esc(text: str) -> str:
    """User text for a markdown element: every markdown and HTML character escaped, so a name
    or a quote is shown as typed and never becomes a link, an image or markup."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def report() -> Report:
    """The open report, or a pointer to 报告列表 and the end of the page."""
    loaded = state.loaded()
    if loaded is None:
        st.info("请先在「报告列表」中新建或打开一份报告。")
        st.stop()
    return loaded[0]


def version() -> int:
    loaded = state.loaded()
    return 0 if loaded is None else loaded[1]


def previous_report(rep: Report) -> Report | None:
    """Last year's report of the same agency, when the workspace has it."""
    got = previous_loaded(rep)
    return None if got is None else got[0]


def previous_loaded(rep: Report) -> tuple[Report, int, int] | None:
    s = state.store()
    pid = s.find(rep.meta.agency, rep.meta.year - 1)
    if pid is None:
        return None
    prev, v = s.get(pid)
    return prev, pid, v


# Findings per (database, report id, version, last year's id and version): a rerun that did not
# change the report does not validate again (issue 14: the validator ran on every rerun).
_CACHE: "OrderedDict[tuple, list[Finding]]" = OrderedDict()
_CACHE_SIZE = 64


def findings(rep: Report | None = None) -> list[Finding]:
    """All findings of the open report (dismissals not applied)."""
    rep = rep or report()
    prev = previous_loaded(rep)
    key = (state.store().url, state.current_id(), version(),
           None if prev is None else (prev[1], prev[2]))
    hit = _CACHE.get(key)
    if hit is not None:
        _CACHE.move_to_end(key)
        return hit
    found = validate(rep, previous=None if prev is None else prev[0])
    _CACHE[key] = found
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return found


def active_findings(rep: Report | None = None) -> workflow.Partitioned:
    rep = rep or report()
    return workflow.apply_dismissals(findings(rep), state.store().dismissals(state.current_id()))


def notice(text: str) -> None:
    """A message shown on the next page run (after st.rerun or a page switch)."""
    st.session_state.setdefault("_notices", []).append(text)


def show_notices() -> None:
    for text in st.session_state.pop("_notices", []):
        st.success(esc(text))          # notices quote names from uploaded files


def saved(text: str = "已保存。") -> None:
    """Every save is confirmed with a toast. Queued and shown at the start of the next run, so
    it survives the st.rerun() that usually follows a save."""
    st.session_state.setdefault("_toasts", []).append(text)


def show_toasts() -> None:
    for text in st.session_state.pop("_toasts", []):
        st.toast(esc(text), icon=":material/check_circle:")


def details() -> bool:
    """Whether the clerk asked for the technical details (rule codes, provenance): off by default."""
    return bool(st.session_state.get("show_details", False))


def finding_text(f) -> str:
    """A finding as the clerk reads it, for a markdown element (escaped: messages quote the
    report's text): the message and the fix; the rule code only when 详情 is on."""
    text = f.message + (f"　建议：{f.fix}" if getattr(f, "fix", None) else "")
    return esc(f"{text}（规则 {f.code}）" if details() else text)
