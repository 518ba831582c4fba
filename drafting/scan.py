"""Regular-expression scanning that jumps to where a match can start.

Python's regex engine skips ahead quickly only when a pattern begins with a literal or a plain
character class; a pattern that begins with an optional group, an alternation of groups or a
lookbehind (约?\\d+件, (?<![\\d.])\\d…) is tried at every position of the text, which costs some
hundred nanoseconds per character. ``matches`` finds the same matches as ``finditer`` but first
jumps, in C, to the next character a match can begin with (read once from the pattern's syntax
tree), and tries the pattern only there. On Chinese prose, where digits, 【 or 忽 are few, that is
several times faster. The pattern itself is tried there inside the same search, in a lookahead
(``seeker``), so that only the places where it matches come back to Python. A pattern whose first
characters cannot be told (it may match the empty string, or begin with any character) is
scanned as usual, so the result never differs.

Before that, a text that lacks every one of the pattern's needles — words one of which every
match contains (申请 in 没有…收到…申请, 印发, 以下是), also read from the syntax tree — is not
scanned at all: one substring test in C. ``possible`` makes the same test for callers that
search a text piece by piece, ``any_possible`` for a list of patterns at once.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

try:                                    # the parser is private to re; without it, scan as usual
    from re import _constants as _c
    from re import _parser as _p
except ImportError:                     # pragma: no cover
    _p = None

_CATEGORY = {}
if _p is not None:
    _CATEGORY = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D", _c.CATEGORY_SPACE: r"\s",
                 _c.CATEGORY_NOT_SPACE: r"\S", _c.CATEGORY_WORD: r"\w", _c.CATEGORY_NOT_WORD: r"\W"}


class _Unknown(Exception):
    """The first characters cannot be told."""


def _runs(codes: list[int]) -> str:
    """Class text of the characters ``codes`` (ascending), consecutive ones as ranges."""
    out, i = [], 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        out.append(re.escape(chr(codes[i])) + (f"-{re.escape(chr(codes[j]))}" if j > i else ""))
        i = j + 1
    return "".join(out)


# \d among the first characters, spelt as the decimal digits of the BMP plus every character
# beyond it (a superset: the pattern itself is tried at each place found). A class of literals and
# ranges is tested by one bitmap lookup; a category calls the Unicode database for every
# character of the text the scan passes over (\d in a first-character class cost three times as
# much per character as the class without it). Guards stay exact (they exclude places).
_DIGIT_FIRSTS = _runs([c for c in range(0x10000) if chr(c).isdecimal()]) + "\U00010000-\U0010ffff"


def _class(av, first: bool = False) -> str:
    """The pieces of a character class (IN) as class text; _Unknown for a negated one. ``first``:
    for a class of first characters, where a superset will do (see _DIGIT_FIRSTS)."""
    if av and av[0][0] is _c.NEGATE:
        raise _Unknown
    pieces = []
    for kind, x in av:
        if kind is _c.LITERAL:
            pieces.append(re.escape(chr(x)))
        elif kind is _c.RANGE:
            pieces.append(f"{re.escape(chr(x[0]))}-{re.escape(chr(x[1]))}")
        elif kind is _c.CATEGORY and x == _c.CATEGORY_DIGIT and first:
            pieces.append(_DIGIT_FIRSTS)
        elif kind is _c.CATEGORY and x in _CATEGORY:
            pieces.append(_CATEGORY[x])
        else:
            raise _Unknown
    return "".join(pieces)


def _guard(av) -> str | None:
    """The class of a lookbehind ``(?<![…])`` of one character, else None."""
    direction, sub = av
    items = list(sub)
    if direction != -1 or len(items) != 1:
        return None
    op, x = items[0]
    if op is _c.LITERAL:
        return re.escape(chr(x))
    if op is _c.IN:
        try:
            return _class(x)
        except _Unknown:
            return None
    return None


def _first(items, out: list[tuple[str, str | None]], flags: list[int], guard: str | None = None) -> bool:
    """Add to ``out`` every character a match of the sequence ``items`` can begin with, as
    (class text, guard): the guard is the class of a one-character negative lookbehind that
    stands right before it ((?<![\\d.])\\d: a digit right after a digit or a point cannot begin a
    match that way). Return whether the sequence can match the empty string."""
    for op, av in items:
        if op is _c.LITERAL:
            out.append((re.escape(chr(av)), guard))
            return False
        if op is _c.IN:
            out.append((_class(av, True), guard))
            return False
        if op is _c.BRANCH:
            empty = False
            for alt in av[1]:
                empty |= _first(alt, out, flags, guard)
            if not empty:
                return False
        elif op is _c.SUBPATTERN:
            _, add, delete, sub = av
            flags[0] |= add                 # a scoped (?i:…) makes the whole scan case-blind: more, never fewer
            if add or delete:
                flags[1] = True
            if not _first(sub, out, flags, guard):
                return False
        elif op is _c.ATOMIC_GROUP:
            if not _first(av, out, flags, guard):
                return False
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            lo, _, sub = av
            if not _first(sub, out, flags, guard) and lo > 0:
                return False
        elif op is _c.ASSERT_NOT and guard is None and _guard(av) is not None:
            guard = _guard(av)              # holds for what begins at this same position
        elif op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue                        # zero-width: the next item gives the first character
        else:                               # ANY, back-references, conditionals …
            raise _Unknown
    return True


def _scout(out: list[tuple[str, str | None]], flags: list[int]) -> re.Pattern:
    """The class of the first characters, as one pattern the engine skips to by itself (it begins
    with a class). When the guarded characters share one guard, a lookbehind after the class drops
    those of them that follow a guard character and cannot begin a match any other way:
    [约\\d](?<![\\d.](?![约])\\d)."""
    every = "".join(p for p, _ in out)
    guards = {g for _, g in out if g is not None}
    blind = flags[0] & re.IGNORECASE
    if len(guards) != 1 or blind or flags[1]:
        return re.compile(f"[{every}]", re.IGNORECASE if blind else 0)
    free = "".join(p for p, g in out if g is None)
    guarded = "".join(p for p, g in out if g is not None)
    x = guards.pop()
    only = f"(?![{free}])" if free else ""
    return re.compile(f"[{every}](?<![{x}]{only}[{guarded}])", flags[0] & re.ASCII)


# More needles than this (a unit of any of fifty words) cost more to look for than they save.
_MAX_NEEDLES = 10


def _cased(text: str) -> bool:
    return any(ch.lower() != ch or ch.upper() != ch for ch in text)


def _better(a: tuple[str, ...] | None, b: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """The more selective of two needle sets: longer shortest needle, then fewer needles."""
    if a is None or b is None:
        return a or b
    return a if (min(map(len, a)), -len(a)) > (min(map(len, b)), -len(b)) else b


def _needles_of(items, blind: bool) -> tuple[str, ...] | None:
    """Strings one of which every match of the sequence ``items`` contains, or None. ``blind``:
    case-blind matching, where only strings without cased letters can be looked for as written."""
    best: tuple[str, ...] | None = None
    run: list[str] = []

    def take(found: tuple[str, ...] | None) -> None:
        nonlocal best
        if found and len(found) <= _MAX_NEEDLES and not (blind and any(map(_cased, found))):
            best = _better(best, found)

    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run:                             # a run of literals: one needle
            take(("".join(run),))
            run = []
        if op is _c.IN:
            if all(kind is _c.LITERAL for kind, _ in av) and len(av) <= 8:
                take(tuple(chr(x) for _, x in av))
        elif op is _c.SUBPATTERN:
            take(_needles_of(av[3], blind or bool(av[1] & re.IGNORECASE)))
        elif op is _c.ATOMIC_GROUP:
            take(_needles_of(av, blind))
        elif op is _c.BRANCH:
            alts = [_needles_of(alt, blind) for alt in av[1]]
            if all(alts):
                take(tuple(dict.fromkeys(n for alt in alts for n in alt)))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            take(_needles_of(av[2], blind))
        # anything else (zero-width, optional, back-references) contains nothing for certain
    if run:
        take(("".join(run),))
    return best


def needles(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` contains, or None when none can be told."""
    return _plan(pattern)[0]


def starts(pattern: re.Pattern) -> re.Pattern | None:
    """A character class of every character a match of ``pattern`` can begin with (a superset),
    or None when that cannot be told."""
    return _plan(pattern)[2]


def seeker(pattern: re.Pattern) -> re.Pattern | None:
    """A pattern whose search finds where ``pattern`` next matches (a one-character match at its
    start), skipping in C over the text; the first characters alone when the pattern cannot be
    nested; None when its first characters cannot be told."""
    return _plan(pattern)[3]


# Plans by id(): hashing a compiled pattern hashes its whole program, on every lookup. Each entry
# keeps its pattern alive, so its id cannot be reused while the entry exists.
_PLANS: dict[int, tuple] = {}


def _plan(pattern: re.Pattern) -> tuple:
    """(needles, how to look for them, first characters, where to try the pattern, the pattern)
    of a pattern, read from its syntax tree once. Needles are looked for with str.find when there
    are few (one after the other: a regex search for several words tests every character, a
    find skips ahead in C), else with one regex search."""
    entry = _PLANS.get(id(pattern))
    if entry is None:
        if len(_PLANS) > 1024:              # patterns made on the fly: keep the table bounded
            _PLANS.clear()
        found, first, own_flags = _read_plan(pattern)
        finder = None if found is None else found if len(found) <= _FIND_EACH else \
            re.compile("|".join(map(re.escape, found)))
        entry = _PLANS[id(pattern)] = (found, finder, first, _seeker(pattern, first, own_flags), pattern)
    return entry


def _seeker(pattern: re.Pattern, first: re.Pattern | None, own_flags: bool) -> re.Pattern | None:
    """The first characters followed by a lookbehind that steps back over the character and looks
    ahead for the whole pattern there: [12约](?<=(?=PATTERN)(?s:.)). Its search skips, in C, to the
    first place where the pattern matches (a lookahead may look behind itself, so the text before
    counts as it does for the pattern), instead of returning each first character to Python to try
    the pattern there. The first characters alone when the pattern's text cannot be placed inside
    another (a group with its own flags, whose case-blindness the class would not share; a pattern
    the engine refuses to nest)."""
    if first is None or own_flags:
        return first
    body = pattern.pattern + ("\n" if pattern.flags & re.VERBOSE else "")   # a trailing comment ends
    try:
        return re.compile(f"{first.pattern}(?<=(?={body})(?s:.))", pattern.flags)
    except (re.error, RecursionError):
        return first


def _read_plan(pattern: re.Pattern) -> tuple[tuple[str, ...] | None, re.Pattern | None, bool]:
    """(needles, first characters, whether a group of the pattern sets its own flags)."""
    if _p is None or not isinstance(pattern.pattern, str):
        return None, None, True
    try:
        tree = _p.parse(pattern.pattern, pattern.flags)
    except (re.error, AttributeError, TypeError):
        return None, None, True
    items = list(tree)
    found = None
    try:
        found = _needles_of(items, bool(tree.state.flags & re.IGNORECASE))
    except (AttributeError, TypeError):
        pass
    first = None
    flags = [tree.state.flags, False]         # flags, whether any group sets its own
    try:
        pieces: list[tuple[str, str | None]] = []
        if not _first(items, pieces, flags) and pieces:     # else it may match the empty string
            first = _scout(pieces, flags)
    except (_Unknown, re.error, AttributeError, TypeError):
        pass
    return found, first, flags[1]


# Up to this many needles are looked for one by one with str.find (measured on the corpus' prose:
# a find costs about a tenth of a regex search over the same text).
_FIND_EACH = 4


def _absent(finder: tuple[str, ...] | re.Pattern, text: str, pos: int, endpos: int) -> bool:
    if type(finder) is tuple:
        for needle in finder:
            if text.find(needle, pos, endpos) >= 0:
                return False
        return True
    return finder.search(text, pos, endpos) is None


def possible(pattern: re.Pattern, text: str, pos: int = 0, endpos: int | None = None) -> bool:
    """False when ``pattern`` certainly has no match in ``text[pos:endpos]`` (it lacks every
    needle); True when it may have one."""
    finder = _plan(pattern)[1]
    return finder is None or not _absent(finder, text, pos, len(text) if endpos is None else endpos)


_UNIONS: dict[int, tuple] = {}     # by id() of the tuple of patterns, as _PLANS


def needle_union(patterns: tuple[re.Pattern, ...]) -> re.Pattern | None:
    """One pattern that finds any needle of any of ``patterns`` (None when one of them has none):
    where it finds nothing, none of them can match."""
    entry = _UNIONS.get(id(patterns))
    if entry is None:
        found = [_plan(p)[0] for p in patterns]
        union = None if not all(found) else \
            re.compile("|".join(re.escape(n) for n in dict.fromkeys(n for f in found for n in f)))
        if len(_UNIONS) > 256:
            _UNIONS.clear()
        entry = _UNIONS[id(patterns)] = (union, patterns)
    return entry[0]


def any_possible(patterns: tuple[re.Pattern, ...], text: str) -> bool:
    """False when no pattern of ``patterns`` can match in ``text``: one search (in C) for all
    their needles at once, for a list of patterns most texts have none of (colloquial words)."""
    union = needle_union(patterns)
    return union is None or union.search(text) is not None


def _found(pattern: re.Pattern, text: str, pos: int, endpos: int, where: re.Pattern) -> Iterator[re.Match]:
    """The matches of ``pattern`` from ``pos``, trying it only where ``where`` (its seeker) finds
    that a match begins (see matches)."""
    seek, match = where.search, pattern.match
    while True:
        s = seek(text, pos, endpos)
        if s is None:
            return
        m = match(text, s.start(), endpos)
        if m is None:
            pos = s.start() + 1
        else:
            yield m
            pos = m.end()


def matches(pattern: re.Pattern, text: str, pos: int = 0, endpos: int | None = None) -> list[re.Match]:
    """``list(pattern.finditer(text, pos, endpos))``, trying the pattern only where a match can
    begin. The matches are the same: every match contains a needle and begins with a character
    of ``starts``, it is never empty, and a match tried at a position sees the text before it
    (lookbehind, \\b, ^). A text without a needle is answered before any generator is made: most
    texts have none, and rules call this for every text."""
    entry = _PLANS.get(id(pattern)) or _plan(pattern)
    if endpos is None:
        endpos = len(text)
    finder, where = entry[1], entry[3]
    if finder is not None and _absent(finder, text, pos, endpos):
        return []
    if where is None:
        return list(pattern.finditer(text, pos, endpos))
    return list(_found(pattern, text, pos, endpos, where))


def search(pattern: re.Pattern, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
    """``pattern.search(text, pos, endpos)``, trying the pattern only where a match can begin
    (the loop of _found, written out: no generator for the one match wanted)."""
    entry = _PLANS.get(id(pattern)) or _plan(pattern)
    if endpos is None:
        endpos = len(text)
    finder, where = entry[1], entry[3]
    if finder is not None and _absent(finder, text, pos, endpos):
        return None
    if where is None:
        return pattern.search(text, pos, endpos)
    seek, match = where.search, pattern.match
    while True:
        s = seek(text, pos, endpos)
        if s is None:
            return None
        m = match(text, s.start(), endpos)
        if m is not None:
            return m
        pos = s.start() + 1


def matches_at(pattern: re.Pattern, text: str, starts: Iterable[int]) -> list[re.Match]:
    """``list(pattern.finditer(text))`` for a pattern that can match only at ``starts`` (a superset
    of where its matches begin, which the caller knows from the pattern: found back from a word
    every match holds, by str.find) and never matches the empty string: tried there alone, in
    order, each after the last match's end."""
    out: list[re.Match] = []
    pos = 0
    for p in sorted(starts):
        if p >= pos and (m := pattern.match(text, p)) is not None:
            out.append(m)
            pos = m.end()
    return out


def places(text: str, word: str) -> Iterator[int]:
    """Every place ``word`` occurs in ``text``, overlapping ones too (str.find, in C)."""
    k = text.find(word)
    while k >= 0:
        yield k
        k = text.find(word, k + 1)




def holds_any(text: str, words: Iterable[str]) -> bool:
    """``any(w in text for w in words)``, each word's last character looked for first: a find of
    one character runs at memory speed (memchr on its low byte), a word's several times slower,
    and the words callers give end in a character most texts lack (镇, 省)."""
    for w in words:
        if w[-1] in text and w in text:
            return True
    return False


class Words:
    """Which of a fixed set of words a text holds, for rules that each look for a list of rare
    words (their patterns' needles): one scan of the text, in C, for the words' anchors — of each
    word one character that is rare in these reports — and, at each anchor found, a comparison of
    the words it stands in. A word with no anchor is looked for itself. Every rule of a module asks
    one ``present`` per text instead of making a scan of its own."""

    def __init__(self, words: Iterable[str], anchors: str):
        self.words = tuple(dict.fromkeys(w for w in words if w))
        # anchor -> (word, where the anchor is in it)
        self._at: dict[str, tuple[tuple[str, int], ...]] = {}
        always = []
        for w in self.words:
            i = next((i for i, c in enumerate(w) if c in anchors), None)
            if i is None:
                always.append(w)
            else:
                self._at[w[i]] = (*self._at.get(w[i], ()), (w, i))
        self._always = tuple(always)
        used = "".join(sorted(self._at))
        self._rx = re.compile(f"[{re.escape(used)}]") if used else None

    def present(self, text: str) -> frozenset[str]:
        """``frozenset(w for w in self.words if w in text)``: a word is in the text where its anchor
        is, and every place of an anchor is found."""
        out = {w for w in self._always if w in text}
        if self._rx is not None:
            at, startswith = self._at, text.startswith
            for m in self._rx.finditer(text):
                k = m.start()
                for w, i in at[m.group()]:
                    if k >= i and startswith(w, k - i):
                        out.add(w)
        return frozenset(out)
