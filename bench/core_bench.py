"""Benchmark: validator, lint of the published samples, offline draft, export, store, app rerun.

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
    example = load_report(ROOT / "fixtures" / "reports" / "example.yaml")
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

    offline = provider_from_settings(kind="offline")
    t = timed(lambda: draft_report(example, offline), 5)
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


if __name__ == "__main__":
    main()
