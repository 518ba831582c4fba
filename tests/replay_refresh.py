"""Refresh the request matchers of the scripted fixtures (fixtures/llm/*.json) from the current prompts.

``make replay-refresh`` runs the test suite with REPLAY_LEARN set: the replay servers then match
scripted exchanges by their readable matchers only (``contains``, ``method``, ``stream``) and log
the hash of every request each exchange answered. This script writes those hashes into each
exchange's ``match.request_hashes`` and shows the diff for review: a reviewer sees which
exchanges now answer different requests, and why (the prompt diff in git). The strict replay
server then fails any test whose requests change again without a refresh.

Recorded fixtures (``"label": "recorded"``, a real model's answers) are never rewritten: a
recording whose requests no longer occur is listed, to be re-recorded with ``make record``.

    .venv/bin/python tests/replay_refresh.py [pytest arguments…]

With no arguments the whole suite runs and each exchange's hashes are replaced by what it
answered (an exchange that answered nothing is listed as unused). With pytest arguments (some
test files) hashes are only added.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "llm"


def learn(pytest_args: list[str]) -> tuple[dict[tuple[str, int], set[str]], int]:
    with tempfile.TemporaryDirectory() as d:
        log = Path(d) / "learned.jsonl"
        log.touch()
        env = dict(os.environ, REPLAY_LEARN=str(log))
        args = pytest_args or ["tests"]
        rc = subprocess.call([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
                             cwd=ROOT, env=env)
        seen: dict[tuple[str, int], set[str]] = defaultdict(set)
        for line in log.read_text("utf-8").splitlines():
            rec = json.loads(line)
            seen[(rec["fixture"], rec["exchange"])].add(rec["hash"])
    return seen, rc


def refresh(seen: dict[tuple[str, int], set[str]], partial: bool = False) -> list[str]:
    """Write the learned hashes; return lines for the reviewer. A partial run (some test files
    only) adds hashes and removes none: the other files' requests were not seen."""
    report: list[str] = []
    for path in sorted(FIXTURES.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        if data.get("label") == "recorded":
            continue
        changed = False
        for i, ex in enumerate(data.get("exchanges", [])):
            m = ex.get("match", {})
            if "contains" not in m:
                continue                     # a catch-all exchange answers anything: no hashes
            old = m.get("request_hashes")
            new = sorted(seen.get((path.name, i), set()) | (set(old or []) if partial else set()))
            if old == new:
                continue
            changed = True
            m["request_hashes"] = new
            added, removed = set(new) - set(old or []), set(old or []) - set(new)
            what = f"{path.name} exchange {i} ({m['contains'][0][:30]}…)"
            if not new and not partial:
                report.append(f"{what}: answered no request of the suite (unused; delete it or fix its matcher)")
            else:
                report.append(f"{what}: +{len(added)} −{len(removed)} request hashes")
        if changed:
            path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return report


def main() -> int:
    seen, rc = learn(sys.argv[1:])
    lines = refresh(seen, partial=bool(sys.argv[1:]))
    print("\n== replay-refresh ==")
    print("\n".join(lines) if lines else "Scripted fixtures already match the current prompts.")
    if rc != 0:
        print(f"pytest exited {rc} while learning: a failing test may have sent fewer requests than it "
              "should; read its output above before accepting the diff. A recorded fixture listed as "
              "unmatched must be re-recorded (make record), never edited.")
    subprocess.call(["git", "--no-pager", "diff", "--stat", "--", "fixtures/llm"], cwd=ROOT)
    subprocess.call(["git", "--no-pager", "diff", "--word-diff=plain", "-U0", "--", "fixtures/llm"], cwd=ROOT)
    return 0 if rc == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
