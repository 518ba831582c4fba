"""The drafting interface, its settings, what it learns about a server, and the model-call limits:
deadline, size cap, repetition (each against a scripted fault of the replay server)."""
from __future__ import annotations

import time

import langchain_openai  # noqa: F401  (imported up front: timings below measure calls, not a first import)
import pytest
from typer.testing import CliRunner

from drafting.cli import app
from drafting.engine import (PROVIDERS, DraftingSettings, OfflineProvider, ProviderError, draft_report, extract_facts,
                             get_provider, offline_section, provider_from_settings)
from drafting.engine.openai_compat import OpenAICompatible, endpoint_caps, repetition
from drafting.engine.provider import Provider, run_sync

from .conftest import EXAMPLE
from .replay import ReplayServer, describe_request, load_fixture

GOOD = load_fixture("good")


def provider(srv, **kw):
    kw.setdefault("timeout", 30)
    kw.setdefault("max_retries", 0)
    return provider_from_settings(srv.url, "replay-model", "test-key", **kw)


def _answer(body):
    """The good fixture's answer to a request (for handler-based servers)."""
    text = "\n".join(m["content"] or "" for m in body["messages"])
    for ex in GOOD["exchanges"]:
        if all(s in text for s in ex["match"].get("contains", [])):
            return ex["responses"][0]
    return {"status": 500, "error": "no answer"}


# -- one interface, chosen by settings ------------------------------------------------------
def test_providers_are_registered_behind_one_interface():
    assert set(PROVIDERS) == {"offline", "openai"}
    for cls in PROVIDERS.values():
        assert issubclass(cls, Provider)
        assert not getattr(cls, "__abstractmethods__", None)
    assert isinstance(get_provider(DraftingSettings(provider="offline")), OfflineProvider)
    p = get_provider(DraftingSettings(provider="openai", base_url="http://127.0.0.1:9/v1", model="m"))
    assert isinstance(p, OpenAICompatible)


def test_key_is_a_secret_in_settings(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-visible-nowhere-123")
    monkeypatch.setenv("OPENAI_BASE_URL", "https://api.deepseek.com/v1")
    monkeypatch.setenv("DRAFTING_MODEL", "deepseek-chat")
    s = DraftingSettings()
    assert "sk-visible-nowhere-123" not in repr(s) and "sk-visible-nowhere-123" not in str(s.model_dump())
    assert s.key() == "sk-visible-nowhere-123"
    p = get_provider(s)
    assert "sk-visible" not in repr(p)


def test_explicit_settings_do_not_take_the_key_from_the_environment(monkeypatch):
    """The app's 设置 page passes what the user typed: a cleared key stays cleared."""
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env-1234567")
    monkeypatch.setenv("DRAFTING_TIMEOUT", "7")
    p = provider_from_settings("https://api.deepseek.com/v1", "deepseek-chat", "", kind=None)
    assert p.is_offline
    p = provider_from_settings("http://127.0.0.1:9/v1", "m", "")
    assert p.settings.key() is None and p.timeout == 7      # tuning still comes from the environment


def test_offline_provider_cannot_rewrite(example):
    off = OfflineProvider()
    with pytest.raises(ProviderError, match="需要配置模型"):
        run_sync(off.rewrite("revise", {}))
    assert off.check().ok


# -- CLI options declared once ----------------------------------------------------------------
@pytest.mark.parametrize("command", ["draft", "revise", "facts"])
def test_model_flags_are_shared(command):
    r = CliRunner().invoke(app, [command, "--help"], terminal_width=200)
    for flag in ("--provider", "--base-url", "--model", "--api-key", "--timeout", "--max-tokens"):
        assert flag in r.output, (command, flag)


def test_revise_and_facts_honour_timeout(tmp_path):
    """--timeout reaches revise and facts too (once it was a draft-only flag)."""
    fx = {"label": "scripted", "description": "编写的服务：不作答。",
          "exchanges": [{"match": {}, "responses": [{"hang": 30}]}]}
    with ReplayServer(fx) as srv:
        t = time.perf_counter()
        r = CliRunner().invoke(app, ["facts", str(EXAMPLE), "--text", "今年组织培训3次。", "--out", str(tmp_path / "f.yaml"),
                                     "--base-url", srv.url, "--model", "m", "--provider", "openai", "--timeout", "1"])
        dt = time.perf_counter() - t
    assert r.exit_code != 0 and "超时" in r.output
    assert dt < 20            # the server hangs for 30 s; the default timeout is 120 s


# -- what the client learns about a server, kept per endpoint ----------------------------------
def test_stream_options_refusal_is_remembered_across_providers(example):
    """The app builds a new provider on every rerun; the second one must not ask again."""
    def handler(body):
        if body.get("stream_options"):
            return {"status": 400, "error": "Unrecognized request argument supplied: stream_options"}
        return _answer(body)

    with ReplayServer(handler=handler) as srv:
        draft_report(example, provider(srv), sections=["applications"])
        first = len(srv.requests)
        again = provider(srv)                              # a rerun: a fresh provider object
        draft_report(example, again, sections=["applications"])
        second = len(srv.requests) - first
        caps = endpoint_caps(srv.url, "replay-model")
    assert first == 2 and second == 1
    assert not srv.requests[-1].get("stream_options")
    assert caps.stream_options is False


def test_structured_method_is_remembered_across_providers(example):
    def handler(body):
        if (body.get("response_format") or {}).get("type") == "json_schema":
            return {"status": 500, "error": "Input should be 'text' or 'json_object'"}
        return _answer(body)

    with ReplayServer(handler=handler) as srv:
        extract_facts(example, "今年我们通过门户网站公开信息320条。", provider(srv))
        first = [("tools" if b.get("tools") else (b.get("response_format") or {}).get("type")) for b in srv.requests]
        n = len(srv.requests)
        extract_facts(example, "今年我们通过门户网站公开信息320条。", provider(srv))
        second = [("tools" if b.get("tools") else (b.get("response_format") or {}).get("type")) for b in srv.requests[n:]]
    assert first == ["json_schema", "tools"]
    assert second == ["tools"]


def test_max_tokens_field_is_learned_from_a_refusal(example):
    """A server that names the field it refuses gets the other one, once, and keeps it."""
    def handler(body):
        if "max_tokens" in body:
            return {"status": 400, "error": "Unsupported parameter: 'max_tokens' is not supported with this model. "
                                            "Use 'max_completion_tokens' instead."}
        return _answer(body)

    with ReplayServer(handler=handler) as srv:
        res = draft_report(example, provider(srv), sections=["applications"])
        n = len(srv.requests)
        draft_report(example, provider(srv), sections=["applications"])
    assert res.sections["applications"].status == "ok"
    assert n == 2 and len(srv.requests) == 3
    assert srv.requests[-1]["max_completion_tokens"] == 1500 and "max_tokens" not in srv.requests[-1]


# -- limits on a model call --------------------------------------------------------------------
def _slow(**resp):
    return {"label": "scripted", "description": "编写的服务：故障模式。",
            "exchanges": [{"match": {}, "responses": [resp]}]}


def test_timeout_is_a_deadline_for_a_whole_stream(example):
    """A server sending one chunk every 2 s never trips a per-read timeout; the deadline cuts it."""
    fx = _slow(content="本局认真落实政府信息公开条例。" * 20, chunk_size=4, chunk_delay=2)
    with ReplayServer(fx) as srv:
        t = time.perf_counter()
        res = draft_report(example, provider(srv, timeout=3), sections=["overall"])
        dt = time.perf_counter() - t
    r = res.sections["overall"]
    assert r.status == "fallback" and "超时" in r.message
    assert r.text == offline_section(example, "overall")
    assert dt < 10, dt


def test_oversized_answer_is_cut_and_fails_the_call(example):
    import random
    rng = random.Random(7)                     # varied text (no loop to detect), 60,000 characters
    varied = "".join(chr(rng.randrange(0x4E00, 0x4E00 + 3000)) + ("。" if i % 37 == 36 else "") for i in range(60000))
    with ReplayServer(_slow(content=varied, chunk_size=400)) as srv:
        res = draft_report(example, provider(srv, max_answer_chars=5000), sections=["overall"])
    r = res.sections["overall"]
    assert r.status == "fallback" and "5000 字的上限" in r.message
    assert len(res.report.sections["overall"].text) < 5000


def test_one_sentence_repeated_to_100kb_is_repetition(example):
    sentence = "本局认真贯彻落实政府信息公开条例，扎实推进各项工作。"
    with ReplayServer(_slow(content=sentence, repeat=100_000 // len(sentence.encode()) + 1, chunk_size=200)) as srv:
        res = draft_report(example, provider(srv), sections=["problems"])
    r = res.sections["problems"]
    assert r.status == "fallback" and "重复" in r.message, r.message
    assert r.text == offline_section(example, "problems")


def test_repetition_detector_spares_real_prose(example):
    from drafting.engine.offline import offline_section as off
    for key in example.template.section_keys:
        assert repetition(off(example, key)) is None, key
    assert repetition(example.section_text("overall") * 1) is None
    assert repetition("公开" * 2000) is not None                 # a loop with no sentence break


# -- the replay server fails loudly --------------------------------------------------------------
def test_changed_prompt_line_fails_the_replay_naming_the_request(example, tmp_path, monkeypatch):
    """Without strictness the changed request would get a 500, the section would fall back to the
    offline text and the test would pass: a changed prompt must fail instead, saying which request."""
    import shutil

    from drafting.engine import prompts
    for p in prompts.PROMPTS_DIR.iterdir():
        shutil.copy(p, tmp_path / p.name)
    import yaml
    task = tmp_path / "overall.yaml"
    data = yaml.safe_load(task.read_text("utf-8"))
    data["system"] = data["system"].rstrip("\n") + "\n行文力求简洁。\n"          # one line more in the prompt
    task.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    monkeypatch.setattr(prompts, "PROMPTS_DIR", tmp_path)
    prompts.load_prompt.cache_clear()
    try:
        with pytest.raises(AssertionError) as err:
            with ReplayServer("good") as srv:
                res = draft_report(example, provider(srv), sections=["overall"])
                assert res.sections["overall"].status == "fallback"     # what used to pass silently
    finally:
        prompts.load_prompt.cache_clear()
    msg = str(err.value)
    assert "matched no exchange" in msg and "good.json" in msg
    assert describe_request(srv.unmatched[0]) in msg                     # names the unmatched request
    assert "一、总体情况" in msg and "make replay-refresh" in msg


def test_a_body_cut_short_by_a_dying_client_is_not_a_request():
    """A client killed while sending (the e2e kill test kills the app mid-draft) leaves a POST whose
    body never fully arrives: the strict server does not count it as a request no recording
    matches (it once failed the kill test, read as the empty request {}), while a whole request
    that matches nothing still fails."""
    import socket
    from urllib.parse import urlparse

    with ReplayServer("good") as srv:
        u = urlparse(srv.url)
        with socket.create_connection((u.hostname, u.port)) as sock:
            sock.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Content-Length: 500\r\n\r\n")      # killed before any of its body was sent
        deadline = time.time() + 5
        while not srv.requests and time.time() < deadline and not srv.unmatched:
            time.sleep(0.05)
        time.sleep(0.2)
        assert srv.unmatched == []
    with pytest.raises(AssertionError, match="matched no exchange"):
        with ReplayServer("good") as srv:
            import json as _json
            import urllib.request
            req = urllib.request.Request(srv.url.rstrip("/") + "/chat/completions",
                                         data=_json.dumps({"model": "m", "messages": []}).encode(),
                                         headers={"Content-Type": "application/json"})
            try:
                urllib.request.urlopen(req, timeout=5)
            except Exception:
                pass


def test_unusable_tuning_variable_is_named_and_offline_still_works(monkeypatch, example):
    """The app falls back to offline drafting when the settings are unusable: that way out must
    not fail on the same bad variable."""
    monkeypatch.setenv("DRAFTING_STRUCTURED", "xml")
    with pytest.raises(ProviderError, match="环境变量 DRAFTING_STRUCTURED 应为 auto、json_schema"):
        provider_from_settings("http://127.0.0.1:9/v1", "m", "")
    off = provider_from_settings(kind="offline")
    assert off.is_offline
    assert draft_report(example, off, sections=["applications"]).sections["applications"].status == "ok"


def test_recorder_keeps_chunks_and_a_truncated_finish(example, tmp_path):
    """A real answer cut at max_tokens must replay as cut: the recorder keeps the stream's chunks
    and its finish_reason, and the engine then treats the replayed answer as truncated."""
    upstream_fx = {"label": "scripted", "description": "编写的上游：回答因长度上限被截断。",
                   "exchanges": [{"match": {}, "responses": [
                       {"chunks": ["{year}年，本局", "共收到申请", "{t3.received}件，办"], "finish_reason": "length"}]}]}
    with ReplayServer(upstream_fx) as upstream:
        with ReplayServer(upstream=upstream.url, upstream_key="k", record_model="scripted-cut") as rec:
            first = draft_report(example, provider(rec), sections=["applications"])
            rec.save_recording(tmp_path / "rec.json", "test")
    data = load_fixture(tmp_path / "rec.json")
    resp = data["exchanges"][0]["responses"][0]
    assert resp["chunks"] == ["{year}年，本局", "共收到申请", "{t3.received}件，办"]
    assert resp["finish_reason"] == "length"
    with ReplayServer(tmp_path / "rec.json") as srv:
        second = draft_report(example, provider(srv), sections=["applications"])
    for res in (first, second):
        r = res.sections["applications"]
        assert r.status == "fallback" and "截断" in r.message, r.message
