"""Persistence: reports, section versions, findings dismissed, generations, chat history.

SQLite in ./data by default, any SQLAlchemy URL through DATABASE_URL (PostgreSQL works the
same way). Every save carries the version the caller loaded; a stale version raises
ConflictError instead of silently overwriting another session's work.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import (JSON, DateTime, ForeignKey, Integer, String, Text, create_engine,
                        event, func, select, update)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from . import secrets
from .io import report_from_data, report_json
from .model import Dismissal as ReportDismissal, Report

DEFAULT_DB = Path("data") / "nianbao.db"


def _clean_json(data: dict) -> dict:
    """The last guard before the database: no registered model key is ever written."""
    text = json.dumps(data, ensure_ascii=False)
    clean = secrets.redact(text)
    return data if clean == text else json.loads(clean)


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    pass


class ReportRow(Base):
    __tablename__ = "reports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agency: Mapped[str] = mapped_column(String(200))
    year: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer, default=1)
    data: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class SectionVersion(Base):
    __tablename__ = "section_versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    section: Mapped[str] = mapped_column(String(40))
    n: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(20))      # user | draft | revise | restore | import
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class Dismissal(Base):
    """Legacy: dismissals now live in the report itself (Report.dismissals) so they travel with
    its file; this table is no longer written and is kept only for databases made before."""
    __tablename__ = "dismissals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(10))
    key: Mapped[str] = mapped_column(Text)       # what identifies the finding (section/cell + quote)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class Generation(Base):
    __tablename__ = "generations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    section: Mapped[str] = mapped_column(String(40))
    model: Mapped[str] = mapped_column(String(200), default="")
    prompt_version: Mapped[str] = mapped_column(String(80), default="")
    prompt_tokens: Mapped[int] = mapped_column(Integer, default=0)
    completion_tokens: Mapped[int] = mapped_column(Integer, default=0)
    seconds: Mapped[float] = mapped_column(default=0.0)
    status: Mapped[str] = mapped_column(String(40), default="ok")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ChatMessage(Base):
    __tablename__ = "chat_messages"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    content: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class SectionDraft(Base):
    """Text typed on 修改 and not yet saved, one per report and section, so that a reload, a
    restart or a closed tab loses nothing; offered back when the section is opened again."""
    __tablename__ = "section_drafts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    section: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    base: Mapped[str] = mapped_column(Text, default="")     # the saved text the typing started from
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ConflictError(Exception):
    """Another session saved this report after it was loaded here."""

    def __init__(self, report_id: int, expected: int, actual: int):
        self.report_id, self.expected, self.actual = report_id, expected, actual
        super().__init__(f"报告已被其他会话修改（当前版本 {actual}，本页面载入的是版本 {expected}）。"
                         "请刷新后再保存，您本次的输入已保留在页面上。")


class NotFound(Exception):
    pass


@dataclass
class ReportInfo:
    id: int
    agency: str
    year: int
    version: int
    updated_at: datetime


def database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    DEFAULT_DB.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_DB}"


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # WAL lets readers and one writer work together
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()


class Store:
    def __init__(self, url: str | None = None):
        self.url = url or database_url()
        kw = {}
        if self.url.startswith("sqlite"):
            kw["connect_args"] = {"check_same_thread": False, "timeout": 10}
        self.engine = create_engine(self.url, **kw)
        if self.url.startswith("sqlite"):
            _sqlite_pragmas(self.engine)
        Base.metadata.create_all(self.engine)
        self._session = sessionmaker(self.engine, expire_on_commit=False)

    def session(self) -> Session:
        return self._session()

    # -- reports ------------------------------------------------------------
    def list_reports(self) -> list[ReportInfo]:
        with self.session() as s:
            rows = s.scalars(select(ReportRow).order_by(ReportRow.year.desc(), ReportRow.agency)).all()
            return [ReportInfo(r.id, r.agency, r.year, r.version, r.updated_at) for r in rows]

    def create(self, report: Report, origin: str = "user") -> int:
        with self.session() as s, s.begin():
            row = ReportRow(agency=report.meta.agency, year=report.meta.year, version=1,
                            data=_clean_json(report_json(report)))
            s.add(row)
            s.flush()
            for key, sec in report.sections.items():
                if sec.text:
                    s.add(SectionVersion(report_id=row.id, section=key, n=1, text=secrets.redact(sec.text),
                                         origin=origin))
            return row.id

    def get(self, report_id: int) -> tuple[Report, int]:
        with self.session() as s:
            row = s.get(ReportRow, report_id)
            if row is None:
                raise NotFound(f"报告 {report_id} 不存在")
            return report_from_data(row.data), row.version

    def save(self, report_id: int, report: Report, expected_version: int, origin: str = "user",
             note: str = "") -> int:
        """Save the whole report if nobody saved since ``expected_version``; new section texts
        become new versions. Returns the new version number."""
        data = _clean_json(report_json(report))
        with self.session() as s, s.begin():
            res = s.execute(update(ReportRow)
                            .where(ReportRow.id == report_id, ReportRow.version == expected_version)
                            .values(version=ReportRow.version + 1, data=data, agency=report.meta.agency,
                                    year=report.meta.year, updated_at=_now()))
            if res.rowcount != 1:
                row = s.get(ReportRow, report_id)
                if row is None:
                    raise NotFound(f"报告 {report_id} 不存在")
                raise ConflictError(report_id, expected_version, row.version)
            for key, sec in report.sections.items():
                self._add_version_if_changed(s, report_id, key, sec.text, origin, note)
            return expected_version + 1

    def _add_version_if_changed(self, s: Session, report_id: int, key: str, text: str, origin: str,
                                note: str) -> None:
        last = s.scalars(select(SectionVersion).where(SectionVersion.report_id == report_id,
                                                      SectionVersion.section == key)
                         .order_by(SectionVersion.n.desc()).limit(1)).first()
        if last is not None and last.text == text:
            return
        if last is None and not text:
            return
        s.add(SectionVersion(report_id=report_id, section=key, n=(last.n + 1) if last else 1,
                             text=secrets.redact(text), origin=origin, note=secrets.redact(note)))

    def duplicate(self, report_id: int) -> int:
        rep, _ = self.get(report_id)
        return self.create(rep, origin="import")

    def delete(self, report_id: int) -> None:
        with self.session() as s, s.begin():
            row = s.get(ReportRow, report_id)
            if row is None:
                raise NotFound(f"报告 {report_id} 不存在")
            for model in (SectionVersion, Dismissal, Generation, ChatMessage, SectionDraft):
                s.query(model).filter_by(report_id=report_id).delete()
            s.delete(row)

    def find(self, agency: str, year: int) -> int | None:
        with self.session() as s:
            row = s.scalars(select(ReportRow.id).where(ReportRow.agency == agency, ReportRow.year == year)).first()
            return row

    # -- section versions -----------------------------------------------------
    def versions(self, report_id: int, section: str) -> list[SectionVersion]:
        with self.session() as s:
            return list(s.scalars(select(SectionVersion).where(SectionVersion.report_id == report_id,
                                                               SectionVersion.section == section)
                                  .order_by(SectionVersion.n)).all())

    # -- unsaved drafts ---------------------------------------------------------
    def save_draft(self, report_id: int, section: str, text: str, base: str) -> None:
        """Keep what is being typed (one draft per section, replaced on every call)."""
        with self.session() as s, s.begin():
            row = s.scalars(select(SectionDraft).where(SectionDraft.report_id == report_id,
                                                       SectionDraft.section == section)).first()
            if row is None:
                s.add(SectionDraft(report_id=report_id, section=section, text=secrets.redact(text),
                                   base=secrets.redact(base)))
            else:
                row.text, row.base, row.updated_at = secrets.redact(text), secrets.redact(base), _now()

    def draft(self, report_id: int, section: str) -> SectionDraft | None:
        with self.session() as s:
            return s.scalars(select(SectionDraft).where(SectionDraft.report_id == report_id,
                                                        SectionDraft.section == section)).first()

    def drafts(self, report_id: int) -> list[SectionDraft]:
        with self.session() as s:
            return list(s.scalars(select(SectionDraft).where(SectionDraft.report_id == report_id)
                                  .order_by(SectionDraft.section)).all())

    def discard_draft(self, report_id: int, section: str) -> None:
        with self.session() as s, s.begin():
            s.query(SectionDraft).filter_by(report_id=report_id, section=section).delete()

    # -- dismissals -----------------------------------------------------------
    def dismiss(self, report_id: int, code: str, key: str, reason: str, who: str = "") -> None:
        """Set a warning aside with a reason; kept in the report (it travels with the report file)."""
        if not reason.strip():
            raise ValueError("请填写忽略该警告的理由")
        for _ in range(3):      # another session's save in between: load again and retry
            rep, version = self.get(report_id)
            rep.dismissals.append(ReportDismissal(code=code, key=key, reason=secrets.redact(reason.strip()), who=who))
            try:
                self.save(report_id, rep, version, note=f"忽略{code}")
                return
            except ConflictError:
                continue
        raise ConflictError(report_id, version, version + 1)

    def dismissals(self, report_id: int) -> list[ReportDismissal]:
        return list(self.get(report_id)[0].dismissals)

    def undismiss(self, report_id: int, index: int) -> None:
        rep, version = self.get(report_id)
        if 0 <= index < len(rep.dismissals):
            del rep.dismissals[index]
            self.save(report_id, rep, version, note="取消忽略")

    # -- generations and chat -------------------------------------------------
    def record_generation(self, report_id: int, section: str, **kw) -> None:
        with self.session() as s, s.begin():
            kw = {k: secrets.redact(v) if isinstance(v, str) else v for k, v in kw.items()}
            s.add(Generation(report_id=report_id, section=section, **kw))

    def generations(self, report_id: int) -> list[Generation]:
        with self.session() as s:
            return list(s.scalars(select(Generation).where(Generation.report_id == report_id)
                                  .order_by(Generation.id)).all())

    def add_message(self, report_id: int, role: str, content: str) -> None:
        with self.session() as s, s.begin():
            s.add(ChatMessage(report_id=report_id, role=role, content=secrets.redact(content)))

    def messages(self, report_id: int) -> list[ChatMessage]:
        with self.session() as s:
            return list(s.scalars(select(ChatMessage).where(ChatMessage.report_id == report_id)
                                  .order_by(ChatMessage.id)).all())

    def count(self) -> int:
        with self.session() as s:
            return s.scalar(select(func.count()).select_from(ReportRow)) or 0


