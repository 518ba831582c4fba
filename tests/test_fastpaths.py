"""Rules' shortcuts give what the plain way gives: each is compared, on generated input, with the
straightforward version it replaced."""
from __future__ import annotations

import re
from bisect import bisect_right

from hypothesis import given
from hypothesis import strategies as st

from drafting import identity
from drafting.validator.rules import style


def _stray_brackets_char_by_char(text: str):
    if ">" not in text:
        return
    for line in text.split("\n"):
        if ">" not in line:
            continue
        depth, start = 0, 0
        for i, ch in enumerate(line):
            if ch in "。；！？":
                start = i + 1
            if ch == "<":
                depth += 1
            elif ch == ">":
                nxt = line[i + 1:i + 2]
                if depth == 0 and nxt and (nxt.isdigit() or nxt in "=＝" or "\u4e00" <= nxt <= "\u9fff"):
                    continue
                if depth == 0 and i and not line[i - 1].isspace():
                    yield line[start:i + 1].strip()
                    start = i + 1
                else:
                    depth -= 1


@given(st.text(alphabet="<>。；！？ \n首页政务公开a5=＝", max_size=40))
def test_stray_brackets_are_found_as_a_walk_over_every_character_finds_them(text):
    assert list(style._stray_brackets(text)) == list(_stray_brackets_char_by_char(text))


def _subjects_with_every_clause_start(text: str):
    end_before_verb = re.compile(rf"[局委办厅府室会心馆署处所站院部道镇乡区县市省州盟旗](?={identity._WORK.pattern})")
    openers = identity.agencies.not_subject_openers()
    done, starts = set(), None
    for hit in end_before_verb.finditer(text):
        end = hit.start() + 1
        if starts is None:
            starts = [0] + [m.end() for m in identity._CLAUSE_START.finditer(text)]
        p = starts[bisect_right(starts, hit.start()) - 1]
        lead = identity._LEAD.match(text, p, end)
        q = lead.end() if lead else p
        if q in done or end - q < 2 or end - q > identity._WINDOW:
            continue
        cand = text[q:end]
        if identity._WORK.search(cand) or identity.SELF_RE.fullmatch(cand) or cand.startswith(openers):
            continue
        n = identity.parse_name(cand)
        if n is not None:
            done.add(q)
            yield n.text, q, end


@given(st.lists(st.sampled_from(["兴庆区人社局", "市政府", "本局", "坚持", "通过", "，", "。", "2024年", "（一）",
                                 "积极", "科技局", "开展", "按照", "区", "\n", "县财政局"]), max_size=14))
def test_subjects_are_those_found_from_every_clause_start(words):
    text = "".join(words)
    assert [(n.text, a, b) for n, a, b in identity._subjects(text)] == list(_subjects_with_every_clause_start(text))


@given(st.text(alphabet="审计信息专栏公开政府信息门户网站a1，|", max_size=30))
def test_four_character_stretches_are_the_windows_a_scan_of_every_position_finds(topic):
    from drafting.validator.rules import narrative
    t = narrative._GENERIC.sub("|", topic)
    plain = list(dict.fromkeys(t[i:i + 4] for i in range(len(t) - 3) if re.fullmatch(r"[\u4e00-\u9fff]{4}", t[i:i + 4])))
    assert narrative._grams(topic) == plain


def test_a_phrase_too_short_for_a_topic_of_four_has_none():
    from drafting.validator.rules import narrative
    assert all(len(w) >= 2 for w in narrative._VERB.pattern.split("|"))
    short = "审计信息公" + "开"          # 审计信息 + 公开: the shortest phrase with a topic of four
    assert len(short) == narrative._MIN_TOPIC_PHRASE and narrative._topic(short) == ("审计信息", "公开")
