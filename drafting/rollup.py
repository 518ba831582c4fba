"""Roll-up: a government's 表二/表三/表四 as the per-cell sum of its units' reports.

The 政务公开办 of a 县/区/市 writes the government's own annual report; its statistics are the
sum of its departments' and townships' figures. ``rollup`` takes the units' reports, checks
each one with the validator, leaves out (and names) every unit that is missing, belongs to
another year or template, or has an open error in its tables (a 勾稽 error, an unreadable cell,
a missing table) until a person confirms it, and adds up the rest cell by cell. Every total
keeps its breakdown by unit. The government's facts (工作情况) are drafted from the units' facts
with the unit named in each statement, and the report's history records the roll-up.

Cells, rows and labels come from the format data (drafting.formats); which findings hold a
unit out comes from the validator's rule registry (rules of the 表格 and 读取 groups, and
S005/S006 for a wrong template or a missing table).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Iterable

from .formats import TABLE_KEYS, version_for_year
from .model import Fact, Facts, Figure, HistoryEntry, Level, Report, empty_report
from .store import fingerprint
from .validator import Finding, validate
from .validator.core import all_rules

# Unit states, in the words shown to the 政务公开办.
INCLUDED = "已纳入"
CONFIRMED = "经确认纳入"
HELD = "待确认"            # open errors in its tables: left out until a person confirms it
MISSING = "未报送"
MISMATCH = "不能汇总"      # another year or template, a duplicate, or not on the unit list
COUNTED = (INCLUDED, CONFIRMED)

# Findings of these rules make a unit's figures unreliable; errors of other rules (prose,
# style) are listed as open errors but do not keep the figures out of the sum.
_STRUCTURE_BLOCKING = {"S005", "S006"}


def _blocking_codes() -> set[str]:
    return {r.code for r in all_rules() if r.group in ("tables", "parse")} | _STRUCTURE_BLOCKING


class RollupError(ValueError):
    """Input that cannot be rolled up at all; the message is Chinese and names the unit or file."""


@dataclass
class UnitInput:
    """One unit as the roll-up sees it: its name, its report (None if not received), where the
    report came from, and a person's confirmation if one was given for these very tables."""
    name: str
    report: Report | None
    source: str = ""
    level: str = "部门"
    confirmed_by: str | None = None
    confirm_reason: str | None = None
    confirmed_fingerprint: str | None = None
    listed: bool = True


@dataclass
class UnitStatus:
    name: str
    state: str
    source: str = ""
    level: str = "部门"
    reasons: list[str] = field(default_factory=list)      # why held out / not counted (Chinese)
    blocking: list[Finding] = field(default_factory=list)  # the findings that hold it out
    open_errors: list[Finding] = field(default_factory=list)   # every error-severity finding
    warnings: int = 0
    fingerprint: str | None = None
    confirmed_by: str | None = None
    confirm_reason: str | None = None

    @property
    def counted(self) -> bool:
        return self.state in COUNTED

    @property
    def confirmable(self) -> bool:
        return self.state == HELD


@dataclass(frozen=True)
class CellKey:
    table: str
    row: str
    col: str

    def id(self) -> str:
        return f"{self.table}|{self.row}|{self.col}"

    @classmethod
    def parse(cls, s: str) -> "CellKey":
        t, r, c = s.split("|")
        return cls(t, r, c)


@dataclass
class Change:
    """What a recomputation changed: a total (with the units whose figure moved) or a unit's state."""
    label: str
    old: str
    new: str
    units: list[tuple[str, str, str]] = field(default_factory=list)   # (unit, old, new)

    def text(self) -> str:
        s = f"{self.label}：{self.old} → {self.new}"
        if self.units:
            s += "（" + "，".join(f"{u} {o} → {n}" for u, o, n in self.units) + "）"
        return s


@dataclass
class Rollup:
    government: str
    year: int
    template: str
    units: list[UnitStatus]
    report: Report
    breakdown: dict[CellKey, list[tuple[str, Decimal | int]]]

    # -- what the 政务公开办 reads before using the sum -------------------------------
    @property
    def counted(self) -> list[UnitStatus]:
        return [u for u in self.units if u.counted]

    @property
    def left_out(self) -> list[UnitStatus]:
        return [u for u in self.units if not u.counted]

    @property
    def complete(self) -> bool:
        return not self.left_out

    def unit(self, name: str) -> UnitStatus:
        for u in self.units:
            if u.name == name:
                return u
        raise KeyError(name)

    def total(self, table: str, row: str, col: str):
        return self.report.cell(table, row, col)

    def contributions(self, table: str, row: str, col: str) -> list[tuple[str, Decimal | int]]:
        """Who contributed to one total: (unit, value) for every counted unit that filled the cell."""
        return self.breakdown.get(CellKey(table, row, col), [])

    def label(self, key: CellKey) -> str:
        return self.report.template.tables[key.table].cell_label(key.row, key.col)

    def notice(self, codes: bool = True) -> list[str]:
        """The lines shown before the sum: units not counted and why, units counted by confirmation,
        units counted whose report has other errors. ``codes`` adds the rule codes (the CLI shows
        them; the app only when 详情 is on)."""
        def tag(fs: list[Finding]) -> str:
            return f"（规则 {'、'.join(dict.fromkeys(f.code for f in fs))}）" if codes and fs else ""
        out = []
        for u in self.units:
            if u.state == MISSING:
                out.append(f"{u.name}：{MISSING}，未计入汇总。")
            elif u.state in (HELD, MISMATCH):
                out.append(f"{u.name}：{u.state}，未计入汇总——{'；'.join(u.reasons)}{tag(u.blocking)}")
            elif u.state == CONFIRMED:
                out.append(f"{u.name}：有未解决的问题，经{u.confirmed_by}确认纳入（理由：{u.confirm_reason}）。")
            elif u.open_errors:
                out.append(f"{u.name}：已计入汇总；报告另有 {len(u.open_errors)} 项错误{tag(u.open_errors)}，"
                           "不涉及统计表，请通知该单位更正。")
        return out

    # -- snapshots and changes ------------------------------------------------------
    def snapshot(self) -> dict:
        cells = {}
        for key, parts in self.breakdown.items():
            cells[key.id()] = {"sum": _s(self.report.cell(key.table, key.row, key.col)),
                               "units": {u: _s(v) for u, v in parts}}
        return {"government": self.government, "year": self.year, "template": self.template,
                "units": {u.name: {"state": u.state, "fingerprint": u.fingerprint} for u in self.units},
                "cells": cells}

    def changes_since(self, previous: dict | None) -> list[Change]:
        """Totals and unit states that differ from an earlier snapshot (None: nothing to compare)."""
        if not previous:
            return []
        out: list[Change] = []
        old_units = previous.get("units", {})
        for u in self.units:
            before = (old_units.get(u.name) or {}).get("state", "（无）")
            if before != u.state:
                out.append(Change(u.name, before, u.state))
        for name in old_units:
            if all(u.name != name for u in self.units):
                out.append(Change(name, old_units[name].get("state", ""), "（已移出）"))
        now = self.snapshot()["cells"]
        old_cells = previous.get("cells", {})
        for cid in sorted(set(now) | set(old_cells), key=_cell_order(self)):
            a, b = old_cells.get(cid, {}), now.get(cid, {})
            if a.get("sum") == b.get("sum") and a.get("units") == b.get("units"):
                continue
            au, bu = a.get("units", {}), b.get("units", {})
            moved = [(n, au.get(n, "—"), bu.get(n, "—")) for n in dict.fromkeys([*au, *bu])
                     if au.get(n) != bu.get(n)]
            # A unit coming in or going out with 0 changes no total; say only what moved a figure.
            if a.get("sum") == b.get("sum") and all("—" in (o, n) for _, o, n in moved):
                continue
            try:
                label = self.label(CellKey.parse(cid))
            except KeyError:
                label = cid
            out.append(Change(label, a.get("sum") or "未填", b.get("sum") or "未填", moved))
        return out


def _s(v) -> str | None:
    if v is None:
        return None
    d = Decimal(v)
    return str(int(d)) if d == d.to_integral_value() else format(d.normalize(), "f")


def _cell_order(r: Rollup):
    order = {}
    tpl = r.report.template
    i = 0
    for t in TABLE_KEYS:
        for row in tpl.tables[t].data_rows:
            for c in row.columns:
                order[f"{t}|{row.key}|{c.key}"] = i
                i += 1
    return lambda cid: (order.get(cid, i), cid)


# -- the roll-up ----------------------------------------------------------------------
def _status(u: UnitInput, year: int, version: str, seen: set[str], blocking_codes: set[str]) -> UnitStatus:
    st = UnitStatus(name=u.name, state=INCLUDED, source=u.source, level=u.level)
    rep = u.report
    if rep is None:
        st.state = MISSING
        return st
    if not u.listed:
        st.state = MISMATCH
        st.reasons.append("不在本工作区的单位名单中")
        return st
    if u.name in seen:
        st.state = MISMATCH
        st.reasons.append(f"同一单位有多份{year}年度报告（{u.source}），只计第一份")
        return st
    if rep.meta.year != year:
        st.state = MISMATCH
        st.reasons.append(f"报告年度为{rep.meta.year}年，不是{year}年")
        return st
    if rep.meta.template_version != version:
        st.state = MISMATCH
        st.reasons.append(f"使用{rep.meta.template_version}版模板，{year}年度应为{version}版，表格不能逐格相加")
        return st
    findings = validate(rep)
    st.open_errors = [f for f in findings if f.severity == "error"]
    st.warnings = sum(f.severity == "warning" for f in findings)
    st.blocking = [f for f in st.open_errors if f.code in blocking_codes]
    st.fingerprint = fingerprint(rep)
    missing_tables = [rep.template.tables[t].name for t in TABLE_KEYS if not rep.tables.get(t)]
    if missing_tables:
        st.reasons.append(f"缺少{'、'.join(missing_tables)}")
    for f in st.blocking:
        where = f"（{f.cell}）" if f.cell and f.cell not in f.message else ""
        st.reasons.append(f"{f.message}{where}")
    if st.reasons:
        if u.confirmed_by and u.confirmed_fingerprint == st.fingerprint:
            st.state = CONFIRMED
            st.confirmed_by, st.confirm_reason = u.confirmed_by, u.confirm_reason
        else:
            st.state = HELD
            if u.confirmed_by:
                st.reasons.append("此前的确认是针对修改前的数据作出的，数据变动后需重新确认")
    return st


def rollup(units: Iterable[UnitInput], government: str, year: int | None = None,
           region: str | None = None) -> Rollup:
    """Sum the counted units' tables cell by cell into a new report for ``government``."""
    units = list(units)
    if not units:
        raise RollupError("没有可汇总的单位报告")
    if year is None:
        years = [u.report.meta.year for u in units if u.report is not None]
        if not years:
            raise RollupError("所有单位都未报送报告，无法确定汇总年度；请指定年度")
        year = max(set(years), key=years.count)
    version = version_for_year(year)
    try:
        gov = empty_report(government, year, Level.government)
    except ValueError as e:
        raise RollupError(f"政府名称或年度有误：{e}") from None
    gov.meta.region = region
    tpl = gov.template
    blocking_codes = _blocking_codes()
    statuses: list[UnitStatus] = []
    seen: set[str] = set()
    breakdown: dict[CellKey, list[tuple[str, Decimal | int]]] = {}
    for u in units:
        st = _status(u, year, version, seen, blocking_codes)
        statuses.append(st)
        if u.report is not None and st.state != MISMATCH:
            seen.add(u.name)
        if not st.counted:
            continue
        for t in TABLE_KEYS:
            spec = tpl.tables[t]
            for row in spec.data_rows:
                for col in row.columns:
                    v = u.report.cell(t, row.key, col.key)
                    if v is not None:
                        breakdown.setdefault(CellKey(t, row.key, col.key), []).append((u.name, v))
    # Blank in every counted unit stays blank (未填); otherwise the sum of what was filled.
    for key, parts in breakdown.items():
        total = sum((p for _, p in parts), start=0)
        gov.set_cell(key.table, key.row, key.col, total)
    counted = [u for u, st in zip(units, statuses) if st.counted]
    gov.facts.figures, gov.facts.notes = _facts(counted)
    gov.history.append(HistoryEntry(action="rollup", who="", detail=json.dumps({
        "汇总单位": [st.name for st in statuses if st.counted],
        "经确认纳入": [{"单位": st.name, "确认人": st.confirmed_by, "理由": st.confirm_reason}
                     for st in statuses if st.state == CONFIRMED],
        "未计入": [{"单位": st.name, "状态": st.state, "原因": st.reasons} for st in statuses if not st.counted],
        "说明": "统计表为各汇总单位逐格相加；工作情况取自各单位的工作情况并注明单位。",
    }, ensure_ascii=False)))
    return Rollup(government=government, year=year, template=version, units=statuses, report=gov,
                  breakdown=breakdown)


# Units of figures that are amounts or counts; a percentage or a rate does not add up.
_NOT_ADDITIVE_UNITS = {"%", "％", "个百分点"}


def _facts(units: list[UnitInput]) -> tuple[list[Figure], dict[str, list[Fact]]]:
    """The government's facts from its units': figures with the same key and unit added up (the
    label says how many units), every statement kept with the unit named in front of it, its
    clause, and its own figures (so a drafted sentence still fills them from data slots)."""
    from .engine.facts import file_statement
    figs: dict[tuple[str, str], list[tuple[str, Figure]]] = {}
    statements: list[tuple[str, Fact]] = []
    for u in units:
        linked = {k for items in u.report.facts.groups().values() for f in items for k in f.figures}
        for f in u.report.facts.figures:
            if f.unit in _NOT_ADDITIVE_UNITS or f.key in linked:
                continue            # a statement's own figure travels with the statement
            figs.setdefault((f.key, f.unit), []).append((u.name, f))
        for topic, items in u.report.facts.groups().items():
            for item in items:
                text = item.text.strip()
                if text and not item.none:
                    statements.append((topic, Fact(text=f"{u.name}：{text}", clause=item.clause,
                                                   source=item.source or "汇总")))
    out = []
    for (key, unit), parts in figs.items():
        names = "、".join(n for n, _ in parts[:3]) + (f"等{len(parts)}个单位" if len(parts) > 3 else "")
        label = parts[0][1].label
        out.append(Figure(key=key, label=f"{label}（{names}合计）", unit=unit,
                          value=sum((f.value for _, f in parts), start=Decimal(0))))
    facts = Facts(figures=out)
    for topic, fact in statements:
        file_statement(facts, topic, fact)
    return facts.figures, facts.notes


# -- files: `drafting rollup UNIT_FILES... --out GOV.yaml` ------------------------------------
@dataclass
class WorkspaceFile:
    """A workspace written as YAML: the government and its list of units."""
    government: str
    region: str | None
    units: list[tuple[str, str]]    # (name, level)


def load_workspace_file(path: str | Path) -> WorkspaceFile:
    import yaml
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text("utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        raise RollupError(f"无法读取单位名单文件：{p}") from None
    except yaml.YAMLError:
        raise RollupError(f"单位名单文件 {p} 不是有效的 YAML") from None
    if not isinstance(data, dict) or not isinstance(data.get("government"), str):
        raise RollupError(f"单位名单文件 {p}：应写明 government（人民政府全称）和 units（单位列表）")
    raw = data.get("units")
    if not isinstance(raw, list) or not raw:
        raise RollupError(f"单位名单文件 {p}：units 应为单位列表")
    units = []
    for i, item in enumerate(raw, 1):
        if isinstance(item, str):
            units.append((item.strip(), "部门"))
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            level = str(item.get("level") or "部门")
            if level not in {lv.value for lv in Level}:
                raise RollupError(f"单位名单文件 {p}：第{i}个单位的 level 应为 部门、乡镇街道 或 人民政府，收到「{level}」")
            units.append((item["name"].strip(), level))
        else:
            raise RollupError(f"单位名单文件 {p}：第{i}个单位应写作名称，或 {{name: 名称, level: 层级}}")
    return WorkspaceFile(data["government"].strip(), data.get("region"), units)


def snapshot_path(out: Path) -> Path:
    """Where the CLI keeps the breakdown and confirmations beside GOV.yaml."""
    return out.with_name(out.stem + ".汇总明细.json")


def read_snapshot(out: Path) -> dict | None:
    p = snapshot_path(out)
    if not p.exists():
        return None
    try:
        data = json.loads(p.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def breakdown_rows(r: Rollup) -> list[dict]:
    """One row per cell of the three tables: label, total, and each counted unit's figure."""
    names = [u.name for u in r.counted]
    rows = []
    tpl = r.report.template
    for t in TABLE_KEYS:
        spec = tpl.tables[t]
        for row in spec.data_rows:
            for col in row.columns:
                parts = dict(r.contributions(t, row.key, col.key))
                d = {"表": spec.name, "单元格": spec.cell_label(row.key, col.key),
                     "合计": _s(r.total(t, row.key, col.key)) or ""}
                for n in names:
                    d[n] = _s(parts.get(n)) or ""
                rows.append(d)
    return rows


def units_rows(r: Rollup) -> list[dict]:
    return [{"单位": u.name, "层级": u.level, "状态": u.state, "来源": u.source,
             "未解决的错误": len(u.open_errors), "警告": u.warnings,
             "说明": "；".join(u.reasons) if u.reasons else "",
             "确认人": u.confirmed_by or "", "确认理由": u.confirm_reason or ""} for u in r.units]


def breakdown_xlsx(r: Rollup, changes: list[Change] | None = None) -> bytes:
    """An Excel workbook: the units and their states, then every cell with its breakdown."""
    import io

    import pandas as pd
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        pd.DataFrame(units_rows(r)).to_excel(xw, sheet_name="单位情况", index=False)
        pd.DataFrame(breakdown_rows(r)).to_excel(xw, sheet_name="分单位明细", index=False)
        if changes:
            pd.DataFrame([{"项目": c.label, "原值": c.old, "新值": c.new,
                           "变动的单位": "，".join(f"{u} {o} → {n}" for u, o, n in c.units)} for c in changes]
                         ).to_excel(xw, sheet_name="本次变动", index=False)
        for ws in xw.sheets.values():
            for col in ws.columns:
                ws.column_dimensions[col[0].column_letter].width = 18
            ws.column_dimensions["B"].width = 48
    return buf.getvalue()


# -- the store: workspaces, units and their reports ----------------------------------------
def workspace_rollup(store, workspace_id: int, year: int, record: bool = False) -> tuple[Rollup, list[Change]]:
    """Roll up a workspace's units for a year from the store; the changes are against the last
    recorded roll-up. With ``record`` the result becomes the one later changes are measured from."""
    ws = store.workspace(workspace_id)
    units = store.units(workspace_id)
    if not units:
        raise RollupError(f"工作区「{ws.name}」还没有单位，请先添加单位")
    links = {li.unit.id: li for li in store.unit_reports(workspace_id, year)}
    confirmations = {}
    for c in store.confirmations(workspace_id, year):
        confirmations[c.unit_id] = c         # the latest confirmation of each unit counts
    inputs = []
    for u in units:
        li = links.get(u.id)
        rep = store.get(li.report_id)[0] if li else None
        c = confirmations.get(u.id)
        inputs.append(UnitInput(name=u.name, report=rep, source=li.source if li else "", level=u.level,
                                confirmed_by=c.who if c else None, confirm_reason=c.reason if c else None,
                                confirmed_fingerprint=c.fingerprint if c else None))
    r = rollup(inputs, ws.name, year, region=ws.region)
    changes = r.changes_since(store.last_snapshot(workspace_id, year))
    if record:
        store.save_snapshot(workspace_id, year, r.snapshot())
    return r, changes


def confirm_unit(store, workspace_id: int, year: int, unit_name: str, who: str, reason: str) -> None:
    """A person lets a held unit into the roll-up, for its tables as they are now."""
    r, _ = workspace_rollup(store, workspace_id, year)
    try:
        st = r.unit(unit_name)
    except KeyError:
        raise RollupError(f"工作区中没有单位「{unit_name}」") from None
    if not st.confirmable:
        raise RollupError(f"{unit_name}当前状态为「{st.state}」，无需或不能确认纳入")
    unit = next(u for u in store.units(workspace_id) if u.name == unit_name)
    store.confirm_unit(unit.id, year, st.fingerprint, who, reason)


@dataclass
class ImportResult:
    report_id: int
    replaced: bool
    problems: list[str]            # cells or lines that could not be read (Chinese)
    rollup: Rollup
    changes: list[Change]


REPORT_FILE_EXTS = (".yaml", ".yml", ".json")


def read_unit_file(name: str, data: bytes, unit_name: str, year: int, base: Report | None = None
                   ) -> tuple[Report, list[str]]:
    """A unit's report from an uploaded file: its YAML/JSON report file, its filled-in Excel
    template (.xlsx), or its published report (any format ingest reads)."""
    from .ingest import PUBLISHED_EXTS, ingest_bytes
    from .io import ReportLoadError, loads_report
    ext = Path(name).suffix.lower()
    if ext in REPORT_FILE_EXTS:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise RollupError(f"{name}：不是 UTF-8 编码的报告文件") from None
        try:
            rep = loads_report(text, name)
        except ReportLoadError as e:
            raise RollupError(f"{name}：" + "；".join(e.errors)) from None
        return rep, []
    if ext == ".xlsx":
        from .workflow import read_xlsx
        rep = base.model_copy(deep=True) if base is not None else empty_report(unit_name, year)
        errors = read_xlsx(rep, data)
        if errors and all("不是有效的 Excel" in e or "缺少工作表" in e or "不一致" in e for e in errors):
            raise RollupError(f"{name}：" + "；".join(errors))
        return rep, errors
    if ext in PUBLISHED_EXTS:
        try:
            ing = ingest_bytes(data, name, agency=unit_name)
        except ReportLoadError as e:
            raise RollupError(f"{name}：" + "；".join(e.errors)) from None
        return ing.report, [f"{p.code} {p.message}" for p in ing.problems]
    raise RollupError(f"{name}：不支持的文件类型（可用 .yaml、.json、.xlsx，或已发布报告的 "
                      f"{'、'.join(PUBLISHED_EXTS)}）")


def import_unit_report(store, unit_id: int, year: int, name: str, data: bytes) -> ImportResult:
    """Store a unit's report for the year from a file and recompute the workspace's roll-up;
    the result says what the import changed in the sums."""
    unit = store.unit(unit_id)
    base = None
    for li in store.unit_reports(unit.workspace_id, year):
        if li.unit.id == unit_id:
            base = store.get(li.report_id)[0]
    rep, problems = read_unit_file(name, data, unit.name, year, base)
    if rep.meta.year != year:
        raise RollupError(f"{name}：是{rep.meta.year}年度的报告，不是{year}年度的")
    # Make sure there is a baseline to compare with, then store and recompute.
    if store.last_snapshot(unit.workspace_id, year) is None:
        workspace_rollup(store, unit.workspace_id, year, record=True)
    rid, replaced = store.set_unit_report(unit_id, rep, name)
    r, changes = workspace_rollup(store, unit.workspace_id, year, record=True)
    return ImportResult(rid, replaced, problems, r, changes)


def save_government_report(store, r: Rollup) -> int:
    """Write the roll-up as the government's report for the year: a new version of the one in
    the store (its text kept, tables and facts replaced), or a new report."""
    rid = store.find(r.government, r.year)
    if rid is None:
        return store.create(r.report, origin="import")
    rep, version = store.get(rid)
    rep.tables = r.report.tables
    rep.facts = r.report.facts
    rep.history.extend(r.report.history)
    store.save(rid, rep, version, origin="import", note="按各单位报告重新汇总统计表")
    return rid
