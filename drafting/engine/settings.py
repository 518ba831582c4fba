"""Model settings: one pydantic-settings class for the CLI, the app and the library.

Environment variables (the README's 模型配置 table): ``OPENAI_API_KEY``, ``OPENAI_BASE_URL``,
``DRAFTING_MODEL`` and the ``DRAFTING_*`` tuning variables. Explicit values (CLI flags, the app's
设置 page) override the environment. The key is a ``SecretStr``: it prints as ``**********`` in
reprs, logs and tracebacks, and is read with ``get_secret_value()`` only where a client is built.
"""
from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Field → environment variable, for messages that name what the user set.
ENV_NAMES = {
    "provider": "DRAFTING_PROVIDER", "base_url": "OPENAI_BASE_URL", "model": "DRAFTING_MODEL",
    "api_key": "OPENAI_API_KEY", "timeout": "DRAFTING_TIMEOUT", "max_tokens": "DRAFTING_MAX_TOKENS",
    "max_tokens_param": "DRAFTING_MAX_TOKENS_PARAM", "structured": "DRAFTING_STRUCTURED",
    "stream_usage": "DRAFTING_STREAM_USAGE", "max_retries": "DRAFTING_MAX_RETRIES",
    "concurrency": "DRAFTING_CONCURRENCY", "temperature": "DRAFTING_TEMPERATURE",
    "max_answer_chars": "DRAFTING_MAX_ANSWER_CHARS",
}
# Fields that say *which* model to use. Set explicitly (the app's form, a library call) they are
# never filled in from the environment: a key the user cleared in 设置 must stay cleared.
IDENTITY = ("provider", "base_url", "model", "api_key")
STRUCTURED_METHODS = ("json_schema", "function_calling", "json_mode", "text")


class SettingsError(ValueError):
    """Unusable settings; the message is Chinese and names the variable or option."""


class DraftingSettings(BaseSettings):
    """How to reach a model and how far to trust it."""

    model_config = SettingsConfigDict(env_prefix="DRAFTING_", extra="ignore", populate_by_name=True,
                                      case_sensitive=False)

    provider: Literal["offline", "openai"] | None = None   # None: openai with a key or a local server
    base_url: str | None = Field(None, validation_alias="OPENAI_BASE_URL")
    model: str = Field("", validation_alias="DRAFTING_MODEL")
    api_key: SecretStr | None = Field(None, validation_alias="OPENAI_API_KEY")
    timeout: float = Field(120.0, gt=0)             # seconds: a deadline for a whole call, streaming included
    max_tokens: int = Field(1500, gt=0)
    max_tokens_param: Literal["auto", "max_tokens", "max_completion_tokens"] = "auto"
    structured: Literal["auto", "json_schema", "function_calling", "json_mode", "text"] = "auto"
    stream_usage: bool = True
    max_retries: int = Field(2, ge=0, le=10)
    concurrency: int = Field(6, ge=1, le=32)
    temperature: float = Field(0.2, ge=0, le=2)
    max_answer_chars: int = Field(20000, ge=200)     # a longer answer is cut and counts as a failed call

    @field_validator("base_url", mode="before")
    @classmethod
    def _blank_url(cls, v: Any) -> Any:
        return (v.strip() or None) if isinstance(v, str) else v

    @field_validator("model", mode="before")
    @classmethod
    def _model_str(cls, v: Any) -> Any:
        return "" if v is None else (v.strip() if isinstance(v, str) else v)

    @field_validator("api_key", mode="before")
    @classmethod
    def _blank_key(cls, v: Any) -> Any:
        if isinstance(v, SecretStr):
            v = v.get_secret_value()
        return (v.strip() or None) if isinstance(v, str) else v

    @field_validator("provider", mode="before")
    @classmethod
    def _blank_provider(cls, v: Any) -> Any:
        return (v.strip().lower() or None) if isinstance(v, str) else v

    def key(self) -> str | None:
        return self.api_key.get_secret_value() if self.api_key else None


def load_settings(*, use_env: bool = True, **values: Any) -> DraftingSettings:
    """Settings from explicit values over the environment; None values are "not given".

    With ``use_env`` the identity fields (provider, base_url, model, api_key) not given explicitly
    come from the environment too (the CLI); the app passes them all, so only tuning is read.
    Raises SettingsError with a Chinese message naming the variable or option.
    """
    given = {k: v for k, v in values.items() if v is not None}
    try:
        if use_env:
            return DraftingSettings(**given)
        # Tuning from the environment, identity only from the caller.
        env = DraftingSettings()
        data = {k: getattr(env, k) for k in DraftingSettings.model_fields if k not in IDENTITY}
        data.update({k: values.get(k) for k in IDENTITY})
        data.update({k: v for k, v in given.items() if k not in IDENTITY})
        return DraftingSettings(**data)
    except ValidationError as e:
        raise SettingsError(_explain(e, set(given))) from None


def _choices(field: str) -> list[str]:
    """The values a Literal field allows (Optional unwrapped)."""
    out: list[str] = []
    for arg in get_args(DraftingSettings.model_fields[field].annotation) or ():
        out.extend(a for a in (get_args(arg) or (arg,)) if isinstance(a, str))
    return out


def _explain(e: ValidationError, explicit: set[str]) -> str:
    parts = []
    for err in e.errors():
        field = str(err["loc"][0]) if err["loc"] else ""
        name = f"参数 {field}" if field in explicit else f"环境变量 {ENV_NAMES.get(field, field)}"
        raw = "（已隐去）" if field == "api_key" else err.get("input")
        if err["type"] == "literal_error":
            parts.append(f"{name} 应为 {'、'.join(_choices(field))} 之一，收到 {raw}")
        else:
            parts.append(f"{name} 的取值无效：{raw}")
    return "；".join(parts)
