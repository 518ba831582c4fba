"""工作情况: the year's work by topic, told in a chat or typed; figures outside the tables."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from drafting import limits
from drafting.facts import TOPICS
from drafting.model import Figure, Report
from drafting.webui import engine_ui, state, ui

st.header("工作情况")
rep = ui.report()
st.caption("逐项填写本年度的工作情况，起草时据此成文；没有填写的方面会在草稿中留下【待补充】标记。")
from drafting.engine.facts import edit_part, part_text  # noqa: E402  (light: no model client)

with st.form(state.wkey("facts_form")):
    values = {}
    for t in TOPICS:
        values[t.key] = ui.text_area(f"{t.label}（{t.question}）", value=part_text(rep.facts, t.key),
                                     key=state.wkey(f"fact_{t.key}"), height=80)
    if st.form_submit_button("保存工作情况"):
        def mutate(r: Report):
            # Unchanged lines keep the clause, aspect and figures they were said with.
            for k, v in values.items():
                r.facts = edit_part(r.facts, k, v)
        if state.commit(mutate):
            ui.saved("工作情况已保存。")
            st.rerun()
from drafting.injection import instruction_like  # noqa: E402

odd = [n.text for ns in rep.facts.groups().values() for n in ns if instruction_like(n.text)]
if odd:
    st.warning("以下内容像是给系统的指令，起草时不会采用：" + "；".join(ui.esc(x) for x in odd))


def _facts_chat() -> None:
    """Tell the year's work in plain words; the facts are filled and what is missing is asked."""
    from drafting.engine import extract_facts
    st.subheader("对话填写")
    provider, _problem = engine_ui.current_provider()
    st.caption(f"用自己的话介绍今年的工作，系统会整理成上面的各项要点和数据。当前方式：{engine_ui.provider_label(provider)}")
    s = state.store()
    rid = state.current_id()
    for m in s.messages(rid):
        with st.chat_message(m.role):
            st.text(m.content)
    text = st.chat_input("例如：今年我们通过门户网站公开信息320条，组织培训2次……", key="facts_chat",
                         max_chars=limits.limit("section_chars"))
    if not text:
        return
    s.add_message(rid, "user", text)          # kept before any model call
    try:
        facts, questions = extract_facts(rep, text, provider)
    except Exception as e:   # the user's words are already saved; say what went wrong, without secrets
        s.add_message(rid, "assistant", f"这段内容没能整理：{engine_ui.describe_failure(e)} 您的原话已保存。")
        st.rerun()
    before_notes = sum(len(v) for v in rep.facts.notes.values())
    before_figs = len(rep.facts.figures)
    if state.commit(lambda r: setattr(r, "facts", facts), note="对话填写工作情况") is None:
        s.add_message(rid, "assistant", "整理结果未能保存（报告已被其他会话修改），请刷新后再说一遍。")
        st.rerun()
    added_notes = sum(len(v) for v in facts.notes.values()) - before_notes
    added_figs = len(facts.figures) - before_figs
    reply = f"已记下 {added_notes} 条要点、{added_figs} 项数据。"
    if questions:
        reply += "\n\n还想了解：\n" + "\n".join(f"{i}. {q}" for i, q in enumerate(questions, 1))
    s.add_message(rid, "assistant", reply)
    ui.saved("已整理并保存工作情况。")
    state.refresh_widgets()
    st.rerun()


_facts_chat()

st.subheader("数据")
st.caption("统计表以外、正文需要引用的数字，例如门户网站公开信息条数、培训次数。名称可以修改；"
           "起草时按名称引用。")
figs = pd.DataFrame([{"名称": f.label, "数值": float(f.value), "单位": f.unit} for f in rep.facts.figures],
                    columns=["名称", "数值", "单位"])
keys = [f.key for f in rep.facts.figures]
edited = st.data_editor(figs, num_rows="dynamic", key=state.wkey("figures"), width="stretch",
                        column_config={"名称": st.column_config.TextColumn("名称", required=True),
                                       "数值": st.column_config.NumberColumn("数值"),
                                       "单位": st.column_config.TextColumn("单位")})
if not edited.equals(figs):
    def mutate(r: Report):
        out = []
        used = set(keys)
        for idx, row in edited.iterrows():
            if pd.isna(row["名称"]) or not str(row["名称"]).strip():
                continue
            if pd.isna(row["数值"]):
                raise ValueError(f"数据「{row['名称']}」缺少数值")
            # The internal key stays with its row (slots in drafts refer to it); new rows get one.
            if isinstance(idx, int) and 0 <= idx < len(keys):
                key = keys[idx]
            else:
                key = next(f"item{n}" for n in range(1, 10_000) if f"item{n}" not in used)
                used.add(key)
            shown = {"label": str(row["名称"]).strip(), "value": str(row["数值"]),
                     "unit": "" if pd.isna(row["单位"]) else str(row["单位"])}
            old = r.facts.figure(key)
            # An edited row keeps what the grid does not show: its clause, aspect, approximation, source.
            out.append(Figure.model_validate({**old.model_dump(), **shown}) if old else Figure(key=key, **shown))
        r.facts.figures = out
    if state.commit(mutate):
        ui.saved("数据已保存。")
        st.rerun()
