"""Bounds on what is read (issue 14, items 2, 6, 9, 10): each test reproduces an attack that
once hung, crashed or exhausted the machine, and checks it is now refused quickly with a
Chinese message naming what was too large or wrong, exit status 2 on the command line.

Attacks that used to hang run in a child process with a timeout, so that a regression fails
the test instead of hanging the suite.
"""
from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafting.cli import app
from drafting.errors import LimitExceeded, ReportLoadError
from drafting.io import loads_report
from drafting.limits import BOUNDS, limit
from drafting.model import CellError, parse_number

from .conftest import EXAMPLE, ROOT

runner = CliRunner()
EXAMPLE_TEXT = EXAMPLE.read_text("utf-8")
CELL = "new_received:        {natural_person: 18,"


def cli(*args: str, timeout: float = 30, stdin=None) -> subprocess.CompletedProcess:
    """The real command in a child process; a hang is a failure, not a stuck suite."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "COLUMNS": "200"}
    env.pop("OPENAI_API_KEY", None)
    return subprocess.run([sys.executable, "-m", "drafting.cli", *args], capture_output=True, text=True,
                          timeout=timeout, env=env, stdin=stdin)


def with_cell(value: str, cell: str = CELL) -> str:
    assert cell in EXAMPLE_TEXT
    return EXAMPLE_TEXT.replace(cell, cell.split("{")[0] + "{natural_person: " + value + ",")


# -- item 2: cell values are checked on the string before any conversion --------------------------
def test_exponent_cell_does_not_hang_validate(tmp_path):
    f = tmp_path / "r.yaml"
    f.write_text(with_cell("1e999999999"), "utf-8")
    t = time.perf_counter()
    r = cli("validate", str(f), timeout=30)
    assert time.perf_counter() - t < 25
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    assert "表三「一、本年新收政府信息公开申请数量」自然人" in r.stderr
    assert "数值过大" in r.stderr


@pytest.mark.parametrize("value", ["1e99999", "1e999999999", "9" * 5000, "1" + "0" * 14, "-1e20",
                                   "1e+13", "0.0000001e20"])
def test_huge_cell_values_are_refused_with_the_cell_named(value):
    t = time.perf_counter()
    with pytest.raises(ReportLoadError) as e:
        loads_report(with_cell(value))
    assert time.perf_counter() - t < 1
    msg = "\n".join(e.value.errors)
    assert "表三「一、本年新收政府信息公开申请数量」自然人" in msg
    assert len(msg) < 300                         # the value is not echoed in full


@pytest.mark.parametrize("kind", ["int", "signed_int", "decimal"])
@pytest.mark.parametrize("value", ["1e999999999", "1E999999999", "-1e999999999", "1e-999999999",
                                   Decimal("1e999999999"), Decimal("1e-999999999"), "１ｅ９９９９９９９９９"])
def test_parse_number_refuses_extreme_exponents_quickly(kind, value):
    t = time.perf_counter()
    with pytest.raises(ValueError) as e:
        parse_number(value, kind)
    assert time.perf_counter() - t < 0.1
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(e.value))


def test_fee_cell_overflow_is_a_cell_error_not_decimal_overflow(example):
    with pytest.raises(CellError) as e:
        example.set_cell("active_disclosure", "fees", "fee_amount", "1e999999999")
    assert "收费金额" in str(e.value) or "fee" not in str(e.value)
    assert "数值过大" in str(e.value)


@pytest.mark.parametrize("value,kind,expected", [
    ("1e3", "int", 1000), ("1.5e1", "int", 15), ("12", "int", 12), ("000000000000000000012", "int", 12),
    ("3.62", "decimal", Decimal("3.62")), ("3.620000", "decimal", Decimal("3.620000")),
    ("1,234", "int", 1234), ("１２", "int", 12), ("-3", "signed_int", -3), ("1000000000000", "int", 10**12),
    ("3.62万元", "decimal", Decimal("3.62")), (".5", "decimal", Decimal("0.5")),
])
def test_ordinary_values_still_read(value, kind, expected):
    assert parse_number(value, kind) == expected


def test_too_many_decimals_named(example):
    with pytest.raises(CellError) as e:
        example.set_cell("active_disclosure", "fees", "fee_amount", "0." + "1" * 7)
    assert "小数" in str(e.value)


def test_yaml_integer_past_pythons_digit_limit_names_the_cell():
    # PyYAML turns a plain scalar of 5000 digits into int(...), which Python refuses (4300 digits)
    with pytest.raises(ReportLoadError) as e:
        loads_report(with_cell("9" * 5000))
    assert "自然人" in "".join(e.value.errors)


def test_grid_cell_string_exponent_is_a_cell_error(example):
    with pytest.raises(CellError) as e:
        example.set_cell("applications", "granted", "total", "1e999999999")
    assert "总计" in str(e.value)


def test_grid_float_infinity_and_huge_values(example):
    import pandas as pd
    from drafting import workflow
    df = workflow.grid(example, "applications").astype("Float64")
    df.iloc[0, 0] = float("inf")
    df.iloc[1, 0] = 1e300
    errors = workflow.apply_grid(example, "applications", df)
    assert len(errors) == 2 and all("自然人" in e for e in errors)
    assert pd.notna(df.iloc[2, 0])
