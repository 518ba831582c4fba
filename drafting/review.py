"""Check all units: a batch review of every unit's published report for a year.

For each report the review records when it was published against the 条例第四十九条 deadline,
lints it with the validator (with last year's report of the same unit, when it is among the
files), and scores it on six stated criteria modelled on the public evaluation indicators.
Every criterion carries its evidence: the date and where it was read, the finding codes, the
sentence that follows up last year's problems, the line that names a 图解 or 解读.

A criterion is 达标 or 未达标 only where the evidence is certain; otherwise it is 无法判断 (no
publication date, no last-year report) and scores nothing, so the 政务公开办 knows what to check
by hand. Results go to a sortable table, charts and an Excel workbook (``review_xlsx``).
"""
from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Mapping

from .io import ReportLoadError, load_report
from .model import Level, Report
from .validator import SEVERITY_ZH, Finding, validate  # noqa: F401  (SEVERITY_ZH: for the pages)
from .validator.core import all_rules
from .workflow import deadline

MET, NOT_MET, UNKNOWN = "达标", "未达标", "无法判断"


@dataclass(frozen=True)
class Criterion:
    key: str
    name: str
    points: int
    rule: str           # what is checked, as stated to the units


CRITERIA: tuple[Criterion, ...] = (
    Criterion("on_time", "按时公布", 20,
              "按条例第四十九条，县级以上人民政府部门（乡镇街道按同一期限）于次年1月31日前、本级人民政府于3月31日前公布。"
              "发布日期取自用户提供的日期或页面上的发布时间；只有落款日期时，落款晚于期限即为未达标，否则无法判断。"),
    Criterion("complete", "六部分三表齐全", 20,
              "六个部分齐全、文字部分有内容，表二、表三、表四齐全且各行已填报、能读出（S001、S006、S007、T001、P002 无错误）。"),
    Criterion("consistent", "数据勾稽与正文一致", 20,
              "统计表勾稽关系成立，正文中的数字、说法与统计表一致（表格、正文与数据两类规则无错误）。"),
    Criterion("followup", "上年问题整改情况", 15,
              "第五部分写明上一年度报告所列问题的整改情况。"),
    Criterion("graphic", "配发图解或解读", 10,
              "报告或其发布页面附有图解、解读（如「一图读懂……年度报告」）；报告正文中对其他政策的解读不计。"),
    Criterion("original", "没有照搬上年", 15,
              "与同一单位上一年度报告相比，「一、总体情况」「五、存在的主要问题及改进情况」没有大段照搬（H003）；"
              "没有上一年度报告时无法判断。"),
)
CRITERION = {c.key: c for c in CRITERIA}
FULL_SCORE = sum(c.points for c in CRITERIA)

_COMPLETE_CODES = {"S001", "S006", "S007", "T001", "P002"}


def _consistency_codes() -> set[str]:
    return {r.code for r in all_rules() if r.group in ("tables", "narrative")} - _COMPLETE_CODES


@dataclass
class CriterionResult:
    key: str
    status: str
    evidence: str

    @property
    def criterion(self) -> Criterion:
        return CRITERION[self.key]

    @property
    def points(self) -> int:
        return self.criterion.points if self.status == MET else 0


@dataclass
class UnitReview:
    file: str
    agency: str = ""
    level: str = ""
    year: int | None = None
    template: str = ""
    state: str = "已检查"        # 已检查 | 无法读取 | 未找到报告
    published: date | None = None
    date_source: str = ""        # 用户提供 | 页面发布时间 | 落款日期 | ""
    due: date | None = None
    criteria: list[CriterionResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)     # why the file could not be read
    previous_file: str = ""

    @property
    def score(self) -> int:
        return sum(c.points for c in self.criteria)

    def criterion(self, key: str) -> CriterionResult:
        return next(c for c in self.criteria if c.key == key)

    @property
    def n_errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def n_warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)


@dataclass
class Review:
    year: int
    units: list[UnitReview]
    skipped: list[tuple[str, str]] = field(default_factory=list)    # (file, why not reviewed)
    seconds: float = 0.0

    def rows(self) -> list[dict]:
        """The summary table, one row per unit (the app's sortable table, the Excel's first sheet)."""
        out = []
        for u in self.units:
            d = {"单位": u.agency or Path(u.file).name, "层级": u.level, "文件": u.file, "状态": u.state,
                 "发布日期": u.published.isoformat() if u.published else "", "日期来源": u.date_source,
                 "期限": u.due.isoformat() if u.due else ""}
            for c in CRITERIA:
                d[c.name] = u.criterion(c.key).status if u.criteria else NOT_MET
            d["得分"] = u.score
            d["错误"] = u.n_errors
            d["警告"] = u.n_warnings
            d["主要问题"] = "；".join(f"{f.code} {f.message}" for f in u.findings[:3]) if not u.errors \
                else "；".join(u.errors)
            out.append(d)
        return out

    def criterion_counts(self) -> dict[str, dict[str, int]]:
        """Per criterion, how many units are 达标 / 未达标 / 无法判断 (for the charts)."""
        out = {c.name: {MET: 0, NOT_MET: 0, UNKNOWN: 0} for c in CRITERIA}
        for u in self.units:
            for c in CRITERIA:
                st = u.criterion(c.key).status if u.criteria else NOT_MET
                out[c.name][st] += 1
        return out

    def to_data(self) -> dict:
        """JSON-safe form, kept in the store for the app."""
        return {"year": self.year, "seconds": self.seconds, "skipped": [list(s) for s in self.skipped],
                "units": [{
                    "file": u.file, "agency": u.agency, "level": u.level, "year": u.year, "template": u.template,
                    "state": u.state, "published": u.published.isoformat() if u.published else None,
                    "date_source": u.date_source, "due": u.due.isoformat() if u.due else None,
                    "previous_file": u.previous_file, "errors": u.errors,
                    "criteria": [{"key": c.key, "status": c.status, "evidence": c.evidence} for c in u.criteria],
                    "findings": [f.to_dict() for f in u.findings]} for u in self.units]}

    @classmethod
    def from_data(cls, d: Mapping) -> "Review":
        units = []
        for x in d.get("units", []):
            units.append(UnitReview(
                file=x["file"], agency=x.get("agency", ""), level=x.get("level", ""), year=x.get("year"),
                template=x.get("template", ""), state=x.get("state", ""),
                published=date.fromisoformat(x["published"]) if x.get("published") else None,
                date_source=x.get("date_source", ""),
                due=date.fromisoformat(x["due"]) if x.get("due") else None,
                criteria=[CriterionResult(c["key"], c["status"], c["evidence"]) for c in x.get("criteria", [])],
                findings=[Finding(**f) for f in x.get("findings", [])], errors=list(x.get("errors", [])),
                previous_file=x.get("previous_file", "")))
        return cls(year=d["year"], units=units, skipped=[tuple(s) for s in d.get("skipped", [])],
                   seconds=d.get("seconds", 0.0))


# -- reading a published file once: the report, and what the page says around it -----------
@dataclass
class Read:
    file: str
    report: Report | None = None
    errors: list[str] = field(default_factory=list)
    page_date: date | None = None        # 发布时间 on the page
    page_date_text: str = ""
    graphic: str = ""                    # the line naming a 图解/解读 of the report


_DATE = r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
_PUB_LINE = re.compile(rf"(?:发布时间|发布日期|发文日期|公开日期|信息时间|时间)\s*[:：]\s*{_DATE}")
_META_DATE = re.compile(rf"<meta[^>]+(?:PubDate|publishdate|pubdate|firstpublishedtime)[^>]*content=\"\s*{_DATE}",
                        re.IGNORECASE)
_GRAPHIC = re.compile(r"(?:图解|一图(?:读懂|看懂|速览|了解)|政策解读|文字解读|解读)[^。；\n]{0,30}?(?:年度报告|年报)|"
                      r"(?:年度报告|年报)[^。；\n]{0,8}?(?:图解|解读)|^\s*[【\[]?(?:图解|相关解读|图片解读|解读)[】\]]?\s*$")


def _to_date(m: re.Match) -> date | None:
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    """A date as people write it: 2025-01-20, 2025/1/20, 2025.1.20, 2025年1月20日."""
    m = re.search(_DATE, str(text or ""))
    return _to_date(m) if m else None


def read_file(path: str | Path) -> Read:
    """Read one report: a report file (YAML/JSON) or a published report in any format ingest reads."""
    from .ingest import parse_doc
    from .ingest.readers import read_path
    p = Path(path)
    r = Read(file=str(p))
    try:
        if p.suffix.lower() in (".yaml", ".yml", ".json"):
            r.report = load_report(p)
            return r
        doc = read_path(p)
        r.report = parse_doc(doc, str(p)).report
    except ReportLoadError as e:
        r.errors = list(e.errors) or ["无法读取"]
        return r
    for line in doc.lines[:60] + doc.lines[-30:]:
        m = _PUB_LINE.search(line)
        if m and r.page_date is None:
            r.page_date, r.page_date_text = _to_date(m), line.strip()[:60]
    if r.page_date is None and doc.kind == "html":
        try:
            head = p.read_bytes()[:20000].decode("utf-8", "ignore")
        except OSError:
            head = ""
        m = _META_DATE.search(head)
        if m:
            r.page_date, r.page_date_text = _to_date(m), m.group(0)[:80]
    for line in doc.lines + doc.asides:
        m = _GRAPHIC.search(line)
        if m:
            r.graphic = line.strip()[:80]
            break
    return r


# -- scoring ------------------------------------------------------------------------------
_FOLLOWUP_HEAD = re.compile(r"上一?年度?(?:报告)?(?:中?(?:提出|所列|指出)的)?(?:主要)?问题(?:的)?整改")


def _followup(report: Report) -> CriterionResult:
    y = report.meta.year
    text = report.section_text("problems")
    if not text.strip():
        return CriterionResult("followup", NOT_MET, "没有第五部分「存在的主要问题及改进情况」的正文")
    m = _FOLLOWUP_HEAD.search(text)
    if m:
        start = text.rfind("\n", 0, m.start()) + 1
        return CriterionResult("followup", MET, f"第五部分：「{text[start:start + 60].strip()}」")
    last = rf"(?:上一?年度?|去年|{y - 1}\s*年度?)"
    for sent in re.split(r"(?<=[。；！？\n])", text):
        if re.search(last, sent) and re.search(r"问题|不足|短板", sent) and re.search(r"整改|改进|解决|落实|完成", sent):
            return CriterionResult("followup", MET, f"第五部分：「{sent.strip()[:60]}」")
    return CriterionResult("followup", NOT_MET, "第五部分没有写上一年度报告所列问题的整改情况")


def _on_time(report: Report, given: date | None, r: Read | None) -> tuple[CriterionResult, date | None, str, date]:
    due = deadline(report)
    when = f"{due.year}年{due.month}月{due.day}日"
    basis = "本级人民政府" if report.meta.level == Level.government else "部门、乡镇街道"
    if given is not None:
        pub, src = given, "用户提供"
    elif r is not None and r.page_date is not None:
        pub, src = r.page_date, "页面发布时间"
    else:
        pub, src = None, ""
    if pub is not None:
        ok = pub <= due
        ev = f"{src}{pub.isoformat()}，期限{when}（条例第四十九条，{basis}）" + ("" if ok else f"，逾期{(pub - due).days}天")
        return CriterionResult("on_time", MET if ok else NOT_MET, ev), pub, src, due
    signed = parse_date(report.meta.date or "")
    if signed is not None and signed > due:
        return (CriterionResult("on_time", NOT_MET, f"落款日期{signed.isoformat()}已晚于期限{when}，未取得发布日期"),
                signed, "落款日期", due)
    if signed is not None:
        return (CriterionResult("on_time", UNKNOWN, f"只有落款日期{signed.isoformat()}（早于期限{when}），"
                                                    "未取得发布日期，请核实发布时间"), None, "", due)
    return CriterionResult("on_time", UNKNOWN, f"未取得发布日期（期限{when}），请核实发布时间"), None, "", due


def _codes(findings: list[Finding], codes: set[str]) -> list[Finding]:
    return [f for f in findings if f.severity == "error" and f.code in codes]


def _evidence(fs: list[Finding], limit: int = 3) -> str:
    parts = [f"{f.code} {f.message}" for f in fs[:limit]]
    more = f"等{len(fs)}项" if len(fs) > limit else ""
    return "；".join(parts) + more


def score(report: Report, findings: list[Finding], *, previous: Report | None, published: date | None,
          read: Read | None = None) -> tuple[list[CriterionResult], date | None, str, date]:
    """The six criteria for one report, each with its evidence."""
    on_time, pub, src, due = _on_time(report, published, read)
    out = [on_time]
    bad = _codes(findings, _COMPLETE_CODES)
    out.append(CriterionResult("complete", NOT_MET, _evidence(bad)) if bad else
               CriterionResult("complete", MET, "六个部分和表二、表三、表四齐全，各行均已填报"))
    bad = _codes(findings, _consistency_codes())
    out.append(CriterionResult("consistent", NOT_MET, _evidence(bad)) if bad else
               CriterionResult("consistent", MET, "统计表勾稽关系成立，正文数字与统计表一致"))
    out.append(_followup(report))
    if read is not None and read.graphic:
        out.append(CriterionResult("graphic", MET, f"「{read.graphic}」"))
    else:
        out.append(CriterionResult("graphic", NOT_MET if read is not None else UNKNOWN,
                                   "报告及发布页面中没有找到图解或解读" if read is not None
                                   else "报告文件（YAML）不含发布页面，无法判断是否配发图解或解读"))
    if previous is None:
        out.append(CriterionResult("original", UNKNOWN, "没有同一单位上一年度的报告，无法核对是否照搬"))
    else:
        copied = [f for f in findings if f.code == "H003"]
        out.append(CriterionResult("original", NOT_MET, _evidence(copied)) if copied else
                   CriterionResult("original", MET, f"与{previous.meta.year}年度报告相比没有大段照搬"))
    return out, pub, src, due


# -- the batch ---------------------------------------------------------------------------------
def _review_exts() -> tuple[str, ...]:
    from .ingest import PUBLISHED_EXTS     # every format ingest reads (PDF and scans included)
    return (*PUBLISHED_EXTS, ".yaml", ".yml", ".json")


def collect(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            exts = _review_exts()
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in exts
                              and not f.name.startswith(".") and not f.stem.lower().startswith("readme")
                              and ".汇总明细" not in f.name))
        else:
            out.append(p)
    return out


def _read_all(paths: list[Path], jobs: int) -> list[Read]:
    if jobs <= 1 or len(paths) < 2 * jobs:
        return [read_file(p) for p in paths]
    from concurrent.futures import ProcessPoolExecutor
    with ProcessPoolExecutor(max_workers=jobs) as ex:
        return list(ex.map(read_file, paths, chunksize=max(1, len(paths) // (jobs * 8))))


def _review_one(args) -> UnitReview:
    read, previous_read, published = args
    rep = read.report
    prev = previous_read.report if previous_read else None
    findings = validate(rep, previous=prev)
    criteria, pub, src, due = score(rep, findings, previous=prev, published=published,
                                    read=read if Path(read.file).suffix.lower() not in (".yaml", ".yml", ".json") else None)
    return UnitReview(file=read.file, agency=rep.meta.agency, level=rep.meta.level.value, year=rep.meta.year,
                      template=rep.meta.template_version, published=pub, date_source=src, due=due,
                      criteria=criteria, findings=findings,
                      previous_file=previous_read.file if previous_read else "")


def review(paths: Iterable[str | Path], year: int, dates: Mapping[str, date] | None = None,
           units: Iterable[tuple[str, str]] | None = None, jobs: int = 1) -> Review:
    """Review every report of ``year`` among ``paths`` (files or folders).

    Reports of ``year - 1`` among them are used as last year's report of the same unit.
    ``dates`` maps a file name, a path or a unit's name to its publication date. ``units`` (name,
    level) is the list of units expected to publish: those without a report get a row too.
    """
    import time
    started = time.perf_counter()
    files = collect(paths)
    reads = _read_all(files, jobs)
    dates = dict(dates or {})
    this, last, skipped, bad = [], {}, [], []
    for r in reads:
        if r.report is None:
            bad.append(r)
        elif r.report.meta.year == year:
            this.append(r)
        elif r.report.meta.year == year - 1:
            last.setdefault(r.report.meta.agency, r)
        else:
            skipped.append((r.file, f"{r.report.meta.year}年度的报告，不在本次检查范围"))

    def given(r: Read) -> date | None:
        p = Path(r.file)
        for k in (r.file, p.name, p.stem, r.report.meta.agency):
            if k in dates:
                return dates[k]
        return None

    work = [(r, last.get(r.report.meta.agency), given(r)) for r in this]
    if jobs > 1 and len(work) >= 2 * jobs:
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(max_workers=jobs) as ex:
            results = list(ex.map(_review_one, work, chunksize=max(1, len(work) // (jobs * 8))))
    else:
        results = [_review_one(w) for w in work]
    for r in bad:
        results.append(UnitReview(file=r.file, state="无法读取", errors=r.errors,
                                  criteria=[CriterionResult(c.key, NOT_MET if c.key != "on_time" else UNKNOWN,
                                                            "报告无法读取：" + "；".join(r.errors)) for c in CRITERIA]))
    if units is not None:
        have = {u.agency for u in results}
        for name, level in units:
            if name not in have:
                results.append(UnitReview(file="", agency=name, level=level, year=year, state="未找到报告",
                                          criteria=[CriterionResult(c.key, NOT_MET if c.key == "on_time" else UNKNOWN,
                                                                    f"没有找到{name}{year}年度的报告")
                                                    for c in CRITERIA]))
    return Review(year=year, units=results, skipped=skipped, seconds=time.perf_counter() - started)


def read_dates(path: str | Path) -> dict[str, date]:
    """Publication dates given by the user: a CSV or Excel file whose first column names the
    file or the unit and whose second column is the date (2025-01-20, 2025年1月20日 …)."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError:
        raise ValueError(f"无法读取发布日期文件 {p}") from None
    return read_dates_bytes(str(p), data)


def read_dates_bytes(name: str, data: bytes) -> dict[str, date]:
    import pandas as pd
    p = Path(name)
    try:
        if p.suffix.lower() in (".xlsx", ".xls"):
            df = pd.read_excel(io.BytesIO(data), dtype=str, header=None)
        else:
            df = pd.read_csv(io.BytesIO(data), dtype=str, header=None, encoding="utf-8-sig")
    except (OSError, ValueError, UnicodeDecodeError, KeyError) as e:
        raise ValueError(f"无法读取发布日期文件 {p}：{str(e).splitlines()[0] if str(e) else '格式不对'}") from None
    if df.shape[1] < 2:
        raise ValueError(f"发布日期文件 {p} 应有两列：文件名或单位名称、发布日期")
    out: dict[str, date] = {}
    for i, row in enumerate(df.itertuples(index=False), 1):
        key, val = (str(row[0] or "").strip(), str(row[1] or "").strip())
        if not key or key in ("文件", "单位", "文件名", "单位名称") or val in ("", "nan"):
            continue
        d = parse_date(val)
        if d is None:
            raise ValueError(f"发布日期文件 {p} 第{i}行：「{val}」不是日期（应写作 2025-01-20 或 2025年1月20日）")
        out[key] = d
    return out


# -- outputs --------------------------------------------------------------------------------
SUMMARY_COLUMNS = ("单位", "层级", "状态", "发布日期", *[c.name for c in CRITERIA], "得分", "错误", "警告", "主要问题")


def summary_frame(rv: Review):
    """The summary table for the app: one row per unit, its index the unit's place in rv.units."""
    import pandas as pd
    return pd.DataFrame(rv.rows(), columns=list(rv.rows()[0].keys()) if rv.units else list(SUMMARY_COLUMNS)
                        )[list(SUMMARY_COLUMNS)]


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, w: int) -> str:
    return s + " " * max(0, w - _width(s))


TABLE_COLUMNS = ("单位", "发布日期", *[c.name for c in CRITERIA], "得分", "错误", "警告")
_MARK = {MET: "✓", NOT_MET: "✗", UNKNOWN: "？"}


def text_table(rv: Review, sort: str = "得分") -> str:
    """The summary as a fixed-width table for the terminal, lowest score first."""
    rows = rv.rows()
    if sort == "得分":
        rows.sort(key=lambda r: (r["得分"], r["单位"]))
    lines = []
    cells = [[r["单位"], r["发布日期"] or "—", *[_MARK[r[c.name]] for c in CRITERIA], str(r["得分"]),
              str(r["错误"]), str(r["警告"])] for r in rows]
    widths = [max(_width(h), *(_width(c[i]) for c in cells)) if cells else _width(h)
              for i, h in enumerate(TABLE_COLUMNS)]
    lines.append("  ".join(_pad(h, widths[i]) for i, h in enumerate(TABLE_COLUMNS)))
    for c in cells:
        lines.append("  ".join(_pad(x, widths[i]) for i, x in enumerate(c)))
    return "\n".join(lines)


def review_xlsx(rv: Review) -> bytes:
    """The workbook for the notice the 政务公开办 sends: scores, evidence, every finding, the
    criteria, and a chart of how many units meet each criterion."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment, Font
    wb = Workbook()
    ws = wb.active
    ws.title = "评分汇总"
    rows = rv.rows()
    head = list(rows[0].keys()) if rows else ["单位"]
    ws.append(head)
    for r in sorted(rows, key=lambda r: (r["得分"], r["单位"])):
        ws.append([r[h] for h in head])
    ev = wb.create_sheet("评分依据")
    ev.append(["单位", "文件", "评分项", "分值", "结果", "得分", "依据"])
    for u in rv.units:
        for c in u.criteria:
            ev.append([u.agency, u.file, c.criterion.name, c.criterion.points, c.status, c.points, c.evidence])
    fd = wb.create_sheet("问题明细")
    fd.append(["单位", "文件", "代码", "级别", "位置", "说明", "原文", "修改建议"])
    for u in rv.units:
        for f in u.findings:
            fd.append([u.agency, u.file, f.code, SEVERITY_ZH[f.severity], f.cell or f.section or "", f.message,
                       f.quote or "", f.fix or ""])
        for e in u.errors:
            fd.append([u.agency, u.file, "", "无法读取", "", e, "", ""])
    cr = wb.create_sheet("评分标准")
    cr.append(["评分项", "分值", "标准"])
    for c in CRITERIA:
        cr.append([c.name, c.points, c.rule])
    cr.append(["合计", FULL_SCORE, f"达标得满分，未达标和无法判断不得分。{rv.year}年度报告。"])
    ch = wb.create_sheet("图表")
    ch.append(["评分项", MET, NOT_MET, UNKNOWN])
    for name, n in rv.criterion_counts().items():
        ch.append([name, n[MET], n[NOT_MET], n[UNKNOWN]])
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = "各评分项达标单位数"
    data = Reference(ch, min_col=2, max_col=4, min_row=1, max_row=len(CRITERIA) + 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ch, min_col=1, min_row=2, max_row=len(CRITERIA) + 1))
    chart.height, chart.width = 9, 18
    ch.add_chart(chart, "F2")
    for sheet in (ws, ev, fd, cr):
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for col in sheet.columns:
            letter = col[0].column_letter
            longest = max((_width(str(c.value)) for c in col[:200] if c.value is not None), default=8)
            sheet.column_dimensions[letter].width = min(60, max(8, longest + 2))
        for row in sheet.iter_rows(min_row=2):
            for c in row:
                c.alignment = Alignment(vertical="top", wrap_text=isinstance(c.value, str) and len(c.value) > 30)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# -- the store: a workspace's review -------------------------------------------------------------
def review_uploads(store, workspace_id: int, year: int, files: list[tuple[str, bytes]],
                   dates: Mapping[str, date] | None = None) -> Review:
    """Review uploaded files (name, bytes) for a workspace, listing its units without a report,
    and keep the result in the store."""
    import tempfile
    units = [(u.name, u.level) for u in store.units(workspace_id)]
    given = dict(dates or {})
    with tempfile.TemporaryDirectory(prefix="nianbao-review-") as tmp:
        for i, (name, data) in enumerate(files):
            stored = f"{i:04d}_{Path(name).name or 'file'}"
            (Path(tmp) / stored).write_bytes(data)
            if name in given:
                given[stored] = given[name]
        rv = review([tmp], year, dates=given, units=units or None)
    for u in rv.units:          # show the name the user uploaded, not the temporary path
        if u.file:
            u.file = Path(u.file).name.split("_", 1)[1] if "_" in Path(u.file).name else Path(u.file).name
        if u.previous_file:
            u.previous_file = Path(u.previous_file).name.split("_", 1)[-1]
    rv.skipped = [(Path(f).name.split("_", 1)[-1], why) for f, why in rv.skipped]
    store.save_review(workspace_id, year, rv.to_data())
    return rv
