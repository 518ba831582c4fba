"""What the command-line framework prints, in Chinese: the help screen's headings and usage errors.

Typer (with its own copy of click) prints its help headings, "Show this message and exit." and
usage errors ("Missing option '--out'.", "Invalid value for '--year': …") in English. A clerk
reads Chinese, so the headings are replaced, and each usage error is written anew from its type
and the parameter it names (never from the English text). If a Typer release moves these
internals, ``install`` leaves what it cannot find in English rather than failing; the CLI tests
check the Chinese output.
"""
from __future__ import annotations

import enum
import typing
from pathlib import Path

# Strings the framework passes through gettext, with their Chinese.
_TEXT = {
    "Show this message and exit.": "显示本帮助并退出。",
    "Usage:": "用法：",
    "Arguments": "参数",
    "Options": "选项",
    "Commands": "命令",
    "Error": "错误",
    "Aborted!": "已中止。",
    "Aborted.": "已中止。",
    "required": "必填",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（运行时确定）",
    "Missing command.": "缺少命令。",
}
# Typer's rich help screen keeps these as module constants.
_RICH = {
    "ARGUMENTS_PANEL_TITLE": "参数",
    "OPTIONS_PANEL_TITLE": "选项",
    "COMMANDS_PANEL_TITLE": "命令",
    "ERRORS_PANEL_TITLE": "错误",
    "ABORTED_TEXT": "已中止。",
    "DEFAULT_STRING": "[默认：{}]",
    "ENVVAR_STRING": "[环境变量：{}]",
    "REQUIRED_LONG_STRING": "[必填]",
    "DEPRECATED_STRING": "（已停用）",
    "RICH_HELP": "运行 [blue]'{command_path} {help_option}'[/] 查看用法。",
}


# The usage line's pieces and the help screen's type column, which the framework writes in
# English from the parameter's declared type: what a clerk reads instead.
_PIECES = {"[OPTIONS]": "[选项]", "COMMAND [ARGS]...": "命令 [参数]..."}
_TYPES = {"str": "文字", "int": "整数", "float": "数字", "path": "路径", "file": "文件", "directory": "文件夹",
          "Path": "路径"}


def _type_zh(label: str | None) -> str | None:
    """<int> → <整数>, <list[Path]> → <路径…>; a flag (<bool>) shows no type; choices stay as they are."""
    if not label or not (label.startswith("<") and label.endswith(">")):
        return label
    inner = label[1:-1]
    many = inner.startswith("list[") and inner.endswith("]")
    if many:
        inner = inner[5:-1]
    if inner == "bool":
        return None
    if inner not in _TYPES:
        return label
    return f"<{_TYPES[inner]}{'…' if many else ''}>"


def _tr(message: str) -> str:
    return _TEXT.get(message, message)


def _hint(param) -> str:
    if param is None:
        return ""
    opts = getattr(param, "opts", None) or [getattr(param, "name", "") or ""]
    return "/".join(opts)


def _expected(param) -> str:
    """What the parameter takes, from its declared type."""
    ann = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    args = [a for a in typing.get_args(ann) if a is not type(None)] if typing.get_origin(ann) else []
    if args:
        ann = args[0]
    if isinstance(ann, type) and issubclass(ann, enum.Enum):
        return "可选值为 " + "、".join(str(m.value) for m in ann)
    if ann is int:
        return "应为整数"
    if ann is float:
        return "应为数字"
    if isinstance(ann, type) and issubclass(ann, Path):
        return "应为文件或文件夹的路径"
    return "请按帮助中的说明填写"


def message(error) -> str | None:
    """The Chinese message of a usage error, chosen by its type; None for a type not known here."""
    from typer._click import exceptions as ex
    param = getattr(error, "param", None)
    if isinstance(error, ex.MissingParameter):
        kind = "参数" if getattr(param, "param_type_name", "") == "argument" else "选项"
        help_ = getattr(param, "help", None)
        return f"缺少{kind}「{_hint(param)}」" + (f"（{help_}）" if help_ else "") + "。"
    if isinstance(error, ex.BadParameter):
        return f"「{_hint(param) or error.param_hint or ''}」的值无效：{_expected(param)}。"
    if isinstance(error, ex.NoSuchOption):
        maybe = sorted(getattr(error, "possibilities", None) or [])
        return f"没有选项「{error.option_name}」" + (f"，是否要用「{'」「'.join(maybe)}」？" if maybe else "。")
    if isinstance(error, ex.BadOptionUsage):
        return f"选项「{error.option_name}」后面需要填写一个值。"
    if isinstance(error, ex.BadArgumentUsage):
        return "命令的参数个数不对。"
    return None


def install() -> None:
    try:
        from typer import core as typer_core
        from typer import rich_utils
        from typer._click import core as click_core
        from typer._click import decorators, formatting
    except ImportError:          # another Typer layout: its English stays
        return
    for mod in (decorators, formatting, click_core, typer_core):
        if hasattr(mod, "_"):
            mod._ = _tr
    for name, text in _RICH.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, text)
    _usage_and_help(formatting, click_core)
    _types_and_pieces(typer_core, click_core)
    original = getattr(rich_utils, "rich_format_error", None)
    if original is None or getattr(original, "_zh", False):
        return

    def rich_format_error(error) -> None:
        zh = message(error)
        if zh is not None:
            error.format_message = lambda: zh
        original(error)

    rich_format_error._zh = True
    rich_utils.rich_format_error = rich_format_error


def _usage_and_help(formatting, click_core) -> None:
    """The usage line's prefix and the help option's text, which this Typer writes as literals."""
    fmt = getattr(formatting, "HelpFormatter", None)
    if fmt is not None and not getattr(fmt.write_usage, "_zh", False):
        write_usage = fmt.write_usage

        def zh_usage(self, prog, args="", prefix=None):
            return write_usage(self, prog, args, "用法：" if prefix is None else prefix)
        zh_usage._zh = True
        fmt.write_usage = zh_usage
    cmd = getattr(click_core, "Command", None)
    if cmd is not None and not getattr(cmd.get_help_option, "_zh", False):
        get_help_option = cmd.get_help_option

        def zh_help_option(self, ctx):
            opt = get_help_option(self, ctx)
            if opt is not None:
                opt.help = _tr(opt.help or "")
            return opt
        zh_help_option._zh = True
        cmd.get_help_option = zh_help_option


def _types_and_pieces(typer_core, click_core) -> None:
    """The type column of the help screen and the usage line's [OPTIONS] / COMMAND [ARGS]... in
    Chinese; an argument's name in the usage line is its metavar, which each command gives."""
    for cls in (getattr(typer_core, "TyperArgument", None), getattr(typer_core, "TyperOption", None)):
        shown = getattr(cls, "display_type", None)
        if shown is None or getattr(shown, "_zh", False):
            continue

        def display_type(self, ctx, _shown=shown):
            return _type_zh(_shown(self, ctx))
        display_type._zh = True
        cls.display_type = display_type
    for cls in (getattr(click_core, "Command", None), getattr(typer_core, "TyperGroup", None)):
        pieces = getattr(cls, "collect_usage_pieces", None) if cls is not None else None
        if pieces is None or getattr(pieces, "_zh", False) or "collect_usage_pieces" not in vars(cls):
            continue

        def collect_usage_pieces(self, ctx, _pieces=pieces):
            return [_PIECES.get(p, p) for p in _pieces(self, ctx)]
        collect_usage_pieces._zh = True
        cls.collect_usage_pieces = collect_usage_pieces
