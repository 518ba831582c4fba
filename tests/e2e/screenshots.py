"""Write a screenshot of every app page to build/screenshots/ (`make screenshots`), for a person to look at.

Runs the real app on loopback with a throwaway database holding the example report.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from drafting.io import load_report
from drafting.store import Store

from .conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, AppServer



def main(out: Path) -> None:
    from playwright.sync_api import sync_playwright
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp())
    url = f"sqlite:///{work}/shots.db"
    Store(url).create(load_report(ROOT / "fixtures" / "reports" / "example.yaml"), origin="import")
    server = AppServer(url, work)
    server.start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
            from drafting.webui.nav import PAGES
            for i, p in enumerate(PAGES, 1):
                name = p.title
                page.goto(f"{server.url}/{p.key}?report=1")
                page.get_by_role("heading", name=name, exact=True).wait_for(timeout=30000)
                page.wait_for_timeout(1500)
                path = out / f"{i:02d}_{name}.png"
                page.screenshot(path=str(path), full_page=True)
                print(path)
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "screenshots")
