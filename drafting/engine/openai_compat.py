"""The ``openai`` provider: any OpenAI-compatible /v1/chat/completions endpoint, through LangChain.

LangChain does the work it is made for: ``ChatPromptTemplate`` (prompts.py) | ``ChatOpenAI`` |
``StrOutputParser`` for prose, ``with_structured_output`` for facts (``PydanticOutputParser`` for
JSON written as text), callbacks for token usage (``UsageMetadataCallbackHandler``) and the
finish reason. What stays outside it, and why:

- the deadline (``asyncio.timeout`` around the whole call): the SDK's timeout is per read, so a
  server sending a chunk every 2 s never times out; only a deadline on the call stops it;
- the answer guard (size cap, repetition) on the streamed text, which no parser sees until the
  end; a runaway answer must be stopped while it streams;
- ``max_tokens``: langchain-openai always sends it as ``max_completion_tokens`` (OpenAI's name),
  which llama.cpp, older vLLM and several hosted servers ignore; for those servers the limit goes
  in the request body through ``extra_body``, the documented way to pass provider-specific fields;
- what a server turned out to support (below), kept per endpoint for the life of the process.

Server facts learned at run time live in :class:`EndpointCaps`, one per (base URL, model), in a
process-level cache: the Streamlit app builds a new provider on every rerun and must not find
out again, with a failed request each time, that the server rejects ``stream_options``.
"""
from __future__ import annotations

import asyncio
import json
import re
import threading
import time
import zlib
from collections import Counter
from dataclasses import dataclass
from typing import Any

from .. import secrets
from .provider import (AnswerRejected, Completion, ConnectionCheck, Notify, Provider, ProviderError,
                       StreamInterrupted, describe_error, register, run_sync)
from .settings import STRUCTURED_METHODS

OPENAI_HOSTS = ("api.openai.com",)
OPENAI_URL = "https://api.openai.com/v1"


# -- what a server turned out to support ------------------------------------------------------
@dataclass
class EndpointCaps:
    """Learned from a server's answers; None means "not found out yet"."""
    max_tokens_field: str | None = None     # max_tokens | max_completion_tokens
    structured: str | None = None           # the structured-output method that worked
    stream_options: bool | None = None      # False once the server rejected stream_options


_CAPS: dict[tuple[str, str], EndpointCaps] = {}
_CAPS_LOCK = threading.Lock()


def endpoint_caps(base_url: str | None, model: str) -> EndpointCaps:
    """The one EndpointCaps of this endpoint in this process."""
    key = ((base_url or OPENAI_URL).rstrip("/"), model)
    with _CAPS_LOCK:
        return _CAPS.setdefault(key, EndpointCaps())


def forget_endpoints() -> None:
    """Drop what was learned (tests; a server that was reconfigured)."""
    with _CAPS_LOCK:
        _CAPS.clear()


# -- the answer guard ------------------------------------------------------------------------
_SENTENCE_END = re.compile(r"[。！？；!?;\n]")
REPEAT_SENTENCES = 5        # one sentence this many times is a loop, not a report
CHECK_EVERY = 400           # characters between repetition checks while streaming


def repetition(text: str) -> str | None:
    """The repeated piece when ``text`` is a model stuck in a loop, else None.

    Two signs: one sentence of six or more characters coming back REPEAT_SENTENCES times, or
    (for loops without sentence breaks) the last 4,000 characters compressing below 12 % of
    their size, where report prose stays above 30 %.
    """
    if len(text) < 200:
        return None
    counts = Counter(s.strip() for s in _SENTENCE_END.split(text) if len(s.strip()) >= 6)
    if counts:
        sentence, n = counts.most_common(1)[0]
        if n >= REPEAT_SENTENCES:
            return sentence
    tail = text[-4000:].encode("utf-8")
    if len(tail) >= 1500 and len(zlib.compress(tail)) < 0.12 * len(tail):
        return text[-30:]
    return None


class AnswerGuard:
    """Watches an answer as it arrives: stops it past the size cap or when it repeats itself."""

    def __init__(self, max_chars: int):
        self.max_chars = max_chars
        self.parts: list[str] = []
        self.size = 0
        self._checked = 0

    def add(self, piece: str) -> None:
        self.parts.append(piece)
        self.size += len(piece)
        if self.size > self.max_chars:
            raise AnswerRejected(f"模型的回答超过 {self.max_chars} 字的上限，已中止并视为调用失败。")
        if self.size - self._checked >= CHECK_EVERY:
            self._checked = self.size
            self.check_repetition()

    def check_repetition(self) -> None:
        rep = repetition(self.text)
        if rep is not None:
            raise AnswerRejected(f"模型的回答不断重复同一段文字（“{rep.strip()[:20]}”），"
                                 f"已在 {self.size} 字处中止并视为调用失败。")

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _finish_handler():
    from langchain_core.callbacks import BaseCallbackHandler

    class FinishReason(BaseCallbackHandler):
        """Remembers why the model stopped; a cut stream has no reason at all."""

        def __init__(self) -> None:
            self.reason: str | None = None

        def on_llm_end(self, response, **kwargs) -> None:
            for gens in response.generations:
                for g in gens:
                    info = dict(g.generation_info or {})
                    msg = getattr(g, "message", None)
                    if msg is not None:
                        info.update({k: v for k, v in (msg.response_metadata or {}).items() if v})
                    if info.get("finish_reason"):
                        self.reason = info["finish_reason"]
    return FinishReason()


def _usage(cb) -> tuple[int, int]:
    p = c = 0
    for u in (cb.usage_metadata or {}).values():
        p += int(u.get("input_tokens", 0) or 0)
        c += int(u.get("output_tokens", 0) or 0)
    return p, c


def _json_part(text: str) -> str:
    """The JSON object in a text answer (reasoning and chatter around it removed)."""
    text = re.sub(r"<think>.*?</think>", "", text or "", flags=re.S)
    m = re.search(r"\{.*\}", text, flags=re.S)
    if not m:
        raise ValueError("no JSON object in the answer")
    return m.group()


@register
class OpenAICompatible(Provider):
    kind = "openai"
    origin = "generated"
    revises = True

    def __init__(self, settings):
        super().__init__(settings)
        secrets.register(settings.key())   # some servers echo the key in error text: never show it
        self.caps = endpoint_caps(self.base_url, self.model)

    # -- request shape ------------------------------------------------------------------
    @property
    def is_openai(self) -> bool:
        from urllib.parse import urlparse
        host = urlparse(self.base_url).hostname if self.base_url else "api.openai.com"
        return host in OPENAI_HOSTS

    def max_tokens_field(self) -> str:
        if self.caps.max_tokens_field:
            return self.caps.max_tokens_field
        mode = self.settings.max_tokens_param
        if mode == "auto":
            mode = "max_completion_tokens" if self.is_openai else "max_tokens"
        return mode

    def token_kwargs(self, max_tokens: int | None = None) -> dict[str, Any]:
        n = max_tokens or self.settings.max_tokens
        if self.max_tokens_field() == "max_completion_tokens":
            return {"max_tokens": n}                  # langchain-openai sends it as max_completion_tokens
        return {"extra_body": {"max_tokens": n}}      # the body field these servers read

    @property
    def stream_usage(self) -> bool:
        return self.settings.stream_usage and self.caps.stream_options is not False

    def chat_model(self, *, streaming: bool, http_async_client, max_tokens: int | None = None):
        from langchain_openai import ChatOpenAI
        s = self.settings
        return ChatOpenAI(model=self.model, base_url=self.base_url, api_key=s.key() or "not-needed",
                          timeout=s.timeout, max_retries=s.max_retries, temperature=s.temperature,
                          streaming=streaming, stream_usage=self.stream_usage,
                          http_async_client=http_async_client, **self.token_kwargs(max_tokens))

    def _client(self):
        """An async HTTP client for one call, in the current event loop (the SDK's public default
        client class, so it is the HTTP library the installed SDK runs on). One per call: a shared
        client stays bound to the loop that first used it, and the next ``asyncio.run`` fails."""
        import openai
        return openai.DefaultAsyncHttpxClient(timeout=self.settings.timeout)

    def _adapt(self, exc: Exception, stream: bool, tried: set[str]) -> bool:
        """A 400 naming a field this server does not take: change the request, remember, retry."""
        import openai
        if not isinstance(exc, openai.BadRequestError):
            return False
        msg = str(exc)
        if stream and "stream_options" in msg and "stream_options" not in tried:
            # not gated on the cache: a parallel section may have switched it off meanwhile
            tried.add("stream_options")
            self.caps.stream_options = False
            return True
        used = self.max_tokens_field()
        other = "max_tokens" if used == "max_completion_tokens" else "max_completion_tokens"
        if re.search(rf"(?<![a-z_]){used}(?![a-z_])", msg) and other not in tried:
            tried.add(used)
            self.caps.max_tokens_field = other
            return True
        return False

    # -- one prose call ------------------------------------------------------------------
    async def _once(self, task: str, inputs: dict, notify: Notify | None, stream: bool) -> Completion:
        from langchain_core.callbacks import UsageMetadataCallbackHandler
        from langchain_core.output_parsers import StrOutputParser
        from .prompts import load_prompt
        usage, fin = UsageMetadataCallbackHandler(), _finish_handler()
        guard = AnswerGuard(self.settings.max_answer_chars)
        client = self._client()
        try:
            llm = self.chat_model(streaming=stream, http_async_client=client)
            chain = load_prompt(task).chat_prompt() | llm | StrOutputParser()
            config = {"callbacks": [usage, fin]}
            try:
                async with asyncio.timeout(self.settings.timeout):
                    if stream:
                        pieces = chain.astream(inputs, config=config)
                        try:
                            async for piece in pieces:
                                if piece:
                                    guard.add(piece)
                                    if notify:
                                        notify("delta", piece)
                        finally:
                            # closed here, in this loop, also when the guard stops the answer:
                            # left to the garbage collector it is closed after the loop is gone
                            await pieces.aclose()
                    else:
                        guard.add(await chain.ainvoke(inputs, config=config))
                    guard.check_repetition()
            except TimeoutError:
                raise AnswerRejected(f"模型服务在 {self.settings.timeout:g} 秒内没有答完（超时），"
                                     f"已在 {guard.size} 字处中止。") from None
        finally:
            await client.aclose()
        p, c = _usage(usage)
        return Completion(guard.text, p, c, fin.reason)

    async def complete(self, task: str, inputs: dict, notify: Notify | None = None, stream: bool = True) -> Completion:
        """One answer to a prompt file's task, streamed, under the deadline and the guard; a stream
        cut without a finish reason is tried once more; 400s on unknown fields adapt the request."""
        from .chains import clean_output
        tried: set[str] = set()
        prompt_tokens = completion_tokens = 0
        interrupted = 0
        for _ in range(6):
            try:
                comp = await self._once(task, inputs, notify, stream)
            except Exception as e:
                if self._adapt(e, stream, tried):
                    continue
                raise
            prompt_tokens += comp.prompt_tokens
            completion_tokens += comp.completion_tokens
            if not comp.text.strip():
                # No choices, or an empty answer: a server or template problem, not something to repair.
                raise ProviderError("模型没有返回任何内容。")
            if comp.finish_reason == "length":
                raise ProviderError("模型的回答超出长度上限（max_tokens）而被截断。")
            if comp.finish_reason is None:
                interrupted += 1
                if interrupted == 1:
                    if notify:
                        notify("retry", "模型的回答在中途中断，正在重试")
                    continue
                raise StreamInterrupted("模型的回答两次在中途中断。")
            return Completion(clean_output(comp.text), prompt_tokens, completion_tokens, comp.finish_reason)
        raise ProviderError("模型服务一再拒绝请求的参数。")

    async def write_section(self, report, key, previous=None, notify=None, stream: bool = True) -> Completion:
        from .chains import SECTION_TASK, section_inputs
        return await self.complete(SECTION_TASK[key], section_inputs(report, key, previous), notify, stream)

    async def rewrite(self, task, inputs, notify=None, stream: bool = True) -> Completion:
        return await self.complete(task, inputs, notify, stream)

    # -- structured output -----------------------------------------------------------------
    def read_facts(self, report, conversation, aspect=None):
        from .facts import FactsOut, facts_prompt_inputs
        from .prompts import load_prompt
        messages = load_prompt("facts").chat_prompt().invoke(
            facts_prompt_inputs(report, conversation, aspect)).to_messages()
        out = run_sync(self.structured(messages, FactsOut))
        # A key the server echoed (in a question, a note) never reaches the report or the screen.
        return FactsOut.model_validate_json(secrets.redact(out.model_dump_json()))

    async def structured(self, messages, schema):
        """``schema`` from the server: json_schema → function calling → JSON mode → JSON in text,
        starting with what worked last time on this endpoint."""
        import openai
        from langchain_core.output_parsers import PydanticOutputParser, StrOutputParser
        from langchain_core.runnables import RunnableLambda
        order = list(STRUCTURED_METHODS)
        if self.settings.structured != "auto":
            order = [self.settings.structured]
        elif self.caps.structured in order:
            order.remove(self.caps.structured)
            order.insert(0, self.caps.structured)
        last: Exception | None = None
        tried: set[str] = set()
        queue = list(order)
        while queue:
            method = queue.pop(0)
            client = self._client()
            try:
                llm = self.chat_model(streaming=False, http_async_client=client)
                if method == "text":
                    runnable = llm | StrOutputParser() | RunnableLambda(_json_part) | PydanticOutputParser(pydantic_object=schema)
                else:
                    runnable = llm.with_structured_output(schema, method=method)
                async with asyncio.timeout(self.settings.timeout):
                    result = await runnable.ainvoke(messages)
                if isinstance(result, dict):
                    result = schema.model_validate(result)
                if result is None:
                    raise ValueError("empty structured answer")
            except TimeoutError:
                raise AnswerRejected(f"模型服务在 {self.settings.timeout:g} 秒内没有答完（超时），已中止。") from None
            except (openai.APIConnectionError, openai.AuthenticationError, openai.PermissionDeniedError,
                    openai.RateLimitError, openai.NotFoundError, openai.APITimeoutError) as e:
                raise ProviderError(describe_error(e)) from e     # no other method fixes these
            except Exception as e:   # unsupported or malformed (LangChain wraps parse failures): next method
                if self._adapt(e, False, tried):
                    queue.insert(0, method)
                    continue
                last = e
                continue
            finally:
                await client.aclose()
            size = len(result.model_dump_json())
            if size > 2 * self.settings.max_answer_chars:
                raise AnswerRejected(f"模型的回答超过上限（{size} 字），已中止并视为调用失败。")
            self.caps.structured = method
            return result
        raise ProviderError("模型未能按要求给出结构化结果（已依次尝试 json_schema、函数调用、JSON 模式和文本）："
                            + (describe_error(last) if last else ""))

    # -- connection check -----------------------------------------------------------------
    def check(self) -> ConnectionCheck:
        return run_sync(self._check())

    async def _check(self) -> ConnectionCheck:
        from langchain_core.messages import HumanMessage
        t0 = time.perf_counter()
        client = self._client()
        try:
            llm = self.chat_model(streaming=False, http_async_client=client, max_tokens=16)
            async with asyncio.timeout(self.settings.timeout):
                msg = await llm.ainvoke([HumanMessage(content="请只回复两个字：正常")])
        except TimeoutError:
            return ConnectionCheck(False, "模型服务响应超时。", self.model, time.perf_counter() - t0)
        except Exception as e:   # every failure becomes a message for the user
            return ConnectionCheck(False, describe_error(e), self.model, time.perf_counter() - t0)
        finally:
            await client.aclose()
        text = msg.content if isinstance(msg.content, str) else json.dumps(msg.content, ensure_ascii=False)
        dt = time.perf_counter() - t0
        if not text.strip():
            return ConnectionCheck(False, "模型服务有响应，但没有返回任何文字；请检查模型名称或服务的对话模板设置。",
                                   self.model, dt)
        return ConnectionCheck(True, f"连接正常：模型 {self.model} 在 {dt:.1f} 秒内作答。", self.model, dt,
                               secrets.redact(text.strip()[:50]))
