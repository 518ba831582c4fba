"""AppTest tests of the app's hardening (issues 14 and 15): upload sizes per type, bounded text
inputs, a failing database shown in Chinese without losing what was typed, errors chosen by
type rather than by their text."""
from __future__ import annotations

import math
import re
import tomllib

import pytest

from drafting import limits
from drafting.ingest import PUBLISHED_EXTS
from drafting.store import Store

from .apptest import db, goto, new_app, type_text, with_example  # noqa: F401 (db is a fixture)
from .conftest import ROOT

WEBUI = ROOT / "drafting" / "webui"


def _mb(key: str) -> int:
    return math.ceil(limits.limit(key) / limits.MB)


def _errors(at) -> list[str]:
    """The error boxes as the clerk reads them (the page escapes markdown in quoted names)."""
    return [re.sub(r"\\(.)", r"\1", e.value) for e in at.error]


def _config() -> dict:
    return tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text("utf-8"))


# -- errors decided by type ----------------------------------------------------------------------
def test_no_page_decides_by_the_text_of_an_error():
    """Errors are told apart by their type (drafting/errors.py, pydantic's ValidationError), never
    by what their message says: message text is for people and changes with a library version."""
    pattern = re.compile(r"""["'][^"']*["']\s+(not\s+)?in\s+(str\(\w+\)|msg|message|text\(e\))|"""
                         r"""\bvalidation error\b|Input should""")
    hits = [f"{p.relative_to(ROOT)}:{i}" for p in sorted(WEBUI.rglob("*.py"))
            for i, line in enumerate(p.read_text("utf-8").splitlines(), 1) if pattern.search(line)]
    assert hits == []


def test_a_refused_value_in_a_form_is_named_in_chinese_at_once(db):
    """基本信息 with the agency name emptied: the error appears in the run of the click (not one
    interaction later), names the field in Chinese, and carries no pydantic English."""
    at = goto(with_example(), "基本信息")
    at.text_input[0].input("")
    at.button[0].click().run()
    assert not at.exception
    assert [e.value for e in at.error] == ["机关名称：不能为空"]
    assert Store(db).get(1)[0].meta.agency != ""
    at.run()                                      # shown once, not again on the next run
    assert [e.value for e in at.error] == []


# -- uploads -------------------------------------------------------------------------------------
def test_server_upload_cap_admits_every_per_type_bound():
    """The server refuses anything over server.maxUploadSize before a page sees it, so it must be
    at least the largest per-type bound; the README states the same figure."""
    cap = _config()["server"]["maxUploadSize"]
    largest = max(_mb(k) for k in set(limits.UPLOAD_BYTES.values()))
    assert cap >= largest
    assert cap == largest             # no higher: nothing in the app reads a larger file
    readme = (ROOT / "README.md").read_text("utf-8")
    assert f"maxUploadSize = {cap}" in readme


def _uploader(at, label_part: str):
    return next(u for u in at.file_uploader if label_part in u.label)


@pytest.mark.parametrize("how,label,exts", [
    ("上年度报告文件（本系统保存的报告文件）", "上一年度的报告文件", [".yaml", ".yml"]),
    ("已发布的报告（文本、网页或 Word）", "已公开发布", list(PUBLISHED_EXTS)),
])
def test_each_uploader_states_and_sets_its_own_limit(db, how, label, exts):
    at = new_app().run()
    at.radio(key="new_how").set_value(how).run()
    up = _uploader(at, label)
    keys = {limits.upload_bound("f" + e) for e in exts}
    assert up.proto.max_upload_size_mb == max(_mb(k) for k in keys)
    for k in keys:                   # the help names each bound that applies, in Chinese
        b = limits.BOUNDS[k]
        assert f"{b.subject} {limits.amount(b.limit, b.unit)}" in up.help
    assert up.help.startswith("文件大小上限：")


def test_excel_uploader_limit_is_the_excel_bound(db):
    at = goto(with_example(), "数据填报")
    up = _uploader(at, "上传填好的 Excel")
    assert up.proto.max_upload_size_mb == _mb("xlsx_bytes")
    assert "Excel 文件 5.0 MB" in up.help


def test_a_file_over_its_types_bound_is_refused_naming_file_and_limit(db):
    """The published-report uploader takes PDFs up to 50 MB, so the browser lets a 6 MB web page
    through; the page refuses it by the web-page bound, naming the file and the limit."""
    at = new_app().run()
    at.radio(key="new_how").set_value("已发布的报告（文本、网页或 Word）").run()
    big = b"<p>" + b"x" * (limits.limit("html_bytes") + limits.MB)
    _uploader(at, "已公开发布").upload("年报.html", big, "text/html")
    at.run()
    assert not at.exception
    limit = limits.amount(limits.limit("html_bytes"), "字节")
    assert _errors(at) == [f"网页文件「年报.html」过大（{limits.amount(len(big), '字节')}），"
                                           f"上限为 {limit}。"]
    assert not any(b.key == "new_from_pub" for b in at.button)    # nothing offered to read
    assert Store(db).list_reports() == []


def test_an_excel_file_over_its_bound_is_not_imported(db):
    at = goto(with_example(), "数据填报")
    before = Store(db).get(1)[1]
    _uploader(at, "上传填好的 Excel").upload("统计表.xlsx", b"\0" * (limits.limit("xlsx_bytes") + 1))
    at.run()
    assert not at.exception
    assert any("Excel 文件「统计表.xlsx」过大" in e and "上限为 5.0 MB" in e for e in _errors(at))
    assert Store(db).get(1)[1] == before


def test_uploader_texts_of_streamlit_are_translated():
    """The browser's own refusal of a file over the uploader's limit is in Chinese too."""
    from drafting.webui.components import STREAMLIT_TEXTS

    def zh(text: str) -> str | None:
        for pat, to in STREAMLIT_TEXTS:
            if re.match(pat, text):
                return re.sub(pat, to.replace("$", "\\"), text)
        return None
    assert zh("File must be 5.0MB or smaller.") == "文件过大，上限为 5.0 MB"
    assert zh("Limit 50MB per file • PDF, DOCX") == "每个文件不超过 50 MB • PDF, DOCX"
    assert zh("Connecting") == "正在连接"


# -- text bounded at the widget ------------------------------------------------------------------
def test_prose_inputs_are_bounded_at_the_widget(db):
    from .apptest import component_data
    at = goto(with_example(), "工作情况")
    areas = [a for a in at.text_area]
    assert areas and all(a.max_chars == limits.limit("section_chars") for a in areas)
    assert at.chat_input[0].max_chars == limits.limit("section_chars")
    goto(at, "修改")
    assert component_data(at, "nianbao_editor")[0]["max"] == limits.limit("section_chars")


# -- a failing database --------------------------------------------------------------------------
def test_a_damaged_database_is_explained_in_chinese_on_every_page(tmp_path, monkeypatch):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not an sqlite file" * 100)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{bad}")
    at = new_app().run()
    assert not at.exception
    assert any("数据库文件已损坏" in e.value for e in at.error)
    for page in ("汇总各单位报告", "检查各单位报告", "设置"):
        goto(at, page)
        assert not at.exception


def test_a_read_only_then_damaged_database_loses_nothing_typed(db, tmp_path, monkeypatch):
    """The clerk types on 修改; the database turns read-only (the typing cannot be kept as a
    draft, the save is refused), then unreadable (the page cannot even load the report): each
    time a Chinese message and no traceback, and when the database is back, the typed text is
    still there and is kept as a draft."""
    at = goto(with_example(), "修改")
    at.selectbox(key="edit_section").set_value("other").run()
    path = db.removeprefix("sqlite:///")
    typed = "数据库出错时输入的一句。"

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///file:{path}?mode=ro&uri=true")
    type_text(at, "text_other_g0", typed)
    assert not at.exception
    assert any("未能把正在输入的文字保存为草稿" in w.value and "只读" in w.value for w in at.warning)

    at.button(key="save_other").click().run()
    assert not at.exception
    assert any("数据库是只读的" in e and "未保存" in e for e in _errors(at))

    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not an sqlite file" * 100)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{bad}")
    at.run()
    assert not at.exception
    assert any("数据库文件已损坏" in e.value for e in at.error)
    at.run()                                   # a second run without the editor drawn
    assert not at.exception

    monkeypatch.setenv("DATABASE_URL", db)
    at.run()
    assert not at.exception
    assert at.error.len == 0
    assert any("有未保存的修改" in c.value for c in at.caption)   # still in the box, unsaved…
    assert Store(db).draft(1, "other").text == typed              # …and now kept as a draft
