"""A loopback server speaking OpenAI's /v1/chat/completions, answering from fixtures/llm/.

Plain JSON and streaming (SSE) answers, tool calls for function-calling structured output,
and scripted misbehaviour: HTTP errors (429 then success), delays, hangs past the client's
timeout, answers with no choices. In record mode it forwards each request to a real endpoint
and stores the answer, so ``make record`` and the tests share one fixture format:

    {"label": "scripted" | "recorded", "model": "...", "description": "...",
     "exchanges": [{"match": {...}, "responses": [{...}, ...]}]}

``match`` keys (all optional, all must hold): ``contains`` (list of substrings of the request's
message text), ``method`` (plain | json_schema | json_object | tools), ``stream`` (bool),
``request_hash`` (recordings). ``responses`` are used in turn; the last one repeats. A response
is ``{"content": str}``, ``{"json": obj}`` (content, or tool-call arguments when tools were
asked for), ``{"status": int, "error": str, "headers": {...}}``, ``{"no_choices": true}``,
``{"hang": seconds}``, ``{"reset": true}`` (the connection is dropped with a TCP reset before any
answer), ``{"content": str, "cut": n}`` (a stream that stops after n content chunks, with no
finish and no [DONE]), each optionally with ``"delay": seconds``.
"""
from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable

import httpx   # imported here, not in the handler threads: a first import racing in threads fails

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "llm"


def load_fixture(name_or_path: str | Path) -> dict:
    p = Path(name_or_path)
    if not p.suffix:
        p = FIXTURES / f"{name_or_path}.json"
    return json.loads(p.read_text("utf-8"))


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
                 handler: Callable[[dict], dict] | None = None):
        if isinstance(fixture, (str, Path)):
            fixture = load_fixture(fixture)
        self.fixture = fixture or {"label": "scripted", "exchanges": []}
        self.delay = delay
        self.upstream, self.upstream_key, self.record_model = upstream, upstream_key, record_model
        self.handler = handler
        self.requests: list[dict] = []
        self.recorded: list[dict] = []
        self._counters: dict[int, int] = {}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------
    def __enter__(self) -> "ReplayServer":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

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
                try:
                    body = json.loads(self.rfile.read(n) or b"{}")
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
            if any(s not in text for s in m.get("contains", [])):
                continue
            if "method" in m and m["method"] != method:
                continue
            if "stream" in m and bool(m["stream"]) != bool(body.get("stream")):
                continue
            with self._lock:
                k = self._counters.get(i, 0)
                self._counters[i] = k + 1
            responses = ex["responses"]
            return responses[min(k, len(responses) - 1)]
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
        finish = "tool_calls" if tool_calls else "stop"
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
                cut = resp.get("cut")
                for n, i in enumerate(range(0, len(text), 12)):
                    if cut is not None and n >= int(cut):
                        return          # the stream stops mid-answer: no finish, no [DONE]
                    send(chunk({"content": text[i:i + 12]}))
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
        """Send the request upstream (never streaming), store and return the answer."""
        fwd = dict(body)
        fwd.pop("stream", None)
        fwd.pop("stream_options", None)
        headers = {"Authorization": f"Bearer {self.upstream_key or 'not-needed'}"}
        try:
            r = httpx.post(self.upstream.rstrip("/") + "/chat/completions", json=fwd, headers=headers, timeout=600)
        except httpx.HTTPError as e:
            return {"status": 502, "error": f"upstream unreachable: {e}"}
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
                resp = {"tool_arguments": calls[0]["function"]["arguments"]} if calls else {"content": msg.get("content") or ""}
                if data.get("usage"):
                    resp["usage_upstream"] = data["usage"]
        with self._lock:
            self.recorded.append({"match": {"request_hash": request_hash(body)}, "responses": [resp],
                                  "request_excerpt": request_text(body)[-200:]})
        return resp

    def save_recording(self, path: str | Path, description: str = "") -> None:
        data = {"label": "recorded", "model": self.record_model or "",
                "description": description, "recorded_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "exchanges": self.recorded}
        Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
