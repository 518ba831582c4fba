"""The two national templates, read once from drafting/data/format.json.

format.json is a copy of the project's reference description of
《中华人民共和国政府信息公开工作年度报告格式》 (国办公开办函〔2019〕60号 试行版 and
国办公开办函〔2021〕30号 修订版). Every label the forms, the validator, the renderers and
the parser use comes from here; nothing else in the package retypes a template label.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources

VERSIONS = ("2019", "2021")
TABLE_KEYS = ("active_disclosure", "applications", "review_litigation")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    type: str = "int"          # int | signed_int | decimal | number
    group: str | None = None   # e.g. 法人或其他组织, 行政复议, 行政诉讼/复议后起诉
    unit: str | None = None

    @property
    def full_label(self) -> str:
        return f"{self.group}/{self.label}" if self.group else self.label


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    data: bool
    level: int = 0
    parent: str | None = None
    group: str | None = None      # 表二: the group key (art20_1 …)
    caption: str | None = None    # 表二: the group caption (第二十条第（一）项)
    columns: tuple[Column, ...] = ()


@dataclass(frozen=True)
class TableSpec:
    key: str
    number: str          # 二 / 三 / 四
    title: str
    rows: tuple[Row, ...]
    corner_note: str | None = None
    header: tuple = ()
    raw: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def name(self) -> str:
        return f"表{self.number}"

    @cached_property
    def _by_key(self) -> dict[str, Row]:
        # rows and cells are looked up by key in every read and check: once per template
        out: dict[str, Row] = {}
        for r in self.rows:
            out.setdefault(r.key, r)
        return out

    @cached_property
    def _columns(self) -> dict[tuple[str, str], Column]:
        out: dict[tuple[str, str], Column] = {}
        for r in self.rows:
            for c in r.columns:
                out.setdefault((r.key, c.key), c)
        return out

    def row(self, key: str) -> Row:
        try:
            return self._by_key[key]
        except KeyError:
            raise KeyError(key) from None

    def has_row(self, key: str) -> bool:
        return key in self._by_key

    @cached_property
    def data_rows(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.data)

    def column(self, row_key: str, col_key: str) -> Column:
        try:
            return self._columns[(row_key, col_key)]
        except KeyError:
            self.row(row_key)           # KeyError(row_key) for an unknown row, as before
            raise KeyError(col_key) from None

    def row_label(self, row_key: str) -> str:
        """Row label with its group label, as a reader would name the row."""
        r = self.row(row_key)
        parts = [r.label]
        parent = r.parent
        while parent:
            p = self.row(parent)
            if p.level == 0:     # 三、本年度办理结果 is implied by （一）…（七）
                break
            parts.insert(0, p.label)
            parent = p.parent
        if r.caption:
            parts.insert(0, r.caption)
        return " ".join(parts)

    def cell_label(self, row_key: str, col_key: str) -> str:
        col = self.column(row_key, col_key)
        if self.key == "review_litigation":
            return f"{self.name}「{col.group}」{col.label}"
        return f"{self.name}「{self.row_label(row_key)}」{col.label}"


@dataclass(frozen=True)
class SectionSpec:
    no: str
    key: str
    title: str
    kind: str                       # text | table
    table: str | None = None
    variants: tuple[str, ...] = ()
    nonstandard: tuple[str, ...] = ()     # printed by some reports, not the template's wording (S004)
    content: str | None = None
    subsections: tuple[str, ...] = ()
    expected_items: tuple[str, ...] = ()

    @property
    def short_title(self) -> str:
        """Heading without its ordinal, e.g. 总体情况."""
        return self.title.split("、", 1)[1]


@dataclass(frozen=True)
class Template:
    version: str
    document_no: str
    format_title: str
    sections: tuple[SectionSpec, ...]
    tables: dict[str, TableSpec]
    rules: tuple[str, ...]

    def section(self, key: str) -> SectionSpec:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    @property
    def section_keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.sections)


@lru_cache(maxsize=1)
def raw_format() -> dict:
    text = resources.files("drafting").joinpath("data/format.json").read_text("utf-8")
    return json.loads(text)


def _columns(cols: list[dict], skip_label: bool = True) -> tuple[Column, ...]:
    out = []
    for c in cols:
        if skip_label and c.get("type") == "label":
            continue
        out.append(Column(key=c["key"], label=c["label"], type=c.get("type", "int"),
                          group=c.get("group"), unit=c.get("unit")))
    return tuple(out)


def _table(key: str, d: dict) -> TableSpec:
    rows: list[Row] = []
    if "groups" in d:                     # 表二: blocks with their own columns
        for g in d["groups"]:
            cols = _columns(g["columns"])
            for r in g["rows"]:
                rows.append(Row(key=r["key"], label=r["label"], data=r.get("data", True),
                                group=g["key"], caption=g["caption"], columns=cols))
    else:
        cols = _columns(d["columns"])
        for r in d["rows"]:
            rows.append(Row(key=r["key"], label=r["label"], data=r.get("data", True),
                            level=r.get("level", 0), parent=r.get("parent"),
                            columns=cols if r.get("data", True) else ()))
    header = tuple(tuple(dict(c) for c in line) for line in d.get("header", []))
    return TableSpec(key=key, number=d["section"], title=d["title"], rows=tuple(rows),
                     corner_note=d.get("corner_note"), header=header, raw=d)


@lru_cache(maxsize=4)
def get_template(version: str) -> Template:
    version = str(version)
    if version not in VERSIONS:
        raise ValueError(f"未知的模板版本：{version}（可选 2019、2021）")
    d = raw_format()[version]
    sections = tuple(
        SectionSpec(no=s["no"], key=s["key"], title=s["title"], kind=s["kind"],
                    table=s.get("table"), variants=tuple(s.get("variants", ())),
                    nonstandard=tuple(s.get("nonstandard", ())), content=s.get("content"),
                    subsections=tuple(s.get("typical_subsections", ())),
                    expected_items=tuple(s.get("expected_items", ())))
        for s in d["sections"]
    )
    tables = {k: _table(k, v) for k, v in d["tables"].items()}
    return Template(version=version, document_no=d["document_no"],
                    format_title=d["format_title"], sections=sections, tables=tables,
                    rules=tuple(d.get("rules", ())))


def version_for_year(year: int) -> str:
    """2019 试行版 for report years 2019–2020, the 2021 version from 2021 on."""
    return "2019" if year <= 2020 else "2021"


def all_section_titles() -> dict[str, set[str]]:
    """Every title and known variant per section key, across both versions."""
    out: dict[str, set[str]] = {}
    for v in VERSIONS:
        for s in get_template(v).sections:
            out.setdefault(s.key, set()).update((s.title, *s.variants))
    return out


_PART_NUMBER = re.compile(r"^[一二三四五六七八九十][、.．]")


def strip_part_number(title: str) -> str:
    """A part's title without its number (一、总体情况 → 总体情况)."""
    return _PART_NUMBER.sub("", title)


@lru_cache(maxsize=1)
def part_title_wordings() -> frozenset[str]:
    """Every wording of a part's title the format data knows: the titles and variants of both
    versions and the older nonstandard ones some reports print. One set, so that the rules reading
    titles (stray headings, a title's character typed twice) agree on what a title is."""
    titles = {t for ts in all_section_titles().values() for t in ts}
    titles |= {n for v in VERSIONS for s in get_template(v).sections for n in s.nonstandard}
    return frozenset(titles)


def legal_deadlines() -> dict[str, str]:
    return {"art49": raw_format()["legal_basis"]["art49"]}
