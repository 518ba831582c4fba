import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from drafting.cli import app
from drafting.readme import END, START
from drafting.validator import rules_markdown

from .conftest import EXAMPLE, ROOT, SEED

runner = CliRunner()


def test_validate_example_exits_0():
    r = runner.invoke(app, ["validate", str(EXAMPLE)])
    assert r.exit_code == 0, r.output
    assert "错误 0 项" in r.output


def test_validate_seed_exits_1_and_names_defects():
    r = runner.invoke(app, ["validate", str(SEED)])
    assert r.exit_code == 1
    for needle in ("兴庆区人社局", "缺少第四部分", "表三从「二、上年结转政府信息公开申请数量」到「四、结转下年度继续办理」连续22个数据行未填报", "2019"):
        assert needle in r.output


def test_validate_json_shape():
    r = runner.invoke(app, ["validate", str(EXAMPLE), str(SEED), "--json"])
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    assert [d["file"] for d in data] == [str(EXAMPLE), str(SEED)]
    assert data[0]["findings"] == []
    assert data[1]["agency"] == "银川市兴庆区科学技术局" and data[1]["year"] == 2019 and data[1]["template"] == "2019"
    f = data[1]["findings"][0]
    assert set(f) >= {"code", "severity", "message", "section", "quote"}


def test_validate_unreadable_exits_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"\x00\x01binary")
    r = runner.invoke(app, ["validate", str(bad)])
    assert r.exit_code == 2
    assert "无法读取" in r.output
    assert "Traceback" not in r.output
    r = runner.invoke(app, ["validate", str(tmp_path / "nope.yaml"), "--json"])
    assert r.exit_code == 2
    assert json.loads(r.stdout)[0]["errors"] == [f"找不到文件：{tmp_path / 'nope.yaml'}"]


def test_validate_given_a_published_report_points_to_lint(tmp_path):
    published = tmp_path / "年报.txt"
    published.write_text("某某局2024年政府信息公开工作年度报告\n一、总体情况\n2024年，本局：主动公开信息120条。\n"
                         "二、主动公开政府信息情况: [\n", encoding="utf-8")
    r = runner.invoke(app, ["validate", str(published)])
    assert r.exit_code == 2 and "drafting lint 年报.txt" in r.output


def test_new_then_validate(tmp_path):
    out = tmp_path / "n.yaml"
    r = runner.invoke(app, ["new", "--agency", "某某县教育局", "--year", "2025", "--out", str(out)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["validate", str(out)])
    assert r.exit_code == 1 and "T001" in r.output


def test_console_script_is_installed():
    exe = Path(sys.executable).parent / "drafting"
    p = subprocess.run([str(exe), "validate", str(EXAMPLE)], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr


def test_python_dash_m_runs_the_whole_command_line():
    """python -m drafting and python -m drafting.cli offer every command the drafting script does
    (run as a script, cli.py is __main__, not the module the command modules register on)."""
    for mod in ("drafting", "drafting.cli"):
        p = subprocess.run([sys.executable, "-m", mod, "lint", str(ROOT / "fixtures" / "published" /
                            "002_shuyang_county_2025.txt"), "--json"], capture_output=True, text=True, cwd=ROOT)
        assert p.returncode in (0, 1), (mod, p.stderr[-400:])
        assert isinstance(json.loads(p.stdout), (list, dict)), mod


def test_readme_rule_table_matches_registry():
    readme = (ROOT / "README.md").read_text("utf-8")
    block = readme.split(START, 1)[1].split(END, 1)[0].strip()
    assert block == rules_markdown(), "README rule table is stale: run `make rules`"


def test_usage_errors_and_help_are_chinese(tmp_path):
    out = str(tmp_path / "a.yaml")
    cases = [
        (["new", "--agency", "某局", "--year", "abc", "--out", out], "「--year」的值无效：应为整数"),
        (["new", "--agency", "某局", "--year", "2024", "--out", out, "--level", "省"],
         "「--level」的值无效：可选值为 部门、人民政府、乡镇街道"),
        (["new", "--agency", "某局", "--year", "2024"], "缺少选项「--out」"),
        (["lint", "--bogus"], "没有选项「--bogus」"),
    ]
    for args, want in cases:
        r = runner.invoke(app, args)
        assert r.exit_code == 2, (args, r.output)
        text = r.output + (r.stderr if r.stderr_bytes is not None else "")
        assert want in text, text
        assert "Invalid value" not in text and "Missing option" not in text and "No such option" not in text
        assert "用法：" in text and "Usage" not in text and "查看用法" in text
    r = runner.invoke(app, ["new", "--help"])
    assert "显示本帮助并退出" in r.output and "Show this message" not in r.output
    assert "[必填]" in r.output and "选项" in r.output and "Options" not in r.output


def test_help_names_types_and_arguments_in_chinese():
    """The usage line and the type column: no [OPTIONS], COMMAND, <str>, <bool> or list[Path]."""
    r = runner.invoke(app, ["--help"])
    assert "[选项] 命令 [参数]..." in r.output and "OPTIONS" not in r.output and "COMMAND" not in r.output
    r = runner.invoke(app, ["lint", "--help"])
    text = r.output
    assert "{文件或文件夹}..." in text and "<路径…>" in text and "<整数>" in text and "<文字>" in text
    for english in ("[OPTIONS]", "{paths}", "<bool>", "<str>", "<int>", "list[Path]", "<path>"):
        assert english not in text, english
    r = runner.invoke(app, ["new", "--help"])
    assert "<部门|人民政府|乡镇街道>" in r.output          # choices are shown as they are
