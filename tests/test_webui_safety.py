"""Text a person typed (or a file said) is never rendered as HTML in the app (issue 14, item 1:
an agency name carrying an iframe with a srcdoc script ran in the app's origin on 报告列表)."""
from __future__ import annotations

from pathlib import Path

from drafting.io import load_report
from drafting.store import Store

from .apptest import db, goto, new_app  # noqa: F401 (db is a fixture)
from .conftest import EXAMPLE, ROOT

ATTACK = '某局<iframe srcdoc="<script>parent.document.title=\'pwned\'</script>"></iframe>'


def _markdowns(at):
    """Every markdown-like element on the page (markdown, caption, alerts) with its HTML flag."""
    out = []
    for group in (at.markdown, at.caption, at.info, at.warning, at.error, at.success):
        for el in group:
            out.append((el.value, bool(getattr(el.proto, "allow_html", False))))
    return out


def _with_attack(db):
    rep = load_report(EXAMPLE)
    rep.meta.agency = ATTACK
    return Store(db).create(rep, origin="import")


def test_agency_name_with_script_is_shown_as_text_on_every_page(db):
    rid = _with_attack(db)
    at = new_app()
    at.session_state["report_id"] = rid
    at.run()
    for title in ("报告列表", "概览", "基本信息", "数据填报", "校验", "导出"):
        goto(at, title)
        shown = [(v, html) for v, html in _markdowns(at) if "iframe" in v]
        assert all(not html for _, html in shown), (title, shown)
        # escaped for markdown: the tag is text, not an element
        assert all("<iframe" not in v or "\\<iframe" in v for v, _ in shown), (title, shown)
    goto(at, "报告列表")
    assert any("\\<iframe" in v for v, _ in _markdowns(at))      # the name is on the list, as text


def test_no_page_module_renders_html_from_strings():
    """No page or helper of the app passes unsafe_allow_html at all: what the app shows as
    markup is built by its own components from text nodes."""
    src = Path(ROOT / "drafting" / "webui")
    offenders = [str(p.relative_to(ROOT)) for p in src.rglob("*.py") if "unsafe_allow_html=True" in p.read_text("utf-8")]
    assert offenders == []
