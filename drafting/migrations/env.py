"""Alembic environment for the store. The store runs migrations itself when it opens a
database (drafting.store.migrate), passing its own connection in ``config.attributes``; the
``alembic`` command line is not needed to use the app."""
from __future__ import annotations

from alembic import context

from drafting.store import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:   # pragma: no cover - only for `alembic` run by hand against a URL
    from sqlalchemy import create_engine
    connection = create_engine(config.get_main_option("sqlalchemy.url")).connect()

# SQLite cannot ALTER most things; batch mode rebuilds the table instead.
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
with context.begin_transaction():
    context.run_migrations()
