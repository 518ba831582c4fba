"""Kill the app's process in the middle of a model-backed draft: after a restart nothing the
user typed is lost and the report still loads."""
from __future__ import annotations

import os
import signal
import time

from playwright.sync_api import expect

from drafting.io import load_report
from drafting.resources import EXAMPLE_REPORT
from drafting.store import Store

from ..replay import ReplayServer
from .conftest import ROOT, AppServer
from .helpers import open_page


def test_kill_during_draft_loses_nothing(tmp_path, page):
    db = f"sqlite:///{tmp_path}/k.db"
    store = Store(db)
    rid = store.create(load_report(EXAMPLE_REPORT), origin="import")
    # every model answer takes 30 s: the draft is surely running when the process dies
    with ReplayServer("good", delay=30) as model:
        server = AppServer(db, tmp_path, env={"OPENAI_BASE_URL": model.url, "DRAFTING_MODEL": "scripted",
                                              "OPENAI_API_KEY": "sk-kill-test"})
        server.start()
        try:
            open_page(page, f"{server.url}/edit?report={rid}", "修改")
            box = page.get_by_label("正文")
            typed = box.input_value() + "\n本段为断电前输入的文字。"
            box.fill(typed)
            page.get_by_role("button", name="保存修改").click()
            page.wait_for_timeout(1500)
            assert store.get(rid)[0].sections["overall"].text == typed

            page.locator('[data-testid="stSidebar"]').get_by_text("起草", exact=True).click()
            expect(page.get_by_text("当前起草方式：模型 scripted", exact=False)).to_be_visible()
            page.get_by_text("重新起草这些部分", exact=True).click()
            page.get_by_role("button", name="开始起草").click()
            deadline = time.time() + 20
            while not model.requests and time.time() < deadline:
                time.sleep(0.2)
            assert model.requests, "the draft never reached the model"
            os.kill(server.proc.pid, signal.SIGKILL)      # no clean shutdown
            server.proc.wait(timeout=10)
            server.proc = None
            server.log.close()

            server.start()
            rep, _ = store.get(rid)
            assert rep.sections["overall"].text == typed
            assert [v.text for v in store.versions(rid, "overall")][-1] == typed
            open_page(page, f"{server.url}/edit?report={rid}", "修改")
            expect(page.get_by_label("正文")).to_have_value(typed, timeout=60_000)
        finally:
            server.stop()
