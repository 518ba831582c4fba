"""The app's own browser components (Streamlit components v2: inline JS, no build step, no
network). Everything they show is passed as data and put into the page with textContent,
never as HTML, so text a person typed cannot become markup or script."""
from __future__ import annotations

import streamlit as st

from .. import workflow

_DIFF_JS = """
export default function (component) {
  const { data, parentElement } = component;
  let box = parentElement.querySelector('div.diff');
  if (!box) { box = document.createElement('div'); box.className = 'diff'; parentElement.appendChild(box); }
  box.replaceChildren();
  for (const [op, text] of data.parts) {
    const el = document.createElement(op === 'del' ? 'del' : op === 'ins' ? 'ins' : 'span');
    el.textContent = text;
    box.appendChild(el);
  }
}
"""
_DIFF_CSS = """
.diff { white-space: pre-wrap; line-height: 1.8; font-size: 1rem; }
del { color: #b00; } ins { color: #070; }
"""
_diff = st.components.v2.component("nianbao_diff", js=_DIFF_JS, css=_DIFF_CSS)


def diff_view(old: str, new: str, key: str) -> None:
    """Deletions struck through in red, insertions underlined in green."""
    _diff(data={"parts": workflow.diff_parts(old, new)}, key=key)
