"""The report model: one pydantic shape for a year's report, typed per template.

A report round-trips to one readable YAML file (see drafting.io). Tables are stored as
``{row_key: {col_key: value}}`` with the keys of the format data; a missing or null cell
is 未填 (not filled), which is not the same as 0, and a missing table is a missing table.
"""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from enum import Enum
from typing import Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .facts import Fact, Facts, Figure  # noqa: F401  (the facts' shapes live with their aspects)
from .formats import TABLE_KEYS, Template, get_template, version_for_year
from .values import bounded_figure, parse_number  # noqa: F401  (cells are read there)

# A cell is a count (int), a signed change (int) or an amount (Decimal, 万元); None is 未填.
Cell = Union[int, Decimal, None]
Row = dict[str, Cell]                 # column key -> cell, keys from the template's columns
Table = dict[str, Row]                # row key -> row, keys from the template's data rows
TemplateVersion = Literal["2019", "2021"]
TableKey = Literal["active_disclosure", "applications", "review_litigation"]
SectionKey = Literal["overall", "active_disclosure", "applications", "review_litigation", "problems", "other"]
# P: what could not be read; S005: a table printed on the other template's form than the year's.
ProblemCode = Literal["P001", "P002", "P003", "P004", "P005", "S005"]


def _utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)



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
    template: TemplateVersion | None = Field(default=None, description="模板版本，留空则按年度推定")
    region: str | None = Field(default=None, description="所在行政区，如 银川市兴庆区")
    date: str | None = Field(default=None, description="落款日期")
    signed: str | None = Field(default=None, description="落款中的机关名称（读取已发布的报告时，与标题中的机关名称不同才记录）")

    @field_validator("agency")
    @classmethod
    def _strip_agency(cls, v: str) -> str:
        v = v.strip()
        if len(v) < 2:
            raise ValueError("机关名称不能为空")
        return v

    @field_validator("template", mode="before")
    @classmethod
    def _check_template(cls, v: Any) -> str | None:
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


class Origin(str, Enum):
    """Who produced a section's current text."""
    generated = "generated"   # drafted by a model
    offline = "offline"       # drafted by the offline drafter
    revised = "revised"       # a model revised it on an editor's instruction
    edited = "edited"         # generated, then changed by a person (now human text)


class Provenance(BaseModel):
    """Where a section's text came from: who wrote it, with which model and prompt, and what
    the validator still finds in it. Absent for text typed or imported by a person."""
    model_config = ConfigDict(extra="forbid")

    origin: Origin = Origin.generated
    model: str = ""                  # provider/model name, e.g. offline, deepseek-chat
    prompt: str = ""                 # prompt file name and version hash, e.g. overall@3f2a9c1d0b4e
    at: datetime = Field(default_factory=_utcnow)
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

    @property
    def is_human(self) -> bool:
        """Did a person write (or change) this text? The one answer every caller uses: text with
        no drafting record, or generated text a person has since edited."""
        return self.provenance is None or self.provenance.origin == Origin.edited

    def edit(self, text: str) -> None:
        """A person changes the text: generated text becomes human text, in this one place, so
        the drafter never overwrites it silently."""
        if text == self.text:
            return
        self.text = text
        if self.provenance is not None:
            self.provenance.origin = Origin.edited


class Action(str, Enum):
    """What a history entry records."""
    ingest = "ingest"                  # read from a published report
    forced_export = "forced_export"    # exported despite errors, with who and why
    carry_over = "carry_over"          # figures carried over from last year's report
    imported = "import"                # tables read from an Excel template
    confirmed = "confirmed"            # a person confirmed a figure or a finding
    rollup = "rollup"                  # tables summed from units' reports
    note = "note"                      # anything else worth keeping


class HistoryEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    at: datetime = Field(default_factory=_utcnow)
    action: Action
    who: str = ""
    detail: str = ""


class ReadProblem(BaseModel):
    """Something ``drafting ingest`` could not read in a published report. Kept in the report
    itself (it travels with the YAML file), and reported by the P rules until the cell is filled."""
    model_config = ConfigDict(extra="forbid")

    code: ProblemCode
    message: str
    table: TableKey | None = None
    row: str | None = None
    col: str | None = None
    candidates: list[str] = Field(default_factory=list)


class Dismissal(BaseModel):
    """A warning a person looked at and set aside, with the reason (errors are never dismissed)."""
    model_config = ConfigDict(extra="forbid")

    code: str
    key: str                  # what identifies the finding: see validator.Finding.key
    reason: str = Field(min_length=1)
    who: str = ""
    at: datetime = Field(default_factory=_utcnow)


class Report(BaseModel):
    model_config = ConfigDict(extra="forbid")

    meta: Meta
    preamble: str | None = None
    sections: dict[SectionKey, Section] = Field(default_factory=dict)
    # Each table is typed against its template's rows and columns (see _type_tables): keys are
    # checked against the format data and every cell against its column's type, with errors
    # that name the cell in the template's words.
    tables: dict[TableKey, Table | None] = Field(default_factory=dict)
    facts: Facts = Field(default_factory=Facts)
    problems: list[ReadProblem] = Field(default_factory=list)
    dismissals: list[Dismissal] = Field(default_factory=list)
    history: list[HistoryEntry] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _type_tables(cls, data: Any) -> Any:
        """Type the tables per template before field validation, so a wrong cell is reported as
        表三「…」自然人：… rather than in pydantic's words; also lift read problems that older
        files kept as JSON inside the history."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        history = data.get("history")
        if isinstance(history, list) and any(isinstance(h, dict) and h.get("action") == "ingest-problem"
                                              for h in history):
            import json
            problems = list(data.get("problems") or [])
            kept = []
            for h in history:
                if isinstance(h, dict) and h.get("action") == "ingest-problem":
                    try:
                        problems.append(json.loads(h.get("detail") or "{}"))
                    except ValueError:
                        continue
                else:
                    kept.append(h)
            data["history"], data["problems"] = kept, problems
        tables = data.get("tables")
        if tables is None:
            data["tables"] = {}
            return data
        if not isinstance(tables, dict):
            raise ValueError("tables 应为以表名为键的映射")
        meta = data.get("meta")
        version = None
        if isinstance(meta, dict):
            tv = meta.get("template")
            if tv not in (None, ""):
                version = str(tv).strip()
            elif isinstance(meta.get("year"), int):
                version = version_for_year(meta["year"])
        if version not in ("2019", "2021"):
            return data      # meta is wrong; its own errors say so, tables are checked once it is right
        tpl = get_template(version)
        errors: list[str] = []
        typed: dict[str, Table | None] = {}
        for tkey, raw in tables.items():
            if tkey not in TABLE_KEYS:
                errors.append(f"未知的表：{tkey}（应为 {', '.join(TABLE_KEYS)} 之一）")
                continue
            typed[tkey] = None if raw is None else _type_table(tpl, tkey, raw, errors)
        sections = data.get("sections")
        if isinstance(sections, dict):
            for key in sections:
                if key not in tpl.section_keys:
                    errors.append(f"未知的部分：{key}（应为 {', '.join(tpl.section_keys)} 之一）")
        if errors:
            raise ValueError("\n".join(errors))
        data["tables"] = typed
        return data

    @field_validator("sections", mode="before")
    @classmethod
    def _sections_from_strings(cls, v: Any) -> Any:
        # In a report file a section may be written as plain text.
        if isinstance(v, dict):
            return {k: ({"text": s} if isinstance(s, str) else ({} if s is None else s))
                    for k, s in v.items()}
        return v


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

    def set_text(self, key: str, text: str) -> Section:
        """A person writes a section: the one transition from any text to human text."""
        sec = self.sections.get(key)
        if sec is None:
            sec = self.sections[key] = Section()
        sec.edit(text)
        return sec

    def section_text(self, key: str) -> str:
        s = self.sections.get(key)
        return s.text if s else ""

    def all_names(self) -> list[str]:
        return [self.meta.agency, *self.meta.short_names]


class CellError(ValueError):
    pass


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
