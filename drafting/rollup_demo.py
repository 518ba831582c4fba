"""Invented units for trying the roll-up and the batch review: a fictional 青禾市 with its
districts and counties, their departments and townships, and reports whose figures are made
up by a seeded random generator (the same seed gives the same reports).

Nothing here is real: 青禾市 and its places do not exist, and no figure comes from a published
report. Used by the tests, ``make bench``, the app's 载入示例工作区 and the screenshots.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .model import Figure, Level, Report, Section, empty_report

CITY = "青禾市"
DISTRICTS = ("云溪区", "禾丰县", "桐川县", "柳塘区", "枫林县")
DEPARTMENTS = ("教育局", "公安局", "民政局", "司法局", "财政局", "人力资源和社会保障局", "自然资源局",
               "生态环境局", "住房和城乡建设局", "交通运输局", "农业农村局", "商务局", "文化和旅游局",
               "卫生健康局", "退役军人事务局", "应急管理局", "审计局", "市场监督管理局", "统计局",
               "医疗保障局", "水利局", "林业局", "发展和改革局", "科学技术局", "工业和信息化局")
TOWNSHIPS = ("溪口镇", "桐林镇", "石桥镇", "白鹭乡", "青石镇", "松岭乡", "城南街道", "城北街道",
             "河湾镇", "梅岭乡", "龙潭镇", "杏花乡", "竹园镇", "清泉街道", "柏树乡")

# What can go wrong in an invented report, for tests and the review's criteria.
DEFECTS = ("t3_error", "missing_section", "late", "no_followup", "no_graphic", "copied")


@dataclass
class DemoUnit:
    name: str
    level: str
    report: Report
    previous: Report | None = None
    published: date | None = None
    defects: tuple[str, ...] = field(default_factory=tuple)


def government_name(district: str = DISTRICTS[0]) -> str:
    return f"{CITY}{district}人民政府"


def unit_names(district: str = DISTRICTS[0], n: int = 12) -> list[tuple[str, str]]:
    """(name, level) of n units of a district: departments first, then townships."""
    region = f"{CITY}{district}"
    n_dept = min(len(DEPARTMENTS), n - max(1, n // 4))
    n_town = min(len(TOWNSHIPS), n - n_dept)
    depts = [(f"{region}{d}", Level.department.value) for d in DEPARTMENTS[:n_dept]]
    towns = [(f"{region}{t}人民政府" if not t.endswith("街道") else f"{region}{t}办事处", Level.township.value)
             for t in TOWNSHIPS[:n_town]]
    return depts + towns


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total])]


def _roles(version: str):
    """The rows and columns the generator needs, found in the format data's relations (never
    retyped here): 表三's balance (一+二 = （七）+四), the outcome rows that make up （七）总计, the
    applicant columns that make up 总计, and 表四's group totals."""
    from .relations import parts_of, relations
    rels = relations(version)
    bal = next(r for r in rels if r.table == "applications" and r.each == "column" and not r.previous
               and len(r.lhs) == 2 and len(r.rhs) == 2)
    new_row, carried_row = bal.lhs
    done_row, fwd_row = bal.rhs
    outcomes = parts_of(version, "applications", done_row, each="column")
    row_total = next(r for r in rels if r.table == "applications" and r.each == "row" and len(r.lhs) == 1)
    groups = [(r.lhs[0].split("."), [t.split(".") for t in r.rhs]) for r in rels
              if r.table == "review_litigation" and r.each is None and r.op == "=" and len(r.lhs) == 1]
    continuity = [r for r in rels if r.table == "active_disclosure" and r.previous and r.op == "="]
    return new_row, carried_row, done_row, fwd_row, outcomes, row_total.lhs[0], row_total.rhs, groups, continuity


def _fill_tables(rep: Report, rng: random.Random, scale: int, prev: Report | None) -> None:
    tpl = rep.template
    (new_row, carried_row, done_row, fwd_row, outcomes, total_col, cols, groups,
     continuity) = _roles(tpl.version)
    spec3 = tpl.tables["applications"]
    weights = {"granted": 8, "partial": 2, "unable_not_held": 4, "np_repeat": 1, "denied_third_party": 1,
               "unable_need_creation": 1, "np_petition": 1, "other_no_correction": 1}
    pool = [r for r in outcomes if r in weights] or list(outcomes)
    rows: dict[str, dict[str, int]] = {r.key: {} for r in spec3.data_rows}
    for i, c in enumerate(cols):
        big = i == 0            # 自然人 files most applications
        new = rng.randint(0, scale * (6 if big else 1))
        old = prev.cell("applications", fwd_row, c) if prev else rng.randint(0, 2 if big else 1)
        fwd = rng.randint(0, min(2, new + old))
        done = new + old - fwd
        rows[new_row][c], rows[carried_row][c], rows[fwd_row][c], rows[done_row][c] = new, old, fwd, done
        for r in outcomes:
            rows[r][c] = 0
        for _ in range(done):
            rows[rng.choices(pool, [weights.get(r, 1) for r in pool])[0]][c] += 1
    for r, cells in rows.items():
        cells[total_col] = sum(cells[c] for c in cols)
        for c, v in cells.items():
            rep.set_cell("applications", r, c, v)
    for (trow, tcol), parts in groups:
        values = [rng.choice((0, 0, 0, 1, 1, 2)) for _ in parts]
        for (row, col), v in zip(parts, values):
            rep.set_cell("review_litigation", row, col, v)
        rep.set_cell("review_litigation", trow, tcol, sum(values))
    spec2 = tpl.tables["active_disclosure"]
    derived = {rel.lhs[0] for rel in continuity}
    # a district's or county's units make no 规章 (立法法: 省 and 设区的市 governments do), so that row
    # of theirs is all 0 — as T023 asks
    none_made = spec2.row("regulations").key if tpl.version == "2021" else None
    for row in spec2.data_rows:
        for col in row.columns:
            if row.key == none_made:
                rep.set_cell("active_disclosure", row.key, col.key, 0)
                continue
            if col.key in derived:
                continue
            if col.type == "decimal":
                v = Decimal(rng.randint(0, 900)) / 100
            elif col.type == "signed_int":
                v = rng.randint(-2, 3)
            else:
                v = rng.randint(0, scale * 40 if col.key == "decisions" else 5)
            rep.set_cell("active_disclosure", row.key, col.key, v)
    # columns carried from last year (现行有效件数): last year's figure plus and minus this year's
    for rel in continuity:
        target = rel.lhs[0]
        for row in spec2.data_rows:
            if target not in {c.key for c in row.columns} or row.key == none_made:
                continue
            total = 0
            for term in rel.rhs:
                sign = -1 if term.startswith("-") else 1
                key = term.lstrip("-")
                if key.startswith("prev:"):
                    v = prev.cell("active_disclosure", row.key, key[5:]) if prev else None
                    v = rng.randint(5, 20) if v is None else v
                else:
                    v = rep.cell("active_disclosure", row.key, key) or 0
                total += sign * v
            if total < 0:       # more repealed than there were: repeal fewer
                for term in rel.rhs:
                    if term.startswith("-"):
                        k = term[1:]
                        rep.set_cell("active_disclosure", row.key, k, rep.cell("active_disclosure", row.key, k) + total)
                        total = 0
            rep.set_cell("active_disclosure", row.key, target, total)


# Two wordings of every sentence; consecutive years use different ones, so an honest report does
# not read as copied from last year's (H003).
_WORDING = {
    "open": ("{short}通过门户网站专栏主动公开政府信息，", "{short}依托政府网站和政务新媒体及时发布各类政府信息，"),
    "graphic": ("同步制作图解、问答等解读材料，提高政策知晓度。", "重要政策文件发布时一并推出图文解读和一图读懂，便于群众理解。"),
    "plain": ("按规定公开各类政策文件。", "各类文件均按照规定时限对外发布。"),
    "apply": ("{short}规范受理、审查、答复等环节。", "{short}严格执行依申请公开的法定程序和答复时限。"),
    "count": ("全年共收到政府信息公开申请{received}件，上年结转申请{carried}件；本年度办结{done}件，结转下年度继续办理{fwd}件。",
              "本年度新收政府信息公开申请{received}件，另有上年结转申请{carried}件；办结{done}件，结转下年度继续办理{fwd}件。"),
    "manage": ("{short}落实发布前保密审查制度，对拟公开信息逐条审核。", "{short}坚持先审查后公开，公开属性在拟文时一并确定。"),
    "platform": ("{short}优化专栏栏目设置，加强政务新媒体内容审核管理。", "{short}调整网站专栏目录，关停更新缓慢的政务新媒体账号。"),
    "supervise": ("{short}将政务公开纳入年度考核，组织开展业务培训{trainings}次。",
                  "{short}把政务公开列入科室绩效考评，全年举办专题培训{trainings}次。"),
    "problems": ("一是政策解读形式还不够丰富。二是答复文书说理还不够充分。",
                 "一是个别栏目内容更新还不够及时。二是基层工作人员业务能力有待提高。"),
    "followup": ("针对上年度报告中提出的问题，{short}建立每周巡查机制，问题已整改到位。",
                 "对上年度报告所列问题，{short}逐项制定整改措施并明确完成时限，目前均已完成整改。"),
    "measures": ("下一步，{short}将丰富解读形式，规范答复文书，加强业务培训。",
                 "下一步，{short}将完善栏目更新机制，组织专题轮训，提升公开工作质量。"),
    "fees": ("本年度{short}未收取信息处理费。", "{short}本年度没有收取信息处理费。"),
    "points": ("{short}对照工作要点逐项落实，各项任务均已按期完成。", "{short}制定任务分解表，逐项明确责任科室和完成时限。"),
}


def _texts(rep: Report, rng: random.Random, short: str, followup: bool, graphic: bool, variant: int) -> None:
    y = rep.meta.year
    new_row, carried_row, done_row, fwd_row, _, total_col, *_ = _roles(rep.template.version)
    received, carried, done, fwd = (rep.cell("applications", r, total_col)
                                    for r in (new_row, carried_row, done_row, fwd_row))
    trainings = rep.facts.figure("trainings").value
    openings = ("坚持以习近平新时代中国特色社会主义思想为指导", "深入贯彻党中央、国务院关于全面推进政务公开的决策部署",
                "认真落实上级关于政务公开工作的部署要求")
    focus = ("民生保障", "优化营商环境", "基层治理", "重点项目建设", "安全生产")
    rep.preamble = (f"本报告依据《中华人民共和国政府信息公开条例》编制。本报告所列数据的统计期限为{y}年1月1日至{y}年12月31日。"
                    f"如对本报告有疑问，请与{rep.meta.agency}办公室联系。")
    k = y % 2
    w = {key: v[k].format(short=short, received=received, carried=carried, done=done, fwd=fwd, trainings=trainings)
         for key, v in _WORDING.items()}
    rep.sections["overall"] = Section(text=(
        f"{y}年，{short}{openings[(variant + y) % 3]}，围绕{focus[(variant + y) % 5]}工作，扎实推进政府信息公开。\n"
        f"（一）主动公开\n{w['open']}{w['graphic'] if graphic else w['plain']}\n"
        f"（二）依申请公开\n{w['apply']}{w['count']}\n"
        f"（三）政府信息管理\n{w['manage']}\n"
        f"（四）政府信息公开平台建设\n{w['platform']}\n"
        f"（五）监督保障\n{w['supervise']}"))
    for key in ("active_disclosure", "applications", "review_litigation"):
        rep.sections[key] = Section()
    follow = f"（二）上年度问题整改情况\n{w['followup']}\n" if followup else ""
    rep.sections["problems"] = Section(text=(
        f"（一）存在的主要问题\n{w['problems']}\n{follow}"
        f"（{'三' if followup else '二'}）改进措施\n{w['measures']}"))
    rep.sections["other"] = Section(text=(
        f"（一）收取信息处理费情况\n{w['fees']}\n"
        f"（二）落实上级年度政务公开工作要点情况\n{w['points']}"))


def demo_report(name: str, level: str, year: int, rng: random.Random, *, followup: bool = True,
                graphic: bool = True, variant: int = 0, scale: int = 3, previous: Report | None = None) -> Report:
    rep = empty_report(name, year, Level(level))
    region = next((f"{CITY}{d}" for d in DISTRICTS if name.startswith(f"{CITY}{d}")), None)
    rep.meta.region = region
    short = "本局" if level == Level.department.value else ("本街道" if "街道" in name else "本镇" if "镇" in name else "本乡")
    rep.meta.date = f"{year + 1}年1月{rng.randint(10, 25)}日"
    _fill_tables(rep, rng, scale, previous)
    rep.facts.figures = [
        Figure(key="trainings", label="组织开展政务公开业务培训", value=Decimal(rng.randint(1, 6)), unit="次"),
        Figure(key="interpretations", label="发布政策解读", value=Decimal(rng.randint(2, 20)), unit="篇"),
    ]
    rep.facts.notes = {
        "active": [f"通过门户网站专栏主动公开{['教育', '民生', '执法', '财政'][variant % 4]}信息"],
        "supervision": ["政务公开纳入年度考核"],
    }
    _texts(rep, rng, short, followup, graphic, variant)
    return rep


def break_t3(rep: Report) -> None:
    """A 勾稽 error: （七）总计 of the 自然人 column one more than its outcomes and the balance allow."""
    v = rep.cell("applications", "results_total", "natural_person")
    rep.set_cell("applications", "results_total", "natural_person", v + 1)   # one cell, no relation retyped


def demo_units(n: int = 12, year: int = 2024, seed: int = 2024, district: str = DISTRICTS[0],
               defects: dict[int, tuple[str, ...]] | None = None) -> list[DemoUnit]:
    """n invented units of one district with this year's and last year's reports.

    ``defects`` maps a unit's index to what is wrong with it (see DEFECTS).
    """
    rng = random.Random(f"{seed}-{district}")
    defects = defects or {}
    out = []
    for i, (name, level) in enumerate(unit_names(district, n)):
        d = tuple(defects.get(i, ()))
        prev = demo_report(name, level, year - 1, rng, variant=i + 1)
        rep = demo_report(name, level, year, rng, followup="no_followup" not in d,
                          graphic="no_graphic" not in d, variant=i, previous=prev)
        if "copied" in d:
            rep.sections["overall"] = Section(text=prev.sections["overall"].text.replace(str(year - 1), str(year)))
            rep.sections["problems"] = Section(text=prev.sections["problems"].text)
        if "t3_error" in d:
            break_t3(rep)
        if "missing_section" in d:
            del rep.sections["review_litigation"]
            rep.tables["review_litigation"] = None
        due = date(year + 1, 1, 31)
        published = date(year + 1, 2, rng.randint(3, 20)) if "late" in d else date(year + 1, 1, rng.randint(10, 28))
        assert "late" in d or published <= due
        out.append(DemoUnit(name, level, rep, prev, published, d))
    return out


def many_units(total: int = 200, year: int = 2024, seed: int = 7) -> list[DemoUnit]:
    """``total`` invented units across the districts of 青禾市, about one in five with a defect."""
    per = -(-total // len(DISTRICTS))
    out: list[DemoUnit] = []
    rng = random.Random(seed)
    for district in DISTRICTS:
        k = min(per, total - len(out), len(DEPARTMENTS) + len(TOWNSHIPS))
        if k <= 0:
            break
        defects = {i: (rng.choice(DEFECTS),) for i in range(k) if rng.random() < 0.2}
        out.extend(demo_units(k, year, seed, district, defects))
    return out


def write_published(units: list[DemoUnit], folder, previous: bool = True, dated: bool = True) -> list:
    """Write the units' reports as published pages (HTML and Markdown text, as the export makes
    them) with a 发布时间 line, last year's too, into ``folder``; returns the paths written.

    Units without the no_graphic defect get a 「一图读懂」 line (the HTML export also carries a
    图解 section, so units without 图解 are written as text).
    """
    from pathlib import Path

    from .export import export_bytes
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i, u in enumerate(units):
        graphic = "no_graphic" not in u.defects
        items = [(u.report, u.published, graphic)]
        if previous and u.previous is not None:
            items.append((u.previous, date(u.previous.meta.year + 1, 1, 15), True))
        for rep, published, with_graphic in items:
            fmt = "html" if (with_graphic and i % 2 == 0) else "md"
            data = export_bytes(rep, fmt)[0].decode("utf-8")
            stamp = f"发布时间：{published.isoformat()}" if dated and published else ""
            explain = f"相关解读：一图读懂{rep.meta.agency}{rep.meta.year}年政府信息公开工作年度报告" if with_graphic else ""
            if fmt == "html":
                data = data.replace("<body>", f"<body><p>{stamp}</p>", 1) if stamp else data
            else:
                data = "\n".join(x for x in (stamp, data, explain) if x)
            p = folder / f"{rep.meta.year}_{i:04d}.{fmt}"
            p.write_text(data, encoding="utf-8")
            out.append(p)
    return out


def load_demo_workspace(store, year: int | None = None) -> int:
    """A workspace of 12 invented units in the store: ten reports as sent, one with a 勾稽 error
    (held until confirmed), one unit that has not reported. Returns the workspace id."""
    from .io import dumps_report
    from .rollup import import_unit_report
    year = year or date.today().year - 1      # the reports due this January and March
    name = government_name()
    existing = next((w.id for w in store.workspaces() if w.name == name), None)
    if existing is not None:
        return existing
    ws = store.create_workspace(name, region=f"{CITY}{DISTRICTS[0]}")
    units = demo_units(12, year, defects={1: ("late",), 5: ("t3_error",), 7: ("no_followup",), 9: ("no_graphic",)})
    for i, u in enumerate(units):
        uid = store.add_unit(ws, u.name, u.level)
        if i != 11:
            import_unit_report(store, uid, year, f"{u.name}{year}年度报告.yaml", dumps_report(u.report).encode("utf-8"))
    # and a review of the eleven published reports (with last year's), as if uploaded
    import tempfile
    from pathlib import Path

    from .review import review_uploads
    with tempfile.TemporaryDirectory(prefix="nianbao-demo-") as tmp:
        paths = write_published(units[:11], tmp)
        review_uploads(store, ws, year, [(Path(p).name, Path(p).read_bytes()) for p in paths])
    return ws
