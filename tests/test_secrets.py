"""The model key never reaches the database, logs, exports or error pages."""
from __future__ import annotations

import logging

import pytest
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from drafting.cli import app as cli
from drafting.store import Store

from .conftest import EXAMPLE, ROOT
from .apptest import goto
from .replay import ReplayServer

KEY = "sk-SECRET-do-not-leak-7f3a9c"
APP = str(ROOT / "app.py")

# A scripted endpoint that echoes the key back in its error text, as some servers do.
LEAKY = {"label": "scripted", "model": "scripted",
         "description": "编写的服务：所有请求返回 500，错误信息里带着请求用的密钥。",
         "exchanges": [{"match": {}, "responses": [{"status": 500, "error": f"internal error for key {KEY}"}]}]}


def _texts(at) -> str:
    parts = []
    for kind in ("error", "warning", "info", "success", "markdown", "caption", "text", "exception"):
        for el in getattr(at, kind):
            parts.append(str(getattr(el, "value", "")) + str(getattr(el, "message", "")))
    return "\n".join(parts)


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/s.db")
    for k in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "DRAFTING_MODEL", "DRAFTING_PROVIDER"):
        monkeypatch.delenv(k, raising=False)
    return tmp_path / "s.db"


def test_key_stays_out_of_db_pages_logs_and_exports(db, caplog, capfd):
    caplog.set_level(logging.DEBUG)
    with ReplayServer(LEAKY) as srv:
        at = AppTest.from_file(APP, default_timeout=90).run()
        at.radio(key="new_how").set_value("示例报告").run()
        at.button(key="new_example").click().run()
        goto(at, "设置")
        at.text_input(key="set_base_url").input(srv.url)
        at.text_input(key="set_model").input("scripted")
        at.text_input(key="set_key").input(KEY).run()
        at.button(key="set_test").click().run()
        pages = [_texts(at)]
        goto(at, "起草")
        at.checkbox(key="draft_overwrite").check().run()
        at.multiselect(key="draft_keys").set_value(["overall"]).run()
        at.button(key="draft_go").click().run()
        pages.append(_texts(at))
        goto(at, "工作情况")
        at.chat_input(key="facts_chat").set_value("今年组织培训3次。").run()
        pages.append(_texts(at))
        goto(at, "修改")
        next(t for t in at.text_input if (t.key or "").startswith("instr_overall__")).input("精简")
        at.button[[b.label for b in at.button].index("按意见修改")].click().run()
        pages.append(_texts(at))
        goto(at, "导出")
        exported = at.download_button
        pages.append(_texts(at))
        assert srv.requests, "the app never called the model"
    joined = "\n".join(pages)
    assert "500" in joined or "出错" in joined           # the failure was reported…
    assert KEY not in joined                              # …without the key
    assert KEY.encode() not in db.read_bytes()
    for wal in db.parent.glob("s.db-*"):
        assert KEY.encode() not in wal.read_bytes()
    assert KEY not in caplog.text
    out, err = capfd.readouterr()
    assert KEY not in out and KEY not in err
    assert len(exported) >= 1
    rep, _ = Store(f"sqlite:///{db}").get(1)
    from drafting.export import export_bytes
    for fmt in ("docx", "html", "md", "json"):
        data, _, _ = export_bytes(rep, fmt)
        assert KEY.encode() not in data


def test_cli_draft_does_not_write_the_key(tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    with ReplayServer(LEAKY) as srv:
        out = tmp_path / "d.yaml"
        r = CliRunner().invoke(cli, ["draft", str(EXAMPLE), "--out", str(out), "--provider", "openai",
                                     "--base-url", srv.url, "--model", "scripted", "--section", "overall",
                                     "--redraft-human"])
        assert srv.requests, "the draft never reached the model"
    assert KEY not in r.output
    assert r.exit_code in (0, 1) and out.exists(), r.output   # the draft is written (offline text stands in)
    assert KEY not in out.read_text("utf-8")


def _disguises(key: str) -> list[str]:
    """The key as a server might echo it so that a plain search misses it."""
    zw = "\u200b".join(key)                      # a zero-width space between every character
    return [key, zw, key[::-1], key[:6] + "\u2060" + key[6:], key.translate({c: c + 0xFEE0 for c in range(0x21, 0x7f)})]


def _visible(text: str) -> str:
    import re
    import unicodedata
    return unicodedata.normalize("NFKC", re.sub("[\u200b-\u200f\u2060-\u206f\ufeff]", "", text))


def test_facts_never_prints_or_writes_an_echoed_key(tmp_path, monkeypatch):
    """A server echoing the key in its follow-up questions and notes, plainly, with zero-width
    characters inside, reversed or in full-width letters: neither the terminal nor the report file
    gets it (the app shares this redaction: drafting.secrets.redact)."""
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    echoes = _disguises(KEY)
    # Notes that cite the clerk's clause are written; ones that do not are refused with a message
    # quoting them: both ways the echoed key would reach the file or the terminal.
    answer = {"items": [{"aspect": "other", "text": f"接口密钥为{e}", "clause": "今年组织培训3次"} for e in echoes]
              + [{"aspect": "other", "text": f"请确认密钥 {e} 是否正确", "clause": f"密钥{e}"} for e in echoes],
              "follow_up": []}
    fx = {"label": "scripted", "model": "scripted", "description": "编写的服务：在追问和要点中回显密钥（各种写法）。",
          "exchanges": [{"match": {}, "responses": [{"json": answer}]}]}
    out = tmp_path / "f.yaml"
    with ReplayServer(fx) as srv:
        r = CliRunner().invoke(cli, ["facts", str(EXAMPLE), "--text", "今年组织培训3次。", "--out", str(out),
                                     "--provider", "openai", "--base-url", srv.url, "--model", "scripted"])
        assert srv.requests, "facts never reached the model"
    assert r.exit_code == 0, r.output
    assert "请确认密钥" in r.output                      # the refusals were printed…
    written = out.read_text("utf-8")
    assert "接口密钥为" in written                        # …and the notes written…
    for text in (r.output, written):                    # …without the key in any spelling
        plain = _visible(text)
        assert KEY not in plain and KEY[::-1] not in plain, text
