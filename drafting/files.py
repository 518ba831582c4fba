"""Reading input files within their bounds, and writing outputs atomically.

Reading: only regular files (a FIFO or a device would block or never end), size checked on
``stat`` before reading and again while reading (a file can grow, and /proc files report 0).

Writing: into a temporary file beside the target, flushed to disk, then renamed over the
target, so a failed write (full disk, killed process) leaves the old file or nothing, never a
half-written or 0-byte output, and the temporary file is removed on every failure.
"""
from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from . import limits
from .errors import OutputError, ReportLoadError

_WHY = {
    errno.ENOSPC: "磁盘空间不足", errno.EDQUOT: "磁盘配额已用完", errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限", errno.EROFS: "文件系统是只读的", errno.ENOENT: "所在目录不存在",
    errno.ENOTDIR: "路径中有一段不是目录", errno.EISDIR: "这是一个目录，请给出文件名",
    errno.ENAMETOOLONG: "文件名过长", errno.EIO: "磁盘读写出错",
}


def os_reason(e: OSError) -> str:
    """Chinese for an operating-system error."""
    return _WHY.get(e.errno or 0) or (e.strerror or type(e).__name__)


def read_input(path: str | Path, bound: str, what: str = "文件") -> bytes:
    """The bytes of a regular file not larger than ``limits.BOUNDS[bound]``."""
    p = path if isinstance(path, Path) else Path(path)
    src = str(p)
    # stat before any open: opening a FIFO for reading would block, or wake a writer waiting on it
    try:
        st = os.stat(src)
    except FileNotFoundError:
        raise ReportLoadError([f"找不到文件：{p}"], src) from None
    except OSError as e:
        raise ReportLoadError([f"无法读取{what} {p}：{os_reason(e)}"], src) from None
    if stat.S_ISDIR(st.st_mode):
        raise ReportLoadError([f"这是一个目录，不是{what}：{p}"], src)
    if not stat.S_ISREG(st.st_mode):
        raise ReportLoadError([f"这不是普通文件（可能是管道或设备），无法作为{what}读取：{p}"], src)
    cap = limits.limit(bound)
    if st.st_size > cap:
        raise limits.exceeded(bound, st.st_size, f"{what}「{p.name}」", src)
    try:
        # os.read on the descriptor: a buffered file object costs more than the read itself
        fd = os.open(src, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        try:
            chunks, got = [], 0
            # the size stat gave and a byte more to see the end (64 KiB at least: files of /proc
            # say 0): a read of cap + 1 bytes would allocate the whole bound for a small file
            want = max(st.st_size + 1, 1 << 16)
            while got <= cap:             # a file can grow while it is read: never past cap + 1
                chunk = os.read(fd, min(want, cap + 1 - got))
                if not chunk:
                    break
                chunks.append(chunk)
                got += len(chunk)
        finally:
            os.close(fd)
    except OSError as e:
        raise ReportLoadError([f"无法读取{what} {p}：{os_reason(e)}"], src) from None
    raw = b"".join(chunks)
    if len(raw) > cap:
        raise limits.exceeded(bound, len(raw), f"{what}「{p.name}」", src)
    return raw


def _umask() -> int:
    # os.umask can only be read by setting it, which races with other threads (the app).
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def write_atomic(path: str | Path, data: bytes | str, what: str = "输出文件", before_replace=None) -> None:
    """Write ``data`` to ``path`` all at once or not at all; raises OutputError in Chinese.

    ``before_replace`` runs after the data is safely on disk and before it takes the target's
    place; if it raises, the target is left as it was (e.g. an export whose record in the
    report file could not be saved is not delivered)."""
    p = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if p.is_dir():
        raise OutputError([f"无法写入{what} {p}：这是一个目录，请给出文件名"], str(p))
    if p.exists() and not p.is_file():
        raise OutputError([f"无法写入{what} {p}：这不是普通文件（可能是管道或设备）"], str(p))
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name[:100]}.", suffix=".tmp", dir=p.parent)
    except OSError as e:
        raise OutputError([f"无法写入{what} {p}：{os_reason(e)}"], str(p)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            mode = stat.S_IMODE(p.stat().st_mode) if p.exists() else 0o666 & ~_umask()
            os.fchmod(fh.fileno(), mode)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if before_replace is not None:
            before_replace()
        os.replace(tmp, p)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise OutputError([f"无法写入{what} {p}：{os_reason(e)}，未写入任何内容"], str(p)) from None
        raise


__all__ = ["os_reason", "read_input", "write_atomic"]
