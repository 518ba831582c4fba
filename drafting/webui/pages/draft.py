"""起草: draft the narrative sections (model or offline), streamed, never overwriting a
person's text without a tick."""
from __future__ import annotations

import streamlit as st

from drafting.engine import draft_report
from drafting.engine.draft import DRAFTABLE
from drafting.model import Report
from drafting.webui import engine_ui, state, ui

st.header("起草")
rep = ui.report()
provider, problem = engine_ui.current_provider()
if problem:
    st.warning(f"模型设置有误，改用离线起草：{problem}")
st.info(f"当前起草方式：{engine_ui.provider_label(provider)}")
titles = {sec.key: sec.title for sec in rep.template.sections}
keys = [k for k in rep.template.section_keys if k in DRAFTABLE]
chosen = st.multiselect("起草哪些部分", keys, default=keys, format_func=lambda k: titles[k], key="draft_keys",
                        placeholder="请选择要起草的部分")
locked = [k for k in chosen if rep.sections.get(k) and rep.sections[k].locked]
human = [k for k in chosen if k not in locked and engine_ui.human_written(rep.sections.get(k))]
if locked:
    st.caption("已锁定、不会重新起草：" + "、".join(titles[k] for k in locked))
overwrite = False
if human:
    st.warning("以下部分有人工撰写或修改的文字：" + "、".join(titles[k] for k in human)
               + "。默认不覆盖；勾选后重新起草，原文保留在版本历史中。")
    overwrite = st.checkbox("重新起草这些部分", key="draft_overwrite")
todo = [k for k in chosen if k not in locked and (overwrite or k not in human)]
ui.show_notices()


def _run_draft() -> None:
    progress = st.progress(0.0, text="准备起草……")
    boxes = {k: st.empty() for k in todo}
    streamed = {k: "" for k in todo}
    done: set[str] = set()

    def on_event(ev) -> None:
        box = boxes.get(ev.section)
        if box is None:
            return
        if ev.kind == "delta":
            streamed[ev.section] += ev.text
            box.markdown(f"**{titles[ev.section]}**（起草中）\n\n{ui.esc(streamed[ev.section])}")
        elif ev.kind == "repair":
            streamed[ev.section] = ""
            box.markdown(f"**{titles[ev.section]}**：{ui.esc(ev.message)}")
        elif ev.kind in ("done", "skipped", "error"):
            done.add(ev.section)
            box.markdown(f"**{titles[ev.section]}**：{ui.esc(ev.message)}")
            progress.progress(len(done) / len(todo), text=f"已完成 {len(done)}/{len(todo)} 个部分")
        elif ev.kind == "start":
            box.markdown(f"**{titles[ev.section]}**：{ui.esc(ev.message)}")

    try:
        result = draft_report(rep, provider, sections=todo, on_event=on_event, previous=ui.previous_report(rep))
    except Exception as e:   # a model failure (ProviderError or other) must not lose the page; say what happened
        st.error(f"起草未完成：{engine_ui.describe_failure(e)} 已保存的内容没有改动。")
        return

    def mutate(r: Report):
        for k in todo:
            res = result.sections[k]
            cur = r.sections.get(k)
            if res.status in ("skipped", "locked") or (cur is not None and cur.locked):
                continue
            res.apply(r)
    model = "离线" if provider.is_offline else provider.model
    if state.commit(mutate, origin="draft", note=f"起草（{model}）") is not None:
        engine_ui.record_generations(state.current_id(), [result.sections[k] for k in todo])
        marked = [titles[k] for k in todo if result.sections[k].needs_review]
        msg = "起草完成，已保存为新版本。"
        if marked:
            msg += "以下部分仍有问题，已标记待人工核实：" + "、".join(marked) + "。"
        ui.notice(msg)
        ui.saved("起草结果已保存。")
        state.refresh_widgets()
        st.rerun()


if st.button("开始起草", key="draft_go", disabled=not todo, type="primary"):
    _run_draft()

for k in keys:
    sec = rep.sections.get(k)
    if sec is None or not sec.text:
        continue
    review = sec.provenance is not None and sec.provenance.needs_review
    with st.expander(titles[k] + ("　（待人工核实）" if review else "")):
        st.text(sec.text)
        p = sec.provenance
        if p:
            for f in p.findings:
                st.caption("待核实：" + ui.esc(engine_ui.plain_finding(f)))
            if ui.details():
                st.caption(ui.esc(f"来源：{p.model or p.origin}；提示词 {p.prompt or '—'}；修改轮次 {p.rounds}"))
