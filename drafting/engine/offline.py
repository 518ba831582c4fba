"""The offline drafter: every section written deterministically from the tables and the facts.

It writes in slot form like a model would ({t3.received}, {fact.trainings}), so the same
filling and checking path serves both; the sentences are ours, in the register of a 公文.
Facts nobody gave become 【待补充：…】 placeholders, never invented content.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ..metrics import compute
from ..model import Figure, Report
from .slots import PLACEHOLDER
from .topics import figures_by_topic, topic, usable_notes

NARRATIVE = ("overall", "problems", "other")
LEAD_INS = ("active_disclosure", "applications", "review_litigation")
ORDINALS = "一二三四五六七八九十"


def self_name(report: Report) -> str:
    """How the agency refers to itself in its own report: 本局, 本委, 本办, 本镇 …"""
    a = report.meta.agency
    for suffix, name in (("局", "本局"), ("委员会", "本委"), ("委", "本委"), ("办公室", "本办"), ("办", "本办"),
                         ("中心", "本中心"), ("院", "本院"), ("厅", "本厅"), ("署", "本署"), ("镇人民政府", "本镇"),
                         ("乡人民政府", "本乡"), ("街道办事处", "本街道"), ("人民政府", "本级政府")):
        if a.endswith(suffix):
            return name
    return "本机关"


def _value(report: Report, key: str) -> Decimal | None:
    m = compute(report).get(key)
    return None if m is None else m.value


def _clean(note: str) -> str:
    return note.strip().rstrip("。；;，,")


def _enumerate(items: list[str], sep: str = "。") -> str:
    """一是……二是……, the usual 公文 way of listing measures; a single item stands alone."""
    items = [_clean(i) for i in items if _clean(i)]
    if not items:
        return ""
    if len(items) == 1:
        return items[0] + "。"
    return sep.join(f"{ORDINALS[i]}是{t}" for i, t in enumerate(items[:10])) + "。"


def _figure_phrase(f: Figure) -> str:
    return f"{f.label.strip()}{{fact.{f.key}}}{f.unit}"


def _figure_sentence(figs: list[Figure], lead: str = "全年") -> str:
    """Figures of one topic as one sentence; labels starting with 其中 attach to the figure before."""
    groups: list[list[Figure]] = []
    for f in figs:
        if f.label.startswith("其中") and groups:
            groups[-1].append(f)
        else:
            groups.append([f])
    parts = []
    for g in groups:
        head = _figure_phrase(g[0])
        subs = [_figure_phrase(Figure(key=s.key, label=s.label[2:].lstrip("，,"), value=s.value, unit=s.unit))
                for s in g[1:]]
        if subs:
            head += "，其中" + "、".join(subs)
        parts.append(head)
    return lead + "；".join(parts) + "。" if parts else ""


def _notes(report: Report, key: str) -> list[str]:
    return usable_notes(report, key)


def _topic_body(report: Report, key: str, opening: str = "", figures: bool = True, lead: str = "全年") -> str:
    """Opening sentence, the user's figures and notes for one topic, or a placeholder."""
    figs = figures_by_topic(report).get(key, []) if figures else []
    notes = _notes(report, key)
    body = opening
    if notes and not opening and not figs and not re.match(r"本|我|全年|年内|\{year\}", notes[0]):
        body = self_name(report)     # a note is a predicate; the agency is its subject
    if figs:
        body += _figure_sentence(figs, lead)
    if notes:
        body += _enumerate(notes, "；") if len(notes) > 1 else _clean(notes[0]) + "。"
    if not figs and not notes:
        body += PLACEHOLDER.format(topic(key).label + "方面的具体工作")
    return body


# -- 一、总体情况 ----------------------------------------------------------
def _applications_paragraph(report: Report, me: str) -> str:
    received = _value(report, "t3.received")
    if received is None:
        return PLACEHOLDER.format("表三申请数据") + "。"
    out = ""
    carried = _value(report, "t3.carried_over") or 0
    if received == 0:
        out += "{year}年，" + me + "未收到政府信息公开申请"
        out += "，上年结转申请{t3.carried_over}件。" if carried else "。"
    else:
        out += "{year}年，" + me + "共收到政府信息公开申请{t3.received}件"
        np_, lp = _value(report, "t3.natural_person"), _value(report, "t3.legal_person")
        if np_ is not None and lp is not None and np_ + lp == received and np_ and lp:
            # ， not 、: each count must sit in its own clause to be tied to its column.
            out += "，其中自然人申请{t3.natural_person}件，法人或其他组织申请{t3.legal_person}件"
        out += "；上年结转申请{t3.carried_over}件。" if carried else "。"
    handled = _value(report, "t3.handled")
    if handled:
        out += "本年度办结申请{t3.handled}件"
        out += "，结转下年度继续办理{t3.carry_forward}件。" if _value(report, "t3.carry_forward") else "。"
        outcomes = [(k, label) for k, label in (("t3.granted", "予以公开"), ("t3.partial", "部分公开"),
                                                  ("t3.denied", "不予公开"), ("t3.unable", "无法提供"),
                                                  ("t3.not_processed", "不予处理"), ("t3.other_handling", "其他处理"))
                    if _value(report, k)]
        if outcomes:
            out += "在已办结的申请中，" + "，".join(f"{label}{{{k}}}件" for k, label in outcomes) + "。"
    return out


def overall(report: Report) -> str:
    me = self_name(report)
    intro_law = "《条例》" if "以下简称《条例》" in (report.preamble or "") else \
        "《中华人民共和国政府信息公开条例》（以下简称《条例》）"
    parts = [
        "{year}年，" + me + "坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实" + intro_law +
        "和上级关于政务公开工作的部署要求，坚持“公开为常态、不公开为例外”原则，扎实推进政府信息公开各项工作，"
        "切实保障人民群众的知情权、参与权、表达权和监督权。",
        "（一）主动公开",
        _topic_body(report, "active", me + "严格落实主动公开制度，围绕中心工作和群众关切及时准确公开政府信息。"),
        "（二）依申请公开",
        me + "规范依申请公开受理、审查、答复等环节，严格执行法定答复时限。" + _applications_paragraph(report, me)
        + (_enumerate(_notes(report, "applications"), "；") if _notes(report, "applications") else ""),
        "（三）政府信息管理",
        _topic_body(report, "management", me + "健全政府信息管理制度，规范信息发布流程。"),
        "（四）政府信息公开平台建设",
        _topic_body(report, "platform", me + "加强政府信息公开平台建设和管理，提升平台信息发布的规范化水平。"),
        "（五）监督保障",
        _topic_body(report, "supervision", me + "强化政务公开工作的组织保障和监督检查。"),
    ]
    if report.meta.level.value == "人民政府" and report.template.version == "2021":
        said = " ".join(_notes(report, "supervision"))
        missing = [w for w in ("工作考核", "社会评议", "责任追究") if w not in said]
        if missing:
            parts[-1] += PLACEHOLDER.format("、".join(missing) + "结果情况")
    return "\n".join(parts)


# -- 二、三、四 lead-ins -----------------------------------------------------
def active_disclosure(report: Report) -> str:
    me = self_name(report)
    if report.tables.get("active_disclosure") is None:
        return ""
    spec = report.template.tables["active_disclosure"]
    bits = []
    docs_made = "t2.normative_documents.made" if report.template.version == "2021" else "t2.normative_documents.new_made"
    if _value(report, docs_made) is not None:
        label = spec.row("normative_documents").label
        bits.append(("制发" + label + "{" + docs_made + "}件") if _value(report, docs_made) else ("未制发" + label))
    for row in ("licensing", "punishment", "coercion"):
        key = f"t2.{row}.decisions"
        if _value(report, key):
            bits.append(f"作出{spec.row(row).label}决定{{{key}}}件")
    lead = "{year}年，" + me + "依照《条例》第二十条规定主动公开政府信息"
    if bits:
        lead += "，" + "，".join(bits)
    return lead + "。具体情况见下表。"


def applications(report: Report) -> str:
    me = self_name(report)
    received = _value(report, "t3.received")
    if received is None:
        return ""
    if received == 0:
        return "{year}年，" + me + "未收到政府信息公开申请。具体情况见下表。"
    s = "{year}年，" + me + "共收到政府信息公开申请{t3.received}件"
    if _value(report, "t3.handled") is not None:
        s += "，办结{t3.handled}件"
    return s + "。具体情况见下表。"


def review_litigation(report: Report) -> str:
    me = self_name(report)
    review, litig = _value(report, "t4.review_total"), _value(report, "t4.litigation_total")
    if review is None or litig is None:
        return ""
    if review == 0 and litig == 0:
        return "{year}年，" + me + "未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。"
    parts = []
    if review:
        outcome = [f"{w}{{t4.review_{k}}}件" for k, w in (("maintain", "结果维持"), ("correct", "结果纠正"),
                                                          ("other", "其他结果"), ("pending", "尚未审结"))
                   if _value(report, f"t4.review_{k}")]
        parts.append("因政府信息公开工作被申请行政复议{t4.review_total}件" +
                     ("（" + "、".join(outcome) + "）" if outcome else ""))
    else:
        parts.append("未被申请行政复议")
    if litig:
        outcome = []
        for k, w in (("maintain", "结果维持"), ("correct", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结")):
            vals = [_value(report, f"t4.litigation_{g}_{k}") or 0 for g in ("direct", "after_review")]
            if sum(vals):
                outcome.append((w, k))
        parts.append("被提起行政诉讼{t4.litigation_total}件")
    else:
        parts.append("未被提起行政诉讼")
    return "{year}年，" + me + "，".join(parts) + "。具体情况见下表。"


# -- 五、六 ----------------------------------------------------------------
def problems(report: Report) -> str:
    me = self_name(report)
    out = ["（一）存在的主要问题"]
    probs = _notes(report, "problems")
    out.append((me + "政府信息公开工作还存在一些不足：" + _enumerate(probs)) if probs
               else PLACEHOLDER.format("本年度存在的主要问题"))
    n = 2
    followup = _notes(report, "last_year_followup")
    figs = figures_by_topic(report).get("last_year_followup", [])
    if followup or figs:
        out.append(f"（{ORDINALS[n - 1]}）上年度问题整改情况")
        out.append("针对上年度报告中提出的问题，" + me + "逐项落实整改。" + _figure_sentence(figs) + _enumerate(followup, "；"))
        n += 1
    out.append(f"（{ORDINALS[n - 1]}）改进措施")
    measures = _notes(report, "measures")
    out.append(("下一步，" + me + "将重点做好以下工作：" + _enumerate(measures)) if measures
               else PLACEHOLDER.format("下一步改进措施"))
    return "\n".join(out)


def other(report: Report) -> str:
    me = self_name(report)
    tpl = report.template
    items = list(tpl.section("other").expected_items)
    figs = figures_by_topic(report)
    keys = ("fees", "work_points", "proposals", "innovation")
    out = []
    if not items:
        # 2019 试行 format: no fixed list; report what is known, in the same order.
        known = [k for k in keys + ("other",) if _notes(report, k) or figs.get(k)]
        if not known:
            return "本年度" + me + "无其他需要报告的事项。"
        for i, k in enumerate(known):
            out.append(f"（{ORDINALS[i]}）{topic(k).label}")
            out.append(_topic_body(report, k))
        return "\n".join(out)
    n = 0
    for k, title in zip(keys, items):
        n += 1
        out.append(f"（{ORDINALS[n - 1]}）{_item_title(title)}")
        if k == "fees" and not _notes(report, k) and not figs.get(k):
            out.append(PLACEHOLDER.format("本年度是否收取信息处理费"))
            continue
        out.append(_topic_body(report, k, lead=("本年度" + me) if k == "proposals" else "全年"))
    if _notes(report, "other"):
        n += 1
        out.append(f"（{ORDINALS[n - 1]}）{_item_title(items[-1]) if len(items) > 4 else topic('other').label}")
        out.append(_topic_body(report, "other"))
    return "\n".join(out)


def _item_title(item: str) -> str:
    # The format's description of the item, shortened to a heading as reports write it.
    item = re.sub(r"^依据《[^》]*》（[^）]*）", "", item)
    item = re.sub(r"的情况$", "情况", item)
    return item


WRITERS = {"overall": overall, "active_disclosure": active_disclosure, "applications": applications,
           "review_litigation": review_litigation, "problems": problems, "other": other}


def offline_slot_text(report: Report, key: str) -> str:
    """The section in slot form, as the offline drafter writes it."""
    try:
        writer = WRITERS[key]
    except KeyError:
        raise ValueError(f"未知的部分：{key}") from None
    return writer(report)


def offline_version() -> str:
    """``offline@hash`` of this module's source: the offline drafter's counterpart of a prompt version."""
    import hashlib
    from pathlib import Path
    return "offline@" + hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]


def offline_section(report: Report, key: str) -> str:
    """The section's text, slots filled."""
    from .slots import fill_slots
    return fill_slots(offline_slot_text(report, key), report)
