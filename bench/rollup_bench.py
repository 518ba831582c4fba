"""Benchmark of the 政务公开办's batch work: reviewing a folder of published reports (time per
report) and rolling up a workspace. Invented units (drafting.rollup_demo); prints figures only.

    make bench                       # 200 reports and 200 last-year reports, one process, then two
    REVIEW_BENCH_N=1000 make bench   # the size of a 市 with its 县 (about 1,000 reports a year)
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafting.review import review, review_xlsx  # noqa: E402
from drafting.rollup import UnitInput, rollup  # noqa: E402
from drafting.rollup_demo import demo_units, government_name, many_units, write_published  # noqa: E402


def main() -> None:
    n = int(os.environ.get("REVIEW_BENCH_N", "200"))
    units = many_units(n)
    with tempfile.TemporaryDirectory() as d:
        t = time.perf_counter()
        files = write_published(units, d)
        print(f"生成 {len(units)} 个虚构单位的已发布报告（本年度与上年度共 {len(files)} 个文件）：{time.perf_counter() - t:.1f} 秒")
        review([Path(files[0])], 2024)     # warm-up: imports and compiled patterns
        for jobs in (1, 2):
            t = time.perf_counter()
            rv = review([d], 2024, jobs=jobs)
            s = time.perf_counter() - t
            print(f"检查 {len(rv.units)} 份报告（另读上年度报告 {len(files) - len(rv.units)} 份用于核对照搬），"
                  f"{jobs} 个进程：共 {s:.1f} 秒，每份 {s / len(rv.units) * 1000:.0f} 毫秒")
        t = time.perf_counter()
        data = review_xlsx(rv)
        print(f"写 Excel 汇总（{len(rv.units)} 个单位，{sum(len(u.findings) for u in rv.units)} 条问题）："
              f"{(time.perf_counter() - t) * 1000:.0f} 毫秒，{len(data) // 1024} KB")
    twelve = demo_units(12)
    inputs = [UnitInput(u.name, u.report) for u in twelve]
    rollup(inputs, government_name())
    t = time.perf_counter()
    for _ in range(5):
        rollup(inputs, government_name())
    print(f"汇总 12 个单位（逐格相加并逐份校验）：{(time.perf_counter() - t) / 5 * 1000:.0f} 毫秒")


if __name__ == "__main__":
    main()
