"""Pages that call the drafting engine and the exporters: 起草, 导出, 设置."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from .. import secrets
from ..model import Report, Section
from ..validator import validate
from . import state


def previous_report(rep: Report) -> Report | None:
    """Last year's report of the same agency, when the workspace has it."""
    s = state.store()
    pid = s.find(rep.meta.agency, rep.meta.year - 1)
    return None if pid is None else s.get(pid)[0]


def current_provider():
    """The provider chosen in 设置 (or the environment); offline when nothing is set.
    Returns (provider, problem) where problem is a Chinese message when the settings are unusable."""
    from ..engine import ProviderError, provider_from_settings
    cfg = state.settings()
    secrets.register(cfg.get("api_key"))
    try:
        return provider_from_settings(cfg["base_url"], cfg["model"], cfg["api_key"]), None
    except ProviderError as e:
        return provider_from_settings(kind="offline"), str(e)


def provider_label(provider) -> str:
    if provider.is_offline:
        return "离线起草（未配置模型，由程序按统计数据和工作情况成文）"
    return f"模型 {provider.model}" + (f"（{provider.base_url}）" if provider.base_url else "")


def human_written(sec: Section | None) -> bool:
    """Text a person typed or changed (never overwritten by a draft without asking)."""
    return sec is not None and bool(sec.text.strip()) and sec.is_human


def record_generations(rid: int, results) -> None:
    s = state.store()
    for r in results:
        if r.status in ("skipped", "locked"):
            continue
        s.record_generation(rid, r.key, model=r.model, prompt_version=r.prompt_version,
                            prompt_tokens=r.prompt_tokens, completion_tokens=r.completion_tokens,
                            seconds=r.seconds, status=r.status)


def describe_failure(e: Exception) -> str:
    """A failure in Chinese for the page, with any key a server echoed removed."""
    from ..engine import ProviderError
    from ..engine.provider import describe_error
    return secrets.redact(str(e) if isinstance(e, ProviderError) else describe_error(e))


# -- 起草 --------------------------------------------------------------------------
def page_draft(rep: Report) -> None:
    from ..engine import ProviderError, draft_report
    from ..engine.draft import DRAFTABLE
    st.header("起草")
    provider, problem = current_provider()
    if problem:
        st.warning(f"模型设置有误，改用离线起草：{problem}")
    st.info(f"当前起草方式：{provider_label(provider)}")
    titles = {sec.key: sec.title for sec in rep.template.sections}
    keys = [k for k in rep.template.section_keys if k in DRAFTABLE]
    chosen = st.multiselect("起草哪些部分", keys, default=keys, format_func=lambda k: titles[k], key="draft_keys")
    locked = [k for k in chosen if rep.sections.get(k) and rep.sections[k].locked]
    human = [k for k in chosen if k not in locked and human_written(rep.sections.get(k))]
    if locked:
        st.caption("已锁定、不会重新起草：" + "、".join(titles[k] for k in locked))
    overwrite = False
    if human:
        st.warning("以下部分有人工撰写或修改的文字：" + "、".join(titles[k] for k in human)
                   + "。默认不覆盖；勾选后重新起草，原文保留在版本历史中。")
        overwrite = st.checkbox("重新起草这些部分", key="draft_overwrite")
    todo = [k for k in chosen if k not in locked and (overwrite or k not in human)]
    if note := st.session_state.pop("_draft_notice", None):
        st.success(note)
    if st.button("开始起草", key="draft_go", disabled=not todo, type="primary"):
        _run_draft(rep, provider, todo, titles, draft_report, ProviderError)
    for k in keys:
        sec = rep.sections.get(k)
        if sec is None or not sec.text:
            continue
        review = sec.provenance is not None and sec.provenance.needs_review
        with st.expander(titles[k] + ("　（待人工核实）" if review else "")):
            st.text(sec.text)
            if sec.provenance:
                p = sec.provenance
                st.caption(f"来源：{p.model or p.origin}；提示词 {p.prompt or '—'}；修改轮次 {p.rounds}")
                for f in p.findings:
                    st.caption(f"待核实：{f}")


def _run_draft(rep: Report, provider, todo: list[str], titles: dict, draft_report, ProviderError) -> None:
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
            box.markdown(f"**{titles[ev.section]}**（起草中）\n\n{streamed[ev.section]}")
        elif ev.kind == "repair":
            streamed[ev.section] = ""
            box.markdown(f"**{titles[ev.section]}**：{ev.message}")
        elif ev.kind in ("done", "skipped", "error"):
            done.add(ev.section)
            box.markdown(f"**{titles[ev.section]}**：{ev.message}")
            progress.progress(len(done) / len(todo), text=f"已完成 {len(done)}/{len(todo)} 个部分")
        elif ev.kind == "start":
            box.markdown(f"**{titles[ev.section]}**：{ev.message}")

    try:
        result = draft_report(rep, provider, sections=todo, on_event=on_event, previous=previous_report(rep))
    except ProviderError as e:
        st.error(f"起草未完成：{describe_failure(e)} 已保存的内容没有改动。")
        return
    except Exception as e:   # a model failure must not lose the page; say what happened
        st.error(f"起草未完成：{describe_failure(e)} 已保存的内容没有改动。")
        return

    def mutate(r: Report):
        for k in todo:
            res = result.sections[k]
            cur = r.sections.get(k)
            if res.status in ("skipped", "locked") or (cur is not None and cur.locked):
                continue
            res.apply(r)
    model = "offline" if provider.is_offline else provider.model
    if state.commit(mutate, origin="draft", note=f"起草（{model}）") is not None:
        record_generations(state.current_id(), [result.sections[k] for k in todo])
        marked = [titles[k] for k in todo if result.sections[k].needs_review]
        msg = f"起草完成，用时 {result.seconds:.1f} 秒。"
        if marked:
            msg += "以下部分仍有问题，已标记待人工核实：" + "、".join(marked) + "。"
        st.session_state["_draft_notice"] = msg
        state.refresh_widgets()
        st.rerun()


# -- 修改：按意见修改 -------------------------------------------------------------------
def revise_box(rep: Report, key: str) -> None:
    """The instruction box of 修改: propose a revision, show the diff, accept or reject."""
    from ..engine import ProviderError, revise_section
    from .. import workflow
    provider, problem = current_provider()
    pkey = f"_proposal_{state.current_id()}_{key}"
    with st.form(state.wkey(f"revise_form_{key}")):
        instruction = st.text_input("修改意见（如：精简第一段；补充培训情况）", key=state.wkey(f"instr_{key}"))
        go = st.form_submit_button("按意见修改")
    if go:
        if problem:
            st.error(problem)
        else:
            try:
                with st.spinner("正在按意见修改……"):
                    res = revise_section(rep, key, instruction, provider)
            except Exception as e:
                st.error(f"修改未完成：{describe_failure(e)}")
            else:
                st.session_state[pkey] = {"text": res.text, "slot_text": res.slot_text, "base": rep.sections[key].text,
                                          "instruction": instruction, "findings": [f"{f.code} {f.message}" for f in res.findings],
                                          "result": res}
    prop = st.session_state.get(pkey)
    if not prop:
        return
    st.markdown(f"**按意见「{prop['instruction']}」修改的建议稿**（尚未保存）")
    st.markdown(workflow.diff_html(prop["base"], prop["text"]), unsafe_allow_html=True)
    for f in prop["findings"]:
        st.warning(f"待核实：{f}")
    c1, c2 = st.columns(2)
    if c1.button("接受修改", key=f"accept_{key}"):
        res = prop["result"]
        if state.commit(lambda r: res.apply(r), origin="revise", note=f"按意见修改：{prop['instruction']}"):
            record_generations(state.current_id(), [res])
            st.session_state.pop(pkey, None)
            state.refresh_widgets()
            st.rerun()
    if c2.button("放弃修改", key=f"reject_{key}"):
        st.session_state.pop(pkey, None)
        st.rerun()


# -- 导出 --------------------------------------------------------------------------
def page_export(rep: Report) -> None:
    from ..export import FORMATS, ExportRefused, export_bytes, gated_export
    st.header("导出")
    prev = previous_report(rep)
    found = validate(rep, previous=prev)
    errors = [f for f in found if f.severity == "error"]
    fmt = st.radio("格式", list(FORMATS), format_func=lambda k: FORMATS[k].label, horizontal=True, key="export_fmt")
    ready = None
    if errors:
        st.error(f"报告有 {len(errors)} 项错误，不能直接导出："
                 + "；".join(f"{f.code} {f.message}" for f in errors[:5]) + ("……" if len(errors) > 5 else ""))
        st.caption("请到「校验」页逐项修改。确需先行导出（如送领导审阅）的，须说明理由；理由和操作人将记入报告的修改记录。")
        who = st.text_input("操作人", key="export_who")
        reason = st.text_input("强制导出的理由", key="export_reason")
        if st.button("记录理由并强制导出", key="export_force"):
            holder: dict = {}

            def mutate(r: Report):
                holder["res"] = gated_export(r, fmt, force=True, reason=reason, who=who or None, previous=prev)
            try:
                state.commit(mutate, note="强制导出")
            except ExportRefused as e:
                st.error(str(e))
            if "res" in holder:
                r = holder["res"]
                st.session_state["_forced_export"] = (fmt, r.data, r.filename, r.mimetype)
        forced = st.session_state.get("_forced_export")
        if forced and forced[0] == fmt:
            ready = forced[1:]
    else:
        res = gated_export(rep, fmt, previous=prev)
        warn = f"（有 {len(res.warnings)} 项警告，请确认后再发布。）" if res.warnings else ""
        st.success("校验未发现错误，可以导出。" + warn)
        ready = (res.data, res.filename, res.mimetype)
    if ready:
        data, name, mime = ready
        st.download_button(f"下载 {name}", data=data, file_name=name, mime=mime, key=f"export_dl_{fmt}")
    if fmt == "html":
        with st.expander("网页预览"):
            page, _, _ = export_bytes(rep, "html", previous=prev)
            st.components.v1.html(page.decode("utf-8"), height=800, scrolling=True)
    history = [h for h in rep.history if h.action == "forced_export"]
    if history:
        st.subheader("强制导出记录")
        st.dataframe(pd.DataFrame([{"时间": h.at, "操作人": h.who, "说明": h.detail} for h in history]),
                     hide_index=True, width="stretch")


# -- 设置 --------------------------------------------------------------------------
def page_settings() -> None:
    from ..engine import ProviderError, provider_from_settings, test_connection
    st.header("设置")
    cfg = state.settings()
    st.caption("模型设置只保存在本次浏览器会话中，密钥不会写入数据库、日志或导出文件。未设置时使用离线起草。")
    cfg["base_url"] = st.text_input("接口地址（OpenAI 兼容，如 https://api.deepseek.com/v1）", value=cfg["base_url"],
                                    key="set_base_url")
    cfg["model"] = st.text_input("模型名称（如 deepseek-chat、qwen-plus、glm-4-flash）", value=cfg["model"], key="set_model")
    cfg["api_key"] = st.text_input("API 密钥", value=cfg["api_key"], type="password", key="set_key")
    provider, problem = current_provider()
    if problem:
        st.warning(secrets.redact(problem))
    st.info(f"当前起草方式：{provider_label(provider)}")
    if st.button("测试连接", key="set_test"):
        try:
            p = provider_from_settings(cfg["base_url"], cfg["model"], cfg["api_key"])
        except ProviderError as e:
            st.error(describe_failure(e))
        else:
            with st.spinner("正在连接模型服务……"):
                check = test_connection(p)
            (st.success if check.ok else st.error)(secrets.redact(check.message))
