"""Alembic environment: migrate the connection that rung hands us.

rung always runs migrations programmatically, passing an open connection in
``config.attributes["connection"]`` (inside a transaction that also holds the
lock which keeps two processes from migrating at once). There is no offline
mode: rung never writes SQL scripts.
"""

from __future__ import annotations

from alembic import context

from rung.progress.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable by running alembic by hand
    raise RuntimeError("rung runs its migrations from code: use rung.progress.open_store()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
