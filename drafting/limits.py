"""Bounds on everything the tool reads, as data: one table, read by the readers, the report
model's loaders, the store and the README (``drafting limits`` prints it).

Why bounds: a small input must not be able to take the machine. A 13-byte cell value
``1e999999999`` once hung every command (the number was expanded before its size was looked
at); a 373 KB .docx declaring 95 MB of paragraphs ran for 300 s; a 68 KB web page of
rowspan=100 colspan=100 cells took 4 GB. Each bound is checked on the cheapest view of the
input (a file's size, a zip's directory, a string's digits, a running count while reading)
before the expensive work, and a bound that is hit raises ``LimitExceeded`` with a Chinese
message naming what was too large and the limit (exit status 2 on the command line).

The values are far above any real report (the largest real report seen is about 30,000
characters; the national tables have under 400 cells) and far below what hurts a 2-core
machine. Other modules add their own bounds here (e.g. the PDF reader's page count), so that
the README lists them all in one place.
"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import LimitExceeded

MB = 1024 * 1024


@dataclass(frozen=True)
class Bound:
    key: str
    limit: int
    unit: str        # 字节 | 字 | 位 | 层 | 格 | 行 | 列 | 页 | 个
    subject: str     # what is bounded, as a Chinese noun phrase used in messages
    too: str         # 过大 | 过长 | 过深 | 过多
    reason: str      # why this value (README)


BOUNDS: dict[str, Bound] = {b.key: b for b in (
    # -- cell values (checked on the string, before any conversion) --------------------------
    Bound("cell_chars", 40, "字", "单元格的内容", "过长",
          "一个数值不会超过几十个字符；更长的内容不再逐字解析"),
    Bound("cell_value", 10**12, "", "单元格数值", "过大",
          "计数和金额不超过一万亿；在转换为数字之前按字符串的位数和指数判断，科学记数法不展开"),
    Bound("cell_decimals", 6, "位", "单元格数值的小数部分", "过长",
          "收费金额以万元计，6 位小数已精确到 0.01 元"),
    # -- report text -------------------------------------------------------------------------
    Bound("section_chars", 100_000, "字", "一个部分的正文", "过长",
          "真实报告的一个部分通常在一万字以内"),
    Bound("report_chars", 300_000, "字", "报告的全部文字", "过长",
          "真实报告全文通常在三万字以内；已发布报告读入的文字（含网页框架）也按此计"),
    # -- report files ------------------------------------------------------------------------
    Bound("report_file_bytes", 5 * MB, "字节", "报告文件（YAML/JSON）", "过大",
          "报告文件是文字和数字，300,000 字的报告不到 1 MB"),
    Bound("yaml_depth", 20, "层", "报告文件的嵌套层次", "过深",
          "报告文件最深约 6 层；层次过深的文件会耗尽解析程序的栈"),
    # -- uploads and published files, per type -----------------------------------------------
    Bound("text_bytes", 5 * MB, "字节", "文本文件", "过大",
          "纯文本或 Markdown 的报告在 1 MB 以内"),
    Bound("html_bytes", 5 * MB, "字节", "网页文件", "过大",
          "政府网站的报告页面通常在 1 MB 以内"),
    Bound("html_tags", 100_000, "个", "网页的标签数", "过多",
          "一份报告的网页（含 Word 另存的网页）约有一两万个标签；解析每个标签约需 12 微秒"),
    Bound("docx_bytes", 20 * MB, "字节", "Word 文档", "过大",
          "含图表、印章图片的 .docx 可达 10 MB 以上"),
    Bound("docx_unpacked_bytes", 100 * MB, "字节", "Word 文档解压后的内容", "过大",
          "图片本身已压缩，解压后与原文件相近；远超此数的是 zip 炸弹"),
    Bound("docx_xml_bytes", 8 * MB, "字节", "Word 文档的正文 XML（解压后）", "过大",
          "真实报告的 document.xml 在 2 MB 以内；读取时 XML 展开为约 20 倍大小的内存（8 MB 约 170 MB）"),
    Bound("xlsx_bytes", 5 * MB, "字节", "Excel 文件", "过大",
          "本系统的填报模板约 10 KB"),
    Bound("xlsx_unpacked_bytes", 20 * MB, "字节", "Excel 文件解压后的内容", "过大",
          "填报模板解压后约 50 KB；远超此数的是 zip 炸弹"),
    Bound("xlsx_rows", 200, "行", "Excel 工作表的行数", "过多",
          "模板最长的工作表（表二）不到 50 行"),
    Bound("xlsx_cols", 40, "列", "Excel 工作表的列数", "过多",
          "模板最宽的工作表（表三）不到 10 列"),
    Bound("pdf_bytes", 50 * MB, "字节", "PDF 文件", "过大",
          "扫描版报告 30 页约 10–20 MB"),
    Bound("pdf_pages", 100, "页", "PDF 的页数", "过多",
          "年度报告通常不超过 30 页（PDF 读取的其他限度见「PDF 和扫描件」）"),
    Bound("ocr_pages", 40, "页", "需要文字识别的页数", "过多",
          "文字识别每页需数秒"),
    Bound("image_bytes", 30 * MB, "字节", "图像文件（扫描页）", "过大",
          "一页 600 dpi 的扫描图像在 30 MB 以内"),
    Bound("doc_lines", 20_000, "行", "文档的段落和表格行数", "过多",
          "真实报告不到 2,000 段（含空行）；Word 文档逐段读取每段约 0.07 毫秒"),
    Bound("table_cells", 20_000, "格", "表格展开合并单元格后的格数（全文合计）", "过多",
          "三张统计表合计不到 400 格；合并单元格（rowspan/colspan、gridSpan）按展开后的格数计"),
)}

UPLOAD_BYTES = {".txt": "text_bytes", ".md": "text_bytes", ".markdown": "text_bytes",
                ".html": "html_bytes", ".htm": "html_bytes", ".shtml": "html_bytes",
                ".xhtml": "html_bytes", ".docx": "docx_bytes", ".xlsx": "xlsx_bytes",
                ".pdf": "pdf_bytes", ".png": "image_bytes", ".jpg": "image_bytes", ".jpeg": "image_bytes",
                ".yaml": "report_file_bytes", ".yml": "report_file_bytes",
                ".json": "report_file_bytes"}


def limit(key: str) -> int:
    return BOUNDS[key].limit


def amount(n: int, unit: str) -> str:
    """``n`` in the unit, readable: bytes as KB/MB, counts with thousands separators."""
    if not unit:
        return f"{n:,}"
    if unit == "字节":
        if n >= MB:
            return f"{n / MB:.1f} MB"
        if n >= 1024:
            return f"{n / 1024:.0f} KB"
        return f"{n} 字节"
    return f"{n:,} {unit}"


def exceeded(key: str, actual: int | None = None, what: str = "", source: str = "") -> LimitExceeded:
    """The error for bound ``key``: names ``what`` (default: the bound's subject), the size met
    (when known; ``actual`` may be a lower bound, as when reading stopped at the limit) and the
    limit."""
    b = BOUNDS[key]
    got = f"（{'超过 ' if actual is not None and actual <= b.limit else ''}{amount(actual, b.unit)}）" \
        if actual is not None else ""
    subject = what or b.subject
    msg = f"{subject}{b.too}{got}，上限为 {amount(b.limit, b.unit)}"
    return LimitExceeded([msg], source, bound=b)


def check(key: str, actual: int, what: str = "", source: str = "") -> None:
    if actual > BOUNDS[key].limit:
        raise exceeded(key, actual, what, source)


def upload_bound(name: str) -> str:
    """The size bound for a file of this name (by extension); unknown types count as text."""
    from pathlib import PurePath
    return UPLOAD_BYTES.get(PurePath(name).suffix.lower(), "text_bytes")


def report_text_sizes(report) -> None:
    """Section and whole-report text bounds; raises LimitExceeded naming the section."""
    total = len(report.preamble or "")
    tpl = report.template
    for key, sec in report.sections.items():
        n = len(sec.text)
        if n > BOUNDS["section_chars"].limit:
            title = tpl.section(key).title if key in tpl.section_keys else key
            raise exceeded("section_chars", n, f"「{title}」的正文")
        total += n
    for items in report.facts.notes.values():
        # a statement keeps its clause; one assigned as a plain string is read as a statement later
        total += sum(len(f) if isinstance(f, str) else len(f.text) + len(f.clause) for f in items)
    check("report_chars", total)


def markdown_table() -> str:
    """README table of the bounds."""
    lines = ["| 项目 | 上限 | 理由 |", "|---|---|---|"]
    for b in BOUNDS.values():
        lines.append(f"| {b.subject} | {amount(b.limit, b.unit)} | {b.reason} |")
    return "\n".join(lines)


__all__ = ["BOUNDS", "Bound", "LimitExceeded", "MB", "UPLOAD_BYTES", "amount", "check", "exceeded",
           "limit", "markdown_table", "report_text_sizes", "upload_bound"]
