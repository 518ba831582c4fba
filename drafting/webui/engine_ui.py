"""What the pages that use a model share: the provider from 设置, failures in Chinese, the
按意见修改 box."""
from __future__ import annotations

import streamlit as st

from .. import secrets
from ..model import Report, Section
from . import components, state, ui
from .nav import page as nav_page


# Shown folded on 设置: the address and model name each service documents.
EXAMPLES = {
    "服务": ["深度求索", "通义千问（兼容模式）", "智谱", "本机 Ollama"],
    "接口地址": ["https://api.deepseek.com/v1", "https://dashscope.aliyuncs.com/compatible-mode/v1",
               "https://open.bigmodel.cn/api/paas/v4", "http://127.0.0.1:11434/v1"],
    "模型名称": ["deepseek-chat", "qwen-plus", "glm-4-flash", "qwen2.5:7b"],
}


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
    if sec is None or not sec.text.strip():
        return False
    return sec.provenance is None or sec.provenance.origin == "edited"


def record_generations(rid: int, results) -> None:
    s = state.store()
    for r in results:
        if r.status in ("skipped", "locked"):
            continue
        s.record_generation(rid, r.key, model=r.model, prompt_version=r.prompt_version,
                            prompt_tokens=r.prompt_tokens, completion_tokens=r.completion_tokens,
                            seconds=r.seconds, status=r.status)


def plain_finding(text: str) -> str:
    """Provenance keeps findings as "代码 说明"; the clerk sees the 说明 unless 详情 is on."""
    code, _, rest = text.partition(" ")
    if ui.details() or not rest or not code[:1].isascii():
        return text
    return rest


def describe_failure(e: Exception) -> str:
    """A failure in Chinese for the page, with any key a server echoed removed."""
    from ..engine import ProviderError
    from ..engine.provider import describe_error
    return secrets.redact(str(e) if isinstance(e, ProviderError) else describe_error(e))


# -- 修改：按意见修改 -------------------------------------------------------------------
def revise_box(rep: Report, key: str) -> None:
    """The instruction box of 修改: propose a revision, show the diff, accept or reject."""
    from ..engine import revise_section
    provider, problem = current_provider()
    pkey = f"_proposal_{state.current_id()}_{key}"
    needs_model = provider.is_offline
    with st.form(state.wkey(f"revise_form_{key}")):
        instruction = ui.text_input("修改意见（如：精简第一段；补充培训情况）", key=state.wkey(f"instr_{key}"),
                                    disabled=needs_model)
        go = st.form_submit_button("按意见修改", disabled=needs_model)
    if needs_model:
        # Said before anything is typed, next to the button, rather than as an error after a click.
        st.info("按意见修改需要配置模型（离线方式不能理解修改意见）。请在「设置」页填写接口地址、模型名称和密钥；"
                + (f"当前设置有误：{secrets.redact(problem)}" if problem else "未设置时只能手工修改上面的正文。"))
        st.page_link(nav_page("settings"), label="前往「设置」配置模型", icon=":material/settings:")
    if go and not needs_model:
        try:
            with st.spinner("正在按意见修改……"):
                res = revise_section(rep, key, instruction, provider)
        except Exception as e:
            st.error(f"修改未完成：{describe_failure(e)}")
        else:
            st.session_state[pkey] = {"text": res.text, "slot_text": res.slot_text, "base": rep.sections[key].text,
                                      "instruction": instruction, "findings": res.findings, "result": res}
    prop = st.session_state.get(pkey)
    if not prop:
        return
    st.markdown(f"**按意见「{ui.esc(prop['instruction'])}」修改的建议稿**（尚未保存）")
    components.diff_view(prop["base"], prop["text"], key=f"revise_diff_{key}")
    for f in prop["findings"]:
        st.warning("待核实：" + ui.finding_text(f))
    c1, c2 = st.columns(2)
    if c1.button("接受修改", key=f"accept_{key}"):
        res = prop["result"]
        if state.commit(lambda r: res.apply(r), origin="revise", note=f"按意见修改：{prop['instruction']}"):
            record_generations(state.current_id(), [res])
            st.session_state.pop(pkey, None)
            ui.saved("已按意见修改并保存。")
            state.refresh_widgets()
            st.rerun()
    if c2.button("放弃修改", key=f"reject_{key}"):
        st.session_state.pop(pkey, None)
        st.rerun()


