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
