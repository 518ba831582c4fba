"""Shared helpers for the AppTest page tests."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from .conftest import ROOT

APP = str(ROOT / "app.py")


@pytest.fixture
def db(tmp_path, monkeypatch):
    """A fresh SQLite workspace for the app, and no model configured (offline drafter)."""
    url = f"sqlite:///{tmp_path}/app.db"
    monkeypatch.setenv("DATABASE_URL", url)
    for k in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "DRAFTING_MODEL", "DRAFTING_PROVIDER"):
        monkeypatch.delenv(k, raising=False)
    return url


def new_app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=90)


def with_example() -> AppTest:
    """The app with the example report loaded from 报告列表."""
    at = new_app().run()
    at.radio(key="new_how").set_value("示例报告").run()
    at.button(key="new_example").click().run()
    assert not at.exception
    return at


def page_path(title: str) -> str:
    """The page file of a page title, relative to app.py (what AppTest.switch_page wants)."""
    from drafting.webui import nav
    return str(nav.by_title(title).path.relative_to(ROOT))


def goto(at: AppTest, page: str) -> AppTest:
    """Open a page by its title, as a click in the sidebar does."""
    at.switch_page(page_path(page)).run()
    assert not at.exception, at.exception
    return at


def current_page(at: AppTest) -> str:
    """The heading of the page now shown."""
    return at.header[0].value


def component_data(at: AppTest, name: str) -> list[dict]:
    """The data passed to each of the app's own browser components called ``name`` on this page
    (AppTest lists them as unknown elements; the data is the JSON Streamlit sends the browser)."""
    import json
    out = []

    def walk(node):
        children = getattr(node, "children", None)
        for c in (children.values() if isinstance(children, dict) else children or []):
            if type(c).__name__ == "UnknownElement" and c.type == "bidi_component" \
                    and c.proto.component_name == name:
                out.append(json.loads(c.proto.json))
            walk(c)
    walk(at._tree)
    return out


def diff_inserted(at: AppTest) -> list[str]:
    return [t for d in component_data(at, "nianbao_diff") for op, t in d["parts"] if op == "ins"]


def diff_deleted(at: AppTest) -> list[str]:
    return [t for d in component_data(at, "nianbao_diff") for op, t in d["parts"] if op == "del"]


def type_text(at: AppTest, key: str, text: str) -> AppTest:
    """What the 修改 editor sends while the clerk types (it reports the text as typed)."""
    at.session_state[key] = {"text": text}
    return at.run()


def editor_text(at: AppTest) -> str:
    """The text the 修改 editor was given to show."""
    return component_data(at, "nianbao_editor")[0]["text"]
