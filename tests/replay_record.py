"""Re-record fixtures/llm/recorded_<model>.json against a real OpenAI-compatible endpoint.

``make record`` runs this with OPENAI_BASE_URL, DRAFTING_MODEL and OPENAI_API_KEY (a local
server needs no key). The requests a full draft of drafting/data/example.yaml makes (sections,
repairs), a facts extraction and a revision go through the recording proxy of tests/replay.py;
the file says which model answered. Streamed answers are kept chunk by chunk with their finish
reason (an answer cut at max_tokens is stored as cut, and the engine treats it so on replay).
Tests replay it without asserting on the wording; the strict replay server fails them when the
engine's requests no longer match the recording, which then must be re-recorded, never edited.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafting.engine import ProviderError, draft_report, extract_facts, provider_from_settings, revise_section  # noqa: E402
from drafting.io import load_report  # noqa: E402
from drafting.resources import EXAMPLE_REPORT  # noqa: E402
from tests.replay import FIXTURES, ReplayServer  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description="录制真实模型的应答，供测试回放")
    ap.add_argument("--base-url", default=os.environ.get("OPENAI_BASE_URL"))
    ap.add_argument("--model", default=os.environ.get("DRAFTING_MODEL"))
    ap.add_argument("--api-key", default=os.environ.get("OPENAI_API_KEY"))
    ap.add_argument("--max-tokens", type=int, default=int(os.environ.get("DRAFTING_MAX_TOKENS", "800")))
    ap.add_argument("--note", default="", help="写入录制文件的说明，如模型来源")
    args = ap.parse_args()
    if not args.base_url or not args.model:
        raise SystemExit("请设置 OPENAI_BASE_URL 和 DRAFTING_MODEL（或 --base-url、--model）")
    report = load_report(EXAMPLE_REPORT)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", args.model)
    out = FIXTURES / f"recorded_{name}.json"
    with ReplayServer(upstream=args.base_url, upstream_key=args.api_key, record_model=args.model) as rec:
        prov = provider_from_settings(rec.url, args.model, "recording", timeout=600, max_retries=0,
                                      max_tokens=args.max_tokens, concurrency=1)
        res = draft_report(report, prov, on_event=lambda e: e.kind != "delta" and print(e.section, e.message),
                           lead_ins=True)      # all six sections, as the replay test drafts them
        print(f"起草完成：{res.seconds:.1f} 秒，提示词 {res.prompt_tokens} tokens，生成 {res.completion_tokens} tokens")
        try:
            _, qs = extract_facts(report, "今年我们通过门户网站公开信息320条，组织业务培训2次。问题是政策解读形式单一。", prov)
            print("工作情况整理完成；追问：", "；".join(qs[:3]))
        except ProviderError as e:
            print("工作情况整理失败（已录制）：", e)
        try:
            revise_section(res.report, "applications", "改得更简洁", prov)
            print("按意见修改完成")
        except ProviderError as e:
            print("按意见修改失败（已录制）：", e)
        rec.save_recording(out, args.note or f"真实模型 {args.model} 的应答，录制自 {args.base_url}")
    print(f"已写入 {out}（{len(rec.recorded)} 次交换）")


if __name__ == "__main__":
    main()
