"""Roll-up of a workspace of 12 invented units into the government's report (issue 16)."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from drafting.cli import app
from drafting.export import export_bytes
from drafting.formats import TABLE_KEYS
from drafting.io import dumps_report, load_report, save_report
from drafting.rollup import (CONFIRMED, HELD, INCLUDED, MISMATCH, MISSING, RollupError, UnitInput,
                             confirm_unit, import_unit_report, rollup, workspace_rollup)
from drafting.rollup_demo import break_t3, demo_units, government_name
from drafting.relations import parts_of
from drafting.store import Store, fingerprint
from drafting.validator import validate
from drafting.workflow import xlsx_template

from .conftest import fresh_pg_database

GOV = government_name()


def _cells(rep):
    for t in TABLE_KEYS:
        for row in rep.template.tables[t].data_rows:
            for col in row.columns:
                yield t, row.key, col.key


@pytest.fixture(scope="module")
def units():
    return demo_units(12)


def test_every_cell_of_the_government_report_is_the_sum_of_the_twelve_units(units):
    r = rollup([UnitInput(u.name, u.report, level=u.level) for u in units], GOV)
    assert r.complete and len(r.counted) == 12 and r.year == 2024
    n = 0
    for t, row, col in _cells(r.report):
        parts = [u.report.cell(t, row, col) for u in units]
        expected = sum(p for p in parts if p is not None)
        assert r.total(t, row, col) == expected, (t, row, col)
        # the breakdown names every unit and its own figure
        assert r.contributions(t, row, col) == [(u.name, u.report.cell(t, row, col)) for u in units]
        n += 1
    assert n == 25 * 7 + 15 + 10         # 表三, 表四, 表二 (2021)
    assert isinstance(r.total("active_disclosure", "fees", "fee_amount"), Decimal)
    # a sum of consistent tables is consistent: no table rule fires on the government report
    assert [f.code for f in validate(r.report) if f.code.startswith("T")] == []
    assert r.report.meta.level.value == "人民政府" and r.report.meta.agency == GOV


def test_government_facts_name_the_unit_and_add_up_figures(units):
    r = rollup([UnitInput(u.name, u.report) for u in units], GOV)
    notes = r.report.facts.texts("active")
    assert len(notes) == 12
    assert notes[0].startswith(f"{units[0].name}：") and units[0].report.facts.texts("active")[0] in notes[0]
    trainings = r.report.facts.figure("trainings")
    assert trainings.value == sum(u.report.facts.figure("trainings").value for u in units)
    assert "等12个单位合计" in trainings.label
    entry = [h for h in r.report.history if h.action == "rollup"]
    assert len(entry) == 1 and json.loads(entry[0].detail)["汇总单位"] == [u.name for u in units]


def test_a_unit_with_a_goují_error_is_named_and_left_out_until_confirmed(units):
    bad = units[3].report.model_copy(deep=True)
    break_t3(bad)
    inputs = [UnitInput(u.name, u.report if i != 3 else bad) for i, u in enumerate(units)]
    r = rollup(inputs, GOV)
    st = r.unit(units[3].name)
    assert st.state == HELD and not r.complete
    assert {f.code for f in st.blocking} >= {"T010", "T011"}
    assert any(units[3].name in line and "T010" in line for line in r.notice())
    others = sum(u.report.cell("applications", "new_received", "total") for i, u in enumerate(units) if i != 3)
    assert r.total("applications", "new_received", "total") == others
    assert all(name != units[3].name for name, _ in r.contributions("applications", "new_received", "total"))
    # a person confirms it for these figures: it is counted, and the report says who and why
    inputs[3].confirmed_by, inputs[3].confirm_reason = "张三", "经电话核实，以单位报送数为准"
    inputs[3].confirmed_fingerprint = fingerprint(bad)
    r2 = rollup(inputs, GOV)
    assert r2.unit(units[3].name).state == CONFIRMED
    assert r2.total("applications", "new_received", "total") == others + bad.cell("applications", "new_received", "total")
    assert "张三" in r2.report.history[-1].detail
    # the confirmation was for those figures; changed figures need a new one
    changed = bad.model_copy(deep=True)
    changed.set_cell("applications", "granted", "commercial", 40)
    inputs[3].report = changed
    assert rollup(inputs, GOV).unit(units[3].name).state == HELD


def test_missing_and_mismatched_units_are_listed_not_summed(units):
    old = units[1].previous
    inputs = [UnitInput(units[0].name, units[0].report), UnitInput(units[1].name, old),
              UnitInput(units[2].name, None), UnitInput(units[0].name, units[0].report, source="副本.yaml")]
    r = rollup(inputs, GOV, year=2024)
    states = [u.state for u in r.units]
    assert states == [INCLUDED, MISMATCH, MISSING, MISMATCH]
    assert "2023年" in r.units[1].reasons[0]
    assert r.total("applications", "new_received", "total") == units[0].report.cell("applications", "new_received", "total")
    with pytest.raises(RollupError, match="没有可汇总"):
        rollup([], GOV)


def _workspace(store, units):
    ws = store.create_workspace(GOV, region="青禾市云溪区")
    ids = [store.add_unit(ws, u.name, u.level) for u in units]
    return ws, ids


def test_store_workspace_imports_yaml_excel_and_published_reports_and_shows_what_changed(tmp_path, units):
    store = Store(f"sqlite:///{tmp_path}/w.db")
    ws, ids = _workspace(store, units)
    # ten units send their YAML file, one its filled-in Excel template, one its published report
    for i, u in enumerate(units[:10]):
        res = import_unit_report(store, ids[i], 2024, f"{u.name}.yaml", dumps_report(u.report).encode())
    r, _ = workspace_rollup(store, ws, 2024)
    assert [u.state for u in r.units].count(MISSING) == 2
    xlsx = xlsx_template(units[10].report)
    res = import_unit_report(store, ids[10], 2024, "填报模板.xlsx", xlsx)
    assert res.problems == [] and res.rollup.unit(units[10].name).state == INCLUDED
    md, _, _ = export_bytes(units[11].report, "md")
    res = import_unit_report(store, ids[11], 2024, "年报.md", md)
    assert res.rollup.unit(units[11].name).state == INCLUDED, res.rollup.unit(units[11].name).reasons
    r = res.rollup
    assert r.complete
    for t, row, col in _cells(r.report):
        assert r.total(t, row, col) == sum(u.report.cell(t, row, col) for u in units), (t, row, col)
    # the education bureau corrects its figures and sends the file again
    fixed = units[0].report.model_copy(deep=True)
    before = fixed.cell("applications", "granted", "natural_person")
    fixed.set_cell("applications", "granted", "natural_person", before + 2)
    fixed.set_cell("applications", "unable_not_held", "natural_person",
                   fixed.cell("applications", "unable_not_held", "natural_person") + 1)
    fixed.set_cell("applications", "new_received", "natural_person",
                   fixed.cell("applications", "new_received", "natural_person") + 3)
    applicants = parts_of(fixed.meta.template_version, "applications", "total", each="row")
    for row in ("granted", "unable_not_held", "new_received"):
        fixed.set_cell("applications", row, "total", sum(fixed.cell("applications", row, c) for c in applicants))
    for col, d in (("natural_person", 3), ("total", 3)):
        fixed.set_cell("applications", "results_total", col, fixed.cell("applications", "results_total", col) + d)
    assert [f.code for f in validate(fixed) if f.code.startswith("T")] == []
    res = import_unit_report(store, ids[0], 2024, "教育局（更正）.yaml", dumps_report(fixed).encode())
    assert res.replaced
    texts = [c.text() for c in res.changes]
    granted = next(c for c in res.changes if "（一）予以公开" in c.label and "自然人" in c.label)
    assert granted.units == [(units[0].name, str(before), str(before + 2))]
    assert int(granted.new) - int(granted.old) == 2
    assert all(units[0].name in t for t in texts)
    assert store.versions(res.report_id, "overall")      # the earlier import is kept as history


def _confirmation_flow(store, units):
    ws, ids = _workspace(store, units[:3])
    bad = units[2].report.model_copy(deep=True)
    break_t3(bad)
    for i, rep in enumerate((units[0].report, units[1].report, bad)):
        store.set_unit_report(ids[i], rep, "报告.yaml")
    r, _ = workspace_rollup(store, ws, 2024)
    assert r.unit(units[2].name).state == HELD
    with pytest.raises(ValueError, match="理由"):
        confirm_unit(store, ws, 2024, units[2].name, "李四", " ")
    with pytest.raises(RollupError, match="无需或不能确认"):
        confirm_unit(store, ws, 2024, units[0].name, "李四", "无")
    confirm_unit(store, ws, 2024, units[2].name, "李四", "单位已书面说明")
    r, _ = workspace_rollup(store, ws, 2024)
    assert r.unit(units[2].name).state == CONFIRMED and r.complete


def test_store_confirmation_lets_a_held_unit_in(tmp_path, units):
    _confirmation_flow(Store(f"sqlite:///{tmp_path}/c.db"), units)


def test_workspace_on_postgresql(postgres_url, units):
    store = Store(fresh_pg_database(postgres_url, "workspace_rollup"))
    _confirmation_flow(store, units)
    ws = store.workspaces()[0].id
    r, _ = workspace_rollup(store, ws, 2024, record=True)
    assert store.last_snapshot(ws, 2024)["units"][units[2].name]["state"] == CONFIRMED


def test_import_refuses_a_file_of_another_year_naming_it(tmp_path, units):
    store = Store(f"sqlite:///{tmp_path}/y.db")
    ws, ids = _workspace(store, units[:1])
    with pytest.raises(RollupError, match="2023年度"):
        import_unit_report(store, ids[0], 2024, "去年.yaml", dumps_report(units[0].previous).encode())
    with pytest.raises(RollupError, match="不支持的文件类型"):
        import_unit_report(store, ids[0], 2024, "报告.xls", b"\xd0\xcf\x11\xe0")


# -- the command line -------------------------------------------------------------------------
def test_cli_rollup_holds_the_bad_unit_then_counts_it_when_confirmed_and_reports_changes(tmp_path, units):
    files = []
    for i, u in enumerate(units):
        rep = u.report.model_copy(deep=True)
        if i == 5:
            break_t3(rep)
        p = tmp_path / f"unit{i:02d}.yaml"
        save_report(rep, p)
        files.append(str(p))
    out = tmp_path / "gov" / "政府.yaml"
    runner = CliRunner()
    res = runner.invoke(app, ["rollup", *files, "--out", str(out), "--government", GOV])
    assert res.exit_code == 1, res.output
    first = res.output.splitlines()[0]
    assert "1 个单位未计入汇总" in first and units[5].name in res.output and "T010" in res.output
    gov = load_report(out)
    assert gov.cell("applications", "new_received", "total") == sum(
        u.report.cell("applications", "new_received", "total") for i, u in enumerate(units) if i != 5)
    snap = json.loads((tmp_path / "gov" / "政府.汇总明细.json").read_text("utf-8"))
    assert snap["units"][units[5].name]["state"] == HELD
    assert set(snap["cells"]["applications|new_received|total"]["units"]) == {u.name for i, u in enumerate(units) if i != 5}

    res = runner.invoke(app, ["rollup", *files, "--out", str(out), "--government", GOV,
                              "--confirm", units[5].name])
    assert res.exit_code == 2 and "--reason" in res.output
    res = runner.invoke(app, ["rollup", *files, "--out", str(out), "--government", GOV, "--confirm", units[5].name,
                              "--reason", "经核实，自然人列多计1件", "--who", "王五", "--breakdown", str(tmp_path / "明细.xlsx")])
    assert res.exit_code == 0, res.output
    assert "经王五确认纳入" in res.output and "待确认 → 经确认纳入" in res.output
    assert load_report(out).cell("applications", "new_received", "total") == sum(
        u.report.cell("applications", "new_received", "total") for u in units)
    assert (tmp_path / "明细.xlsx").stat().st_size > 0
    # the confirmation is remembered while the unit's figures stay the same
    res = runner.invoke(app, ["rollup", *files, "--out", str(out), "--government", GOV])
    assert res.exit_code == 0 and "没有变动" in res.output


def test_cli_rollup_lists_units_that_did_not_report(tmp_path, units):
    ws = tmp_path / "单位.yaml"
    ws.write_text(f"government: {GOV}\nregion: 青禾市云溪区\nunits:\n" +
                  "".join(f"  - {{name: {u.name}, level: {u.level}}}\n" for u in units), encoding="utf-8")
    files = []
    for i, u in enumerate(units[:10]):
        p = tmp_path / f"u{i}.yaml"
        save_report(u.report, p)
        files.append(str(p))
    res = CliRunner().invoke(app, ["rollup", *files, "--units", str(ws), "--out", str(tmp_path / "gov.yaml")])
    assert res.exit_code == 1
    assert f"{units[10].name}：未报送" in res.output and f"{units[11].name}：未报送" in res.output
    bad = tmp_path / "坏名单.yaml"
    bad.write_text("government: 某县人民政府\nunits: [{name: 某局, level: 科室}]\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["rollup", *files, "--units", str(bad), "--out", str(tmp_path / "g.yaml")])
    assert res.exit_code == 2 and "第1个单位的 level" in res.output


def test_a_prose_error_does_not_hold_the_figures_but_is_named(units):
    rep = units[0].report.model_copy(deep=True)
    n = rep.cell("applications", "new_received", "total")
    rep.sections["overall"].text = rep.sections["overall"].text.replace(f"申请{n}件", f"申请{n + 5}件")
    assert any(f.code == "N003" for f in validate(rep))
    r = rollup([UnitInput(units[0].name, rep), UnitInput(units[1].name, units[1].report)], GOV)
    assert r.complete and r.unit(units[0].name).state == INCLUDED
    assert any(units[0].name in line and "N003" in line and "已计入汇总" in line for line in r.notice())
