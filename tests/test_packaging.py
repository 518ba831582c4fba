"""The wheel is complete: installed (not editable) into a fresh virtual environment, away from the
checkout, it drafts against the replay server and the app's 载入示例 loads the example report.

No network: the wheel is built from this checkout with the current environment's setuptools
(--no-build-isolation), installed with --no-index, and the throwaway venv reaches the current
environment's third-party packages through a .pth line (the project's own code is not there:
this checkout is installed in editable mode, whose finder a .pth-added path does not run).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT
from .replay import ReplayServer

APP = textwrap.dedent("""
    from drafting.webui.app import main
    main()
""")

LOAD_EXAMPLE = textwrap.dedent("""
    import json, sys
    import drafting
    from streamlit.testing.v1 import AppTest
    from drafting.store import Store
    at = AppTest.from_file(sys.argv[1], default_timeout=120).run()
    at.radio(key="new_how").set_value("示例报告").run()
    at.button(key="new_example").click().run()
    rows = Store(sys.argv[2]).list_reports()
    print(json.dumps({"package": drafting.__file__, "exceptions": [str(e.value) for e in at.exception],
                      "reports": [[r.agency, r.year] for r in rows]}, ensure_ascii=False))
""")


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A venv with the wheel of this checkout installed; yields its bin directory."""
    tmp = tmp_path_factory.mktemp("wheel")
    dist = tmp / "dist"
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                        "-w", str(dist), str(ROOT)], capture_output=True, text=True, cwd=tmp)
    assert r.returncode == 0, r.stdout + r.stderr
    wheel = next(dist.glob("drafting-*.whl"))
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    vpy = venv / "bin" / "python"
    site = subprocess.run([str(vpy), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "reuse_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", "utf-8")
    r = subprocess.run([sys.executable, "-m", "pip", "--python", str(vpy), "install", "--no-deps", "--no-index",
                        str(wheel)], capture_output=True, text=True, cwd=tmp)
    assert r.returncode == 0, r.stdout + r.stderr
    return venv / "bin", tmp


def _env(tmp: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "DRAFTING_", "PYTHON"))}
    env["DATABASE_URL"] = f"sqlite:///{tmp}/app.db"
    return env


def test_wheel_ships_prompts_and_example(installed):
    bin_dir, tmp = installed
    code = ("import json, drafting; from drafting.resources import PROMPTS_DIR, EXAMPLE_REPORT;"
            "print(json.dumps([drafting.__file__, sorted(p.name for p in PROMPTS_DIR.iterdir()), EXAMPLE_REPORT.is_file()]))")
    r = subprocess.run([str(bin_dir / "python"), "-c", code], capture_output=True, text=True, cwd=tmp, env=_env(tmp))
    assert r.returncode == 0, r.stderr
    where, prompts, example = json.loads(r.stdout)
    assert str(ROOT) not in where and "site-packages" in where          # the wheel, not the checkout
    assert {"style.md", "overall.yaml", "lead_in.yaml", "problems.yaml", "other.yaml", "repair.yaml", "revise.yaml",
            "facts.yaml"} <= set(prompts)
    assert example is True


def test_installed_wheel_drafts_against_the_replay_server(installed):
    bin_dir, tmp = installed
    example = tmp / "example.yaml"
    r = subprocess.run([str(bin_dir / "python"), "-c",
                        "from drafting.resources import EXAMPLE_REPORT; print(EXAMPLE_REPORT.read_text('utf-8'))"],
                       capture_output=True, text=True, cwd=tmp, env=_env(tmp))
    example.write_text(r.stdout, "utf-8")
    out = tmp / "draft.yaml"
    with ReplayServer("good") as srv:
        r = subprocess.run([str(bin_dir / "drafting"), "draft", str(example), "--out", str(out), "--provider", "openai",
                            "--base-url", srv.url, "--model", "replay-model", "--section", "applications",
                            "--section", "overall", "--redraft-human"],
                           capture_output=True, text=True, cwd=tmp, env=_env(tmp), timeout=600)
        n = len(srv.requests)
    assert r.returncode == 0, r.stdout + r.stderr
    assert n == 2
    drafted = yaml.safe_load(out.read_text("utf-8"))
    for key in ("applications", "overall"):
        prov = drafted["sections"][key]["provenance"]
        assert prov["model"] == "replay-model" and prov["origin"] == "generated", prov


def test_installed_wheel_app_loads_the_example(installed):
    bin_dir, tmp = installed
    (tmp / "app.py").write_text(APP, "utf-8")
    (tmp / "load_example.py").write_text(LOAD_EXAMPLE, "utf-8")
    r = subprocess.run([str(bin_dir / "python"), str(tmp / "load_example.py"), str(tmp / "app.py"),
                        f"sqlite:///{tmp}/app.db"], capture_output=True, text=True, cwd=tmp, env=_env(tmp), timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    got = json.loads(r.stdout.strip().splitlines()[-1])
    assert str(ROOT) not in got["package"]
    assert got["exceptions"] == []
    assert got["reports"] == [["青禾市云溪区市场监督管理局", 2024]]
