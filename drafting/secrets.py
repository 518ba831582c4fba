"""Keeping model keys out of everything the tool writes or shows.

Every key that reaches a provider is registered here; ``redact`` strips registered keys from any
text (error messages from a server that echoes the key, log records), and a logging filter does
the same for every log record, whoever emits it.
"""
from __future__ import annotations

import logging
import re
import threading
import unicodedata

_lock = threading.Lock()
_secrets: set[str] = set()
MASK = "［密钥已隐去］"
# Keys nobody registered still look like keys: sk-…, Bearer … (a server may echo another one),
# also written backwards.
_KEY_SHAPES = re.compile(r"\b(?:sk|pk|ak)-[A-Za-z0-9_\-]{8,}|\bBearer\s+[A-Za-z0-9._\-]{8,}"
                         r"|[A-Za-z0-9_\-]{8,}-(?:ks|kp|ka)\b")
# Characters that do not show: a key with these inside still is the key. (Zero-width and
# joiners, bidi controls, soft hyphen, word joiner and invisible operators, variation selectors,
# BOM, Hangul fillers.)
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
                        "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]")


def register(secret: str | None) -> None:
    if secret and len(secret) >= 6:
        with _lock:
            _secrets.add(secret)
        _install_log_filter()


def _visible(text: str) -> tuple[str, list[int]]:
    """The text as read: invisible characters dropped, full-width letters and digits folded
    (one character for one, so offsets map back); with the original index of each character."""
    keep: list[int] = []
    out: list[str] = []
    for i, ch in enumerate(text):
        if _INVISIBLE.match(ch):
            continue
        if ord(ch) > 0x7f:
            folded = unicodedata.normalize("NFKC", ch)
            ch = folded if len(folded) == 1 else ch
        keep.append(i)
        out.append(ch)
    return "".join(out), keep


def redact(text: str) -> str:
    """``text`` with every registered key, and anything shaped like a key, replaced by MASK;
    also when the key is written backwards, in full-width letters or with invisible characters
    inside (one function for pages, chat, files, logs and the CLI)."""
    if not text:
        return text
    with _lock:
        secrets = sorted(_secrets, key=len, reverse=True)
    visible, index = _visible(text)
    spans: list[tuple[int, int]] = []
    for s in secrets:
        for needle in (s, s[::-1]):
            start = visible.find(needle)
            while start != -1:
                spans.append((start, start + len(needle)))
                start = visible.find(needle, start + len(needle))
    spans += [m.span() for m in _KEY_SHAPES.finditer(visible)]
    if not spans:
        return text
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out, pos = [], 0
    for a, b in merged:                      # back to offsets in the original text
        start, end = index[a], index[b - 1] + 1
        out.append(text[pos:start])
        out.append(MASK)
        pos = end
    out.append(text[pos:])
    return "".join(out)


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            msg = record.getMessage()
        except Exception:       # a malformed record is left to the logging module
            return True
        clean = redact(msg)
        if clean != msg:
            record.msg, record.args = clean, ()
        return True


_installed = False


def _install_log_filter() -> None:
    """Attach the filter to every handler of the root logger and to loggers created later."""
    global _installed
    f = RedactingFilter()
    root = logging.getLogger()
    for h in root.handlers:
        if not any(isinstance(x, RedactingFilter) for x in h.filters):
            h.addFilter(f)
    if _installed:
        return
    _installed = True
    old_factory = logging.getLogRecordFactory()

    def factory(*args, **kwargs):
        record = old_factory(*args, **kwargs)
        try:
            msg = record.getMessage()
        except Exception:
            return record
        clean = redact(msg)
        if clean != msg:
            record.msg, record.args = clean, ()
        return record
    logging.setLogRecordFactory(factory)
