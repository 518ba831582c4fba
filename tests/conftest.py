from __future__ import annotations

import socket
from pathlib import Path

import pytest

from drafting.io import load_report

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
EXAMPLE = FIXTURES / "reports" / "example.yaml"
SEED = FIXTURES / "reports" / "seed_xingqing_kjj_2019.yaml"


@pytest.fixture
def example():
    return load_report(EXAMPLE)


@pytest.fixture
def seed():
    return load_report(SEED)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """Any connection that is not loopback fails the test."""
    real_connect = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and not (host.startswith("127.") or host in ("localhost", "::1")) \
                and self.family in (socket.AF_INET, socket.AF_INET6):
            raise RuntimeError(f"test tried to reach the network: {address}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


# Property tests run with a fixed seed (derandomize) and a bounded number of examples, so CI
# is repeatable; HYPOTHESIS_PROFILE=deep runs more examples by hand.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile("project", derandomize=True, max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("deep", derandomize=False, max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(__import__("os").environ.get("HYPOTHESIS_PROFILE", "project"))
