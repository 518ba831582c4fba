"""Agency and place names as data (drafting/data/agencies.yaml): standard department names and
their short forms, government suffixes, place-name suffixes with their level, and the reading of a
name into its places and its organ (``parse_name``). Whose report a report is, and whether a name
in its prose is that agency, is decided in drafting/identity.py.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Department:
    full: str
    shorts: tuple[str, ...]
    office: bool = False        # a government's general office: reports on all its departments' work

    @property
    def names(self) -> tuple[str, ...]:
        return (self.full, *self.shorts)


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(resources.files("drafting").joinpath("data/agencies.yaml").read_text("utf-8"))


@lru_cache(maxsize=1)
def departments() -> tuple[Department, ...]:
    return tuple(Department(d["full"], tuple(d.get("short", ())), bool(d.get("office")))
                 for d in _data()["departments"])


@lru_cache(maxsize=1)
def government_suffixes() -> tuple[str, ...]:
    return tuple(_data()["government_suffixes"])


@lru_cache(maxsize=1)
def _government_set() -> frozenset[str]:
    return frozenset(government_suffixes())


@lru_cache(maxsize=1)
def _municipalities() -> frozenset[str]:
    return frozenset(_data()["municipalities"])


@lru_cache(maxsize=1)
def region_levels() -> dict[str, int]:
    return dict(_data()["region_suffixes"])


def region_suffixes() -> tuple[str, ...]:
    return tuple(region_levels())


@lru_cache(maxsize=1)
def not_subject_openers() -> tuple[str, ...]:
    return tuple(sorted(_data()["not_subject_openers"], key=len, reverse=True))


def _alt(names) -> str:
    return "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))


@lru_cache(maxsize=1)
def _name_index() -> dict[str, Department]:
    idx: dict[str, Department] = {}
    for d in departments():
        for n in d.names:
            idx.setdefault(n, d)
    return idx


def department_of(name: str) -> Department | None:
    """The department an agency name ends with (the longest match), if any."""
    idx = _name_index()
    for i in range(len(name)):
        d = idx.get(name[i:])
        if d is not None:
            return d
    return None


# Han characters as names and places are written: the basic block and Extensions A and B (塘㙍镇 —
# 第一百六十九批), a character-class body for the name patterns here and in identity and ingest.
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ebef"


@lru_cache(maxsize=1)
def _divisions() -> dict:
    """The national division codes (data/divisions.json): province → prefecture → counties."""
    return json.loads(resources.files("drafting").joinpath("data/divisions.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _division_index() -> dict[str, frozenset[str]]:
    """Every province, prefecture and county name of the national division codes (data/divisions.json,
    国家统计局 2023) to the provinces it is in (a county name may be in several: 鼓楼区)."""
    data = _divisions()
    index: dict[str, set[str]] = {}
    for province, cities in data.items():
        if province.startswith("_"):
            continue
        index.setdefault(province, set()).add(province)
        for city, counties in cities.items():
            if city not in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
                index.setdefault(city, set()).add(province)
            for county in counties:
                index.setdefault(county, set()).add(province)
    # an autonomous prefecture's or county's short form (甘南州 for 甘南藏族自治州, 石柱县 for 石柱土家族
    # 自治县): how reports write them (甘南州自然资源局 2023, 第二百二十七批: 「未识别的机关」)
    for name, provinces in list(index.items()):
        m = _AUTONOMOUS.fullmatch(name)
        if m is not None:
            index.setdefault(m.group(1) + m.group(2), set()).update(provinces)
    return {k: frozenset(v) for k, v in index.items()}


# (the peoples named in the codes' autonomous areas, 各族 among them)
_PEOPLES = ("蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|景颇|"
            "柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|"
            "裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各")
_AUTONOMOUS = re.compile(r"([" + HAN + r"]{2,}?)(?:(?:" + _PEOPLES + r")族)+自治(州|县|旗)")


@lru_cache(maxsize=1)
def _held() -> frozenset[tuple[str, str]]:
    """(upper, lower) for every province and the prefectures and counties in it, and every
    prefecture and the counties in it, of the national division codes (data/divisions.json)."""
    data = _divisions()
    pairs: set[tuple[str, str]] = set()
    for province, cities in data.items():
        if province.startswith("_"):
            continue
        for city, counties in cities.items():
            pairs.add((province, city))
            for county in counties:
                pairs.add((province, county))
                pairs.add((city, county))
    return frozenset(pairs)


@lru_cache(maxsize=1)
def _uppers() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for upper, lower in _held():
        out.setdefault(lower, set()).add(upper)
    return {k: frozenset(v) for k, v in out.items()}


def share_upper(a: str, b: str) -> bool:
    """Two places the division codes put under one same prefecture or province (灵武市 and 贺兰县,
    both of 银川市)."""
    ups = _uppers()
    return bool(ups.get(a, frozenset()) & ups.get(b, frozenset()))


@lru_cache(maxsize=1)
def _county_names() -> frozenset[str]:
    counties, cities = set(), set()
    for province, cs in _divisions().items():
        if province.startswith("_"):
            continue
        for city, ks in cs.items():
            cities.add(city)
            counties.update(ks)
    return frozenset(counties - cities)


def holds_lower(place: str) -> bool:
    """The division codes list ``place`` as a county-level division under a prefecture (鹿城区,
    义乌市), not as a prefecture itself (温州市)."""
    return place in _county_names()


def holds(upper: str, lower: str) -> bool:
    """The division codes put the place ``lower`` inside ``upper`` (常德市 holds 桃源县)."""
    return (upper, lower) in _held()


def is_division(place: str) -> bool:
    """A province, prefecture or county of the national division codes (data/divisions.json)."""
    return place in _division_index()


def province_of(places: tuple[str, ...] | list[str]) -> str | None:
    """The province of a name's places (怀化市中方县 -> 湖南省) when the division codes say so
    unambiguously: the places narrow it down together (鼓楼区 alone is in four provinces, 福州市
    鼓楼区 in one). None when a place is unknown there or the places leave more than one."""
    index = _division_index()
    found: frozenset[str] | None = None
    for place in places:
        provinces = index.get(place)
        if provinces is None:
            continue
        found = provinces if found is None else found & provinces
    return next(iter(found)) if found is not None and len(found) == 1 else None


def region_of(name: str) -> str:
    """The place part of an agency's full name: 银川市兴庆区科学技术局 -> 银川市兴庆区."""
    n = parse_name(name, strict=False)
    return "".join(n.regions) if n else ""


def expand_short(name: str) -> Department | None:
    return _name_index().get(name)


# -- names --------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _region_re() -> re.Pattern:
    # The place before the suffix is short and made of Han characters; the lazy prefix makes the
    # first suffix win (平潭综合 + 实验区, not 平潭综合实验 + 区 — the same end either way).
    # An ethnic township's name runs longer: 花戛苗族布依族彝族乡 (its peoples named after the place).
    return re.compile(rf"(?:[{HAN}]{{0,8}}?|[{HAN}]{{1,4}}?(?:(?:{_PEOPLES})族){{1,4}})(?:{_alt(region_suffixes())})")


# 全市、本区、我县、各乡镇 … are scopes and self-references, not places; and no place name holds
# 的、了、由、把、被, 报告 or 公开 (本报告由济宁市…, 维护了市…; 政务公开专区提升改造: a column, 第二百三十四批; 未提请市政府印发: 庆阳市政务服务中心 2023; 按照洪山区…, 设置自助办理区: 第二百五十批).
_NOT_PLACE = re.compile(r"^[全本我各该此其他外省市区县](?:省|市|区|县|州|盟|旗|镇|乡|苏木|街道|片区)$|^各乡镇$|^城市$|[的了由把被]|作为|其中|报告|政府|公开|提请|^[未没]|^(?:按照|根据|依据|依照|设置|通过)|"
                        # 生动传递我省, 推动我市, 反映全省: words ending in a self-word, not a place
                        r"[我本全各该此](?:省|市|区|县|州|盟|旗|镇|乡|苏木|街道|地区)$")
# (供销合作社联合社, 供销联社: 临沂市、陈仓区 2021–2022, 第四百一十八批 — a 社 of the supply cooperatives only)
_ORG_END = re.compile(r"(?:局|委|办|厅|府|室|会|中心|馆|署|处|所|站|院|部|街道|办事处|管委会|机关|联合社|联社|供销社)$")
_TRAILING_NOTE = re.compile(r"[（(][^（）()]*[）)]$")


@dataclass(frozen=True)
class Name:
    """An agency name read into its places and its organ: 银川市兴庆区人社局 → (银川市, 兴庆区) +
    人社局. A government has ``gov`` (人民政府、政府、管委会, or a place named alone: 红升乡)."""
    text: str
    regions: tuple[str, ...]
    org: str
    dept: Department | None
    gov: bool

    @property
    def level(self) -> int:
        """Level of the most specific place named (0: none)."""
        return region_level(self.regions[-1]) if self.regions else 0


@lru_cache(maxsize=1)
def _suffixes_longest_first() -> tuple[str, ...]:
    return tuple(sorted(region_levels(), key=len, reverse=True))


@lru_cache(maxsize=1)
def _suffix_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(x) for x in region_levels()}, reverse=True))


def _longest_suffix(comp: str) -> str | None:
    """The longest place suffix ``comp`` ends with: its tail of each suffix length, looked up (one
    suffix of a length can match, so this is the first of _suffixes_longest_first that does)."""
    levels = region_levels()
    for n in _suffix_lengths():
        if len(comp) >= n and comp[-n:] in levels:
            return comp[-n:]
    return None


# (No cache keyed on names: a name comes from a report, and a cache that lives from one report to
# the next would make a benchmark that reads the same reports again look faster than it is.)
def region_level(comp: str) -> int:
    if comp in _municipalities():
        return 1
    suffix = _longest_suffix(comp)
    return region_levels()[suffix] if suffix is not None else 0


def region_stem(comp: str) -> str:
    suffix = _longest_suffix(comp)
    return comp[: -len(suffix)] if suffix is not None else comp


def _org(rest: str) -> tuple[Department | None, bool] | None:
    """(department, is government) when ``rest`` is exactly an organ's name."""
    if rest in _government_set():
        return None, True
    idx = _name_index()
    d = idx.get(rest)
    if d is not None:
        return d, False
    for p in ("人民政府", "政府"):
        if rest.startswith(p) and rest[len(p):] in idx:
            return idx[rest[len(p):]], False
    return None


@lru_cache(maxsize=1)
def _suffix_last_chars() -> frozenset[str]:
    return frozenset(x[-1] for x in region_suffixes())


@lru_cache(maxsize=1)
def _suffix_end_re() -> re.Pattern:
    return re.compile("[" + re.escape("".join(sorted(_suffix_last_chars()))) + "]")


def _places_at(s: str, pos: int) -> list[str]:
    """Every place name that can start at ``pos``, shortest first (广州 before 广州市)."""
    out = []
    rx = _region_re()
    # a place ends with one of the suffixes' last characters: the pattern is tried only there
    # (an ethnic township's longer name only where a 族 follows soon)
    end = pos + (22 if "族" in s[pos:pos + 12] else 12)
    for c in _suffix_end_re().finditer(s, pos, min(len(s), end)):
        m = rx.fullmatch(s, pos, c.end())
        if m and not _NOT_PLACE.search(m.group()):
            out.append(m.group())
    return out


def _add(regions: tuple[str, ...], comp: str) -> tuple[str, ...]:
    # A bare suffix after a place belongs to it (广州 + 市); alone it is an abbreviation (区市场监管局).
    if regions and comp in region_levels():
        return (*regions[:-1], regions[-1] + comp)
    return (*regions, comp)


def _parse(s: str, pos: int, regions: tuple[str, ...], strict: bool) -> Name | None:
    rest = s[pos:]
    o = _org(rest)
    if o is not None:
        if rest.startswith("街道") and regions and regions[-1].endswith(("镇", "乡")) and _org(rest[2:]):
            # 安镇街道办事处: the 街道 is named 安镇街道 (as 安镇街道 alone reads), not 安镇's 街道办事处
            regions, rest = (*regions[:-1], regions[-1] + "街道"), rest[2:]
            o = _org(rest)
        return Name(s, regions, rest, o[0], o[1])
    if not rest:
        # a place named alone stands for its government: 红升乡、张家湾镇、上海市
        return Name(s, regions, "", None, True) if regions else None
    if len(regions) < 5:
        for comp in _places_at(s, pos):
            n = _parse(s, pos + len(comp), _add(regions, comp), strict)
            if n is not None:
                return n
    if regions and rest.startswith("人民政府") and len(rest) > 4:
        n = _parse(s, pos + 4, regions, True)     # 荔湾区人民政府南源街道办事处
        if n is not None:
            return n
    # (…交通运输局网站: a site, not a body ending in 站 — 汉中市交通运输局 2025, 第二百五十八批)
    if not strict and _ORG_END.search(rest) and not rest.endswith("网站") and (regions or pos == 0):
        gov = rest.startswith(("人民政府", "政府")) and department_of(rest) is None
        return Name(s, regions, rest, department_of(rest), gov)
    return None


@lru_cache(maxsize=8192)
def parse_name(s: str, strict: bool = True) -> Name | None:
    """Read a name into places and organ. ``strict``: the organ must be one of the data (a
    department, a government); otherwise any rest that ends like an organ (管理局, 机关) is taken,
    which is how a report's own full name is read. (Cached: a report's names are read again by
    every rule that meets them, and a Name is frozen.)"""
    s = _TRAILING_NOTE.sub("", s.strip())
    if not s or len(s) > 40 or s.startswith(_NO_PLACE) or _SELF_KIND.match(s):
        return None
    return _parse(s, 0, (), strict)


# A report's word for itself and its own kind (我镇, 本县) is no place, also when the kind is typed
# twice (「我镇镇高度重视…」 in 惠来县仙庵镇 2023, 第三百九十二批: read as a 镇 named 我镇)
_SELF_KIND = re.compile(r"[我本该](?:[省市县区镇乡旗州]|苏木)")

# Words that read as a place before an organ's kind but say how many or which: 全部街道通过…验收
# (东城区城管委 2019, 第七十九批: the report was taken for 「全部街道」's), 各个乡镇, 相关部门
# (and words of a list or a deed run into the name: 包括鼓楼区五凤街道办事处2020年…年度报告 — 五凤街道 2021,
# 第四百零一批, read as the agency 「包括鼓楼区五凤街道办事处」)
_NO_PLACE = ("全部", "所有", "部分", "各个", "其他", "其余", "相关", "有关", "全体", "多个", "多家",
             "包括", "以及", "其中", "发布", "公布", "公开", "编制", "报送")
