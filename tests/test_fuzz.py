"""The fuzz targets of tests/fuzz.py (every reader, the Markdown export and the command line)
with a small fixed budget, in a child process so that the watchdog of a hung example ends the
child, not the suite. ``make fuzz`` runs the same targets for longer."""
from __future__ import annotations

import os
import subprocess
import sys

from .conftest import ROOT

BUDGET = float(os.environ.get("FUZZ_TEST_SECONDS", "24"))


def test_fuzz_targets_with_a_fixed_budget():
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FUZZ_SEED": "1"}
    env.pop("OPENAI_API_KEY", None)
    r = subprocess.run([sys.executable, "-m", "tests.fuzz", "--seconds", str(BUDGET)], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=BUDGET * 4 + 240)
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-4000:]
    ran = [ln for ln in r.stdout.splitlines() if "all typed or fine" in ln]
    assert len(ran) == 8, r.stdout          # every target ran
