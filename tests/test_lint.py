"""``drafting ingest`` and ``drafting lint`` on the command line."""
from __future__ import annotations

import csv
import json
import re

import pytest
from typer.testing import CliRunner

from drafting.cli import app

from .test_ingest import DATA, PUBLISHED, T3, _t3, document, docx_bytes, html_page, tab_table

runner = CliRunner()
SAMPLES = sorted(p.name for p in PUBLISHED.glob("*.txt"))


def _json(args):
    r = runner.invoke(app, args)
    assert "Traceback" not in r.output
    return r, json.loads(r.stdout)


def test_four_samples_are_stored():
    assert len(SAMPLES) == 4


def test_lint_seed_names_its_defects():
    r = runner.invoke(app, ["lint", str(PUBLISHED / "000_b9c33e0c54bf7134.txt")])
    assert r.exit_code == 1
    for needle in ("兴庆区人社局", "缺少第四部分", "表三从「二、上年结转政府信息公开申请数量」到「四、结转下年度继续办理」连续22个数据行未填报", "改进打算写成了报告年度「2019」"):
        assert needle in r.output


def test_lint_samples_exit_codes_and_errors():
    r, data = _json(["lint", "--json", *(str(PUBLISHED / n) for n in SAMPLES)])
    assert r.exit_code == 1
    by_name = {d["file"].rsplit("/", 1)[-1]: d for d in data}
    assert set(by_name) == set(SAMPLES)
    errors = {n: sorted({(f["code"], f.get("cell", "")) for f in d["findings"] if f["severity"] == "error"})
              for n, d in by_name.items()}
    assert errors["002_shuyang_county_2025.txt"] == []
    # 005 and 009: only 表二「行政规范性文件」, archived as one run of digits with nothing to split
    # it by (see test_ingest.test_pingtan_run_together_tables).
    for n in ("005_pingtan_2021.txt", "009_pingtan_2025.txt"):
        assert {c for c, _ in errors[n]} == {"P001"}
        assert all("行政规范性文件" in cell for _, cell in errors[n])
    r = runner.invoke(app, ["lint", str(PUBLISHED / "002_shuyang_county_2025.txt")])
    assert r.exit_code == 0 and "错误 0 项" in r.output


@pytest.mark.parametrize("name", SAMPLES)
def test_ingest_then_validate_equals_lint(tmp_path, name):
    out = tmp_path / "report.yaml"
    r = runner.invoke(app, ["ingest", str(PUBLISHED / name), "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert "已读取" in r.output
    _, linted = _json(["lint", "--json", str(PUBLISHED / name)])
    _, validated = _json(["validate", "--json", str(out)])
    assert validated[0]["findings"] == linted[0]["findings"]
    assert {k: validated[0][k] for k in ("agency", "year", "template")} == \
        {k: linted[0][k] for k in ("agency", "year", "template")}


@pytest.mark.parametrize("shape", ["html", "docx"])
def test_ingest_then_validate_equals_lint_other_shapes(tmp_path, shape):
    # 表二 行政许可 published as -3: a cell ingest cannot take (P002) must survive the round trip.
    bad = {**DATA, "active_disclosure": {**DATA["active_disclosure"], "licensing": (-3,)}}
    src = tmp_path / f"r.{shape}"
    if shape == "html":
        src.write_text(html_page(bad), "utf-8")
    else:
        src.write_bytes(docx_bytes(bad))
    out = tmp_path / "r.yaml"
    assert runner.invoke(app, ["ingest", str(src), "--out", str(out)]).exit_code == 0
    r1, linted = _json(["lint", "--json", str(src)])
    r2, validated = _json(["validate", "--json", str(out)])
    assert r1.exit_code == r2.exit_code == 1
    assert linted[0]["findings"] == validated[0]["findings"]
    assert [f["code"] for f in linted[0]["findings"] if f["severity"] == "error"] == ["P002"]


def test_ingest_then_validate_equals_lint_with_previous(tmp_path):
    prev, cur = _pair(tmp_path)
    prev_yaml, cur_yaml = tmp_path / "prev.yaml", tmp_path / "cur.yaml"
    assert runner.invoke(app, ["ingest", str(prev), "--out", str(prev_yaml)]).exit_code == 0
    assert runner.invoke(app, ["ingest", str(cur), "--out", str(cur_yaml)]).exit_code == 0
    r1, linted = _json(["lint", "--json", str(cur), "--previous", str(prev)])
    r2, validated = _json(["validate", "--json", str(cur_yaml), "--previous", str(prev_yaml)])
    assert r1.exit_code == r2.exit_code == 1
    assert linted[0]["findings"] == validated[0]["findings"]


def _pair(tmp_path):
    """Last year's (2023) and this year's (2024) report of the test bureau, published as text.

    Last year carried 1 application of a natural person forward; this year's 表三 says none was
    carried over, and its 一 and 五 are last year's with the years changed.
    """
    last = dict(DATA)
    last["applications"] = _t3(new_received=(4, 1, 0, 0, 0, 0, 5), granted=(2, 1, 0, 0, 0, 0, 3),
                               unable_not_held=(1, 0, 0, 0, 0, 0, 1), results_total=(3, 1, 0, 0, 0, 0, 4),
                               carry_forward=(1, 0, 0, 0, 0, 0, 1))
    text = document(tab_table, last).replace("申请4件", "申请5件")
    text = text.replace("2025年", "2024年").replace("2024", "2023")
    prev = tmp_path / "2023.txt"
    prev.write_text(text, "utf-8")
    cur = tmp_path / "2024.txt"
    cur.write_text(document(tab_table), "utf-8")
    return prev, cur


def test_lint_previous_year_rules(tmp_path):
    prev, cur = _pair(tmp_path)
    r, data = _json(["lint", "--json", str(cur), "--previous", str(prev)])
    assert r.exit_code == 1
    codes = {}
    for f in data[0]["findings"]:
        codes.setdefault(f["code"], []).append(f)
    assert {f["cell"] for f in codes["H001"]} == {
        f"表三「{T3.row('carried_over').label}」自然人", f"表三「{T3.row('carried_over').label}」总计"}
    assert all(f["severity"] == "error" for f in codes["H001"])
    h003 = codes["H003"]
    assert {f["section"] for f in h003} == {"overall", "problems"} and h003[0]["severity"] == "warning"
    # without last year's report the same file is clean
    r = runner.invoke(app, ["lint", str(cur)])
    assert r.exit_code == 0, r.output
    # a report of another year: H004 says why the cross-year checks were skipped
    r, data = _json(["lint", "--json", str(cur), "--previous", str(PUBLISHED / "005_pingtan_2021.txt")])
    assert "H004" in {f["code"] for f in data[0]["findings"]}
    assert "H001" not in {f["code"] for f in data[0]["findings"]}


def test_lint_agency_and_year_options(tmp_path):
    cur = tmp_path / "r.txt"
    cur.write_text(document(tab_table), "utf-8")
    r, data = _json(["lint", "--json", str(cur), "--agency", "某某县卫生健康局", "--year", "2024"])
    assert data[0]["agency"] == "某某县卫生健康局" and data[0]["year"] == 2024
    r, data = _json(["lint", "--json", str(cur), "--year", "2023"])
    assert any(f["code"] == "P003" and "2024" in f["message"] for f in data[0]["findings"])


def test_lint_other_shapes(tmp_path):
    (tmp_path / "r.html").write_text(html_page(), "utf-8")
    (tmp_path / "r.docx").write_bytes(docx_bytes())
    r, data = _json(["lint", "--json", str(tmp_path / "r.html"), str(tmp_path / "r.docx")])
    assert r.exit_code == 0
    assert [d["findings"] for d in data] == [[], []]


@pytest.mark.parametrize("name,content,needle", [
    ("junk.bin", bytes(range(256)) * 100, "二进制"),
    ("empty.txt", b"", "文件为空"),
    ("big.txt", b"x" * (20 * 1024 * 1024), "文本文件「big.txt」过大"),
    ("fake.docx", b"not a zip at all", "不是有效的 Word 文档"),
    ("page.html", b"<html><body><script>var a='\xe4\xb8\x80\xe3\x80\x81\xe6\x80\xbb\xe4\xbd\x93\xe6\x83\x85\xe5\x86\xb5';"
                  b"</script><script src='x.js'></script></body></html>", "未能识别出年度报告"),
])
def test_lint_and_ingest_malformed_exit_2(tmp_path, name, content, needle):
    p = tmp_path / name
    p.write_bytes(content)
    r = runner.invoke(app, ["lint", str(p)])
    assert r.exit_code == 2
    assert "无法读取" in r.output and needle in r.output
    assert "Traceback" not in r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)
    r = runner.invoke(app, ["ingest", str(p), "--out", str(tmp_path / "o.yaml")])
    assert r.exit_code == 2 and needle in r.output
    assert not (tmp_path / "o.yaml").exists()
    r, data = _json(["lint", "--json", str(p)])
    assert r.exit_code == 2 and any(needle in e for e in data[0]["errors"])


def test_lint_folder_summary_csv_and_html(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for n in SAMPLES:
        (folder / n).write_bytes((PUBLISHED / n).read_bytes())
    (folder / "<img src=x onerror=alert(1)>.txt").write_bytes(b"")      # unreadable, hostile name
    (folder / "notes.csv").write_text("not a report", "utf-8")          # not a report: skipped
    out = tmp_path / "summary.csv"
    r = runner.invoke(app, ["lint", str(folder), "--summary", str(out)])
    assert r.exit_code == 2, r.output                    # one file could not be read
    assert "已检查 5 份报告" in r.output
    assert "正在检查" in r.output                # the progress bar's label (no terminal here)
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert len(rows) == 5
    by = {row["文件"].rsplit("/", 1)[-1]: row for row in rows}
    seed = by["000_b9c33e0c54bf7134.txt"]
    assert seed["状态"] == "有错误" and int(seed["错误"]) >= 5 and seed["机关"] == "银川市兴庆区科学技术局"
    assert "I001" in seed["主要问题"]
    assert by["002_shuyang_county_2025.txt"]["状态"] == "通过"
    assert by["<img src=x onerror=alert(1)>.txt"]["状态"] == "无法读取"
    page = out.with_suffix(".html").read_text("utf-8")
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "共 5 份报告" in page and page.count("<tr class=") == 5


def test_ingest_out_unwritable(tmp_path):
    r = runner.invoke(app, ["ingest", str(PUBLISHED / SAMPLES[0]), "--out", str(tmp_path)])
    assert r.exit_code == 2 and "无法写入" in r.output and "Traceback" not in r.output


def test_lint_prints_a_cell_once():
    """A finding whose message opens with its cell (P001 on a run-together 表二 row) names the cell
    once in the listing, not as 「表二「…」…：表二「…」…：…」."""
    src = PUBLISHED.parent / "corpus" / "reports" / "pt_zrz_2019.txt"
    r = runner.invoke(app, ["lint", str(src)])
    lines = [ln for ln in r.output.splitlines() if " P001 " in ln]
    assert lines, r.output
    for ln in lines:
        cell = ln.split(" P001 ", 1)[1].split("：", 1)[0]
        assert ln.count(cell) == 1, ln


def _shs_2023_with_table_part(replace) -> str:
    """pt_shs_2023 (a real report, one line) with the body of its 三、 part replaced."""
    src = (PUBLISHED.parent / "corpus" / "reports" / "pt_shs_2023.txt").read_text("utf-8")
    head = "三、收到和处理政府信息公开申请情况"
    a, b = src.index(head) + len(head), src.index("四、政府信息公开行政")
    return "平潭综合实验区社会事业局2023年政府信息公开工作年度报告\n" + src[:a] + replace(src[a:b]) + src[b:]


def test_a_table_part_without_its_table_is_one_finding(tmp_path):
    """A 三、 part printed without 表三 (an image on the page): S006 says the table is missing, and
    no P002 says it could not be read as well; a 表三 printed with every label garbled is P002's
    (unread), and S006 does not call it missing."""
    from drafting.ingest import ingest_path
    from drafting.validator import validate

    def codes(text):
        p = tmp_path / "r.txt"
        p.write_text(text, "utf-8")
        return [(f.code, f.section) for f in validate(ingest_path(p).report) if f.code in ("P002", "S006")]

    assert codes(_shs_2023_with_table_part(lambda body: "本年度收到申请1件，已按时答复。")) == \
        [("S006", "applications")]
    garbled = _shs_2023_with_table_part(lambda body: re.sub(r"[\u4e00-\u9fff（）]", "囗", body))
    assert codes(garbled) == [("P002", "applications")]


@pytest.mark.parametrize("change", [
    # &nbsp; between a row's label and its figures, as a web page's copy prints it
    lambda s: re.sub(r"(数量|总计|件数)(\d)", lambda m: m.group(1) + "\u00a0" + m.group(2), s),
    # full-width digits throughout (the title's year, the tables' figures)
    lambda s: s.translate({ord(str(i)): chr(0xFF10 + i) for i in range(10)}),
    # zero-width spaces inside the headings
    lambda s: s.replace("三、收到", "三、\u200b收到").replace("四、政府", "四、\u200b政府"),
], ids=["nbsp", "full-width digits", "zero-width"])
def test_other_spaces_and_full_width_digits_read_as_plain_ones(tmp_path, change):
    """A real report (pt_zrz_2023, one line) with its spaces or digits printed otherwise is read
    with the same findings (&nbsp; after a label left 表三/表四 unread: T001 and S006 errors on 55
    of the corpus's 平潭 reports; full-width digits hid the year from the title)."""
    from drafting.ingest import ingest_path
    from drafting.validator import validate

    src = (PUBLISHED.parent / "corpus" / "reports" / "pt_zrz_2023.txt").read_text("utf-8")

    def found(text, name):
        p = tmp_path / name
        p.write_text(text, "utf-8")
        return sorted((f.code, f.severity, f.cell or f.section or "") for f in validate(ingest_path(p).report))

    assert found(change(src), "changed.txt") == found(src, "as-is.txt")


def test_table_items_numbered_in_brackets_read_as_numbered_with_dots(tmp_path):
    """表三's items printed （1）（2）（3） instead of 1. 2. 3. (pt_zrz_2023 so changed): the short
    「（3）其他」 of （六）其他处理 is read as its row (it was 整行未填报, a T001 error, in 42 of the
    corpus's 平潭 reports so changed)."""
    from drafting.ingest import ingest_path
    from drafting.validator import validate

    src = (PUBLISHED.parent / "corpus" / "reports" / "pt_zrz_2023.txt").read_text("utf-8")
    changed = re.sub(r"(?<=[）)\d])(\d)\.(?=属于|其他|危及|保护|本机关|没有|补正|信访|重复|要求|无正当|申请人)",
                     r"（\1）", src)
    assert changed != src

    def found(text, name):
        p = tmp_path / name
        p.write_text(text, "utf-8")
        return sorted((f.code, f.severity, f.cell or f.section or "") for f in validate(ingest_path(p).report))

    assert found(changed, "changed.txt") == found(src, "as-is.txt")
