"""The offline drafter: every section written deterministically from the tables and the facts.

It writes in slot form like a model would ({t3.received}, {fact.web_items}), so the same
filling and checking path serves both. What it writes:

- the opening paragraph (依据 the 条例 and the year's template, 统计期限 from the year, where the
  electronic copy is and whom to contact — placeholders where the facts do not say);
- 「一」: an overview in the year's standard phrasing, then one paragraph per part built from the
  clerk's statements of that part, aspect by aspect; 依申请公开 from 表三/表四 as well;
- 「五」: this year's problems as 一是/二是…, last year's problems each with how far it was put
  right (from --previous), measures matched to the problems they answer;
- 「六」: the template's items, 信息处理费 with its basis, 无 for items marked as not applying;
- lead-ins before tables 二、三、四 only when asked for (real reports print the tables bare).

The agency names itself by its level (我局/本局, 我县/县政府, 我街道), never 本级政府. Where a
report needs a sentence of its own, the phrasing is one of several, chosen by a hash of the
report's facts: two agencies' drafts share few sentences, and a draft avoids the phrasings of
last year's report. Zero values are written as 未…/没有…, never 0件. Facts nobody gave become
【待补充：…】 placeholders, never invented content.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ..facts import ASPECT_BY_KEY, OTHER_ITEMS, TOPIC_BY_KEY, Fact, label_of
from ..formats import get_template
from ..metrics import compute, fill_slots
from ..model import Figure, Level, Report
from .phrasing import Chooser, SelfRef, field_of_work, political, seed_of, self_ref, sentences_of
from .slots import PLACEHOLDER
from .topics import facts_of, figures_by_topic, required_aspects, topic, usable_notes

NARRATIVE = ("overall", "problems", "other")
LEAD_INS = ("active_disclosure", "applications", "review_litigation")
ORDINALS = "一二三四五六七八九十"


class Draft:
    """What every writer needs: the report, its self-reference, the phrasing chooser."""

    def __init__(self, report: Report, previous: Report | None = None):
        self.report = report
        self.previous = previous
        self.ref: SelfRef = self_ref(report)
        self.metrics = compute(report)
        avoid = set()
        if previous is not None:
            for s in previous.sections.values():
                avoid |= sentences_of(s.text)
        texts = [f.text for items in report.facts.groups().values() for f in items]
        self.choose = Chooser(seed_of(report.meta.agency, report.meta.year, *texts), avoid)

    def value(self, key: str) -> Decimal | None:
        m = self.metrics.get(key)
        return None if m is None else m.value

    def pick(self, slot: str, options: list[str]) -> str:
        return self.choose.pick(slot, options)


def self_name(report: Report) -> str:
    """How the agency refers to itself in formal references: 本局, 本委, 本县, 本街道 …"""
    return self_ref(report).this


def _clean(note: str) -> str:
    return note.strip().rstrip("。；;，,")


def _enumerate(items: list[str], sep: str = "。") -> str:
    """一是……二是……, the usual 公文 way of listing; a single item stands alone."""
    items = [_clean(i) for i in items if _clean(i)]
    if not items:
        return ""
    if len(items) == 1:
        return items[0] + "。"
    return sep.join(f"{ORDINALS[i]}是{t}" for i, t in enumerate(items[:10])) + "。"


# -- statements in slot form ---------------------------------------------------------------
def usable(d: Draft, key: str) -> list[Fact]:
    """An aspect's statements that may go into a draft (not 无, not text addressed to the system)."""
    from .topics import _usable
    return [f for f in d.report.facts.get(key) if f.text and not f.none and _usable(f)]


def statement(d: Draft, f: Fact) -> str:
    """A statement's text with its figures as data slots; a zero figure becomes 未…."""
    from .facts import slot_form
    text = slot_form(_clean(f.text), f.figures, d.report.facts)
    for key in f.figures:
        fig = d.report.facts.figure(key)
        if fig is not None and fig.value == 0:
            text = _zero(text, key, fig)
    return text


def _zero(text: str, key: str, fig: Figure) -> str:
    """组织培训{fact.x}次 with x = 0 → 未组织培训 (the clause that holds it)."""
    slot = "{fact." + key + "}"
    parts = re.split(r"([，,；;])", text)
    for i, p in enumerate(parts):
        if slot in p:
            p = p.replace(slot + fig.unit, "").replace(slot, "")
            p = re.sub(r"^(?:共|全年|累计|本年度)", "", p)
            parts[i] = p if p.startswith(("未", "没有", "无")) else "未" + p
    return "".join(parts)


def _figure_phrase(f: Figure) -> str:
    return f"{f.label.strip()}{{fact.{f.key}}}{f.unit}"


def _figure_sentence(figs: list[Figure], lead: str = "全年") -> str:
    """Figures typed on a form (no statement carries them) as one sentence; 其中… attaches."""
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


def _aspect_sentences(d: Draft, part: str) -> list[tuple[str, str]]:
    """(aspect, sentence) for every statement of a part, in drafting order."""
    out = []
    for key, items in facts_of(d.report, part).items():
        texts = [statement(d, f) for f in items if f.text and not f.none]
        texts = [t for t in texts if t]
        if texts:
            out.append((key, "；".join(texts)))
    return out


# What 条例第五十条 asks of governments is named as such, so a reader (and S008) finds it.
_EXPLICIT = ("supervision.assessment", "supervision.evaluation", "supervision.accountability")


def _part_paragraph(d: Draft, part: str, extra: list[str] | None = None) -> str:
    """One part of 一 from its statements; a lead naming its lines of work where there are several."""
    sents = _aspect_sentences(d, part)
    figs = figures_by_topic(d.report).get(part, [])
    body: list[str] = []
    style = d.choose.index(part + ".style", 3)
    lines = [ASPECT_BY_KEY[k].prose for k, _ in sents if k in ASPECT_BY_KEY]
    label = topic(part).label
    lead = ""
    if len(lines) >= 2 and style != 2:
        names = "、".join(lines[:-1]) + "和" + lines[-1] if len(lines) <= 4 else "、".join(lines[:4]) + "等"
        # The lead runs into the first statement (a colon, not a sentence of its own): what
        # follows it is the agency's own, so the sentence is too.
        lead = d.pick(part + ".lead", [
            f"{d.ref.we}从{names}入手推进{label}工作，", f"本年度{label}工作主要体现在{names}方面：",
            f"{d.ref.we}以{names}为重点抓好{label}：", f"围绕{names}，{d.ref.we}推进{label}工作：",
            f"在{label}上，{d.ref.we}突出{names}：", f"{label}方面，{d.ref.we}着重做好{names}：",
        ])
    if len(sents) >= 3 and style == 1:
        items = _enumerate([s for _, s in sents])
        body.append((lead.rstrip("，：") + "。" if lead else "") + items)
    else:
        connectors = ["同时，", "此外，", "", "另外，", "", "与此同时，"]
        for i, (key, s) in enumerate(sents):
            if key in _EXPLICIT and d.report.meta.level == Level.government:
                head = f"在{ASPECT_BY_KEY[key].label}方面，"
            elif i == 0:
                times = ["全年", "{year}年，", "本年度，", ""] if "{" in s else ["", "{year}年，"]
                head = d.pick(part + ".time", times) if not lead and not re.match(
                    r"^(?:全年|本年度|\{year\}|\d{4}年|[一二三四五六七八九十]{1,2}月|\d{1,2}月|年初|年内|上半年|下半年)", s) else ""
            elif ASPECT_BY_KEY.get(key) and d.choose.index(key, 3) == 0 and ASPECT_BY_KEY[key].prose not in s \
                    and ASPECT_BY_KEY[key].label not in s:
                head = f"在{ASPECT_BY_KEY[key].prose}方面，"
            else:
                head = connectors[d.choose.index(key + ".c", len(connectors))] if i > 1 else ""
            body.append((lead if i == 0 else "") + head + s + "。")
    if figs:
        body.append(_figure_sentence(figs, "全年" if not sents else "另外，"))
    body += extra or []
    if not body:
        return PLACEHOLDER.format(topic(part).label + "方面的具体工作")
    return "".join(body)


# -- the opening paragraph ---------------------------------------------------------------------
def preamble(report: Report, previous: Report | None = None) -> str:
    """依据, 统计期限, the electronic copy and the contact: what every real report opens with."""
    d = Draft(report, previous)
    tpl = report.template
    law = "《中华人民共和国政府信息公开条例》（以下简称《条例》）"
    fmt_title = f"《{tpl.format_title}》（{tpl.document_no}）" if tpl.format_title else ""
    first = d.pick("pre.basis", [
        f"本报告依据{law}和{fmt_title}编制。",
        f"根据{law}和{fmt_title}要求，编制本报告。",
        f"依照{law}规定，按照{fmt_title}的要求，编制本年度报告。",
    ])
    period = d.pick("pre.period", [
        f"本报告所列数据的统计期限自{{year}}年1月1日起至{{year}}年12月31日止。",
        f"报告中所列数据的统计期限为{{year}}年1月1日至{{year}}年12月31日。",
        f"本报告数据统计期限为{{year}}年1月1日至12月31日。",
    ])
    website = _contact(report, "contact.website", r"[\u4e00-\u9fff“”]*(?:网站|门户)[\u4e00-\u9fff“”]*|(?:https?://|www\.)[^\s，。；]+") \
        or PLACEHOLDER.format("发布本报告电子版的网站及栏目")
    phone = _contact(report, "contact.phone", r"(?:0\d{2,3}[-－—]?)?\d{7,8}") or PLACEHOLDER.format("联系电话")
    office = _contact(report, "contact.office", r".+") or PLACEHOLDER.format("联系单位和地址")
    copy = d.pick("pre.copy", [
        f"本报告电子版可在{website}查阅和下载。",
        f"本报告的电子版已在{website}发布，可查阅或下载。",
    ])
    contact = d.pick("pre.contact", [
        f"如对本报告有疑问，请与{office}联系（电话：{phone}）。",
        f"对本报告如有疑问，请联系{office}，联系电话：{phone}。",
    ])
    return fill_slots(first + period + copy + contact, report)      # the year through its slot


def _contact(report: Report, key: str, pattern: str) -> str:
    for f in report.facts.get(key, []):
        m = re.search(pattern, f.text)
        if m:
            return m.group().strip("，。 ")
    return ""


# -- 一、总体情况 ----------------------------------------------------------
def _intro_law(report: Report) -> str:
    pre = report.preamble or ""
    return "《条例》" if ("以下简称《条例》" in pre or not pre.strip()) else "《中华人民共和国政府信息公开条例》"


def _overview(d: Draft) -> str:
    r = d.report
    field = field_of_work(r)
    around = f"围绕{field}中心工作，" if field else ""
    law = _intro_law(r)
    we = d.ref.we
    guide = "坚持以习近平新时代中国特色社会主义思想为指导"
    pol = political(r.meta.year)
    s1 = d.pick("ov.1", [
        f"{{year}}年，{we}{guide}，{pol}，认真贯彻落实{law}，{around}持续深化政务公开。",
        f"{{year}}年，{we}以习近平新时代中国特色社会主义思想为指导，{pol}，{around}严格执行{law}各项规定，依法做好政府信息公开工作。",
        f"{{year}}年，{we}{guide}，{pol}，按照{law}和上级部署，{around}扎实推进政府信息公开工作。",
        f"{{year}}年，在上级政务公开工作部门指导下，{we}{guide}，{pol}，{around}落实{law}要求，推动政务公开走深走实。",
        f"{{year}}年，{we}{guide}，{pol}，认真落实{law}，{around}把政务公开作为依法行政的重要抓手。",
        f"{{year}}年，{we}始终{guide[2:]}，{pol}，{around}依照{law}规定，不断提高政府信息公开的规范化水平。",
    ])
    # No second sentence of figures: the parts below give them, and a figure said twice pads.
    return s1


def _applications_table(d: Draft, review: str = "") -> str:
    """依申请公开 from 表三 (and 表四's sentence joined on): zeros as 未…, never 0件."""
    we = d.ref.we
    received = d.value("t3.received")
    if received is None:
        return review
    carried = d.value("t3.carried_over") or 0
    if received == 0:
        out = d.pick("ap.none", [f"本年度{we}未收到政府信息公开申请", f"{{year}}年，{we}未收到政府信息公开申请",
                                  "全年未收到政府信息公开申请", f"{we}本年度没有收到政府信息公开申请",
                                  "本年度依申请公开事项为零，未收到政府信息公开申请"])
        out += "，上年结转申请{t3.carried_over}件" if carried else ""
    else:
        out = d.pick("ap.recv", [f"{{year}}年，{we}共收到政府信息公开申请{{t3.received}}件",
                                  "全年新收政府信息公开申请{t3.received}件",
                                  f"本年度{we}受理政府信息公开申请{{t3.received}}件",
                                  "从收到的申请看，本年度新收政府信息公开申请{t3.received}件",
                                  f"{we}全年共收到政府信息公开申请{{t3.received}}件"])
        np_, lp = d.value("t3.natural_person"), d.value("t3.legal_person")
        if np_ is not None and lp is not None and np_ + lp == received and np_ and lp:
            # ， not 、: each count sits in its own clause to be tied to its column.
            out += d.pick("ap.split", ["，其中自然人申请{t3.natural_person}件，法人或其他组织申请{t3.legal_person}件",
                                       "，自然人申请{t3.natural_person}件，法人或其他组织申请{t3.legal_person}件",
                                       "；按申请人分，自然人申请{t3.natural_person}件，法人或其他组织申请{t3.legal_person}件"])
        elif np_ is not None and np_ == received:
            out += "，均为自然人申请"
        out += "，上年结转申请{t3.carried_over}件" if carried else ""
    handled = d.value("t3.handled")
    if handled:
        out += d.pick("ap.done", ["；本年度办结申请{t3.handled}件", "；已办结{t3.handled}件", "，办理完毕{t3.handled}件",
                                  "；年内办结{t3.handled}件"])
        out += d.pick("ap.fwd", ["，结转下年度继续办理{t3.carry_forward}件", "，另有{t3.carry_forward}件结转下年度继续办理"]) \
            if d.value("t3.carry_forward") else d.pick("ap.nofwd", ["，没有结转下年度办理的申请", "，无结转下年度的申请"])
    out += "。"
    outcomes = [(k, label) for k, label in (("t3.granted", "予以公开"), ("t3.partial", "部分公开"),
                                              ("t3.denied", "不予公开"), ("t3.unable", "无法提供"),
                                              ("t3.not_processed", "不予处理"), ("t3.other_handling", "其他处理"))
                if d.value(k)]
    if handled and outcomes:
        out += d.pick("ap.outc", ["从办理结果看，", "在已办结的申请中，", "办理结果中，", "按办理结果分，"]) + \
            "，".join(f"{label}{{{k}}}件" for k, label in outcomes) + ("；" + review if review else "。")
    else:
        out += review
    return out


def _review_sentence(d: Draft) -> str:
    review, litig = d.value("t4.review_total"), d.value("t4.litigation_total")
    if review is None or litig is None:
        return ""
    if review == 0 and litig == 0:
        return d.pick("rv.none", ["未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。",
                                  "全年没有因政府信息公开被申请行政复议或提起行政诉讼的案件。",
                                  "没有发生政府信息公开行政复议和行政诉讼案件。",
                                  "本年度未被申请政府信息公开行政复议，也未被提起行政诉讼。"])
    # the review outcomes the table holds (结果维持/结果纠正…), with the template's labels: the
    # clerk's 纠错1件 is dropped from the facts as a table clause and must be said here
    cols = d.report.template.tables["review_litigation"].rows[0].columns
    group = next(c.group for c in cols if c.key == "review_total")
    outcomes = [f"{c.label}{{t4.{c.key}}}件" for c in cols
                if c.group == group and c.key != "review_total" and d.value(f"t4.{c.key}")]
    parts = [d.pick("rv.yes", ["因政府信息公开工作被申请行政复议{t4.review_total}件",
                               "涉及政府信息公开的行政复议{t4.review_total}件",
                               "被申请政府信息公开行政复议{t4.review_total}件"])
             + (f"（{'、'.join(outcomes)}）" if outcomes else "") if review else "未被申请行政复议",
             d.pick("rv.lit", ["被提起行政诉讼{t4.litigation_total}件", "行政诉讼{t4.litigation_total}件"])
             if litig else "未被提起行政诉讼"]
    return "，".join(parts) + "。"


# Clauses a statement shares with 表三/表四: the table sentence says them with slots already.
_TABLE_WORDS = (("t3.received", r"收到|受理|新收|接到"), ("t3.handled", r"办结|办理完毕|答复"),
                ("t3.carry_forward", r"结转"), ("t4.review_total", r"复议"), ("t4.litigation_total", r"诉讼|起诉"),
                ("t4.review_correct", r"纠错|纠正"))


def without_table_clauses(d: Draft, text: str) -> str:
    parts = re.split(r"[，,]", text)
    keep, dropped_last = [], False
    for p in parts:
        drop = False
        if re.fullmatch(r"未收到政府信息公开申请", p) and d.value("t3.received") == 0:
            drop = True
        elif re.fullmatch(r"未被申请行政复议或提起行政诉讼|未发生行政复议和?行政诉讼", p):
            drop = d.value("t4.review_total") == 0 and d.value("t4.litigation_total") == 0
        else:
            for key, words in _TABLE_WORDS:
                v = d.value(key)
                if v is not None and re.search(words, p) and _says_value(d, p, v):
                    drop = True
                    break
        if not drop and dropped_last and re.match(r"^(?:结果|均|都|其中|全部)", p):
            drop = True
        if not drop and dropped_last and not keep:
            # What the clerk said about the dropped count stays, with what it is about.
            if re.match(r"^(?:较上年度|比上年|同比|较去年)", p):
                p = "申请数量" + p
            elif re.match(r"^(?:多数|大多|大部分|主要|绝大多数)", p):
                p = "申请内容" + p
        dropped_last = drop
        if not drop:
            keep.append(p)
    return "，".join(keep)


def _says_value(d: Draft, clause: str, value: Decimal) -> bool:
    """Whether a clause in slot form states ``value`` through one of its fact slots."""
    for m in re.finditer(r"\{fact\.([A-Za-z0-9_]+)\}", clause):
        fig = d.report.facts.figure(m.group(1))
        if fig is not None and fig.value == value and not fig.approx:
            return True
    return False


def _applications_paragraph(d: Draft) -> str:
    review = _review_sentence(d)
    table = _applications_table(d, review)
    sents = []
    for key, items in facts_of(d.report, "applications").items():
        for f in items:
            if f.text and not f.none:
                s = without_table_clauses(d, statement(d, f))
                if s:
                    sents.append(s + "。")
    figs = figures_by_topic(d.report).get("applications", [])
    order = d.choose.index("ap.order", 2)
    if sents and order == 1:
        # The first statement runs on from the counts: one sentence, the agency's own.
        first, rest = table.split("。", 1) if "。" in table else (table, "")
        body = first + "，" + sents[0] + rest + "".join(sents[1:])
    else:
        body = table + "".join(sents)
    if figs:
        body += _figure_sentence(figs, "另外，")
    if not body:
        return PLACEHOLDER.format("依申请公开方面的具体工作")
    return body


def _supervision_paragraph(d: Draft) -> str:
    r = d.report
    extra = []
    if r.meta.level == Level.government and r.template.version == "2021":
        have = {k for k, v in facts_of(r, "supervision").items() if v}
        missing = [ASPECT_BY_KEY[k].label for k in ("supervision.assessment", "supervision.evaluation",
                                                    "supervision.accountability") if k not in have]
        if missing:
            extra.append(PLACEHOLDER.format("、".join(missing) + "结果情况") + "。")
    return _part_paragraph(d, "supervision", extra)


def overall(report: Report, previous: Report | None = None) -> str:
    d = Draft(report, previous)
    subs = list(report.template.section("overall").subsections) or [
        f"（{ORDINALS[i]}）{TOPIC_BY_KEY[k].label}" for i, k in enumerate(("active", "applications", "management",
                                                                        "platform", "supervision"))]
    bodies = [
        _part_paragraph(d, "active"),
        _applications_paragraph(d),
        _part_paragraph(d, "management"),
        _part_paragraph(d, "platform"),
        _supervision_paragraph(d),
    ]
    parts = [_overview(d)]
    for head, body in zip(subs, bodies):
        parts += [head, body]
    return "\n".join(parts)


# -- 二、三、四 lead-ins (only when asked for) --------------------------------------------------
def active_disclosure(report: Report, previous: Report | None = None) -> str:
    d = Draft(report, previous)
    if report.tables.get("active_disclosure") is None:
        return ""
    spec = report.template.tables["active_disclosure"]
    bits = []
    docs_made = "t2.normative_documents.made" if report.template.version == "2021" else "t2.normative_documents.new_made"
    if d.value(docs_made) is not None:
        label = spec.row("normative_documents").label
        bits.append(("制发" + label + "{" + docs_made + "}件") if d.value(docs_made) else ("未制发" + label))
    for row in ("licensing", "punishment", "coercion"):
        key = f"t2.{row}.decisions"
        if d.value(key):
            bits.append(f"作出{spec.row(row).label}决定{{{key}}}件")
    lead = "{year}年，" + d.ref.we + "依照《条例》第二十条规定主动公开政府信息"
    if bits:
        lead += "，" + "，".join(bits)
    return lead + "。具体情况见下表。"


def applications(report: Report, previous: Report | None = None) -> str:
    d = Draft(report, previous)
    received = d.value("t3.received")
    if received is None:
        return ""
    if received == 0:
        return "{year}年，" + d.ref.we + "未收到政府信息公开申请。具体情况见下表。"
    s = "{year}年，" + d.ref.we + "共收到政府信息公开申请{t3.received}件"
    if d.value("t3.handled") is not None:
        s += "，办结{t3.handled}件"
    return s + "。具体情况见下表。"


def review_litigation(report: Report, previous: Report | None = None) -> str:
    d = Draft(report, previous)
    s = _review_sentence(d)
    if not s:
        return ""
    if s.startswith("未发生"):
        return "{year}年，" + d.ref.we + s
    return "{year}年，" + d.ref.we + s[:-1] + "。具体情况见下表。"


# -- 五 -----------------------------------------------------------------------------------------
def _bigrams(s: str) -> set[str]:
    s = re.sub(r"\{[^}]*\}|[^\u4e00-\u9fff]", "", s)
    stop = {"进一步", "加强", "工作", "信息", "公开", "不够", "还不", "有待", "提升", "提高"}
    grams = {s[i:i + 2] for i in range(len(s) - 1)}
    return {g for g in grams if g not in stop and not any(g in w for w in ("进一步",))}


def match_measures(problems: list[str], measures: list[str]) -> list[int | None]:
    """For each measure, the index of the problem it answers (most shared words), or None."""
    out: list[int | None] = []
    pb = [_bigrams(p) for p in problems]
    for m in measures:
        mb = _bigrams(m)
        scores = [len(mb & b) for b in pb]
        best = max(range(len(scores)), key=lambda i: scores[i]) if scores else None
        out.append(best if best is not None and scores[best] > 0 else None)
    return out


def previous_problems(previous: Report | None) -> list[str]:
    """Last year's problems: the facts its report was drafted from, else read from its 「五」."""
    if previous is None:
        return []
    got = [f.text for f in previous.facts.get("problems", []) if f.text]
    if got:
        return got
    text = previous.section_text("problems")
    if not text.strip():
        return []
    m = re.search(r"（一）[^\n]*\n(.*?)(?=\n（[二三四]）|\Z)", text, flags=re.S)
    body = m.group(1) if m else text
    items = re.split(r"[一二三四五六七八九十]是", body)
    if len(items) > 1:
        out = [re.split(r"[。；]", i)[0] for i in items[1:]]
    else:
        out = [s for s in re.split(r"[。；]", re.sub(r"^[^：:]*[：:]", "", body)) if re.search(
            r"不够|不足|有待|薄弱|欠缺|滞后|单一|不及时|不高|不强|不全|不到位|偏少|较少", s)]
    return [o.strip("，, ") for o in out if o.strip("，, ")]


def _short(problem: str) -> str:
    p = re.split(r"[，,；;]", problem)[0]
    return p[:30]


def _followups(d: Draft) -> list[str]:
    """上年度问题整改: each of last year's problems with what was done and its status."""
    from .topics import _usable
    facts = [f for f in d.report.facts.get("last_year_followup") if (f.text or f.subject or f.status) and _usable(f)]
    prev = previous_problems(d.previous)
    used: set[int] = set()
    out = []
    status_tail = {"已整改": "，已整改到位", "整改中": "，整改工作正在推进", "未整改": "，尚未完成整改"}
    for p in prev:
        best, score = None, 0
        for i, f in enumerate(facts):
            if i in used:
                continue
            sc = len(_bigrams(p) & _bigrams(f.subject + f.text))
            if sc > score:
                best, score = i, sc
        lead = d.pick("fu.lead", ["针对上年度报告提出的", "对上年度报告中指出的", "关于上年度报告所列"])
        if best is None:
            out.append(f"{lead}“{_short(p)}”问题，{PLACEHOLDER.format('整改情况')}。")
            continue
        used.add(best)
        f = facts[best]
        body = statement(d, f) if f.text else ""
        tail = status_tail.get(f.status, "") if f.status and not re.search(r"整改|解决|完成", body) else ""
        body = (body + tail).strip("，") or status_tail.get(f.status, "，" + PLACEHOLDER.format("整改情况")).strip("，")
        out.append(f"{lead}“{_short(p)}”问题，{body}。")
    figs = figures_by_topic(d.report).get("last_year_followup", [])
    if figs:
        out.append(_figure_sentence(figs, "全年"))
    for i, f in enumerate(facts):
        if i in used:
            continue
        body = statement(d, f) if f.text else ""
        tail = status_tail.get(f.status, "") if f.status and not re.search(r"整改|解决|完成", body) else ""
        subject = f"针对上年度“{_short(f.subject)}”问题，" if f.subject else ""
        if body or tail:
            out.append(f"{subject}{(body + tail).strip('，')}。")
    return out


def problems(report: Report, previous: Report | None = None) -> str:
    d = Draft(report, previous)
    we = d.ref.we
    probs = [statement(d, f) for f in usable(d, "problems")]
    measures = [statement(d, f) for f in usable(d, "measures")]
    out = ["（一）存在的主要问题"]
    if probs:
        intro = d.pick("pb.intro", [
            f"{we}政府信息公开工作还存在一些不足：",
            f"对照上级要求和群众期待，{we}政府信息公开工作仍有差距，主要是：",
            "工作中还存在以下问题：",
            f"{{year}}年，{we}政务公开工作虽取得一定成效，但也存在一些问题：",
        ])
        out.append(intro + _enumerate(probs))
    else:
        out.append(PLACEHOLDER.format("本年度存在的主要问题"))
    n = 2
    follow = _followups(d)
    if follow:
        out.append(f"（{ORDINALS[n - 1]}）上年度问题整改情况")
        out.append("".join(follow))
        n += 1
    out.append(f"（{ORDINALS[n - 1]}）改进措施")
    if measures:
        which = match_measures(probs, measures)
        groups: dict[int | None, list[str]] = {}
        for m, w in zip(measures, which):
            groups.setdefault(w, []).append(m)
        ordered = [("，".join(groups[i])) for i in range(len(probs)) if i in groups] + groups.get(None, [])
        lacking = [i for i in range(len(probs)) if i not in groups]
        ordered += [PLACEHOLDER.format(f"针对“{_short(probs[i])}”的改进措施") for i in lacking]
        intro = d.pick("ms.intro", [
            f"下一步，{we}将重点做好以下工作：",
            f"针对上述问题，{we}将采取以下措施：",
            "{next_year}年，" + we + "将从以下几个方面加以改进：",
            f"对此，{we}将着力抓好以下工作：",
        ])
        out.append(intro + _enumerate(ordered))
    else:
        out.append(PLACEHOLDER.format("下一步改进措施"))
    return "\n".join(out)


# -- 六 -------------------------------------------------------------------------------------------
# the fee's legal basis as the 2021 template's first item of 「六」 names it (依据《…》（国办函…号）…)
FEE_BASIS = re.search(r"依据(《[^》]+》（[^）]+）)", get_template("2021").section("other").expected_items[0]).group(1)
NONE_SENTENCE = {
    "fees": "本年度{we}未收取信息处理费。",
    "work_points": "本年度无需单独报告的政务公开工作要点落实事项。",
    "proposals": "本年度{we}未承办人大代表建议和政协提案。",
    "innovation": "本年度无需要单独报告的政务公开工作创新情况。",
    "other": "无其他需要报告的事项。",
}


def _item(d: Draft, key: str) -> str | None:
    """One item of 六 from its statements; 无 when marked; None when nothing is known."""
    items = d.report.facts.get(key)
    texts = [statement(d, f) for f in usable(d, key)]
    figs = figures_by_topic(d.report).get(key, [])
    we = d.ref.we
    if not texts and not figs:
        if any(f.none for f in items):
            return NONE_SENTENCE[key].format(we=we)
        return None
    if key == "fees":
        charged = [t for t in texts if not re.search(r"未收取|没有收取|无收取", t)]
        if not charged:
            return d.pick("fee.none", [f"本年度{we}未收取信息处理费。", f"{{year}}年，{we}没有收取信息处理费。",
                                       f"全年{we}未向申请人收取信息处理费。"])
        basis = "" if any("办法" in t or "依据" in t for t in charged) else f"依据{FEE_BASIS}，"
        return basis + "；".join(charged) + "。"
    body = "；".join(texts)
    if figs:
        body = (body + "。" if body else "") + _figure_sentence(figs, "全年").rstrip("。")
    return body.rstrip("。") + "。"


def other(report: Report, previous: Report | None = None) -> str:
    d = Draft(report, previous)
    tpl = report.template
    items = list(tpl.section("other").expected_items)
    keys = OTHER_ITEMS[:4]
    out = []
    if not items:
        # 2019 试行 format: no fixed list; report what is known, in the same order.
        known = [(k, _item(d, k)) for k in OTHER_ITEMS]
        known = [(k, t) for k, t in known if t]
        if not known:
            return "本年度" + d.ref.this + "无其他需要报告的事项。"
        for i, (k, t) in enumerate(known):
            out.append(f"（{ORDINALS[i]}）{topic(k).label}")
            out.append(t)
        return "\n".join(out)
    n = 0
    for k, title in zip(keys, items):
        n += 1
        out.append(f"（{ORDINALS[n - 1]}）{_item_title(title)}")
        text = _item(d, k)
        if text is None:
            text = PLACEHOLDER.format("本年度是否收取信息处理费") if k == "fees" else \
                PLACEHOLDER.format(_item_title(title))
        out.append(text)
    rest = _item(d, "other")
    if rest:
        n += 1
        out.append(f"（{ORDINALS[n - 1]}）{_item_title(items[-1]) if len(items) > 4 else topic('other').label}")
        out.append(rest)
    return "\n".join(out)


def _item_title(item: str) -> str:
    # The format's description of the item, shortened to a heading as reports write it.
    item = re.sub(r"^依据《[^》]*》（[^）]*）", "", item)
    item = re.sub(r"的情况$", "情况", item)
    return item


WRITERS = {"overall": overall, "active_disclosure": active_disclosure, "applications": applications,
           "review_litigation": review_litigation, "problems": problems, "other": other}


def offline_slot_text(report: Report, key: str, previous: Report | None = None) -> str:
    """The section in slot form, as the offline drafter writes it."""
    try:
        writer = WRITERS[key]
    except KeyError:
        raise ValueError(f"未知的部分：{key}") from None
    return writer(report, previous)


def offline_version() -> str:
    """``offline@hash`` of the drafter's source: the offline counterpart of a prompt version."""
    import hashlib
    from pathlib import Path
    here = Path(__file__).resolve().parent
    data = b"".join((here / n).read_bytes() for n in ("offline.py", "phrasing.py", "speech.py"))
    return "offline@" + hashlib.sha256(data).hexdigest()[:12]


def offline_section(report: Report, key: str, previous: Report | None = None) -> str:
    """The section's text, slots filled."""
    from .slots import fill_slots
    return fill_slots(offline_slot_text(report, key, previous), report)


__all__ = ["Draft", "LEAD_INS", "NARRATIVE", "label_of", "match_measures", "offline_section", "offline_slot_text",
           "offline_version", "preamble", "previous_problems", "required_aspects", "self_name", "usable_notes"]
