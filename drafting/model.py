"""The report model: one pydantic shape for a year's report, typed per template.

A report round-trips to one readable YAML file (see drafting.io). Tables are stored as
``{row_key: {col_key: value}}`` with the keys of the format data; a missing or null cell
is 未填 (not filled), which is not the same as 0, and a missing table is a missing table.
"""
from __future__ import annotations

import numbers
import re
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .formats import TABLE_KEYS, Template, get_template, version_for_year

Cell = Union[int, Decimal, None]
Table = dict[str, dict[str, Cell]]

_FULLWIDTH = str.maketrans("０１２３４５６７８９－．，", "0123456789-.,")


class Level(str, Enum):
    department = "部门"
    government = "人民政府"
    township = "乡镇街道"


class Meta(BaseModel):
    model_config = ConfigDict(extra="forbid")

    agency: str = Field(min_length=2, description="机关全称")
    short_names: list[str] = Field(default_factory=list, description="简称，如 区科技局、本局")
    level: Level = Level.department
    year: int = Field(ge=2008, le=2100, description="报告年度")
    template: str | None = Field(default=None, description="模板版本，留空则按年度推定")
    region: str | None = Field(default=None, description="所在行政区，如 银川市兴庆区")
    date: str | None = Field(default=None, description="落款日期")

    @field_validator("agency")
    @classmethod
    def _strip_agency(cls, v: str) -> str:
        v = v.strip()
        if len(v) < 2:
            raise ValueError("机关名称不能为空")
        return v

    @field_validator("template")
    @classmethod
    def _check_template(cls, v: str | None) -> str | None:
        if v is None or v == "":
            return None
        v = str(v).strip()
        if v not in ("2019", "2021"):
            raise ValueError(f"模板版本应为 2019 或 2021，收到 {v}")
        return v

    @property
    def template_version(self) -> str:
        return self.template or version_for_year(self.year)

    @property
    def derived_template(self) -> str:
        return version_for_year(self.year)


class Provenance(BaseModel):
    """Where a section's text came from: who wrote it, with which model and prompt, and what
    the validator still finds in it. Absent for text typed or imported by a person."""
    model_config = ConfigDict(extra="forbid")

    origin: str = "generated"        # generated | offline | revised | edited
    model: str = ""                  # provider/model name, e.g. offline, deepseek-chat
    prompt: str = ""                 # prompt file name and version hash, e.g. overall@3f2a9c1d0b4e
    at: str = Field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))
    rounds: int = 0                  # repair rounds used
    template: str | None = None      # the text with its data slots ({t3.received}) before filling
    needs_review: bool = False       # still has findings after the repair rounds
    findings: list[str] = Field(default_factory=list)   # "代码 说明" of what remained
    note: str = ""                   # e.g. why the offline drafter stood in for the model


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")

    heading: str | None = None   # heading as written; None means the template's title
    text: str = ""
    locked: bool = False         # a locked section is never regenerated
    provenance: Provenance | None = None   # set by the drafting engine; None for human text


class Figure(BaseModel):
    """A number the user stated about the year that is not in the tables (e.g. 培训次数)."""
    model_config = ConfigDict(extra="forbid")

    key: str
    label: str
    value: Decimal
    unit: str = ""


class Facts(BaseModel):
    model_config = ConfigDict(extra="forbid")

    figures: list[Figure] = Field(default_factory=list)
    notes: dict[str, list[str]] = Field(default_factory=dict)   # topic -> statements

    def figure(self, key: str) -> Figure | None:
        return next((f for f in self.figures if f.key == key), None)


class HistoryEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    at: str = Field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))
    action: str
    who: str = ""
    detail: str = ""


class Report(BaseModel):
    model_config = ConfigDict(extra="forbid")

    meta: Meta
    preamble: str | None = None
    sections: dict[str, Section] = Field(default_factory=dict)
    # Typed against the template in _check_tables (Any here so errors name cells in
    # the template's words, not pydantic's).
    tables: dict[str, Any] = Field(default_factory=dict)
    facts: Facts = Field(default_factory=Facts)
    history: list[HistoryEntry] = Field(default_factory=list)

    @field_validator("sections", mode="before")
    @classmethod
    def _sections_from_strings(cls, v: Any) -> Any:
        # In a report file a section may be written as plain text.
        if isinstance(v, dict):
            return {k: ({"text": s} if isinstance(s, str) else ({} if s is None else s))
                    for k, s in v.items()}
        return v

    @field_validator("tables", mode="before")
    @classmethod
    def _tables_raw(cls, v: Any) -> Any:
        if v is None:
            return {}
        if not isinstance(v, dict):
            raise ValueError("tables 应为以表名为键的映射")
        return v

    @model_validator(mode="after")
    def _check_tables(self) -> "Report":
        tpl = self.template
        errors: list[str] = []
        for key in self.sections:
            if key not in tpl.section_keys:
                errors.append(f"未知的部分：{key}（应为 {', '.join(tpl.section_keys)} 之一）")
        typed: dict[str, Table | None] = {}
        for tkey, raw in self.tables.items():
            if tkey not in TABLE_KEYS:
                errors.append(f"未知的表：{tkey}（应为 {', '.join(TABLE_KEYS)} 之一）")
                continue
            if raw is None:
                typed[tkey] = None
                continue
            typed[tkey] = _type_table(tpl, tkey, raw, errors)
        if errors:
            raise ValueError("\n".join(errors))
        self.tables = typed
        return self

    # -- convenience -------------------------------------------------------
    @property
    def template(self) -> Template:
        return get_template(self.meta.template_version)

    def table(self, key: str) -> Table | None:
        return self.tables.get(key)

    def cell(self, table: str, row: str, col: str) -> Cell:
        t = self.tables.get(table)
        if not t:
            return None
        return (t.get(row) or {}).get(col)

    def set_cell(self, table: str, row: str, col: str, value: Any) -> None:
        """Set one cell, typed and checked like a loaded file; raises CellError in Chinese."""
        spec = self.template.tables[table]
        errors: list[str] = []
        typed = _type_cell(spec, row, col, value, errors)
        if errors:
            raise CellError(errors[0])
        t = self.tables.get(table)
        if t is None:
            t = self.tables[table] = {}
        t.setdefault(row, {})[col] = typed

    def section_text(self, key: str) -> str:
        s = self.sections.get(key)
        return s.text if s else ""

    def all_names(self) -> list[str]:
        return [self.meta.agency, *self.meta.short_names]


class CellError(ValueError):
    pass


def parse_number(value: Any, kind: str) -> Cell:
    """Parse one cell value; raises ValueError with the reason in Chinese."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"应为数字，收到 {value}")
    # numpy and pandas scalars arrive from grids and spreadsheets
    if isinstance(value, numbers.Integral) and not isinstance(value, int):
        value = int(value)
    elif isinstance(value, numbers.Real) and not isinstance(value, (float, Decimal)):
        value = float(value)
    if isinstance(value, float) and value != value:   # NaN from a blank grid cell
        return None
    if isinstance(value, str):
        s = value.strip().translate(_FULLWIDTH).replace(",", "")
        if s in ("", "-", "—", "/", "未填"):
            return None
        if kind == "decimal" or kind == "number":
            s = re.sub(r"(万元|元)$", "", s)
        try:
            value = Decimal(s)
        except InvalidOperation:
            raise ValueError(f"应为数字，收到「{value}」") from None
    if isinstance(value, float):
        value = Decimal(str(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"应为有限数字，收到 {value}")
        if kind in ("int", "signed_int"):
            if value != value.to_integral_value():
                raise ValueError(f"应为整数，收到 {value}")
            value = int(value)
    if isinstance(value, int):
        if kind == "int" and value < 0:
            raise ValueError(f"应为非负整数，收到 {value}")
        if abs(value) > 10**12:
            raise ValueError(f"数值过大，收到 {value}")
        if kind in ("decimal", "number"):
            if value < 0:
                raise ValueError(f"应为非负数，收到 {value}")
            return Decimal(value)
        return value
    if isinstance(value, Decimal):
        if value < 0:
            raise ValueError(f"应为非负数，收到 {value}")
        if abs(value) > 10**12:
            raise ValueError(f"数值过大，收到 {value}")
        return value
    raise ValueError(f"应为数字，收到「{value}」")


def _type_cell(spec, row: str, col: str, value: Any, errors: list[str]) -> Cell:
    if not spec.has_row(row) or not spec.row(row).data:
        errors.append(f"{spec.name}没有数据行「{row}」")
        return None
    try:
        column = spec.column(row, col)
    except KeyError:
        errors.append(f"{spec.name}「{spec.row_label(row)}」没有列「{col}」")
        return None
    try:
        return parse_number(value, column.type)
    except ValueError as e:
        errors.append(f"{spec.cell_label(row, col)}：{e}")
        return None


def _type_table(tpl: Template, tkey: str, raw: Any, errors: list[str]) -> Table:
    spec = tpl.tables[tkey]
    if not isinstance(raw, dict):
        errors.append(f"{spec.name}应为以行名为键的映射")
        return {}
    out: Table = {}
    for row, cells in raw.items():
        if cells is None:
            out[row] = {}
            if not spec.has_row(row):
                errors.append(f"{spec.name}没有数据行「{row}」")
            continue
        if not isinstance(cells, dict):
            errors.append(f"{spec.name}「{row}」应为以列名为键的映射")
            continue
        out[row] = {col: _type_cell(spec, row, col, v, errors) for col, v in cells.items()}
    return out


def empty_report(agency: str, year: int, level: Level | str = Level.department) -> Report:
    """A new report with every table present and every cell 未填."""
    rep = Report(meta=Meta(agency=agency, year=year, level=Level(level)))
    tpl = rep.template
    for key, spec in tpl.tables.items():
        rep.tables[key] = {r.key: {c.key: None for c in r.columns} for r in spec.data_rows}
    for s in tpl.sections:
        rep.sections[s.key] = Section()
    return rep
