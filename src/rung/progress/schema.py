"""Where the database lives, how connections are set up, and migrating on open.

* The URL: an explicit argument, else ``RUNG_DATABASE_URL``, else a SQLite file
  ``rung.db`` in ``RUNG_HOME`` or the platform's user data directory. Missing
  directories are created.
* SQLite connections get WAL (readers never wait for the writer), a busy
  timeout (a writer waits for another instead of failing at once), foreign
  keys, and ``synchronous=NORMAL`` (a committed attempt survives a killed
  process; only a power cut can lose the last few).
* pysqlite's own transaction handling is switched off so that SQLAlchemy's
  ``begin`` emits ``BEGIN IMMEDIATE`` for writes: a write transaction takes the
  write lock up front and waits its turn, instead of failing half-way when two
  processes both try to upgrade a read lock.
* Migrations run with Alembic from code, under that write lock (SQLite) or an
  advisory lock (PostgreSQL), so several processes may open a new database at
  once. A file that is not SQLite is reported as corrupt, naming the file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, OperationalError

from rung.progress.errors import CorruptDatabase, DatabaseLocked, DatabaseUnavailable

#: The newest migration. A test checks it against the scripts; it lets an
#: up-to-date database open without loading Alembic at all.
SCHEMA_HEAD = "0003"

#: Seconds a writer waits for another process's write lock before giving up.
DEFAULT_BUSY_TIMEOUT = 10.0

_SQLITE_MAGIC = b"SQLite format 3\x00"
_MIGRATIONS = Path(__file__).with_name("migrations")
# Any constant will do: it only has to be the same in every rung process.
_PG_MIGRATION_LOCK = 0x52554E47


@dataclass(frozen=True)
class Location:
    url: str
    path: Path | None  # the SQLite file, when there is one

    @property
    def where(self) -> str:
        """The file or (password-free) URL, for messages."""
        if self.path is not None:
            return str(self.path)
        return make_url(self.url).render_as_string(hide_password=True)


def data_dir() -> Path:
    """The directory of the default database: ``RUNG_HOME`` or the user data dir."""
    home = os.environ.get("RUNG_HOME")
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("rung", appauthor=False))


def resolve(url: str | None = None) -> Location:
    """Decide which database to use (see the module docstring for the order)."""
    url = url or os.environ.get("RUNG_DATABASE_URL") or None
    if url is None:
        path = data_dir() / "rung.db"
        return Location(f"sqlite:///{path}", path)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return Location(url, Path(parsed.database))
    return Location(url, None)


def check_sqlite_file(path: Path) -> None:
    """Create the directory; refuse a file that is not a SQLite database."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseUnavailable(
            f"Cannot create the directory {path.parent} for the progress database: "
            f"{exc.strerror}. Set RUNG_HOME to a directory you can write to."
        ) from exc
    if path.is_dir():
        raise DatabaseUnavailable(
            f"{path} is a directory, not the progress database file. Move it aside, or set "
            "RUNG_HOME (or RUNG_DATABASE_URL) to somewhere else."
        )
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as fh:
            head = fh.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseUnavailable(
            f"Cannot read the progress database {path}: {exc.strerror}."
        ) from exc
    if head != _SQLITE_MAGIC:
        raise CorruptDatabase(str(path), "it does not start with the SQLite header")


def make_engine(location: Location, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> Engine:
    """An engine with the connection settings described in the module docstring."""
    if location.path is not None:
        check_sqlite_file(location.path)
    kwargs: dict[str, Any] = {}
    if make_url(location.url).get_backend_name() == "sqlite":
        # Our own busy handler below; pysqlite's ``timeout`` would be the same thing.
        kwargs["connect_args"] = {"timeout": busy_timeout}
    else:
        kwargs["pool_pre_ping"] = True
    engine = create_engine(location.url, **kwargs)
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine, busy_timeout)
    return engine


def _configure_sqlite(engine: Engine, busy_timeout: float) -> None:
    memory = engine.url.database in (None, "", ":memory:")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy's "begin" event issues BEGIN
        cur = dbapi_conn.cursor()
        try:
            cur.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            if not memory:
                cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
            cur.execute("PRAGMA foreign_keys = ON")
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        write = conn.get_execution_options().get("rung_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not engine.dialect.has_table(conn, "alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine, target: str = "head") -> None:
    """Bring the schema to ``target`` (default the newest; a no-op when it is there).

    Tests pass an older ``target`` to build a database "from an older version".
    """
    if target == "head" and current_revision(engine) == SCHEMA_HEAD:
        return
    from alembic import command
    from alembic.config import Config
    from alembic.util import CommandError

    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    with engine.execution_options(rung_write=True).begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
        cfg.attributes["connection"] = conn
        try:
            command.upgrade(cfg, target)
        except CommandError as exc:
            # The usual cause: a database written by a newer rung, whose
            # migration this rung does not have.
            where = (
                engine.url.database
                if engine.dialect.name == "sqlite"
                else engine.url.render_as_string(hide_password=True)
            )
            raise DatabaseUnavailable(
                f"The progress database {where} "
                f"has a schema this rung does not know ({exc}). It was probably made by a "
                "newer rung: upgrade rung, or move the file aside and import an export."
            ) from exc


def translate(exc: BaseException, location: Location, busy_timeout: float) -> Exception | None:
    """Map a driver error onto a StoreError with a useful message, if we know it."""
    message = str(getattr(exc, "orig", exc)).lower()
    if isinstance(exc, OperationalError) and ("locked" in message or "busy" in message):
        return DatabaseLocked(location.where, busy_timeout)
    if isinstance(exc, DatabaseError) and (
        "not a database" in message or "malformed" in message or "file is encrypted" in message
    ):
        return CorruptDatabase(location.where, str(getattr(exc, "orig", exc)))
    if isinstance(exc, OperationalError) and (
        "no such table" in message or "no such column" in message
    ):
        return CorruptDatabase(location.where, str(getattr(exc, "orig", exc)))
    if isinstance(exc, OperationalError) and location.path is None:
        return DatabaseUnavailable(
            f"Cannot reach the progress database {location.where}: "
            f"{str(getattr(exc, 'orig', exc)).strip()}"
        )
    if isinstance(exc, OperationalError) and "unable to open" in message:
        return DatabaseUnavailable(
            f"Cannot open the progress database {location.where}: check that the "
            "directory exists and that you may write to it."
        )
    return None
