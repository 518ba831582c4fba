"""``drafting export``: the validator-gated export to docx, html, md or json.

Exit codes: 0 exported; 1 refused because of error findings; 2 input unreadable or bad usage.
A forced export records the override in the report's history and saves the report file.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from ..cli import app, print_findings
from ..export import FORMATS, ExportRefused, check_format, gated_export
from ..export.fonts import FontSet, parse_font_options
from ..errors import OutputError
from ..files import write_atomic
from ..io import ReportLoadError, load_report, report_json, save_report
from ..model import Report


def _fail(lines: list[str], code: int) -> None:
    for line in lines:
        typer.echo(line, err=True)
    raise typer.Exit(code)


def _save_back(report: Report, path: Path) -> None:
    """Write the report (with its new history entry) in the format it was read from."""
    if path.suffix.lower() == ".json":
        write_atomic(path, json.dumps(report_json(report), ensure_ascii=False, indent=2) + "\n", "报告文件")
    else:
        save_report(report, path)


@app.command("export")
def export_cmd(
    report_file: Path = typer.Argument(..., metavar="报告文件", help="报告文件（YAML）"),
    to: str = typer.Option(..., "--to", help="导出格式：" + "、".join(FORMATS)),
    out: Optional[Path] = typer.Option(None, "--out", help="输出文件；缺省时按报告标题命名，存于当前目录"),
    previous: Optional[Path] = typer.Option(None, "--previous", help="上一年度的报告文件，用于校验和网页图解的年度对比"),
    force: bool = typer.Option(False, "--force", help="报告有错误时仍然导出（须用 --reason 说明理由）"),
    reason: Optional[str] = typer.Option(None, "--reason", help="强制导出的理由，记入报告的修改记录"),
    who: Optional[str] = typer.Option(None, "--who", help="操作人，缺省为当前系统用户"),
    font: Optional[list[str]] = typer.Option(None, "--font",
                                             help="替换字体，如 --font body=仿宋 --font title=华文中宋；"
                                                  "用途：title body heading1 heading2 page_number table table_head latin"),
) -> None:
    """导出报告（docx、html、md、json）；有错误时拒绝导出，除非说明理由强制导出。"""
    try:
        fmt = check_format(to)
        fonts = FontSet().with_overrides(parse_font_options(font))
    except ValueError as e:
        _fail([str(e)], 2)
    try:
        report = load_report(report_file)
    except ReportLoadError as e:
        _fail([f"无法读取报告文件 {report_file}："] + [f"  {line}" for line in e.errors], 2)
    prev = None
    if previous is not None:
        try:
            prev = load_report(previous)
        except ReportLoadError as e:
            _fail([f"无法读取上一年度报告文件 {previous}："] + [f"  {line}" for line in e.errors], 2)
    try:
        result = gated_export(report, fmt.key, force=force, reason=reason, who=who, previous=prev, fonts=fonts)
    except ExportRefused as e:
        print_findings(e.findings, f"{report_file}（{report.meta.agency} {report.meta.year}年度）")
        if e.needs_reason:
            _fail([str(e), '用法：drafting export 报告.yaml --to docx --out 输出文件 --force --reason "理由"'], 2)
        _fail([f"导出已拒绝：{e}",
               '如确需导出，请加 --force --reason "理由"，强制导出将记入报告的修改记录。'], 1)
    target = out if out is not None else Path(result.filename)

    def record() -> None:
        # The forced export's record is saved before the file takes its place: no export
        # without its record, and a failed record leaves the target as it was.
        if result.override is None:
            return
        try:
            _save_back(report, report_file)
        except OutputError as e:
            raise OutputError([f"无法在报告文件中记录强制导出，已撤销本次导出：{e}"], str(report_file)) from None
    write_atomic(target, result.data, "输出文件", before_replace=record)   # typed errors exit 2
    if result.override is not None:
        print_findings([f for f in result.findings if f.severity == "error"], "强制导出时未解决的错误")
        typer.echo(f"已强制导出 {target}（{len(result.data)} 字节）。")
        typer.echo(f"已记入 {report_file} 的修改记录：{result.override.at} {result.override.who} {result.override.detail}")
        return
    if force:
        typer.echo("报告没有错误，按正常导出处理，未记录强制导出。")
    if result.warnings:
        typer.echo(f"提示：报告有 {len(result.warnings)} 项警告，请人工确认（drafting validate 查看）。")
    typer.echo(f"已导出 {target}（{len(result.data)} 字节）。")
