from decimal import Decimal

import pytest

from drafting.io import ReportLoadError, dumps_report, load_report, loads_report, report_from_data
from drafting.model import CellError, empty_report

from .conftest import EXAMPLE, SEED


@pytest.mark.parametrize("path", [EXAMPLE, SEED])
def test_report_round_trips_through_yaml(path):
    rep = load_report(path)
    text = dumps_report(rep)
    again = loads_report(text)
    assert again == rep
    assert dumps_report(again) == text


def test_template_is_derived_from_year_and_overridable(example):
    assert example.meta.template_version == "2021"
    assert empty_report("某局", 2020).meta.template_version == "2019"
    data = {"meta": {"agency": "某局", "year": 2020, "template": "2021"}}
    assert report_from_data(data).meta.template_version == "2021"


def test_blank_is_not_zero(seed):
    assert seed.cell("applications", "new_received", "total") == 0
    assert seed.cell("applications", "new_received", "natural_person") is None
    assert seed.tables.get("review_litigation") is None


def test_negative_count_names_the_cell():
    data = {"meta": {"agency": "某局", "year": 2024},
            "tables": {"applications": {"unable_not_held": {"natural_person": -3}}}}
    with pytest.raises(ReportLoadError) as e:
        report_from_data(data)
    assert "表三「（四）无法提供 1.本机关不掌握相关政府信息」自然人：应为非负整数，收到 -3" in e.value.errors


def test_signed_change_and_decimal_fee_are_typed():
    rep = report_from_data({"meta": {"agency": "某局", "year": 2019},
                            "tables": {"active_disclosure": {"licensing": {"change": -417}}}})
    assert rep.cell("active_disclosure", "licensing", "change") == -417
    rep = report_from_data({"meta": {"agency": "某局", "year": 2021},
                            "tables": {"active_disclosure": {"fees": {"fee_amount": "9.63211"}}}})
    assert rep.cell("active_disclosure", "fees", "fee_amount") == Decimal("9.63211")


@pytest.mark.parametrize("cells,expected", [
    ({"granted": {"total": 1.5}}, "表三「（一）予以公开」总计：应为整数，收到 1.5"),
    ({"granted": {"total": "三"}}, "表三「（一）予以公开」总计：应为数字，收到「三」"),
    ({"granted": {"nobody": 1}}, "表三「（一）予以公开」没有列「nobody」"),
    ({"denied": {"total": 1}}, "表三没有数据行「denied」"),
])
def test_bad_cells_give_chinese_errors(cells, expected):
    with pytest.raises(ReportLoadError) as e:
        report_from_data({"meta": {"agency": "某局", "year": 2024}, "tables": {"applications": cells}})
    assert expected in e.value.errors


def test_full_width_digits_are_accepted():
    rep = report_from_data({"meta": {"agency": "某局", "year": 2024},
                            "tables": {"applications": {"granted": {"total": "１２"}}}})
    assert rep.cell("applications", "granted", "total") == 12


def test_meta_errors_are_chinese():
    with pytest.raises(ReportLoadError) as e:
        report_from_data({"meta": {"agency": "某局", "year": "去年"}})
    assert any(err.startswith("基本信息·报告年度：应为整数") for err in e.value.errors)
    with pytest.raises(ReportLoadError) as e:
        report_from_data({"meta": {"year": 2024}})
    assert "基本信息·机关名称：缺少必填项" in e.value.errors


def test_set_cell_checks_like_a_file(example):
    example.set_cell("applications", "granted", "natural_person", "9")
    assert example.cell("applications", "granted", "natural_person") == 9
    with pytest.raises(CellError, match="表三「（一）予以公开」自然人：应为非负整数，收到 -1"):
        example.set_cell("applications", "granted", "natural_person", -1)
    assert example.cell("applications", "granted", "natural_person") == 9


def test_unreadable_inputs(tmp_path):
    for name, content in [("empty.yaml", b""), ("bin.yaml", b"\x00\xff\x00junk"), ("list.yaml", b"- 1\n- 2\n")]:
        p = tmp_path / name
        p.write_bytes(content)
        with pytest.raises(ReportLoadError):
            load_report(p)
    with pytest.raises(ReportLoadError, match="找不到文件"):
        load_report(tmp_path / "missing.yaml")


def test_too_short_agency_name_is_not_called_empty():
    from pydantic import ValidationError
    from drafting.io import validation_messages
    from drafting.model import Meta
    with pytest.raises(ValidationError) as blank:
        Meta(agency="", year=2024)
    assert validation_messages(blank.value) == ["机关名称：不能为空"]
    with pytest.raises(ValidationError) as short:
        Meta(agency="局", year=2024)
    assert validation_messages(short.value)[0].startswith("机关名称：至少 2 个字")
