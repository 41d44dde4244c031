"""The access list and the audit log, in their own DuckDB file beside the data store.

Why a separate file: the dashboard holds the data store open read-only and an import swaps the
store file atomically, so grants and the audit log would be lost (or locked out) in it. The
access file (``<store>.access.duckdb``, or ``$SAMMACHIP_ACCESS_DB``) is opened briefly per
read or write under a file lock (shared to read, exclusive to write) and never touched by an
import or a snapshot swap.

The audit log is append-only: this module offers :func:`log` and :func:`read_audit`, nothing
that updates or deletes, and grant changes are themselves audited.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from access.tables import SUBSCRIPTION_DDL
from data_loaders.contract.settings import db_path
from data_loaders.reference.geo import district_status

ACCESS_ENV = "SAMMACHIP_ACCESS_DB"
ROLES = ("officer", "manager", "evaluator", "admin")
ACTIONS = (
    "sign_in",
    "import",
    "import_refused",
    "reveal",
    "export",
    "access_change",
    "subscription_change",  # access/subscriptions.py
    "delivery",  # reports/deliver.py: each mail sent, skipped or failed
)
# What each role may do (issue 12's table); seeing is decided by the areas.
CAN_IMPORT = frozenset({"officer", "manager", "admin"})
CAN_REVEAL = frozenset({"officer", "manager", "admin"})
HOUSEHOLD_ROWS = frozenset({"officer", "manager", "admin"})  # evaluators: aggregates only

# A pragmatic form check (one @, a dot in the domain, no spaces); no nested quantifiers.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")

DDL = (
    """CREATE TABLE IF NOT EXISTS grants (
        email VARCHAR PRIMARY KEY,
        role VARCHAR NOT NULL,
        areas VARCHAR[] NOT NULL,
        granted_at TIMESTAMP NOT NULL,
        granted_by VARCHAR NOT NULL
    )""",
    "CREATE SEQUENCE IF NOT EXISTS audit_seq",
    """CREATE TABLE IF NOT EXISTS audit_log (
        audit_id BIGINT PRIMARY KEY DEFAULT nextval('audit_seq'),
        at_utc TIMESTAMP NOT NULL,
        email VARCHAR NOT NULL,
        role VARCHAR,
        action VARCHAR NOT NULL,
        scope_json VARCHAR,
        detail VARCHAR
    )""",
    *SUBSCRIPTION_DDL,
)


class AccessError(ValueError):
    """A bad email, role or area code, with a Thai / English message an admin can act on;
    ``argument`` names what was wrong (``EMAIL``, ``--role``, ``--area``)."""

    def __init__(self, message: str, *, argument: str) -> None:
        super().__init__(message)
        self.argument = argument


@dataclass(frozen=True, slots=True)
class Grant:
    """One person's access: lower-cased email, role, and province/district codes."""

    email: str
    role: str
    areas: tuple[str, ...] = ()

    @property
    def visible(self) -> tuple[str, ...] | None:
        """The areas this person sees: ``None`` for all (admin, evaluator without areas),
        else the codes; an officer or manager without areas sees nothing (``()``)."""
        if self.role == "admin" or (self.role == "evaluator" and not self.areas):
            return None
        return self.areas


def access_path(store: Path | None = None) -> Path:
    """The access file beside ``store`` (``<store>.access.duckdb``) when a store is named (``--db``);
    else ``$SAMMACHIP_ACCESS_DB``, else beside the configured store (:func:`db_path`)."""
    if store is None:
        from_env = os.environ.get(ACCESS_ENV, "").strip()
        if from_env:
            return Path(from_env)
        store = db_path()
    return store.with_name(f"{store.stem}.access.duckdb")


def clean_email(email: str) -> str:
    """The email lower-cased and trimmed; :class:`AccessError` if it is not an email address."""
    value = email.strip().lower()
    if not _EMAIL.fullmatch(value) or len(value) > 254:
        msg = f"อีเมลไม่ถูกต้อง / not an email address: {email!r}"
        raise AccessError(msg, argument="EMAIL")
    return value


def clean_area(code: str) -> str:
    """A checked area code: a province (2 digits) or a district (4 digits) known to DOPA (geothai)."""
    import geothai

    value = code.strip()
    if not (value.isascii() and value.isdigit() and len(value) in (2, 4)):
        msg = (
            f"รหัสพื้นที่ต้องเป็นจังหวัด 2 หลักหรืออำเภอ 4 หลัก / an area is a province code (2 digits) "
            f"or a district code (4 digits): {code!r}"
        )
        raise AccessError(msg, argument="--area")
    known = geothai.province(value) is not None if len(value) == 2 else district_status(value) is not None
    if not known:
        th, en = ("จังหวัด", "province") if len(value) == 2 else ("อำเภอ", "district")
        msg = f"ไม่พบรหัส{th} {value} ในรหัสทางการ (DOPA) / no official {en} code {value}"
        raise AccessError(msg, argument="--area")
    return value


def clean_role(role: str) -> str:
    value = role.strip().lower()
    if value not in ROLES:
        msg = f"บทบาทต้องเป็น / the role must be one of {', '.join(ROLES)}: {role!r}"
        raise AccessError(msg, argument="--role")
    return value


@contextlib.contextmanager
def _open(path: Path, *, write: bool) -> Iterator[duckdb.DuckDBPyConnection | None]:
    """A short-lived connection under the access file's lock; ``None`` to read a missing file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX if write else fcntl.LOCK_SH)
        try:
            if not write and not path.exists():
                yield None
                return
            con = duckdb.connect(str(path), read_only=not write)
            try:
                if write:
                    for statement in DDL:
                        con.execute(statement)
                yield con
            finally:
                con.close()
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _insert_audit(
    con: duckdb.DuckDBPyConnection,
    *,
    email: str,
    role: str | None,
    action: str,
    scope: dict[str, Any] | None,
    detail: dict[str, Any] | str | None,
) -> None:
    if action not in ACTIONS:
        msg = f"unknown audit action {action!r}"
        raise ValueError(msg)
    con.execute(
        "INSERT INTO audit_log (at_utc, email, role, action, scope_json, detail) VALUES (?, ?, ?, ?, ?, ?)",
        [
            _now(),
            email,
            role,
            action,
            None if scope is None else json.dumps(scope, ensure_ascii=False, sort_keys=True, default=str),
            detail if detail is None or isinstance(detail, str) else json.dumps(detail, ensure_ascii=False),
        ],
    )


def log(
    action: str,
    *,
    email: str,
    role: str | None,
    scope: dict[str, Any] | None = None,
    detail: dict[str, Any] | str | None = None,
    path: Path | None = None,
) -> None:
    """Append one line to the audit log (time is UTC now)."""
    with _open(path or access_path(), write=True) as con:
        assert con is not None
        _insert_audit(con, email=email, role=role, action=action, scope=scope, detail=detail)


def sign_in_logged(email: str, issued_at: object, *, path: Path | None = None) -> bool:
    """Whether this sign-in (the email and its ID token's ``iat``) is in the log already: each
    new browser session reads the same sign-in cookie, and one sign-in is one line."""
    if issued_at is None:
        return False
    detail = json.dumps({"iat": issued_at}, ensure_ascii=False)
    with _open(path or access_path(), write=False) as con:
        if con is None:
            return False
        found = con.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'sign_in' AND email = ? AND detail = ?",
            [email, detail],
        ).fetchone()[0]
    return found > 0


def grant(
    email: str, role: str, areas: list[str] | tuple[str, ...] = (), *, by: str, path: Path | None = None
) -> Grant:
    """Give (or replace) ``email``'s access; checked, audited as ``access_change``."""
    new = Grant(clean_email(email), clean_role(role), tuple(sorted({clean_area(a) for a in areas})))
    if new.role in ("officer", "manager") and not new.areas:
        msg = (
            f"บทบาท {new.role} ต้องระบุพื้นที่อย่างน้อยหนึ่งแห่ง (--area) / "
            f"a {new.role} needs at least one area (--area CODE)"
        )
        raise AccessError(msg, argument="--area")
    with _open(path or access_path(), write=True) as con:
        assert con is not None
        con.execute(
            "INSERT OR REPLACE INTO grants VALUES (?, ?, ?, ?, ?)",
            [new.email, new.role, list(new.areas), _now(), by],
        )
        _insert_audit(
            con,
            email=by,
            role=None,
            action="access_change",
            scope=None,
            detail={"grant": new.email, "role": new.role, "areas": list(new.areas)},
        )
    return new


def revoke(email: str, *, by: str, path: Path | None = None) -> bool:
    """Remove ``email``'s access; True if there was a grant. Audited as ``access_change``."""
    value = clean_email(email)
    with _open(path or access_path(), write=True) as con:
        assert con is not None
        found = con.execute("SELECT count(*) FROM grants WHERE email = ?", [value]).fetchone()[0] > 0
        con.execute("DELETE FROM grants WHERE email = ?", [value])
        _insert_audit(
            con,
            email=by,
            role=None,
            action="access_change",
            scope=None,
            detail={"revoke": value, "had_grant": found},
        )
    return found


def grant_for(email: str | None, *, path: Path | None = None) -> Grant | None:
    """The grant of ``email`` (compared case-insensitively), or None."""
    if not email:
        return None
    with _open(path or access_path(), write=False) as con:
        if con is None:
            return None
        row = con.execute(
            "SELECT email, role, areas FROM grants WHERE email = ?", [email.strip().lower()]
        ).fetchone()
    return Grant(row[0], row[1], tuple(row[2])) if row else None


def list_grants(*, path: Path | None = None) -> list[Grant]:
    """Every grant, by email."""
    with _open(path or access_path(), write=False) as con:
        if con is None:
            return []
        rows = con.execute("SELECT email, role, areas FROM grants ORDER BY email").fetchall()
    return [Grant(r[0], r[1], tuple(r[2])) for r in rows]


def read_audit(
    *,
    email: str | None = None,
    action: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 5000,
    path: Path | None = None,
) -> pd.DataFrame:
    """Audit lines, newest first, filtered by email (substring, any case), action and UTC dates."""
    columns = ["audit_id", "at_utc", "email", "role", "action", "scope_json", "detail"]
    with _open(path or access_path(), write=False) as con:
        if con is None:
            return pd.DataFrame(columns=columns)
        return con.execute(
            "SELECT * FROM audit_log "
            "WHERE ($email::VARCHAR IS NULL OR contains(lower(email), lower($email))) "
            "AND ($action::VARCHAR IS NULL OR action = $action) "
            "AND ($since::DATE IS NULL OR at_utc >= $since::DATE) "
            "AND ($until::DATE IS NULL OR at_utc < $until::DATE + INTERVAL 1 DAY) "
            "ORDER BY audit_id DESC LIMIT $limit",
            {"email": email or None, "action": action, "since": since, "until": until, "limit": limit},
        ).df()[columns]
