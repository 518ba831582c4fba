"""The year's facts (工作情况) by aspect, as typed data, and the catalogue of aspects.

A report's facts are what the clerk said about the year, filed under the aspect of the report
it belongs to: the five parts of 「一、总体情况」 that the 2021 template names (主动公开,
依申请公开, 政府信息管理, 平台建设, 监督保障) with what real reports write under each, this year's
problems, last year's problems and their 整改, the measures of 「五」, and the items of 「六」.

Each statement (:class:`Fact`) keeps the clerk's clause it came from; each figure
(:class:`Figure`) keeps its clause, its aspect and the approximation it was said with
(7700余条, 约300件), so that nothing concrete in a draft is without a source.

Report files keep the short form for facts typed on a form: a statement without a clause is
written as a plain string, and plain strings are read as such statements. Old files whose notes
are keyed by part (``active``, ``platform`` …) stay valid: a part key is an aspect too.

This module imports nothing from the report model (the model imports it).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_serializer

from .values import bounded_figure

# Where a fact came from. "人工" is a figure a person wrote into the prose and confirmed.
SOURCES = ("", "对话", "模型", "表单", "人工", "上年报告")
# 整改 status of one of last year's problems.
STATUSES = ("", "已整改", "整改中", "未整改")


class Figure(BaseModel):
    """A number the clerk stated about the year that is not in the tables (e.g. 培训次数)."""
    model_config = ConfigDict(extra="forbid")

    key: str
    label: str
    value: Decimal
    unit: str = ""
    approx: str = Field(default="", description="约数标记，按原话：余、多、约、近、超、逾、以上、左右；确数为空")
    aspect: str | None = Field(default=None, description="所属方面，如 active.interpretation")
    clause: str = Field(default="", description="说出这项数据的原话（分句）")
    source: str = Field(default="", description="来源：对话、模型、表单、人工（正文中人工写出并经确认）")

    @field_validator("value", mode="before")
    @classmethod
    def _bounded(cls, v: Any) -> Any:
        # Bounded like a cell before pydantic makes a Decimal of it (1e999999999 once hung the drafter).
        return bounded_figure(v)

    @model_serializer(mode="wrap")
    def _short(self, handler):
        data = handler(self)
        # Figures typed on a form keep the four fields they always had.
        if isinstance(data, dict):
            for k in ("approx", "aspect", "clause", "source"):
                if not data.get(k):
                    data.pop(k, None)
        return data

    @property
    def said(self) -> str:
        """The number as it goes into prose: the approximation around it, as the clerk said it."""
        d = Decimal(self.value)     # as a report prints it: 7700, 92.6 (metrics.fmt, one layer up)
        n = str(int(d)) if d == d.to_integral_value() else format(d.normalize(), "f")
        if self.approx in ("余", "多"):
            return n + self.approx
        if self.approx in ("以上", "左右", ""):
            return n           # these follow the unit: 300件左右 (kept in the statement's text)
        return self.approx + n


class Fact(BaseModel):
    """One statement about the year, in the register of the report, with the clerk's words."""
    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="公文表述；数字按原话（含约数），不含主语")
    clause: str = Field(default="", description="原话")
    source: str = ""
    status: str = Field(default="", description="上年度问题的整改情况：已整改、整改中、未整改")
    subject: str = Field(default="", description="上年度问题整改：针对的问题；改进措施：对应的问题")
    none: bool = Field(default=False, description="本项不适用（起草时写“无”）")
    figures: list[str] = Field(default_factory=list, description="本句中数据的键（Figure.key）")

    @model_serializer(mode="wrap")
    def _short(self, handler):
        data = handler(self)
        # A statement typed on a form (no clause, no links) stays a plain line in the file.
        if isinstance(data, dict) and not any(v for k, v in data.items() if k != "text"):
            return data["text"]
        return data


class Facts(BaseModel):
    model_config = ConfigDict(extra="forbid")

    figures: list[Figure] = Field(default_factory=list)
    notes: dict[str, list[Fact]] = Field(default_factory=dict)   # aspect key -> statements

    @field_validator("notes", mode="before")
    @classmethod
    def _notes_from_strings(cls, v: Any) -> Any:
        if not isinstance(v, dict):
            return v
        out = {}
        for k, items in v.items():
            if items is None:
                continue
            if isinstance(items, (str, dict)):
                items = [items]
            out[k] = [{"text": i} if isinstance(i, str) else i for i in items]
        return out

    @model_serializer(mode="wrap")
    def _coerce_then_dump(self, handler):
        self.groups()       # lines appended as plain strings are statements too
        return handler(self)

    def figure(self, key: str) -> Figure | None:
        return next((f for f in self.figures if f.key == key), None)

    def groups(self) -> dict[str, list[Fact]]:
        """``notes`` with every entry a Fact: lines assigned as plain strings after loading (as
        ``facts.notes["active"] = ["…"]``) are turned into statements in place."""
        for k, items in list(self.notes.items()):
            if isinstance(items, (str, Fact)):
                items = self.notes[k] = [items]
            if any(not isinstance(f, Fact) for f in items):
                self.notes[k] = [f if isinstance(f, Fact) else (Fact(text=f) if isinstance(f, str)
                                                                 else Fact.model_validate(f)) for f in items]
        return self.notes

    def get(self, aspect: str, default: list | None = None) -> list[Fact]:
        return self.groups().get(aspect, default if default is not None else [])

    def texts(self, aspect: str) -> list[str]:
        return [f.text for f in self.get(aspect)]

    def under(self, part: str) -> dict[str, list[Fact]]:
        """The statements of one part (``active``) by aspect, the part's own key first."""
        return {k: v for k, v in sorted(self.groups().items(), key=lambda kv: _order(kv[0]))
                if v and (k == part or k.startswith(part + "."))}

    def add(self, aspect: str, fact: Fact) -> bool:
        """File a statement under an aspect; False if the same text is already there."""
        items = self.groups().setdefault(aspect, [])
        if any(f.text == fact.text for f in items):
            return False
        items.append(fact)
        return True


@dataclass(frozen=True)
class Topic:
    """A part of a narrative section: the five parts of 一, the three of 五, the items of 六."""
    key: str
    label: str
    section: str
    question: str      # what to ask when nothing is known about it


@dataclass(frozen=True)
class Aspect:
    """One thing real reports write about under a part; the unit the chat files facts under.

    ``words``: a regular expression of the words that file a clause here (the first aspect
    whose words match, in catalogue order, wins; a part's own key catches what no aspect of it
    takes). ``need``: ``all`` asked of every agency, ``government`` only of 各级人民政府
    (条例第五十条: 工作考核、社会评议和责任追究结果), ``""`` never asked for on its own.
    """
    key: str
    label: str
    part: str
    words: str = ""
    need: str = ""
    question: str = ""

    @property
    def prose(self) -> str:
        """How a report names this line of work in running text."""
        return PROSE.get(self.key, self.label)


TOPICS: tuple[Topic, ...] = (
    Topic("active", "主动公开", "overall", "本年度主动公开了哪些信息、通过哪些渠道？政策解读、新闻发布、意见征集做了哪些？"),
    Topic("applications", "依申请公开", "overall", "依申请公开是怎样办理的（接收渠道、登记答复流程、是否按时答复）？"),
    Topic("management", "政府信息管理", "overall", "信息发布审核、保密审查、规范性文件清理、档案移交等管理工作做了什么？"),
    Topic("platform", "政府信息公开平台建设", "overall", "政府网站、政务新媒体、12345热线、查阅场所等平台有哪些建设或调整？"),
    Topic("supervision", "监督保障", "overall", "组织领导、业务培训、考核、社会评议方面做了什么？"),
    Topic("problems", "存在的主要问题", "problems", "本年度工作中还存在哪些具体问题？"),
    Topic("last_year_followup", "上年度问题整改情况", "problems", "上年度报告提出的问题整改得怎么样？"),
    Topic("measures", "改进措施", "problems", "针对这些问题，下一步准备采取哪些措施？"),
    Topic("fees", "信息处理费收取情况", "other", "本年度是否收取了信息处理费？收取的话，依据什么、收了多少？"),
    Topic("work_points", "落实政务公开工作要点情况", "other", "上级年度政务公开工作要点落实得怎么样？"),
    Topic("proposals", "建议提案办理结果公开情况", "other", "承办了多少人大代表建议和政协提案，办理结果是否公开？"),
    Topic("innovation", "政务公开工作创新情况", "other", "本年度政务公开工作有哪些创新做法？"),
    Topic("other", "其他需要报告的事项", "other", "还有其他需要报告的事项吗？"),
)

TOPIC_BY_KEY = {t.key: t for t in TOPICS}

# The aspects under each part of 一. Order matters twice: it is the order of a drafted
# paragraph, and the first aspect whose words match a clause takes it (specific before broad).
ASPECTS: tuple[Aspect, ...] = (
    Aspect("active.interpretation", "政策解读", "active", r"解读|图解|H5|h5|动漫|一图读懂", "all",
           "本年度政策解读发布了多少、用了哪些形式（文字、图解、H5、视频）？"),
    Aspect("active.press", "新闻发布", "active", r"发布会|通气会|新闻发布|在线访谈|访谈|发言人"),
    Aspect("active.gazette", "政府公报", "active", r"公报"),
    Aspect("active.consultation", "意见征集和决策预公开", "active",
           r"征集|征求意见|预公开|听证|开放日|列席|公众参与|座谈"),
    Aspect("active.catalogue", "公开目录和文件库", "active", r"公开目录|公开指南|规章库|文件库|目录|指南"),
    Aspect("active.response", "回应关切", "active", r"回应|舆情|关切|热点|研判"),
    Aspect("active.volume", "公开总量和渠道", "active", r"主动公开|公开.{0,12}信息|发布.{0,12}信息|信息.{0,4}条|按要求公开", "all",
           "本年度主动公开了多少条信息，主要通过哪些渠道？"),
    Aspect("active.key_areas", "重点领域信息", "active",
           r"重点领域|预决算|预算|决算|三公|招生|入学|项目|救助|民生|就业|教育|医疗|养老|住房|征收|规划|减税|惠企|资金"),
    Aspect("applications.channels", "申请渠道", "applications", r"渠道|在线申请|网上申请|信函|邮寄|当面|窗口|申请平台"),
    Aspect("applications.analysis", "复议诉讼和纠错", "applications", r"复议|诉讼|应诉|纠错|败诉|被诉"),
    Aspect("applications.process", "办理流程和时限", "applications",
           r"申请|登记|受理|答复|时限|流程|会商|法律顾问|补正|办结|延期", "all",
           "依申请公开的登记、审核、答复流程是怎样的，是否都在法定期限内答复？"),
    Aspect("management.secrecy", "保密审查", "management", r"保密"),
    Aspect("management.attribute", "公开属性认定", "management", r"属性|源头认定"),
    Aspect("management.cleanup", "规范性文件清理", "management", r"清理|废止|失效|规范性文件|现行有效"),
    Aspect("management.archive", "档案移交和归档", "management", r"档案|归档|移交|移送"),
    Aspect("management.review", "发布审查", "management", r"审核|审查|三审|把关|发布前|校对|核校", "all",
           "信息发布前怎么审核把关（审核流程、保密审查）？"),
    Aspect("platform.hotline", "12345热线和互动渠道", "platform", r"12345|热线|信箱|留言|咨询"),
    Aspect("platform.new_media", "政务新媒体", "platform",
           r"新媒体|公众号|微信|微博|抖音|视频号|头条号|快手|账号|关停|整合"),
    Aspect("platform.reading_room", "查阅场所", "platform",
           r"查阅|阅览|公开专区|专区|档案馆|图书馆|便民服务中心|政务服务中心|服务大厅|公开栏|公示栏"),
    Aspect("platform.website", "政府网站", "platform", r"网站|专栏|栏目|改版|门户|网页|检索|无障碍|适老化", "all",
           "政府网站（或本机关专栏）本年度有哪些建设、调整或检查？"),
    Aspect("supervision.accountability", "责任追究", "supervision", r"责任追究|问责|追责|追究", "government",
           "本年度政府信息公开工作责任追究结果如何（如无，请说明未发生责任追究）？"),
    Aspect("supervision.evaluation", "社会评议", "supervision", r"评议|满意度|问卷|群众评价|社会评价|第三方评估", "government",
           "本年度开展社会评议了吗？评议结果如何？"),
    Aspect("supervision.assessment", "工作考核", "supervision", r"考核|绩效|考评|督查|检查|通报|测评|整改|督促", "government",
           "政务公开纳入考核了吗？考核结果如何？"),
    Aspect("supervision.training", "业务培训", "supervision", r"培训|轮训|学习|授课|讲座", "all",
           "本年度组织或参加了哪些政务公开业务培训？"),
    Aspect("supervision.organisation", "组织领导", "supervision",
           r"领导小组|分管领导|主要领导|专人|专职|工作机构|调整充实|部署|研究|会议|责任", ""),
)

ASPECT_BY_KEY = {a.key: a for a in ASPECTS}
PROSE = {
    "active.volume": "信息发布", "active.key_areas": "重点领域信息公开", "active.interpretation": "政策解读",
    "active.press": "新闻发布", "active.gazette": "政府公报编发", "active.consultation": "意见征集",
    "active.response": "回应关切", "active.catalogue": "公开目录和文件库建设", "applications.channels": "申请渠道",
    "applications.process": "申请办理", "applications.analysis": "复议诉讼案件办理", "management.review": "发布审核",
    "management.secrecy": "保密审查", "management.attribute": "公开属性认定", "management.cleanup": "规范性文件清理",
    "management.archive": "档案移交", "platform.website": "政府网站建设", "platform.new_media": "政务新媒体管理",
    "platform.hotline": "互动渠道", "platform.reading_room": "查阅场所建设", "supervision.organisation": "组织领导",
    "supervision.training": "业务培训", "supervision.assessment": "考核督查", "supervision.evaluation": "社会评议",
    "supervision.accountability": "责任追究",
}
PARTS_OF_OVERALL = tuple(t.key for t in TOPICS if t.section == "overall")
# 六's items, in the order of the 2021 template's expected items.
OTHER_ITEMS = ("fees", "work_points", "proposals", "innovation", "other")
# Contact details for the opening paragraph (not a section of the report).
CONTACT = ("contact.website", "contact.office", "contact.address", "contact.phone")
CONTACT_LABELS = {"contact.website": "发布电子版的网站", "contact.office": "联系单位",
                  "contact.address": "联系地址", "contact.phone": "联系电话"}


def _order(key: str) -> int:
    keys = [t.key for t in TOPICS]
    part = key.split(".", 1)[0]
    if part in keys:
        base = keys.index(part) * 100
        if key == part:
            return base
        aspects = [a.key for a in ASPECTS if a.part == part]
        # Drafting order within a part: the catalogue order above is for matching; a paragraph
        # reads better from the overall volume to the particulars.
        order = DRAFT_ORDER.get(part, aspects)
        return base + 1 + (order.index(key) if key in order else len(order))
    return 10_000


DRAFT_ORDER = {
    "active": ["active.volume", "active.key_areas", "active.interpretation", "active.press", "active.gazette",
               "active.consultation", "active.response", "active.catalogue"],
    "applications": ["applications.channels", "applications.process", "applications.analysis"],
    "management": ["management.review", "management.secrecy", "management.attribute", "management.cleanup",
                   "management.archive"],
    "platform": ["platform.website", "platform.new_media", "platform.hotline", "platform.reading_room"],
    "supervision": ["supervision.organisation", "supervision.training", "supervision.assessment",
                    "supervision.evaluation", "supervision.accountability"],
}


def part_of(aspect: str) -> str:
    """``active.interpretation`` → ``active``; a part key is its own part."""
    return aspect.split(".", 1)[0]


def label_of(aspect: str) -> str:
    if aspect in ASPECT_BY_KEY:
        return ASPECT_BY_KEY[aspect].label
    if aspect in TOPIC_BY_KEY:
        return TOPIC_BY_KEY[aspect].label
    return CONTACT_LABELS.get(aspect, aspect)


def section_of(aspect: str) -> str | None:
    t = TOPIC_BY_KEY.get(part_of(aspect))
    return t.section if t else None


def aspects_of(part: str) -> tuple[Aspect, ...]:
    order = DRAFT_ORDER.get(part)
    items = [a for a in ASPECTS if a.part == part]
    if order:
        items.sort(key=lambda a: order.index(a.key) if a.key in order else len(order))
    return tuple(items)


def known_aspect(key: str) -> bool:
    return key in ASPECT_BY_KEY or key in TOPIC_BY_KEY or key in CONTACT
