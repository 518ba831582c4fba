"""One normalisation before anything reads Chinese prose, keeping offsets into the original.

Full-width digits and punctuation become half-width, traditional forms of the characters that make
up agency and place names become simplified, circled and parenthesised numerals become digits,
and zero-width and bidi control characters disappear — so spelling cannot hide a figure, a year or
a name. ``Norm.orig(i)`` maps a position in the normalised text back to the original.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

# One character for one character: translate() keeps every offset.
_FULLWIDTH = {chr(0xFF10 + i): str(i) for i in range(10)}
_FULLWIDTH.update({"％": "%", "．": ".", "，": "，", "：": "：", "（": "（", "）": "）",
                   "－": "-", "＋": "+", "／": "/", "　": " "})
for _i in range(26):
    _FULLWIDTH[chr(0xFF21 + _i)] = chr(0x41 + _i)
    _FULLWIDTH[chr(0xFF41 + _i)] = chr(0x61 + _i)

# Traditional → simplified for the characters of agency, place and work names and of the tables'
# labels (not a converter for
# prose in general: enough that 興慶區人社局 reads as 兴庆区人社局 and 貳佰 as a figure).
_TRAD = "區縣鄉鎮廳處辦會務與環發開關興慶門電網報書據號說體財經濟貿勞動廣東華陽陝蘇臺灣銀衛計監審統稅員課機構組織資訊規劃設畫標準則條數檔彙編議頒佈實現應對鐘錢請產業農醫療藥質營運輸鐵郵氣礦漁態護園證權費項範級單複訴訟價貨進記紀檢驗執總歸圖館視聽絡碼線熱問題衆眾舉頭來時間們這個為義導辭職黨傳廢齊達遠選龍魯閩贛滬粵瓊隴寧晉遼過戶節擴專屬參顧獎勵優補貼災險訪諮詢種幹況並圍將從於後當較續稱寫讀內"
_TRAD += "許罰強結轉繼維糾決減額採購國穩類無沒製確認獲繳納閻"   # the tables' labels (行政許可, 結轉, 無法提供 …) and 閻良
# characters of place names (賀蘭縣, 靈武市: 贺兰县 2022 on a traditional mirror, 第一百七十三批), of surnames and of
# the work verbs a clause's doer is found by (堅持, 積極, 嚴格 …)
_TRAD += "賀蘭靈習鳳鳴嶺漢滄瀋潛濰臨豐樂紅綿烏長蓮湯陰陸隨雲韓風馬鶴黃懷歷紹灤灘濱撫順錦錫嶽貴雙廈莊葉萊遷鄭張陳劉楊趙孫吳堅積嚴紮貫繞籌針斷終緊"
# 經濟技術開發區 and its declared short name (以下簡稱“經開區”), 盤錦 (辽滨 2021, 第二百一十八批), 墊江 (垫江县 2019, 第二百一十六批)
_TRAD += "術簡盤墊復"
_SIMP = "区县乡镇厅处办会务与环发开关兴庆门电网报书据号说体财经济贸劳动广东华阳陕苏台湾银卫计监审统税员课机构组织资讯规划设画标准则条数档汇编议颁布实现应对钟钱请产业农医疗药质营运输铁邮气矿渔态护园证权费项范级单复诉讼价货进记纪检验执总归图馆视听络码线热问题众众举头来时间们这个为义导辞职党传废齐达远选龙鲁闽赣沪粤琼陇宁晋辽过户节扩专属参顾奖励优补贴灾险访咨询种干况并围将从于后当较续称写读内"
_SIMP += "许罚强结转继维纠决减额采购国稳类无没制确认获缴纳阎"
_SIMP += "贺兰灵习凤鸣岭汉沧沈潜潍临丰乐红绵乌长莲汤阴陆随云韩风马鹤黄怀历绍滦滩滨抚顺锦锡岳贵双厦庄叶莱迁郑张陈刘杨赵孙吴坚积严扎贯绕筹针断终紧"
_SIMP += "术简盘垫复"
assert len(_TRAD) == len(_SIMP)
_ONE = str.maketrans({**_FULLWIDTH, **dict(zip(_TRAD, _SIMP))})
_TRAD_ONLY = str.maketrans(dict(zip(_TRAD, _SIMP)))
_TRAD_RE = re.compile("[" + _TRAD + "]")
_CJK_RE = re.compile("[\u4e00-\u9fff]")


def looks_traditional(text: str) -> bool:
    """Is this text written in traditional characters (a mirror of a report, not one 興慶區 in it)?"""
    n = len(_TRAD_RE.findall(text[:20000]))
    return n >= 20 and n >= 0.03 * len(_CJK_RE.findall(text[:20000]))


def simplified(text: str) -> str:
    """The text with the traditional characters above in simplified form (one for one)."""
    return text.translate(_TRAD_ONLY)


# translate() with a table is slow per character; most text needs none of it, which one regex
# search (in C) tells. Characters the table keeps as they are (，：（）) do not count.
_NEEDS_ONE = re.compile("[" + re.escape("".join(k for k, v in _FULLWIDTH.items() if k != v) + _TRAD) + "]")

# Characters removed (zero-width, joiners, bidi controls, BOM, soft hyphen).
_DROP = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Characters that become several: circled and parenthesised numerals.
_MULTI = {chr(0x2460 + i): str(i + 1) for i in range(20)}                # ①–⑳
_MULTI.update({chr(0x2474 + i): str(i + 1) for i in range(20)})          # ⑴–⒇
_MULTI.update({chr(0x2488 + i): str(i + 1) for i in range(20)})          # ⒈–⒛
_MULTI.update({chr(0x3251 + i): str(i + 21) for i in range(15)})         # ㉑–㉟
# Pinyin glosses a mirror site puts after each character (機(jī)關(guān)): dropped, so the words read as
# written (黔南州 2024, 第三百八十六批, and the other mirror copies). Only a bracket of letters with a
# tone mark, right after a Chinese character; a toned vowel is what sends a text to the slow path.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])\((?=[a-zü]*[" + _TONED + r"])[a-zü" + _TONED + r"]{1,7}\)")
_SLOW = re.compile("[" + re.escape(_DROP + "".join(_MULTI) + _TONED) + "]")
# Either: a text with neither (nearly every one) is its own normalisation, which one search tells.
_EITHER = re.compile(_NEEDS_ONE.pattern[:-1] + _SLOW.pattern[1:])


@dataclass(frozen=True)
class Norm:
    text: str                       # normalised
    original: str
    _back: tuple[int, ...] | None   # normalised index → original index; None when 1:1

    def orig(self, i: int) -> int:
        """Original offset of normalised position ``i`` (``len`` maps to the original's end)."""
        if self._back is None:
            return i
        if i >= len(self._back):
            return len(self.original)
        return self._back[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self._back is None:
            return start, end
        if end <= start:
            return self.orig(start), self.orig(start)
        return self.orig(start), self.orig(end - 1) + 1

    def quote(self, start: int, end: int) -> str:
        """The original text of a normalised span, as the author wrote it."""
        a, b = self.span(start, end)
        return self.original[a:b]

    def head(self, n: int) -> "Norm":
        """The normalisation of ``original[:n]``, the same as normalise() makes, cut from this one."""
        if n >= len(self.original):
            return self
        if self._back is None:
            return Norm(self.text[:n], self.original[:n], None)
        if not _SLOW.search(self.original, 0, n):      # nothing dropped or widened before n
            return Norm(self.text[:n], self.original[:n], None)
        k = bisect_left(self._back, n)
        return Norm(self.text[:k], self.original[:n], self._back[:k])


def normalise(text: str) -> Norm:
    if not _EITHER.search(text):
        return Norm(text, text, None)
    one = text.translate(_ONE) if _NEEDS_ONE.search(text) else text
    if not _SLOW.search(one):
        return Norm(one, text, None)
    out: list[str] = []
    back: list[int] = []
    glossed = {i for m in _GLOSS.finditer(one) for i in range(*m.span())}
    for i, ch in enumerate(one):
        if ch in _DROP or i in glossed:
            continue
        rep = _MULTI.get(ch, ch)
        out.append(rep)
        back.extend([i] * len(rep))
    return Norm("".join(out), text, tuple(back))


def clause_bounds(text: str, pos: int) -> tuple[int, int]:
    """The clause around ``pos``: between ，；。：！？ and line breaks."""
    seps = "，；。：！？,;\n"
    lo = pos
    while lo > 0 and text[lo - 1] not in seps:
        lo -= 1
    hi = pos
    while hi < len(text) and text[hi] not in seps:
        hi += 1
    return lo, hi


def plain(text: str) -> str:
    """The normalised text alone (names, keys, comparisons)."""
    return normalise(text).text
