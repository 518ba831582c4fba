from drafting.formats import get_template, raw_format, version_for_year


def test_both_templates_load_with_their_row_counts():
    for v in ("2019", "2021"):
        t = get_template(v)
        spec = t.tables["applications"]
        assert len(spec.data_rows) == raw_format()[v]["tables"]["applications"]["data_row_count"]
        assert [s.no for s in t.sections] == list("一二三四五六")
        assert len(t.tables["review_litigation"].row("counts").columns) == 15


def test_labels_come_from_format_data():
    t = get_template("2021")
    spec = t.tables["applications"]
    assert spec.cell_label("unable_not_held", "natural_person") == "表三「（四）无法提供 1.本机关不掌握相关政府信息」自然人"
    assert t.tables["active_disclosure"].row("normative_documents").label == "行政规范性文件"
    assert get_template("2019").tables["active_disclosure"].row("normative_documents").label == "规范性文件"
    assert t.tables["review_litigation"].cell_label("counts", "litigation_after_review_total") == "表四「行政诉讼/复议后起诉」总计"


def test_version_for_year():
    assert version_for_year(2019) == "2019"
    assert version_for_year(2020) == "2019"
    assert version_for_year(2021) == "2021"
    assert version_for_year(2025) == "2021"
