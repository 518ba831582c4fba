"""The rest of the app's workflow on the command line: revise by instruction, facts from an
account of the year, carry-overs from last year, the Excel template."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..cli import _echo, app
from ..files import read_input, write_atomic
from ..io import ReportLoadError, load_report, save_report
from .options import ModelChoice, model_options


def _load(path: Path):
    try:
        return load_report(path)
    except ReportLoadError as e:
        _echo(f"{e.source or path}：无法读取", err=True)
        for line in e.errors:
            _echo(f"  {line}", err=True)
        raise typer.Exit(2)


@app.command("revise")
@model_options
def revise_cmd(
    report_file: Path = typer.Argument(..., help="报告文件（YAML）"),
    section: str = typer.Option(..., "--section", help="要修改的部分：overall、problems、other 等"),
    instruction: str = typer.Option(..., "--instruction", help="修改意见，如「精简第一段」"),
    out: Optional[Path] = typer.Option(None, "--out", help="写入的报告文件；不给出时只显示修改建议"),
    model_choice: ModelChoice = None,
) -> None:
    """按修改意见修改一个部分：显示改动的句子，给出 --out 时写入报告文件。"""
    from ..engine import ProviderError, revise_section
    from ..engine.provider import describe_error
    rep = _load(report_file)
    prov = model_choice.provider()
    try:
        res = revise_section(rep, section, instruction, prov)
    except ProviderError as e:
        _echo(f"未能修改：{e}", err=True)
        raise typer.Exit(e.exit_code)       # 2 for a request that cannot be done, 1 for a model failure
    except Exception as e:   # a model failure: say what it was, change nothing
        _echo(f"未能修改：{describe_error(e)}", err=True)
        raise typer.Exit(1)
    if not res.changed:
        _echo("模型没有改动任何句子。")
    for old, new in res.changed:
        _echo(f"- {old}" if old else "- （无）")
        _echo(f"+ {new}" if new else "+ （删去）")
    for f in res.findings:
        _echo(f"  待核实：{f.code} {f.message}", err=True)
    if out is not None:
        res.apply(rep)
        save_report(rep, out)
        _echo(f"已写入 {out}")
    raise typer.Exit(1 if res.findings else 0)


@app.command("facts")
@model_options
def facts_cmd(
    report_file: Path = typer.Argument(..., help="报告文件（YAML）"),
    text: Optional[str] = typer.Option(None, "--text", help="用自己的话介绍本年度的工作"),
    text_file: Optional[Path] = typer.Option(None, "--file", help="或：写有工作介绍的文本文件"),
    out: Optional[Path] = typer.Option(None, "--out", help="写入的报告文件（缺省写回原文件）"),
    model_choice: ModelChoice = None,
) -> None:
    """把对本年度工作的叙述整理成工作情况（要点和数据），并列出还需补充的方面。"""
    from ..engine import ProviderError, extract_facts
    from ..engine.provider import describe_error
    rep = _load(report_file)
    if (text is None) == (text_file is None):
        _echo("请用 --text 或 --file 二者之一给出工作介绍。", err=True)
        raise typer.Exit(2)
    if text_file is not None:
        raw = read_input(text_file, "text_bytes", "文本文件")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            _echo(f"无法读取文本文件：{text_file}（应为 UTF-8 文本）", err=True)
            raise typer.Exit(2)
    prov = model_choice.provider()
    try:
        facts, questions = extract_facts(rep, text or "", prov)
    except ProviderError as e:
        _echo(f"未能整理：{e}", err=True)
        raise typer.Exit(2)
    except Exception as e:
        _echo(f"未能整理：{describe_error(e)}", err=True)
        raise typer.Exit(1)
    added_notes = sum(len(v) for v in facts.notes.values()) - sum(len(v) for v in rep.facts.notes.values())
    added_figs = len(facts.figures) - len(rep.facts.figures)
    rep.facts = facts
    target = out or report_file
    save_report(rep, target)
    _echo(f"已记下 {added_notes} 条要点、{added_figs} 项数据，写入 {target}")
    for i, q in enumerate(questions, 1):
        _echo(f"  {i}. {q}")


@app.command("carry-over")
def carry_over_cmd(
    report_file: Path = typer.Argument(..., help="本年度报告文件（YAML）"),
    previous: Path = typer.Option(..., "--previous", help="上一年度的报告文件"),
) -> None:
    """从上一年度报告带入上年结转数（表三「二、上年结转」等），写回报告文件。"""
    from ..workflow import prefill_from_previous
    rep = _load(report_file)
    prev = _load(previous)
    if prev.meta.year != rep.meta.year - 1:
        _echo(f"提供的是{prev.meta.year}年度报告，不是{rep.meta.year - 1}年度的，未带入。", err=True)
        raise typer.Exit(2)
    filled = prefill_from_previous(rep, prev)
    save_report(rep, report_file)
    _echo(f"已带入 {len(filled)} 个单元格：" + "、".join(filled[:3]) + ("等" if len(filled) > 3 else ""))


@app.command("xlsx")
def xlsx_cmd(
    report_file: Path = typer.Argument(..., help="报告文件（YAML）"),
    template_out: Optional[Path] = typer.Option(None, "--template", help="导出 Excel 填报模板到此文件"),
    filled: Optional[Path] = typer.Option(None, "--import", help="读入填好的 Excel 模板，写回报告文件"),
) -> None:
    """统计表的 Excel 填报模板：导出模板，或读入填好的模板。"""
    from ..spreadsheet import import_xlsx
    from ..workflow import xlsx_template
    rep = _load(report_file)
    if (template_out is None) == (filled is None):
        _echo("请用 --template 或 --import 二者之一。", err=True)
        raise typer.Exit(2)
    if template_out is not None:
        write_atomic(template_out, xlsx_template(rep), "填报模板")
        _echo(f"已导出填报模板 {template_out}")
        return
    # A workbook that cannot be imported raises a typed error (exit 2) before anything changes.
    errors = import_xlsx(rep, read_input(filled, "xlsx_bytes", "Excel 文件"))
    for e in errors:
        _echo(e, err=True)
    save_report(rep, report_file)
    _echo(f"已读入 {filled}，写回 {report_file}" + (f"；{len(errors)} 个单元格有误，未读入" if errors else ""))
    raise typer.Exit(1 if errors else 0)
