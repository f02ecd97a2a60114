"""Team sessions and shares in SQL (SQLAlchemy Core; SQLite or PostgreSQL, as settings.env says).

Privacy by design: a code, the facilitator's token and each member's token are kept only as
SHA-256 hashes, so whoever reads the tables cannot join a session, read its overview or
withdraw a share. No conversation ids, no addresses. A session and its shares are deleted
together: when the facilitator closes it, and once it expires (``purge``, run by retention).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bot.settings import tracker_store
from bot.team import normal_code

# Seconds SQLite waits for the other process (Rasa server or action server) to finish writing.
SQLITE_BUSY_SECONDS = 10


@dataclass(frozen=True)
class TeamSession:
    id: str
    focus: str  # a bouwopgave id, or "" for an open session
    created: float
    expires: float


@dataclass(frozen=True)
class Share:
    member: str  # the first characters of the member token's hash: tells shares apart, names no one
    items: list[dict[str, Any]]
    signature: str
    shared_at: float


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _code_hash(code: str) -> str:
    """The hash of a code in its one written form (bot.team.normal_code), however it was typed."""
    return _hash(normal_code(code) or re.sub(r"[\s-]", "", code).upper())


class TeamStore:
    def __init__(self, url: str | sa.engine.URL, **engine_kwargs: Any) -> None:
        url = sa.engine.make_url(url)
        if url.get_backend_name() == "sqlite":
            engine_kwargs.setdefault("connect_args", {"timeout": SQLITE_BUSY_SECONDS})
        self.engine = sa.create_engine(url, future=True, **engine_kwargs)
        metadata = sa.MetaData()
        self.sessions = sa.Table(
            "team_sessies",
            metadata,
            sa.Column("id", sa.String(64), primary_key=True),
            sa.Column("code_hash", sa.String(64), nullable=False, unique=True),
            sa.Column("begeleider_hash", sa.String(64), nullable=False),
            sa.Column("focus", sa.String(64), nullable=False, default=""),
            sa.Column("aangemaakt", sa.Float, nullable=False),
            sa.Column("verloopt", sa.Float, nullable=False, index=True),
        )
        self.shares = sa.Table(
            "team_delingen",
            metadata,
            sa.Column("sessie", sa.String(64), primary_key=True),
            sa.Column("lid_hash", sa.String(64), primary_key=True),
            sa.Column("onderdelen", sa.Text, nullable=False),
            sa.Column("ondertekend", sa.String(64), nullable=False, default=""),
            sa.Column("gedeeld", sa.Float, nullable=False),
        )
        self.attempts = sa.Table(
            "team_pogingen",
            metadata,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("sleutel_hash", sa.String(64), nullable=False, index=True),
            sa.Column("op", sa.Float, nullable=False),
        )
        metadata.create_all(self.engine, checkfirst=True)

    @classmethod
    def from_settings(cls, values: Mapping[str, str]) -> TeamStore:
        """On the database of the tracker store (settings.env), read the same way."""
        config = tracker_store(values)
        if config["dialect"] == "sqlite":
            database = Path(str(config["db"]))
            database.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not database.exists():
                database.touch(mode=0o600)
            return cls(sa.engine.URL.create("sqlite", database=str(database)))
        url = sa.engine.URL.create(
            str(config["dialect"]),
            username=config.get("username"),  # type: ignore[arg-type]
            password=config.get("password"),  # type: ignore[arg-type]
            host=config.get("url"),  # type: ignore[arg-type]
            port=int(config["port"]) if config.get("port") else None,
            database=str(config["db"]),
        )
        return cls(url, pool_pre_ping=True)

    # -- sessions

    def create(
        self, session_id: str, code: str, facilitator_token: str, focus: str, created: float, expires: float
    ) -> bool:
        """Keep a new session; False when its code (or id) is taken, so the caller draws another."""
        try:
            with self.engine.begin() as connection:
                connection.execute(
                    self.sessions.insert().values(
                        id=session_id,
                        code_hash=_code_hash(code),
                        begeleider_hash=_hash(facilitator_token),
                        focus=focus,
                        aangemaakt=created,
                        verloopt=expires,
                    )
                )
        except sa.exc.IntegrityError:
            return False
        return True

    def _session(self, where: Any, now: float) -> TeamSession | None:
        query = sa.select(self.sessions).where(where, self.sessions.c.verloopt > now)
        with self.engine.connect() as connection:
            row = connection.execute(query).first()
        if row is None:
            return None
        return TeamSession(row.id, row.focus, row.aangemaakt, row.verloopt)

    def by_code(self, code: str, now: float) -> TeamSession | None:
        """The live session of ``code`` (as typed: case, spaces and dashes do not matter)."""
        return self._session(self.sessions.c.code_hash == _code_hash(code), now)

    def get(self, session_id: str, now: float) -> TeamSession | None:
        return self._session(self.sessions.c.id == session_id, now)

    def _is_facilitator(self, connection: Any, session_id: str, token: str, now: float | None = None) -> bool:
        query = sa.select(self.sessions.c.id).where(
            self.sessions.c.id == session_id, self.sessions.c.begeleider_hash == _hash(token)
        )
        if now is not None:
            query = query.where(self.sessions.c.verloopt > now)
        return connection.execute(query).first() is not None

    def close(self, session_id: str, facilitator_token: str) -> bool:
        """Delete the session and everything shared in it; a wrong token deletes nothing."""
        with self.engine.begin() as connection:
            if not self._is_facilitator(connection, session_id, facilitator_token):
                return False
            connection.execute(self.shares.delete().where(self.shares.c.sessie == session_id))
            connection.execute(self.sessions.delete().where(self.sessions.c.id == session_id))
        return True

    def purge(self, now: float) -> int:
        """Delete expired sessions with their shares, and old code attempts; how many sessions."""
        with self.engine.begin() as connection:
            expired = [
                row.id
                for row in connection.execute(sa.select(self.sessions.c.id).where(self.sessions.c.verloopt <= now))
            ]
            if expired:
                connection.execute(self.shares.delete().where(self.shares.c.sessie.in_(expired)))
                connection.execute(self.sessions.delete().where(self.sessions.c.id.in_(expired)))
            connection.execute(self.attempts.delete().where(self.attempts.c.op < now - 24 * 60 * 60))
        return len(expired)

    # -- shares

    def share(
        self, session_id: str, member_token: str, items: list[dict[str, Any]], signature: str, now: float
    ) -> bool:
        """Keep what a member shares (replacing what they shared before); False when the
        session is closed or expired."""
        member = _hash(member_token)
        with self.engine.begin() as connection:
            live = sa.select(self.sessions.c.id).where(self.sessions.c.id == session_id, self.sessions.c.verloopt > now)
            if connection.execute(live).first() is None:
                return False
            mine = (self.shares.c.sessie == session_id) & (self.shares.c.lid_hash == member)
            connection.execute(self.shares.delete().where(mine))
            connection.execute(
                self.shares.insert().values(
                    sessie=session_id,
                    lid_hash=member,
                    onderdelen=json.dumps(items, ensure_ascii=False),
                    ondertekend=signature,
                    gedeeld=now,
                )
            )
        return True

    def withdraw(self, session_id: str, member_token: str) -> bool:
        mine = (self.shares.c.sessie == session_id) & (self.shares.c.lid_hash == _hash(member_token))
        with self.engine.begin() as connection:
            return connection.execute(self.shares.delete().where(mine)).rowcount > 0

    def _share(self, row: Any) -> Share:
        return Share(row.lid_hash[:12], json.loads(row.onderdelen), row.ondertekend, row.gedeeld)

    def shared_by(self, session_id: str, member_token: str) -> Share | None:
        mine = (self.shares.c.sessie == session_id) & (self.shares.c.lid_hash == _hash(member_token))
        with self.engine.connect() as connection:
            row = connection.execute(sa.select(self.shares).where(mine)).first()
        return self._share(row) if row else None

    def overview(self, session_id: str, facilitator_token: str, now: float) -> list[Share] | None:
        """Every share of a live session, in the order they came; None for anyone but its facilitator."""
        with self.engine.connect() as connection:
            if not self._is_facilitator(connection, session_id, facilitator_token, now):
                return None
            rows = connection.execute(
                sa.select(self.shares)
                .where(self.shares.c.sessie == session_id)
                .order_by(self.shares.c.gedeeld, self.shares.c.lid_hash)
            ).all()
        return [self._share(row) for row in rows]

    # -- attempts at a code

    def note_failure(self, key: str, now: float) -> None:
        with self.engine.begin() as connection:
            connection.execute(self.attempts.insert().values(sleutel_hash=_hash(key), op=now))

    def attempt_allowed(self, key: str, now: float, limit: int = 10, window: float = 600) -> bool:
        """Whether fewer than ``limit`` wrong codes were tried under ``key`` in the last ``window`` seconds."""
        query = sa.select(sa.func.count(self.attempts.c.id)).where(
            self.attempts.c.sleutel_hash == _hash(key), self.attempts.c.op > now - window
        )
        with self.engine.connect() as connection:
            return connection.execute(query).scalar_one() < limit
