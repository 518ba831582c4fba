"""Benchmark: validator, lint of the published samples, PDF and OCR ingest, offline draft, export,
store, app rerun.

Prints figures only; nothing here is asserted. Run with ``make bench`` (with the drafting
benchmark, bench/draft_bench.py).
"""
from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafting.engine import draft_report, provider_from_settings  # noqa: E402
from drafting.export import export_bytes  # noqa: E402
from drafting.ingest import ingest_path  # noqa: E402
from drafting.io import load_report  # noqa: E402
from drafting.resources import EXAMPLE_REPORT  # noqa: E402
from drafting.store import Store  # noqa: E402
from drafting.validator import validate  # noqa: E402


def timed(fn, n: int) -> float:
    """Median seconds of n runs."""
    runs = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def main() -> None:
    print(f"机器：{platform.machine()}，{os.cpu_count()} 核，Python {platform.python_version()}，{platform.system()}")
    example = load_report(EXAMPLE_REPORT)
    seed = load_report(ROOT / "fixtures" / "reports" / "seed_xingqing_kjj_2019.yaml")
    validate(example)   # warm-up: imports and compiled patterns
    for name, rep in (("示例报告", example), ("兴庆区科技局2019", seed)):
        t = timed(lambda: validate(rep), 20)
        print(f"校验 {name}：每份 {t * 1000:.1f} 毫秒（{1 / t:.0f} 份/秒）")

    samples = sorted((ROOT / "fixtures" / "published").glob("*.txt"))
    per = []
    for p in samples:
        t = timed(lambda p=p: validate(ingest_path(p).report), 5)
        per.append(t)
        print(f"读取并检查 {p.name}：{t * 1000:.1f} 毫秒")
    total = sum(per)
    print(f"已发布样本 {len(samples)} 份：平均每份 {total / len(samples) * 1000:.1f} 毫秒（{len(samples) / total:.1f} 份/秒）")

    pdf_and_ocr()

    offline = provider_from_settings(kind="offline")
    t = timed(lambda: draft_report(example, offline, lead_ins=True), 5)
    print(f"离线起草全部六个部分：{t * 1000:.0f} 毫秒")

    for fmt in ("docx", "html", "md", "json"):
        t = timed(lambda fmt=fmt: export_bytes(example, fmt), 5)
        print(f"导出 {fmt}：{t * 1000:.0f} 毫秒")

    with tempfile.TemporaryDirectory() as d:
        store = Store(f"sqlite:///{d}/b.db")
        rid = store.create(example)

        def save_once():
            rep, v = store.get(rid)
            rep.facts.notes.setdefault("other", []).append("x")
            store.save(rid, rep, v)
        t = timed(save_once, 30)
        print(f"数据库（SQLite）读取并保存一份报告：{t * 1000:.1f} 毫秒")

        os.environ["DATABASE_URL"] = f"sqlite:///{d}/b.db"
        from streamlit.testing.v1 import AppTest
        from drafting.webui import nav
        for page in ("概览", "数据填报", "校验", "修改", "导出"):
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
            at.session_state["report_id"] = rid
            at.run()
            at.switch_page(str(nav.by_title(page).path.relative_to(ROOT))).run()
            t = timed(lambda at=at: at.run(), 5)
            print(f"应用页面「{page}」重新运行（完整报告）：{t * 1000:.0f} 毫秒")


def pdf_and_ocr() -> None:
    """PDF ingest per page: the text layer (own LibreOffice render, real published PDFs) and
    OCR of the scan (fixtures/pdf/example_scan.pdf), with how many figures the scan gave back."""
    from drafting.ingest import ocr
    from drafting.ingest.pdf import open_pdf

    def pages(p: Path) -> int:
        doc = open_pdf(p.read_bytes())
        try:
            return len(doc)
        finally:
            doc.close()

    texts = [ROOT / "fixtures" / "pdf" / "example.pdf", ROOT / "fixtures" / "pdf" / "seed.pdf",
             *sorted((ROOT / "fixtures" / "corpus" / "reports").glob("*.pdf"))]
    ingest_path(texts[0])   # warm-up: PDFium and the format data
    total_t = total_p = 0.0
    for p in texts:
        n = pages(p)
        t = timed(lambda p=p: ingest_path(p), 3)
        total_t += t
        total_p += n
        print(f"读取 PDF（文字层）{p.name}：{n} 页，每页 {t / n * 1000:.0f} 毫秒")
    print(f"PDF 文字层平均每页 {total_t / total_p * 1000:.0f} 毫秒")
    scan = ROOT / "fixtures" / "pdf" / "example_scan.pdf"
    if ocr.tessdata_dir() is None:
        print("扫描件文字识别：未安装 Tesseract 中文数据，跳过")
        return
    ocr.engine()         # load the models once, as a long-running app does
    n = pages(scan)
    t0 = time.perf_counter()
    got = ingest_path(scan)
    t = time.perf_counter() - t0
    truth = ingest_path(ROOT / "fixtures" / "pdf" / "example.docx").report
    same = unsure = wrong = 0
    for tkey, spec in truth.template.tables.items():
        for r in spec.data_rows:
            for c in r.columns:
                want, have = truth.cell(tkey, r.key, c.key), got.report.cell(tkey, r.key, c.key)
                if have == want:
                    same += 1
                elif have is None:
                    unsure += 1
                else:
                    wrong += 1
    print(f"扫描件文字识别 {scan.name}：{n} 页，每页 {t / n:.1f} 秒；表格 {same + unsure + wrong} 格："
          f"读出相同 {same}，报告为无法确定 {unsure}，读错 {wrong}；正文数字无法确定 "
          f"{sum(1 for p in got.report.problems if p.table is None)} 处")


if __name__ == "__main__":
    main()
