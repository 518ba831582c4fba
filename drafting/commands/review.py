"""``drafting review DIR --year Y --summary OUT.xlsx``: check every unit's published report.

Prints one row per unit (lowest score first) and writes the Excel workbook. Exit codes: 0 every
unit meets every criterion; 1 some unit falls short or a file could not be read; 2 bad input
(no report of the year found, an unreadable dates or units file, an output that cannot be written).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from ..cli import _echo, app


@app.command("review")
def review_cmd(
    paths: list[Path] = typer.Argument(..., metavar="文件或文件夹", help="各单位已发布的报告所在的文件夹（或文件）；上一年度的报告放在一起即用于核对照搬"),
    year: int = typer.Option(..., "--year", help="检查的报告年度"),
    summary: Optional[Path] = typer.Option(None, "--summary", help="写入的 Excel 汇总（评分汇总、评分依据、问题明细、评分标准、图表）"),
    dates: Optional[Path] = typer.Option(None, "--dates", help="发布日期（CSV 或 Excel：第一列文件名或单位名称，第二列日期）"),
    units: Optional[Path] = typer.Option(None, "--units", help="单位名单（YAML，与 rollup 相同），据以列出没有报告的单位"),
    jobs: int = typer.Option(1, "--jobs", min=1, max=64, help="并行进程数"),
    as_json: bool = typer.Option(False, "--json", help="以 JSON 输出全部结果"),
) -> None:
    """检查各单位已发布的年度报告：按时公布、内容完整、数据一致、上年问题整改、图解解读、是否照搬，逐项给出依据。"""
    from ..review import FULL_SCORE, MET, read_dates, review, review_xlsx, text_table
    from ..rollup import RollupError, load_workspace_file
    given = {}
    if dates is not None:
        try:
            given = read_dates(dates)
        except ValueError as e:
            _echo(str(e), err=True)
            raise typer.Exit(2)
    roster = None
    if units is not None:
        try:
            roster = load_workspace_file(units).units
        except RollupError as e:
            _echo(str(e), err=True)
            raise typer.Exit(2)
    missing = [p for p in paths if not p.exists()]
    if missing:
        _echo(f"找不到：{'、'.join(map(str, missing))}", err=True)
        raise typer.Exit(2)
    rv = review(paths, year, dates=given, units=roster, jobs=jobs)
    checked = [u for u in rv.units if u.state == "已检查"]
    if not rv.units:
        _echo(f"没有找到{year}年度的报告（已跳过 {len(rv.skipped)} 份其他年度的报告）。", err=True)
        raise typer.Exit(2)
    if summary is not None:
        try:
            summary.parent.mkdir(parents=True, exist_ok=True)
            tmp = summary.with_name(summary.name + ".tmp")
            tmp.write_bytes(review_xlsx(rv))
            tmp.replace(summary)
        except OSError as e:
            _echo(f"无法写入汇总 {summary}：{e.strerror or e}", err=True)
            raise typer.Exit(2)
    if as_json:
        sys.stdout.write(json.dumps(rv.to_data(), ensure_ascii=False, indent=1) + "\n")
    else:
        _echo(text_table(rv))
        full = sum(1 for u in checked if u.score == FULL_SCORE)
        per = rv.seconds / max(1, len(rv.units)) * 1000
        _echo(f"\n{year}年度：检查 {len(checked)} 份报告（满分 {FULL_SCORE} 分，满分 {full} 份）"
              + (f"，无法读取 {sum(u.state == '无法读取' for u in rv.units)} 份" if len(checked) < len(rv.units) else "")
              + (f"，未找到报告 {sum(u.state == '未找到报告' for u in rv.units)} 个单位" if roster else "")
              + (f"，跳过其他年度 {len(rv.skipped)} 份" if rv.skipped else "")
              + f"；用时 {rv.seconds:.1f} 秒（每份 {per:.0f} 毫秒）。")
        _echo("✓ 达标  ✗ 未达标  ？ 无法判断（需人工核实）" + (f"。Excel 汇总：{summary}" if summary else ""))
    short = any(c.status != MET for u in rv.units for c in u.criteria)
    raise typer.Exit(1 if short else 0)
