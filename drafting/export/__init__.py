"""Export: .docx (GB/T 9704-2012), HTML for publishing, Markdown, JSON — gated by the validator.

Library API (the CLI and the app's 导出 page both call these):

- ``export_bytes(report, fmt, previous=None, fonts=None) -> (bytes, filename, mimetype)``
  renders without the gate (previews, tests).
- ``gated_export(report, fmt, force=False, reason=None, who=None, previous=None, fonts=None)
  -> ExportResult`` runs the validator first. With error findings it raises ``ExportRefused``
  (``.errors`` lists them, ``str(exc)`` is a Chinese message) unless ``force`` is set and a
  ``reason`` given; then it exports anyway and appends a ``HistoryEntry(action="forced_export")``
  to ``report.history`` naming who, when, why and the error codes. The caller saves the report.

``fmt`` is one of ``FORMATS``: docx, html, md, json.
"""
from __future__ import annotations

import getpass
import os
import re
from dataclasses import dataclass, field

from ..model import Action, HistoryEntry, Report
from ..validator import Finding, has_errors, validate
from .docx import docx_bytes
from .fonts import FontSet
from .html import html_page
from .layout import outline
from .markdown import json_text, markdown_text


@dataclass(frozen=True)
class Format:
    key: str
    ext: str
    mimetype: str
    label: str


FORMATS: dict[str, Format] = {f.key: f for f in (
    Format("docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word 文档"),
    Format("html", "html", "text/html; charset=utf-8", "网页"),
    Format("md", "md", "text/markdown; charset=utf-8", "Markdown"),
    Format("json", "json", "application/json", "JSON"),
)}

FORCED_EXPORT = Action.forced_export


class ExportRefused(Exception):
    """The validator found errors and the export was not forced (or forced without a reason)."""

    def __init__(self, findings: list[Finding], message: str | None = None, needs_reason: bool = False):
        self.findings = findings
        self.errors = [f for f in findings if f.severity == "error"]
        self.needs_reason = needs_reason
        super().__init__(message or (
            f"报告有 {len(self.errors)} 项错误（{error_codes(self.errors)}），不能导出。"
            "请修改后重新导出，或说明理由后强制导出（将记入报告的修改记录）。"))


@dataclass
class ExportResult:
    data: bytes
    filename: str
    mimetype: str
    fmt: str
    findings: list[Finding] = field(default_factory=list)
    forced: bool = False
    override: HistoryEntry | None = None

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]


def error_codes(findings: list[Finding]) -> str:
    codes = sorted({f.code for f in findings if f.severity == "error"})
    return "、".join(codes)


def check_format(fmt: str) -> Format:
    f = FORMATS.get(str(fmt).lower().lstrip("."))
    if f is None:
        raise ValueError(f"不支持的导出格式「{fmt}」，可选：{'、'.join(FORMATS)}")
    return f


_BAD_FILENAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def export_filename(report: Report, fmt: str) -> str:
    """e.g. 青禾市云溪区市场监督管理局2024年政府信息公开工作年度报告.docx"""
    name = _BAD_FILENAME.sub("", outline(report).title).strip() or "年度报告"
    return f"{name}.{check_format(fmt).ext}"


def export_bytes(report: Report, fmt: str, previous: Report | None = None,
                 fonts: FontSet | None = None,
                 findings: list[Finding] | None = None) -> tuple[bytes, str, str]:
    """Render ``report`` as ``fmt`` with no gate; returns (bytes, filename, mimetype)."""
    f = check_format(fmt)
    if f.key == "docx":
        data = docx_bytes(report, fonts)
    elif f.key == "html":
        data = html_page(report, previous).encode("utf-8")
    elif f.key == "md":
        data = markdown_text(report).encode("utf-8")
    else:
        if findings is None:
            findings = validate(report, previous=previous)
        data = json_text(report, findings).encode("utf-8")
    return data, export_filename(report, f.key), f.mimetype


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:        # no passwd entry in some containers
        return os.environ.get("USER") or os.environ.get("USERNAME") or "未知用户"


def gated_export(report: Report, fmt: str, force: bool = False, reason: str | None = None,
                 who: str | None = None, previous: Report | None = None,
                 fonts: FontSet | None = None) -> ExportResult:
    """Export only a report without error findings, unless forced with a recorded reason.

    A forced export appends the override to ``report.history`` (the caller saves the report).
    """
    f = check_format(fmt)
    findings = validate(report, previous=previous)
    override = None
    if has_errors(findings):
        if not force:
            raise ExportRefused(findings)
        reason = (reason or "").strip()
        if not reason:
            raise ExportRefused(findings, "强制导出必须说明理由（如：经分管领导同意，先行报送审阅）。",
                                needs_reason=True)
        errors = [x for x in findings if x.severity == "error"]
        override = HistoryEntry(
            action=FORCED_EXPORT, who=(who or "").strip() or current_user(),
            detail=f"强制导出为{f.label}（{f.key}）；理由：{reason}；"
                   f"未解决的错误 {len(errors)} 项：{error_codes(errors)}")
        report.history.append(override)
    data, filename, mimetype = export_bytes(report, f.key, previous=previous, fonts=fonts, findings=findings)
    return ExportResult(data, filename, mimetype, f.key, findings, forced=override is not None, override=override)


__all__ = ["FORMATS", "FORCED_EXPORT", "ExportRefused", "ExportResult", "FontSet", "Format",
           "check_format", "export_bytes", "export_filename", "gated_export"]
