"""Regenerate the rule table (from the registry) and the table of input bounds (from
drafting.limits) in README.md (``make rules``)."""
from __future__ import annotations

import re
from pathlib import Path

from .engine import checks as _drafting_checks  # noqa: F401  (the table lists the drafting checks too)
from .validator import rules_markdown

START, END = "<!-- rules:start -->", "<!-- rules:end -->"
LIMITS_START, LIMITS_END = "<!-- limits:start -->", "<!-- limits:end -->"


def _block(readme: str, start: str, end: str, body: str) -> str:
    block = f"{start}\n{body}\n{end}"
    return re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _: block, readme, flags=re.S)


def render(readme: str) -> str:
    from .limits import markdown_table
    return _block(_block(readme, START, END, rules_markdown()), LIMITS_START, LIMITS_END, markdown_table())


def main() -> None:
    p = Path(__file__).resolve().parent.parent / "README.md"
    p.write_text(render(p.read_text("utf-8")), "utf-8")
    print(f"updated {p}")


if __name__ == "__main__":
    main()
