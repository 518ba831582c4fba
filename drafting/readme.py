"""Regenerate the rule table in README.md from the registry (``make rules``)."""
from __future__ import annotations

import re
from pathlib import Path

from .engine import checks as _drafting_checks  # noqa: F401  (the table lists the drafting checks too)
from .validator import rules_markdown

START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def render(readme: str) -> str:
    block = f"{START}\n{rules_markdown()}\n{END}"
    return re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: block, readme, flags=re.S)


def main() -> None:
    p = Path(__file__).resolve().parent.parent / "README.md"
    p.write_text(render(p.read_text("utf-8")), "utf-8")
    print(f"updated {p}")


if __name__ == "__main__":
    main()
