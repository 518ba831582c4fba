"""The claims layer: every spelling of a figure is read, offsets point into the original text."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafting.claims import normalise, numeral_value, read
from drafting.claims import lexicon
from drafting.claims.lexicon import ties


@pytest.mark.parametrize("text,value", [
    ("一百二十", 120), ("两千", 2000), ("十", 10), ("十五", 15), ("三万五千", 35000), ("壹佰贰拾", 120),
    ("伍佰", 500), ("二〇二四", 2024), ("1,200", 1200), ("3万", 30000), ("1.5万", 15000),
])
def test_numerals(text, value):
    assert numeral_value(text) == Decimal(value)


def test_quantities_in_every_spelling_with_approximation_and_kind():
    r = read("全年发布信息7700余条，受理近千件，十余次，逾千篇，⑨件，伍佰元，办结率百分之百，满意度95%，第12期简报，約三十次。")
    got = [(q.text, int(q.value), q.unit, q.approx, q.kind) for q in r.quantities]
    assert ("7700余条", 7700, "条", "余", "count") in got
    assert ("近千件", 1000, "件", "近", "count") in got
    assert ("十余次", 10, "次", "余", "count") in got
    assert ("逾千篇", 1000, "篇", "逾", "count") in got
    assert ("⑨件", 9, "件", "", "count") in got                # circled digit, quoted as written
    assert ("伍佰元", 500, "元", "", "count") in got
    assert ("百分之百", 100, "%", "", "percent") in got
    assert ("95%", 95, "%", "", "percent") in got
    assert ("12期", 12, "期", "", "ordinal") in got
    assert ("約三十次", 30, "次", "約", "count") not in got   # 約 is not 约: traditional only for names
    # 12345 and H5 are names, not figures
    assert not read("开通12345热线和H5专题").quantities


def test_the_second_of_a_series_of_articles_is_an_ordinal():
    # 《条例》第二十、二十一条 (安宁市政府办 2022, 第二百四十四批): 二十一条 was counted as 21 items and
    # named in N001's message as another total the list did not fit
    r = read("按照《条例》第二十、二十一条规定，公开政府信息880条。")
    assert [(int(q.value), q.kind) for q in r.quantities if q.unit == "条"] == [(21, "ordinal"), (880, "count")]


def test_normalisation_keeps_offsets_into_the_original():
    text = "興慶區人社局\u200b收到申請１２件"
    n = normalise(text)
    assert n.text == "兴庆区人社局收到申请12件"
    i = n.text.index("12件")
    assert n.quote(i, i + 3) == "１２件"
    q = read(text).quantities[0]
    assert text[q.start:q.end] == "１２件" and q.value == 12


def test_dates_docnos_titles():
    r = read("2024年3月15日按照〔2024〕17号文件和《2024年政务公开工作要点》部署，3月20日完成，二〇一九年。")
    assert [(d.year, d.month, d.day) for d in r.dates] == [(2024, 3, 15), (None, 3, 20), (2019, None, None)]
    assert [s.text for s in r.docnos] == ["〔2024〕17号"]
    assert [s.text for s in r.titles] == ["《2024年政务公开工作要点》"]
    assert not any(q.value == 17 for q in r.quantities)      # a 文号 is not a quantity


def test_enumerations_and_their_totals():
    r = read("共公布信息1200条，（其中机构职能类30条，政策文件400条，其他类400条）。")
    [e] = r.enumerations
    assert [int(t.value) for t in e.totals] == [1200] and [int(p.value) for p in e.parts] == [30, 400, 400]
    assert e.catch_all and not e.open
    r = read("新闻发布会40场、通气会10场。其中，新闻发布会包括例行发布会30场、专题发布会10场。")
    e = r.enumerations[0]
    assert 40 in [int(t.value) for t in e.totals]              # 其中 may refer to the earlier total
    r = read("共制发487条，其中，主动公开117条（涵盖政策类10条、其他107条）、依申请公开274条、不予公开96条。")
    e = next(e for e in r.enumerations if e.marker == "其中")
    assert [int(p.value) for p in e.parts] == [117, 274, 96]    # the nested list belongs to 117


def test_ties_only_through_the_lexicon_and_with_certainty():
    r = read("全年共收到政府信息公开申请23件，办结22件，1件结转下年度继续办理。"
             "涉及自然人18件、商业企业4件。因政府信息公开被申请行政复议2件、提起行政诉讼1件。")
    got = {(t.quantity.text, t.keys[0], t.certain) for t in ties(r)}
    assert ("23件", "t3.received", True) in got
    assert ("22件", "t3.handled", True) in got
    assert ("1件", "t3.carry_forward", True) in got
    assert ("18件", "t3.natural_person", True) in got
    assert not any(q == "4件" for q, _, _ in got)               # 商业企业 has no metric: untied
    assert ("2件", "t4.review_total", True) in got and ("1件", "t4.litigation_total", True) in got
    r = read("主动公开政府信息250条、依申请公开20条、不予公开30条。")
    assert ties(r) == []                                        # attributes of published items
    r = read("全市共收到政府信息公开申请20余件，其中公开答复10件。")
    [t] = ties(r)
    assert t.keys[0] == "t3.received" and not t.certain         # approximate and a scope word
    # who applied, in the form's words (受理公民、法人或其他组织提出的…申请62件 — 连云区政府办 2025, 第四百五十八批):
    # the 、 of 公民、法人 ends no list item, and the words between 受理 and 申请 do not untie the figure
    r = read("全年共受理公民、法人或其他组织提出的政府信息公开申请62件。")
    assert [(t.quantity.text, t.keys[0]) for t in ties(r)] == [("62件", "t3.received")]


_WORDS = ["收到", "申请", "办结", "答复", "结转", "下年度", "上年", "自然人", "法人", "行政复议", "诉讼", "被", "提起",
          "公开", "予以", "不予", "处理", "规范性文件", "制发", "办结率", "为", "共", "的", "全年", "2024年", "继续办理"]


@given(st.lists(st.sampled_from(_WORDS), max_size=5), st.lists(st.sampled_from(_WORDS), max_size=3),
       st.sampled_from(sorted(lexicon._BY_UNIT)))
def test_one_search_per_unit_rules_out_exactly_what_no_phrasing_matches(before, after, unit):
    q = read("收到申请2件").quantities[0]
    q = type(q)(q.value, unit, q.start, q.end, q.text, phrase="".join(before), after="".join(after))
    any_hit = any((ph.before is not None and ph.before.search(q.phrase)) or
                  (ph.after is not None and not q.phrase and ph.after.search(q.after))
                  for ph in lexicon._BY_UNIT[unit])
    assert lexicon._may_tie(q) == bool(any_hit)


@given(st.text(alphabet="申请１２件①⑩㉑\u200b\u202e區縣，：（）ab 3", max_size=30), st.integers(0, 35))
def test_the_head_of_a_normalisation_is_the_normalisation_of_the_head(text, n):
    head, direct = normalise(text).head(n), normalise(text[:n])
    assert (head.text, head.original, head._back) == (direct.text, direct.original, direct._back)


def test_quantities_are_made_as_the_dataclass_makes_them():
    from drafting.claims.read import Quantity, _quantity
    values = (Decimal(12), "件", 3, 6, "12件", "余", "count", "收到申请", "", 1, 2, True)
    q = _quantity(*values)
    assert q == Quantity(*values) and hash(q) == hash(Quantity(*values)) and repr(q) == repr(Quantity(*values))
    with pytest.raises(AttributeError):
        q.value = Decimal(1)        # still frozen


@given(st.text(alphabet="申请行政复议诉讼统计期限涵盖。！？!?\n 、a1", max_size=50))
def test_sentences_with_words_are_those_a_search_per_sentence_finds(text):
    import re
    words = re.compile("申请|行政复议|行政诉讼|统计(?:期限|时间)|涵盖")
    r = read(text)
    assert list(r.sentences_with(words)) == [i for i, (a, b) in enumerate(r.sentences)
                                              if words.search(r.norm.text, a, b)]


def test_units_with_an_approximation_or_object_count_as_the_plain_unit():
    from drafting.claims.read import _UNIT_AS, UNITS
    for u in UNITS:
        assert _UNIT_AS.get(u, u) == u.replace("余条", "条").replace("条信息", "条").replace("余份", "份")
    assert [q.unit for q in read("公开信息200余条、30条信息，印发50余份。").quantities] == ["条", "条", "份"]


_DATE_PIECES = ["2024", "2019", "二〇二四", "一二", "年", "月", "日", "度", "3", "12", "٣", "１", " ", "\n", "\u3000",
                "。", "！", "?", "，", "a"]


@given(st.lists(st.sampled_from(_DATE_PIECES), max_size=16))
def test_dates_found_back_from_their_marks_are_those_a_scan_finds(pieces):
    from drafting.claims.read import DATE_RE, _dates
    text = "".join(pieces)
    assert [m.span() for m in _dates(text)] == [m.span() for m in DATE_RE.finditer(text)]


@given(st.lists(st.sampled_from(_DATE_PIECES + ["\t", "\n\n", " \n"]), max_size=16))
def test_sentences_are_those_a_walk_over_the_end_marks_finds(pieces):
    import re
    from drafting.claims.read import _sentences
    text = "".join(pieces)
    plain, start = [], 0
    for m in re.finditer(r"[。！？!?\n]", text):
        if text[start:m.end()].strip():
            plain.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        plain.append((start, len(text)))
    assert _sentences(text) == plain


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["申请", "12件", "3项", "5%", "一个", "约8条", "，", "、", "；", "：", ",", ";", "（", "）", "(",
                                 ")", "。", "为", " ", "a"]), max_size=16))
def test_a_quantity_s_item_parenthesis_and_phrase_are_those_a_plain_walk_over_its_sentence_finds(pieces):
    import re
    from hypothesis import assume
    from drafting.claims.read import _CONNECT
    r = read("".join(pieces))
    assume(r.norm._back is None)            # offsets into the normalised text are the quantities'
    t = r.norm.text
    ends: dict[int, int] = {}               # sentence -> end of its last quantity
    item = depth = 0
    for q in r.quantities:
        if q.sentence not in ends:
            item = depth = 0
        seg = t[ends.get(q.sentence, r.sentences[q.sentence][0]):q.start]
        item += len(re.findall("[，、；,;]", seg))
        depth += seg.count("（") + seg.count("(") - seg.count("）") - seg.count(")")
        cut = re.match("(?s:.*)[，、；：,;:（）()]", seg)
        phrase = seg[cut.end():] if cut else seg
        lead = _CONNECT.match(phrase)
        # a bracket that never closes in its sentence (nor right after its 。) holds nothing: there the
        # quantity is inside brackets only between a pair that closes
        s0, s1 = r.sentences[q.sentence]
        whole = t[s0:s1 + 2]
        inside = depth > 0
        if whole.count("（") + whole.count("(") > whole.count("）") + whole.count(")"):
            stack, pairs = [], []
            for i, c in enumerate(whole):
                if c in "（(":
                    stack.append(s0 + i)
                elif c in "）)" and stack:
                    pairs.append((stack.pop(), s0 + i))
            inside = any(o < q.start < c for o, c in pairs)
        assert (q.item, q.paren, q.phrase) == (item, inside, (phrase[lead.end():] if lead else phrase).strip())
        ends[q.sentence] = q.end


def test_the_rows_that_open_with_other_are_the_format_datas():
    """CATCH_ALL passes over items naming a table row that opens with 其他 (其他对外管理服务事项); the
    row words it holds are those of the format data (the claims layer does not import it)."""
    from drafting.claims.read import CATCH_ALL, ROW_OTHERS
    from drafting.formats import VERSIONS, get_template
    rows = {r.label[2:] for v in VERSIONS for tab in get_template(v).tables.values() for r in tab.rows
            if r.label.startswith("其他") and len(r.label) > 4}
    assert set(ROW_OTHERS) == rows
    for tail in rows:
        assert not CATCH_ALL.match("其他" + tail) and not CATCH_ALL.match("其他" + tail[::-1])
    assert CATCH_ALL.match("其他信息")


def test_a_list_opened_by_其中_after_the_words_涵盖_names_is_read_once():
    # 淝南镇 2022 (第三百九十九批): 「590条,内容涵盖了群众密切相关的各项信息,其中财政资金公开187条、…」 was read twice,
    # from 涵盖 and from 其中, and N001 warned of the same list twice
    r = read("主动公开政府信息590条,内容涵盖了群众密切相关的各项信息,其中财政资金公开187条、政策解读公开11条,回应关切公开38条。")
    assert [(e.marker, [p.value for p in e.parts]) for e in r.enumerations] == \
        [("其中", [Decimal(187), Decimal(11), Decimal(38)])]
    # 涵盖 with its own figures still opens its list
    r = read("主动公开政府信息590条,内容涵盖财政资金公开187条、政策解读公开11条。")
    assert [e.marker for e in r.enumerations] == ["涵盖"]
