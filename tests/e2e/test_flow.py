"""The main flow in a real browser, with a server restart in the middle that loses nothing."""
from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from drafting.store import Store


def _nav(page: Page, name: str) -> None:
    page.locator('[data-testid="stSidebar"]').get_by_text(name, exact=True).click()
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()


def _set_cell(page: Page, store: Store, row_key: str, col: str, value: int) -> None:
    """Type into the 表三 data_editor (a canvas grid with 35 px rows) and wait until it is saved."""
    spec = store.get(1)[0].template.tables["applications"]
    row = [r.key for r in spec.data_rows].index(row_key)
    col_x = {"natural_person": 450}[col]
    for _ in range(3):
        _wait_saved(page)
        canvas = page.locator('[data-testid="data-grid-canvas"]').first
        box = canvas.bounding_box()
        page.mouse.dblclick(box["x"] + col_x, box["y"] + 35 * (row + 1) + 17)
        page.wait_for_timeout(300)
        page.keyboard.type(str(value))
        page.keyboard.press("Enter")
        for _ in range(40):
            page.wait_for_timeout(250)
            if store.get(1)[0].cell("applications", row_key, col) == value:
                _wait_saved(page)
                return
    raise AssertionError(f"cell {row_key}/{col} was not saved")


def _wait_saved(page: Page) -> None:
    """Wait until the app has finished its rerun (the running indicator is gone for a while)."""
    quiet = 0
    for _ in range(120):
        page.wait_for_timeout(100)
        running = page.locator('[data-testid="stStatusWidget"]').count() > 0
        quiet = 0 if running else quiet + 1
        if quiet >= 8:
            return


def _fill_template(path, example) -> None:
    """Fill the downloaded Excel template with the example report's figures (balanced)."""
    import openpyxl
    book = openpyxl.load_workbook(path)
    spec3 = example.template.tables["applications"]
    ws = book["表三"]
    for i, r in enumerate(spec3.data_rows):
        for j, c in enumerate(r.columns):
            ws.cell(row=i + 2, column=j + 2, value=example.cell("applications", r.key, c.key))
    for sheet, table in (("表二", "active_disclosure"), ("表四", "review_litigation")):
        ws = book[sheet]
        cells = [(r.key, c.key) for r in example.template.tables[table].data_rows for c in r.columns]
        col = [c.value for c in ws[1]].index("数值") + 1
        for i, (row, colkey) in enumerate(cells):
            v = example.cell(table, row, colkey)
            ws.cell(row=i + 2, column=col, value=None if v is None else float(v))
    book.save(path)


def test_new_report_table_error_fix_edit_restart(server, page, tmp_path, example):
    store = Store(server.db_url)
    page.goto(server.url)
    page.get_by_label("机关全称").fill("某某县教育局")
    page.get_by_label("报告年度").fill("2024")
    page.get_by_role("button", name="新建").click()
    expect(page.get_by_role("heading", name="基本信息", exact=True)).to_be_visible()
    assert [(r.agency, r.year) for r in store.list_reports()] == [("某某县教育局", 2024)]

    # fill the tables: download the Excel template, fill it, upload it
    _nav(page, "数据填报")
    with page.expect_download() as dl:
        page.get_by_role("button", name="下载 Excel 填报模板").click()
    xlsx = tmp_path / "t.xlsx"
    dl.value.save_as(xlsx)
    _fill_template(xlsx, example)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(xlsx))
    _wait_saved(page)
    page.get_by_role("button", name="导入 Excel 数据").click()
    expect(page.get_by_text("已导入 Excel 数据。")).to_be_visible()
    assert store.get(1)[0].tables == example.tables

    # a deliberate 勾稽 error in the grid: 一、本年新收 自然人 18 -> 19
    page.get_by_text("表三 收到和处理政府信息公开申请情况").click()
    _set_cell(page, store, "new_received", "natural_person", 19)
    finding = page.get_by_text(re.compile(r"T010 表三「（七）总计」自然人：.*本年新收 19 \+ 上年结转 1 = 20"))
    expect(finding).to_be_visible()

    # restart the server in the middle: nothing is lost, the finding is still there
    server.restart()
    page.goto(f"{server.url}/?report=1&page=数据填报")
    page.get_by_text("表三 收到和处理政府信息公开申请情况").click()
    expect(page.get_by_text(re.compile(r"T010 表三「（七）总计」自然人"))).to_be_visible()

    # fix it
    _set_cell(page, store, "new_received", "natural_person", 18)
    expect(page.get_by_text(re.compile(r"T010 表三「（七）总计」自然人"))).to_be_hidden()
    assert store.get(1)[0].tables == example.tables

    # edit a section and see the diff
    _nav(page, "修改")
    box = page.get_by_label("正文")
    box.fill("本局认真贯彻《条例》，全年主动公开政府信息。")
    page.get_by_role("button", name="保存修改").click()
    _wait_saved(page)
    box = page.get_by_label("正文")
    box.fill("本局认真贯彻《条例》，全年依法主动公开政府信息。")
    box.blur()
    _wait_saved(page)
    expect(page.locator("ins").filter(has_text="依法")).to_be_visible()
    page.get_by_role("button", name="保存修改").click()
    _wait_saved(page)
    assert [v.n for v in store.versions(1, "overall")] == [1, 2]

    server.restart()
    page.goto(f"{server.url}/?report=1&page=修改")
    expect(page.get_by_label("正文")).to_have_value("本局认真贯彻《条例》，全年依法主动公开政府信息。")
