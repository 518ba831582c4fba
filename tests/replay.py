"""A loopback server speaking OpenAI's /v1/chat/completions, answering from fixtures/llm/.

Plain JSON and streaming (SSE) answers, tool calls for function-calling structured output,
and scripted misbehaviour: HTTP errors (429 then success), delays, hangs past the client's
timeout, answers with no choices. In record mode it forwards each request to a real endpoint
and stores the answer, so ``make record`` and the tests share one fixture format:

    {"label": "scripted" | "recorded", "model": "...", "description": "...",
     "exchanges": [{"match": {...}, "responses": [{...}, ...]}]}

``match`` keys (all optional, all must hold): ``contains`` (list of substrings of the request's
message text), ``method`` (plain | json_schema | json_object | tools), ``stream`` (bool),
``request_hash`` (recordings: the one request recorded), ``request_hashes`` (scripted fixtures:
every request of the test suite this exchange answers, refreshed from the current prompts by
``make replay-refresh``; see tests/replay_refresh.py). ``responses`` are used in turn; the last
one repeats. A response is ``{"content": str}``, ``{"json": obj}`` (content, or tool-call
arguments when tools were asked for), ``{"status": int, "error": str, "headers": {...}}``,
``{"no_choices": true}``, ``{"hang": seconds}``, ``{"reset": true}`` (the connection is dropped
with a TCP reset before any answer), and these options on a content answer: ``"cut": n`` (a
stream that stops after n content chunks, with no finish and no [DONE]), ``"chunks": [str]``
(the stream exactly as recorded), ``"finish_reason"`` (as recorded; default stop),
``"chunk_delay": seconds`` (a slow server: that long between chunks), ``"repeat": n`` (the content
n times: a model in a loop), ``"chunk_size": n``; each optionally with ``"delay": seconds``.

Strict by default: a request that matches no exchange is answered with a 500 *and fails the
test* when the server stops (``strict=False`` for a test that sends such requests on purpose),
with a message naming the request, so a changed prompt cannot pass as an offline fallback.
"""
from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable

import httpx   # imported here, not in the handler threads: a first import racing in threads fails

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "llm"


def load_fixture(name_or_path: str | Path) -> dict:
    """A fixture file; each exchange remembers where it came from (``_origin``, never saved), so
    ``make replay-refresh`` can write back what it learns even through a test's deep copy."""
    p = Path(name_or_path)
    if not p.suffix:
        p = FIXTURES / f"{name_or_path}.json"
    data = json.loads(p.read_text("utf-8"))
    data["_name"] = p.name
    for i, ex in enumerate(data.get("exchanges", [])):
        ex["_origin"] = [p.name, i]
    return data


def describe_request(body: dict) -> str:
    """A request as a person recognises it: its task line, the end of the last message, its hash."""
    msgs = body.get("messages", [])
    system = next((str(m.get("content") or "") for m in msgs if m.get("role") == "system"), "")
    task = next((ln for ln in system.splitlines() if ln.startswith("任务")), system.splitlines()[-1] if system else "")
    last = str(msgs[-1].get("content") or "") if msgs else ""
    tail = last.replace("\n", " ")[-120:]
    return (f"[{request_hash(body)}] method={request_method(body)} stream={bool(body.get('stream'))} "
            f"task={task[:80]!r} last message ends …{tail!r}")


def request_text(body: dict) -> str:
    parts = []
    for m in body.get("messages", []):
        c = m.get("content")
        if isinstance(c, list):   # content parts: record them as text (servers that need strings reject this)
            c = "".join(p.get("text", "") for p in c if isinstance(p, dict))
        parts.append(f"{m.get('role')}: {c or ''}")
    return "\n".join(parts)


def request_method(body: dict) -> str:
    if body.get("tools"):
        return "tools"
    rf = body.get("response_format") or {}
    return rf.get("type", "plain") if rf else "plain"


def request_hash(body: dict) -> str:
    """What identifies a request across runs: messages, structured-output settings, tools."""
    key = {"messages": [{"role": m.get("role"), "content": m.get("content")} for m in body.get("messages", [])],
           "method": request_method(body), "response_format": body.get("response_format"),
           "tools": body.get("tools")}
    return hashlib.sha256(json.dumps(key, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]


def estimate_tokens(text: str) -> int:
    """Rough token count for fake usage: a CJK character ≈ 1 token, other text ≈ 4 characters a token.
    (No tokenizer files are available offline; real servers report their own counts.)"""
    cjk = len(re.findall(r"[\u3000-\u9fff\uff00-\uffef]", text))
    return cjk + max(0, len(text) - cjk) // 4


class ReplayServer:
    """Start with ``with ReplayServer(fixture) as srv:``; ``srv.url`` is the base URL (…/v1)."""

    def __init__(self, fixture: dict | str | Path | None = None, delay: float = 0.0,
                 upstream: str | None = None, upstream_key: str | None = None, record_model: str | None = None,
                 handler: Callable[[dict], dict] | None = None, strict: bool = True):
        if isinstance(fixture, (str, Path)):
            fixture = load_fixture(fixture)
        self.fixture = fixture or {"label": "scripted", "exchanges": []}
        self.delay = delay
        self.upstream, self.upstream_key, self.record_model = upstream, upstream_key, record_model
        self.handler = handler
        self.strict = strict
        # REPLAY_LEARN=path: match scripted exchanges by their readable matchers only and append
        # (fixture, exchange, hash) lines to path, for tests/replay_refresh.py.
        self.learn = os.environ.get("REPLAY_LEARN") or None
        self.requests: list[dict] = []
        self.unmatched: list[dict] = []
        self.recorded: list[dict] = []
        self._counters: dict[int, int] = {}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------
    def __enter__(self) -> "ReplayServer":
        self.start()
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.stop()
        if exc_type is None:
            self.check()

    def check(self) -> None:
        """Fail when any request matched no recording (strict servers)."""
        if self.strict and self.unmatched and not self.upstream and not self.handler:
            names = "\n  ".join(describe_request(b) for b in self.unmatched[:5])
            more = f"\n  …and {len(self.unmatched) - 5} more" if len(self.unmatched) > 5 else ""
            raise AssertionError(
                f"replay: {len(self.unmatched)} request(s) matched no exchange of fixture "
                f"{self.fixture.get('_name', '(inline)')}:\n  {names}{more}\n"
                f"{self._nearest_hint()}"
                "A prompt or the engine changed what it sends. If that was intended, run "
                "`make replay-refresh` and review the diff it shows (scripted fixtures); "
                "re-record real-model fixtures with `make record`.")

    def _nearest_hint(self) -> str:
        """For recordings: the recorded request closest to the first unmatched one, diffed."""
        body = self.unmatched[0]
        text = request_text(body)
        best, score = None, 0.0
        for ex in self.fixture.get("exchanges", []):
            excerpt = ex.get("request_excerpt")
            if excerpt:
                r = difflib.SequenceMatcher(None, excerpt, text[-len(excerpt):]).ratio()
                if r > score:
                    best, score = excerpt, r
        if best is None:
            return ""
        if text.endswith(best):
            return ("A recording ends exactly like it (its last 200 characters): the difference is earlier "
                    "in the request (a prompt, a validator message in a repair request).\n")
        diff = "\n    ".join(difflib.unified_diff(best.splitlines(), text[-len(best):].splitlines(),
                                                 "recorded", "sent", lineterm="", n=0))
        return f"Closest recorded request (similarity {score:.2f}), diff of its end:\n    {diff}\n"

    def start(self) -> None:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):   # keep test output clean
                pass

            def do_GET(self):
                if self.path.rstrip("/").endswith("/models"):
                    self._json(200, {"object": "list", "data": [{"id": "replay", "object": "model"}]})
                else:
                    self._json(404, {"error": {"message": "not found"}})

            def do_POST(self):
                n = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(n)
                if len(raw) < n:
                    # the client went away before its body arrived (a process killed mid-send, as
                    # the kill test does): no request was made, so none is answered or counted
                    self.close_connection = True
                    return
                try:
                    body = json.loads(raw or b"{}")
                except json.JSONDecodeError:
                    self._json(400, {"error": {"message": "invalid JSON"}})
                    return
                if not self.path.rstrip("/").endswith("/chat/completions"):
                    self._json(404, {"error": {"message": "not found"}})
                    return
                outer._serve(self, body)

            def _json(self, status: int, obj: Any, headers: dict | None = None):
                data = json.dumps(obj, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, str(v))
                self.end_headers()
                self.wfile.write(data)

        class Server(ThreadingHTTPServer):
            request_queue_size = 128    # the default backlog of 5 drops connections when sections run in parallel
        self._server = Server(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def url(self) -> str:
        assert self._server, "server not started"
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    # -- answering ------------------------------------------------------------
    def _pick(self, body: dict) -> dict:
        if self.handler:
            return self.handler(body)
        text, method, h = request_text(body), request_method(body), request_hash(body)
        for i, ex in enumerate(self.fixture.get("exchanges", [])):
            m = ex.get("match", {})
            if "request_hash" in m and m["request_hash"] != h:
                continue
            if "request_hashes" in m and h not in m["request_hashes"] and not self.learn:
                continue
            if any(s not in text for s in m.get("contains", [])):
                continue
            if "method" in m and m["method"] != method:
                continue
            if "stream" in m and bool(m["stream"]) != bool(body.get("stream")):
                continue
            with self._lock:
                k = self._counters.get(i, 0)
                self._counters[i] = k + 1
                if self.learn and ex.get("_origin") and "contains" in m:
                    with open(self.learn, "a", encoding="utf-8") as f:
                        f.write(json.dumps({"fixture": ex["_origin"][0], "exchange": ex["_origin"][1],
                                            "hash": h}) + "\n")
            responses = ex["responses"]
            return responses[min(k, len(responses) - 1)]
        with self._lock:
            self.unmatched.append(body)
        return {"status": 500, "error": f"replay: no recorded exchange matches this request ({h})"}

    def _serve(self, h: BaseHTTPRequestHandler, body: dict) -> None:
        with self._lock:
            self.requests.append(body)
        if self.upstream:
            resp = self._forward(body)
        else:
            resp = self._pick(body)
        time.sleep(self.delay + float(resp.get("delay", 0)))
        if resp.get("reset"):
            import socket
            import struct
            # SO_LINGER with a zero timeout turns close() into a TCP reset.
            h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            h.close_connection = True
            h.connection.close()
            return
        if "hang" in resp:
            time.sleep(float(resp["hang"]))
            try:
                h._json(500, {"error": {"message": "replay: hung on purpose"}})
            except OSError:
                pass
            return
        if "status" in resp:
            h._json(int(resp["status"]), {"error": {"message": resp.get("error", "scripted error"),
                                                    "type": "scripted", "code": resp.get("status")}},
                    resp.get("headers"))
            return
        model = body.get("model", "replay")
        prompt_tokens = estimate_tokens(request_text(body))
        content, tool_args = resp.get("content"), None
        if resp.get("chunks") is not None and content is None:
            content = "".join(resp["chunks"])
        if content is not None and resp.get("repeat"):
            content = content * int(resp["repeat"])
        if "json" in resp:
            if request_method(body) == "tools":
                tool_args = json.dumps(resp["json"], ensure_ascii=False)
                content = None
            else:
                content = json.dumps(resp["json"], ensure_ascii=False)
        if resp.get("tool_arguments") is not None:
            tool_args, content = resp["tool_arguments"], None
        completion_tokens = estimate_tokens((content or "") + (tool_args or ""))
        usage = {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                 "total_tokens": prompt_tokens + completion_tokens}
        if isinstance(resp.get("usage_upstream"), dict):
            usage = resp["usage_upstream"]      # a recording: the real server's own counts
        tool_calls = None
        if tool_args is not None:
            name = body["tools"][0]["function"]["name"]
            tool_calls = [{"id": "call_1", "type": "function", "function": {"name": name, "arguments": tool_args}}]
        finish = "tool_calls" if tool_calls else resp.get("finish_reason", "stop")
        created = int(time.time())
        if not body.get("stream"):
            choices = [] if resp.get("no_choices") else [
                {"index": 0, "message": {"role": "assistant", "content": content, "tool_calls": tool_calls}
                 if tool_calls else {"role": "assistant", "content": content},
                 "finish_reason": finish, "logprobs": None}]
            h._json(200, {"id": "chatcmpl-replay", "object": "chat.completion", "created": created,
                          "model": model, "choices": choices, "usage": usage})
            return
        h.send_response(200)
        h.send_header("Content-Type", "text/event-stream")
        h.send_header("Cache-Control", "no-cache")
        h.send_header("Connection", "close")
        h.end_headers()
        h.close_connection = True

        def send(obj: dict) -> None:
            h.wfile.write(b"data: " + json.dumps(obj, ensure_ascii=False).encode() + b"\n\n")
            h.wfile.flush()

        def chunk(delta: dict, finish_reason=None) -> dict:
            return {"id": "chatcmpl-replay", "object": "chat.completion.chunk", "created": created, "model": model,
                    "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}]}
        try:
            if not resp.get("no_choices"):
                send(chunk({"role": "assistant", "content": ""}))
                text = content or ""
                size = int(resp.get("chunk_size", 12))
                pieces = resp.get("chunks") if resp.get("chunks") is not None and not resp.get("repeat") \
                    else [text[i:i + size] for i in range(0, len(text), size)]
                cut = resp.get("cut")
                pause = float(resp.get("chunk_delay", 0))
                for n, piece in enumerate(pieces):
                    if cut is not None and n >= int(cut):
                        return          # the stream stops mid-answer: no finish, no [DONE]
                    if pause and n:
                        time.sleep(pause)
                    send(chunk({"content": piece}))
                send(chunk({}, finish))
            if (body.get("stream_options") or {}).get("include_usage"):
                send({"id": "chatcmpl-replay", "object": "chat.completion.chunk", "created": created,
                      "model": model, "choices": [], "usage": usage})
            h.wfile.write(b"data: [DONE]\n\n")
            h.wfile.flush()
        except OSError:
            pass

    # -- recording --------------------------------------------------------------
    def _forward(self, body: dict) -> dict:
        """Send the request upstream as it came (streaming kept), store and return the answer.

        A streamed answer is kept chunk by chunk with its finish reason, so a real answer cut at
        max_tokens replays as cut (finish_reason "length"), and a stream that ended without a
        finish replays that way too."""
        headers = {"Authorization": f"Bearer {self.upstream_key or 'not-needed'}"}
        url = self.upstream.rstrip("/") + "/chat/completions"
        try:
            if body.get("stream"):
                resp = self._forward_stream(url, body, headers)
            else:
                r = httpx.post(url, json=body, headers=headers, timeout=600)
                if r.status_code != 200:
                    resp = {"status": r.status_code, "error": r.text[:500]}
                else:
                    data = r.json()
                    choices = data.get("choices") or []
                    if not choices:
                        resp = {"no_choices": True}
                    else:
                        msg = choices[0].get("message") or {}
                        calls = msg.get("tool_calls") or []
                        resp = ({"tool_arguments": calls[0]["function"]["arguments"]} if calls
                                else {"content": msg.get("content") or ""})
                        resp["finish_reason"] = choices[0].get("finish_reason")
                    if data.get("usage"):
                        resp["usage_upstream"] = data["usage"]
        except httpx.HTTPError as e:
            resp = {"status": 502, "error": f"upstream unreachable: {e}"}
        with self._lock:
            self.recorded.append({"match": {"request_hash": request_hash(body)}, "responses": [resp],
                                  "request_excerpt": request_text(body)[-200:]})
        return resp

    @staticmethod
    def _forward_stream(url: str, body: dict, headers: dict) -> dict:
        chunks: list[str] = []
        finish, usage, done = None, None, False
        with httpx.stream("POST", url, json=body, headers=headers, timeout=600) as r:
            if r.status_code != 200:
                return {"status": r.status_code, "error": r.read().decode("utf-8", "replace")[:500]}
            for line in r.iter_lines():
                if not line.startswith("data:"):
                    continue
                data = line[5:].strip()
                if data == "[DONE]":
                    done = True
                    break
                obj = json.loads(data)
                if obj.get("usage"):
                    usage = obj["usage"]
                for ch in obj.get("choices") or []:
                    piece = (ch.get("delta") or {}).get("content")
                    if piece:
                        chunks.append(piece)
                    if ch.get("finish_reason"):
                        finish = ch["finish_reason"]
        resp: dict = {"chunks": chunks, "finish_reason": finish}
        if finish is None:
            resp["cut"] = len(chunks)      # the real stream ended without a finish: replay it so
        if usage:
            resp["usage_upstream"] = usage
        resp["stream_done"] = done
        return resp

    def save_recording(self, path: str | Path, description: str = "") -> None:
        data = {"label": "recorded", "model": self.record_model or "",
                "description": description, "recorded_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "exchanges": self.recorded}
        Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
