"""Files the program reads at run time, shipped inside the package (pyproject package-data).

Each exists once, here in the package, so an installed wheel (not only a checkout) can draft
and load the example: the prompts and the example report are not copied anywhere else.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROMPTS_DIR = PACKAGE_DIR / "prompts"                  # one file per drafting task + style.md
EXAMPLE_REPORT = PACKAGE_DIR / "data" / "example.yaml"   # the app's 载入示例; fictitious agency and data
