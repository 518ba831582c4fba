"""Benchmark: a full draft against a model whose every answer takes 2 s.

Prints each section's single-call time, the full (parallel) draft time, their ratio, and the
prompt tokens per full draft. The model is the loopback replay server (tests/replay.py) with the
scripted "good" fixture; its token counts are estimates (a CJK character ≈ 1 token, other text ≈
4 characters a token), since no tokenizer is available offline. Run with ``make bench``.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafting.engine import draft_report, provider_from_settings  # noqa: E402
from drafting.engine.draft import DRAFTABLE  # noqa: E402
from drafting.io import load_report  # noqa: E402
from drafting.resources import EXAMPLE_REPORT  # noqa: E402
from tests.replay import ReplayServer, estimate_tokens, request_text  # noqa: E402

DELAY = 2.0


def main() -> None:
    report = load_report(EXAMPLE_REPORT)
    t = time.perf_counter()
    draft_report(report, provider_from_settings(kind="offline"))
    print(f"离线起草全部六个部分：{time.perf_counter() - t:.3f} 秒")
    with ReplayServer("good", delay=DELAY) as srv:
        prov = provider_from_settings(srv.url, "bench-model", "bench-key", timeout=60, max_retries=0)
        draft_report(report, prov, sections=["applications"])     # warm-up: imports, first connection
        singles = {}
        for key in DRAFTABLE:
            t = time.perf_counter()
            draft_report(report, prov, sections=[key])
            singles[key] = time.perf_counter() - t
            print(f"  单独起草 {key:<18} {singles[key]:.2f} 秒")
        srv.requests.clear()
        t = time.perf_counter()
        res = draft_report(report, prov, lead_ins=True)   # all six sections, as the README figures say
        full = time.perf_counter() - t
        reqs = list(srv.requests)
    slowest = max(singles.values())
    assert not res.findings, [f.message for f in res.findings]
    chars = sum(len(request_text(b)) for b in reqs)
    est = sum(estimate_tokens(request_text(b)) for b in reqs)
    print(f"每次回答延迟 {DELAY:.1f} 秒；最慢的单次调用 {slowest:.2f} 秒；并行起草全部六个部分 {full:.2f} 秒")
    print(f"比值（全文 / 最慢单次）：{full / slowest:.2f}（要求 < 1.5）")
    print(f"每份全文草稿：{len(reqs)} 次调用，提示词 {chars} 字符，约 {est} 个提示词 token"
          f"（客户端统计 {res.prompt_tokens}），生成约 {res.completion_tokens} 个 token")
    if full / slowest >= 1.5:
        raise SystemExit("比值未达到要求")


if __name__ == "__main__":
    main()
