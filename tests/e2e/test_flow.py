"""The main flow in a real browser, with a server restart in the middle that loses nothing."""
from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from drafting.store import Store

from .helpers import nav, open_page, type_cell, wait_idle, wait_stored


def _nav(page: Page, name: str) -> None:
    nav(page, name)


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
    # chosen is imported: no second button, and the page says what changed
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(xlsx))
    expect(page.get_by_text(re.compile(r"已导入 Excel 数据，\d+ 个单元格有变化，见下方列表"))).to_be_visible(timeout=60_000)
    assert store.get(1)[0].tables == example.tables

    # a deliberate 勾稽 error typed into the form: 一、本年新收 自然人 18 -> 19
    page.get_by_text("表三 收到和处理政府信息公开申请情况").click()
    wait_idle(page)
    type_cell(page, "applications", "new_received", "natural_person", "19")
    wait_stored(lambda: store.get(1)[0].cell("applications", "new_received", "natural_person"), 19)
    finding = page.get_by_text(re.compile(r"表三「自然人」列：「一、本年新收政府信息公开申请数量」19 ＋「二、上年结转政府信息公开申请数量」1 = 20，不等于「（七）总计」"))
    expect(finding).to_be_visible()

    # restart the server in the middle: nothing is lost, the finding is still there
    server.restart()
    open_page(page, f"{server.url}/tables?report=1", "数据填报")
    page.get_by_text("表三 收到和处理政府信息公开申请情况").click()
    expect(page.get_by_text(re.compile(r"表三「自然人」列：.*不等于「（七）总计」"))).to_be_visible()

    # fix it
    wait_idle(page)
    type_cell(page, "applications", "new_received", "natural_person", "18")
    wait_stored(lambda: store.get(1)[0].cell("applications", "new_received", "natural_person"), 18)
    expect(page.get_by_text(re.compile(r"表三「自然人」列：.*不等于「（七）总计」"))).to_be_hidden()
    assert store.get(1)[0].tables == example.tables

    # draft offline: the page says which drafter it uses, and every section gets text
    _nav(page, "起草")
    expect(page.get_by_text(re.compile("当前起草方式：离线起草"))).to_be_visible()
    page.get_by_role("button", name="开始起草").click()
    expect(page.get_by_text(re.compile("起草完成"))).to_be_visible(timeout=60000)
    rep = store.get(1)[0]
    assert all(rep.sections[k].text.strip() for k in ("overall", "problems", "other"))
    assert "共收到政府信息公开申请23件" in rep.sections["overall"].text

    # edit a section and see the diff before saving
    _nav(page, "修改")
    box = page.get_by_label("正文")
    expect(box).to_have_value(re.compile("共收到政府信息公开申请23件"))   # the drafted text, once rendered
    drafted = box.input_value()
    placeholder = re.search(r"【待补充：主动公开[^】]*】", drafted).group()
    mine = "本局通过区政府门户网站主动公开政府信息，及时发布政策解读。"
    box.fill(drafted.replace(placeholder, mine))
    box.blur()
    wait_idle(page)
    expect(page.locator("ins").filter(has_text="及时发布政策解读")).to_be_visible()
    page.get_by_role("button", name="保存修改").click()
    wait_idle(page)
    assert mine in store.get(1)[0].sections["overall"].text
    assert [v.origin for v in store.versions(1, "overall")] == ["draft", "user"]

    server.restart()
    open_page(page, f"{server.url}/edit?report=1", "修改")
    expect(page.get_by_label("正文")).to_have_value(re.compile("及时发布政策解读"))

    # export: the placeholders still left block it; export for review with a recorded reason
    _nav(page, "导出")
    page.get_by_text("Word 文档", exact=True).click()
    expect(page.get_by_text(re.compile("不能直接导出"))).to_be_visible()
    page.get_by_label("操作人").fill("李四")
    page.get_by_label("强制导出的理由").fill("送分管领导审阅")
    page.get_by_role("button", name="记录理由并强制导出").click()
    with page.expect_download() as dl:
        page.get_by_role("button", name=re.compile(r"下载 .*\.docx")).click()
    path = tmp_path / "report.docx"
    dl.value.save_as(path)

    import docx
    doc = docx.Document(str(path))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert mine in body and "某某县教育局" in body
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "23" in cells and "1268" in cells
    hist = [h for h in store.get(1)[0].history if h.action == "forced_export"]
    assert hist[-1].who == "李四" and "送分管领导审阅" in hist[-1].detail


def test_start_from_last_years_published_report(server, page):
    """Upload a published report in the browser; this year's report starts from it."""
    store = Store(server.db_url)
    page.goto(server.url)
    page.get_by_text("已发布的报告（文本、网页或 Word）", exact=True).click()
    published = Path(__file__).resolve().parents[2] / "fixtures" / "published" / "005_pingtan_2021.txt"
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(published))
    page.get_by_role("button", name="读取报告").click()
    expect(page.get_by_role("heading", name="数据填报", exact=True)).to_be_visible()
    reports = {(r.agency, r.year): r.id for r in store.list_reports()}
    assert len(reports) == 2 and {y for _, y in reports} == {2021, 2022}
    this_year = next(i for (a, y), i in reports.items() if y == 2022)
    # last year's 结转下年度继续办理 (1 自然人) is this year's 上年结转
    assert store.get(this_year)[0].cell("applications", "carried_over", "natural_person") == 1
    expect(page.get_by_text(re.compile("已新建2022年度报告"))).to_be_visible()
