"""``drafting ingest`` and ``drafting lint``: read published reports and check them.

lint has the exit codes and JSON shape of ``drafting validate``: 0 no error-severity finding,
1 at least one, 2 an input could not be read. With a folder and ``--summary OUT.csv`` it also
writes OUT.html, one row per report.
"""
from __future__ import annotations

import csv
import html
import io
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Optional

import typer

from ..cli import IGNORE_HELP, SELECT_HELP, app, codes_or_exit, previous_or_exit, print_findings
from ..files import write_atomic
from ..io import ReportLoadError, load_report, save_report
from ..ingest import PUBLISHED_EXTS, ingest_path
from ..model import Report
from ..validator import Finding, has_errors, validate

REPORT_EXTS = (".yaml", ".yml", ".json")


def _echo(text: str = "", err: bool = False) -> None:
    typer.echo(text, err=err)


def _collect(paths: list[Path]) -> list[Path]:
    """Files to lint: each file as given, and the published reports inside each folder."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            # A folder's own notes (README.md) and hidden files are not reports.
            out.extend(sorted(f for f in p.rglob("*")
                              if f.is_file() and f.suffix.lower() in PUBLISHED_EXTS
                              and not f.name.startswith(".") and not f.stem.lower().startswith("readme")))
        else:
            out.append(p)
    return out


def read_any(path: Path, agency: str | None = None, year: int | None = None) -> Report:
    """A report file (YAML/JSON) as saved, or a published report (text, HTML, .docx, PDF, image) ingested."""
    if path.suffix.lower() in REPORT_EXTS:
        rep = load_report(path)
        if agency:
            rep.meta.agency = agency
        if year:
            rep.meta.year = year
        return rep
    return ingest_path(path, agency=agency, year=year).report


@app.command("ingest")
def ingest_cmd(
    published: Path = typer.Argument(..., metavar="已发布的报告", help="已发布的报告（文本、Markdown、网页、.docx、PDF 或扫描图像）"),
    out: Path = typer.Option(..., "--out", help="输出的报告文件（YAML）"),
    agency: Optional[str] = typer.Option(None, "--agency", help="机关全称（标题中识别不出时指定）"),
    year: Optional[int] = typer.Option(None, "--year", help="报告年度（标题中识别不出时指定）"),
) -> None:
    """读取已发布的年度报告，写成报告文件，可作为下一年度起草的底稿。"""
    try:
        ing = ingest_path(published, agency=agency, year=year)
    except ReportLoadError as e:
        _echo(f"{published}：无法读取", err=True)
        for line in e.errors:
            _echo(f"  {line}", err=True)
        raise typer.Exit(2)
    rep = ing.report
    save_report(rep, out)          # an OutputError names the file and the reason (exit 2)
    tpl = rep.template
    missing_sections = [s.title for s in tpl.sections if s.key not in rep.sections]
    tables = [tpl.tables[k].name for k in tpl.tables if rep.tables.get(k) is not None]
    _echo(f"已读取 {published}（{rep.meta.agency} {rep.meta.year}年度，{rep.meta.template_version}版模板），写入 {out}")
    _echo(f"  部分：{len(rep.sections)} 个" + (f"，缺少 {'、'.join(missing_sections)}" if missing_sections else ""))
    _echo(f"  统计表：{'、'.join(tables) if tables else '无'}")
    if ing.problems:
        _echo(f"  读取中发现 {len(ing.problems)} 个问题（已记入报告文件的修改记录，校验时报告）：")
        for p in ing.problems:
            _echo(f"    {p.code} {p.message}")


def _summary_row(path: Path, result: dict) -> dict:
    findings = result.get("findings", [])
    counts = Counter(f["severity"] for f in findings)
    top = [f"{f['code']} {f['message']}" for f in findings[:3]]
    return {
        "文件": str(path), "机关": result.get("agency") or "", "年度": result.get("year") or "",
        "模板": result.get("template") or "",
        "状态": "无法读取" if result.get("errors") else ("有错误" if counts["error"] else "通过"),
        "错误": counts["error"], "警告": counts["warning"], "提示": counts["info"],
        "主要问题": "；".join(top) if not result.get("errors") else "；".join(result["errors"]),
    }


SUMMARY_FIELDS = ("文件", "机关", "年度", "模板", "状态", "错误", "警告", "提示", "主要问题")


def write_summary(rows: list[dict], csv_path: Path) -> Path:
    """Write the CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese) and an HTML page."""
    buf = io.StringIO(newline="")
    w = csv.DictWriter(buf, fieldnames=SUMMARY_FIELDS)
    w.writeheader()
    for r in rows:
        w.writerow(r)
    write_atomic(csv_path, buf.getvalue().encode("utf-8-sig"), "汇总表")
    html_path = csv_path.with_suffix(".html")
    write_atomic(html_path, summary_html(rows), "汇总网页")
    return html_path


def summary_html(rows: list[dict]) -> str:
    e = lambda v: html.escape(str(v), quote=True)  # noqa: E731  everything shown is escaped
    n_err = sum(1 for r in rows if r["状态"] == "有错误")
    n_bad = sum(1 for r in rows if r["状态"] == "无法读取")
    head = "".join(f"<th>{e(f)}</th>" for f in SUMMARY_FIELDS)
    body = []
    for r in rows:
        cls = {"通过": "ok", "有错误": "error", "无法读取": "unreadable"}[r["状态"]]
        tds = "".join(f"<td>{e(r[f])}</td>" for f in SUMMARY_FIELDS)
        body.append(f'<tr class="{cls}">{tds}</tr>')
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
        "<title>政府信息公开工作年度报告检查汇总</title>"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #999;padding:4px 8px;vertical-align:top}"
        "tr.error td:nth-child(5){color:#b00}tr.unreadable td:nth-child(5){color:#777}</style></head><body>"
        f"<h1>政府信息公开工作年度报告检查汇总</h1><p>共 {len(rows)} 份报告：有错误 {n_err} 份，无法读取 {n_bad} 份，"
        f"通过 {len(rows) - n_err - n_bad} 份。</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></body></html>\n")


@app.command("lint")
def lint_cmd(
    paths: list[Path] = typer.Argument(..., metavar="文件或文件夹", help="已发布的报告文件或文件夹"),
    as_json: bool = typer.Option(False, "--json", help="以 JSON 输出（与 validate 相同）"),
    agency: Optional[str] = typer.Option(None, "--agency", help="机关全称（覆盖从标题识别的名称）"),
    year: Optional[int] = typer.Option(None, "--year", help="报告年度（覆盖从标题识别的年度）"),
    previous: Optional[Path] = typer.Option(None, "--previous", help="上一年度的报告（已发布的文件或报告文件），用于跨年度核对"),
    summary: Optional[Path] = typer.Option(None, "--summary", help="汇总表 CSV 的路径（同名 .html 一并生成）"),
    select: Optional[str] = typer.Option(None, "--select", help=SELECT_HELP),
    ignore: Optional[str] = typer.Option(None, "--ignore", help=IGNORE_HELP),
) -> None:
    """读取已发布的年度报告并校验：缺少的部分和表格、读不出的单元格也作为问题报告。"""
    sel, ign = codes_or_exit(select, ignore)
    prev = previous_or_exit(previous, read_any)
    files = _collect(paths)
    if not files:
        _echo("没有找到可检查的报告文件（" + "、".join(PUBLISHED_EXTS) + "）", err=True)
        raise typer.Exit(2)
    results: list[dict] = []
    rows: list[dict] = []
    worst = 0
    show_bar = summary is not None or len(files) > 1
    started = time.monotonic()
    with typer.progressbar(files, label="正在检查", file=sys.stderr, show_pos=True) if show_bar \
            else _NoBar(files) as bar:
        for path in bar:
            try:
                rep = read_any(path, agency=agency, year=year)
            except ReportLoadError as e:
                worst = 2
                res = {"file": str(path), "agency": None, "year": None, "template": None,
                       "findings": [], "errors": e.errors}
                results.append(res)
                rows.append(_summary_row(path, res))
                if not as_json:
                    _echo(f"{path}：无法读取", err=True)
                    for line in e.errors:
                        _echo(f"  {line}", err=True)
                continue
            findings: list[Finding] = validate(rep, previous=prev, select=sel, ignore=ign)
            if has_errors(findings) and worst < 1:
                worst = 1
            res = {"file": str(path), "agency": rep.meta.agency, "year": rep.meta.year,
                   "template": rep.meta.template_version, "findings": [f.to_dict() for f in findings]}
            results.append(res)
            rows.append(_summary_row(path, res))
            if not as_json and summary is None:
                print_findings(findings, f"{path}（{rep.meta.agency} {rep.meta.year}年度，{rep.meta.template_version}版模板）")
    if summary is not None:
        html_path = write_summary(rows, summary)
        if not as_json:
            n_err = sum(1 for r in rows if r["状态"] == "有错误")
            _echo(f"已检查 {len(rows)} 份报告（{time.monotonic() - started:.1f} 秒）：有错误 {n_err} 份，"
                  f"无法读取 {sum(1 for r in rows if r['状态'] == '无法读取')} 份。汇总表：{summary}、{html_path}")
    if as_json:
        sys.stdout.write(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    raise typer.Exit(worst)


class _NoBar:
    """Stands in for the progress bar when one file is checked."""

    def __init__(self, items):
        self.items = items

    def __enter__(self):
        return iter(self.items)

    def __exit__(self, *exc):
        return False


__all__ = ["ingest_cmd", "lint_cmd", "read_any", "write_summary", "summary_html"]
