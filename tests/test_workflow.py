"""Workflow functions the app calls (kept out of the pages)."""
from datetime import date

from drafting.model import Meta
from drafting.workflow import change_meta, deadline_text, next_year_report


def test_next_year_report_carries_over_and_copies_no_text(example):
    rep, filled = next_year_report(example)
    assert rep.meta.year == 2025 and rep.meta.short_names == example.meta.short_names
    assert rep.meta.region == example.meta.region
    for col in ("natural_person", "commercial", "total"):
        assert rep.cell("applications", "carried_over", col) == example.cell("applications", "carry_forward", col)
    assert len(filled) == 7
    assert all(not s.text for s in rep.sections.values())


def test_change_meta_to_the_2019_template_keeps_shared_cells(example):
    meta = example.meta.model_copy(update={"template": "2019"})
    change_meta(example, Meta(**meta.model_dump()))
    assert example.meta.template_version == "2019"
    assert example.cell("applications", "granted", "total") == 10           # same row in both versions
    assert "other_no_correction" not in example.tables["applications"]     # 2021-only row dropped
    assert "made" not in example.tables["active_disclosure"]["normative_documents"]


def test_deadline_text_counts_days(example):
    assert "还有 11 天" in deadline_text(example, today=date(2025, 1, 20))
    assert "已逾期 1 天" in deadline_text(example, today=date(2025, 2, 1))
