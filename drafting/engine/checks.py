"""The drafting checks (G-codes), registered in the one check registry beside the validator's rules.

They read a model's answer in slot form — between the model and the filled section — so they run on
a DraftContext instead of a report alone. ``run_checks`` is what the engine calls; ``drafting
rules`` lists them with the rest, and their fixtures (drafting/validator/fixtures/G00N.yaml) run in
the tests like every rule's.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ..model import Report
from ..validator import Finding
from ..validator.core import RULES, rule
from .slots import SLOT_RE, check_slot_text, moved_slots


@dataclass
class DraftContext:
    report: Report
    section: str
    text: str                                  # the model's answer in slot form
    allowed: set[str] | None = None            # slots the prompt listed (None: any of the report)
    extra_slots: set[str] = field(default_factory=set)
    examples: tuple[str, ...] = ()             # few-shot answers it must not copy
    kept: set[str] = field(default_factory=set)   # slots of the text being revised, to keep
    previous: Report | None = None             # last year's report: a source of dates, titles, names
    original: str | None = None                # a revision: the slot form it revised

    @cached_property
    def slot_findings(self) -> list[Finding]:
        return check_slot_text(self.text, self.report, self.section, self.extra_slots, self.allowed, self.examples,
                               self.previous)

    def of(self, code: str) -> list[Finding]:
        return [f for f in self.slot_findings if f.code == code]


def run_checks(ctx: DraftContext) -> list[Finding]:
    """Every registered drafting check on one answer."""
    out: list[Finding] = []
    for code in sorted(RULES):
        r = RULES[code]
        if r.stage == "draft":
            out.extend(r.func(ctx) or ())
    return out


@rule("G001", "unknown-slot", "error", "drafting", "模型只使用本部分列出的数据槽",
      "正文写了不存在的数据槽 {t3.total_cost}", stage="draft")
def unknown_slot(ctx: DraftContext):
    """A slot that does not exist, or that the prompt did not list for this section: the code
    cannot fill it (or would fill a figure that does not belong here). Write only listed slots;
    where a fact is missing write 【待补充：…】."""
    return ctx.of("G001")


@rule("G002", "model-figure", "error", "drafting", "模型不自行写出数字，数字只通过数据槽填入",
      "模型直接写“共收到申请25件”“组织培训十余次”或“编印第12期简报”", stage="draft")
def model_figure(ctx: DraftContext):
    """A figure the model typed instead of a slot, in any form: Arabic or Chinese numerals, an
    approximation (十余次、近千条、7700余条), a percentage (98.5%、百分之百), an ordinal of a series
    (第12期). Numbers come only from the tables and facts, so a typed one has no source. Names
    with digits (12345热线、H5) and dates are not figures. Use the slot, or leave the figure out."""
    return ctx.of("G002")


@rule("G003", "model-other-agency", "error", "drafting", "模型没有把其他机关或地区写成工作主体",
      "科技局的草稿写“兴庆区人社局通过多种形式……”", stage="draft")
def model_other_agency(ctx: DraftContext):
    """Another agency or region written as the doer of this agency's work (the model mixing up
    reports). Use 本局/我局 or the agency's own name."""
    return ctx.of("G003")


@rule("G004", "model-year", "error", "drafting", "模型只写本部分允许的年份",
      "2024年度报告的总体情况写“2023年，本局……”", stage="draft")
def model_year(ctx: DraftContext):
    """A year other than the report year (and, in 五/六, the years before and after): a model
    carrying over last year's text. Use the {year} slot."""
    return ctx.of("G004")


@rule("G005", "unusable-answer", "error", "drafting", "模型的输出是报告正文，而不是空白、复述提示、照抄示例或乱码",
      "模型复述“可用数据槽：…”或输出 <p> 标记", stage="draft")
def unusable_answer(ctx: DraftContext):
    """An answer that is not a section at all: empty, an echo of the prompt, a copied few-shot
    example, markup or foreign-script junk, the same paragraph repeated. Each was seen with a real
    small model; the section falls back to the offline text."""
    return ctx.of("G005")


@rule("G006", "dropped-slot", "error", "drafting", "按意见修改时保留原有的数据槽（已核实的数字）",
      "意见是“精简第一段”，修改稿删去了 {keep.1}", stage="draft")
def dropped_slot(ctx: DraftContext):
    """A revision dropped a slot of the text it revised (a verified figure) although the
    instruction did not ask for that content to go. Keep the slot and its statement."""
    present = {m.group(1) for m in SLOT_RE.finditer(ctx.text)}
    for slot in sorted(ctx.kept - present):
        yield Finding(code="G006", severity="error", section=ctx.section, quote="{" + slot + "}",
                      message=f"修改时删去了原文中的数据槽「{{{slot}}}」（代表已核实的数字）。",
                      fix="保留该数据槽及其所在的表述；修改意见没有要求删去这项内容。")


@rule("G007", "unsourced-particular", "error", "drafting", "模型写出的日期、文号、文件名称和带引号的名称都有出处",
      "工作情况中没有的“依据〔2024〕17号文件”“3月15日举办“政务开放日”活动”", stage="draft")
def unsourced_particular(ctx: DraftContext):
    """Everything concrete in generated text comes from the tables, the facts (statements and the
    clerk's clauses), last year's report or the template: a date, a 文号, a 《》 title or a name in
    quotation marks that none of them holds was invented. Delete it, or record the fact with its
    date, 文号 or name in 工作情况 and draft again."""
    return ctx.of("G007")


@rule("G008", "moved-slot", "error", "drafting", "按意见修改时每个数据槽留在原来的表述中",
      "“收到申请{keep.1}件，办结{keep.2}件”改成“收到申请{keep.2}件，办结{keep.1}件”", stage="draft")
def moved_slot(ctx: DraftContext):
    """A revision may reword a sentence but not move a verified figure into another clause, where
    it would count something else (two figures swapped is the usual case). Put the slot back in the
    statement it was in."""
    if ctx.original is None:
        return
    for slot in moved_slots(ctx.original, ctx.text):
        yield Finding(code="G008", severity="error", section=ctx.section, quote="{" + slot + "}",
                      message=f"修改后数据槽「{{{slot}}}」换到了另一处表述中，它代表的数字将被用来说明另一件事。",
                      fix="把该数据槽放回它在原文中所在的表述中；各项数字说明的内容不能互换。")
