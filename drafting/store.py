"""Persistence: reports (with the warnings dismissed in them), section versions, generations, chat history;
workspaces of a government and its units, each unit's report per year, roll-up confirmations
and snapshots, batch reviews.

SQLite in ./data by default, any SQLAlchemy URL through DATABASE_URL (PostgreSQL works the
same way). Every save carries the version the caller loaded; a stale version raises
ConflictError instead of silently overwriting another session's work.

The schema changes only through the Alembic migrations in drafting/migrations/versions; a
Store upgrades the database it opens (``migrate``). A database made before migrations existed
(tables, no alembic_version) is stamped with the baseline revision and upgraded from there.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import (JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint,
                        create_engine, event, func, inspect, select, text, update)
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from . import limits, secrets
from .errors import StoreCorrupt, StoreError, StoreFull, StoreUnavailable
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


class WorkspaceRow(Base):
    """A government (县/区/市) whose 政务公开办 rolls up and reviews its units' reports."""
    __tablename__ = "workspaces"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    region: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class UnitRow(Base):
    """A unit of a workspace: a department, a township, or the government's own office."""
    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("workspace_id", "name", name="uq_units_workspace_name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(20))          # 部门 | 乡镇街道 | 人民政府
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class UnitReport(Base):
    """Which report in ``reports`` is a unit's report for a year, and where it came from."""
    __tablename__ = "unit_reports"
    __table_args__ = (UniqueConstraint("unit_id", "year", name="uq_unit_reports_unit_year"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), unique=True)
    source: Mapped[str] = mapped_column(String(400))        # 应用 | file name of the YAML/Excel/published report
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class RollupConfirmation(Base):
    """A person let a unit with open errors into the roll-up; valid for these tables only."""
    __tablename__ = "rollup_confirmations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    fingerprint: Mapped[str] = mapped_column(String(64))     # of the unit's tables when confirmed
    who: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class RollupSnapshot(Base):
    """The last roll-up of a workspace's year, so a recomputation can say what changed."""
    __tablename__ = "rollup_snapshots"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ReviewRow(Base):
    """One batch review of a workspace's published reports for a year (drafting.review)."""
    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ConflictError(StoreError):
    """Another session saved this report after it was loaded here."""

    code = "store.conflict"

    def __init__(self, report_id: int, expected: int, actual: int):
        self.report_id, self.expected, self.actual = report_id, expected, actual
        super().__init__(f"报告已被其他会话修改（当前版本 {actual}，本页面载入的是版本 {expected}）。"
                         "请刷新后再保存，您本次的输入已保留在页面上。")


class NotFound(StoreError):
    code = "store.not_found"


# SQLite result codes (sqlite3 exceptions carry them as ``sqlite_errorcode``; the low byte is
# the primary code) and PostgreSQL SQLSTATEs: the kind of failure is decided by these codes,
# never by the driver's English message.
_SQLITE_FULL, _SQLITE_CORRUPT, _SQLITE_NOTADB = 13, 11, 26
_SQLITE_CANTOPEN, _SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_BUSY, _SQLITE_PERM = 14, 8, 10, 5, 3
_SQLITE_LOCKED = 6
_PG_FULL = ("53100",)
_PG_CORRUPT = ("XX001", "XX002")

_KEEP = "页面上的输入已保留，"


def _store_error(e: Exception) -> StoreError:
    """A typed Chinese error for a database failure, chosen by the driver's error code."""
    orig = getattr(e, "orig", None)
    code = getattr(orig, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if primary == _SQLITE_FULL or state in _PG_FULL:
        return StoreFull("数据库所在磁盘已满，本次修改未保存。" + _KEEP + "请清理磁盘空间后重试。")
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or state in _PG_CORRUPT:
        return StoreCorrupt("数据库文件已损坏或不是本系统的数据库，无法读取。请从备份恢复数据库文件，"
                            "或设置 DATABASE_URL 使用另一个数据库。")
    if primary in (_SQLITE_READONLY, _SQLITE_PERM):
        return StoreUnavailable("数据库是只读的（没有写入权限），本次修改未保存。" + _KEEP + "请检查数据库文件的权限。")
    if primary == _SQLITE_BUSY:
        return StoreUnavailable("数据库正忙（其他进程长时间占用），本次修改未保存。" + _KEEP + "请稍后重试。")
    if primary in (_SQLITE_CANTOPEN, _SQLITE_IOERR) or isinstance(e, (sa_exc.OperationalError,
                                                                       sa_exc.InterfaceError)):
        return StoreUnavailable("无法访问数据库（文件无法打开、磁盘读写出错或服务器无法连接）。" + _KEEP +
                                "请检查数据库的位置和连接设置（DATABASE_URL）后重试。")
    return StoreUnavailable("数据库操作失败，本次修改未保存。" + _KEEP + "请重试；如反复出现，请联系管理员。")


def _guarded(fn):
    """Every public Store method: database failures leave as typed errors, not raw exceptions.
    The transaction of a failed write was rolled back by the session, so nothing is half-written."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except StoreError:
            raise
        except sa_exc.SQLAlchemyError as e:
            raise _store_error(e) from e
        except OSError as e:          # the SQLite directory cannot be created
            from .files import os_reason
            raise StoreUnavailable(f"无法访问数据库：{os_reason(e)}。" + _KEEP + "请检查数据库的位置后重试。") from e
    return wrapper


_MAX_ID = 2**63 - 1    # SQLite and PostgreSQL integer keys are 64-bit


def _check_id(report_id) -> int:
    if isinstance(report_id, bool) or not isinstance(report_id, int) or not 0 < report_id <= _MAX_ID:
        raise NotFound(f"报告 {str(report_id)[:24]} 不存在")
    return report_id


@dataclass
class Workspace:
    id: int
    name: str
    region: str | None


@dataclass
class Unit:
    id: int
    workspace_id: int
    name: str
    level: str
    position: int


@dataclass
class UnitReportInfo:
    unit: Unit
    year: int
    report_id: int
    source: str
    imported_at: datetime


@dataclass
class Confirmation:
    unit_id: int
    year: int
    fingerprint: str
    who: str
    reason: str
    created_at: datetime


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


_WAL_WAIT = 10.0     # seconds a connection keeps trying to switch a database to WAL


def _journal_wal(cur) -> None:
    """Switch the database to WAL. Two connections switching one file at once do not wait on
    each other: SQLite answers "database is locked" at once, past the busy timeout (a deadlock
    it refuses to wait on), so several processes opening an old database together retry here."""
    import sqlite3
    import time
    deadline = time.monotonic() + _WAL_WAIT
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as e:
            code = getattr(e, "sqlite_errorcode", None)
            busy = isinstance(code, int) and code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED)
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # WAL lets readers and one writer work together
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA busy_timeout=10000")
        _journal_wal(cur)
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()


# -- migrations -------------------------------------------------------------------------
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD = "0004"            # newest revision in migrations/versions (a test checks they agree)
BASELINE = "0001"        # the schema of the store before migrations existed
_PG_LOCK = 4_184_201     # advisory lock key: one migrating process at a time on PostgreSQL


def _alembic_config(connection):
    from alembic.config import Config
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def current_revision(connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


@contextmanager
def _migration_lock(engine: Engine):
    """Several processes may open a database that needs upgrading at once (app workers, a CLI):
    only one migrates, the others wait and then find it current."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _PG_LOCK})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _PG_LOCK})
                conn.commit()
        return
    db = engine.url.database if engine.dialect.name == "sqlite" else None
    if not db or db == ":memory:":
        yield
        return
    import fcntl
    with open(f"{db}.migrate-lock", "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def migrate(engine: Engine) -> tuple[str | None, str]:
    """Bring the database to the newest schema; returns (revision found, revision now).

    A database made before migrations (it has ``reports`` but no ``alembic_version``) is taken
    to have the baseline schema, stamped so, and upgraded; an empty one is built from scratch.
    """
    with engine.connect() as conn:
        found = current_revision(conn)
    if found == HEAD:
        return found, HEAD
    from alembic import command
    with _migration_lock(engine):
        with engine.connect() as conn:
            found = current_revision(conn)
            if found == HEAD:           # another process did it while we waited
                return found, HEAD
            legacy = found is None and inspect(conn).has_table("reports")
            if engine.dialect.name == "sqlite":
                # Rebuilding a table in batch mode drops the old one; with foreign keys on, that
                # would cascade-delete every row pointing at it. Off for the migration only.
                conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            cfg = _alembic_config(conn)
            if legacy:
                command.stamp(cfg, BASELINE)
            command.upgrade(cfg, "head")
            conn.commit()
            if engine.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
        return (BASELINE if legacy else found), HEAD


def fingerprint(report: Report) -> str:
    """Identity of a report's tables: a confirmation holds only for the figures it was given for."""
    data = json.dumps(report_json(report).get("tables", {}), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


class Store:
    @_guarded
    def __init__(self, url: str | None = None):
        self.url = url or database_url()
        kw = {}
        if self.url.startswith("sqlite"):
            kw["connect_args"] = {"check_same_thread": False, "timeout": 10}
        self.engine = create_engine(self.url, **kw)
        if self.url.startswith("sqlite"):
            _sqlite_pragmas(self.engine)
        self.migrated_from, _ = migrate(self.engine)
        self._session = sessionmaker(self.engine, expire_on_commit=False)

    def session(self) -> Session:
        return self._session()

    # -- reports ------------------------------------------------------------
    @_guarded
    def list_reports(self) -> list[ReportInfo]:
        with self.session() as s:
            rows = s.scalars(select(ReportRow).order_by(ReportRow.year.desc(), ReportRow.agency)).all()
            return [ReportInfo(r.id, r.agency, r.year, r.version, r.updated_at) for r in rows]

    @_guarded
    def create(self, report: Report, origin: str = "user") -> int:
        limits.report_text_sizes(report)
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

    @_guarded
    def get(self, report_id: int) -> tuple[Report, int]:
        _check_id(report_id)
        with self.session() as s:
            row = s.get(ReportRow, report_id)
            if row is None:
                raise NotFound(f"报告 {report_id} 不存在")
            # What the store wrote itself is read back without the text bounds, so a report
            # saved before a bound was lowered still opens.
            return report_from_data(row.data, bounds=False), row.version

    @_guarded
    def save(self, report_id: int, report: Report, expected_version: int, origin: str = "user",
             note: str = "") -> int:
        """Save the whole report if nobody saved since ``expected_version``; new section texts
        become new versions. Returns the new version number."""
        _check_id(report_id)
        limits.report_text_sizes(report)
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

    @_guarded
    def duplicate(self, report_id: int) -> int:
        rep, _ = self.get(report_id)
        return self.create(rep, origin="import")

    @_guarded
    def delete(self, report_id: int) -> None:
        _check_id(report_id)
        with self.session() as s, s.begin():
            row = s.get(ReportRow, report_id)
            if row is None:
                raise NotFound(f"报告 {report_id} 不存在")
            for model in (SectionVersion, Generation, ChatMessage, SectionDraft, UnitReport):
                s.query(model).filter_by(report_id=report_id).delete()
            s.delete(row)

    @_guarded
    def find(self, agency: str, year: int) -> int | None:
        with self.session() as s:
            row = s.scalars(select(ReportRow.id).where(ReportRow.agency == agency, ReportRow.year == year)).first()
            return row

    # -- section versions -----------------------------------------------------
    @_guarded
    def versions(self, report_id: int, section: str) -> list[SectionVersion]:
        with self.session() as s:
            return list(s.scalars(select(SectionVersion).where(SectionVersion.report_id == report_id,
                                                               SectionVersion.section == section)
                                  .order_by(SectionVersion.n)).all())

    # -- unsaved drafts ---------------------------------------------------------
    @_guarded
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

    @_guarded
    def draft(self, report_id: int, section: str) -> SectionDraft | None:
        with self.session() as s:
            return s.scalars(select(SectionDraft).where(SectionDraft.report_id == report_id,
                                                        SectionDraft.section == section)).first()

    @_guarded
    def drafts(self, report_id: int) -> list[SectionDraft]:
        with self.session() as s:
            return list(s.scalars(select(SectionDraft).where(SectionDraft.report_id == report_id)
                                  .order_by(SectionDraft.section)).all())

    @_guarded
    def discard_draft(self, report_id: int, section: str) -> None:
        with self.session() as s, s.begin():
            s.query(SectionDraft).filter_by(report_id=report_id, section=section).delete()

    # -- dismissals -----------------------------------------------------------
    @_guarded
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

    @_guarded
    def dismissals(self, report_id: int) -> list[ReportDismissal]:
        return list(self.get(report_id)[0].dismissals)

    @_guarded
    def undismiss(self, report_id: int, index: int) -> None:
        rep, version = self.get(report_id)
        if 0 <= index < len(rep.dismissals):
            del rep.dismissals[index]
            self.save(report_id, rep, version, note="取消忽略")

    # -- generations and chat -------------------------------------------------
    @_guarded
    def record_generation(self, report_id: int, section: str, **kw) -> None:
        with self.session() as s, s.begin():
            kw = {k: secrets.redact(v) if isinstance(v, str) else v for k, v in kw.items()}
            s.add(Generation(report_id=report_id, section=section, **kw))

    @_guarded
    def generations(self, report_id: int) -> list[Generation]:
        with self.session() as s:
            return list(s.scalars(select(Generation).where(Generation.report_id == report_id)
                                  .order_by(Generation.id)).all())

    @_guarded
    def add_message(self, report_id: int, role: str, content: str) -> None:
        with self.session() as s, s.begin():
            s.add(ChatMessage(report_id=report_id, role=role, content=secrets.redact(content)))

    @_guarded
    def messages(self, report_id: int) -> list[ChatMessage]:
        with self.session() as s:
            return list(s.scalars(select(ChatMessage).where(ChatMessage.report_id == report_id)
                                  .order_by(ChatMessage.id)).all())

    @_guarded
    def count(self) -> int:
        with self.session() as s:
            return s.scalar(select(func.count()).select_from(ReportRow)) or 0

    # -- workspaces and units -------------------------------------------------
    @_guarded
    def create_workspace(self, name: str, region: str | None = None) -> int:
        name = (name or "").strip()
        if len(name) < 2:
            raise ValueError("请填写工作区对应的人民政府全称")
        with self.session() as s, s.begin():
            if s.scalars(select(WorkspaceRow.id).where(WorkspaceRow.name == name)).first() is not None:
                raise ValueError(f"工作区「{name}」已存在")
            row = WorkspaceRow(name=name, region=(region or "").strip() or None)
            s.add(row)
            s.flush()
            return row.id

    @_guarded
    def workspaces(self) -> list[Workspace]:
        with self.session() as s:
            return [Workspace(r.id, r.name, r.region)
                    for r in s.scalars(select(WorkspaceRow).order_by(WorkspaceRow.name))]

    @_guarded
    def workspace(self, workspace_id: int) -> Workspace:
        with self.session() as s:
            r = s.get(WorkspaceRow, workspace_id)
            if r is None:
                raise NotFound(f"工作区 {workspace_id} 不存在")
            return Workspace(r.id, r.name, r.region)

    @_guarded
    def add_unit(self, workspace_id: int, name: str, level: str = "部门") -> int:
        name = (name or "").strip()
        if len(name) < 2:
            raise ValueError("请填写单位全称")
        if level not in ("部门", "乡镇街道", "人民政府"):
            raise ValueError(f"单位层级应为 部门、乡镇街道 或 人民政府，收到「{level}」")
        with self.session() as s, s.begin():
            if s.get(WorkspaceRow, workspace_id) is None:
                raise NotFound(f"工作区 {workspace_id} 不存在")
            if s.scalars(select(UnitRow.id).where(UnitRow.workspace_id == workspace_id,
                                                  UnitRow.name == name)).first() is not None:
                raise ValueError(f"单位「{name}」已在工作区中")
            pos = s.scalar(select(func.count()).select_from(UnitRow)
                           .where(UnitRow.workspace_id == workspace_id)) or 0
            row = UnitRow(workspace_id=workspace_id, name=name, level=level, position=pos)
            s.add(row)
            s.flush()
            return row.id

    @_guarded
    def units(self, workspace_id: int) -> list[Unit]:
        with self.session() as s:
            rows = s.scalars(select(UnitRow).where(UnitRow.workspace_id == workspace_id)
                             .order_by(UnitRow.position, UnitRow.id))
            return [Unit(r.id, r.workspace_id, r.name, r.level, r.position) for r in rows]

    @_guarded
    def unit(self, unit_id: int) -> Unit:
        with self.session() as s:
            r = s.get(UnitRow, unit_id)
            if r is None:
                raise NotFound(f"单位 {unit_id} 不存在")
            return Unit(r.id, r.workspace_id, r.name, r.level, r.position)

    @_guarded
    def remove_unit(self, unit_id: int) -> None:
        """Take a unit out of its workspace; its reports stay in the store as ordinary reports."""
        with self.session() as s, s.begin():
            row = s.get(UnitRow, unit_id)
            if row is None:
                raise NotFound(f"单位 {unit_id} 不存在")
            for model in (UnitReport, RollupConfirmation):
                s.query(model).filter_by(unit_id=unit_id).delete()
            s.delete(row)

    @_guarded
    def set_unit_report(self, unit_id: int, report: Report, source: str) -> tuple[int, bool]:
        """Store ``report`` as the unit's report for its year: a new version of the report
        already there (history kept, nothing overwritten silently), or a new report. Returns
        (report id, whether it replaced an earlier one)."""
        year = report.meta.year
        with self.session() as s:
            link = s.scalars(select(UnitReport).where(UnitReport.unit_id == unit_id,
                                                      UnitReport.year == year)).first()
            rid = link.report_id if link else None
        if rid is not None:
            _, version = self.get(rid)
            self.save(rid, report, version, origin="import", note=f"重新导入：{source}")
            with self.session() as s, s.begin():
                s.execute(update(UnitReport).where(UnitReport.report_id == rid)
                          .values(source=source[:400], imported_at=_now()))
            return rid, True
        rid = self.create(report, origin="import")
        with self.session() as s, s.begin():
            if s.get(UnitRow, unit_id) is None:
                raise NotFound(f"单位 {unit_id} 不存在")
            s.add(UnitReport(unit_id=unit_id, year=year, report_id=rid, source=source[:400]))
        return rid, False

    @_guarded
    def link_unit_report(self, unit_id: int, report_id: int, source: str = "应用") -> None:
        """Make a report already in the store (made in the app) the unit's report for its year."""
        rep, _ = self.get(report_id)
        with self.session() as s, s.begin():
            s.query(UnitReport).filter_by(unit_id=unit_id, year=rep.meta.year).delete()
            s.query(UnitReport).filter_by(report_id=report_id).delete()
            s.add(UnitReport(unit_id=unit_id, year=rep.meta.year, report_id=report_id, source=source[:400]))

    @_guarded
    def unit_reports(self, workspace_id: int, year: int) -> list[UnitReportInfo]:
        with self.session() as s:
            rows = s.execute(select(UnitReport, UnitRow).join(UnitRow, UnitReport.unit_id == UnitRow.id)
                             .where(UnitRow.workspace_id == workspace_id, UnitReport.year == year)
                             .order_by(UnitRow.position, UnitRow.id)).all()
            return [UnitReportInfo(Unit(u.id, u.workspace_id, u.name, u.level, u.position), link.year,
                                   link.report_id, link.source, link.imported_at) for link, u in rows]

    # -- roll-up confirmations and snapshots ------------------------------------
    @_guarded
    def confirm_unit(self, unit_id: int, year: int, fingerprint: str, who: str, reason: str) -> None:
        if not (who or "").strip():
            raise ValueError("请填写确认人")
        if not (reason or "").strip():
            raise ValueError("请填写确认纳入汇总的理由")
        with self.session() as s, s.begin():
            s.add(RollupConfirmation(unit_id=unit_id, year=year, fingerprint=fingerprint,
                                     who=secrets.redact(who.strip())[:200], reason=secrets.redact(reason.strip())))

    @_guarded
    def confirmations(self, workspace_id: int, year: int) -> list[Confirmation]:
        with self.session() as s:
            rows = s.scalars(select(RollupConfirmation).join(UnitRow, RollupConfirmation.unit_id == UnitRow.id)
                             .where(UnitRow.workspace_id == workspace_id, RollupConfirmation.year == year)
                             .order_by(RollupConfirmation.id))
            return [Confirmation(r.unit_id, r.year, r.fingerprint, r.who, r.reason, r.created_at) for r in rows]

    @_guarded
    def save_snapshot(self, workspace_id: int, year: int, data: dict) -> None:
        with self.session() as s, s.begin():
            s.add(RollupSnapshot(workspace_id=workspace_id, year=year, data=data))

    @_guarded
    def last_snapshot(self, workspace_id: int, year: int) -> dict | None:
        with self.session() as s:
            row = s.scalars(select(RollupSnapshot).where(RollupSnapshot.workspace_id == workspace_id,
                                                         RollupSnapshot.year == year)
                            .order_by(RollupSnapshot.id.desc()).limit(1)).first()
            return None if row is None else row.data

    # -- reviews -------------------------------------------------------------------
    @_guarded
    def save_review(self, workspace_id: int, year: int, data: dict) -> int:
        with self.session() as s, s.begin():
            row = ReviewRow(workspace_id=workspace_id, year=year, data=_clean_json(data))
            s.add(row)
            s.flush()
            return row.id

    @_guarded
    def last_review(self, workspace_id: int, year: int) -> dict | None:
        with self.session() as s:
            row = s.scalars(select(ReviewRow).where(ReviewRow.workspace_id == workspace_id,
                                                    ReviewRow.year == year)
                            .order_by(ReviewRow.id.desc()).limit(1)).first()
            return None if row is None else row.data


