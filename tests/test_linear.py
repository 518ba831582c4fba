"""Validation does work in proportion to the length of the prose: counted, not timed (speed figures
live in `make bench`; its slope line is the timed form of this). The lines of the project's code
executed while validating a report whose 总体情况 is 50 thousand and 200 thousand characters are
counted; four times the text must take about four times the lines, not sixteen (a rule that, for
each figure, walks every figure of the text once made it so)."""
from __future__ import annotations

import copy
import sys
from pathlib import Path

from drafting.io import load_report
from drafting.resources import EXAMPLE_REPORT
from drafting.validator import validate

PACKAGE = str(Path(__file__).resolve().parent.parent / "drafting")


def _lines_run(n: int) -> int:
    base = load_report(EXAMPLE_REPORT)
    para = base.sections["overall"].text
    rep = copy.deepcopy(base)
    rep.sections["overall"].text = ("\n".join([para] * (n // len(para) + 1)))[:n]
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def trace(frame, event, arg):
        # only the project's own code: the standard library and packages are not counted
        return local if frame.f_code.co_filename.startswith(PACKAGE) else None

    validate(rep)                   # warm: compiled patterns and caches of the format data
    sys.settrace(trace)
    try:
        validate(rep)
    finally:
        sys.settrace(None)
    return count


def test_validation_work_grows_in_proportion_to_the_prose():
    small, large = _lines_run(50_000), _lines_run(200_000)
    assert small > 10_000             # the count sees the rules' work
    assert large / small < 5.5, (small, large)


def test_period_words_are_looked_for_near_the_figure_only():
    """The words before a figure (for 上年度, 累计 … in its sentence) are read back at most a fixed
    reach: read back to the text's start for each sentence mark a text lacks, they made validation
    quadratic in a long text without those marks (make bench: 100× the text took 525× the time),
    which the line count above cannot see (str.rfind runs in C)."""
    from drafting.claims.lexicon import _REACH, _before_in_sentence
    text = "本年度收到申请" * 200_000 + "3件"
    assert len(_before_in_sentence(text, len(text) - 2)) <= _REACH
    assert _before_in_sentence("上年度。本年度收到申请3件", 11) == "本年度收到申请"
