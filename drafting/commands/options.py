"""The model options, declared once and shared by ``draft``, ``revise`` and ``facts``.

``@model_options`` adds --provider, --base-url, --model, --api-key, --timeout and --max-tokens to
a command and hands it a :class:`ModelChoice` in the parameter ``model_choice``; the command calls
``model_choice.provider()`` when it needs the model (after reading its inputs, so a missing file
is reported first). Flags override the environment (drafting/engine/settings.py).
"""
from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass
from typing import Any, Callable, Optional

import typer

from ..cli import _echo


@dataclass
class ModelChoice:
    provider_kind: str | None = None
    base_url: str | None = None
    model: str | None = None
    api_key: str | None = None
    timeout: float | None = None
    max_tokens: int | None = None

    def provider(self):
        """The provider these flags and the environment ask for; exit 2 with the reason otherwise."""
        from ..engine import ProviderError, provider_from_env
        try:
            return provider_from_env(self.provider_kind, self.base_url, self.model, self.api_key,
                                     timeout=self.timeout, max_tokens=self.max_tokens)
        except ProviderError as e:
            _echo(f"模型配置有误：{e}", err=True)
            raise typer.Exit(2)


def _opt(name: str, annotation: Any, option: Any) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=option, annotation=annotation)


# One declaration of each flag. The names are ModelChoice's fields, prefixed to keep clear of
# a command's own parameters.
_OPTIONS = (
    _opt("m_provider", Optional[str], typer.Option(
        None, "--provider", help="offline（离线起草）或 openai（OpenAI 兼容接口）；未设置密钥时默认离线（DRAFTING_PROVIDER）")),
    _opt("m_base_url", Optional[str], typer.Option(
        None, "--base-url", help="模型服务地址（覆盖 OPENAI_BASE_URL），如 https://api.deepseek.com/v1")),
    _opt("m_model", Optional[str], typer.Option(None, "--model", help="模型名称（覆盖 DRAFTING_MODEL）")),
    _opt("m_api_key", Optional[str], typer.Option(None, "--api-key", help="密钥（建议用环境变量 OPENAI_API_KEY）")),
    _opt("m_timeout", Optional[float], typer.Option(
        None, "--timeout", help="每次调用的时限（秒，含流式输出的全过程；默认 120，DRAFTING_TIMEOUT）")),
    _opt("m_max_tokens", Optional[int], typer.Option(
        None, "--max-tokens", help="每次生成的最大 token 数（默认 1500，DRAFTING_MAX_TOKENS）")),
)
_FIELDS = {"m_provider": "provider_kind", "m_base_url": "base_url", "m_model": "model", "m_api_key": "api_key",
           "m_timeout": "timeout", "m_max_tokens": "max_tokens"}


def model_options(func: Callable) -> Callable:
    """Give a command the shared model flags; it receives them as ``model_choice: ModelChoice``."""
    sig = inspect.signature(func, eval_str=True)
    own = [p for p in sig.parameters.values() if p.name != "model_choice"]

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        choice = ModelChoice(**{_FIELDS[k]: kwargs.pop(k, None) for k in _FIELDS})
        return func(*args, model_choice=choice, **kwargs)

    wrapper.__signature__ = sig.replace(parameters=own + list(_OPTIONS))
    wrapper.__annotations__ = {p.name: p.annotation for p in own + list(_OPTIONS)}
    return wrapper
