"""What a drafting prompt is given beyond the slots: what the program knows and a model cannot.

- the year's standard political phrasing and the agency's field of work;
- how the agency names itself at its level (我局/本局, 我县/县政府 …, never 本级政府);
- the aspects of each part with the clerk's statements in slot form (figures as {fact.…}
  slots, approximations inside the slot), and a length for each part that follows from how
  much was said;
- for 五: this year's problems, last year's problems with their 整改 status, the measures;
- for 六: the template's items with their statements, 无 where an item does not apply, and the
  basis of 信息处理费.
"""
from __future__ import annotations

from ..facts import ASPECT_BY_KEY, OTHER_ITEMS, TOPIC_BY_KEY
from ..model import Level, Report
from .offline import FEE_BASIS, Draft, _item, _item_title, _review_sentence, previous_problems, statement
from .phrasing import field_of_work, political, self_ref, slogans
from .topics import facts_of, figures_by_topic, topics_for

PART_KEYS = ("active", "applications", "management", "platform", "supervision")


def _length(n: int) -> str:
    lo = 40 + 40 * n
    return f"{lo}—{min(400, lo + 80)}字" if n else "一句"


def section_fact_slots(report: Report, section: str) -> tuple[str, ...]:
    """Every fact slot the section's statements carry, and the form-typed figures of its parts."""
    parts = {t.key for t in topics_for(section)}
    keys = []
    for f in report.facts.figures:
        part = (f.aspect or "").split(".", 1)[0]
        if part in parts:
            keys.append(f"fact.{f.key}")
    for t, figs in figures_by_topic(report).items():
        if t in parts:
            keys += [f"fact.{f.key}" for f in figs]
    return tuple(dict.fromkeys(keys))


def prompt_context(report: Report, key: str, previous: Report | None = None) -> dict:
    d = Draft(report, previous)
    ref = self_ref(report)
    ctx = {
        "political": political(report.meta.year),
        "we": ref.we, "this": ref.this, "org": ref.org, "area": ref.area,
        "field": field_of_work(report),
        "slogans": "、".join(f"“{s}”" for s in slogans()[:6]),
        "government_level": report.meta.level == Level.government,
    }
    if key == "overall":
        parts = []
        for part in PART_KEYS:
            lines = []
            for akey, items in facts_of(report, part).items():
                label = ASPECT_BY_KEY[akey].label if akey in ASPECT_BY_KEY else TOPIC_BY_KEY[part].label
                for f in items:
                    if f.text and not f.none:
                        lines.append(f"{label}：{statement(d, f)}")
            figs = figures_by_topic(report).get(part, [])
            lines += [f"数据：{g.label}（用数据槽 {{fact.{g.key}}}，单位{g.unit or '无'}）" for g in figs]
            if part == "applications":
                review = _review_sentence(d)
                if review:
                    lines.append("复议诉讼（据表四）：" + review)
            need = []
            if part == "supervision" and report.meta.level == Level.government:
                have = set(facts_of(report, part))
                need = [ASPECT_BY_KEY[k].label for k in ("supervision.assessment", "supervision.evaluation",
                                                        "supervision.accountability") if k not in have]
            parts.append({"label": TOPIC_BY_KEY[part].label, "lines": lines, "length": _length(len(lines)),
                          "missing": "、".join(need)})
        ctx["parts"] = parts
    elif key == "problems":
        ctx["problems"] = [statement(d, f) for f in report.facts.get("problems", []) if f.text]
        ctx["measures"] = [statement(d, f) for f in report.facts.get("measures", []) if f.text]
        follow = []
        for f in report.facts.get("last_year_followup", []):
            follow.append({"problem": f.subject, "status": f.status, "text": statement(d, f) if f.text else ""})
        ctx["followups"] = follow
        ctx["previous_problems"] = previous_problems(previous)
    elif key == "other":
        items = []
        titles = list(report.template.section("other").expected_items) or [TOPIC_BY_KEY[k].label for k in OTHER_ITEMS]
        for k, title in zip(OTHER_ITEMS, titles):
            text = _item(d, k)
            items.append({"key": k, "title": _item_title(title), "text": text or ""})
        ctx["other_items"] = items
        ctx["fee_basis"] = FEE_BASIS
    return ctx
