"""A clerk's spoken account of the year → statements in the register of the report, by aspect.

Offline and deterministic. What it does to the clerk's words, in order:

1. Sentences (。！？ and line breaks, and ； between items) are cut into clauses at ，：; a
   clause in quotation marks stays whole.
2. Framing is dropped: fillers (全年主要做了这几件事, 刚才说过了, 总体还行), topic markers
   (主动公开这块, 平台方面, 考核上), discourse words (就是, 然后, 另外, 嘛/呢/吧). A topic marker
   sets the part that the following clauses are filed under first.
3. Clauses are grouped into statements: a clause that continues the one before (其中…, 都…,
   还有…, 有图解、有H5…) or falls under the same aspect joins it; a clause of another aspect
   starts a new statement.
4. Each statement is put in the register of a report: self-reference normalised by level
   (我们/局里 → 本局, 咱们街道 → 本街道), 今年 → 本年度, 去年 → 上年度, colloquial verbs and
   particles replaced (搞 → 开展, 都 → 均, 没有 → 未, 了 dropped after verbs), counted objects
   put after their verb (开了两次培训 → 组织培训2次), Chinese numerals with units written in
   Arabic. Figures keep their approximation: 余 and 多 as 余, 来 as 约; 近/约/超/逾/左右/以上 as
   said. Dates, hotline numbers (12345) and names (H5) are kept as they are.
5. Each statement is filed: problems (存在/不足/有待/薄弱/单一/不及时…) unless it reads as
   work done (整改/及时发现/研判/排查 are work), measures (下一步/准备/明年…), last year's
   problems with their 整改 status, 六's items, contact details, else the first aspect whose
   words match (see drafting.facts.ASPECTS).

Nothing here invents: every word of a statement is the clerk's or one of the fixed
replacements below, and every figure is one the clerk said, in the clause it was said in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..facts import ASPECT_BY_KEY, ASPECTS, TOPIC_BY_KEY, aspects_of, part_of
from .concrete import mask_names, quantities
from .phrasing import SelfRef


@dataclass
class Heard:
    aspect: str                 # where it is filed: an aspect key, a part key, problems, measures …
    text: str                   # the statement in the register of the report
    clause: str                 # the clerk's words it came from
    status: str = ""            # last year's problems: 已整改 / 整改中 / 未整改
    subject: str = ""           # last year's problems: the problem named
    none: bool = False          # an item the clerk says does not apply (信息处理费 not charged …)
    fixed: bool = False         # the text is one of our fixed sentences, not the clerk's words
    guessed: bool = False       # no aspect's words matched: filed by context only
    dropped: list[str] = field(default_factory=list)


# -- what is dropped ------------------------------------------------------------------------
_SELF_WORDS = r"(?:(?:我们|咱们)(?![县市区镇乡]|街道)|我局|本局|局里|单位里|我们局|咱局|咱们局|我们单位|咱们单位)"
_TIME_WORDS = r"(?:今年以来|今年|这一年来?|全年|本年度|年内|这一年里)"

FILLER = re.compile(
    r"^(?:.{0,6}?(?:主要|一共|总共)?(?:做|干|抓|搞)了?(?:这么|以下|下面|这|那)?(?:几|这几|这么几|几个|几项|几件)"
    r"(?:件事|件|项工作|项|个方面|方面|块|方面的工作)(?:情况)?|.{0,12}(?:刚才|前面|上面|之前)(?:已经)?(?:说|讲|提)(?:过|了|到)+.*"
    r"|.{0,16}总体(?:上)?(?:还行|还可以|还不错|不错|挺好|可以|还好|平稳)|.{0,16}(?:不算多|不算少|还行|还可以|挺好的?|没啥说的)"
    r"|(?:大概|基本|主要)?(?:就是?)?这些(?:吧|了)?|(?:其他|别的)(?:的)?(?:没有|没啥|就没)(?:了|什么)?|(?:我|我们)?(?:想想|想一想|看看)"
    r"|(?:嗯|呃|那个|这个|然后呢?|对了|好的?|是的?)"
    r"|(?:今年|全年|本年度)?(?:全县|全市|全区|全镇|全街道|我们|咱们|本局|我局)?的?(?:政务公开|信息公开|政府信息公开|公开)工作(?:情况)?"
    r")[。！？，,]?$")

# A topic named on its own, with nothing said yet: sets where the next clauses are filed.
TOPIC_NAMES = {
    "active": r"主动公开|公开(?:信息)?", "applications": r"依申请(?:公开)?|申请公开|依申请公开(?:工作)?",
    "management": r"(?:政府)?信息管理|管理", "platform": r"(?:公开)?平台(?:建设)?|平台方面",
    "supervision": r"监督保障|监督|保障", "problems": r"(?:存在的?)?问题|不足(?:之处)?|短板",
    "measures": r"下一步|改进措施|措施|今后|明年", "fees": r"信息处理费|收费",
    "work_points": r"(?:上级的?)?(?:政务公开)?工作要点(?:落实)?|要点落实",
    "proposals": r"建议提案|人大建议|政协提案|建议和提案|提案建议", "innovation": r"创新",
    "management.archive": r"档案", "supervision.assessment": r"考核", "supervision.training": r"培训",
    "platform.new_media": r"新媒体|政务新媒体", "platform.website": r"网站",
    "active.interpretation": r"政策解读|解读",
}
_TOPIC_TAIL = r"(?:这块|这一块|这方面|方面|这一项|这部分|部分|工作|情况|上|的话|嘛|呢|吧|这个)*"
_TOPIC_RE = re.compile(rf"^(?:关于|至于|说到|再说)?(?:{'|'.join(f'(?P<t{i}>{p})' for i, p in enumerate(TOPIC_NAMES.values()))})"
                       rf"{_TOPIC_TAIL}(?:方面)?[，,：:]?$")
_TOPIC_KEYS = list(TOPIC_NAMES)

_LEAD = re.compile(r"^(?:就是说?|然后|那么?|另外|此外|再就是|还有就是|还有|再有|其次|首先|最后|同时|而且|并且|也|还|总之|总的来说|对了)"
                   r"[，,]?")
_TAIL = re.compile(r"(?:嘛|呢|吧|啊|呀|哈|哦|啦|了吧|来着|等等|什么的)+$")

# Enumerators in a list of problems or measures: they start a new item.
_ENUM = re.compile(r"^(?:[一二三四五六七八九十]是|第[一二三四五六七八九十][，,、]?|一个是|另一个是|另外一个是|再一个是|还有一个是|一方面|另一方面|"
                   r"其一|其二|其三|还有就是|再就是|另外|此外|其次|还要|同时|再有)[，,：:]?")

# -- what marks a statement's kind ---------------------------------------------------------------
PROBLEM = re.compile(r"不够|不足|有待|薄弱|欠缺|滞后|单一|不及时|不高|不强|不全|不到位|偏少|较少|偏低|参差不齐|不熟|短板|差距|"
                     r"还存在|仍存在|存在.{0,8}(?:问题|情况|现象)|需(?:要)?进一步|仍需|尚需|不规范|不完善|不充分|不平衡|不深入|"
                     r"不统一|不便|不准确|不精准|不多|没跟上|跟不上|有欠缺|不理想|困难")
WORK = re.compile(r"整改|及时发现|发现问题|研判|排查|督促|督办|解决|处置|纠正|防范|化解|查找|回应")
MEASURE = re.compile(r"^(?:下一步|下阶段|接下来|今后|明年|来年|下一年)|(?:准备|打算|计划|拟)(?:在|于|要|将)?|将要|^要|^将")
LAST_YEAR = re.compile(r"(?:去年|上年度?|上一年度?)(?:的)?(?:年度)?(?:报告)?")
DONE = re.compile(r"已(?:经)?(?:全部|基本)?(?:整改到位|整改完成|完成整改|整改完毕|整改|解决|完成|落实)|整改到位|全部整改|解决了")
DOING = re.compile(r"正在|持续|逐步|整改中|推进中|还在|仍在|部分整改|基本整改")
NOT_DONE = re.compile(r"还没|尚未|没有整改|未整改|没整改|未完成")
FEE_NONE = re.compile(r"信息处理费.{0,8}(?:没收|没有收|未收|不收|没有收取|未收取|没收取|一分没收|没有产生|未产生)|"
                      r"(?:没收|没有收|未收|没有收取|未收取|没收取)(?:过|取)?(?:任何)?(?:的)?信息处理费")
NOT_APPLICABLE = re.compile(r"^(?:.{0,8})(?:没有|无|不涉及|没涉及|没承办|未承办|没有承办)(?:这项|这个|此项|相关)?(?:工作|情况|事项|任务)?$")
PHONE = re.compile(r"(?:0\d{2,3}[-－—]?)?\d{7,8}")
URL = re.compile(r"(?:https?://)?(?:www\.)[^\s，。；、]+|[A-Za-z0-9-]+\.(?:gov\.cn|com\.cn|org\.cn|cn|com)")

# -- what is replaced -------------------------------------------------------------------------
# Applied in order to a statement after self-reference and time words; each pair is
# (pattern, replacement). Fixed words only: no replacement adds a fact.
REPLACE: list[tuple[str, str]] = [
    (r"“([^”]*)”", "“\\1”"),
    (r"(?<=\d)月份", "月"), (r"(?<![\d一二三四五六七八九十])([一二三四五六七八九十]|十[一二])月份", "\\1月"),
    (r"的时候", "期间"), (r"时就", "时即"), (r"(?<=[，,])就(?=[\u4e00-\u9fff])", ""),
    (r"一共|总共|一共是", "共"), (r"共计?有(?=\d)", "共"),
    (r"比去年|比上年度?|比上一年", "较上年度"), (r"较上年度多了?不少", "较上年度有所增加"), (r"较上年度少了?不少", "较上年度有所减少"),
    (r"大部分是问|大部分是|大多是问|大多是|主要是问", "多数涉及"), (r"(?<=涉及)(.+?)的$", "\\1"),
    (r"有的(?=[\u4e00-\u9fff])", "个别"), (r"一些", ""), (r"这些(?:都|也)?", "等"), (r"那些", "等"),
    (r"多(?:搞|做|出|开展)(?:点|些)?", "增加"), (r"搞好", "做好"), (r"搞了?(?:一个|个)", "开设"), (r"搞了?", "开展"),
    (r"弄好了?", "完成"), (r"弄了?", "开展"),
    (r"都是经过(.+?)的$", "均经\\1"), (r"都要(.{0,6}?)审核", "均须经\\1审核"), (r"都要", "均须"),
    (r"(?:都|也)(?:做了|搞了|开展了|落实了)$", "__DO__"), (r"(?:做了|搞了|抓了)$", "__DO__"),
    (r"都做了?(?=[\u4e00-\u9fff])", "均进行"), (r"做了?(?=(?:社会评议|评议|解读|审查|培训|自查|检查|评估))", "开展"),
    (r"都(?:已经)?(?=办结|完成|公开|答复|整改|处理|落实|更新|按)", "均已"), (r"全都|全部都", "全部"),
    (r"(?<![首成京古])都(?:是)?(?=[\u4e00-\u9fff])", "均"),
    (r"已经", "已"), (r"没有?被(?:申请)?(?:行政)?复议(?:和|或|、|也没有?被?)(?:提起)?(?:行政)?(?:起诉|诉讼)", "未被申请行政复议或提起行政诉讼"),
    (r"(?:一件|一个)(?:都|也)没(?:有)?(?:收到|接到)(?:申请)?", "未收到政府信息公开申请"),
    (r"没有?(?:收到|接到)(?:过)?(?:任何)?(?:的)?(?:信息公开|政府信息公开)?申请", "未收到政府信息公开申请"),
    (r"没有发生|没发生", "未发生"), (r"没有出现|没出现", "未出现"), (r"没有(?=[收接产开])", "未"),
    (r"(?<=[\u4e00-\u9fff])的情况$", "情况"),
    (r"(?:挂|放)了?(?=\d)", "公示"), (r"(?<![发])发了?(?=(?:约|近|超|逾)?\d)", "发布"),
    (r"(?<!召)开了?(?:一场|一次|一个)?(?=[\u4e00-\u9fff]{0,8}(?:发布会|座谈会|通气会|听证会|会议|论证会))", "召开"), (r"网站上", "网站"), (r"(?<=[\u4e00-\u9fff])上面", ""),
    (r"转过来的|转来的", "转办的"), (r"参加的有|参加的人有|参训的有", "参训"), (r"县里|县上", "县级"), (r"市里|市上", "市级"),
    (r"省里的?", "省级"), (r"国办的?", "国务院办公厅"),
    (r"(?:国务院办公厅)?(?:政府信息公开)?信息处理费管理办法", "《政府信息公开信息处理费管理办法》"),
    (r"依据是", "依据"), (r"(?<![申邀])请(?=第三方|法律顾问|专家|律师)", "邀请"),
    (r"我们?现在有|现在有", "现有"), (r"有一个(?=公众号|账号|平台|网站|栏目|专栏|专区)", "开设"),
    (r"每天", "每日"), (r"有人(?=巡查|检查|值守|负责|更新)", "安排专人"), (r"(?<=[\u4e00-\u9fff])的都处理了?$", "的内容均作处理"),
    (r"把(?!关|握|控|手)", "将"), (r"^主要是(?=[\u4e00-\u9fff])", "主要涉及"), (r"^有(?=\d+件被)", ""), (r"移交给了?|交给了?", "移交"), (r"(?<=\d)天$", "天"),
    (r"可以(?=[\u4e00-\u9fff])", "可"), (r"专门讲", "专题解读"), (r"讲(?=政策|解读)", "解读"),
    (r"不够熟$", "不够熟练"), (r"列了", "制定"), (r"设了", "设立"),
    (r"(?<=[\u4e00-\u9fff])(?:的)?分值$", "分值"),
]
_REPLACE = [(re.compile(p), r) for p, r in REPLACE]
# Idioms with a numeral that counts nothing, replaced before numerals are read.
_IDIOMS = [(re.compile(p), r) for p, r in (
    # Spoken approximations, in the words a report uses: 300来件 → 约300件, 上千条 → 千余条.
    (r"(\d+)来(?=[件条篇个次场人份项家期])", "约\\1"), (r"上([千万])(?=[件条篇个次场人份项])", "\\1余"),
    (r"(?:一件|一个|一条)(?:都|也)没(?:有)?(?:收到|接到)(?:过)?(?:申请)?", "未收到政府信息公开申请"),
    (r"(?:一件|一次|一个)(?:都|也)没(?:有)?(?:发生|出现)(?:过)?", "未发生"),
    (r"都是经过(.+?)的(?=[，,]|$)", "均经\\1"), (r"都是([\u4e00-\u9fff]{1,6})的(?=[，,。；;]|$)", "均为\\1形式"),
    (r"都是(?=[\u4e00-\u9fff])", "均为"), (r"新出了", "新推出"), (r"发了?(?=问卷|调查问卷)", "发放"),
)]

# Verbs after which the aspect particle 了 is dropped (了解, 为了, 除了 keep theirs).
_VERBS = ("公开|发布|开展|组织|召开|推送|收到|接到|受理|办结|答复|建立|制定|完善|新开|开设|改版|清理|废止|整改|关停|整合|"
          "承办|办理|参加|举办|更新|上线|设立|修订|印发|编制|完成|增加|调整|纳入|取得|开通|推出|落实|实现|达到|超过|"
          "提升|加强|规范|强化|优化|收取|发现|解决|签订|培训|审核|宣布|移交|处理|梳理|编发|申请|占|成立|明确|出|发|开|做|办|评|建|设|挂|关|停|转")
_LE = re.compile(rf"({_VERBS})了(?!解)")

# Colloquial verbs before a count, with the formal verb (for 开: 会 → 召开, else 组织).
_VERB_MAP = {"出": "发布", "发": "发布", "做": "制作", "开": "组织", "办": "举办", "搞": "开展", "推": "推送",
             "弄": "制作", "挂": "公示", "整": "整理"}
_MEETING = re.compile(r"会|发布会|座谈|听证|通气")


def _formal_verb(v: str, obj: str) -> str:
    if v == "开":
        return "召开" if _MEETING.search(obj) else "组织"
    if v in ("出", "发") and re.search(r"公报", obj):
        return "编发"
    if v == "发" and re.search(r"问卷", obj):
        return "发放"
    return _VERB_MAP.get(v, v)


def split_clauses(sentence: str) -> list[str]:
    """Clauses at ，,：: (not inside quotation marks or brackets)."""
    out, buf, depth = [], [], 0
    for ch in sentence:
        if ch in "“《（(「":
            depth += 1
        elif ch in "”》）)」" and depth:
            depth -= 1
        if ch in "，,：:" and depth == 0:
            out.append("".join(buf))
            buf = []
            continue
        buf.append(ch)
    out.append("".join(buf))
    return [c.strip() for c in out if c.strip()]


def split_sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[。！？!?；;])|\n+", text or "")
    return [p.strip().rstrip("。！？!?；;").strip() for p in parts if p and p.strip().rstrip("。！？!?；;").strip()]


def _lead_time(c: str) -> str:
    return re.sub(rf"^{_TIME_WORDS}(?:以来)?[，,]?", "", c)


_VERB_HEAD = (r"[也还又都今全本在把将对已共]|成立|建立|组织|召开|开|发|出|做|办|搞|推|编|印|收|受|答|清理|公开|举办|参加|设|"
              r"明确|调整|纳入|落实|完成|开展|制定|承办|邀请|请|加强|坚持|严格|按|通过|依托|围绕|聚焦|认真|积极|主动|持续|深入|"
              r"进一步|不断|一共|把|将|有")


def strip_subject(c: str, ref: SelfRef) -> str:
    """A statement begins with what was done: the agency (by any name) and 今年 at its head go."""
    names = "|".join(sorted({re.escape(x) for x in (*ref.all(), "街道", "本机关", "我单位", "本单位") if x},
                            key=len, reverse=True))
    prev = None
    while prev != c:
        prev = c
        c = re.sub(rf"^(?:{_SELF_WORDS}|(?:{names})(?={_VERB_HEAD}))(?:也|还|又|都)?", "", c)
        c = _lead_time(c)
        c = _LEAD.sub("", c)
    return c.strip("，, ")


def _self_inside(c: str, ref: SelfRef) -> str:
    c = re.sub(r"(?:我们|咱们|咱)(?:县|市|区|镇|乡|街道)", ref.we, c)
    # Before a verb the subject is dropped (政策解读我们出了18篇); elsewhere it is the agency.
    c = re.sub(r"(?<=[\u4e00-\u9fff])(?:我们局|咱们局|咱局|局里|我们|咱们)(?=也|还|都|又|就|在|把|将|今年|全年|已|已经|"
               r"现在|现|[出发做开办搞推编印建组召收受答清公举参])", "", c)
    return re.sub(r"我们局|咱们局|咱局|我们单位|咱们单位|局里|单位里|我们|咱们", ref.this, c)


def _times(c: str) -> str:
    c = re.sub(r"今年以来|今年", "本年度", c)
    c = re.sub(r"去年", "上年度", c)
    c = re.sub(r"明年", "下一年度", c)
    return c


def _numerals(c: str) -> str:
    """Counts in Arabic numerals, approximations in the register of a report."""
    out, last = [], 0
    quoted = [(m.start(), m.end()) for m in re.finditer(r"“[^”]*”|《[^》]*》", c)]
    for q in quantities(c):
        if q.kind == "ordinal" or any(a <= q.start < b for a, b in quoted):
            continue
        from ..metrics import fmt
        num = fmt(q.value)
        approx = {"多": "余", "来": "约", "上": "余"}.get(q.approx, q.approx)
        if approx in ("余",):
            new_num = num + "余"
        elif approx in ("约", "近", "超", "逾"):
            new_num = approx + num
        else:
            new_num = num
        a, b = q.num_start, q.num_end
        if q.unit and q.kind != "percent" and c[b:q.end].startswith(q.unit) is False:
            pass
        piece = c[a:b]
        if q.kind == "percent" and piece.startswith("百分之"):
            out.append(c[last:a] + new_num + "%")
            last = q.end
            continue
        out.append(c[last:a] + new_num)
        last = b
        if approx == "余" and c[b:b + 1] in ("余", "多", "来"):
            last = b + 1
    out.append(c[last:])
    c = "".join(out)
    return re.sub(r"(\d)(?:余|多)余", r"\1余", c)


_COUNT = r"(?P<num>(?:约|近|超|逾)?\d+(?:\.\d+)?(?:余)?)(?P<unit>场|次|篇|条|件|个|期|份|人次|项|批|家|名|所|处|万条)"


def _reorder(c: str) -> str:
    """开了两次培训 → 组织培训2次; 政策解读出了18篇 → 发布政策解读18篇 (a count follows its object)."""
    m = re.match(rf"^(?P<pre>.*?)(?P<v>[\u4e00-\u9fff]{{1,2}}?)了?{_COUNT}(?P<obj>[\u4e00-\u9fff“”A-Za-z0-9]{{2,12}})$", c)
    if m and not re.search(r"\d", m.group("obj")) and not re.search(r"[有共是达约近超逾占]$", m.group("v")) \
            and not re.match(r"左右|以上|余|多", m.group("obj")):
        v = m.group("v")
        verb = _formal_verb(v, m.group("obj")) if len(v) == 1 else v
        pre = m.group("pre")
        return f"{pre}{verb}{m.group('obj')}{m.group('num')}{m.group('unit')}"
    m = re.match(rf"^(?P<topic>[\u4e00-\u9fff“”A-Za-z]{{2,12}}?)(?P<t>全年|本年度)?(?P<v>出|发|做|开|办|搞|推|编|印)了?{_COUNT}$", c)
    if m and not re.search(r"公众号|网站|专栏|平台|账号|微博|抖音|视频号|热线|栏目", m.group("topic")):
        verb = _formal_verb(m.group("v"), m.group("topic"))
        return f"{m.group('t') or ''}{verb}{m.group('topic')}{m.group('num')}{m.group('unit')}"
    return c


def formal(c: str, ref: SelfRef) -> str:
    """One statement in the register of a report (no subject, figures as said, no colloquialism)."""
    c = _self_inside(c, ref)
    c = _times(c)
    for pat, rep in _IDIOMS:
        c = pat.sub(rep, c)
    c = _numerals(c)
    clauses = []
    for p in split_clauses(c):       # the replacements are anchored on clauses
        p = _reorder(p)
        for pat, rep in _REPLACE:
            p = pat.sub(rep, p)
        clauses.append(p)
    c = "，".join(clauses)
    if "__DO__" in c:      # 保密审查也做了 → 开展保密审查, clause by clause
        c = "，".join(("开展" + p.replace("__DO__", "")) if "__DO__" in p else p for p in split_clauses(c))
    c = _LE.sub(r"\1", c)
    c = re.sub(r"了(?=[，,。；]|$)", "", c)
    c = re.sub(r"(发布|推送|公开)(?=(?:约|近|超|逾)?\d+(?:\.\d+)?余?(?:条|篇)(?:左右|以上)?(?:$|[，,]))", r"\1信息", c)
    c = re.sub(r"(?<=[\u4e00-\u9fff])(?<![现共拥具还没都均所占])有(?=(?:约|近|超|逾)?\d)", "", c)
    c = re.sub(r"(?<=[\u4e00-\u9fff])的(?=(?:约|近|超|逾)?\d)", "", c)
    c = _TAIL.sub("", c)
    c = re.sub(r"(?<=[类型种])的(?=[\u4e00-\u9fff]|[，,、]|$)", "", c)
    c = re.sub(r"^有(?=[\u4e00-\u9fff]+、)", "包括", c)
    c = re.sub(r"[，,]有([\u4e00-\u9fffA-Za-z0-9]+?)的?、有([\u4e00-\u9fffA-Za-z0-9]+?)的?[，,](?:还有|以及)?", r"，包括\1、\2和", c)
    c = re.sub(r"\s+", "", c)
    return c.strip("，,、 ")


def _classify(c: str, part: str | None) -> str | None:
    """The aspect whose words match, within ``part`` first; None if nothing matches."""
    probe = mask_names(c) if False else c
    if part:
        for a in (x for x in ASPECTS if x.part == part):
            if a.words and re.search(a.words, probe):
                return a.key
    for a in ASPECTS:
        if a.words and re.search(a.words, probe):
            return a.key
    return None


_CONTINUE = re.compile(r"^(?:大部分|大多|多数|少数|绝大多数|其余|其中|包括|含|涉及|分别|占|同比|较上|比上|均|都|全部|并|且|有(?![\u4e00-\u9fff]*[、])|有[^\d]*、|还有|以及|主要是|主要|"
                       r"结果|每|做到|确保|实现|覆盖|参训|参加的|图解|家长|群众|企业|形式|内容|涉及)")


def _part_topic(c: str) -> str | None:
    m = _TOPIC_RE.match(c)
    if not m:
        return None
    for i, key in enumerate(_TOPIC_KEYS):
        if m.group(f"t{i}"):
            return key
    return None


def _status(c: str) -> str:
    if NOT_DONE.search(c):
        return "未整改"
    if DOING.search(c):
        return "整改中"
    if DONE.search(c):
        return "已整改"
    return ""


def read_account(text: str, ref: SelfRef, hint: str | None = None) -> list[Heard]:
    """What a clerk said about the year, as statements filed by aspect (in the order said)."""
    out: list[Heard] = []
    bodies: dict[int, list[str]] = {}
    part: str | None = hint.split(".", 1)[0] if hint and hint.split(".", 1)[0] in TOPIC_BY_KEY else None
    sub_hint: str | None = hint if hint in ASPECT_BY_KEY else None
    kind = hint if hint in ("problems", "measures") else None
    for sentence in split_sentences(text):
        raw_clauses = split_clauses(sentence)
        if kind and hint not in ("problems", "measures") and not (
                _ENUM.match(raw_clauses[0]) or (kind == "problems" and PROBLEM.search(sentence))
                or (kind == "measures" and MEASURE.search(sentence))):
            kind = None     # a list of problems or measures goes on only while it is marked as one
        current: Heard | None = None
        for raw in raw_clauses:
            c = raw.strip()
            if FILLER.match(c):
                t = _filler_topic(c)
                if t:
                    part, sub_hint, kind = _set_context(t)
                continue
            t = _part_topic(c)
            if t:
                part, sub_hint, kind = _set_context(t)
                current = None
                continue
            m = _TOPIC_HEAD.match(c)
            if m:
                part, sub_hint, kind = _set_context(m.lastgroup)
                current, c = None, c[m.end():]
            # A context word at the head of a clause: 问题嘛，… / 问题主要是… / 下一步我们准备…
            m = _PROBLEM_HEAD.match(c)
            if m and m.end() < len(c):
                kind, c, current = "problems", c[m.end():], None
            m = _MEASURE_HEAD.match(c)
            if m and 0 < m.end() < len(c):
                kind, c, current = "measures", c[m.end():], None
            stripped = strip_subject(c, ref)
            cont = bool(_CONTINUE.match(c)) or bool(_ADVERBIAL.match(stripped)) or bool(_CONTINUE.match(stripped)) \
                or bool(_FRAGMENT.match(stripped)) or (current is not None and current.aspect == "last_year_followup")
            enum = _ENUM.match(c)
            if enum:
                c = c[enum.end():]
                if kind in ("problems", "measures"):
                    current, cont = None, False
            c = _TAIL.sub("", _LEAD.sub("", c))
            if kind in ("problems", "measures"):
                c = re.sub(r"^(?:主要是|主要有|主要表现在|表现在|就是)", "", c)
            if not c or FILLER.match(c):
                continue
            heard = _file(c, raw, ref, part, sub_hint, kind)
            if heard is None:
                continue
            if current is not None and not current.none and not heard.none and (
                    cont or heard.aspect == current.aspect and heard.aspect not in ("problems", "measures")
                    or _is_fragment(c) or heard.aspect == "other" or heard.guessed):
                bodies[id(current)].append(heard.text)
                current.clause += "，" + raw
                current.status = current.status or heard.status
                continue
            current = heard
            bodies[id(heard)] = [heard.text]
            out.append(heard)
    for h in out:
        if not h.none and not h.fixed:
            h.text = formal("，".join(b for b in bodies[id(h)] if b), ref)
        h.text = _finish(h.text, ref)
        if h.aspect == "last_year_followup":
            h.status = _status(h.clause)
        if h.aspect == "fees" and "信息处理费" not in split_clauses(h.text)[0] and "收取" in h.text:
            h.text = h.text.replace("收取", "收取信息处理费", 1)
    return [h for h in out if h.text or h.none or h.subject]


_PROBLEM_HEAD = re.compile(r"^(?:(?:存在的|还存在的|主要的?)?(?:问题|不足|短板)(?:方面)?(?:嘛|呢|的话|就是|主要是|是|有)+|"
                           r"(?:存在的问题|不足之处|不足的地方)(?:主要)?(?:是|有|就是)?)[，,：:]?")
_MEASURE_HEAD = re.compile(r"^(?:下一步|下阶段|接下来|今后|明年|来年)[，,]?(?:我们|咱们|本局|局里)?(?:准备|打算|计划|要|将|拟|考虑)?"
                           r"|^(?:我们|咱们)?(?:准备|打算|计划)(?:在|于)?(?:明年|下一步)?")
_TOPIC_HEAD = re.compile(r"^(?:(?P<applications>依申请公开|依申请)|(?P<active>主动公开)|(?P<management>信息管理)|(?P<platform>平台建设)|"
                         r"(?P<supervision>监督保障))(?:这块|方面|工作)?(?=今年|全年|本年度|共|一共|都|没|未|一件|均)")
_FRAGMENT = re.compile(r"^[\u4e00-\u9fff]{1,4}?了?(?:约|近|超|逾)?[\d一二两三四五六七八九十百千]+(?:\.\d+)?(?:余|多|来)?"
                       r"(?:条|件|篇|个|次|场|期|份|人次|项)(?:左右|以上)?$")
_ADVERBIAL = re.compile(r"^(?:在|通过|依托|利用|对|向|按|按照|经|用|以|专门|专题|主要|重点|分别|同步|累计|其中|全部|均)")


def _is_fragment(c: str) -> bool:
    return len(c) <= 6 or bool(re.match(r"^(?:每|定期|并|做到|确保|实现)", c))


def _filler_topic(c: str) -> str | None:
    for key in ("management", "platform", "supervision", "active", "applications"):
        if re.search(TOPIC_NAMES[key], c) and re.search(r"刚才|前面|上面|之前", c):
            return key
    return None


def _set_context(t: str) -> tuple[str | None, str | None, str | None]:
    if t in ("problems", "measures"):
        return None, None, t
    if t in ASPECT_BY_KEY:
        return part_of(t), t, None
    return t, None, None


def _file(c: str, raw: str, ref: SelfRef, part: str | None, sub_hint: str | None, kind: str | None) -> Heard | None:
    """Where one clause goes; its text is the clause without subject (put in register later)."""
    body = strip_subject(c, ref)
    if not body:
        return None
    # 六: 信息处理费 not charged, said in any way.
    if FEE_NONE.search(c) or (part == "fees" and re.fullmatch(r"(?:本年度|全年)?(?:没收|没有收|未收|没有|无|没)(?:过|取)?", body)):
        return Heard("fees", "本年度未收取信息处理费", raw, fixed=True)
    if re.search(r"信息处理费", c) or part == "fees" and re.search(r"收取|收了|元", c):
        return Heard("fees", body, raw)
    # Last year's problems and how far they are put right.
    if LAST_YEAR.search(c) and re.search(r"问题|整改|不足", c):
        subject = ""
        m = re.search(r"(?:提|提出|说|讲|指出|列|写)(?:的|了的|到的)?(.+?)(?:的)?(?:问题|不足)", c)
        if m:
            subject = formal(strip_subject(m.group(1), ref), ref).strip("“”")
        rest = strip_subject(re.sub(r"^.*?(?:问题|不足)[，,]?", "", c), ref) if m else body
        return Heard("last_year_followup", rest, raw, status=_status(c), subject=subject)
    if kind == "problems" and (not WORK.search(c) or PROBLEM.search(c)):
        return Heard("problems", body, raw)
    if kind == "measures":
        return Heard("measures", re.sub(r"^(?:还要|要|将|准备|打算|计划|拟|继续要)+", "", body), raw)
    if kind is None and PROBLEM.search(c) and not WORK.search(c) and part not in ("fees", "work_points", "proposals"):
        return Heard("problems", body, raw)
    # Contact details for the opening paragraph.
    if PHONE.search(c) and re.search(r"电话|联系|传真", c):
        return Heard("contact.phone", body, raw)
    if re.search(r"电子版|下载|查阅本报告", c) and (URL.search(c) or re.search(r"网站|专栏", c)):
        return Heard("contact.website", body, raw)
    if part in ("work_points", "proposals", "innovation", "fees", "other") and NOT_APPLICABLE.match(body):
        return Heard(part, "", raw, none=True)
    for key in ("work_points", "proposals", "innovation"):
        if re.search(TOPIC_NAMES[key], c):
            return Heard(key, body, raw)
    if part in ("work_points", "proposals", "innovation", "other"):
        return Heard(part, body, raw)
    aspect = _classify(formal(body, ref), part)
    return Heard(aspect or sub_hint or part or "other", body, raw, guessed=aspect is None)


def _finish(text: str, ref: SelfRef) -> str:
    text = text.strip("，,；; ")
    text = re.sub(r"[，,]{2,}", "，", text)
    text = re.sub(r"^(?:全年|本年度)(?=(?:本局|" + "|".join(re.escape(x) for x in ref.all()) + r"))", "", text)
    return text
