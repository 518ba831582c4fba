"""drafting/scan.py finds exactly the matches finditer finds, only faster."""
from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from drafting import scan
from drafting.claims.read import DATE_RE, PERCENT_WORDS_RE, QUANTITY_RE
from drafting.injection import _RE as INSTRUCTION_RE

# Patterns of the code base and the constructs the first-character reading must get right:
# optional groups, alternations, lookbehind and \b before the first character, scoped and global
# case-blindness, repeats that may be empty, categories and ranges.
PATTERNS = [
    QUANTITY_RE, DATE_RE, PERCENT_WORDS_RE, INSTRUCTION_RE,
    re.compile(r"(?<![A-Za-z])(?:XX+|xx+)(?![A-Za-z])|××+|\?\?\?+|…{3,}|（\s*）|【\s*】"),
    re.compile(r"(?:约|近)?\d+件"),
    re.compile(r"\bsystem\s+prompt\b|(?i:ignore)\s+all"),
    re.compile(r"(?i)abc|k"),
    re.compile(r"x?(?i:ab)c"),
    re.compile(r"a*b+|c?d"),
    re.compile(r"(?:x|)y"),
    re.compile(r"^\s*[-*+]\s+\S", re.M),
    re.compile(r"[a-c0-9]{2}(?=年)"),
    re.compile(r"(?:没有|未(?!经))[^，。]{0,6}(?:收到|受理)申请(?![^，。]{0,4}复议)"),
    re.compile(r"作为(?:一[个名])?(?:AI|助手)|(?i:ai)助手"),
    re.compile(r"印发(?:日期)?\d+|\d年\d+月印发"),
    re.compile(r"(?<![\d.])\d+件|1\d年|(?<!x)多余"),
]
ALPHABET = "作为一个名AI助手ai没有未经收到受理申请复议印发日期ABCIGNOREPROMPT0123456789一二十百〇件年月日约近将多余xXaAbBcdkKK y…（）【】?×\n#-*+忽略之前的要求ignoreALLsystemprompt"


@given(st.text(alphabet=ALPHABET, max_size=60), st.integers(0, 5))
@example("IGNORE all, xABc, Kk, 约12件，二〇二三年5月1日，百分之九十", 0)
@example("a12年", 1)
@example("3.5件 212年 12件", 0)
def test_matches_are_finditer_and_search_is_search(text, pos):
    for p in PATTERNS:
        assert [m.span() for m in scan.matches(p, text, pos)] == [m.span() for m in p.finditer(text, pos)], p.pattern
        a, b = scan.search(p, text, pos), p.search(text, pos)
        assert (a and a.span()) == (b and b.span()), p.pattern


def test_first_characters_are_read_where_the_engine_cannot_skip():
    # the pattern begins with an optional group: without the class, every position is tried
    assert scan.starts(QUANTITY_RE).search("全年共收到申请") is None
    assert scan.starts(QUANTITY_RE).search("约") is not None
    # case-blind patterns give a case-blind class
    assert scan.starts(re.compile(r"(?i)ignore")).search("IGNORE") is not None


def test_needles_every_match_contains():
    assert scan.needles(re.compile(r"(?:没有|未)[^，]{0,6}收到申请")) == ("收到申请",)
    assert set(scan.needles(re.compile(r"希望.{0,4}帮助|如需修改"))) == {"帮助", "如需修改"}
    assert scan.needles(re.compile(r"(?i)ignore|系统提示词")) is None      # a cased word, case-blind
    assert scan.needles(re.compile(r"a?b?")) is None
    assert not scan.possible(re.compile(r"(?:没有|未)[^，]{0,6}收到申请"), "本年度未收到复议")
    assert scan.possible(re.compile(r"(?:没有|未)[^，]{0,6}收到申请"), "本年度未收到申请")


def test_any_possible_looks_for_every_pattern_at_once():
    words = (re.compile("咱们"), re.compile(r"今年(?!以来)"), re.compile(r"搞(?!好)"))
    assert not scan.any_possible(words, "本年度共公开信息20条")
    assert scan.any_possible(words, "今年以来")          # a needle is there: may match, search it
    assert scan.any_possible(words + (re.compile(r"\d?"),), "abc")   # one without needles: always


def test_a_lookbehind_before_the_first_character_narrows_the_start():
    first = scan.starts(re.compile(r"(?<![\d.])\d+件|1\d年"))
    assert [m.start() for m in first.finditer("x213件 5.5")] == [1, 2, 6]     # 1 may begin 1\d年
    assert first.search("约") is None


def test_what_may_start_anywhere_is_scanned_as_usual():
    assert scan.starts(re.compile(r"a*")) is None          # may match the empty string
    assert scan.starts(re.compile(r"[^a]b")) is None       # begins with almost any character
    assert scan.starts(re.compile(r".x")) is None
    assert [m.span() for m in scan.matches(re.compile(r"[^a]b"), "xbab")] == [(0, 2)]


def test_the_seeker_skips_to_where_the_pattern_matches():
    """The search for where to try a pattern checks the whole pattern in C: the first characters
    where it does not match (一是, a digit of 12件) are not returned to Python."""
    text = "一是2023年度，二是全年共12件，约近。"
    assert [m.start() for m in scan.seeker(DATE_RE).finditer(text)] == [m.start() for m in DATE_RE.finditer(text)]
    assert [m.start() for m in scan.seeker(QUANTITY_RE).finditer(text)] == [m.start() for m in QUANTITY_RE.finditer(text)]
    assert scan.seeker(re.compile(r"x?(?i:ab)c")).pattern == scan.starts(re.compile(r"x?(?i:ab)c")).pattern
