"""Command line: ``drafting validate``, ``drafting rules``, ``drafting new``, ``drafting limits``.

Exit codes of validate: 0 no error-severity finding, 1 at least one, 2 an input could not be read.
Every command: a typed error (drafting.errors) that reaches the top is printed as its Chinese
messages on stderr and exits with its ``exit_code`` (2 for unreadable or oversized input, an
output that cannot be written, an unusable database); an operating-system error likewise, 2.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from pydantic import ValidationError
from typer.core import TyperGroup

from .errors import DraftingError, InputError
from .files import os_reason
from .io import ReportLoadError, load_report, save_report, validation_messages
from .model import Level, empty_report
from .validator import SEVERITY_ZH, Finding, has_errors, rules_markdown, validate
from .validator.core import GROUPS, UnknownCode, parse_codes, selected_codes
from .commands import zh as _zh

_zh.install()          # the framework's help headings and usage errors in Chinese


class _Group(TyperGroup):
    """Typed errors become their messages and exit code; nothing decides by message text."""

    def invoke(self, ctx: typer.Context):
        try:
            return super().invoke(ctx)
        except DraftingError as e:
            where = f"{e.source}：" if e.source and all(e.source not in m for m in e.errors) else ""
            for i, line in enumerate(e.errors):
                typer.echo((where if i == 0 else "  ") + line, err=True)
            raise typer.Exit(e.exit_code) from None
        except OSError as e:       # a disk or device failure outside any file helper
            name = f" {e.filename}" if getattr(e, "filename", None) else ""
            typer.echo(f"无法读写文件{name}：{os_reason(e)}", err=True)
            raise typer.Exit(2) from None


app = typer.Typer(cls=_Group, add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="年报助手：政府信息公开工作年度报告的起草、校验与发布。")


def _echo(text: str = "", err: bool = False) -> None:
    typer.echo(text, err=err)


SELECT_HELP = "只运行这些代码的检查（逗号分隔，可写前缀，如 T,N001）"
IGNORE_HELP = "不运行这些代码的检查（逗号分隔，可写前缀）"


def all_checks_loaded() -> None:
    """The drafting checks register from the engine; the CLI lists and selects them with the rest."""
    from .engine import checks  # noqa: F401


def codes_or_exit(select: str | None, ignore: str | None) -> tuple[list[str], list[str]]:
    """Parse --select/--ignore; an unknown code is a usage error (exit 2) with a Chinese message."""
    all_checks_loaded()
    sel, ign = parse_codes(select), parse_codes(ignore)
    try:
        selected_codes(sel, ign)
    except UnknownCode as e:
        _echo(str(e), err=True)
        raise typer.Exit(2)
    return sel, ign


def previous_or_exit(path: Path | None, reader=load_report):
    """Last year's report for cross-year checks, or exit 2 with the reasons it cannot be read."""
    if path is None:
        return None
    try:
        return reader(path)
    except ReportLoadError as e:
        for line in e.errors:
            _echo(f"{path}：{line}", err=True)
        raise typer.Exit(2)


def print_findings(findings: list[Finding], title: str) -> None:
    n_err = sum(f.severity == "error" for f in findings)
    n_warn = sum(f.severity == "warning" for f in findings)
    _echo(f"{title}：错误 {n_err} 项，警告 {n_warn} 项，提示 {len(findings) - n_err - n_warn} 项")
    for f in findings:
        where = f.cell or f.section or ""
        # a message that already opens with its cell (表二「…」…：) is not prefixed with it again
        head = f" {where}：" if where and not f.message.startswith(where) else " "
        _echo(f"  [{SEVERITY_ZH[f.severity]}] {f.code}{head}{f.message}")
        if f.quote and f.quote not in f.message:
            _echo(f"      原文：{f.quote}")
        if f.fix:
            _echo(f"      建议：{f.fix}")


_PUBLISHED_SUFFIXES = frozenset({".txt", ".docx", ".doc", ".pdf", ".html", ".htm", ".md", ".wps"})


@app.command("validate")
def validate_cmd(
    files: list[Path] = typer.Argument(..., metavar="报告文件", help="报告文件（YAML）"),
    as_json: bool = typer.Option(False, "--json", help="以 JSON 输出"),
    previous: Optional[Path] = typer.Option(None, "--previous", help="上一年度的报告文件，用于跨年度核对"),
    select: Optional[str] = typer.Option(None, "--select", help=SELECT_HELP),
    ignore: Optional[str] = typer.Option(None, "--ignore", help=IGNORE_HELP),
) -> None:
    """校验报告文件：结构、表格勾稽、正文与数据、机关与年度、文风。"""
    sel, ign = codes_or_exit(select, ignore)
    prev = previous_or_exit(previous)
    results = []
    worst = 0
    for path in files:
        try:
            rep = load_report(path)
        except ReportLoadError as e:
            worst = 2
            if path.suffix.lower() in _PUBLISHED_SUFFIXES:
                # a published report given to validate (a helper did this on the corpus): say which
                # command reads it
                e.errors = [*e.errors, f"「{path.name}」像是已发布的报告：validate 只读报告文件（YAML）；"
                                       f"已发布的报告请用 drafting lint {path.name} 读取并校验。"]
            results.append({"file": str(path), "agency": None, "year": None, "template": None,
                            "findings": [], "errors": e.errors})
            if not as_json:
                _echo(f"{path}：无法读取", err=True)
                for line in e.errors:
                    _echo(f"  {line}", err=True)
            continue
        findings = validate(rep, previous=prev, select=sel, ignore=ign)
        if has_errors(findings) and worst < 1:
            worst = 1
        results.append({"file": str(path), "agency": rep.meta.agency, "year": rep.meta.year,
                        "template": rep.meta.template_version,
                        "findings": [f.to_dict() for f in findings]})
        if not as_json:
            print_findings(findings, f"{path}（{rep.meta.agency} {rep.meta.year}年度，{rep.meta.template_version}版模板）")
    if as_json:
        sys.stdout.write(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    raise typer.Exit(worst)


@app.command("rules")
def rules_cmd(
    codes: list[str] = typer.Argument(None, metavar="代码", help="只看这些代码（可写前缀）；给出时显示完整说明和示例"),
    markdown: bool = typer.Option(False, "--markdown", help="输出 README 用的 Markdown 表格"),
) -> None:
    """列出全部检查项（校验规则和起草检查）及其代码、级别和说明。"""
    from .validator import RULES
    all_checks_loaded()
    if markdown:
        _echo(rules_markdown())
        return
    try:
        wanted = selected_codes(codes or None)
    except UnknownCode as e:
        _echo(str(e), err=True)
        raise typer.Exit(2)
    for code in wanted:
        r = RULES[code]
        _echo(f"{r.code}  {SEVERITY_ZH[r.severity]}  {GROUPS[r.group]}  {r.name}：{r.summary}")
        if codes:
            _echo(f"    示例（会被报告）：{r.example}")
            for line in r.doc.splitlines():
                _echo(f"    {line}")
            fx = r.fixtures
            _echo(f"    测试输入：{sum(1 for f in fx if f.get('fires'))} 个应报告，"
                  f"{sum(1 for f in fx if not f.get('fires'))} 个不应报告")
            _echo("")


@app.command("new")
def new_cmd(
    agency: str = typer.Option(..., "--agency", help="机关全称"),
    year: int = typer.Option(..., "--year", help="报告年度"),
    level: Level = typer.Option(Level.department, "--level", help="机关层级"),
    out: Path = typer.Option(..., "--out", help="输出的报告文件"),
) -> None:
    """新建一份空白报告文件（各表单元格为未填）。"""
    try:
        rep = empty_report(agency, year, level)
    except ValidationError as e:
        raise InputError(["无法新建报告："] + [f"  {m}" for m in validation_messages(e)]) from None
    save_report(rep, out)
    _echo(f"已新建 {out}（{rep.meta.template_version}版模板）")


@app.command("limits")
def limits_cmd(markdown: bool = typer.Option(False, "--markdown", help="输出 README 用的 Markdown 表格")) -> None:
    """列出读取输入时的各项上限（单元格数值、正文长度、上传文件大小等）。"""
    from . import limits
    if markdown:
        _echo(limits.markdown_table())
        return
    for b in limits.BOUNDS.values():
        _echo(f"{b.key}  {b.subject}：{limits.amount(b.limit, b.unit)}")


# Feature commands live in their own modules and register on ``app`` when imported.
# One import line per module, below; keep this block at the end of the command definitions.
# --- command modules ---
from .commands import draft as _draft  # noqa: E402,F401
from .commands import export as _export  # noqa: E402,F401
from .commands import lint as _lint  # noqa: E402,F401
from .commands import work as _work  # noqa: E402,F401
from .commands import rollup as _rollup  # noqa: E402,F401
from .commands import review as _review  # noqa: E402,F401
# --- end command modules ---


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    # Run as a script (python -m drafting.cli), this file is the module __main__, not drafting.cli:
    # the command modules above registered on drafting.cli's app, so that is the one to run.
    from drafting.cli import main as _main
    _main()
