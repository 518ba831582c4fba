"""The seed report (银川市兴庆区科学技术局 2019, transcribed as published) and its real defects."""
from drafting.validator import has_errors, validate


def test_seed_findings_name_each_defect(seed):
    findings = validate(seed)
    assert has_errors(findings)
    by_code = {}
    for f in findings:
        by_code.setdefault(f.code, []).append(f)
    # another bureau's name as the doer of the work
    assert any("兴庆区人社局" in f.message for f in by_code["I001"])
    # section 四 missing
    assert any(f.section == "review_litigation" for f in by_code["S001"])
    # 表三 incomplete
    assert by_code["T001"][0].table == "applications"
    assert "22个数据行未填报" in by_code["T001"][0].message
    # plans for next year dated 2019
    assert any("2019" in f.quote for f in by_code["I002"])
    # markdown residue in 六
    assert {f.quote for f in by_code["Y002"]} == {"[登陆查询](#)", "<http://www.xqq.gov.cn/>"}


def test_seed_has_no_false_alarms_on_its_correct_parts(seed):
    codes = {f.code for f in validate(seed)}
    # its 其中… list adds up (26 = 1+1+1+9+6+3+3+2), its claim of no applications matches 表三
    assert "N001" not in codes and "N004" not in codes and "N003" not in codes
