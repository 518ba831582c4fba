"""Whose report it is and who did the work (drafting/identity.py), and how ingest finds the agency.

Names and texts are made up; the shapes are those of real reports in fixtures/corpus.
"""
from __future__ import annotations

import pytest

from drafting import identity
from drafting.agencies import parse_name
from drafting.ingest import ingest_bytes
from drafting.validator import validate

from .test_ingest import AGENCY, YEAR, document, tab_table


# -- names ------------------------------------------------------------------------------
def test_qizhong_before_a_bare_place_word_is_no_place():
    # 「其中市人民政府召开新闻发布会…」 (保山市 2024, 第七十二批: 「其中市」 read as a place, a wrong I001 warning)
    n = parse_name("其中市人民政府", strict=False)
    assert n is None or "其中市" not in n.regions


@pytest.mark.parametrize("name, regions, org", [
    ("青禾市云溪区市场监督管理局", ("青禾市", "云溪区"), "市场监督管理局"),
    ("区市场监管局", ("区",), "市场监管局"),                      # 区 is a place, 市场监管局 the organ
    ("市政府办公厅", ("市",), "政府办公厅"),
    ("广州市荔湾区人民政府南源街道办事处", ("广州市", "荔湾区", "南源街道"), "办事处"),
    ("四川省体育局", ("四川省",), "体育局"),
    ("杨凌示范区审计局", ("杨凌示范区",), "审计局"),
    # the official form without 和 (江苏省人力资源社会保障厅 2019, 济宁市 2020: 「未识别的机关」)
    ("青禾市人力资源社会保障局", ("青禾市",), "人力资源社会保障局"),
    # an ethnic township's name runs past eight characters (水城区花戛苗族布依族彝族乡 2022: its own
    # full name taken for another body's, a wrong I001 warning)
    ("青禾市云溪区石门苗族布依族彝族乡人民政府", ("青禾市", "云溪区", "石门苗族布依族彝族乡"), "人民政府"),
])
def test_names_read_into_places_and_organ(name, regions, org):
    n = parse_name(name)
    assert (n.regions, n.org) == (regions, org)
    assert n.dept is not None or n.gov          # (an organ the data knows)


@pytest.mark.parametrize("text", ["本报告由济宁市体育局", "维护了市政府", "全市"])
def test_words_before_a_name_are_not_places(text):
    assert parse_name(text) is None


def _own(agency, region=None, certain=True):
    n = parse_name(agency, strict=False)
    regions = parse_name(region).regions if region else n.regions
    return identity.Own(agency, certain, n, regions, frozenset({agency}))


@pytest.mark.parametrize("mention, kind", [
    ("区市场监管局", "own"),
    ("市市场监管局", "context"),           # the city's bureau: a superior
    ("区政府", "context"),                 # the district's government
    ("云溪区人社局", "foreign"),           # another organ of the same place
    ("金坪区市场监管局", "foreign"),       # another district
    ("人社局", "doubt"),                   # no place named
    ("红石镇人民政府", "context"),         # a township, perhaps inside the district
])
def test_relation_to_a_district_bureau(mention, kind):
    own = _own("青禾市云溪区市场监督管理局", "青禾市云溪区")
    assert identity.relation(parse_name(mention), own)[0] == kind


def _ingested_without_i001(text: str, **kw):
    """The report read from ``text``, asserted to draw no I001 finding (the agency's own names)."""
    rep = ingest_bytes(text.encode(), "r.txt", **kw).report
    assert not [f for f in validate(rep) if f.code == "I001"]
    return rep


def test_a_branch_described_as_stationed_by_the_city_bureau_is_no_other_agency():
    # 「人社分局作为市人社局在东湖高新区派驻的…」 and a cut last line 「人社分局加强政府」 (东湖高新区人社分局
    # 2021, 第六十八批: two wrong I001 warnings, 作为市 read as a place, the cut line as the 落款)
    text = ("人社分局2021年政府信息公开工作年度报告\n一、总体情况\n人社分局作为市人社局在某湖高新区派驻的工作机构，"
            "主动公开政府信息56条。\n人社分局加强政府\n")
    _ingested_without_i001(text)


def test_the_places_government_named_after_a_titles_bare_place_is_ours():
    # title 「高新区(新市区)…年度报告」, then 「高新区(新市区)政府2020年信息公开工作年度报告」 (乌鲁木齐
    # 2020, 第七十三批: a wrong I001 error)
    own = _own("某新区(某市区)")
    text = "某新区(某市区)政府2024年信息公开工作年度报告。本报告根据《条例》编制。"
    assert not [d for d in identity.foreign_self_references(text, own) if d.certain]


def test_a_cut_last_line_naming_a_site_is_no_signature():
    # a copy cut after 「(三)优化提升信息公开平台效能」/「强化门户网站」 (湖北省地震局 2025, 第六十三批: the
    # agency had become 「强化门户网站」 and the real one a wrong I001 warning)
    text = ("一、总体情况\n本报告由青禾省地震局根据《条例》编制。2025年，本局主动公开政府信息56条。\n"
            "(三)优化提升信息公开平台效能\n强化门户网站\n")
    assert _ingested_without_i001(text, year=2025).meta.agency == "青禾省地震局"


def test_a_full_name_declared_for_the_titles_short_name_is_ours():
    # 「自治区北部湾办2022年…报告」 and 「由广西壮族自治区北部湾经济区规划建设管理办公室(以下简称自治区北部湾办)
    # 编制」 (第六十三批: a wrong I001 error on the full name)
    text = ("青禾市某湾办2024年政府信息公开工作年度报告\n本年度报告根据《条例》要求，由青禾市某湾经济区规划建设管理办公室"
            "(以下简称青禾市某湾办)编制。\n一、总体情况\n2024年，青禾市某湾办主动公开政府信息56条。\n")
    _ingested_without_i001(text)


def test_a_merged_culture_bureau_calls_itself_wenlvju():
    # 乌恰县文化体育广播电视和旅游局's 「县文旅局主动公开…」 (第五十六批: a wrong I001 error)
    rep = ingest_bytes(("青禾县文化体育广播电视和旅游局2025年政府信息公开工作年度报告\n一、总体情况\n"
                        "2025年，县文旅局主动公开政府信息56条。\n").encode(), "r.txt").report
    assert not [f for f in validate(rep) if f.code == "I001"]
    # another county's bureau is still another agency
    rep = ingest_bytes(("青禾县文化体育广播电视和旅游局2025年政府信息公开工作年度报告\n一、总体情况\n"
                        "2025年，金坪县文旅局主动公开政府信息56条。\n").encode(), "r.txt").report
    assert [f.severity for f in validate(rep) if f.code == "I001"] == ["error"]


def test_an_unknown_own_place_makes_a_foreign_name_a_doubt_not_a_pass():
    own = _own("市场监督管理局")
    assert identity.relation(parse_name("金坪区人社局"), own)[0] == "doubt"


def test_a_government_office_reports_on_its_departments():
    own = _own("青禾市人民政府办公厅")
    assert identity.relation(parse_name("市财政局"), own)[0] == "context"
    assert identity.relation(parse_name("市政府办公厅"), own)[0] == "own"


def test_doers_are_subjects_of_work_clauses_only():
    own = _own("青禾市云溪区市场监督管理局", "青禾市云溪区")
    text = ("2024年，金坪区人社局通过门户网站公开信息。全年维护了金坪区政府网站专栏，"
            "按照金坪区人社局要求公开招聘信息，向区政府报告工作。")
    found = list(identity.doers(text, own))
    assert [d.name.text for d in found] == ["金坪区人社局"] and found[0].certain
    assert text[found[0].start:found[0].end] == "金坪区人社局"


def test_traditional_forms_of_a_name_are_read():
    own = _own("青禾市云溪区市场监督管理局", "青禾市云溪区")
    found = list(identity.doers("2024年，金坪區人社局严格落实公开制度。", own))
    assert [d.name.text for d in found] == ["金坪区人社局"]
    assert found[0].quote.startswith("金坪區人社局")               # quoted as written


def test_a_years_report_named_with_xinxi_gongkai_alone_is_the_reports_own():
    # 现公布2022年汨罗市交通运输局信息公开工作年度报告 (第二百一十五批): 信息公开 without 政府 after the
    # name; the body was guessed from the contact line (请与市交通运输局办公室联系) as 「市交通运输局」
    def names(t):
        return [c.name.text for c in identity.self_references(t)]
    assert names("现公布2022年青禾市交通运输局信息公开工作年度报告。") == ["青禾市交通运输局"]
    assert names("现公布2022年青禾县人民政府信息公开工作年度报告。") == ["青禾县人民政府"]
    assert names("现公布2023年政府信息公开工作年度报告。") == []       # 政府 alone names no body


def test_a_contact_office_serving_two_bodies_names_the_body():
    # 请与常州市钟楼区南大街街道党政和人大办公室联系 (第二百二十一批): the body was guessed as the bare
    # 「街道办事处」 from a subject; the contact's placed name is the better guess
    text = ("本报告根据《条例》要求编制。如有任何疑问，请与青禾市云溪区南街街道党政和人大办公室联系。"
            "2025年，本街道办事处继续贯彻落实《条例》，街道办事处进一步压实主体责任。")
    claim = identity.infer_agency([("preamble", text)])
    assert claim is not None and claim.name.text == "青禾市云溪区南街街道" and claim.kind == "contact"


def test_covering_a_year_of_a_named_bodys_work_is_the_reports_own():
    # 涵盖了2022年麒麟区自然资源局政府信息公开工作 (第二百二十二批): 「未识别的机关」 before
    text = "本报告由总体情况等六部分组成，涵盖了2022年青禾市云溪区自然资源局政府信息公开工作，统计起止时间为2022年1月1日至12月31日。"
    assert [c.name.text for c in identity.self_references(text)] == ["青禾市云溪区自然资源局"]


def test_a_body_named_only_as_the_issuer_of_cited_notices_is_not_inferred():
    """长乐区民政局 2021 (第三百批): 《福州市长乐区人民政府办公室关于印发…的通知》 twice in the preamble —
    the issuer of the notices it follows, not whose report this is; the agency was inferred as that
    office. Named twice outside 《》, a body still is (the 姚安县农业农村局 reading)."""
    cited = ("按照《青禾市云溪区人民政府办公室关于印发2024年政务公开工作要点的通知》"
             "《青禾市云溪区人民政府办公室关于印发考核办法的通知》要求，编制本报告。")
    assert identity.infer_agency([("preamble", cited)]) is None
    # (a few words before the first title: 按照省政府有关工作部署和《…》 — 保定市司法局 2021, 第三百三十五批)
    worded = "按照省政府有关工作部署和" + cited[2:]
    assert identity.infer_agency([("preamble", worded)]) is None
    issued = ("全年主动公开《青禾市云溪区生态环境局关于印发排污单位信用评价办法的通知》"
              "《青禾市云溪区生态环境局关于印发举报奖励办法的通知》等文件。")
    own = identity.infer_agency([("overall", issued)])
    assert own is not None and own.name.text == "青禾市云溪区生态环境局"     # (深圳市生态环境局 2023: its own documents)
    named = "青禾市云溪区农业农村局政务公开领导小组组长由局长担任。青禾市云溪区农业农村局网站设有专栏。"
    claim = identity.infer_agency([("preamble", named)])
    assert claim is not None and claim.name.text == "青禾市云溪区农业农村局"


def test_a_contact_office_named_by_its_kind_alone_names_no_body():
    """厦门市人社局 2024 (第二百九十二批): 请与局办公室联系 — the own bureau's office, no name; the
    agency was inferred as 「局办公室」."""
    text = "本报告可在本局网站下载。如对本报告有疑问，请与局办公室联系（地址：青禾市云溪区人民路1号）。"
    assert identity.infer_agency([("preamble", text)]) is None
    # (可与党政办联系: the office by its short kind — 南昌县东新乡 2023, 第三百四十一批)
    assert identity.infer_agency([("preamble", "如对本报告有疑问，可与党政办联系。")]) is None


def test_a_contact_offered_with_ke_yu_names_the_body():
    # 如对本报告有疑问,可与广元市市场监督管理局办公室联系 (第二百二十三批): the body was guessed as the
    # bare 「市市场监管局」 from a subject, and its own full name then drew an I001 warning
    text = ("本报告电子版可在青禾市市场监督管理局门户网站下载。如对本报告有疑问，可与青禾市市场监督管理局办公室联系。"
            "2023年，市市场监管局按照《条例》要求推进政务公开。")
    claim = identity.infer_agency([("preamble", text)])
    assert claim is not None and claim.name.text == "青禾市市场监督管理局" and claim.kind == "contact"
    town = identity.infer_agency([("preamble", "如有疑问，可与青禾县安泰街道党政综合办联系。")])
    assert town is not None and town.name.text == "青禾县安泰街道"


def test_an_autonomous_areas_short_form_is_a_division():
    # 甘南州自然资源局 written twice (第二百二十七批): 甘南州 is how 甘南藏族自治州 is written, and the organ
    # named so is the report's (「未识别的机关」 before)
    from drafting import agencies
    assert agencies.is_division("甘南州") and agencies.is_division("石柱县") and agencies.is_division("黔东南州")
    assert not agencies.is_division("鄂温旗")            # (鄂温克族自治旗: no place before the people's name)
    text = "2023年，我局及时调整了甘南州自然资源局信息公开领导小组。公开甘南州自然资源局政府集中采购事项。"
    claim = identity.infer_agency([("overall", text)])
    assert claim is not None and claim.name.text == "甘南州自然资源局"


def test_an_ethnic_townships_full_name_is_its_short_names_body():
    text = ("本年度报告根据《中华人民共和国政府信息公开条例》的规定，由云溪区石门苗族布依族彝族乡人民政府编制。")
    assert list(identity.foreign_self_references(text, _own("石门乡人民政府"))) == []


def test_a_report_made_from_another_bodys_years_work():
    # 结合2021年度吉林市丰满区人民政府信息公开工作实际,编制发布此报告 in 丰满区民政局's preamble: the
    # report made from its district government's work (a doubt: its text may be the government's)
    text = "根据《条例》规定，结合2024年度青禾市云溪区人民政府信息公开工作实际，编制发布此报告。"
    found = list(identity.foreign_self_references(text, _own("青禾市云溪区民政局")))
    assert [d.name.text for d in found] == ["青禾市云溪区人民政府"] and not found[0].certain
    assert list(identity.foreign_self_references(text.replace("人民政府信息", "民政局政府信息"), _own("青禾市云溪区民政局"))) == []
    # …工作要点 guides the work, it is not what the report is made from
    guided = "结合青禾市云溪区人民政府政务公开工作要点，制定本局实施方案。"
    assert list(identity.foreign_self_references(guided, _own("青禾市云溪区民政局"))) == []
    # nor is the body whose work a report is made from inferred as the report's own
    assert identity.infer_agency([("preamble", text)]) is None or \
        identity.infer_agency([("preamble", text)]).name.text != "青禾市云溪区人民政府"


def test_a_deed_before_the_name_of_a_published_report_is_not_the_name():
    # 按时发布吴淞街道2024年政府信息公开工作年度报告 (宝山区吴淞街道 2025, 第三百四十八批: 「按时发布吴淞街道」
    # taken for another body, a wrong I001 error)
    [claim] = identity.self_references("2025年，按时发布石门街道2024年政府信息公开工作年度报告。")
    assert claim.name.text == "石门街道"
    # (按时上传大连市发展和改革委员会2024年…年度报告: 第三百六十一批)
    [claim] = identity.self_references("按时上传青禾市发展和改革委员会2024年政府信息公开工作年度报告。")
    assert claim.name.text == "青禾市发展和改革委员会"


def test_the_years_work_published_by_name_says_whose_report():
    # 现向社会公布钦州市钦北区审计局2023年度政府信息公开工作情况 (钦北区审计局 2023, 第三百五十四批: 「未识别的机关」)
    text = "根据通知要求，现向社会公布青禾市云溪区审计局2024年度政府信息公开工作情况。"
    claim = identity.infer_agency([("preamble", text)])
    assert claim is not None and claim.name.text == "青禾市云溪区审计局"


def test_a_column_named_zhuanqu_is_no_place():
    # 政务公开专区提升改造1条 (厦门市翔安区凤翔街道 2023, 第二百三十四批): read as a 专区 (an old prefecture)
    # and guessed as the report's body, before the contact's 凤翔街道
    assert identity.parse_name("政务公开专区", strict=False) is None
    text = "如需咨询，请与青禾县凤翔街道党政办公室联系。全年政务公开专区提升改造1条。"
    claim = identity.infer_agency([("preamble", text)])
    assert claim is not None and claim.name.text == "青禾县凤翔街道"


def test_counted_bodies_and_a_verb_before_a_city_are_no_names():
    # 38家市直部门及市政府2022年…年度报告已全部按要求拟写 (毕节市 2022, 第二百三十九批): the bodies counted
    # were read as this report's own (I001); 未提请市政府印发规范性文件 (庆阳市政务服务中心 2023, 第二百四十二批):
    # 「未提请市」 read as a place doing the work
    text = "全市38家市直部门及市政府2022年政府信息公开工作年度报告已全部按要求拟写。"
    assert [c.name.text for c in identity.self_references(text)] == []
    assert not identity.parse_name("未提请市政府", strict=False).regions
    # 按照洪山区2024年…报告, 设置自助办理区 (第二百五十批): a verb read into a place, guessed as the body
    assert not (identity.parse_name("按照洪山区", strict=False) or identity.Name("", (), "", None, False)).regions
    assert not (identity.parse_name("设置自助办理区", strict=False) or identity.Name("", (), "", None, False)).regions
    # 汉中市交通运输局网站主动公开… (第二百五十八批): the site guessed as the body
    assert identity.parse_name("青禾市交通运输局网站", strict=False) is None


def test_xianba_and_a_name_made_by_another_name_are_read():
    # 现把长治市信访局2019年度…报告如下 (第二百四十三批: 「未识别的机关」); …领导小组办公室编制了清江浦区
    # 人民政府2021年度…报告 (the compiler and its verb were read into the name)
    assert {c.name.text for c in identity.self_references("现把青禾市信访局2019年度政府信息公开工作年度报告如下。")} \
        == {"青禾市信访局"}
    text = "青禾区政务公开工作领导小组办公室编制了青禾区人民政府2021年度政府信息公开工作年度报告。"
    assert [c.name.text for c in identity.self_references(text)] == ["青禾区人民政府"]


def test_a_guessed_own_agency_makes_every_doer_a_warning():
    own = _own("青禾市云溪区市场监督管理局", "青禾市云溪区", certain=False)
    found = list(identity.doers("金坪区人社局严格落实公开制度。", own))
    assert found and not found[0].certain and "推定" in found[0].reason


def test_the_prose_naming_another_agency_as_the_reports_own():
    own = _own("青禾县石桥镇人民政府")
    text = "根据《条例》规定，现公布青禾县民族宗教事务局2024年度政府信息公开工作年度报告。"
    found = list(identity.foreign_self_references(text, own))
    assert [d.name.text for d in found] == ["青禾县民族宗教事务局"] and found[0].certain
    own_office = _own("青禾县人民政府")
    compiled = "本报告由青禾县人民政府办公室按照《条例》要求编制。"
    assert list(identity.foreign_self_references(compiled, own_office)) == []


def test_compiler_named_after_the_basis_is_the_reports_own():
    # 本年度报告根据《条例》要求，由XX编制而成: the usual wording when the title names no body
    text = ("本年度报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，由青禾市工业和信息化局编制而成。"
            "本报告所列数据的统计期限自2020年1月1日起至2020年12月31日。")
    claim = identity.infer_agency([("overall", text)])
    assert claim is not None and claim.name.text == "青禾市工业和信息化局" and claim.kind == "self"
    assert claim.quote.startswith("由青禾市工业和信息化局")


def test_two_verbs_before_the_name_in_a_self_reference_are_not_the_name():
    # 特编制并向社会公布安溪县人民政府2021年…报告 (第五十四批: 「并向社会公布安溪县人民政府」 read as
    # another agency, a wrong I001 error)
    [claim] = identity.self_references("根据《条例》要求，特编制并向社会公布青禾县人民政府2024年政府信息公开工作年度报告。")
    assert claim.name.text == "青禾县人民政府"
    assert list(identity.foreign_self_references(
        "根据《条例》要求，特编制并向社会公布青禾县人民政府2024年政府信息公开工作年度报告。", _own("青禾县"))) == []


def test_compiler_named_after_the_basis_is_a_compiler_not_a_claimed_owner():
    own = _own("青禾县人民政府")
    office = "本报告根据《条例》要求，由青禾县人民政府办公室编制。"
    assert list(identity.foreign_self_references(office, own)) == []
    other = "本报告根据《条例》要求，由青禾县政务服务和数据管理局汇总编制。"
    found = list(identity.foreign_self_references(other, own))
    assert found and not any(d.certain for d in found)


@pytest.mark.parametrize("text, name", [
    # …要求，XX编制了本报告 (嵩县市场监督管理局's untitled copy, 第四十七批): the compiler before the report
    ("根据《中华人民共和国政府信息公开条例》要求，青禾县市场监督管理局编制了本报告。2023年，我局持续推进政务公开。",
     "青禾县市场监督管理局"),
    # 由XX编制本报告 (闽清县 2022: the government's report, compiled by its office — the key names the
    # government; a report that speaks as the office, 我办, is the office's own)
    ("根据《条例》规定，由青禾县人民政府办公室编制本报告。本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。",
     "青禾县人民政府"),
])
def test_compiler_named_before_the_report_it_made_is_the_reports_own(text, name):
    claim = identity.infer_agency([("preamble", text)])
    assert claim is not None and claim.kind == "self" and claim.name.text == name
    assert list(identity.foreign_self_references(text, _own(name))) == []
    # …and like 本报告由XX编制 a compiler: another body of the own place compiling the government's
    # report is only a doubt (it may compile it for the government), never an error
    other = text.replace(name, "青禾县政务服务和数据管理局")
    found = list(identity.foreign_self_references(other, _own("青禾县人民政府")))
    assert found and not any(d.certain for d in found)


# -- ingest: the agency from the title, the 落款 and the opening --------------------------------
def _ingest(text: str):
    return ingest_bytes(text.encode(), "r.txt")


def test_title_wrapped_over_two_lines():
    text = document(tab_table).replace(f"{AGENCY}{YEAR}年政府信息公开工作年度报告",
                                       f"{YEAR} 年{AGENCY}政府信息公开\n工作年度报告", 1)
    rep = _ingest(text).report
    assert rep.meta.agency == AGENCY and rep.preamble.startswith("本报告依据")


def test_title_run_together_with_the_page_chrome_keeps_the_opening():
    text = document(tab_table).replace(
        f"{AGENCY}{YEAR}年政府信息公开工作年度报告\n\n",
        f"当前位置： 首页政务公开年报 {AGENCY}{YEAR}年政府信息公开工作年度报告 来源： 时间：2025-01-20 --> 相关链接： ", 1)
    rep = _ingest(text).report
    assert rep.meta.agency == AGENCY
    assert rep.preamble.startswith("本报告依据")


def test_title_under_a_long_menu_of_the_page_is_read():
    # a page's menu, a line per link, before the title (柘城县's 2024 page: the title on line 31);
    # the title line itself is unchanged, so the 落款 is not what names the agency
    menu = "\n".join(["首页", "走进本县", "政务公开", "政策文件", "政策解读", "人事信息", "财政信息", "重点领域",
                      "互动交流", "办事服务", "专题专栏", "数据发布"] * 2) + "\n当前位置：首页 > 政务公开 > 年报\n"
    text = menu + document(tab_table).replace(f"\n{AGENCY}\n2025年1月20日", "")
    rep = _ingest(text).report
    assert (rep.meta.agency, rep.meta.year) == (AGENCY, YEAR)
    assert not any(p.code == "P003" for p in rep.problems)


def test_joint_title_after_the_page_chrome_keeps_both_names():
    # a district government and its zone's committee report as one (广州市黄埔区人民政府 广州开发区管委会)
    from drafting.ingest.document import find_title
    line = "首页 > 政务公开 > 年报 青禾市云溪区人民政府 青禾高新区管委会2024年政府信息公开工作年度报告"
    agency, year, title = find_title([line, "根据《条例》要求编制本报告。"], None)
    assert (agency, year) == ("青禾市云溪区人民政府青禾高新区管委会", 2024)
    assert title.startswith("青禾市云溪区人民政府 青禾高新区管委会")
    # chrome that is no body's name stays out
    agency, _, _ = find_title(["首页 > 年报 青禾高新区管委会2024年政府信息公开工作年度报告"], None)
    assert agency == "青禾高新区管委会"
    # an untitled copy: the preamble's 现公布… names the two (广州市黄埔区 2022, 第五十三批)
    line = "根据《条例》要求，现公布青禾市云溪区人民政府 青禾高新区管委会2024年政府信息公开工作年度报告。"
    assert find_title([line], None)[0] == "青禾市云溪区人民政府青禾高新区管委会"
    [claim] = identity.self_references(line)
    assert claim.name.text == "青禾市云溪区人民政府青禾高新区管委会"


def test_title_broken_inside_the_name_reads_the_whole_name():
    # 「重庆市沙坪坝区人民政府小龙坎街道」/「办事处2023年…报告」: the second line alone names no body
    from drafting.ingest.document import find_title
    lines = ["青禾市云溪区人民政府某龙街道", "办事处2024年政府信息公开工作年度报告", "一、总体情况"]
    assert find_title(lines, None)[:2] == ("青禾市云溪区人民政府某龙街道办事处", 2024)
    # a line of the page's chrome before a whole title is not joined to it
    lines = ["政府信息公开", "青禾市某山镇2024年政府信息公开工作年度报告", "一、总体情况"]
    assert find_title(lines, None)[0] == "青禾市某山镇"


def test_title_with_the_year_after_the_work_and_a_numeral_in_the_name():
    text = document(tab_table).replace(f"{AGENCY}{YEAR}年政府信息公开工作年度报告",
                                       f"四川省某某局政府信息公开工作{YEAR}年度报告", 1)
    assert _ingest(text).report.meta.agency == "四川省某某局"


def test_title_of_an_organs_information_report_with_its_year_in_brackets():
    # 舟山市民政局信息公开工作年度报告(2020年度) (第三百四十批): an organ, 信息公开 alone, the year after
    text = document(tab_table).replace(f"{AGENCY}{YEAR}年政府信息公开工作年度报告",
                                       f"青禾市民政局信息公开工作年度报告({YEAR}年度)", 1)
    meta = _ingest(text).report.meta
    assert (meta.agency, meta.year) == ("青禾市民政局", YEAR)


def test_title_of_a_report_on_the_years_work_situation():
    # 西藏自治区住房和城乡建设厅2025年度政务公开工作情况的报告 (第三百四十六批): 工作情况的报告
    text = document(tab_table).replace(f"{AGENCY}{YEAR}年政府信息公开工作年度报告",
                                       f"青禾市住房和城乡建设局{YEAR}年度政务公开工作情况的报告", 1)
    meta = _ingest(text).report.meta
    assert (meta.agency, meta.year) == ("青禾市住房和城乡建设局", YEAR)


def test_a_title_naming_no_body_above_the_real_title_is_passed_over():
    # 2023年度政府信息公开工作年度报告 / 桃江县松木塘镇人民政府 / 2023年政府信息公开工作年度报告 (第三百四十五批):
    # the page's own title names no body; the title under it does, over two lines
    from drafting.ingest.document import find_title
    lines = [f"{YEAR}年度政府信息公开工作年度报告", "青禾县石门镇人民政府", f"{YEAR}年政府信息公开工作年度报告",
             "一、总体情况", f"{YEAR}年，我镇认真贯彻落实《条例》。"]
    assert find_title(lines, None)[:2] == ("青禾县石门镇人民政府", YEAR)
    # …and a title naming no body with none after it still gives the year
    assert find_title(lines[:1] + lines[3:], None)[:2] == (None, YEAR)


def test_a_zone_called_by_its_kind_is_the_zone():
    # 滦河园区切实加强… in 迁安市滦河文化产业区管委会's report: its own zone, called a 园区
    assert identity.place_relation(("青禾园区",), ("青禾市", "青禾文化产业区")) == "same"
    assert identity.place_relation(("石门园区",), ("青禾市", "青禾文化产业区")) != "same"


def test_signature_at_the_end_of_a_page_stored_as_one_line():
    text = document(tab_table).replace(f"{AGENCY}{YEAR}年政府信息公开工作年度报告", "政府信息公开工作年度报告", 1)
    text = text.replace(f"\n{AGENCY}\n2025年1月20日", f" {AGENCY} 2025年1月20日 附件下载")
    rep = _ingest(text).report
    assert (rep.meta.agency, rep.meta.date) == (AGENCY, "2025年1月20日")
    assert AGENCY not in rep.sections["other"].text


def test_agency_guessed_from_the_opening_is_said_and_only_warned_on():
    text = document(tab_table).replace(f"{AGENCY}{YEAR}年政府信息公开工作年度报告", "政府信息公开工作年度报告", 1)
    text = text.replace(f"\n{AGENCY}\n2025年1月20日", "")
    text = text.replace("本报告依据", f"本报告由{AGENCY}依据", 1)
    text = text.replace("2024年，本局认真贯彻", "2024年，某某县人社局认真贯彻", 1)
    ing = _ingest(text)
    assert ing.report.meta.agency == AGENCY
    about_agency = [p for p in ing.problems if p.message.startswith(identity.NO_AGENCY)]
    assert len(about_agency) == 1 and f"推定为「{AGENCY}」" in about_agency[0].message
    i001 = [f for f in validate(ing.report) if f.code == "I001"]
    assert i001 and all(f.severity == "warning" for f in i001)
    assert "某某县人社局" in i001[0].message


def test_own_title_in_guillemets_names_the_agency_other_documents_do_not():
    own = identity.infer_agency([("preamble", "根据《条例》规定，现发布《青禾市云溪区人民政府办公室2024年政府信息公开工作年度报告》。"
                                              "本报告所列数据从2024年1月1日至12月31日。")])
    assert own is not None and own.name.text == "青禾市云溪区人民政府办公室"
    other = identity.infer_agency([("preamble", "按照《青禾市人民政府办公室关于做好2024年政务公开工作的通知》要求编制。")])
    assert other is None


def test_a_verb_before_the_name_in_a_self_reference_is_not_the_name():
    # 依法按时完成长通街道2024年政府信息公开年度报告 (blind batch 5): the agency is 长通街道
    texts = [("overall", "依法按时完成长通街道2024年政府信息公开年度报告，并在区政府网站公布。")]
    claim = identity.infer_agency(texts)
    assert claim is not None and claim.name.text == "长通街道"


@pytest.mark.parametrize("m, own, want", [
    (("宁国市",), ("铜陵市", "郊区"), "sibling"),      # not our district's city, nor inside a district
    (("昆山市",), ("苏州市",), "within"),             # a 县级市 inside our 市, as the division codes say
    (("灵武市",), ("贺兰县",), "sibling"),            # two counties of 银川市 (第一百七十三批)
    (("长沙市",), ("华容县",), "sibling"),            # another city of 湖南 than the one holding 华容县
    (("岳阳市",), ("华容县",), "above"),
    (("铜陵市",), ("铜陵市", "郊区"), "above"),
    # a development zone's short name (batch 18, pg_jdz_gxq_2019: the report called itself so)
    (("景德镇市高新区",), ("景德镇", "高新技术产业开发区"), "same"),
    (("遂宁经开区",), ("遂宁经济技术开发区",), "same"),
    # a banner's short name (batch 19, pg_kyzq_2023: 科右中旗 in the report of 科尔沁右翼中旗)
    (("科右中旗",), ("科尔沁右翼中旗",), "same"),
    (("兴安盟", "科右中旗"), ("兴安盟", "科尔沁右翼中旗"), "same"),
    (("兴安盟", "科右前旗"), ("兴安盟", "科尔沁右翼中旗"), "sibling"),
])
def test_place_of_the_level_of_one_of_ours(m, own, want):
    """A 市 other than the city our district is in is another place; a 市 beside a 市 of ours is
    told by the national division codes where both are in them (it may be a county-level city
    inside it)."""
    from drafting.identity import place_relation
    assert place_relation(m, own) == want


def test_a_quantifier_before_an_organs_kind_is_no_place():
    # 东城区城管委 2019 (第七十九批): 「全部街道通过北京市垃圾分类示范区验收」 made the report 「全部街道」's
    for s in ("全部街道", "所有乡镇", "相关部门", "各个街道"):
        assert parse_name(s, strict=False) is None, s
    assert parse_name("全州县人民政府") is not None          # a place that opens with 全 is still one
    claim = identity.infer_agency([("overall", "全部街道通过北京市垃圾分类示范区验收。")])
    assert claim is None or "全部" not in claim.name.text


def test_a_list_word_run_into_a_name_is_no_place():
    # 五凤街道 2021 (第四百零一批): 「…包括鼓楼区五凤街道办事处2020年政府信息公开工作年度报告」 gave the agency
    # 「包括鼓楼区五凤街道办事处」; the contact line names it whole
    for s in ("包括鼓楼区五凤街道办事处", "以及青禾市民政局", "公开青禾市民政局"):
        assert parse_name(s, strict=False) is None, s
    assert parse_name("包头市人民政府") is not None
    claim = identity.infer_agency([("preamble", "主动公开信息12条，包括鼓楼区五凤街道办事处2020年政府信息公开工作年度报告。"
                                                "如有疑问，可与福州市鼓楼区五凤街道办事处联系。")])
    assert claim is not None and claim.name.text == "福州市鼓楼区五凤街道办事处"


def test_the_contact_office_of_a_government_is_the_agency_of_a_report_that_says_我办():
    # 溧水区政府办 2025 (第八十五批): 「请联系南京市溧水区人民政府办公室」 with 「我办持续完善…」 was read as
    # the district government's report (and S008 asked for a government's 考核/评议/追究)
    texts = [("preamble", "如对本年报有任何疑问，请联系南京市某水区人民政府办公室，电话：0000。"),
             ("overall", "2025年，我办持续完善政府信息主动公开工作。")]
    assert identity.infer_agency(texts).name.text == "南京市某水区人民政府办公室"
    # a government's own report names its office as the contact, and says 我区
    texts[1] = ("overall", "2025年，我区持续完善政府信息主动公开工作。")
    assert identity.infer_agency(texts).name.text == "南京市某水区人民政府"


def test_a_regions_pooled_report_sentence_in_a_towns_report_is_another_agencys():
    # 永春县仙夹镇 2019 (第八十九批): 「本年度报告是根据…规定,由泉州市人民政府办公室综合各县(市、区)人民政府,
    # 结合我镇…编制而成」 — the city's sentence for its pooled report: another agency named as the doer
    head = "永春县某夹镇2019年政府信息公开工作年度报告\n"
    pre = ("本年度报告是根据《中华人民共和国政府信息公开条例》规定，由泉州市人民政府办公室综合各县（市、区）人民政府，"
           "结合我镇政府信息公开工作有关统计数据编制而成。\n")
    text = head + pre + document(tab_table).split("\n", 1)[1]
    found = [f for f in validate(ingest_bytes(text.encode(), "r.txt").report) if f.code == "I001" and "泉州" in f.message]
    assert [f.severity for f in found] == ["error"], found
    # compiled by a superior's office without pooling the region's reports: may be so, a warning
    text2 = text.replace("综合各县（市、区）人民政府，结合我镇政府信息公开工作有关统计数据编制而成", "编制")
    found2 = [f for f in validate(ingest_bytes(text2.encode(), "r.txt").report) if f.code == "I001" and "泉州" in f.message]
    assert [f.severity for f in found2] == ["warning"], found2


def test_an_office_inside_a_town_government_is_not_the_agency():
    # 两城镇 2020, 杨村镇 2024: 「由两城镇人民政府党政办公室编制」 — the town's report
    assert identity.clean_claim("两城镇人民政府党政办公室") == "两城镇人民政府"
    assert identity.clean_claim("某某街道办事处党政综合办公室") == "某某街道办事处"
    assert identity.clean_claim("溧水区人民政府办公室") == "溧水区人民政府办公室"


def test_a_pronoun_in_the_contact_line_names_no_agency():
    # 水江镇 2024 (第九十二批): 「请与我镇人民政府办公室联系」 made the report 「我镇人民政府」's
    claim = identity.infer_agency([("preamble", "如对本报告有疑问，请与我镇人民政府办公室联系。")])
    assert claim is None or not claim.name.text.startswith("我")


def test_an_adverb_and_a_verb_are_no_place():
    # 鸿山镇 2021 (第九十六批): 「主要公开镇政府贯彻落实国家关于…」 made the report 「主要公开镇政府」's
    claim = identity.infer_agency([("overall", "主要公开镇政府贯彻落实国家关于乡村振兴的决策部署情况。"),
                                   ("other", "如有疑问，请与石狮市某山镇党政办联系。")])
    assert claim is not None and claim.name.text == "石狮市某山镇"


def test_a_zones_name_without_its_citys_short_name_is_its_own():
    # 绍兴滨海新区管委会 2019 (第九十四批): 「滨海新区在门户网站上主动公开…」 was warned as another agency
    assert identity._comp_match("滨海新区", "绍兴滨海新区") and identity._comp_match("绍兴滨海新区", "滨海新区")
    assert not identity._comp_match("成都高新区", "西安高新区")


def test_the_office_that_compiled_a_report_is_not_its_agency_unless_the_report_speaks_as_it():
    # 盐城市 2023, 浦口区教育局 2024 (第一百零二、一百零五批): 「本报告由XX办公室编制」 made the office the agency
    pre = ("preamble", "本报告由某城市人民政府办公室编制。")
    assert identity.infer_agency([pre, ("overall", "全市共受理申请5件。")]).name.text == "某城市人民政府"
    bureau = ("preamble", "本报告由南京市某口区教育局办公室编制。")
    assert identity.infer_agency([bureau, ("overall", "区教育局共受理申请3件。")]).name.text == "南京市某口区教育局"
    # …but a report that speaks as the office (我办; 市政府办公室 doing the work) is the office's own
    assert identity.infer_agency([pre, ("overall", "2025年，我办持续完善公开工作。")]).name.text == "某城市人民政府办公室"
    assert identity.infer_agency([pre, ("overall", "某城市人民政府办公室深入贯彻条例。")]).name.text == "某城市人民政府办公室"


def test_a_bare_inferred_name_takes_the_place_the_prose_writes_it_with():
    """延边州政务服务局 2021 (第三百六十一批): inferred from 请与州政务服务…局办公室联系 as 「州…局」,
    while the prose writes 延边州政务服务…局 — its own site then read as another body's (an I001
    warning). The placed form is taken when the prose writes the name with one place only."""
    text = ("电子版可在黔东南州数据资源和政务服务管理局网站下载。如有疑问，请与州数据资源和政务服务管理局办公室联系。"
            "2024年，黔东南州数据资源和政务服务管理局扎实推进政府信息公开工作。")
    claim = identity.infer_agency([("preamble", text)])
    assert claim is not None and claim.name.text == "黔东南州数据资源和政务服务管理局"
    # two places written with the name: which one is meant cannot be told, the bare name stays
    two = text + "另，黔南州数据资源和政务服务管理局来我州交流。"
    claim = identity.infer_agency([("preamble", two)])
    assert claim is not None and claim.name.text == "州数据资源和政务服务管理局"


def test_a_copy_opening_with_its_basis_and_the_compiler():
    # 「根据《条例》…等信息公开相关文件要求,由福州市长乐区人民政府吴航街道办事处编制而成。」 (第三百八十一批): the
    # page's first sentence, 本报告 left out; the body was not found at all
    text = ("根据《中华人民共和国政府信息公开条例》及《青禾市人民政府办公室关于印发2024年全区政务公开工作要点的通知》"
            "等信息公开相关文件要求,由青禾市云溪区人民政府东湖街道办事处编制而成。报告全文由总体情况等六个部分组成。")
    claims = list(identity.self_references(text))
    assert [c.name.text for c in claims] == ["青禾市云溪区人民政府东湖街道办事处"]


def test_a_line_opening_with_the_bodys_own_leading_group():
    # 「北京市东城区人民政府外事办公室政府信息公开工作领导小组由我办主要领导担任组长」 (第三百八十三批): the
    # body's own group, headed by its own leaders (我办); the body was not found at all
    text = "一、总体情况\n1.组织领导\n青禾市云溪区人民政府外事办公室政府信息公开工作领导小组由我办主要领导担任组长。"
    assert [c.name.text for c in identity.self_references(text)] == ["青禾市云溪区人民政府外事办公室"]
    # the district's group, in a bureau's report, headed by the district's leaders: no claim
    other = "一、总体情况\n青禾市云溪区政务公开领导小组由区政府分管领导担任组长。"
    assert list(identity.self_references(other)) == []


def test_a_supply_cooperatives_union_is_an_organ():
    # 「现向社会公布陈仓区供销联社2021年…报告」, 「本报告由临沂市供销合作社联合社…编制」 (第四百一十八批): the
    # names were not read as organs, and both reports were left 「未识别的机关」
    for text, name in (("现向社会公布青禾县供销联社2021年政府信息公开工作年度报告。", "青禾县供销联社"),
                       ("本报告由青禾市供销合作社联合社按照《条例》要求编制。", "青禾市供销合作社联合社")):
        assert [c.name.text for c in identity.self_references(text)] == [name]
    # (a 社 of another kind is still no organ: 新华社, 出版社)
    assert parse_name("青禾市出版社", strict=False) is None


def test_a_subjects_fuller_name_with_its_place_is_preferred():
    """乳山市城区街道 2025 (第四百三十六批): the first subject, 城区街道办事处坚持…, was taken as the body
    while other clauses write 乳山市城区街道办事处 — the same body with its city before it."""
    text = ("城南街道办事处坚持以公开为常态，围绕群众关切做好公开工作。"
            "2025年，青禾市城南街道办事处通过门户网站主动公开政府信息103条。")
    claim = identity.infer_agency([("overall", text)])
    assert claim is not None and claim.name.text == "青禾市城南街道办事处"
