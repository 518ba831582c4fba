"""A whitespace-free, punctuation-folded view of text that maps back to the original.

Published reports write the same label with full- or half-width brackets, 、 or ，, straight
or curly quotes, and stray spaces (OCR, line wrapping). Labels are matched on this compact view;
positions map back so values can be read from the original text.
"""
from __future__ import annotations

_FOLD = {
    "（": "(", "）": ")", "［": "(", "］": ")", "【": "(", "】": ")",
    "，": ",", "、": ",", "；": ";", "：": ":", "．": ".", "。": ".",
    "／": "/", "－": "-", "—": "-", "–": "-",
}
_FOLD.update({chr(0xFF10 + i): str(i) for i in range(10)})
_DROP = set("“”‘’\"'「」『』 \t\r\n\u3000\u00a0\u200b")


def fold_char(ch: str) -> str:
    return _FOLD.get(ch, ch)


# One table for str.translate: dropped characters map to None, folded ones to their fold.
_TABLE = {ord(ch): None for ch in _DROP} | {ord(k): v for k, v in _FOLD.items()}


class Compact:
    def __init__(self, text: str):
        self.text = text
        # translate() does the folding at C speed; the offsets are those of the kept characters.
        self.s = text.translate(_TABLE)
        self._index: list[int] | None = None

    @property
    def index(self) -> list[int]:
        # built on first use: many compact views are only searched, never mapped back
        if self._index is None:
            text = self.text
            self._index = (list(range(len(text))) if len(self.s) == len(text)
                           else [i for i, ch in enumerate(text) if ch not in _DROP])
        return self._index

    def orig(self, pos: int) -> int:
        """Original offset of compact position ``pos`` (len(s) maps to len(text))."""
        if pos >= len(self.index):
            return len(self.text)
        return self.index[pos]

    def orig_end(self, end: int) -> int:
        """Original offset just after the compact span ending at ``end``."""
        if end <= 0:
            return 0
        return self.index[end - 1] + 1


def compact(text: str) -> str:
    return text.translate(_TABLE)
