"""Write a screenshot of every app page to build/screenshots/ (`make screenshots`), for a person to
look at, and check that no page shows a rule code or an English word by default.

Runs the real app on loopback with a throwaway database holding the example report, with one
deliberate error in 表三 (一、本年新收 自然人 18 → 19) so the form shows a highlighted cell.
"""
from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from drafting.io import load_report
from drafting.resources import EXAMPLE_REPORT
from drafting.store import Store

from .conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, AppServer

# Latin words a clerk may see: names of file formats and products they use.
ALLOWED = {"Excel", "Word", "HTML", "Markdown", "JSON", "OpenAI", "MB", "KB", "xlsx", "docx", "XLSX", "DOCX"}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z_\-]*")
RULE_CODE = re.compile(r"\b[A-Z]\d{3}\b")


def foreign_words(text: str) -> list[str]:
    """Latin words outside ALLOWED and anything shaped like a rule code (T010, G003)."""
    bad = [w for w in LATIN_WORD.findall(text) if w not in ALLOWED]
    return sorted(set(bad + RULE_CODE.findall(text)))


def example_with_error():
    rep = load_report(EXAMPLE_REPORT)
    rep.set_cell("applications", "new_received", "natural_person", 19)
    return rep


def shoot(out: Path) -> dict[str, list[str]]:
    """Screenshots of every page; returns {page title: foreign words seen}."""
    from playwright.sync_api import sync_playwright

    from drafting.webui.nav import PAGES

    from .helpers import settle, visible_text, wait_idle
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp())
    url = f"sqlite:///{work}/shots.db"
    Store(url).create(example_with_error(), origin="import")
    from drafting.rollup_demo import load_demo_workspace
    load_demo_workspace(Store(url))      # the invented workspace for the 政务公开办's pages
    server = AppServer(url, work)
    server.start()
    seen: dict[str, list[str]] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
            for i, pg in enumerate(PAGES, 1):
                page.goto(f"{server.url}/{pg.url}?report=1")
                page.get_by_role("heading", name=pg.title, exact=True).wait_for(timeout=60_000)
                settle(page)
                path = out / f"{i:02d}_{pg.title}.png"
                page.screenshot(path=str(path), full_page=True)
                seen[pg.title] = foreign_words(visible_text(page))
                print(path)
                if pg.key == "tables":
                    page.set_viewport_size({"width": 1400, "height": 2300})   # the whole form in one image
                    page.get_by_text("表三", exact=False).first.click()
                    page.locator('td[data-cell="applications:results_total:natural_person"]').wait_for()
                    wait_idle(page)
                    page.wait_for_timeout(500)
                    path = out / f"{i:02d}_{pg.title}_表三.png"
                    page.screenshot(path=str(path), full_page=True)
                    seen[pg.title + "（表三）"] = foreign_words(visible_text(page))
                    print(path)
                    page.set_viewport_size({"width": 1400, "height": 1000})
            browser.close()
    finally:
        server.stop()
    return seen


def main(out: Path) -> int:
    seen = shoot(out)
    bad = {k: v for k, v in seen.items() if v}
    for title, words in bad.items():
        print(f"「{title}」页出现外文或规则代码：{'、'.join(words)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "screenshots"))
