"""CLI commands mirroring the app: revise, facts, carry-over, xlsx."""
from __future__ import annotations

import shutil

from typer.testing import CliRunner

from drafting.cli import app
from drafting.io import load_report, save_report
from drafting.model import empty_report

from .conftest import EXAMPLE, FIXTURES
from .replay import ReplayServer

runner = CliRunner()


def _copy(tmp_path, name="r.yaml"):
    p = tmp_path / name
    shutil.copy(EXAMPLE, p)
    return p


def test_revise_with_a_model_shows_changes_and_writes(tmp_path, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    src = _copy(tmp_path)
    out = tmp_path / "out.yaml"
    with ReplayServer(FIXTURES / "llm" / "revise.json") as srv:
        r = runner.invoke(app, ["revise", str(src), "--section", "review_litigation", "--instruction", "删去行政诉讼判决结果",
                                "--out", str(out), "--provider", "openai", "--base-url", srv.url, "--model", "scripted",
                                "--api-key", "sk-cli-test-123456"])
    assert r.exit_code == 0, r.output
    assert "- " in r.output and "+ " in r.output
    text = load_report(out).sections["review_litigation"].text
    assert "判决维持" not in text and "行政复议2件" in text
    assert load_report(src).sections["review_litigation"].text != text      # the input is unchanged


def test_revise_offline_is_refused_plainly(tmp_path):
    r = runner.invoke(app, ["revise", str(_copy(tmp_path)), "--section", "overall", "--instruction", "精简",
                            "--provider", "offline"])
    assert r.exit_code == 2 and "需要配置模型" in r.output


def test_facts_from_text_offline(tmp_path):
    src = _copy(tmp_path)
    r = runner.invoke(app, ["facts", str(src), "--text", "今年组织政务公开专题培训4次。网站新开政策问答专栏。",
                            "--provider", "offline"])
    assert r.exit_code == 0, r.output
    rep = load_report(src)
    assert any(f.value == 4 and f.unit == "次" for f in rep.facts.figures)
    r = runner.invoke(app, ["facts", str(src), "--provider", "offline"])
    assert r.exit_code == 2 and "--text" in r.output


def test_carry_over_and_xlsx_round_trip(tmp_path):
    prev = load_report(EXAMPLE)
    prev_path = tmp_path / "2024.yaml"
    save_report(prev, prev_path)
    cur = empty_report(prev.meta.agency, 2025)
    cur_path = tmp_path / "2025.yaml"
    save_report(cur, cur_path)
    r = runner.invoke(app, ["carry-over", str(cur_path), "--previous", str(prev_path)])
    assert r.exit_code == 0, r.output
    assert load_report(cur_path).cell("applications", "carried_over", "total") == 2
    xlsx = tmp_path / "t.xlsx"
    r = runner.invoke(app, ["xlsx", str(prev_path), "--template", str(xlsx)])
    assert r.exit_code == 0 and xlsx.stat().st_size > 0
    r = runner.invoke(app, ["xlsx", str(cur_path), "--import", str(xlsx)])
    assert r.exit_code == 0, r.output
    assert load_report(cur_path).tables == prev.tables
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not excel")
    r = runner.invoke(app, ["xlsx", str(cur_path), "--import", str(bad)])
    assert r.exit_code == 2 and "不是有效的 Excel" in r.output
