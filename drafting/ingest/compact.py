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


class Compact:
    def __init__(self, text: str):
        self.text = text
        chars: list[str] = []
        index: list[int] = []
        for i, ch in enumerate(text):
            if ch in _DROP:
                continue
            chars.append(fold_char(ch))
            index.append(i)
        self.s = "".join(chars)
        self.index = index

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
    return Compact(text).s
