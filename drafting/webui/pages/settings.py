"""设置: the model (OpenAI-compatible endpoint) for this browser session, and a connection test."""
from __future__ import annotations

import streamlit as st

from drafting import secrets
from drafting.engine import ProviderError, provider_from_settings, test_connection
from drafting.webui import engine_ui, state

st.header("设置")
cfg = state.settings()
st.caption("模型设置只保存在本次浏览器会话中，密钥不会写入数据库、日志或导出文件。未设置时使用离线起草。")
cfg["base_url"] = st.text_input("接口地址（与 OpenAI 兼容的接口）", value=cfg["base_url"], key="set_base_url")
cfg["model"] = st.text_input("模型名称", value=cfg["model"], key="set_model")
cfg["api_key"] = st.text_input("密钥", value=cfg["api_key"], type="password", key="set_key")
with st.expander("常见服务的填写示例"):
    st.table(engine_ui.EXAMPLES)
provider, problem = engine_ui.current_provider()
if problem:
    st.warning(secrets.redact(problem))
st.info(f"当前起草方式：{engine_ui.provider_label(provider)}")
if st.button("测试连接", key="set_test"):
    try:
        p = provider_from_settings(cfg["base_url"], cfg["model"], cfg["api_key"])
    except ProviderError as e:
        st.error(engine_ui.describe_failure(e))
    else:
        with st.spinner("正在连接模型服务……"):
            check = test_connection(p)
        (st.success if check.ok else st.error)(secrets.redact(check.message))
