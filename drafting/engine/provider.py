"""Providers: the offline drafter, or any OpenAI-compatible chat-completions endpoint.

Server quirks handled here (see the README section 模型配置):

- messages are sent as plain strings (langchain-openai does so for string content), which
  DeepSeek, Qwen, GLM, Ollama, vLLM and llama.cpp servers all accept;
- langchain-openai sends ``max_tokens`` as ``max_completion_tokens``, which OpenAI wants but
  llama.cpp, older vLLM and several hosted servers ignore; for any other server the limit goes
  out as ``max_tokens`` in the request body instead;
- structured output falls back from json_schema to function calling to JSON mode to plain text
  (facts.py), remembering per provider what worked.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from .. import secrets

OPENAI_HOSTS = ("api.openai.com",)
DEFAULT_OPENAI_MODEL = "gpt-4o-mini"


class ProviderError(RuntimeError):
    """A provider cannot be set up or called; the message is Chinese and says what to do."""


@dataclass
class Provider:
    """How to reach a model. ``kind`` is ``offline`` (the deterministic drafter) or ``openai``."""

    kind: str = "offline"
    base_url: str | None = None
    model: str = ""
    api_key: str | None = field(default=None, repr=False)
    timeout: float = 120.0
    max_retries: int = 2
    max_tokens: int = 1500
    temperature: float = 0.2
    max_tokens_param: str = "auto"      # auto | max_tokens | max_completion_tokens
    structured: str = "auto"            # auto | json_schema | function_calling | json_mode | text
    stream_usage: bool = True           # ask for token usage in streams (stream_options)
    concurrency: int = 6                # sections drafted at the same time
    # Learned at run time: the structured-output method that worked with this server.
    _structured_ok: str | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.api_key and len(self.api_key) >= 6:
            secrets.register(self.api_key)   # some servers echo the key in error text: never show it

    @property
    def is_offline(self) -> bool:
        return self.kind == "offline"

    @property
    def name(self) -> str:
        return "offline" if self.is_offline else self.model

    @property
    def is_openai(self) -> bool:
        host = urlparse(self.base_url).hostname if self.base_url else "api.openai.com"
        return host in OPENAI_HOSTS

    def token_kwargs(self) -> dict[str, Any]:
        mode = self.max_tokens_param
        if mode == "auto":
            mode = "max_completion_tokens" if self.is_openai else "max_tokens"
        if mode == "max_completion_tokens":
            return {"max_tokens": self.max_tokens}          # langchain-openai renames it
        return {"extra_body": {"max_tokens": self.max_tokens}}

    def chat_model(self, streaming: bool = False, max_tokens: int | None = None, http_async_client=None):
        """A ChatOpenAI client for this provider (real HTTP; tests point it at a loopback server).

        Async callers pass ``http_async_client`` from :func:`async_http_client`, made inside their
        event loop: the default shared async client stays bound to the first loop that used it,
        and the next ``asyncio.run`` (a revision after a draft) fails with "Event loop is closed".
        """
        if self.is_offline:
            raise ProviderError("离线模式不调用模型")
        from langchain_openai import ChatOpenAI
        kw = self.token_kwargs()
        if max_tokens is not None:
            kw = {k: ({"max_tokens": max_tokens} if k == "extra_body" else max_tokens) for k in kw}
        if http_async_client is not None:
            kw["http_async_client"] = http_async_client
        return ChatOpenAI(model=self.model, base_url=self.base_url, api_key=self.api_key or "not-needed",
                          timeout=self.timeout, max_retries=self.max_retries, temperature=self.temperature,
                          streaming=streaming, stream_usage=self.stream_usage, **kw)


def async_http_client(provider: "Provider"):
    """An async HTTP client for one event loop (close it with ``await client.aclose()``).

    Built from the HTTP library the installed openai SDK uses (httpx2 for openai 3, httpx before).
    """
    try:
        from langchain_openai._compat import httpx as http   # the module the SDK itself runs on
    except ImportError:   # older langchain-openai: the SDK runs on classic httpx
        import httpx as http
    return http.AsyncClient(timeout=provider.timeout, follow_redirects=True)


def _is_loopback(url: str | None) -> bool:
    host = urlparse(url).hostname if url else None
    return bool(host) and (host in ("localhost", "::1") or host.startswith("127."))


def provider_from_settings(base_url: str | None = None, model: str | None = None, api_key: str | None = None,
                           kind: str | None = None, **options: Any) -> Provider:
    """A provider from explicit settings (the app's form, the CLI flags).

    ``kind`` None means: ``openai`` when a key is given (or the server is on this machine, where
    Ollama, vLLM and llama.cpp need no key), otherwise ``offline``. Raises ProviderError in Chinese.
    """
    base_url = (base_url or "").strip() or None
    model = (model or "").strip()
    api_key = (api_key or "").strip() or None
    if kind is None:
        kind = "openai" if (api_key or _is_loopback(base_url)) else "offline"
    if kind not in ("offline", "openai"):
        raise ProviderError(f"未知的模型提供方：{kind}（可选 offline、openai）")
    if kind == "offline":
        return Provider(kind="offline", **options)
    if base_url and urlparse(base_url).scheme not in ("http", "https"):
        raise ProviderError(f"模型服务地址应以 http:// 或 https:// 开头：{base_url}")
    if not api_key and not _is_loopback(base_url):
        raise ProviderError("未设置模型服务的密钥（OPENAI_API_KEY 或 --api-key）；不使用模型时请选择离线起草（--provider offline）。")
    if not model:
        if base_url is None:
            model = DEFAULT_OPENAI_MODEL
        else:
            raise ProviderError("未指定模型名称（DRAFTING_MODEL 或 --model），例如 deepseek-chat、qwen-plus、glm-4-flash。")
    for k in ("timeout", "max_retries", "max_tokens", "concurrency"):
        if k in options and options[k] is not None and float(options[k]) < (0 if k == "max_retries" else 1e-3):
            raise ProviderError(f"参数 {k} 的取值无效：{options[k]}")
    options = {k: v for k, v in options.items() if v is not None}
    return Provider(kind="openai", base_url=base_url, model=model, api_key=api_key, **options)


# Optional tuning from the environment: name -> (Provider field, type, allowed values).
ENV_OPTIONS = {
    "DRAFTING_TIMEOUT": ("timeout", float, None),
    "DRAFTING_MAX_TOKENS": ("max_tokens", int, None),
    "DRAFTING_MAX_RETRIES": ("max_retries", int, None),
    "DRAFTING_CONCURRENCY": ("concurrency", int, None),
    "DRAFTING_MAX_TOKENS_PARAM": ("max_tokens_param", str, ("auto", "max_tokens", "max_completion_tokens")),
    "DRAFTING_STRUCTURED": ("structured", str, ("auto", "json_schema", "function_calling", "json_mode", "text")),
    "DRAFTING_STREAM_USAGE": ("stream_usage", bool, None),
}


def _env_options() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, (attr, typ, allowed) in ENV_OPTIONS.items():
        raw = os.environ.get(name, "").strip()
        if not raw:
            continue
        try:
            if typ is bool:
                value: Any = raw.lower() not in ("0", "false", "no", "off")
            else:
                value = typ(raw)
        except ValueError:
            raise ProviderError(f"环境变量 {name} 的取值无效：{raw}") from None
        if allowed and value not in allowed:
            raise ProviderError(f"环境变量 {name} 应为 {'、'.join(allowed)} 之一，收到 {raw}")
        out[attr] = value
    return out


def provider_from_env(kind: str | None = None, base_url: str | None = None, model: str | None = None,
                      api_key: str | None = None, **options: Any) -> Provider:
    """Arguments override OPENAI_BASE_URL, DRAFTING_MODEL, OPENAI_API_KEY, DRAFTING_PROVIDER and the
    DRAFTING_* tuning variables (ENV_OPTIONS)."""
    env = os.environ
    merged = _env_options()
    merged.update({k: v for k, v in options.items() if v is not None})
    return provider_from_settings(base_url or env.get("OPENAI_BASE_URL"), model or env.get("DRAFTING_MODEL"),
                                  api_key or env.get("OPENAI_API_KEY"),
                                  kind or env.get("DRAFTING_PROVIDER") or None, **merged)


def describe_error(exc: BaseException) -> str:
    """A model-call failure in Chinese, saying what to check."""
    import openai
    name = type(exc).__name__
    if isinstance(exc, openai.AuthenticationError):
        return "模型服务拒绝了密钥（401），请检查 OPENAI_API_KEY。"
    if isinstance(exc, openai.PermissionDeniedError):
        return "密钥无权使用该模型（403）。"
    if isinstance(exc, openai.NotFoundError):
        return "找不到该地址或模型（404），请检查服务地址（应以 /v1 结尾）和模型名称。"
    if isinstance(exc, openai.RateLimitError):
        return "模型服务限流（429），重试后仍未成功，请稍后再试。"
    if isinstance(exc, openai.APITimeoutError) or "Timeout" in name:
        return "模型服务响应超时。"
    if isinstance(exc, openai.APIConnectionError):
        return "无法连接到模型服务，请检查服务地址和网络。"
    if isinstance(exc, openai.BadRequestError):
        return f"模型服务不接受该请求（400）：{_short(exc)}"
    if isinstance(exc, openai.APIStatusError):
        return f"模型服务出错（{exc.status_code}）：{_short(exc)}"
    if isinstance(exc, ProviderError):
        return redact(str(exc))
    return f"调用模型失败：{_short(exc)}"


redact = secrets.redact   # one registry of keys for the whole program (drafting/secrets.py)


def _short(exc: BaseException) -> str:
    s = redact(str(exc).strip().replace("\n", " "))
    return s[:160] + ("…" if len(s) > 160 else "")


@dataclass
class ConnectionCheck:
    ok: bool
    message: str          # Chinese, for the user
    model: str = ""
    seconds: float = 0.0
    reply: str = ""


def test_connection(provider: Provider) -> ConnectionCheck:
    """Send one tiny request and say, in Chinese, whether the model answers."""
    if provider.is_offline:
        return ConnectionCheck(True, "当前为离线起草模式，不调用模型。", "offline")
    from langchain_core.messages import HumanMessage
    t0 = time.perf_counter()
    try:
        llm = provider.chat_model(max_tokens=16)
        msg = llm.invoke([HumanMessage(content="请只回复两个字：正常")])
    except Exception as e:   # every failure becomes a message for the user
        return ConnectionCheck(False, describe_error(e), provider.model, time.perf_counter() - t0)
    text = msg.content if isinstance(msg.content, str) else str(msg.content)
    dt = time.perf_counter() - t0
    if not text.strip():
        return ConnectionCheck(False, "模型服务有响应，但没有返回任何文字；请检查模型名称或服务的对话模板设置。",
                               provider.model, dt)
    return ConnectionCheck(True, f"连接正常：模型 {provider.model} 在 {dt:.1f} 秒内作答。", provider.model, dt,
                           text.strip()[:50])


test_connection.__test__ = False   # not a pytest test, despite its name
