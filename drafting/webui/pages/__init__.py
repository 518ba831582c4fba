"""One Streamlit page script per module; registered in drafting.webui.nav.PAGES."""
