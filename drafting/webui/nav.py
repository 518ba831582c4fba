"""The app's page registry: one entry per page, one module per page in drafting/webui/pages/.

To add a page, write drafting/webui/pages/<name>.py (it runs top to bottom on every rerun,
like a Streamlit page script, and calls the library) and add one PageDef to PAGES, or call
register() from a plugin module. The navigation, the sidebar, the legacy ``?page=`` links and
the tests' ``goto()`` all read this list, so nothing else needs to change.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

PAGES_DIR = Path(__file__).resolve().parent / "pages"


@dataclass(frozen=True)
class PageDef:
    key: str                 # URL path (/tables) and the file name pages/<key>.py
    title: str               # what the clerk reads in the sidebar and as the page heading
    group: str = "本报告"     # sidebar section; "" = above the sections
    needs_report: bool = True
    icon: str | None = None  # Material icon, e.g. ":material/table:"

    @property
    def url(self) -> str:
        """Its address below the app's root: the first page is the root itself."""
        return "" if PAGES and PAGES[0].key == self.key else self.key

    @property
    def path(self) -> Path:
        return PAGES_DIR / f"{self.key}.py"


# The order a clerk works in. Groups appear in the order of their first page.
PAGES: list[PageDef] = [
    PageDef("reports", "报告列表", group="", needs_report=False, icon=":material/folder_open:"),
    PageDef("overview", "概览", icon=":material/dashboard:"),
    PageDef("meta", "基本信息", icon=":material/badge:"),
    PageDef("tables", "数据填报", icon=":material/table:"),
    PageDef("facts", "工作情况", icon=":material/checklist:"),
    PageDef("draft", "起草", icon=":material/edit_note:"),
    PageDef("edit", "修改", icon=":material/edit:"),
    PageDef("check", "校验", icon=":material/fact_check:"),
    PageDef("export", "导出", icon=":material/download:"),
    PageDef("rollup", "汇总各单位报告", group="政务公开办", needs_report=False, icon=":material/functions:"),
    PageDef("review", "检查各单位报告", group="政务公开办", needs_report=False, icon=":material/rule:"),
    PageDef("settings", "设置", group="系统", needs_report=False, icon=":material/settings:"),
]


def register(page: PageDef, after: str | None = None) -> None:
    """Add a page (idempotent); ``after`` is the key of the page it follows."""
    if any(p.key == page.key for p in PAGES):
        return
    if after is None:
        PAGES.append(page)
    else:
        i = next(i for i, p in enumerate(PAGES) if p.key == after)
        PAGES.insert(i + 1, page)


def by_title(title: str) -> PageDef:
    return next(p for p in PAGES if p.title == title)


def by_key(key: str) -> PageDef:
    return next(p for p in PAGES if p.key == key)


_BUILT = "_nav_pages"


def build() -> dict[str, "st.navigation.page.StreamlitPage"]:
    """st.Page objects for this run, keyed by PageDef.key."""
    pages = {p.key: st.Page(str(p.path), title=p.title, url_path=p.key, icon=p.icon,
                            default=(i == 0)) for i, p in enumerate(PAGES)}
    st.session_state[_BUILT] = pages
    return pages


def sections(pages: dict) -> dict[str, list]:
    out: dict[str, list] = {}
    for p in PAGES:
        out.setdefault(p.group, []).append(pages[p.key])
    return out


def page(key_or_title: str):
    """The st.Page of a registered page, for st.page_link and st.switch_page."""
    pages = st.session_state.get(_BUILT) or build()
    key = next((p.key for p in PAGES if key_or_title in (p.key, p.title)), key_or_title)
    return pages[key]


def go(key_or_title: str) -> None:
    """Switch to a page now (ends this run)."""
    pages = st.session_state.get(_BUILT) or build()
    key = next((p.key for p in PAGES if key_or_title in (p.key, p.title)), key_or_title)
    st.switch_page(pages[key])
