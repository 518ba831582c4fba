"""Dismissed warnings move into the report they belong to (Report.dismissals), so they travel
with its file; every row of the old ``dismissals`` table is copied into its report's data, then
the table is dropped.

Revision ID: 0003
Revises: 0002
"""
from datetime import timezone

from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_reports = sa.table("reports", sa.column("id", sa.Integer), sa.column("data", sa.JSON))
_dismissals = sa.table("dismissals", sa.column("id", sa.Integer), sa.column("report_id", sa.Integer),
                       sa.column("code", sa.String), sa.column("key", sa.Text), sa.column("reason", sa.Text),
                       sa.column("created_at", sa.DateTime(timezone=True)))


def _iso(at) -> str:
    if at is None:
        return "1970-01-01T00:00:00+00:00"
    if isinstance(at, str):       # SQLite without type information
        return at.replace(" ", "T") if "+" in at or at.endswith("Z") else at.replace(" ", "T") + "+00:00"
    if at.tzinfo is None:         # stored as UTC by the store
        at = at.replace(tzinfo=timezone.utc)
    return at.isoformat()


def upgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.select(_dismissals).order_by(_dismissals.c.id)).mappings().all()
    by_report: dict[int, list] = {}
    for r in rows:
        by_report.setdefault(r["report_id"], []).append(r)
    for rid, items in by_report.items():
        data = conn.execute(sa.select(_reports.c.data).where(_reports.c.id == rid)).scalar()
        if not isinstance(data, dict):
            continue
        kept = list(data.get("dismissals") or [])
        seen = {(d.get("code"), d.get("key")) for d in kept if isinstance(d, dict)}
        for r in items:
            if (r["code"], r["key"]) in seen or not (r["reason"] or "").strip():
                continue
            kept.append({"code": r["code"], "key": r["key"], "reason": r["reason"], "who": "",
                         "at": _iso(r["created_at"])})
            seen.add((r["code"], r["key"]))
        data = dict(data, dismissals=kept)
        conn.execute(sa.update(_reports).where(_reports.c.id == rid).values(data=data))
    op.drop_index("ix_dismissals_report_id", table_name="dismissals")
    op.drop_table("dismissals")


def downgrade() -> None:
    op.create_table(
        "dismissals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
        sa.Column("code", sa.String(10), nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_dismissals_report_id", "dismissals", ["report_id"])
    conn = op.get_bind()
    for rid, data in conn.execute(sa.select(_reports.c.id, _reports.c.data)).all():
        for d in (data or {}).get("dismissals") or []:
            conn.execute(sa.insert(_dismissals).values(report_id=rid, code=d["code"], key=d["key"],
                                                       reason=d["reason"], created_at=sa.func.now()))
