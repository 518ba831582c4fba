"""Everything concrete in generated text has a source.

A date, a 文号, a 《》 title or a name in quotation marks that a model (or the offline drafter)
writes must be found in what the program gave it: the clerk's facts (statements, their
clauses, figure labels), last year's report, the template's own texts (its title and 文号,
the 条例, the 信息处理费 办法), the agency's names, or the standard phrasings the program
supplies. Anything else is invented and is a drafting finding (G007). Figures are G002's
business: they must be data slots, whatever their form.
"""
from __future__ import annotations

import re

from ..model import Report
from ..numbers import DATE_RE, DOCNO_RE
from ..validator import Finding
from .concrete import DATE_MD_RE, mask_names, spans

# Titles a report may always cite: the law, the template, the fee rules.
KNOWN_TITLES = ("中华人民共和国政府信息公开条例", "条例", "政府信息公开条例", "政府信息公开信息处理费管理办法",
                "中华人民共和国政府信息公开工作年度报告格式", "中华人民共和国政府信息公开工作年度报告格式（试行）")


def _plain(s: str) -> str:
    s = (s or "").replace("[", "〔").replace("]", "〕").replace("［", "〔").replace("］", "〕")
    return re.sub(r"[\s，,。．.；;：:、！!？?“”\"'（）()《》〈〉]", "", s)


def _mask(text: str, pattern) -> str:
    return re.sub(pattern, lambda m: "#" * len(m.group()), text)


_SLOT = r"\{\s*[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*\s*\}"
_SLOT_DATE = r"\{(?:year|next_year|prev_year)\}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?"


def mask_for_figures(text: str) -> str:
    """``text`` (same length) with everything blanked that holds digits but counts nothing:
    slots, 【】 marks, 《》 titles, names in quotation marks, 文号, dates, hotline numbers and
    names such as H5, and references to articles of a law (第二十条, 第3条)."""
    masked = _mask(text, _SLOT_DATE)
    masked = _mask(masked, _SLOT)
    for pat in (r"【[^】]*】", r"《[^》]*》", r"“[^”]*”", DOCNO_RE, DATE_RE, DATE_MD_RE,
                r"第\s*[\d一二三四五六七八九十百]+\s*(?:条|项|款|章|节|季度)"):
        masked = _mask(masked, pat)
    return mask_names(masked)


class Sources:
    """What the program gave a drafter to work from, as one searchable text."""

    def __init__(self, report: Report, previous: Report | None = None):
        from .phrasing import slogans
        parts: list[str] = []
        facts = report.facts
        for items in facts.groups().values():
            for f in items:
                parts += [f.text, f.clause, f.subject]
        for g in facts.figures:
            parts += [g.label, g.clause]
        fact_text = "\n".join(p for p in parts if p)
        if previous is not None:
            parts.append(previous.preamble or "")
            parts += [s.text for s in previous.sections.values()]
            parts += [f.text for items in previous.facts.groups().values() for f in items]
        tpl = report.template
        parts += [tpl.format_title, tpl.document_no]
        for s in tpl.sections:
            parts += [s.title, s.content or "", *s.subsections, *s.expected_items]
        meta = report.meta
        parts += [meta.agency, *meta.short_names, meta.region or ""]
        self.slogans = tuple(slogans())
        parts += list(self.slogans)
        self.text = "\n".join(p for p in parts if p)
        self.plain = _plain(self.text)
        years_from = fact_text + "\n" + (self.text if previous is not None else "")
        self.years = {int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)", years_from)}

    def has(self, s: str) -> bool:
        p = _plain(s)
        return bool(p) and p in self.plain

    def _has_date(self, date: str) -> bool:
        m = re.search(r"(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?", date)
        if not m:
            return self.has(date)
        mon, day = int(m.group(1)), m.group(2)
        pat = rf"(?<!\d){mon}\s*月" + (rf"\s*0?{int(day)}\s*日" if day else "")
        return re.search(pat, self.text) is not None

    def unsourced(self, text: str, section: str) -> list[Finding]:
        """G007 findings: dates, 文号, titles and quoted names that no source holds."""
        out: list[Finding] = []
        # {year}年3月15日: the month and day are what needs a source; the year is a slot.
        work = re.sub(r"\{(?:year|next_year|prev_year)\}", "2000", text)
        seen = set()
        for sp in spans(work):
            if sp.text in seen:
                continue
            seen.add(sp.text)
            if sp.kind == "date":
                if self._has_date(sp.text):
                    continue
                what, fix = "日期", "删去该日期，或在工作情况中补记这件事及其日期。"
                shown = re.sub(r"^2000年", "", sp.text)
            elif sp.kind == "docno":
                if self.has(sp.text):
                    continue
                what, fix, shown = "文号", "删去该文号；引用文件时只写工作情况中给出的文件名称和文号。", sp.text
            elif sp.kind == "title":
                inner = sp.text.strip("《》")
                if inner in KNOWN_TITLES or self.has(inner):
                    continue
                what, fix, shown = "文件或书刊名称", "删去该名称，或改为工作情况中给出的名称。", sp.text
            else:
                if sp.text in self.slogans or self.has(sp.text):
                    continue
                what, fix, shown = "名称", "删去该名称，或改为工作情况中给出的名称。", f"“{sp.text}”"
            out.append(Finding(code="G007", severity="error", section=section, quote=shown,
                               message=f"正文写了工作情况、统计表和上年报告中都没有的{what}「{shown}」。", fix=fix))
        return out
