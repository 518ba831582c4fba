"""``drafting draft``: draft the sections of a report file, offline or with a model."""
from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Optional

import typer

from ..cli import _echo, app, print_findings
from ..io import ReportLoadError, load_report, save_report
from ..validator import has_errors
from .options import ModelChoice, model_options


@app.command("draft")
@model_options
def draft_cmd(
    report_file: Path = typer.Argument(..., metavar="报告文件", help="报告文件（YAML），含统计表和工作情况"),
    out: Path = typer.Option(..., "--out", help="输出的草稿文件"),
    section: Optional[list[str]] = typer.Option(None, "--section", help="只起草指定部分，可重复：overall、active_disclosure、applications、review_litigation、problems、other"),
    previous: Optional[Path] = typer.Option(None, "--previous", help="上一年度的报告文件，用于上年度问题整改情况"),
    keep_human: bool = typer.Option(True, "--keep-human/--redraft-human",
                                    help="人工撰写或修改过的部分默认保留原文；--redraft-human 时也重新起草（原文件不变）"),
    quiet: bool = typer.Option(False, "--quiet", help="只起草一个部分时也不显示逐字输出"),
    model_choice: ModelChoice = None,
    lead_ins: bool = typer.Option(False, "--lead-ins", help="同时为第二、三、四部分的统计表写导语（默认不写，表格直接列出）"),
) -> None:
    """起草报告各部分（一、五、六的正文；加 --lead-ins 时也写二、三、四的导语），已锁定的部分不覆盖。"""
    from ..engine import ProviderError, draft_report
    from ..engine.draft import DRAFTABLE
    try:
        rep = load_report(report_file)
        prev = load_report(previous) if previous else None
    except ReportLoadError as e:
        _echo(f"{e.source}：无法读取", err=True)
        for line in e.errors:
            _echo(f"  {line}", err=True)
        raise typer.Exit(2)
    for s in section or ():
        if s not in DRAFTABLE:
            _echo(f"未知的部分：{s}（可选 {'、'.join(DRAFTABLE)}）", err=True)
            raise typer.Exit(2)
    prov = model_choice.provider()
    tpl = rep.template
    _echo(f"起草 {rep.meta.agency} {rep.meta.year}年度报告（{'离线起草' if prov.is_offline else '模型 ' + prov.model}）")
    lock = threading.Lock()
    # Parallel streams would interleave on one terminal: the text itself is shown only when a
    # single section is drafted; otherwise each section reports its progress on its own line.
    show_text = not quiet and not prov.is_offline and section is not None and len(section) == 1
    received: dict[str, int] = {}
    mid_line = {"on": False}

    def on_event(ev) -> None:
        title = tpl.section(ev.section).title
        with lock:
            if ev.kind == "delta":
                received[ev.section] = received.get(ev.section, 0) + len(ev.text)
                if show_text:
                    sys.stderr.write(ev.text)
                    sys.stderr.flush()
                    mid_line["on"] = True
                return
            if mid_line["on"]:
                sys.stderr.write("\n")
                mid_line["on"] = False
            mark = {"start": "…", "done": "✓", "skipped": "-", "repair": "↻", "error": "✗"}.get(ev.kind, " ")
            extra = f"（{received[ev.section]} 字）" if ev.kind == "done" and received.get(ev.section) else ""
            _echo(f"  {mark} {title}：{ev.message}{extra}", err=True)

    try:
        result = draft_report(rep, prov, sections=section or None, on_event=on_event, previous=prev,
                              keep_human=keep_human, lead_ins=lead_ins)
    except ProviderError as e:
        _echo(f"起草失败：{e}", err=True)
        raise typer.Exit(2)
    save_report(result.report, out)
    marked = result.marked
    _echo(f"已写入 {out}，用时 {result.seconds:.1f} 秒" +
          (f"，提示词 {result.prompt_tokens} tokens，生成 {result.completion_tokens} tokens" if not prov.is_offline else ""))
    if marked:
        _echo("以下部分仍有问题，已在正文中用【待核实：…】标出，请人工核实：" +
              "、".join(tpl.section(k).title for k in marked))
    print_findings(result.findings, "校验结果")
    raise typer.Exit(1 if has_errors(result.findings) else 0)
