"""Workflow helpers the app calls: deadlines, carry-overs, grids, dismissals, diffs.

Kept out of the Streamlit pages so that they hold no business logic and can be tested alone.
"""
from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pandas as pd

from .formats import TABLE_KEYS, get_template
from .model import CellError, Level, Report
from .validator import Finding

# 条例第四十九条: departments by 1月31日; the 本级政府 report by 3月31日. 乡镇街道 are not named
# in the 条例; local schedules are usually earlier, so the department date is the safe default.
_DEADLINES = {Level.department: (1, 31), Level.government: (3, 31), Level.township: (1, 31)}


def deadline(report: Report) -> date:
    m, d = _DEADLINES[report.meta.level]
    return date(report.meta.year + 1, m, d)


def deadline_text(report: Report, today: date | None = None) -> str:
    today = today or date.today()
    due = deadline(report)
    days = (due - today).days
    basis = "条例第四十九条"
    when = f"{due.year}年{due.month}月{due.day}日"
    if days > 0:
        return f"按{basis}，本报告应于{when}前公布，还有 {days} 天。"
    if days == 0:
        return f"按{basis}，本报告应于今天（{when}）公布。"
    return f"按{basis}，本报告应于{when}前公布，已逾期 {-days} 天。"


# -- carry-overs from last year ---------------------------------------------------
def prefill_from_previous(report: Report, previous: Report) -> list[str]:
    """Fill this year's cells that follow from last year's report; returns what was filled.

    表三「二、上年结转」 = last year's「四、结转下年度继续办理」, column by column; in the 2019
    template 表二「上一年项目数量」 = last year's 上一年项目数量 + 本年增/减.
    """
    done: list[str] = []
    spec3 = report.template.tables["applications"]
    if previous.tables.get("applications"):
        if report.tables.get("applications") is None:
            report.tables["applications"] = {}
        for c in spec3.row("carried_over").columns:
            v = previous.cell("applications", "carry_forward", c.key)
            if v is not None:
                report.set_cell("applications", "carried_over", c.key, v)
                done.append(spec3.cell_label("carried_over", c.key))
    if report.template.version == "2019" and previous.template.version == "2019" \
            and previous.tables.get("active_disclosure"):
        spec2 = report.template.tables["active_disclosure"]
        if report.tables.get("active_disclosure") is None:
            report.tables["active_disclosure"] = {}
        for r in spec2.data_rows:
            if not any(c.key == "prev_year_items" for c in r.columns):
                continue
            p = previous.cell("active_disclosure", r.key, "prev_year_items")
            ch = previous.cell("active_disclosure", r.key, "change")
            if p is not None and ch is not None and p + ch >= 0:
                report.set_cell("active_disclosure", r.key, "prev_year_items", p + ch)
                done.append(spec2.cell_label(r.key, "prev_year_items"))
    return done


def next_year_report(previous: Report) -> tuple[Report, list[str]]:
    """This year's report started from last year's: same agency, names and level, carry-overs
    filled, no text copied. Returns the report and the cells filled."""
    from .model import empty_report
    rep = empty_report(previous.meta.agency, previous.meta.year + 1, previous.meta.level)
    rep.meta.short_names = list(previous.meta.short_names)
    rep.meta.region = previous.meta.region
    return rep, prefill_from_previous(rep, previous)


def set_section_text(report: Report, key: str, text: str) -> None:
    """A person's text for a section. Generated text a person changed is marked edited, so a
    later draft never overwrites it silently."""
    from .model import Section
    sec = report.sections.setdefault(key, Section())
    if sec.text != text and sec.provenance is not None:
        sec.provenance.origin = "edited"
    sec.text = text


def change_meta(report: Report, meta) -> None:
    """Set new basic information; if the template version changes, keep the cells whose row and
    column exist in the new template and drop the rest."""
    old = report.meta.template_version
    report.meta = meta
    if meta.template_version == old:
        return
    tpl = report.template
    for tkey, table in list(report.tables.items()):
        if table is None:
            continue
        spec = tpl.tables[tkey]
        kept = {}
        for row, cells in table.items():
            if not spec.has_row(row) or not spec.row(row).data:
                continue
            cols = {c.key for c in spec.row(row).columns}
            kept[row] = {c: v for c, v in cells.items() if c in cols}
        report.tables[tkey] = kept


# -- grids ---------------------------------------------------------------------------
def grid(report: Report, table: str) -> pd.DataFrame:
    """An editable frame for one table: template labels, nullable numbers (blank = 未填)."""
    spec = report.template.tables[table]
    if table == "active_disclosure":
        rows = []
        for r in spec.data_rows:
            for c in r.columns:
                v = report.cell(table, r.key, c.key)
                rows.append({"项目": r.caption, "信息内容": r.label, "指标": c.label,
                             "数值": None if v is None else float(v)})
        return pd.DataFrame(rows)
    if table == "review_litigation":
        cols = spec.row("counts").columns
        rows = [{"分组": c.group, "结果": c.label,
                 "数值": _nullable(report.cell(table, "counts", c.key))} for c in cols]
        df = pd.DataFrame(rows)
        df["数值"] = df["数值"].astype("Int64")
        return df
    cols = spec.data_rows[0].columns
    df = pd.DataFrame({c.label: [_nullable(report.cell(table, r.key, c.key)) for r in spec.data_rows]
                       for c in cols}, index=[spec.row_label(r.key) for r in spec.data_rows])
    return df.astype("Int64")


# -- cells computed from other cells ------------------------------------------------------
def _defining_instances(report: Report, table: str) -> list:
    """Relations of the format data that define one cell as the sum of others (a lone positive
    term on the left, positive terms on the right, "="): 总计 columns, （七）总计, 表四's totals.
    Read from drafting.relations (the format data's ``relations``); a relation deleted there is no
    longer computed here."""
    try:
        from .relations import relations
    except ImportError:          # format data without relations: nothing is computed
        return []
    out = []
    for rel in relations(report.meta.template_version):
        if rel.table != table or rel.op != "=" or rel.previous or len(rel.lhs) != 1:
            continue
        for inst in rel.instances():
            terms = inst.lhs + inst.rhs
            if any(t.sign < 0 or t.prev for t in terms) or not inst.rhs:
                continue
            out.append(inst)
    return out


def computed_cells(report: Report, table: str) -> set[tuple[str, str]]:
    """(row, col) of every cell the app computes and shows read-only."""
    return {(i.lhs[0].row, i.lhs[0].col) for i in _defining_instances(report, table)}


def recompute(report: Report, table: str, changed: set[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    """Set the computed cells that depend on ``changed`` (all of them when None) to the sum of
    their parts; a total whose parts are all 未填 stays 未填. Returns the cells set.

    Totals typed elsewhere (an Excel file, a published report) are left alone unless one of their
    parts changes, so a wrong typed total stays visible as a finding until the clerk acts."""
    insts = _defining_instances(report, table)
    done: list[tuple[str, str]] = []
    dirty = None if changed is None else set(changed)
    for _ in range(len(insts) + 1):           # totals of totals settle in a few passes
        moved = False
        for inst in insts:
            target = (inst.lhs[0].row, inst.lhs[0].col)
            parts = [(t.row, t.col) for t in inst.rhs]
            if dirty is not None and not dirty.intersection(parts):
                continue
            vals = [report.cell(table, r, c) for r, c in parts]
            new = None if all(v is None for v in vals) else sum(Decimal(v) for v in vals if v is not None)
            if new is not None and new == new.to_integral_value():
                new = int(new)
            if report.cell(table, *target) != new:
                report.set_cell(table, target[0], target[1], new)
                done.append(target)
                moved = True
                if dirty is not None:
                    dirty.add(target)
        if not moved:
            break
    return done


def apply_cell_edits(report: Report, table: str, edits: list[dict]) -> list[str]:
    """Cell edits typed in the app's form ({row, col, value} with value as typed): each is
    checked like a loaded file; computed cells are refused; the totals that depend on the
    edited cells are recomputed. Returns Chinese errors naming the cell (bad cells unchanged)."""
    spec = report.template.tables[table]
    if report.tables.get(table) is None:
        report.tables[table] = {}
    computed = computed_cells(report, table)
    errors: list[str] = []
    changed: set[tuple[str, str]] = set()
    for e in edits:
        row, col, value = str(e.get("row")), str(e.get("col")), e.get("value")
        try:
            label = spec.cell_label(row, col)
        except KeyError:
            errors.append(f"{spec.name}没有这个单元格。")
            continue
        if (row, col) in computed:
            errors.append(f"{label}：由其他单元格自动计算，不能直接填写。")
            continue
        text = "" if value is None else str(value).strip()
        try:
            report.set_cell(table, row, col, text or None)
        except CellError as err:
            errors.append(str(err))
            continue
        changed.add((row, col))
    if changed:
        recompute(report, table, changed)
    return errors


def _nullable(v):
    return pd.NA if v is None else int(v)


def _cells(report: Report, table: str) -> list[tuple[str, str]]:
    spec = report.template.tables[table]
    return [(r.key, c.key) for r in spec.data_rows for c in r.columns]


def apply_grid(report: Report, table: str, frame: pd.DataFrame) -> list[str]:
    """Write an edited grid back into the report; bad cells are left as they were and
    reported in Chinese, naming the cell."""
    spec = report.template.tables[table]
    if report.tables.get(table) is None:
        report.tables[table] = {}
    errors: list[str] = []
    if table == "applications":
        cols = spec.data_rows[0].columns
        for i, r in enumerate(spec.data_rows):
            for c in cols:
                _put(report, table, r.key, c.key, frame.iloc[i][c.label], errors)
    else:
        for i, (row, col) in enumerate(_cells(report, table)):
            _put(report, table, row, col, frame.iloc[i]["数值"], errors)
    return errors


def _put(report: Report, table: str, row: str, col: str, value, errors: list[str]) -> None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        value = None
    elif isinstance(value, float) and not math.isfinite(value):
        pass                      # parse_number names the cell and refuses it
    elif isinstance(value, float) and value == int(value):
        value = int(value)
    elif isinstance(value, float):
        value = Decimal(str(value))
    try:
        report.set_cell(table, row, col, value)
    except CellError as e:
        errors.append(str(e))


MARK_COLUMN = "校验"


def grid_with_marks(report: Report, table: str, findings: list[Finding]) -> pd.DataFrame:
    """The editable grid plus a read-only column naming, on each row, the rules its cells break."""
    df = grid(report, table)
    spec = report.template.tables[table]
    marks = cell_findings(findings, table)
    if table == "applications":
        labels = {c.key: c.label for c in spec.data_rows[0].columns}
        df[MARK_COLUMN] = ["；".join(f"{f.code} {labels[col]}" for (row, col), fs in marks.items() if row == r.key
                                   for f in fs) for r in spec.data_rows]
    else:
        df[MARK_COLUMN] = ["；".join(f.code for f in marks.get((row, col), [])) for row, col in _cells(report, table)]
    return df


def cell_findings(findings: list[Finding], table: str) -> dict[tuple[str, str], list[Finding]]:
    out: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        if f.table == table and f.row and f.col:
            out.setdefault((f.row, f.col), []).append(f)
    return out


# -- dismissals ---------------------------------------------------------------------
@dataclass
class Partitioned:
    active: list[Finding]
    dismissed: list[tuple[Finding, str]]


def apply_dismissals(findings: list[Finding], dismissals) -> Partitioned:
    """Warnings and infos dismissed with a recorded reason drop out; errors never do."""
    reasons = {(d.code, d.key): d.reason for d in dismissals}
    active, dismissed = [], []
    for f in findings:
        r = reasons.get((f.code, f.key))
        if r is not None and f.severity != "error":
            dismissed.append((f, r))
        else:
            active.append(f)
    return Partitioned(active, dismissed)


# -- diffs ---------------------------------------------------------------------------
def diff_parts(old: str, new: str) -> list[tuple[str, str]]:
    """Character-level diff as (op, text) pieces, op one of eq, del, ins (the app shows them
    as text, struck through or underlined)."""
    sm = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    parts: list[tuple[str, str]] = []
    for op, a0, a1, b0, b1 in sm.get_opcodes():
        if op == "equal":
            parts.append(("eq", new[b0:b1]))
        if op in ("delete", "replace"):
            parts.append(("del", old[a0:a1]))
        if op in ("insert", "replace"):
            parts.append(("ins", new[b0:b1]))
    return parts


def diff_stats(old: str, new: str) -> tuple[int, int]:
    """(characters added, characters removed)."""
    added = removed = 0
    for op, text in diff_parts(old, new):
        if op == "ins":
            added += len(text)
        elif op == "del":
            removed += len(text)
    return added, removed


def finding_place(template, f: Finding) -> str:
    """Where a finding is, in the clerk's words: the cell, the part's title, or 导语."""
    if f.cell:
        return f.cell
    if f.section in template.section_keys:
        return template.section(f.section).title
    return "导语" if f.section == "preamble" else ""


# -- Excel template -------------------------------------------------------------------
# one sheet per table, named as the template numbers it (表二 …), read from the format data
SHEETS = {k: get_template("2021").tables[k].name for k in TABLE_KEYS}


def xlsx_template(report: Report) -> bytes:
    """An Excel workbook with one sheet per table, in the template's labels, current values filled."""
    import io
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        for table, sheet in SHEETS.items():
            df = grid(report, table)
            df.to_excel(xw, sheet_name=sheet, index=(table == "applications"))
            ws = xw.sheets[sheet]
            for col in ws.columns:
                ws.column_dimensions[col[0].column_letter].width = 16
            if table == "applications":
                ws.column_dimensions["A"].width = 48
    return buf.getvalue()


def cell_changes(before: Report, after: Report) -> list[dict]:
    """Every cell whose value differs, in the template's words: {单元格, 原值, 新值} (未填 for blank)."""
    from .export.layout import cell_text
    out = []
    for tkey in SHEETS:
        spec = after.template.tables[tkey]
        for r in spec.data_rows:
            for c in r.columns:
                a, b = before.cell(tkey, r.key, c.key), after.cell(tkey, r.key, c.key)
                if a != b:
                    out.append({"单元格": spec.cell_label(r.key, c.key),
                                "原值": cell_text(a) or "未填", "新值": cell_text(b) or "未填"})
    return out


def import_xlsx(report: Report, data: bytes) -> tuple[list[str], list[dict]]:
    """Read a filled-in template into the report: (Chinese errors, the cells that changed)."""
    before = report.model_copy(deep=True)
    errors = read_xlsx(report, data)
    return errors, cell_changes(before, report)


def read_xlsx(report: Report, data: bytes) -> list[str]:
    """Fill the report's tables from a filled-in template; returns Chinese errors. A workbook
    that cannot be imported at all (not a workbook, over a bound, not the template) changes
    nothing; bad cells are skipped and keep their value. Typed errors: drafting.spreadsheet."""
    from .errors import DraftingError
    from .spreadsheet import import_xlsx
    try:
        return import_xlsx(report, data)
    except DraftingError as e:
        return e.errors


# -- export ----------------------------------------------------------------------------
@dataclass
class ExportOffer:
    """Bytes the app may offer for download, and the report version they were made from."""
    data: bytes
    filename: str
    mimetype: str
    fmt: str
    version: int             # the stored version the file belongs to (after the record was saved)
    forced: bool
    findings: list[Finding]


def export_report(store, report_id: int, fmt: str, expected_version: int, *, force: bool = False,
                  who: str | None = None, reason: str | None = None, previous: Report | None = None) -> ExportOffer:
    """Export the stored report. A report with errors is refused (ExportRefused) unless forced
    with a reason; a forced export records who and why in the report's history and saves it, and
    only once that save succeeded are the bytes returned. ConflictError (someone saved since
    ``expected_version``) means no record and no file."""
    from .export import gated_export
    from .store import ConflictError
    rep, version = store.get(report_id)
    if version != expected_version:
        raise ConflictError(report_id, expected_version, version)
    res = gated_export(rep, fmt, force=force, reason=reason, who=who, previous=previous)
    if res.forced:
        version = store.save(report_id, rep, version, note=f"强制导出（{res.override.who}）")
    return ExportOffer(res.data, res.filename, res.mimetype, res.fmt, version, res.forced, res.findings)


# -- overview ---------------------------------------------------------------------------
@dataclass
class Step:
    key: str          # the page that does this step (drafting.webui.nav key)
    title: str
    done: bool
    detail: str


def progress(report: Report, findings: list[Finding]) -> list[Step]:
    """Where the report stands in the five steps a clerk goes through: 数据, 工作情况, 起草, 校验, 导出."""
    from .facts import TOPICS
    filled = total = 0
    for tkey in SHEETS:
        spec = report.template.tables[tkey]
        for r in spec.data_rows:
            for c in r.columns:
                total += 1
                filled += report.cell(tkey, r.key, c.key) is not None
    told = sum(1 for t in TOPICS if report.facts.notes.get(t.key))
    narrative = list(report.template.section_keys)     # every part has text (tables come with a lead-in)
    written = sum(1 for k in narrative if report.sections.get(k) and report.sections[k].text.strip())
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = sum(1 for f in findings if f.severity == "warning")
    exported = any(h.action == "forced_export" for h in report.history)
    return [
        Step("tables", "数据填报", filled == total, f"已填 {filled}/{total} 个单元格"),
        Step("facts", "工作情况", told == len(TOPICS), f"已写 {told}/{len(TOPICS)} 个方面"),
        Step("draft", "起草", written == len(narrative), f"已有正文 {written}/{len(narrative)} 部分"),
        Step("check", "校验", errors == 0,
             "没有错误" + (f"，{warnings} 项警告待确认" if warnings else "") if errors == 0 else f"{errors} 项错误待修改"),
        Step("export", "导出", errors == 0,
             "可以导出" if errors == 0 else ("已强制导出送审，仍有错误" if exported else "修改全部错误后可以导出")),
    ]


def chart_frame(chart) -> pd.DataFrame:
    """An exporter chart (drafting.export.charts.Chart) as a frame for the app's bar charts:
    one row per label, one column per series, blanks (未填) left out of the bars."""
    data = {name: [None if v is None else float(v) for v in vals] for name, vals in chart.series}
    return pd.DataFrame(data, index=pd.Index(chart.labels))
