"""The form's arithmetic is declared once (format data `relations`) and every user reads it there."""
from __future__ import annotations

import contextlib
import copy
import json
import re
from pathlib import Path

from drafting import formats, relations
from drafting.ingest import ingest_path
from drafting.validator import validate
from drafting.workflow import computed_cells

from .conftest import ROOT

FORMAT = ROOT / "drafting" / "data" / "format.json"
PINGTAN = ROOT / "fixtures" / "published" / "005_pingtan_2021.txt"


@contextlib.contextmanager
def without(*ids: str):
    """The format data with some relations deleted, as if the entries were removed from the file."""
    data = json.loads(FORMAT.read_text("utf-8"))
    for v in formats.VERSIONS:
        data[v]["relations"] = [r for r in data[v]["relations"] if r["id"] not in ids]
    orig = formats.raw_format
    caches = (formats.raw_format, formats.get_template, relations.relations, relations._instances,
              relations.split_instances)
    try:
        formats.raw_format = lambda: data
        relations.raw_format = formats.raw_format
        for c in caches:
            c.cache_clear()
        yield
    finally:
        formats.raw_format = orig
        relations.raw_format = orig
        for c in caches:
            c.cache_clear()


def test_each_relation_is_written_once():
    """No second copy: the relation's row keys appear together only in the format data."""
    code = "\n".join(p.read_text("utf-8") for p in (ROOT / "drafting").rglob("*.py"))
    # the 勾稽关系 of 表三 written as code would name its four rows in one expression
    assert not re.search(r"new_received.{0,80}carried_over.{0,80}results_total.{0,80}carry_forward", code, re.S)
    assert not re.search(r"\"natural_person\",\s*\"commercial\",\s*\"research\"", code)
    assert not re.search(r"\(\"maintain\",\s*\"correct\",\s*\"other\",\s*\"pending\"\)", code)


def test_deleting_a_relation_stops_validator_display_and_ingest(example):
    rep = copy.deepcopy(example)
    rep.tables["applications"]["carry_forward"]["natural_person"] += 1      # breaks the 勾稽关系 of 自然人
    assert "T010" in {f.code for f in validate(rep)}
    # the app shows 总计 cells as computed (read-only) because the format data defines them
    assert ("new_received", "total") in computed_cells(rep, "applications")
    assert ("counts", "review_total") in computed_cells(rep, "review_litigation")
    before = [p for p in ingest_path(PINGTAN).problems if p.table == "applications"]
    assert before == []                    # 表三 of the archived page splits uniquely with the relations
    with without("t3-balance", "t3-results-sum", "t3-row-total", "t4-review-total"):
        assert "T010" not in {f.code for f in validate(rep)}
        assert ("new_received", "total") not in computed_cells(rep, "applications")
        assert ("counts", "review_total") not in computed_cells(rep, "review_litigation")
        assert relations.split_instances("2021", "applications") == ()
        after = [p for p in ingest_path(PINGTAN).problems if p.table == "applications"]
        assert after, "without the relations the run-together digits of 表三 cannot be split"
    assert "T010" in {f.code for f in validate(rep)}


def test_relations_are_evaluated_per_column_row_and_cell(example):
    rels = {r.id: r for r in relations.relations("2021")}
    assert len(rels["t3-balance"].instances()) == 7          # one per column of 表三
    assert len(rels["t3-row-total"].instances()) == 25       # one per data row
    assert len(rels["t4-review-total"].instances()) == 1
    assert all(o.holds for o in relations.check(example))
