"""Model faults: each one is retried or reported plainly, and nothing saved is lost.

Complements tests/test_draft.py (429, timeout, no choices, malformed JSON) with 500, a dropped
connection, a stream cut in the middle, 429 with Retry-After in seconds, and the store's view.
"""
from __future__ import annotations

import copy
import time

import pytest

from drafting.engine import ProviderError, draft_report, extract_facts, provider_from_settings
from drafting.store import Store

from .replay import ReplayServer, load_fixture

GOOD = load_fixture("good")
PROBLEMS = next(e for e in GOOD["exchanges"] if "「五、存在的主要问题" in e["match"]["contains"][0])


def _scripted(*first, description: str) -> dict:
    """The good answer for 五, preceded by the given faulty responses."""
    ex = copy.deepcopy(PROBLEMS)
    ex["responses"] = [*first, *ex["responses"]]
    return {"label": "scripted", "model": "scripted", "description": description, "exchanges": [ex]}


def _provider(srv, **kw):
    opts = {"timeout": 30, "max_retries": 2, **kw}    # a deadline per call, retries included: room for a busy machine
    return provider_from_settings(srv.url, "scripted", "sk-faults", **opts)


@pytest.mark.parametrize("fault,calls", [
    ({"status": 500, "error": "upstream exploded"}, 2),
    ({"reset": True}, 2),
    ({"status": 429, "error": "slow down", "headers": {"retry-after": "1"}}, 2),
])
def test_transient_faults_are_retried(example, fault, calls):
    with ReplayServer(_scripted(fault, description=f"编写的服务：先返回故障 {fault}，重试后正常作答。")) as srv:
        t = time.perf_counter()
        res = draft_report(example, _provider(srv), sections=["problems"])
        dt = time.perf_counter() - t
        assert len(srv.requests) == calls
    r = res.sections["problems"]
    assert r.status == "ok", r.message
    assert "政策解读形式不够丰富" in r.text
    if "headers" in fault:
        assert dt >= 1.0          # Retry-After was honoured


def test_persistent_500_gives_up_plainly_and_keeps_a_usable_section(example):
    script = _scripted(*([{"status": 500, "error": "down"}] * 5), description="编写的服务：一直返回 500。")
    with ReplayServer(script) as srv:
        res = draft_report(example, _provider(srv, max_retries=1), sections=["problems"])
    r = res.sections["problems"]
    assert r.status == "fallback"
    assert "500" in r.message and "离线" in r.message            # says what happened and what was done
    assert r.text.strip()


def test_stream_cut_in_the_middle_is_not_taken_as_the_answer(example):
    cut = copy.deepcopy(PROBLEMS["responses"][0])
    cut["cut"] = 2
    script = _scripted(cut, cut, cut, description="编写的服务：流式回答在中途断开。")
    with ReplayServer(script) as srv:
        res = draft_report(example, _provider(srv, max_retries=0), sections=["problems"])
    r = res.sections["problems"]
    # a truncated answer never passes for the section: retried once, then the offline text stands in
    assert len(srv.requests) == 2
    assert r.status == "fallback" and "中断" in r.message


def test_stream_cut_once_is_retried(example):
    cut = copy.deepcopy(PROBLEMS["responses"][0])
    cut["cut"] = 2
    with ReplayServer(_scripted(cut, description="编写的服务：第一次流式回答中途断开，第二次完整。")) as srv:
        res = draft_report(example, _provider(srv, max_retries=0), sections=["problems"])
    r = res.sections["problems"]
    assert r.status == "ok" and "二是规范依申请公开答复文书" in r.text


def test_faults_never_touch_what_is_saved(example, tmp_path):
    """A model that drops every connection: the draft falls back, facts fail with a plain reason,
    and saving the draft as the app does keeps what the person wrote (nothing is lost)."""
    store = Store(f"sqlite:///{tmp_path}/f.db")
    rid = store.create(example)
    rep, v = store.get(rid)
    script = {"label": "scripted", "model": "scripted", "description": "编写的服务：每次都断开连接。",
              "exchanges": [{"match": {}, "responses": [{"reset": True}]}]}
    with ReplayServer(script) as srv:
        prov = _provider(srv, max_retries=1)
        res = draft_report(rep, prov, keep_human=True, lead_ins=True)   # the empty lead-ins are drafted
        assert {s.status for s in res.sections.values()} <= {"fallback", "skipped", "locked"}
        assert any(s.status == "fallback" for s in res.sections.values())
        with pytest.raises(ProviderError, match="无法连接到模型服务"):
            extract_facts(rep, "今年组织培训3次。", prov)
    assert store.save(rid, res.report, v)
    after, _ = store.get(rid)
    for key, sec in example.sections.items():
        if sec.text.strip():
            assert after.sections[key].text == sec.text, key          # a person's text is kept
    assert after.facts == example.facts                               # the failed extraction changed nothing
    assert after.sections["applications"].provenance.origin == "offline"
