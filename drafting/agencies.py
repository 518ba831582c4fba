"""Standard department names, their short forms, and who a report's agency is."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Department:
    full: str
    shorts: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.full, *self.shorts)


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(resources.files("drafting").joinpath("data/agencies.yaml").read_text("utf-8"))


@lru_cache(maxsize=1)
def departments() -> tuple[Department, ...]:
    return tuple(Department(d["full"], tuple(d.get("short", ()))) for d in _data()["departments"])


def government_suffixes() -> tuple[str, ...]:
    return tuple(_data()["government_suffixes"])


def region_suffixes() -> tuple[str, ...]:
    return tuple(_data()["region_suffixes"])


def _alt(names) -> str:
    return "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))


@lru_cache(maxsize=1)
def _name_index() -> dict[str, Department]:
    idx: dict[str, Department] = {}
    for d in departments():
        for n in d.names:
            idx.setdefault(n, d)
    return idx


@lru_cache(maxsize=1)
def mention_re() -> re.Pattern:
    """A department or government name, with an optional region in front."""
    regions = _alt(region_suffixes())
    depts = _alt(_name_index().keys())
    govs = _alt(government_suffixes())
    return re.compile(
        rf"(?P<region>[\u4e00-\u9fff]{{1,8}}?(?:{regions}))?(?:(?P<dept>{depts})|(?P<gov>{govs}))")


def department_of(name: str) -> Department | None:
    """The department an agency name ends with (the longest match), if any."""
    best: tuple[int, Department] | None = None
    for n, d in _name_index().items():
        if name.endswith(n) and (best is None or len(n) > best[0]):
            best = (len(n), d)
    return best[1] if best else None


def region_of(name: str) -> str:
    """The region part of an agency's full name: 银川市兴庆区科学技术局 -> 银川市兴庆区."""
    d = department_of(name)
    if d:
        for n in sorted(d.names, key=len, reverse=True):
            if name.endswith(n):
                return name[: -len(n)]
    for g in sorted(government_suffixes(), key=len, reverse=True):
        if name.endswith(g):
            return name[: -len(g)]
    return ""


def region_matches(mentioned: str, own: str) -> bool:
    """兴庆区 names the same place as 银川市兴庆区; 金凤区 does not."""
    if not mentioned or not own:
        return True
    return own.endswith(mentioned) or mentioned.endswith(own) or mentioned in own


def expand_short(name: str) -> Department | None:
    return _name_index().get(name)
