"""Providers: one drafting interface, two implementations, chosen by settings.

In the manner of simonw/llm's model plugins, the engine (draft.py, facts.py) talks to one small
interface, :class:`Provider`, and never asks which implementation it has:

- ``write_section(report, key, previous, notify)`` → :class:`Completion`: one section in slot form;
- ``rewrite(task, inputs, notify)`` → :class:`Completion`: a repair or a revision by prompt;
- ``read_facts(report, conversation)`` → ``FactsOut``: an account of the year, sorted;
- ``check()`` → :class:`ConnectionCheck`.

Implementations register in ``PROVIDERS`` by ``kind``: ``offline`` (the deterministic drafter:
writes from the data, cannot rewrite by instruction) and ``openai`` (any OpenAI-compatible
chat-completions endpoint, in openai_compat.py). :func:`get_provider` picks one from
:class:`~drafting.engine.settings.DraftingSettings`.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, ClassVar
from urllib.parse import urlparse

from .. import secrets
from ..errors import DraftingError
from .settings import DraftingSettings, SettingsError, load_settings

if TYPE_CHECKING:
    from ..model import Report
    from .facts import FactsOut

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"

# notify(kind, text): kind "delta" (streamed text) or "retry" (a Chinese note: the call is tried again)
Notify = Callable[[str, str], None]


class ProviderError(DraftingError, RuntimeError):
    """A provider cannot be set up or called; the message is Chinese and says what to do.
    A model call that failed: exit status 1."""

    code = "model"
    exit_code = 1


class ProviderUsageError(ProviderError):
    """The request cannot be done as asked (no model configured, unusable settings, unknown
    section, a locked or empty section): exit status 2, and no model was called."""

    code = "usage"
    exit_code = 2


class AnswerRejected(ProviderError):
    """The answer was cut: over the size cap, repeating itself, or past the deadline. A failed call."""


class StreamInterrupted(ProviderError):
    """The answer ended without a finish reason: the connection dropped in the middle."""


@dataclass
class Completion:
    """What one call (or, offline, the drafter) produced."""
    text: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    finish_reason: str | None = None


@dataclass
class ConnectionCheck:
    ok: bool
    message: str          # Chinese, for the user
    model: str = ""
    seconds: float = 0.0
    reply: str = ""


class Provider(ABC):
    """How the engine gets text. Subclasses set ``kind`` and register with :func:`register`."""

    kind: ClassVar[str]
    origin: ClassVar[str]          # provenance of what it writes: offline | generated
    revises: ClassVar[bool]        # can rewrite text by prompt (repairs, revisions)

    def __init__(self, settings: DraftingSettings | None = None):
        # No settings: the defaults, without reading the environment (the offline fallback must
        # work even when a DRAFTING_* variable is unusable).
        self.settings = settings or DraftingSettings.model_construct(provider=self.kind)

    # -- what the engine and the UI read ------------------------------------------------
    @property
    def is_offline(self) -> bool:
        return self.kind == "offline"

    @property
    def model(self) -> str:
        return self.settings.model

    @property
    def base_url(self) -> str | None:
        return self.settings.base_url

    @property
    def name(self) -> str:
        return self.model or self.kind

    @property
    def timeout(self) -> float:
        return self.settings.timeout

    @property
    def concurrency(self) -> int:
        return self.settings.concurrency

    def __repr__(self) -> str:   # never the key
        return f"{type(self).__name__}(model={self.model!r}, base_url={self.base_url!r})"

    # -- the interface ------------------------------------------------------------------
    @abstractmethod
    async def write_section(self, report: "Report", key: str, previous: "Report | None" = None,
                            notify: Notify | None = None) -> Completion:
        """The first text of one section, in slot form."""

    @abstractmethod
    async def rewrite(self, task: str, inputs: dict, notify: Notify | None = None) -> Completion:
        """Text from a rewriting prompt (``repair``, ``revise``) and its inputs."""

    @abstractmethod
    def read_facts(self, report: "Report", conversation: str, aspect: str | None = None) -> "FactsOut":
        """The user's account of the year as statements by aspect, each with the clerk's words
        (``aspect``: the part or aspect the user was just asked about)."""

    @abstractmethod
    def check(self) -> ConnectionCheck:
        """One tiny request: does the model answer?"""

    def prompt_version(self, task: str) -> str:
        from .prompts import load_prompt
        return load_prompt(task).version


PROVIDERS: dict[str, type[Provider]] = {}


def register(cls: type[Provider]) -> type[Provider]:
    PROVIDERS[cls.kind] = cls
    return cls


@register
class OfflineProvider(Provider):
    """The deterministic drafter: every section from the tables and facts, no model, no network."""

    kind = "offline"
    origin = "offline"
    revises = False

    @property
    def name(self) -> str:
        return "offline"

    @property
    def model(self) -> str:
        return ""

    async def write_section(self, report, key, previous=None, notify=None) -> Completion:
        from .offline import offline_slot_text
        return Completion(offline_slot_text(report, key, previous), finish_reason="stop")

    async def rewrite(self, task, inputs, notify=None) -> Completion:
        raise ProviderUsageError("按意见修改需要配置模型；离线模式下请直接编辑正文。")

    def read_facts(self, report, conversation, aspect=None):
        from .facts import offline_extract
        return offline_extract(conversation, report, aspect)

    def check(self) -> ConnectionCheck:
        return ConnectionCheck(True, "当前为离线起草模式，不调用模型。", "offline")

    def prompt_version(self, task: str) -> str:
        from .offline import offline_version
        return offline_version()


def is_loopback(url: str | None) -> bool:
    host = urlparse(url).hostname if url else None
    return bool(host) and (host in ("localhost", "::1") or host.startswith("127."))


def get_provider(settings: DraftingSettings) -> Provider:
    """The provider the settings ask for; ProviderError in Chinese when they are unusable.

    No ``provider`` set means ``openai`` when a key is given (or the server is on this machine,
    where Ollama, vLLM and llama.cpp need no key), otherwise ``offline``.
    """
    from . import openai_compat  # noqa: F401,I001  (registers the "openai" provider)
    kind = settings.provider or ("openai" if (settings.api_key or is_loopback(settings.base_url)) else "offline")
    if kind not in PROVIDERS:
        raise ProviderUsageError(f"未知的模型提供方：{kind}（可选 {'、'.join(PROVIDERS)}）")
    if kind == "offline":
        return PROVIDERS[kind](settings.model_copy(update={"provider": "offline"}))
    s = settings
    if s.base_url and urlparse(s.base_url).scheme not in ("http", "https"):
        raise ProviderUsageError(f"模型服务地址应以 http:// 或 https:// 开头：{s.base_url}")
    if not s.api_key and not is_loopback(s.base_url):
        raise ProviderUsageError("未设置模型服务的密钥（OPENAI_API_KEY 或 --api-key）；不使用模型时请选择离线起草（--provider offline）。")
    if not s.model:
        if s.base_url is None:
            s = s.model_copy(update={"model": DEFAULT_OPENAI_MODEL})
        else:
            raise ProviderUsageError("未指定模型名称（DRAFTING_MODEL 或 --model），例如 deepseek-chat、qwen-plus、glm-4-flash。")
    return PROVIDERS[kind](s.model_copy(update={"provider": kind}))


def _settings(use_env: bool, kind, base_url, model, api_key, options: dict[str, Any]) -> DraftingSettings:
    kind = (kind or "").strip().lower() or None
    if kind is not None and kind not in ("offline", "openai"):
        raise ProviderUsageError(f"未知的模型提供方：{kind}（可选 offline、openai）")
    try:
        return load_settings(use_env=use_env, provider=kind, base_url=base_url, model=model, api_key=api_key,
                             **options)
    except SettingsError as e:
        if kind == "offline":      # the offline drafter needs none of it: never fail the way out
            return DraftingSettings.model_construct(provider="offline")
        raise ProviderUsageError(str(e)) from None


def provider_from_settings(base_url: str | None = None, model: str | None = None, api_key: str | None = None,
                           kind: str | None = None, **options: Any) -> Provider:
    """A provider from explicit settings (the app's 设置 form, a library call): the model, address
    and key are taken as given, never from the environment; DRAFTING_* tuning still applies."""
    return get_provider(_settings(False, kind, base_url, model, api_key, options))


def provider_from_env(kind: str | None = None, base_url: str | None = None, model: str | None = None,
                      api_key: str | None = None, **options: Any) -> Provider:
    """Arguments (CLI flags) over OPENAI_BASE_URL, DRAFTING_MODEL, OPENAI_API_KEY, DRAFTING_PROVIDER
    and the DRAFTING_* tuning variables."""
    return get_provider(_settings(True, kind, base_url, model, api_key, options))


def describe_error(exc: BaseException) -> str:
    """A model-call failure in Chinese, saying what to check."""
    import openai
    name = type(exc).__name__
    if isinstance(exc, ProviderError):
        return redact(str(exc))
    if isinstance(exc, openai.AuthenticationError):
        return "模型服务拒绝了密钥（401），请检查 OPENAI_API_KEY。"
    if isinstance(exc, openai.PermissionDeniedError):
        return "密钥无权使用该模型（403）。"
    if isinstance(exc, openai.NotFoundError):
        return "找不到该地址或模型（404），请检查服务地址（应以 /v1 结尾）和模型名称。"
    if isinstance(exc, openai.RateLimitError):
        return "模型服务限流（429），重试后仍未成功，请稍后再试。"
    if isinstance(exc, (openai.APITimeoutError, TimeoutError)) or "Timeout" in name:
        return "模型服务响应超时。"
    if isinstance(exc, openai.APIConnectionError):
        return "无法连接到模型服务，请检查服务地址和网络。"
    if isinstance(exc, openai.BadRequestError):
        return f"模型服务不接受该请求（400）：{_short(exc)}"
    if isinstance(exc, openai.APIStatusError):
        return f"模型服务出错（{exc.status_code}）：{_short(exc)}"
    return f"调用模型失败：{_short(exc)}"


redact = secrets.redact   # one registry of keys for the whole program (drafting/secrets.py)


def _short(exc: BaseException) -> str:
    s = redact(str(exc).strip().replace("\n", " "))
    return s[:160] + ("…" if len(s) > 160 else "")


def test_connection(provider: Provider) -> ConnectionCheck:
    """Send one tiny request and say, in Chinese, whether the model answers."""
    return provider.check()


test_connection.__test__ = False   # not a pytest test, despite its name


def run_sync(coro):
    """Run a coroutine from synchronous code, also from inside a running loop (a notebook)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(1) as ex:
        return ex.submit(asyncio.run, coro).result()
