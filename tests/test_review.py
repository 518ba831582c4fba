"""Check all units: batch review of published reports, scored on stated criteria with evidence."""
from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from drafting.cli import app
from drafting.io import save_report
from drafting.model import Level
from drafting.review import (CRITERIA, FULL_SCORE, MET, NOT_MET, UNKNOWN, Review, read_dates, review,
                             review_uploads, review_xlsx)
from drafting.rollup_demo import demo_units, government_name, many_units, write_published
from drafting.store import Store

DEFECTS = {1: ("late",), 2: ("copied",), 3: ("t3_error",), 4: ("missing_section",), 5: ("no_followup",),
           6: ("no_graphic",)}
WHICH = {"late": "on_time", "copied": "original", "t3_error": "consistent", "missing_section": "complete",
         "no_followup": "followup", "no_graphic": "graphic"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("published")
    units = demo_units(12, defects=DEFECTS)
    write_published(units, d)
    return d, units


@pytest.fixture(scope="module")
def result(folder):
    d, units = folder
    return review([d], 2024), units


def test_each_defect_fails_its_own_criterion_only_with_evidence(result):
    rv, units = result
    assert len(rv.units) == 12 and all(u.state == "已检查" for u in rv.units)
    by = {u.agency: u for u in rv.units}
    for i, unit in enumerate(units):
        r = by[unit.name]
        assert r.previous_file, unit.name            # last year's report was found among the files
        failed = {c.key for c in r.criteria if c.status != MET}
        want = {WHICH[d] for d in DEFECTS.get(i, ())}
        if i == 2:       # a copied report also keeps last year's figures in its prose
            want.add("consistent")
        assert failed == want, (unit.name, [(c.key, c.status, c.evidence) for c in r.criteria])
        assert r.score == FULL_SCORE - sum(c.points for c in CRITERIA if c.key in want)
    late = by[units[1].name].criterion("on_time")
    assert "页面发布时间2025-02" in late.evidence and "逾期" in late.evidence and "1月31日" in late.evidence
    assert "T010" in by[units[3].name].criterion("consistent").evidence
    assert "S001" in by[units[4].name].criterion("complete").evidence
    assert "H003" in by[units[2].name].criterion("original").evidence
    assert "上年度" in by[units[0].name].criterion("followup").evidence
    assert "一图读懂" in by[units[0].name].criterion("graphic").evidence or \
        by[units[0].name].criterion("graphic").evidence == "「图解」"


def test_dates_given_by_the_user_win_and_a_signature_date_alone_decides_only_when_late(tmp_path):
    units = demo_units(3, defects={})
    gov = units[2].report
    gov.meta.agency, gov.meta.level = government_name(), Level.government
    write_published(units, tmp_path, previous=False, dated=False)
    given = {units[0].name: date(2025, 2, 1)}
    units[1].report.meta.date = "2025年2月10日"
    save_report(units[1].report, tmp_path / "late_signed.yaml")
    for p in tmp_path.glob("2024_0001.*"):
        p.unlink()
    rv = review([tmp_path], 2024, dates=given)
    by = {u.agency: u for u in rv.units}
    a = by[units[0].name].criterion("on_time")
    assert a.status == NOT_MET and "用户提供2025-02-01" in a.evidence
    b = by[units[1].name].criterion("on_time")
    assert b.status == NOT_MET and "落款日期2025-02-10已晚于期限" in b.evidence
    assert by[units[1].name].criterion("graphic").status == UNKNOWN     # a YAML file has no page
    c = by[government_name()].criterion("on_time")
    assert c.status == UNKNOWN and "3月31日" in c.evidence


def test_units_without_a_report_and_unreadable_files_get_a_row(tmp_path):
    units = demo_units(2)
    write_published(units[:1], tmp_path, previous=False)
    (tmp_path / "坏文件.html").write_bytes(b"\x00\x01\x02" * 100)
    rv = review([tmp_path], 2024, units=[(u.name, u.level) for u in units])
    states = sorted(u.state for u in rv.units)
    assert states == ["已检查", "无法读取", "未找到报告"]
    missing = next(u for u in rv.units if u.state == "未找到报告")
    assert missing.agency == units[1].name and missing.score == 0
    assert missing.criterion("on_time").status == NOT_MET


def test_user_dates_file_errors_name_the_row(tmp_path):
    p = tmp_path / "日期.csv"
    p.write_text("单位,发布日期\n青禾市云溪区教育局,2025年1月20日\n青禾市云溪区公安局,一月底\n", encoding="utf-8")
    with pytest.raises(ValueError, match="第3行：「一月底」不是日期"):
        read_dates(p)
    p.write_text("文件,日期\n2024_0000.md,2025/1/20\n", encoding="utf-8")
    assert read_dates(p) == {"2024_0000.md": date(2025, 1, 20)}


def test_excel_has_scores_evidence_findings_criteria_and_a_chart(result):
    rv, units = result
    wb = load_workbook(__import__("io").BytesIO(review_xlsx(rv)))
    assert wb.sheetnames == ["评分汇总", "评分依据", "问题明细", "评分标准", "图表"]
    ws = wb["评分汇总"]
    head = [c.value for c in ws[1]]
    assert head[:3] == ["单位", "层级", "文件"] and "得分" in head
    assert ws.max_row == 13 and ws.auto_filter.ref
    scores = [r[head.index("得分")] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert scores == sorted(scores) and scores[-1] == FULL_SCORE
    ev = list(wb["评分依据"].iter_rows(min_row=2, values_only=True))
    assert len(ev) == 12 * len(CRITERIA)
    codes = {r[2] for r in wb["问题明细"].iter_rows(min_row=2, values_only=True)}
    assert {"T010", "S001", "H003"} <= codes
    assert len(wb["图表"]._charts) == 1


def test_review_kept_in_the_store_round_trips(tmp_path, folder):
    d, units = folder
    store = Store(f"sqlite:///{tmp_path}/r.db")
    ws = store.create_workspace(government_name())
    for u in units:
        store.add_unit(ws, u.name, u.level)
    files = [(p.name, p.read_bytes()) for p in sorted(d.iterdir())]
    rv = review_uploads(store, ws, 2024, files, dates={files[0][0]: date(2024, 12, 30)})
    assert len(rv.units) == 12 and not any(u.state == "未找到报告" for u in rv.units)
    assert all(not u.file.startswith("0") for u in rv.units)   # the uploaded name, not the temp one
    back = Review.from_data(store.last_review(ws, 2024))
    assert back.rows() == rv.rows()


def test_cli_review_of_200_reports_prints_the_table_and_writes_the_excel(tmp_path):
    units = many_units(200)
    write_published(units, tmp_path / "年报", previous=False)
    out = tmp_path / "汇总.xlsx"
    res = CliRunner().invoke(app, ["review", str(tmp_path / "年报"), "--year", "2024", "--summary", str(out),
                                   "--jobs", "2"])
    assert res.exit_code == 1, res.output
    lines = res.output.splitlines()
    assert lines[0].split()[:3] == ["单位", "发布日期", "按时公布"]
    rows = [ln for ln in lines[1:] if ln.startswith("青禾市")]
    assert len(rows) == 200
    assert "检查 200 份报告" in res.output and "每份" in res.output
    wb = load_workbook(out)
    assert wb["评分汇总"].max_row == 201
    sheet = list(wb["评分汇总"].iter_rows(values_only=True))
    head, rows = sheet[0], {r[0]: dict(zip(sheet[0], r)) for r in sheet[1:]}
    names = {c.key: c.name for c in CRITERIA}
    defective = [u for u in units if u.defects and u.defects[0] != "copied"]
    assert len(defective) > 20
    for u in defective:      # every invented defect shows as 未达标 on its own criterion
        assert rows[u.name][names[WHICH[u.defects[0]]]] == NOT_MET, (u.name, u.defects)
    clean = [u for u in units if not u.defects]
    # with no last-year reports in the folder, copying cannot be judged: 无法判断, not 达标
    assert all(rows[u.name][names["original"]] == UNKNOWN for u in clean)
    assert all(rows[u.name]["得分"] == FULL_SCORE - 15 for u in clean)


def test_cli_review_bad_input_is_a_chinese_error(tmp_path):
    res = CliRunner().invoke(app, ["review", str(tmp_path / "没有"), "--year", "2024"])
    assert res.exit_code == 2 and "找不到" in res.output
    (tmp_path / "d").mkdir()
    res = CliRunner().invoke(app, ["review", str(tmp_path / "d"), "--year", "2024"])
    assert res.exit_code == 2 and "没有找到2024年度的报告" in res.output
