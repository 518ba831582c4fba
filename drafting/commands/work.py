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
    report_file: Path = typer.Argument(..., metavar="报告文件", help="报告文件（YAML）"),
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
    report_file: Path = typer.Argument(..., metavar="报告文件", help="报告文件（YAML）"),
    text: Optional[str] = typer.Option(None, "--text", help="用自己的话介绍本年度的工作"),
    text_file: Optional[Path] = typer.Option(None, "--file", help="或：写有工作介绍的文本文件"),
    aspect: Optional[str] = typer.Option(None, "--aspect", help="这段话回答的是哪个方面（追问中给出的键，如 platform.website）"),
    none: Optional[list[str]] = typer.Option(None, "--none", help="本年度不适用、起草时写“无”的事项，可重复：fees、work_points、"
                                             "proposals、innovation；other 表示「六」中尚无材料的各项"),
    out: Optional[Path] = typer.Option(None, "--out", help="写入的报告文件（缺省写回原文件）"),
    model_choice: ModelChoice = None,
) -> None:
    """把对本年度工作的叙述按方面整理成工作情况（每条保留原话），并列出还需补充的方面。"""
    from ..engine import ProviderError
    from ..engine.facts import extract, mark_none
    from ..engine.provider import describe_error
    from ..facts import known_aspect
    rep = _load(report_file)
    if none and text is None and text_file is None:
        try:
            for k in none:
                rep.facts = mark_none(rep.facts, k)
        except ValueError as e:
            _echo(f"{e}（可选 fees、work_points、proposals、innovation、other）", err=True)
            raise typer.Exit(2)
        target = out or report_file
        save_report(rep, target)
        _echo(f"已记为本年度无此事项：{'、'.join(none)}，写入 {target}")
        raise typer.Exit(0)
    if (text is None) == (text_file is None):
        _echo("请用 --text 或 --file 二者之一给出工作介绍。", err=True)
        raise typer.Exit(2)
    if aspect is not None and not known_aspect(aspect):
        _echo(f"未知的方面：{aspect}", err=True)
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
        ex = extract(rep, text or "", prov, aspect)
    except ProviderError as e:
        _echo(f"未能整理：{e}", err=True)
        raise typer.Exit(2)
    except Exception as e:
        _echo(f"未能整理：{describe_error(e)}", err=True)
        raise typer.Exit(1)
    added_figs = len(ex.facts.figures) - len(rep.facts.figures)
    rep.facts = ex.facts
    if none:
        for k in none:
            rep.facts = mark_none(rep.facts, k)
    target = out or report_file
    save_report(rep, target)
    from ..facts import label_of
    _echo(f"已记下 {len(ex.added)} 条要点、{added_figs} 项数据，写入 {target}")
    for key, fact in ex.added:
        _echo(f"  [{label_of(key)}] {fact.text}")
    for line in ex.dropped:
        _echo(f"  未采用：{line}")
    if ex.questions:
        _echo("还需要了解：")
    for i, q in enumerate(ex.questions, 1):
        _echo(f"  {i}. 关于「{q.label}」（--aspect {q.aspect}）：{q.text}")


@app.command("confirm")
def confirm_cmd(
    report_file: Path = typer.Argument(..., metavar="报告文件", help="报告文件（YAML）"),
    section: str = typer.Option(..., "--section", help="数字所在的部分：overall、problems、other 等"),
    quote: str = typer.Option(..., "--quote", help="正文中的数字及单位，如 8次（校验结果 N006 中引出的内容）"),
    out: Optional[Path] = typer.Option(None, "--out", help="写入的报告文件（缺省写回原文件）"),
) -> None:
    """确认正文中人工写出的数字无误，记入工作情况（来源：人工），此后校验不再提示。"""
    from ..engine.facts import confirm_figure
    rep = _load(report_file)
    try:
        fig = confirm_figure(rep, section, quote)
    except ValueError as e:
        _echo(str(e), err=True)
        raise typer.Exit(2)
    target = out or report_file
    save_report(rep, target)
    _echo(f"已记入工作情况：{fig.label} {fig.said}{fig.unit}（来源：人工，原句：{fig.clause}），写入 {target}")


@app.command("carry-over")
def carry_over_cmd(
    report_file: Path = typer.Argument(..., metavar="报告文件", help="本年度报告文件（YAML）"),
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
    report_file: Path = typer.Argument(..., metavar="报告文件", help="报告文件（YAML）"),
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
