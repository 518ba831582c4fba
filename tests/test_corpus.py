"""The real-report corpus (fixtures/corpus): lint against the hand-written answer keys.

Fails on any error finding that no key confirms as an error, and on any keyed error that lint does
not report. `make corpus` prints the same comparison per rule, with every disagreement.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from urllib.parse import urlparse

import pytest
import yaml

from .corpus import CORPUS, run_all

KEYS = sorted((CORPUS / "keys").glob("*.yaml"))


@lru_cache(maxsize=1)
def results():
    return run_all()


def test_corpus_is_large_and_varied():
    keys = [yaml.safe_load(k.read_text("utf-8")) for k in KEYS]
    assert len(keys) >= 60
    assert all((CORPUS / k["file"]).exists() for k in keys)
    levels = Counter(k["level"] for k in keys)
    assert set(levels) == {"部门", "人民政府", "乡镇街道"}
    assert {k["template"] for k in keys} == {"2019", "2021"}
    assert len({k["year"] for k in keys}) >= 7
    # an archive is where the copy was kept: a repository, or a publisher's site for stored pages
    def archive(k):
        stored = k["source"].get("stored") or ""
        if stored.startswith("github "):
            return stored.split()[1]
        return urlparse(k["source"].get("url") or "").netloc or k["id"]
    archives = Counter(archive(k) for k in keys)
    assert len(archives) >= 6
    assert max(archives.values()) <= len(keys) / 2, archives.most_common(3)


def test_no_wrong_error_on_real_reports():
    wrong = [f"{r.id}: {f.code} {f.cell or f.section or ''} {f.message}（{why}）"
             for r in results() for f, why in r.wrong]
    assert not wrong, "error findings no answer key confirms:\n" + "\n".join(wrong)


def test_every_keyed_error_is_reported():
    missed = [f"{r.id}: {e.cls} {e.where} — {e.note}" for r in results() for e in r.missed]
    unread = [f"{r.id}: {line}" for r in results() for line in r.unreadable]
    assert not unread, "corpus reports that could not be read:\n" + "\n".join(unread)
    assert not missed, "keyed errors lint does not report:\n" + "\n".join(missed)
    weak = [f"{r.id}: {e.cls} {e.where}" for r in results() for e in r.downgraded]
    assert not weak, "keyed errors lint reports only as warnings:\n" + "\n".join(weak)


# Kept for independent evaluation (issue 11): never part of this corpus.
HELD_OUT = ("平潭综合实验区", "平潭综合实验区管理委员会", "平潭综合实验区管委会", "平潭综合实验区财政金融局",
            "平潭综合实验区公安局", "平潭综合实验区交通与建设局")


def test_held_out_reports_are_not_in_the_corpus():
    keys = [yaml.safe_load(k.read_text("utf-8")) for k in KEYS]
    used = [(k["id"], k["agency"], k["year"]) for k in keys
            if k["agency"] in HELD_OUT or (k["agency"], k["year"]) in
            (("沭阳县发展和改革局", 2023), ("上海市人民政府办公厅", 2019))]
    assert not used, used
