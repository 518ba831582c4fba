"""Keeping model keys out of everything the tool writes or shows.

Every key that reaches a provider is registered here; ``redact`` strips registered keys from any
text (error messages from a server that echoes the key, log records), and a logging filter does
the same for every log record, whoever emits it.
"""
from __future__ import annotations

import logging
import re
import threading

_lock = threading.Lock()
_secrets: set[str] = set()
MASK = "［密钥已隐去］"
# Keys nobody registered still look like keys: sk-…, Bearer … (a server may echo another one).
_KEY_SHAPES = re.compile(r"\b(?:sk|pk|ak)-[A-Za-z0-9_\-]{8,}|\bBearer\s+[A-Za-z0-9._\-]{8,}")


def register(secret: str | None) -> None:
    if secret and len(secret) >= 6:
        with _lock:
            _secrets.add(secret)
        _install_log_filter()


def redact(text: str) -> str:
    if not text:
        return text
    with _lock:
        secrets = sorted(_secrets, key=len, reverse=True)
    for s in secrets:
        if s in text:
            text = text.replace(s, MASK)
    return _KEY_SHAPES.sub(MASK, text)


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
