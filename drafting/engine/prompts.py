"""Prompt files (drafting/prompts/, shipped as package data): loading, versioning, building LangChain prompts.

The shared style guide opens every system message. A task file holds ``system`` and ``user``
templates (Jinja2, so that single-brace data slots pass through untouched) and optional
few-shot ``examples``. A prompt's version is ``task@hash`` over the style guide and the task file.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.prompts import ChatPromptTemplate

from ..resources import PROMPTS_DIR as _PACKAGED_PROMPTS

PROMPTS_DIR = Path(os.environ.get("DRAFTING_PROMPTS_DIR") or _PACKAGED_PROMPTS)


class PromptError(RuntimeError):
    pass


@dataclass(frozen=True)
class PromptSpec:
    task: str
    title: str
    system: str
    user: str
    examples: tuple[tuple[str, str], ...]
    style: str
    version: str          # task@sha256[:12]

    def chat_prompt(self) -> ChatPromptTemplate:
        """System (style guide + task), few-shot pairs as literal messages, then the user turn."""
        messages: list = [("system", self.style + "\n\n" + self.system)]
        for q, a in self.examples:
            messages.append(HumanMessage(content=q))   # literal: not templated, slots stay as written
            messages.append(AIMessage(content=a))
        messages.append(("human", self.user))
        return ChatPromptTemplate.from_messages(messages, template_format="jinja2")


@lru_cache(maxsize=32)
def load_prompt(task: str, directory: str | None = None) -> PromptSpec:
    d = Path(directory) if directory else PROMPTS_DIR
    style_path, task_path = d / "style.md", d / f"{task}.yaml"
    if not style_path.exists() or not task_path.exists():
        raise PromptError(f"找不到提示词文件：{task_path if style_path.exists() else style_path}")
    style = style_path.read_text("utf-8").strip()
    raw = task_path.read_text("utf-8")
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError:
        raise PromptError(f"提示词文件不是有效的 YAML：{task_path}") from None
    if not isinstance(data, dict) or "system" not in data or "user" not in data:
        raise PromptError(f"提示词文件缺少 system 或 user：{task_path}")
    digest = hashlib.sha256((style + "\n\x00\n" + raw).encode("utf-8")).hexdigest()[:12]
    examples = tuple((str(e["input"]).strip(), str(e["output"]).strip()) for e in data.get("examples") or ())
    return PromptSpec(task=task, title=str(data.get("title", task)), system=str(data["system"]).strip(),
                      user=str(data["user"]).strip(), examples=examples, style=style, version=f"{task}@{digest}")
