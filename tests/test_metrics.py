"""The tables' metrics: computed from the cells, and (for the validator) each only when asked."""
from __future__ import annotations

from decimal import Decimal

from drafting import metrics
from drafting.metrics import Metrics, compute


def test_metrics_follow_the_cells(example):
    m = compute(example)
    rows = example.tables["applications"]
    assert m["t3.received"].value == Decimal(rows["new_received"]["total"])
    assert m["t3.received_all"].value == Decimal(rows["new_received"]["total"] + rows["carried_over"]["total"])
    handled, received = m["t3.handled"].value, m["t3.received_all"].value
    assert m["t3.completion_rate"].value == (handled / received * 100).quantize(Decimal("0.01"))
    assert m["t3.completion_rate"].unit == "%"
    assert list(m)[0] == "t3.received" and any(k.startswith("t2.") for k in m)


def test_a_metric_is_computed_only_when_asked(example, monkeypatch):
    """A validation looks up a few metrics; the others (表三's outcome groups here) are never
    computed."""
    def fail(rep, key):
        raise AssertionError(f"computed {key} without being asked")
    monkeypatch.setattr(metrics, "_group_total", fail)
    lazy = Metrics(example)
    assert lazy["t4.review_total"].value is not None and lazy.get("t3.received").value is not None
    assert "t3.granted" in lazy and lazy.get("fact.nothing") is None
    monkeypatch.undo()
    assert dict(lazy) == compute(example) and len(lazy) == len(compute(example))


def test_a_report_without_table_three_has_no_table_three_metrics(example):
    example.tables["applications"] = None
    assert not any(k.startswith("t3.") for k in Metrics(example))
    assert "t4.review_total" in Metrics(example)
