"""Fuzzing every reader and the command line, bounded in time.

    make fuzz                                        # every target, FUZZ_SECONDS in all (300)
    python -m tests.fuzz --seconds 60 --target html  # one target
    python -m tests.fuzz --seed 7                    # another sequence of inputs

``make test`` runs all targets with a small fixed budget (tests/test_fuzz.py).

Each target draws inputs with hypothesis and checks what every reader owes its user: it
succeeds, or it raises a typed error (drafting.errors.DraftingError) whose messages are
Chinese; never another exception, never a hang. A target runs chunks of examples, each chunk
with its own seed, until its share of the time is spent. Every example runs under a watchdog
(faulthandler, which works even when a C routine holds the interpreter): an example that takes
longer than PER_EXAMPLE seconds dumps the stack of where it hung and ends the run with status 1.
A failing example is shrunk by hypothesis and printed with the target and seed that found it.
"""
from __future__ import annotations

import argparse
import faulthandler
import io
import os
import sys
import tempfile
import time
import traceback
import zipfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hseed
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
sys.path.insert(0, str(ROOT))
from drafting.resources import EXAMPLE_REPORT as EXAMPLE  # noqa: E402  (shipped in the package)
EXAMPLE_TEXT = EXAMPLE.read_text("utf-8")
PUBLISHED = sorted((FIXTURES / "published").glob("*.txt"))
PER_EXAMPLE = float(os.environ.get("FUZZ_PER_EXAMPLE", "30"))
CHUNK = 10

# Pieces that broke readers before, or come close to a bound: spliced into otherwise sane input.
NASTY = ["1e999999999", "1e99999", "-1e-999999999", "9" * 5000, "0." + "1" * 30, "１ｅ９９", "NaN", ".inf",
         "[" * 60, "{" * 60, "&a [*a, *a]", "*a", "!!python/object/apply:os.system ['true']", "\x00", "\ufeff",
         "\u200b", "\u202e", "2024-13-45", "0x1F", "1_000", "'", '"', "\t", "? ", "- ", ": ", "|", "\\",
         "一、总体情况", "表三", "（七）总计", "自然人", "640020470", "\r", "\n" * 5, "　", "\ud7ff", "🙂"]


def is_chinese(messages) -> bool:
    return bool(messages) and all(any("\u4e00" <= ch <= "\u9fff" for ch in m) for m in messages)


def typed_or_ok(fn, *args, **kwargs):
    """Call a reader: its result, or None after a typed error whose messages are Chinese."""
    from drafting.errors import DraftingError
    try:
        return fn(*args, **kwargs)
    except DraftingError as e:
        assert is_chinese(e.errors), f"error without a Chinese message: {e.errors!r}"
        return None


def splice(base: str, draws: list[tuple[int, str, int]]) -> str:
    """Insert, replace or delete around positions of ``base``."""
    s = base
    for pos, piece, op in draws:
        i = pos % (len(s) + 1)
        if op == 0:
            s = s[:i] + piece + s[i:]
        elif op == 1:
            s = s[:i] + piece + s[i + len(piece):]
        else:
            s = s[:i] + s[i + len(piece) * 3:]
    return s


edits = st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(NASTY) | st.text(max_size=12),
                           st.integers(0, 2)), max_size=6)


# -- targets ------------------------------------------------------------------------------------
def t_yaml(draws):
    from drafting.io import dumps_report, loads_report
    rep = typed_or_ok(loads_report, splice(EXAMPLE_TEXT, draws))
    if rep is not None:
        assert loads_report(dumps_report(rep)) == rep


cell_inputs = st.one_of(
    st.text(alphabet="0123456789eE+-.,，０１２万元 ", max_size=40),
    st.sampled_from(NASTY),
    st.integers(-(10**40), 10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.builds(lambda m, e: Decimal(f"{m}e{e}"), st.integers(-99, 99), st.integers(-(10**9), 10**9)),
)


def t_cells(value, kind):
    from drafting.limits import limit
    from drafting.model import parse_number
    t = time.perf_counter()
    try:
        v = parse_number(value, kind)
    except ValueError as e:
        assert is_chinese([str(e)]) and len(str(e)) < 200, str(e)[:300]
    else:
        assert v is None or (isinstance(v, (int, Decimal)) and abs(v) <= limit("cell_value"))
    assert time.perf_counter() - t < 0.5


def t_text(index, draws):
    from drafting.ingest import ingest_bytes
    base = PUBLISHED[index % len(PUBLISHED)].read_text("utf-8")
    typed_or_ok(ingest_bytes, splice(base, draws).encode("utf-8", "surrogatepass"), "x.txt")


span = st.sampled_from(["1", "2", "0", "-1", "", "abc", "100", "1e9", "99999999999", " 3 ", "2.5"])
cell_html = st.builds(lambda t, r, c, tag: f'<{tag} rowspan="{r}" colspan="{c}">{t}</{tag}>',
                      st.sampled_from(NASTY) | st.text(max_size=8), span, span, st.sampled_from(["td", "th"]))
row_html = st.lists(cell_html, max_size=8).map(lambda cs: "<tr>" + "".join(cs) + "</tr>")
table_html = st.lists(row_html, max_size=12).map(lambda rs: "<table>" + "".join(rs) + "</table>")
block_html = st.one_of(
    st.text(max_size=30).map(lambda t: f"<p>{t}</p>"), table_html,
    table_html.map(lambda t: f"<table><tr><td>{t}</td></tr></table>"),      # a layout table
    st.sampled_from(["<script>一、总体情况</script>", "<style>p{}</style>", "<!--", "<![CDATA[", "</table>",
                     "</td>", "<tr>", "<td>", "&#xffffff;", "&amp", "<br/>", "<p>一、总体情况</p>",
                     "<title>某某县教育局2024年政府信息公开工作年度报告</title>"]),
)


def t_html(blocks):
    from drafting.ingest import ingest_bytes
    page = "<html><body><p>某某县教育局2024年政府信息公开工作年度报告</p>" + "".join(blocks) + "</body></html>"
    typed_or_ok(ingest_bytes, page.encode("utf-8", "surrogatepass"), "x.html")


_DOCX_BASE: dict = {}


def _docx_base():
    if not _DOCX_BASE:
        import docx
        d = docx.Document()
        d.add_paragraph("某某县教育局2024年政府信息公开工作年度报告")
        buf = io.BytesIO()
        d.save(buf)
        src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
        _DOCX_BASE.update({i.filename: src.read(i.filename) for i in src.infolist()})
    return _DOCX_BASE


def _xml_text(t: str) -> str:
    return "".join(ch for ch in t if ch in "\t\n\r" or 0x20 <= ord(ch) < 0xD800 or 0xE000 <= ord(ch) < 0xFFFE) \
        .replace("&", "&amp;").replace("<", "&lt;")


w_par = st.builds(lambda t, style, num: f'<w:p><w:pPr>{style}{num}</w:pPr><w:r><w:t>{_xml_text(t)}</w:t><w:tab/>'
                  f'<w:br/></w:r></w:p>',
                  st.sampled_from(NASTY) | st.text(max_size=20),
                  st.sampled_from(["", '<w:pStyle w:val="Heading1"/>', '<w:pStyle w:val="nosuch"/>']),
                  st.sampled_from(["", '<w:numPr><w:numId w:val="1"/></w:numPr>']))
w_tc = st.builds(lambda t, g, v: f'<w:tc><w:tcPr>{g}{v}</w:tcPr><w:p><w:r><w:t>{_xml_text(t)}</w:t></w:r></w:p></w:tc>',
                 st.sampled_from(NASTY) | st.text(max_size=6),
                 st.sampled_from(["", '<w:gridSpan w:val="2"/>', '<w:gridSpan w:val="0"/>', '<w:gridSpan w:val="9999"/>']),
                 st.sampled_from(["", '<w:vMerge w:val="restart"/>', "<w:vMerge/>"]))
w_tbl = st.lists(st.lists(w_tc, min_size=1, max_size=6).map(lambda cs: "<w:tr>" + "".join(cs) + "</w:tr>"),
                 max_size=10).map(lambda rs: '<w:tbl><w:tblGrid><w:gridCol w:w="100"/></w:tblGrid>' + "".join(rs) + "</w:tbl>")
w_block = st.one_of(w_par, w_tbl, w_par.map(lambda p: f"<w:sdt><w:sdtContent>{p}</w:sdtContent></w:sdt>"))


def t_docx(blocks, corrupt):
    from drafting.ingest import ingest_bytes
    parts = dict(_docx_base())
    xml = parts["word/document.xml"]
    i = xml.index(b"<w:sectPr")
    parts["word/document.xml"] = xml[:i] + "".join(blocks).encode("utf-8") + xml[i:]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    raw = bytearray(buf.getvalue())
    for pos, byte in corrupt:
        raw[pos % len(raw)] = byte
    typed_or_ok(ingest_bytes, bytes(raw), "x.docx")


xlsx_values = st.one_of(st.sampled_from(NASTY), st.integers(-(10**20), 10**20), st.floats(), st.booleans(),
                        st.sampled_from(["=1+1", "=SUM(B2:G2)", "=A1", "=1/0", "=" + "1+" * 100 + "1"]),
                        st.text(max_size=10))


def t_xlsx(puts, drop, corrupt):
    import openpyxl
    from openpyxl.utils.exceptions import IllegalCharacterError

    from drafting.io import loads_report
    from drafting.spreadsheet import import_xlsx
    from drafting.workflow import xlsx_template
    rep = loads_report(EXAMPLE_TEXT)
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_template(rep)))
    for sheet, r, c, v in puts:
        ws = wb[wb.sheetnames[sheet % len(wb.sheetnames)]]
        try:
            ws.cell(row=r, column=c, value=v)
        except (ValueError, TypeError, IllegalCharacterError):      # openpyxl refuses some values itself
            pass
    if drop is not None and len(wb.sheetnames) > 1:
        del wb[wb.sheetnames[drop % len(wb.sheetnames)]]
    buf = io.BytesIO()
    wb.save(buf)
    raw = bytearray(buf.getvalue())
    for pos, byte in corrupt:
        raw[pos % len(raw)] = byte
    before = rep.model_copy(deep=True)
    errors = typed_or_ok(import_xlsx, rep, bytes(raw))
    if errors is None:
        assert rep == before, "a refused workbook changed the report"
    else:
        assert all(is_chinese([e]) for e in errors)


def t_markdown(text):
    from markdown_it import MarkdownIt

    from drafting.export.markdown import markdown_text
    from drafting.io import loads_report
    rep = loads_report(EXAMPLE_TEXT)
    rep.sections["overall"].text = text
    html = MarkdownIt("commonmark").render(markdown_text(rep))
    for bad in ("<a ", "<img", "<script", "<iframe"):
        assert bad not in html, (bad, html[:500])


md_text = st.lists(st.sampled_from(["[", "]", "(", ")", "!", "<", ">", "javascript:alert(1)", "http://x", "*", "_",
                                    "`", "\\", "\n", "\n\n", ": ", "#", "&", "|", "~", "文字", " "]) | st.text(max_size=5),
                   max_size=40).map("".join)


COMMANDS = st.sampled_from(["validate", "lint", "export", "new", "ingest", "xlsx", "carry-over", "limits", "rules"])


def t_cli(command, draws, year, agency, fmt, out_kind):
    from typer.testing import CliRunner

    from drafting.cli import app
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        report = d / "r.yaml"
        report.write_text(splice(EXAMPLE_TEXT, draws), "utf-8", errors="surrogatepass")
        published = d / "p.txt"
        published.write_text(splice(PUBLISHED[0].read_text("utf-8"), draws), "utf-8", errors="surrogatepass")
        out = {"file": d / "o.out", "dir": d, "deep": d / "a" / "b" / "o.out"}[out_kind]
        args = {
            "validate": ["validate", str(report), "--json"],
            "lint": ["lint", str(published)],
            "export": ["export", str(report), "--to", fmt, "--out", str(out)],
            "new": ["new", "--agency", agency, "--year", year, "--out", str(out)],
            "ingest": ["ingest", str(published), "--out", str(out)],
            "xlsx": ["xlsx", str(report), "--template", str(out)],
            "carry-over": ["carry-over", str(report), "--previous", str(EXAMPLE)],
            "limits": ["limits"], "rules": ["rules"],
        }[command]
        r = CliRunner().invoke(app, args)
        assert r.exception is None or isinstance(r.exception, SystemExit), \
            "".join(traceback.format_exception(r.exception))
        assert r.exit_code in (0, 1, 2), (args, r.exit_code, r.output[-500:])
        assert "Traceback" not in r.output


TARGETS = {
    "yaml": (t_yaml, (edits,)),
    "cells": (t_cells, (cell_inputs, st.sampled_from(["int", "signed_int", "decimal"]))),
    "text": (t_text, (st.integers(0, 10), edits)),
    "html": (t_html, (st.lists(block_html, max_size=12),)),
    "docx": (t_docx, (st.lists(w_block, max_size=12),
                      st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=3))),
    "xlsx": (t_xlsx, (st.lists(st.tuples(st.integers(0, 3), st.integers(1, 60), st.integers(1, 12), xlsx_values),
                               max_size=8),
                      st.none() | st.integers(0, 3),
                      st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=2))),
    "markdown": (t_markdown, (md_text,)),
    "cli": (t_cli, (COMMANDS, edits, st.sampled_from(["2024", "1999", "99999", "abc", "-1", "2021"]),
                    st.sampled_from(["某某县教育局", " ", "", "某" * 300, "局[a](javascript:x)"]),
                    st.sampled_from(["md", "html", "json", "docx", "pdf"]), st.sampled_from(["file", "dir", "deep"]))),
}


def _watched(fn):
    """The example under a watchdog: a hang dumps its stack and ends the run."""
    def run(*args):
        faulthandler.dump_traceback_later(PER_EXAMPLE, exit=True)
        try:
            fn(*args)
        finally:
            faulthandler.cancel_dump_traceback_later()
    run.__name__ = fn.__name__
    return run


def run_target(name: str, seconds: float, seed: int) -> int:
    """Run one target for ``seconds``; returns the number of examples tried."""
    fn, strategies = TARGETS[name]
    stop = time.monotonic() + seconds
    chunk = 0
    tried = [0]

    def counted(args):
        if time.monotonic() > stop:
            raise _TimeUp       # not an Exception: hypothesis lets it through and stops at once
        tried[0] += 1
        _watched(fn)(*args)
    while time.monotonic() < stop:
        test = given(st.tuples(*strategies))(counted)
        test = settings(max_examples=CHUNK, deadline=None, database=None, derandomize=False,
                        phases=(Phase.generate, Phase.shrink), suppress_health_check=list(HealthCheck),
                        print_blob=True)(test)
        try:
            hseed(seed * 100_000 + chunk)(test)()
        except _TimeUp:
            break
        chunk += 1
    return tried[0]


class _TimeUp(BaseException):
    """The target's time is spent."""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Fuzz every reader and the command line, bounded in time.")
    ap.add_argument("--seconds", type=float, default=float(os.environ.get("FUZZ_SECONDS", "300")),
                    help="time for all targets together")
    ap.add_argument("--target", action="append", choices=sorted(TARGETS), help="only these targets")
    ap.add_argument("--seed", type=int, default=int(os.environ.get("FUZZ_SEED", "0")))
    a = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    names = a.target or list(TARGETS)
    share = a.seconds / len(names)
    failed = []
    for name in names:
        t = time.monotonic()
        print(f"fuzz {name}: {share:.0f} s, seed {a.seed} …", flush=True)
        try:
            n = run_target(name, share, a.seed)
        except Exception:
            traceback.print_exc()
            print(f"fuzz {name}: FAILED (replay: python -m tests.fuzz --target {name} --seed {a.seed})", flush=True)
            failed.append(name)
            continue
        print(f"fuzz {name}: {n} examples in {time.monotonic() - t:.1f} s, all typed or fine", flush=True)
    if failed:
        print("failed targets: " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
