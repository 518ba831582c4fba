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


def goto(at: AppTest, page: str) -> AppTest:
    at.radio(key="page").set_value(page).run()
    assert not at.exception, at.exception
    return at
