"""Reading and writing report files (YAML; JSON is read too)."""
from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from . import limits
from .errors import LimitExceeded, ReportLoadError
from .files import read_input, write_atomic
from .model import Report

MAX_REPORT_BYTES = limits.limit("report_file_bytes")

# Chinese names of model fields, for error messages that a drafter can act on.
FIELD_NAMES = {
    "meta": "基本信息", "agency": "机关名称", "short_names": "简称", "level": "机关层级",
    "year": "报告年度", "template": "模板版本", "region": "所在行政区", "date": "落款日期",
    "sections": "正文", "text": "正文", "heading": "标题", "tables": "统计表",
    "facts": "工作情况", "figures": "数据", "notes": "要点", "value": "数值",
    "label": "名称", "unit": "单位", "key": "键", "preamble": "导语", "history": "修改记录",
}


def _loc_name(loc: tuple) -> str:
    parts = []
    for p in loc:
        if isinstance(p, int):
            parts.append(f"第{p + 1}项")
        else:
            parts.append(FIELD_NAMES.get(str(p), str(p)))
    return "·".join(parts)


def _shown(value: Any) -> str:
    """An input value as quoted in a message: short, never thousands of digits."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        return "（位数过多的整数）"
    s = repr(value)
    return s if len(s) <= 40 else s[:36] + "…"


def _translate(err: dict) -> str:
    msg = err.get("msg", "")
    loc = tuple(err.get("loc", ()))
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
        return msg if not loc else f"{_loc_name(loc)}：{msg}" if "：" not in msg else msg
    kind = err.get("type", "")
    got = err.get("input")
    got_s = "" if isinstance(got, (dict, list)) else f"，收到 {_shown(got)}"
    ctx = err.get("ctx", {}) or {}
    reasons = {
        "missing": "缺少必填项",
        "int_parsing": "应为整数" + got_s,
        "int_type": "应为整数" + got_s,
        "int_from_float": "应为整数" + got_s,
        "greater_than_equal": f"不应小于 {ctx.get('ge')}" + got_s,
        "less_than_equal": f"不应大于 {ctx.get('le')}" + got_s,
        "string_type": "应为文字" + got_s,
        "string_too_short": ("不能为空" if not str(got or "").strip()
                             else f"至少 {ctx.get('min_length')} 个字" + got_s),
        "string_too_long": f"过长（上限 {ctx.get('max_length')} 字）",
        "enum": f"应为 {ctx.get('expected', '')} 之一" + got_s,
        "literal_error": f"应为 {ctx.get('expected', '')} 之一" + got_s,
        "extra_forbidden": "不是报告文件中的字段",
        "dict_type": "应为映射（键: 值）",
        "model_type": "应为映射（键: 值）",
        "model_attributes_type": "应为映射（键: 值）",
        "list_type": "应为列表",
        "bool_type": "应为 true 或 false" + got_s,
        "bool_parsing": "应为 true 或 false" + got_s,
        "float_type": "应为数字" + got_s,
        "float_parsing": "应为数字" + got_s,
        "finite_number": "应为有限数字" + got_s,
        "decimal_parsing": "应为数字" + got_s,
        "decimal_type": "应为数字" + got_s,
        "decimal_max_digits": "数字位数过多" + got_s,
        "datetime_parsing": "应为日期时间" + got_s,
        "datetime_type": "应为日期时间" + got_s,
        "recursion_loop": "内容循环引用自身",
    }
    # Anything pydantic may add later still reads as Chinese, with its type for a developer.
    return f"{_loc_name(loc)}：{reasons.get(kind, f'内容不符合要求（{kind}）')}"


def validation_messages(e: ValidationError) -> list[str]:
    """Pydantic's errors as Chinese lines that name the field, without repeats."""
    errors: list[str] = []
    for err in e.errors():
        for line in _translate(err).split("\n"):
            if line not in errors:
                errors.append(line)
    return errors


def report_from_data(data: Any, source: str = "", bounds: bool = True) -> Report:
    """A Report from parsed data. ``bounds`` checks the text-length bounds (drafting.limits);
    the store turns it off when reading back what it saved itself."""
    if not isinstance(data, dict):
        raise ReportLoadError(["报告文件的顶层应为映射（meta、sections、tables …）"], source)
    try:
        rep = Report.model_validate(data)
    except ValidationError as e:
        raise ReportLoadError(validation_messages(e), source) from None
    except RecursionError:
        raise limits.exceeded("yaml_depth", what="报告内容的嵌套层次", source=source) from None
    if bounds:
        try:
            limits.report_text_sizes(rep)
        except LimitExceeded as e:
            e.source = e.source or source
            raise
    return rep


# -- YAML with bounds --------------------------------------------------------
_LONG_INT = 30   # digits; a longer plain integer is kept as text for the cell check to refuse


class _Loader(yaml.SafeLoader):
    """SafeLoader with a depth bound (deep nesting exhausted the composer's stack) and plain
    integers of many digits kept as text (int() of 5000 digits raises, of 4000 is slow)."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        self._depth += 1
        try:
            if self._depth > limits.limit("yaml_depth"):
                raise limits.exceeded("yaml_depth")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    # The scanner looks ahead through nested [ and { (any of them may open a key), quadratically
    # in their depth: 5,000 of them took 2 s before the composer saw one node. Counted here.
    def fetch_flow_sequence_start(self):
        self._flow_bound()
        super().fetch_flow_sequence_start()

    def fetch_flow_mapping_start(self):
        self._flow_bound()
        super().fetch_flow_mapping_start()

    def _flow_bound(self):
        if self.flow_level >= limits.limit("yaml_depth"):
            raise limits.exceeded("yaml_depth")

    def construct_yaml_int(self, node):
        digits = sum(ch.isdigit() for ch in node.value)
        if digits > _LONG_INT:
            return node.value
        return super().construct_yaml_int(node)


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)


def _yaml(text: str):
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def loads_report(text: str, source: str = "") -> Report:
    if len(text) > MAX_REPORT_BYTES or len(text.encode("utf-8")) > MAX_REPORT_BYTES:
        raise limits.exceeded("report_file_bytes", len(text.encode("utf-8", "replace")), source=source)
    try:
        data = _yaml(text)
    except LimitExceeded as e:
        e.source = e.source or source
        raise
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"第{mark.line + 1}行" if mark else ""
        raise ReportLoadError([f"报告文件不是有效的 YAML{('（' + where + '）') if where else ''}"], source) from None
    except (ValueError, OverflowError, RecursionError) as e:
        # A scalar PyYAML cannot construct (e.g. a date like 2024-13-45 or a float out of range).
        raise ReportLoadError([f"报告文件中有无法识别的值（{type(e).__name__}）"], source) from None
    return report_from_data(data, source)


def load_report(path: str | Path) -> Report:
    p = Path(path)
    raw = read_input(p, "report_file_bytes", "报告文件")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReportLoadError(["文件不是 UTF-8 编码的文本，无法作为报告文件读取"], str(p)) from None
    if "\x00" in text:
        raise ReportLoadError(["文件含有二进制内容，无法作为报告文件读取"], str(p))
    return loads_report(text, str(p))


# -- writing ---------------------------------------------------------------
class _Dumper(yaml.SafeDumper):
    pass


def _str_repr(dumper: yaml.SafeDumper, s: str):
    style = "|" if "\n" in s else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", s, style=style)


def _decimal_repr(dumper: yaml.SafeDumper, d: Decimal):
    s = format(d, "f")
    if "." not in s:
        s += ".0"
    return dumper.represent_scalar("tag:yaml.org,2002:float", s)


_Dumper.add_representer(str, _str_repr)
_Dumper.add_representer(Decimal, _decimal_repr)


def _plain(x: Any) -> Any:
    """Enums to their values and datetimes to ISO text, so the YAML file reads as plain data."""
    if isinstance(x, dict):
        return {(k.value if isinstance(k, Enum) else k): _plain(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_plain(v) for v in x]
    if isinstance(x, Enum):
        return x.value
    if isinstance(x, datetime):
        return x.isoformat(timespec="seconds")
    return x


def report_to_data(report: Report) -> dict:
    data = _plain(report.model_dump(mode="python", exclude_defaults=False))
    # Keep files short: drop empty facts/history and default section fields.
    if not data["facts"]["figures"] and not data["facts"]["notes"]:
        data.pop("facts")
    for key in ("history", "problems", "dismissals"):
        if not data[key]:
            data.pop(key)
    if data.get("preamble") is None:
        data.pop("preamble")
    for k, s in list(data["sections"].items()):
        if s["heading"] is None and not s["locked"] and s.get("provenance") is None:
            data["sections"][k] = s["text"]
        else:
            if s["heading"] is None:
                s.pop("heading")
            if not s["locked"]:
                s.pop("locked")
            if s.get("provenance") is None:
                s.pop("provenance", None)
    data["meta"] = {k: v for k, v in data["meta"].items() if v not in (None, [])}
    return data


def dumps_report(report: Report) -> str:
    from .secrets import redact   # a model key echoed into a note never reaches a file
    return redact(yaml.dump(report_to_data(report), Dumper=_Dumper, allow_unicode=True,
                            sort_keys=False, width=1000))


def save_report(report: Report, path: str | Path) -> None:
    write_atomic(path, dumps_report(report), "报告文件")   # a failed write leaves no half file


def report_json(report: Report) -> dict:
    """JSON-safe dict (Decimal as string keeps 万元 amounts exact)."""
    return json.loads(report.model_dump_json())
