"""Lint over the real-report corpus compared with the hand-written answer keys (`make corpus`).

Like a linter's ecosystem check: a change to a rule shows its effect on every real report. For
each report the findings of `drafting lint` are matched with the key's errors and warnings by class
(each class maps to the rules that report it) and location (a quote, a cell or a section). Prints,
per rule, how many findings were right, wrong and missed, and every disagreement with its quote.
An error finding that no key entry confirms is a wrong error; a keyed error that lint does not
report as an error is a missed one. tests/test_corpus.py fails on either.
"""
from __future__ import annotations

import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from drafting.ingest import ingest_path
from drafting.io import ReportLoadError
from drafting.validator import Finding, validate

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"

def given_year(path: str | Path) -> int | None:
    """The year a corpus report's key gives for a copy that states none (``given_year``: lint
    is run with --year, as a user would); None for every other report."""
    key = CORPUS / "keys" / f"{Path(path).stem}.yaml"
    if not key.exists():
        return None
    return (yaml.safe_load(key.read_text("utf-8")) or {}).get("given_year")


# Which rules report each class of the keys (fixtures/corpus/README.md).
CLASS_RULES: dict[str, tuple[str, ...]] = {
    "section-missing": ("S001", "S004"), "section-order": ("S002",), "table-missing": ("S006",),
    "table-incomplete": ("T001",), "template-mismatch": ("S005",),
    "t3-column-balance": ("T010",), "t3-results-sum": ("T011",), "t3-row-total": ("T012",),
    "t4-group-total": ("T013",), "t2-implausible": ("T020", "T021", "T022", "T023", "T024"), "cell-blank": ("T002", "P004", "P005"),
    "prose-breakdown-sum": ("N001",), "prose-breakdown-partial": ("N001",), "prose-applications-balance": ("N008", "N002"), "prose-restated": ("N002", "N007"),
    "prose-vs-table": ("N003",), "prose-share": ("N009",), "prose-none-claim": ("N004",), "prose-all-maintained": ("N005",),
    "identity-other-agency": ("I001",), "year-plan-dated-report-year": ("I002",),
    "year-statistics-period": ("I004",), "year-other-year": ("I003",), "cumulative-decrease": ("H002",),
    "placeholder": ("Y001",), "markup-residue": ("Y002",), "typo-repeat": ("Y004",), "numbering": ("Y003",),
    "colloquial": ("Y005",), "unreadable-cell": ("P001", "P002"), "preamble-parts": ("S004",),
}


# A stored copy that holds only the opening of a report (key: complete: false) cannot show that a
# part or a table row is missing: these findings are not judged on such copies.
TRUNCATION_CODES = {"S001", "S002", "S006", "S007", "S008", "T001", "T002", "P002"}


@dataclass
class Entry:
    level: str                 # error | warning (as keyed)
    cls: str
    section: str | None = None
    quote: str | None = None
    table: str | None = None
    row: str | None = None
    col: str | None = None
    note: str = ""
    matched: list[Finding] = field(default_factory=list)

    @property
    def where(self) -> str:
        if self.table:
            return f"{self.table}.{self.row or '*'}.{self.col or '*'}"
        return f"{self.section or ''}「{self.quote or ''}」"


@dataclass
class Result:
    id: str
    path: Path
    findings: list[Finding] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    wrong: list[tuple[Finding, str]] = field(default_factory=list)   # error findings no key confirms
    seconds: float = 0.0

    @property
    def missed(self) -> list[Entry]:
        """Keyed errors lint does not report at all."""
        return [e for e in self.entries if e.level == "error" and not e.matched]

    @property
    def downgraded(self) -> list[Entry]:
        """Keyed errors lint reports only as a warning (it could not be certain)."""
        return [e for e in self.entries if e.level == "error" and e.matched
                and not any(f.severity == "error" for f in e.matched)]


def _squash(s: str) -> str:
    from drafting.claims import plain
    return re.sub(r"\s+", "", plain(s or ""))


def _matches(f: Finding, e: Entry) -> bool:
    if f.code not in CLASS_RULES.get(e.cls, ()):
        return False
    if e.table:
        if f.table != e.table:
            return False
        if e.row and f.row and f.row != e.row:
            return False
        if e.col and f.col and f.col != e.col:
            return False
        return True
    if e.cls == "preamble-parts" and "导语" not in f.message:
        return False    # S004 also names headings unlike the form's: a heading sharing words with the list is not it
    if e.cls == "template-mismatch" and not f.quote and f.table and f.table in (e.section, e.table):
        return True     # S005 names the table, not a passage: the key's quote is one of its labels
    if e.quote:
        q, fq = _squash(e.quote), _squash(f.quote or "")
        if fq and (fq in q or q in fq):
            return True
        fm = _squash(f.message)
        if q and q in fm:
            return True
        if e.cls == "prose-restated" and any(q[i:i + 8] in fm for i in range(0, max(1, len(q) - 7))):
            return True     # the finding quotes one of the two places and names both in its message
        # a long quote of the finding sharing a stretch of the keyed one
        return bool(fq) and any(fq[i:i + 8] in q for i in range(0, max(1, len(fq) - 7)))
    return e.section is None or f.section in (e.section, None)


def load_key(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8"))


def run_one(key_path: Path) -> Result:
    key = load_key(key_path)
    rid = key["id"]
    path = CORPUS / key["file"]
    res = Result(rid, path)
    for level in ("errors", "warnings"):
        for d in key.get(level) or ():
            res.entries.append(Entry(level[:-1], d["class"], d.get("section"), d.get("quote"), d.get("table"),
                                     d.get("row"), d.get("col"), d.get("note", "")))
    started = time.perf_counter()
    try:
        ing = ingest_path(path, year=key.get("given_year"))    # a copy that states no year: lint --year
    except ReportLoadError as e:
        res.unreadable = list(e.errors)
        return res
    res.findings = validate(ing.report)
    if key.get("complete") is False:
        res.findings = [f for f in res.findings if f.code not in TRUNCATION_CODES]
    res.seconds = time.perf_counter() - started
    for f in res.findings:
        hits = [e for e in res.entries if _matches(f, e)]
        for e in hits:
            e.matched.append(f)
        if f.severity == "error":
            if not hits:
                res.wrong.append((f, "答案中没有这个错误"))
            elif all(e.level == "warning" for e in hits):
                res.wrong.append((f, "答案中只是警告"))
    return res


def run_all(ids: list[str] | None = None) -> list[Result]:
    keys = sorted((CORPUS / "keys").glob("*.yaml"))
    if ids:
        keys = [k for k in keys if k.stem in ids]
    return [run_one(k) for k in keys]


def rule_table(results: list[Result]) -> dict[str, Counter]:
    """Per rule: right (an error/warning finding a key confirms), wrong (an error finding no key
    confirms as an error), missed (a keyed entry of the rule's classes that it did not report)."""
    stats: dict[str, Counter] = defaultdict(Counter)
    for r in results:
        wrong_ids = {id(f) for f, _ in r.wrong}
        for f in r.findings:
            if id(f) in wrong_ids:
                stats[f.code]["wrong"] += 1
            elif any(f in e.matched for e in r.entries):
                stats[f.code]["right"] += 1
            else:
                stats[f.code]["unkeyed_warning"] += 1
        for e in r.entries:
            code = CLASS_RULES.get(e.cls, ("?",))[0]
            if e.level == "error" and not e.matched:
                stats[code]["missed"] += 1
            elif e.level == "error" and not any(f.severity == "error" for f in e.matched):
                stats[e.matched[0].code]["warned"] += 1
            elif e.level == "warning" and not e.matched:
                stats[code]["missed_warning"] += 1
    return stats


def report(results: list[Result], out=sys.stdout) -> int:
    p = lambda *a: print(*a, file=out)  # noqa: E731
    stats = rule_table(results)
    p(f"语料 {len(results)} 份报告（fixtures/corpus）")
    p(f"{'规则':<6}{'正确':>6}{'错报':>6}{'漏报':>6}{'仅警告':>6}{'精确率':>8}{'召回率':>8}   （警告：未入答案 / 漏报）")
    for code in sorted(stats):
        s = stats[code]
        right, wrong, missed = s["right"], s["wrong"], s["missed"]
        prec = f"{right / (right + wrong):.0%}" if right + wrong else "—"
        rec = f"{right / (right + missed):.0%}" if right + missed else "—"
        p(f"{code:<6}{right:>6}{wrong:>6}{missed:>6}{s['warned']:>6}{prec:>8}{rec:>8}   {s['unkeyed_warning']} / {s['missed_warning']}")
    n_wrong = sum(len(r.wrong) for r in results)
    n_missed = sum(len(r.missed) for r in results)
    n_down = sum(len(r.downgraded) for r in results)
    keyed = sum(1 for r in results for e in r.entries if e.level == "error")
    p(f"\n错误级：答案中的错误 {keyed} 项，漏报 {n_missed} 项，只报为警告 {n_down} 项；"
      f"报告为错误而答案不认的 {n_wrong} 项。")
    for r in results:
        if not (r.wrong or r.missed or r.unreadable or r.downgraded):
            continue
        p(f"\n== {r.id}（{r.path.name}）")
        for line in r.unreadable:
            p(f"  无法读取：{line}")
        for f, why in r.wrong:
            p(f"  错报 {f.code} {f.cell or f.section or ''}：{f.message}" + (f" «{f.quote}»" if f.quote else "") + f"（{why}）")
        for e in r.missed:
            p(f"  漏报 {e.cls} {e.where}" + (f" — {e.note}" if e.note else ""))
        for e in r.downgraded:
            got = "、".join(f"{f.code}[{f.severity}]" for f in e.matched)
            p(f"  仅警告 {e.cls} {e.where}（报了{got}）" + (f" — {e.note}" if e.note else ""))
    secs = [r.seconds for r in results if r.seconds]
    if secs:
        p(f"\n读取并检查：平均每份 {sum(secs) / len(secs) * 1000:.1f} 毫秒")
    return 1 if n_wrong or n_missed else 0


def main(argv: list[str]) -> int:
    return report(run_all(argv or None))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
