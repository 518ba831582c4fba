"""A whitespace-free, punctuation-folded view of text that maps back to the original.

Published reports write the same label with full- or half-width brackets, 、 or ，, straight
or curly quotes, and stray spaces (OCR, line wrapping). Labels are matched on this compact view;
positions map back so values can be read from the original text.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate, repeat
from operator import sub

_FOLD = {
    "（": "(", "）": ")", "［": "(", "］": ")", "【": "(", "】": ")",
    "，": ",", "、": ",", "；": ";", "：": ":", "．": ".", "。": ".",
    "／": "/", "－": "-", "—": "-", "–": "-",
}
_FOLD.update({chr(0xFF10 + i): str(i) for i in range(10)})
_DROP = set("“”‘’\"'「」『』 \t\r\n\u3000\u00a0\u200b")


def fold_char(ch: str) -> str:
    return _FOLD.get(ch, ch)


_TABLE = {ord(ch): None for ch in _DROP} | {ord(k): v for k, v in _FOLD.items()}
_START, _END = re.Match.start, re.Match.end
_KEPT = re.compile("[^" + re.escape("".join(sorted(_DROP))) + "]+")
_DROPPED = re.compile("[" + re.escape("".join(sorted(_DROP))) + "]+")
_DROPPED_KEPT = re.compile("([" + re.escape("".join(sorted(_DROP))) + "]+)")   # split: keeps the dropped runs
# No fold's result is itself folded or dropped, so the order of the steps below does not matter.
assert not set(_FOLD.values()) & (set(_FOLD) | _DROP)


def _fold(text: str) -> str:
    # A regex removal and a few str.replace scans: str.translate with a dict looks every
    # character up (about twice as slow on a paragraph of Chinese); on a label it is quicker.
    if len(text) < 32:
        return text.translate(_TABLE)
    return _fold_kept(_DROPPED.sub("", text))


def _fold_kept(s: str) -> str:
    """The folds of _FOLD in text that holds no dropped character (each maps one character to
    one, so positions stay)."""
    for k, v in _FOLD.items():
        if k in s:
            s = s.replace(k, v)
    return s


class Compact:
    def __init__(self, text: str):
        self.text = text
        # the offsets of self.s are those of the kept characters
        self._runs: tuple[list[int], list[int], list[int]] | None = None
        self._lens: list[int] | None = None
        if len(text) < 32:
            self.s = _fold(text)
            return
        # One regex pass for both the compact text and its map back: split at the dropped runs
        # (kept, dropped, kept, …, kept); the pieces' lengths are where the kept runs lie.
        parts = _DROPPED_KEPT.split(text)
        self.s = _fold_kept("".join(parts[::2]))
        self._lens = list(map(len, parts))

    def _spans(self) -> tuple[list[int], list[int], list[int]]:
        # Built on first use (many compact views are only searched, never mapped back), as runs of
        # kept characters rather than one offset per character: a run maps by subtraction.
        if self._runs is None:
            lens = self._lens
            if lens is None:
                found = list(_KEPT.finditer(self.text))
                ostarts = list(map(_START, found))
                oends = list(map(_END, found))
            else:
                offs = list(accumulate(lens, initial=0))
                ostarts, oends = offs[:-1:2], offs[1::2]     # piece 2k: a kept run (maybe empty)
                if ostarts and ostarts[-1] == oends[-1]:
                    ostarts.pop()          # the text ends with dropped characters
                    oends.pop()
                if ostarts and ostarts[0] == oends[0]:
                    del ostarts[0], oends[0]   # … or starts with them (inner kept runs are never empty)
            cstarts = list(accumulate(map(sub, oends, ostarts), initial=0))
            cstarts.pop()
            self._runs = (ostarts, oends, cstarts)
        return self._runs

    def orig(self, pos: int) -> int:
        """Original offset of compact position ``pos`` (len(s) maps to len(text))."""
        if pos >= len(self.s):
            return len(self.text)
        ostarts, _, cstarts = self._runs or self._spans()
        i = bisect_right(cstarts, pos) - 1
        return ostarts[i] + pos - cstarts[i]

    def origs(self, positions: list[int]) -> list[int]:
        """``orig`` of many compact positions at once (no method call per position)."""
        ostarts, _, cstarts = self._runs or self._spans()
        n, size = len(self.s), len(self.text)
        out = []
        for pos in positions:
            if pos >= n:
                out.append(size)
            else:
                i = bisect_right(cstarts, pos) - 1
                out.append(ostarts[i] + pos - cstarts[i])
        return out

    def view(self, a: int, b: int) -> "Compact":
        """The compact view of text[a:b], cut from this one (folded and mapped already)."""
        ostarts, oends, cstarts = self._runs or self._spans()
        i = bisect_right(oends, a)          # the first run that ends after a
        j = bisect_left(ostarts, b) if b > a else i     # the runs that start before b
        ca = self.pos(a)
        v = Compact.__new__(Compact)
        v.text = self.text[a:b]
        v._lens = None
        v.s = self.s[ca:self.pos(b)]
        k = j - i
        if k <= 0:
            v._runs = ([], [], [])
            return v
        # The runs i … j-1, moved to start at a: only the first can start before a (the others
        # start after its end, which is past a) and only the last can end past b — C-level maps
        # for the rest.
        first_o = ostarts[i]
        os_ = list(map(sub, ostarts[i:j], repeat(a, k)))
        oe_ = list(map(sub, oends[i:j], repeat(a, k)))
        cs_ = list(map(sub, cstarts[i:j], repeat(ca, k)))
        if first_o < a:
            os_[0] = 0
            cs_[0] += a - first_o
        if oends[j - 1] > b:
            oe_[-1] = b - a
        v._runs = (os_, oe_, cs_)
        return v

    def folded(self, a: int, b: int) -> str:
        """compact(text[a:b]) without folding again: the view's characters kept in that span."""
        return self.s[self.pos(a):self.pos(b)]

    def orig_end(self, end: int) -> int:
        """Original offset just after the compact span ending at ``end``."""
        if end <= 0:
            return 0
        return min(self.orig(end - 1) + 1, len(self.text))

    def pos(self, orig: int) -> int:
        """Compact position of original offset ``orig``: the kept characters before it."""
        ostarts, oends, cstarts = self._runs or self._spans()
        i = bisect_right(ostarts, orig) - 1
        if i < 0:
            return 0
        return cstarts[i] + min(orig, oends[i]) - ostarts[i]

    def positions(self, origs: list[int]) -> list[int]:
        """``pos`` of many original offsets at once (no method call per offset)."""
        ostarts, oends, cstarts = self._runs or self._spans()
        out = []
        for o in origs:
            i = bisect_right(ostarts, o) - 1
            out.append(0 if i < 0 else cstarts[i] + min(o, oends[i]) - ostarts[i])
        return out


def compact(text: str) -> str:
    return _fold(text)


def compact_head(text: str, n: int, strip: str = "") -> str:
    """A prefix of ``compact(text).lstrip(strip)`` holding at least its first ``n`` characters
    (all of it when shorter), folding only as much of ``text`` as that takes: the compact form of
    a prefix is a prefix of the compact form, and a page stored as one line is long."""
    k = 2 * n + 16
    while True:
        c = _fold(text[:k]).lstrip(strip) if strip else _fold(text[:k])
        if len(c) >= n or k >= len(text):
            return c
        k *= 4


def compact_upto(text: str, n: int) -> str | None:
    """``compact(text)`` when it is at most ``n`` characters long, else None."""
    c = compact_head(text, n + 1)
    return c if len(c) <= n else None
