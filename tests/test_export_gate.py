"""The export gate (library and `drafting export`), Markdown and JSON output."""
from __future__ import annotations

import getpass
import json
import shutil
from datetime import datetime, timezone

import pytest
from typer.testing import CliRunner

from drafting.cli import app
from drafting.export import (FORCED_EXPORT, FORMATS, ExportRefused, export_bytes, export_filename,
                             gated_export)
from drafting.io import load_report

from .conftest import EXAMPLE, SEED

runner = CliRunner()


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_clean_report_exports_in_every_format(example, fmt):
    res = gated_export(example, fmt)
    assert res.data and not res.forced and res.override is None and example.history == []
    assert res.filename == export_filename(example, fmt) and res.filename.endswith("." + FORMATS[fmt].ext)
    assert res.mimetype == FORMATS[fmt].mimetype


def test_report_with_errors_is_refused(seed):
    with pytest.raises(ExportRefused) as e:
        gated_export(seed, "docx")
    codes = {f.code for f in e.value.errors}
    assert {"I001", "I002", "S001", "T001", "Y002"} <= codes
    assert all(f.severity == "error" for f in e.value.errors)
    assert "不能导出" in str(e.value) and "I001" in str(e.value)
    assert seed.history == []


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_force_needs_a_reason(seed, reason):
    with pytest.raises(ExportRefused) as e:
        gated_export(seed, "html", force=True, reason=reason)
    assert e.value.needs_reason and "理由" in str(e.value)
    assert seed.history == []


def test_forced_export_records_who_when_why_and_codes(seed):
    before = datetime.now(timezone.utc).replace(microsecond=0)
    res = gated_export(seed, "md", force=True, reason="经分管领导同意，先行报送审阅", who="张三")
    assert res.forced and res.data.decode("utf-8").startswith("# 银川市兴庆区科学技术局2019年")
    entry = seed.history[-1]
    assert entry is res.override and entry.action == FORCED_EXPORT and entry.who == "张三"
    assert entry.at >= before
    assert "经分管领导同意，先行报送审阅" in entry.detail and "md" in entry.detail
    for code in ("I001", "I002", "S001", "T001", "Y002"):
        assert code in entry.detail


def test_forced_json_carries_the_override_and_findings(seed):
    res = gated_export(seed, "json", force=True, reason="送审")
    doc = json.loads(res.data)
    assert doc["report"]["meta"]["agency"] == "银川市兴庆区科学技术局" and doc["template"] == "2019"
    assert doc["report"]["history"][-1]["action"] == FORCED_EXPORT
    assert {"I001", "S001"} <= {f["code"] for f in doc["findings"]}
    assert all({"code", "severity", "message"} <= set(f) for f in doc["findings"])


def test_json_round_trips_the_tables(example):
    data, name, mime = export_bytes(example, "json")
    doc = json.loads(data)
    assert mime == "application/json" and doc["findings"] == []
    assert doc["report"]["tables"]["applications"]["new_received"]["total"] == 23
    assert doc["report"]["tables"]["active_disclosure"]["fees"]["fee_amount"] == "3.62"


def test_markdown_tables_flattened_with_template_labels(example):
    md = export_bytes(example, "md")[0].decode("utf-8")
    assert "| 项目 | 自然人 | 法人或其他组织/商业企业 |" in md
    assert "| （三）不予公开 4.保护第三方合法权益 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |" in md
    assert "| 行政复议/总计 | 2 |" in md and "| 行政许可 | 1268 |" in md
    assert "## 一、总体情况" in md and "### （一）主动公开" in md
    assert md.rstrip().endswith("2025年1月20日")


def test_unknown_format_is_a_chinese_error(example):
    with pytest.raises(ValueError, match="不支持的导出格式"):
        export_bytes(example, "pdf")


# -- CLI -----------------------------------------------------------------------
@pytest.fixture
def files(tmp_path):
    for src in (EXAMPLE, SEED):
        shutil.copy(src, tmp_path / src.name)
    return tmp_path


def test_cli_exports_clean_report(files):
    out = files / "out" / "报告.docx"
    r = runner.invoke(app, ["export", str(files / EXAMPLE.name), "--to", "docx", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert out.read_bytes()[:2] == b"PK" and "已导出" in r.output


def test_cli_refuses_and_lists_errors(files):
    out = files / "seed.html"
    r = runner.invoke(app, ["export", str(files / SEED.name), "--to", "html", "--out", str(out)])
    assert r.exit_code == 1
    for needle in ("I001", "S001", "T001", "导出已拒绝", "--force --reason"):
        assert needle in r.output
    assert not out.exists()
    assert load_report(files / SEED.name).history == []


def test_cli_force_without_reason_exits_2(files):
    r = runner.invoke(app, ["export", str(files / SEED.name), "--to", "md", "--out", str(files / "x.md"), "--force"])
    assert r.exit_code == 2 and "理由" in r.output
    assert not (files / "x.md").exists()


def test_cli_force_records_override_in_report_file(files):
    out = files / "seed.docx"
    r = runner.invoke(app, ["export", str(files / SEED.name), "--to", "docx", "--out", str(out),
                            "--force", "--reason", "先行报送领导审阅"])
    assert r.exit_code == 0, r.output
    assert out.exists() and "已强制导出" in r.output
    saved = load_report(files / SEED.name)
    entry = saved.history[-1]
    assert entry.action == FORCED_EXPORT and entry.who == getpass.getuser()
    assert "先行报送领导审阅" in entry.detail and "S001" in entry.detail
    r = runner.invoke(app, ["export", str(files / SEED.name), "--to", "json", "--out", str(files / "s.json"),
                            "--force", "--reason", "再次送审", "--who", "李四"])
    assert r.exit_code == 0
    history = load_report(files / SEED.name).history
    assert [h.who for h in history] == [getpass.getuser(), "李四"]


def test_cli_unreadable_input_exits_2_in_chinese(files):
    bad = files / "bad.yaml"
    bad.write_text("meta: [unclosed", encoding="utf-8")
    for path in (bad, files / "missing.yaml"):
        r = runner.invoke(app, ["export", str(path), "--to", "docx", "--out", str(files / "x.docx")])
        assert r.exit_code == 2 and "无法读取报告文件" in r.output
    r = runner.invoke(app, ["export", str(files / EXAMPLE.name), "--to", "docx", "--out", str(files / "x.docx"),
                            "--previous", str(bad)])
    assert r.exit_code == 2 and "上一年度" in r.output
    r = runner.invoke(app, ["export", str(files / EXAMPLE.name), "--to", "pdf"])
    assert r.exit_code == 2 and "不支持的导出格式" in r.output
    r = runner.invoke(app, ["export", str(files / EXAMPLE.name), "--to", "docx", "--font", "body"])
    assert r.exit_code == 2 and "用途=字体名" in r.output


def test_cli_previous_adds_year_over_year_chart(files):
    prev = load_report(files / EXAMPLE.name)
    prev.meta.year = 2023
    # Last year's 结转下年度 must equal this year's 上年结转, or the cross-year rule blocks export.
    prev.tables["applications"]["carry_forward"] = dict(prev.tables["applications"]["carried_over"])
    from drafting.io import save_report
    save_report(prev, files / "prev.yaml")
    out = files / "page.html"
    r = runner.invoke(app, ["export", str(files / EXAMPLE.name), "--to", "html", "--out", str(out),
                            "--previous", str(files / "prev.yaml")])
    assert r.exit_code == 0, r.output
    assert 'id="chart-yoy-applications"' in out.read_text("utf-8")


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_blank_report_exports_when_forced(fmt):
    """A new report (every cell 未填, no text) is refused, and forced it still renders."""
    from drafting.model import empty_report
    rep = empty_report("某某县教育局", 2025)
    with pytest.raises(ExportRefused):
        gated_export(rep, fmt)
    res = gated_export(rep, fmt, force=True, reason="空白稿，供排版审阅", who="测试")
    assert res.forced and len(res.data) > 500
    if fmt == "html":
        page = res.data.decode("utf-8")
        assert "统计表尚未填报，暂无图解" in page and page.count("<table") == 3
    if fmt == "md":
        assert "| 一、本年新收政府信息公开申请数量 |  |  |  |  |  |  |  |" in res.data.decode("utf-8")


def test_cli_force_keeps_a_json_report_json(files):
    src = files / "seed.json"
    from drafting.io import report_json
    src.write_text(json.dumps(report_json(load_report(files / SEED.name)), ensure_ascii=False), encoding="utf-8")
    r = runner.invoke(app, ["export", str(src), "--to", "md", "--out", str(files / "s.md"),
                            "--force", "--reason", "送审"])
    assert r.exit_code == 0, r.output
    data = json.loads(src.read_text("utf-8"))
    assert data["history"][-1]["action"] == FORCED_EXPORT
    assert load_report(src).history[-1].detail.startswith("强制导出为Markdown")
