"""Font names for the .docx, configurable because the official 公文 fonts are licensed
and not shipped; fonts.conf beside this file maps them to Noto CJK for rendering."""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path

FONTCONFIG_FILE = Path(__file__).with_name("fonts.conf")

# 字号 in points (GB/T 9704-2012 uses the traditional Chinese sizes).
SIZE_ERHAO = 22.0     # 二号: title
SIZE_SANHAO = 16.0    # 三号: body and headings
SIZE_SIHAO = 14.0     # 四号: page numbers
SIZE_WUHAO = 10.5     # 五号: table text

ROLE_NAMES = {
    "title": "标题", "body": "正文", "heading1": "一级标题", "heading2": "二级标题",
    "page_number": "页码", "table": "表格正文", "table_head": "表头", "latin": "数字和西文",
}


@dataclass(frozen=True)
class FontSet:
    title: str = "方正小标宋简体"
    body: str = "仿宋_GB2312"
    heading1: str = "黑体"
    heading2: str = "楷体_GB2312"
    page_number: str = "宋体"
    table: str = "仿宋_GB2312"
    table_head: str = "黑体"
    # Digits and Latin letters; empty means the same face as the Chinese text of the run,
    # which keeps figures in the matching 仿宋/黑体/楷体 design.
    latin: str = ""

    def latin_for(self, east_asian: str) -> str:
        return self.latin or east_asian

    def with_overrides(self, overrides: dict[str, str]) -> "FontSet":
        """Replace named roles; raises ValueError in Chinese on an unknown role or empty name."""
        known = {f.name for f in fields(self)}
        changes = {}
        for role, name in overrides.items():
            if role not in known:
                raise ValueError(f"未知的字体用途「{role}」，可选：" +
                                 "、".join(f"{k}（{v}）" for k, v in ROLE_NAMES.items()))
            name = name.strip()
            if not name and role != "latin":
                raise ValueError(f"{ROLE_NAMES[role]}字体名称不能为空")
            changes[role] = name
        return replace(self, **changes)


def parse_font_options(options: list[str] | None) -> dict[str, str]:
    """``ROLE=字体名`` strings from the command line."""
    out = {}
    for opt in options or ():
        if "=" not in opt:
            raise ValueError(f"字体设置应写成「用途=字体名」，如 body=仿宋，收到「{opt}」")
        role, name = opt.split("=", 1)
        out[role.strip()] = name
    return out
