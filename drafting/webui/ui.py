"""Helpers every page uses: the open report, its findings (validated once per version),
last year's report, and safe display of text a person typed."""
from __future__ import annotations

import math
import re
from collections import OrderedDict
from pathlib import PurePath

import streamlit as st

from .. import limits, workflow
from ..errors import LimitExceeded
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


# -- bounded input ---------------------------------------------------------------------------
# What a clerk types is bounded at the widget (max_chars), by the same bounds the library
# checks (drafting/limits.py), so an oversize paste is cut off where it is pasted instead of
# being refused after a save. The keys are registered with state.typed(), so the text survives
# a run in which the database failed (state.keep_typed).

def text_area(label: str, key: str, bound: str = "section_chars", **kwargs) -> str:
    return st.text_area(label, key=state.typed(key), max_chars=limits.limit(bound), **kwargs)


def text_input(label: str, key: str, bound: str = "section_chars", **kwargs) -> str:
    return st.text_input(label, key=state.typed(key), max_chars=limits.limit(bound), **kwargs)


# -- uploads ---------------------------------------------------------------------------------
# Every type has its own size bound (drafting.limits.UPLOAD_BYTES). The browser refuses a file
# over the uploader's max_upload_size before sending it, so that is set to the largest bound of
# the types the uploader takes; a file of a type with a smaller bound is refused here, naming
# the file and its bound. server.maxUploadSize (.streamlit/config.toml) is at least the largest
# bound of all (a test checks), or the server would refuse what the uploader allows.
ANY_REPORT_FILE = tuple(limits.UPLOAD_BYTES)     # uploaders without a type filter


def upload_bounds(exts) -> list[limits.Bound]:
    """The distinct size bounds of these file types, in the order of drafting.limits.BOUNDS."""
    keys = {limits.upload_bound("f" + (e if e.startswith(".") else "." + e)) for e in exts}
    return [b for k, b in limits.BOUNDS.items() if k in keys]


def upload_limit_mb(exts) -> int:
    return math.ceil(max(b.limit for b in upload_bounds(exts)) / limits.MB)


def upload_help(exts) -> str:
    return "文件大小上限：" + "；".join(f"{b.subject} {limits.amount(b.limit, b.unit)}"
                                    for b in upload_bounds(exts)) + "。"


def oversize(name: str, size: int) -> LimitExceeded | None:
    """The error for a file over the bound of its type, or None."""
    key = limits.upload_bound(name)
    try:
        limits.check(key, size, what=f"{limits.BOUNDS[key].subject}「{PurePath(name).name}」")
    except LimitExceeded as e:
        return e
    return None


def file_uploader(label: str, exts=None, key: str | None = None, multiple: bool = False, **kwargs):
    """st.file_uploader with the per-type size bounds: ``exts`` the accepted types (None: any
    type the library reads, with no filter in the browser). Files over their type's bound are
    refused with a Chinese message and left out of what is returned."""
    kinds = exts or ANY_REPORT_FILE
    got = st.file_uploader(label, type=[e.lstrip(".") for e in exts] if exts else None, key=key,
                           accept_multiple_files=multiple, max_upload_size=upload_limit_mb(kinds),
                           help=upload_help(kinds), **kwargs)
    files = (got or []) if multiple else ([got] if got is not None else [])
    ok = []
    for f in files:
        err = oversize(f.name, f.size)
        if err is None:
            ok.append(f)
        else:
            st.error(esc("；".join(err.messages)) + "。")
    return ok if multiple else (ok[0] if ok else None)
