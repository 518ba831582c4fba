"""Reading a filled-in Excel template back into the report, within bounds.

Before pandas sees the workbook, one streaming pass with openpyxl checks what a small upload
could otherwise hide: the file's size and the zip's unpacked size (drafting.limits), the rows
and columns of each sheet, and formula cells that carry no computed result. A workbook written
by a script (openpyxl, pandas) stores formulas without results; read as values they are blank,
and figures used to turn silently into 未填. Such a cell is now an error naming it, and the
report keeps what it had there.

Problems with the whole file (not a workbook, a sheet or column missing, rows not those of the
template) raise ``XlsxError`` before anything is changed; problems with single cells are
returned as Chinese messages and those cells are left as they were.
"""
from __future__ import annotations

import io
import zipfile

from . import limits
from .errors import InputError
from .model import Report


class XlsxError(InputError):
    """The workbook as a whole cannot be imported; nothing was changed."""

    code = "xlsx"


def _invalid() -> XlsxError:
    return XlsxError("上传的文件不是有效的 Excel（.xlsx）文件。", code="xlsx.invalid")


def _check_package(data: bytes) -> None:
    limits.check("xlsx_bytes", len(data))
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _invalid() from None
    limits.check("xlsx_unpacked_bytes", sum(i.file_size for i in infos))


def _column_letter(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def _scan(data: bytes, sheets: list[str]) -> dict[str, set[tuple[int, int]]]:
    """Bounds on the rows and columns of the sheets that are read (表二/三/四; a clerk's own 说明
    sheet is never opened, read-only mode does not parse it), and the formula cells that have no
    cached result, per sheet, as (row, column) numbered from 1."""
    import openpyxl
    max_rows, max_cols = limits.limit("xlsx_rows"), limits.limit("xlsx_cols")
    try:
        formulas_wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        values_wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:      # openpyxl raises many types for a damaged workbook
        raise _invalid() from None
    missing: dict[str, set[tuple[int, int]]] = {}
    try:
        for name in [n for n in formulas_wb.sheetnames if n in sheets]:
            f_rows = formulas_wb[name].iter_rows()
            v_rows = values_wb[name].iter_rows()
            for r, (f_row, v_row) in enumerate(zip(f_rows, v_rows), start=1):
                if r > max_rows:
                    raise limits.exceeded("xlsx_rows", max_rows, f"工作表「{name}」的行数")
                for c, (f_cell, v_cell) in enumerate(zip(f_row, v_row), start=1):
                    if c > max_cols:
                        raise limits.exceeded("xlsx_cols", max_cols, f"工作表「{name}」的列数")
                    if getattr(f_cell, "data_type", None) == "f" and getattr(v_cell, "value", None) is None:
                        missing.setdefault(name, set()).add((r, c))
    except limits.LimitExceeded:
        raise
    except Exception:
        raise _invalid() from None
    finally:
        formulas_wb.close()
        values_wb.close()
    return missing


def import_xlsx(report: Report, data: bytes) -> list[str]:
    """Fill the report's tables from a filled-in template; returns Chinese errors for the cells
    that were not read (they keep their value). Raises XlsxError or LimitExceeded when the
    workbook cannot be imported at all, before changing anything."""
    import pandas as pd

    from .workflow import SHEETS, apply_grid, grid
    _check_package(data)
    formulas = _scan(data, list(SHEETS.values()))
    try:
        book = pd.read_excel(io.BytesIO(data), sheet_name=None, engine="openpyxl")
    except (zipfile.BadZipFile, ValueError, KeyError, OSError):
        raise _invalid() from None
    structure: list[str] = []
    frames = {}
    for table, sheet in SHEETS.items():
        if sheet not in book:
            structure.append(f"Excel 文件缺少工作表「{sheet}」。")
            continue
        df = book[sheet]
        expected = grid(report, table)
        if table == "applications":
            if df.shape[1] == 0:
                structure.append(f"工作表「{sheet}」是空的。")
                continue
            df = df.set_index(df.columns[0])
            labels = [str(x) for x in df.index]
            want = [str(x) for x in expected.index]
            missing_cols = [c for c in expected.columns if c not in df.columns]
            if missing_cols:
                structure.append(f"工作表「{sheet}」缺少列：{'、'.join(missing_cols)}。")
                continue
        else:
            if "数值" not in df.columns:
                structure.append(f"工作表「{sheet}」缺少「数值」列。")
                continue
            labels = [" ".join(str(v) for v in row) for row in df.iloc[:, :-1].itertuples(index=False)]
            want = [" ".join(str(v) for v in row) for row in expected.iloc[:, :-1].itertuples(index=False)]
        if labels != want:
            structure.append(f"工作表「{sheet}」的行与模板不一致，请使用本系统下载的模板填写。")
            continue
        frames[table] = df
    if structure:
        raise XlsxError(structure, code="xlsx.structure")
    errors: list[str] = []
    for table, sheet in SHEETS.items():
        df = frames[table].astype(object)   # room for the current values put back below
        for r, c in sorted(formulas.get(sheet, ())):
            where = _keep_current(report, table, df, r, c)
            if where is not None:
                errors.append(f"工作表「{sheet}」{_column_letter(c)}{r} 单元格{where}是公式，但文件中没有保存计算结果"
                              "（由程序生成的表格常见），未读入；请在 Excel 或 WPS 中打开并保存后重新导入，或直接填写数值。")
        errors.extend(f"工作表「{sheet}」：{e}" for e in apply_grid(report, table, df))
    return errors


def _keep_current(report: Report, table: str, df, r: int, c: int) -> str | None:
    """Put the report's current value back at sheet position (r, c) so the import leaves the
    cell as it was; returns the cell's label, or None when (r, c) is not a data cell."""
    spec = report.template.tables[table]
    i = r - 2                                  # row 1 is the header
    if i < 0 or i >= len(df):
        return None
    if table == "applications":
        j = c - 2                              # column A holds the row labels
        cols = spec.data_rows[0].columns
        if not 0 <= j < len(cols) or cols[j].label not in df.columns:
            return None
        row = spec.data_rows[i]
        cur = report.cell(table, row.key, cols[j].key)
        df.iloc[i, df.columns.get_loc(cols[j].label)] = cur
        return f"（{spec.cell_label(row.key, cols[j].key)}）"
    if c != df.columns.get_loc("数值") + 1:
        return None
    cells = [(rw.key, col.key) for rw in spec.data_rows for col in rw.columns]
    if i >= len(cells):
        return None
    row_key, col_key = cells[i]
    df.iloc[i, df.columns.get_loc("数值")] = report.cell(table, row_key, col_key)
    return f"（{spec.cell_label(row_key, col_key)}）"


__all__ = ["XlsxError", "import_xlsx"]
