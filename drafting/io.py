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

from .model import Report

MAX_REPORT_BYTES = 5 * 1024 * 1024

# Chinese names of model fields, for error messages that a drafter can act on.
FIELD_NAMES = {
    "meta": "基本信息", "agency": "机关名称", "short_names": "简称", "level": "机关层级",
    "year": "报告年度", "template": "模板版本", "region": "所在行政区", "date": "落款日期",
    "sections": "正文", "text": "正文", "heading": "标题", "tables": "统计表",
    "facts": "工作情况", "figures": "数据", "notes": "要点", "value": "数值",
    "label": "名称", "unit": "单位", "key": "键", "preamble": "导语", "history": "修改记录",
}


class ReportLoadError(Exception):
    """The input cannot be read as a report; ``errors`` are Chinese, one per problem."""

    def __init__(self, errors: list[str], source: str = ""):
        self.errors = errors
        self.source = source
        super().__init__("\n".join(errors))


def _loc_name(loc: tuple) -> str:
    parts = []
    for p in loc:
        if isinstance(p, int):
            parts.append(f"第{p + 1}项")
        else:
            parts.append(FIELD_NAMES.get(str(p), str(p)))
    return "·".join(parts)


def _translate(err: dict) -> str:
    msg = err.get("msg", "")
    loc = tuple(err.get("loc", ()))
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
        return msg if not loc else f"{_loc_name(loc)}：{msg}" if "：" not in msg else msg
    kind = err.get("type", "")
    got = err.get("input")
    got_s = "" if isinstance(got, (dict, list)) else f"，收到 {got!r}"
    reasons = {
        "missing": "缺少必填项",
        "int_parsing": "应为整数" + got_s,
        "int_type": "应为整数" + got_s,
        "greater_than_equal": f"不应小于 {err.get('ctx', {}).get('ge')}" + got_s,
        "less_than_equal": f"不应大于 {err.get('ctx', {}).get('le')}" + got_s,
        "string_type": "应为文字" + got_s,
        "string_too_short": "不能为空",
        "enum": f"应为 {err.get('ctx', {}).get('expected', '')} 之一" + got_s,
        "extra_forbidden": "不是报告文件中的字段",
        "dict_type": "应为映射（键: 值）",
        "list_type": "应为列表",
        "decimal_parsing": "应为数字" + got_s,
    }
    return f"{_loc_name(loc)}：{reasons.get(kind, msg)}"


def report_from_data(data: Any, source: str = "") -> Report:
    if not isinstance(data, dict):
        raise ReportLoadError(["报告文件的顶层应为映射（meta、sections、tables …）"], source)
    try:
        return Report.model_validate(data)
    except ValidationError as e:
        errors: list[str] = []
        for err in e.errors():
            for line in _translate(err).split("\n"):
                if line not in errors:
                    errors.append(line)
        raise ReportLoadError(errors, source) from None


def loads_report(text: str, source: str = "") -> Report:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"第{mark.line + 1}行" if mark else ""
        raise ReportLoadError([f"报告文件不是有效的 YAML{('（' + where + '）') if where else ''}"], source) from None
    return report_from_data(data, source)


def load_report(path: str | Path) -> Report:
    p = Path(path)
    if not p.exists():
        raise ReportLoadError([f"找不到文件：{p}"], str(p))
    if p.is_dir():
        raise ReportLoadError([f"这是一个目录，不是报告文件：{p}"], str(p))
    if p.stat().st_size > MAX_REPORT_BYTES:
        raise ReportLoadError([f"文件过大（{p.stat().st_size} 字节），报告文件应小于 5 MB"], str(p))
    raw = p.read_bytes()
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
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_name(p.name + ".tmp")
    tmp.write_text(dumps_report(report), encoding="utf-8")
    tmp.replace(p)   # atomic: a crash mid-write never leaves a half file


def report_json(report: Report) -> dict:
    """JSON-safe dict (Decimal as string keeps 万元 amounts exact)."""
    return json.loads(report.model_dump_json())
