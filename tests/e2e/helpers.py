"""Driving the app in a real browser by what things are, not where they are drawn."""
from __future__ import annotations

import time

from playwright.sync_api import Page, expect


def nav(page: Page, name: str) -> None:
    """Click a page in the sidebar and wait for its heading."""
    page.locator('[data-testid="stSidebar"]').get_by_text(name, exact=True).click()
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible(timeout=60_000)


def open_page(page: Page, url: str, heading: str) -> None:
    page.goto(url)
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=60_000)


def wait_idle(page: Page, quiet_ms: int = 600, limit_s: float = 60) -> None:
    """Wait until the app has finished its rerun: Streamlit marks its root element with the
    script's state (the status widget is not drawn in the minimal toolbar mode)."""
    quiet = 0
    for _ in range(int(limit_s * 10)):
        page.wait_for_timeout(100)
        state = page.evaluate("document.querySelector('[data-testid=stApp]')?.getAttribute('data-test-script-state')")
        quiet = 0 if state == "running" else quiet + 100
        if quiet >= quiet_ms:
            return


def settle(page: Page) -> None:
    """Let a page that was just opened finish: its first run may not have shown the running
    indicator yet when wait_idle() starts looking."""
    page.wait_for_timeout(500)
    wait_idle(page, quiet_ms=800)


def cell(page: Page, table: str, row: str, col: str):
    """The <td> of one cell of the national form, by its identity (table:row:col)."""
    return page.locator(f'td[data-cell="{table}:{row}:{col}"]')


def cell_input(page: Page, table: str, row: str, col: str):
    return cell(page, table, row, col).locator("input")


def type_cell(page: Page, table: str, row: str, col: str, value: str) -> None:
    """Click the cell and type, as a clerk does; Enter saves."""
    box = cell_input(page, table, row, col)
    box.click()
    page.keyboard.type(value)          # the click selected the old value: typing replaces it
    page.keyboard.press("Enter")


def wait_stored(get, expected, timeout: float = 60.0) -> None:
    """Wait until ``get()`` (a read from the database) returns ``expected``."""
    deadline = time.time() + timeout
    got = None
    while time.time() < deadline:
        got = get()
        if got == expected:
            return
        time.sleep(0.2)
    raise AssertionError(f"expected {expected!r} in the database, got {got!r}")


def visible_text(page: Page) -> str:
    """The text a person sees: visible text nodes, without Material icon ligatures (drawn as
    icons, e.g. "edit") and without text hidden from the eye (skip links, collapsed parts)."""
    return page.evaluate(r"""() => {
      const out = [];
      const walk = (root) => {
        const it = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
        let n = it.currentNode;
        while (n) {
          if (n.nodeType === 1 && n.shadowRoot) walk(n.shadowRoot);
          if (n.nodeType === 3 && n.textContent.trim()) {
            const el = n.parentElement;
            let hidden = !el || !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
            if (!hidden) {
              const r = el.getBoundingClientRect();
              const font = getComputedStyle(el).fontFamily || '';
              hidden = r.width <= 1 || r.height <= 1 || /Material/i.test(font)
                || el.closest('[data-testid="stIconMaterial"]') !== null;
            }
            if (!hidden) out.push(n.textContent.trim());
          }
          if (n.nodeType === 1 && (n.tagName === 'INPUT' || n.tagName === 'TEXTAREA') && n.checkVisibility()
              && n.type !== 'password' && n.type !== 'file' && n.type !== 'hidden') {
            if (n.placeholder) out.push(n.placeholder);
          }
          n = it.nextNode();
        }
      };
      walk(document.body);
      return out.join('\n');
    }""")
