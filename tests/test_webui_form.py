"""The national form's computed cells come from the relations in the format data
(drafting/data/format.json → drafting.relations): totals follow their details and are read-only;
a relation removed from the data is no longer computed."""
from __future__ import annotations

import pytest

from drafting import workflow
from drafting.io import load_report
from drafting.store import Store

from .apptest import component_data, db, goto, with_example  # noqa: F401 (db is a fixture)
from .conftest import EXAMPLE

relations = pytest.importorskip("drafting.relations", reason="the format data's relations (issue 10) are not merged yet")


def _cell(view, row, col):
    return next(c for line in view["rows"] for c in line if c.get("r") == row and c.get("c") == col)


def test_a_total_is_recomputed_when_a_detail_changes(db):
    at = goto(with_example(), "数据填报")
    at.radio(key="table_tab").set_value("applications").run()
    view = next(d for d in component_data(at, "nianbao_form") if d["table"] == "applications")
    assert _cell(view, "granted", "total")["ro"] and _cell(view, "results_total", "natural_person")["ro"]
    assert not _cell(view, "granted", "natural_person")["ro"]
    at.session_state["form_1_applications"] = {"edits": [
        {"id": "t:1", "row": "granted", "col": "natural_person", "value": "11"}]}
    at.run()
    rep = Store(db).get(1)[0]
    assert rep.cell("applications", "granted", "natural_person") == 11
    assert rep.cell("applications", "granted", "total") == 13                 # 总计 of the row
    assert rep.cell("applications", "results_total", "natural_person") == 21  # （七）总计 of the column
    assert rep.cell("applications", "results_total", "total") == 25
    view = next(d for d in component_data(at, "nianbao_form") if d["table"] == "applications")
    assert _cell(view, "results_total", "total")["v"] == "25"


def test_a_computed_cell_cannot_be_typed_into():
    rep = load_report(EXAMPLE)
    errors = workflow.apply_cell_edits(rep, "applications", [{"row": "granted", "col": "total", "value": "99"}])
    assert errors == ["表三「（一）予以公开」总计：由其他单元格自动计算，不能直接填写。"]
    assert rep.cell("applications", "granted", "total") == 10


def test_an_imported_wrong_total_stays_until_its_parts_change_or_the_clerk_recomputes():
    rep = load_report(EXAMPLE)
    rep.set_cell("review_litigation", "counts", "review_total", 3)        # as a published report had it
    workflow.apply_cell_edits(rep, "applications", [{"row": "granted", "col": "natural_person", "value": "8"}])
    assert rep.cell("review_litigation", "counts", "review_total") == 3    # untouched: not its parts
    assert workflow.recompute(rep, "review_litigation") == [("counts", "review_total")]
    assert rep.cell("review_litigation", "counts", "review_total") == 2


def test_a_relation_deleted_from_the_format_data_is_no_longer_computed(monkeypatch):
    rep = load_report(EXAMPLE)
    assert ("granted", "total") in workflow.computed_cells(rep, "applications")
    kept = tuple(r for r in relations.relations(rep.meta.template_version) if r.code != "T012")
    monkeypatch.setattr(relations, "relations", lambda version: kept)
    cells = workflow.computed_cells(rep, "applications")
    assert ("granted", "total") not in cells and ("results_total", "natural_person") in cells
