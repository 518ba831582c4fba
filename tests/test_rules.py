"""Every check runs its fixtures: inputs that must fire and inputs that must not, pinned by snapshot.

The fixtures live next to the rules (drafting/validator/fixtures/<CODE>.yaml) and, for the
relations of the national form, in the format data; the snapshots of what each check reports on
them are tests/snapshots/rules/<CODE>.txt. A change in what a rule reports changes its snapshot:
review the diff, then regenerate with `make snapshots`.
"""
from __future__ import annotations

import copy
import os
from functools import lru_cache
from pathlib import Path

import pytest

import drafting.engine.checks  # noqa: F401  (the drafting checks share the registry)
from drafting.io import load_report
from drafting.validator import RULES, validate
from drafting.validator.core import all_rules, selected_codes, UnknownCode
from drafting.validator.fixture import run

from .conftest import EXAMPLE, ROOT

SNAPSHOTS = Path(__file__).parent / "snapshots" / "rules"
BASES = {"example": EXAMPLE, "example_2019": ROOT / "fixtures" / "reports" / "example_2019.yaml",
         "seed": ROOT / "fixtures" / "reports" / "seed_xingqing_kjj_2019.yaml"}


@lru_cache(maxsize=None)
def _cached(name: str):
    return load_report(BASES[name])


def load_base(name: str):
    return copy.deepcopy(_cached(name))


CODES = [r.code for r in all_rules()]


def test_every_check_has_a_firing_and_a_passing_fixture():
    for r in all_rules():
        fx = r.fixtures
        assert any(f.get("fires") for f in fx), f"{r.code} has no fixture that must fire"
        assert any(not f.get("fires") for f in fx), f"{r.code} has no fixture that must not fire"


def _render(code: str) -> str:
    lines = []
    for i, case in enumerate(RULES[code].fixtures, 1):
        found = run(code, case, load_base)
        lines.append(f"## {i}. {case.get('name', '')} — {'fires' if case.get('fires') else 'passes'}")
        for f in found:
            where = f.cell or f.section or ""
            lines.append(f"{f.code} [{f.severity}] {where}: {f.message}" + (f" «{f.quote}»" if f.quote else ""))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("code", CODES)
def test_check_fixtures(code):
    rule = RULES[code]
    for case in rule.fixtures:
        found = run(code, case, load_base)
        name = case.get("name", "")
        if case.get("fires"):
            assert found, f"{code} did not fire on «{name}»"
            # a rule reports at its own severity where certain, lower where not (the fixture says which)
            want = case.get("severity", rule.severity)
            assert all(f.code == code and f.severity == want for f in found), \
                f"{code} on «{name}»: {[f.severity for f in found]}, expected {want}"
            assert all(any("\u4e00" <= ch <= "\u9fff" for ch in f.message) for f in found)
        else:
            assert not found, f"{code} fired on «{name}»: {[f.message for f in found]}"
    snap = SNAPSHOTS / f"{code}.txt"
    text = _render(code)
    if os.environ.get("UPDATE_SNAPSHOTS"):
        snap.parent.mkdir(parents=True, exist_ok=True)
        snap.write_text(text, "utf-8")
    assert snap.exists(), f"no snapshot for {code}: run `make snapshots` and review it"
    assert snap.read_text("utf-8") == text, f"{code} reports differently than its snapshot {snap}: review, then `make snapshots`"


def test_example_reports_are_clean(example):
    assert validate(example) == []
    assert validate(load_base("example_2019")) == []


def test_rule_registry_is_documented():
    for r in all_rules():
        assert r.doc, f"{r.code} has no docstring"
        assert r.summary and r.example


def test_select_and_ignore_by_code_and_prefix(example):
    rep = copy.deepcopy(example)
    rep.tables["applications"]["new_received"]["total"] = 24      # T012 (and T010 on the 总计 column)
    rep.sections["overall"].text += "\n咱们局今年把公开工作做得很好。"   # Y005
    codes = {f.code for f in validate(rep)}
    assert {"T012", "Y005"} <= codes
    assert {f.code for f in validate(rep, select=["T"])} == {c for c in codes if c.startswith("T")}
    assert "T012" not in {f.code for f in validate(rep, ignore=["T012"])}
    assert {f.code for f in validate(rep, select=["T01"], ignore=["T012"])} == {c for c in codes if c.startswith("T01")} - {"T012"}
    with pytest.raises(UnknownCode):
        selected_codes(["Z9"])


def test_finding_locations(example):
    rep = copy.deepcopy(example)
    rep.tables["applications"]["new_received"]["total"] = 24
    f = next(f for f in validate(rep) if f.code == "T012")
    assert (f.table, f.row, f.col) == ("applications", "new_received", "total")
    assert f.cell == "表三「一、本年新收政府信息公开申请数量」总计"
    rep.sections["overall"].text = rep.sections["overall"].text.replace("共收到政府信息公开申请23件", "共收到政府信息公开申请30件")
    f = next(f for f in validate(rep) if f.code == "N003")
    assert f.section == "overall" and f.quote == "30件"


def test_finding_has_one_json_shape(example):
    rep = copy.deepcopy(example)
    rep.tables["applications"]["new_received"]["total"] = 24
    shapes = {tuple(f.to_dict()) for f in validate(rep)}
    assert shapes == {("code", "severity", "message", "section", "quote", "table", "row", "col", "cell", "fix")}


def test_inline_item_numbers_are_found_when_the_text_opens_with_their_mark():
    """Y003's search for 1.… items steps from mark to mark; a text that opens with the mark (.) must
    not end the search before the items."""
    from drafting.validator.rules.style import _arabic_skips
    assert [(n, p) for n, p, _ in _arabic_skips(".\n1.规章；2.规范性文件；4.财政预算")] == [(4, 2)]
