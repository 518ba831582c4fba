"""What the program knows that a model cannot: how the agency names itself, the year's standard
political phrasing, the agency's field of work; and a deterministic choice among phrasings.

Self-reference follows the level and the name: a 县教育局 writes 我局/本局, a 县人民政府 writes
我县 for the county and 县政府 for itself, a 街道办事处 writes 我街道/街道办事处. It never writes
本级政府, which is how the 条例 names a government from outside, not how a report names itself.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from .. import agencies
from ..model import Level, Report


@dataclass(frozen=True)
class SelfRef:
    we: str          # 我局 / 我县 / 我街道: the agency (or its area) as the doer
    this: str        # 本局 / 本县 / 本街道: formal, in references to itself
    org: str         # 县教育局 / 县政府 / 街道办事处: the body by its short name
    area: str        # 全县 / 全市 / 全街道; "" for a department
    government: bool

    def all(self) -> tuple[str, ...]:
        return tuple(x for x in (self.we, self.this, self.org) if x)


_DEPT_SELF = (("委员会", "委"), ("办公室", "办"), ("办公厅", "厅"), ("管理局", "局"), ("局", "局"), ("委", "委"),
              ("厅", "厅"), ("办", "办"), ("中心", "中心"), ("院", "院"), ("署", "署"), ("站", "站"), ("所", "所"))
_GOV_LEVELS = ("自治州", "自治县", "自治旗", "地区", "盟", "州", "市", "县", "区", "旗", "镇", "乡")


def _short_level(level_word: str) -> str:
    return {"自治州": "州", "自治县": "县", "自治旗": "旗", "地区": "地区"}.get(level_word, level_word)


def self_ref(report: Report) -> SelfRef:
    """How the agency refers to itself in its own report."""
    meta = report.meta
    name = meta.agency.strip()
    level = meta.level
    if name.endswith("街道办事处") or name.endswith("街道"):
        return SelfRef("我街道", "本街道", "街道办事处", "全街道", True)
    if level == Level.government or name.endswith("人民政府") or name.endswith("管委会") \
            or name.endswith("管理委员会"):
        base = re.sub(r"(?:人民政府|政府|管委会|管理委员会)$", "", name)
        for w in _GOV_LEVELS:
            if base.endswith(w):
                s = _short_level(w)
                return SelfRef(f"我{s}", f"本{s}", f"{s}政府", f"全{s}", True)
        if name.endswith(("管委会", "管理委员会")):
            return SelfRef("我区", "本区", "管委会", "全区", True)
        return SelfRef("本机关", "本机关", "本机关", "", True)
    for suffix, s in _DEPT_SELF:
        if name.endswith(suffix):
            return SelfRef(f"我{s}", f"本{s}", _org_short(report), "", False)
    return SelfRef("本机关", "本机关", _org_short(report), "", False)


def _org_short(report: Report) -> str:
    """县教育局 from 某某县教育局: the level word of the region plus the department's short name."""
    meta = report.meta
    for s in meta.short_names:
        if 3 <= len(s) <= 8 and not s.startswith(("本", "我")) and s[0] in "省市县区州旗镇乡":
            return s
    dept = agencies.department_of(meta.agency)
    if dept is None:
        return meta.agency
    short = min(dept.shorts, key=len) if dept.shorts else dept.full
    region = agencies.region_of(meta.agency)
    lvl = next((w for w in ("县", "区", "市", "旗", "州", "省") if region.endswith(w)), "")
    return f"{lvl}{short}"


def field_of_work(report: Report) -> str:
    """The agency's field, for 围绕……中心工作: 教育, 市场监管; a government's own 中心工作."""
    ref = self_ref(report)
    if ref.government:
        s = ref.org.replace("政府", "").replace("办事处", "")
        if ref.org == "街道办事处":
            return "街道党工委、办事处"
        return f"{s}委、{s}政府" if s else ""
    dept = agencies.department_of(report.meta.agency)
    if dept is None:
        return ""
    name = re.sub(r"(?:委员会|管理局|局|委|厅|办公室|办)$", "", dept.full)
    return {"市场监督": "市场监管", "人民政府": ""}.get(name, name)


@lru_cache(maxsize=4)
def _phrasing(directory: str) -> dict:
    from pathlib import Path
    return yaml.safe_load((Path(directory) / "phrasing.yaml").read_text("utf-8"))


def _prompts_dir() -> str:
    # As drafting.engine.prompts finds the prompts (not imported here: it loads LangChain).
    import os

    from ..resources import PROMPTS_DIR
    return os.environ.get("DRAFTING_PROMPTS_DIR") or str(PROMPTS_DIR)


def political(year: int) -> str:
    """The year's standard political phrasing (党的……精神), as reports of that year write it."""
    data = _phrasing(_prompts_dir())["political"]
    return data.get(year) or data.get(str(year)) or data["default"]


def slogans() -> tuple[str, ...]:
    return tuple(_phrasing(_prompts_dir()).get("slogans") or ())


def seed_of(*parts: object) -> str:
    return hashlib.sha256("\x00".join(str(p) for p in parts).encode("utf-8")).hexdigest()


class Chooser:
    """Picks one of several phrasings by a hash of the report's own facts: the same facts give
    the same draft, other facts (another agency, another year) give other choices. Phrasings
    that last year's report already used are passed over while another is left."""

    def __init__(self, seed: str, avoid: set[str] | None = None):
        self.seed = seed
        self.avoid = avoid or set()
        self.used: set[str] = set()

    def pick(self, slot: str, options: list[str] | tuple[str, ...]) -> str:
        if not options:
            return ""
        h = int(hashlib.sha256((self.seed + "\x00" + slot).encode("utf-8")).hexdigest(), 16)
        order = [options[(h + i) % len(options)] for i in range(len(options))]
        for o in order:
            if _mask(o) not in self.avoid and o not in self.used:
                self.used.add(o)
                return o
        return order[0]

    def index(self, slot: str, n: int) -> int:
        return int(hashlib.sha256((self.seed + "\x00" + slot).encode("utf-8")).hexdigest(), 16) % max(1, n)


def _mask(sentence: str) -> str:
    return re.sub(r"\{[^{}]*\}|\d+", "#", sentence).strip("。；，")


def sentences_of(text: str) -> set[str]:
    """Sentences (and 分句 of ；) of a text with figures masked: what a copy check compares."""
    out = set()
    for s in re.split(r"[。；\n]", text or ""):
        s = _mask(s.strip())
        if len(s) >= 8:
            out.add(s)
    return out
