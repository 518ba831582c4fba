"""年报助手 — Streamlit entry point (`make run`). The pages live in drafting/webui/."""
from drafting.webui.app import main

main()
