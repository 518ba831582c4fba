"""Text typed on 修改 and not yet saved, one row per report and section (the app offers it back
after a reload or a restart).

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "section_drafts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
        sa.Column("section", sa.String(40), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("base", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_section_drafts_report_id", "section_drafts", ["report_id"])


def downgrade() -> None:
    op.drop_index("ix_section_drafts_report_id", table_name="section_drafts")
    op.drop_table("section_drafts")
