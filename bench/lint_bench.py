"""Benchmark: lint throughput on one core, and validation time against text length.

Throughput: every readable text/Markdown/HTML report of the real-report corpus and the published
samples, read and checked in this process (start-up and imports excluded, CPU time of this one
process, so the figure is one core's; the fastest of five rounds, with the spread of the rounds),
and the same apart for complete reports and for the copies that keep only an opening.
Slope: one report whose 总体情况 grows from 10 thousand to
1 million characters; the time per character should stay flat (linear validation).
Prints figures only; `make bench` runs it.
"""
from __future__ import annotations

import copy
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafting.ingest import ingest_path  # noqa: E402
from drafting.io import ReportLoadError, load_report  # noqa: E402
from drafting.resources import EXAMPLE_REPORT  # noqa: E402
from drafting.validator import validate  # noqa: E402

TEXT_EXTS = {".txt", ".md", ".html", ".htm"}
ROUNDS = 5


def _complete(p: Path) -> bool:
    """A corpus copy whose answer key says it holds only the opening is not complete; every other
    report (the published samples, complete corpus copies) is."""
    key = ROOT / "fixtures" / "corpus" / "keys" / f"{p.stem}.yaml"
    if not key.exists():
        return True
    return yaml.safe_load(key.read_text("utf-8")).get("complete", True) is not False


def throughput() -> None:
    # (the folders' README.md describes the copies; it is not a report)
    paths = [p for d in ("fixtures/corpus/reports", "fixtures/published") for p in sorted((ROOT / d).iterdir())
             if p.suffix in TEXT_EXTS and p.name != "README.md"]
    readable = []
    for p in paths:
        try:
            ingest_path(p)
            readable.append(p)
        except ReportLoadError:
            pass
    for p in readable:                       # warm-up: compiled patterns, caches of the format data
        validate(ingest_path(p).report)
    # Several rounds over every report, CPU time of each; the fastest round is the figure (as
    # timeit reports the minimum: on a shared machine the slower rounds measure the other
    # processes), and the spread of the rounds is printed beside it.
    whole = [p for p in readable if _complete(p)]
    rounds, kinds = [], []          # per round: all reports; (complete ones, openings)
    for _ in range(ROUNDS):
        spent = {True: 0.0, False: 0.0}
        t0 = time.process_time()
        for p in readable:
            a = time.process_time()
            validate(ingest_path(p).report)
            spent[p in whole] += time.process_time() - a
        rounds.append((time.process_time() - t0) / len(readable))
        kinds.append(spent)
    reports = [ingest_path(p).report for p in readable]
    vrounds = []
    for _ in range(ROUNDS):
        t1 = time.process_time()
        for r in reports:
            validate(r)
        vrounds.append((time.process_time() - t1) / len(reports))
    best, worst = min(rounds), max(rounds)
    print(f"读取并检查已发布报告（{len(readable)} 份，一个核，不计启动，{ROUNDS} 轮中最快一轮）：每份 {best * 1000:.2f} 毫秒，"
          f"{1 / best:.0f} 份/秒；其中校验每份 {min(vrounds) * 1000:.2f} 毫秒"
          f"（各轮每份 {best * 1000:.2f}–{worst * 1000:.2f} 毫秒，{1 / worst:.0f}–{1 / best:.0f} 份/秒）")
    # The corpus holds many copies that keep only a report's opening (no tables): they read
    # quickly, so the mix's figure is given apart for complete reports and for openings.
    for label, group, yes in (("完整的报告", whole, True), ("只存开头部分的副本", [p for p in readable if p not in whole], False)):
        if group:
            per = min(k[yes] for k in kinds) / len(group)
            print(f"  其中{label} {len(group)} 份：每份 {per * 1000:.2f} 毫秒，{1 / per:.0f} 份/秒")


def slope() -> None:
    base = load_report(EXAMPLE_REPORT)
    para = base.sections["overall"].text
    validate(base)
    rows = []
    for n in (10_000, 100_000, 300_000, 1_000_000):
        rep = copy.deepcopy(base)
        rep.sections["overall"].text = ("\n".join([para] * (n // len(para) + 1)))[:n]
        t = time.process_time()
        validate(rep)
        d = time.process_time() - t
        rows.append((n, d))
        print(f"校验正文 {n:>9,} 字：{d:6.2f} 秒，每千字 {d / n * 1000 * 1000:.2f} 毫秒")
    (n0, d0), (n1, d1) = rows[0], rows[-1]
    print(f"校验时间随正文长度：{n1 // n0} 倍长度用时 {d1 / d0:.0f} 倍（线性为 {n1 // n0} 倍）")


if __name__ == "__main__":
    throughput()
    slope()
