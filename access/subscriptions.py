"""Subscriptions to scheduled reports and alerts, kept beside the grants (issue 22).

A subscription sends one report (``meeting``: the meeting pack; ``followups``: the follow-up
list alone) of one area (a province or district code) to one e-mail address, on a day of the
month, in a format and a language; with ``alerts`` it also gets a mail after an import changes
its area (``reports/deliver.py``). Its area must lie within the recipient's grant: a
subscription outside it is refused, and one that a revoked or narrowed grant no longer covers is
stopped by the next delivery run (:func:`stop_uncovered`), which says so.

Every change is audited (``subscription_change``); each mail sent, skipped or failed too
(``delivery``). Deliveries are recorded only after the mail server accepted the message, and
only one delivery run works at a time (:func:`deliver_lock`), so each report goes out once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from access.store import (
    AccessError,
    Grant,
    _insert_audit,
    _now,
    _open,
    access_path,
    clean_area,
    clean_email,
    list_grants,
)

REPORTS: dict[str, tuple[str, ...]] = {"meeting": ("pdf", "pptx", "xlsx"), "followups": ("xlsx", "pdf")}
LANGS = ("th", "en")
DEFAULT_DAY = 25
MAX_DAY = 28  # every month has it

_COLUMNS = "subscription_id, email, report, area, format, day, lang, alerts, stopped_at, stopped_reason"


@dataclass(frozen=True, slots=True)
class Subscription:
    """One subscription; ``stopped_reason`` is set once a grant no longer covers it."""

    id: int
    email: str
    report: str
    area: str
    format: str
    day: int = DEFAULT_DAY
    lang: str = "th"
    alerts: bool = False
    stopped_at: dt.datetime | None = None
    stopped_reason: str | None = None

    @property
    def active(self) -> bool:
        return self.stopped_at is None

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["stopped_at"] = None if self.stopped_at is None else self.stopped_at.isoformat()
        return out


def covers(grant: Grant | None, area: str) -> bool:
    """Whether ``grant`` lets its holder see all of ``area`` (codes nest by prefix: province
    ``34`` holds district ``3414``); no grant covers nothing."""
    if grant is None:
        return False
    visible = grant.visible
    return visible is None or any(area.startswith(a) for a in visible)


def _grants(path: Path) -> dict[str, Grant]:
    return {g.email: g for g in list_grants(path=path)}


def _row(row: tuple) -> Subscription:
    return Subscription(
        int(row[0]), row[1], row[2], row[3], row[4], int(row[5]), row[6], bool(row[7]), row[8], row[9]
    )


def check_subscription(report: str, fmt: str, day: int, lang: str) -> None:
    """Refuse an unknown report, a format the report has not, a day outside 1–28 or a language."""
    if report not in REPORTS:
        msg = f"รายงานต้องเป็น / the report must be one of {', '.join(REPORTS)}: {report!r}"
        raise AccessError(msg, argument="--report")
    if fmt not in REPORTS[report]:
        msg = (
            f"รายงาน {report} ส่งได้เป็น / the {report} report comes as "
            f"{', '.join(REPORTS[report])}, not {fmt!r}"
        )
        raise AccessError(msg, argument="--format")
    if not 1 <= day <= MAX_DAY:
        msg = f"วันที่ต้องอยู่ระหว่าง 1 ถึง {MAX_DAY} / the day must be 1 to {MAX_DAY}: {day}"
        raise AccessError(msg, argument="--day")
    if lang not in LANGS:
        msg = f"ภาษาต้องเป็น th หรือ en / the language must be th or en: {lang!r}"
        raise AccessError(msg, argument="--lang")


def subscribe(
    email: str,
    report: str,
    area: str,
    fmt: str,
    *,
    day: int = DEFAULT_DAY,
    lang: str = "th",
    alerts: bool = False,
    by: str,
    path: Path | None = None,
) -> Subscription:
    """Add (or change) ``email``'s subscription to ``report`` of ``area``; one per email,
    report and area (subscribing again changes the format, day, language and alerts, and
    restarts a stopped one). Refused (:class:`AccessError`) when the area is not within the
    recipient's grant. Audited as ``subscription_change``."""
    path = path or access_path()
    value = clean_email(email)
    code = clean_area(area)
    check_subscription(report, fmt, day, lang)
    grant = _grants(path).get(value)
    if grant is None:
        msg = (
            f"{value} ยังไม่มีสิทธิ์ ให้สิทธิ์ก่อน (python -m access grant) / {value} has no grant: "
            "grant access first (python -m access grant)"
        )
        raise AccessError(msg, argument="EMAIL")
    if not covers(grant, code):
        areas = ", ".join(grant.areas) or "-"
        msg = (
            f"พื้นที่ {code} อยู่นอกสิทธิ์ของ {value} (สิทธิ์: {areas}) / the area {code} is outside "
            f"{value}'s grant (areas: {areas})"
        )
        raise AccessError(msg, argument="--area")
    with _open(path, write=True) as con:
        assert con is not None
        con.begin()
        known = con.execute(
            "SELECT subscription_id FROM subscriptions WHERE email = ? AND report = ? AND area = ?",
            [value, report, code],
        ).fetchone()
        if known is not None:  # the same id, so its deliveries still count: nothing is sent twice
            row = con.execute(
                "UPDATE subscriptions SET format = ?, day = ?, lang = ?, alerts = ?, stopped_at = NULL, "
                f"stopped_reason = NULL WHERE subscription_id = ? RETURNING {_COLUMNS}",
                [fmt, day, lang, alerts, known[0]],
            ).fetchone()
        else:
            row = con.execute(
                "INSERT INTO subscriptions (email, report, area, format, day, lang, alerts, created_at, "
                f"created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING {_COLUMNS}",
                [value, report, code, fmt, day, lang, alerts, _now(), by],
            ).fetchone()
        done = _row(row)
        _insert_audit(
            con,
            email=by,
            role=None,
            action="subscription_change",
            scope={"area": code},
            detail={"subscribe": done.as_dict()},
        )
        con.commit()
    return done


def unsubscribe(
    email: str, *, report: str | None = None, area: str | None = None, by: str, path: Path | None = None
) -> list[Subscription]:
    """Remove ``email``'s subscriptions (only to ``report`` / of ``area`` when given); the
    removed ones. Audited as ``subscription_change``."""
    path = path or access_path()
    value = clean_email(email)
    code = None if area is None else clean_area(area)
    if report is not None and report not in REPORTS:
        msg = f"รายงานต้องเป็น / the report must be one of {', '.join(REPORTS)}: {report!r}"
        raise AccessError(msg, argument="--report")
    where = "email = $email AND ($report::VARCHAR IS NULL OR report = $report) AND ($area::VARCHAR IS NULL OR area = $area)"
    params = {"email": value, "report": report, "area": code}
    with _open(path, write=True) as con:
        assert con is not None
        con.begin()
        gone = [
            _row(r)
            for r in con.execute(f"SELECT {_COLUMNS} FROM subscriptions WHERE {where}", params).fetchall()
        ]
        con.execute(f"DELETE FROM subscriptions WHERE {where}", params)
        _insert_audit(
            con,
            email=by,
            role=None,
            action="subscription_change",
            scope=None if code is None else {"area": code},
            detail={"unsubscribe": value, "report": report, "area": code, "removed": [s.id for s in gone]},
        )
        con.commit()
    return gone


def list_subscriptions(*, path: Path | None = None) -> list[Subscription]:
    """Every subscription, by email, report and area (stopped ones too)."""
    with _open(path or access_path(), write=True) as con:
        assert con is not None
        rows = con.execute(f"SELECT {_COLUMNS} FROM subscriptions ORDER BY email, report, area").fetchall()
    return [_row(r) for r in rows]


def uncovered(*, path: Path | None = None) -> list[Subscription]:
    """The active subscriptions whose recipient's grant (revoked or narrowed) no longer covers
    their area."""
    path = path or access_path()
    grants = _grants(path)
    return [s for s in list_subscriptions(path=path) if s.active and not covers(grants.get(s.email), s.area)]


def stop_uncovered(*, by: str, path: Path | None = None) -> list[Subscription]:
    """Stop every active subscription its grant no longer covers (:func:`uncovered`); the
    stopped ones, each audited as ``subscription_change``."""
    path = path or access_path()
    stopped = []
    for sub in uncovered(path=path):
        grant = _grants(path).get(sub.email)
        reason = "grant_revoked" if grant is None else "grant_narrowed"
        with _open(path, write=True) as con:
            assert con is not None
            con.begin()
            con.execute(
                "UPDATE subscriptions SET stopped_at = ?, stopped_reason = ? WHERE subscription_id = ?",
                [_now(), reason, sub.id],
            )
            _insert_audit(
                con,
                email=by,
                role=None,
                action="subscription_change",
                scope={"area": sub.area},
                detail={"stop": sub.id, "email": sub.email, "reason": reason},
            )
            con.commit()
        stopped.append(Subscription(**{**asdict(sub), "stopped_at": _now(), "stopped_reason": reason}))
    return stopped


def delivered(subscription_id: int, period: str, *, path: Path | None = None) -> bool:
    """Whether the report of ``period`` (``YYYY-MM``) went out already."""
    with _open(path or access_path(), write=True) as con:
        assert con is not None
        found = con.execute(
            "SELECT count(*) FROM deliveries WHERE subscription_id = ? AND period = ?",
            [subscription_id, period],
        ).fetchone()[0]
    return found > 0


def last_delivery_import(subscription_id: int, *, path: Path | None = None) -> int | None:
    """The import the subscription's last delivered report had seen; None before the first."""
    with _open(path or access_path(), write=True) as con:
        assert con is not None
        row = con.execute(
            "SELECT import_id FROM deliveries WHERE subscription_id = ? ORDER BY sent_at DESC LIMIT 1",
            [subscription_id],
        ).fetchone()
    return None if row is None else int(row[0])


def record_delivery(
    sub: Subscription,
    period: str,
    import_id: int,
    *,
    message_id: str,
    detail: dict[str, Any],
    by: str,
    path: Path | None = None,
) -> None:
    """Record that ``sub``'s report of ``period`` was accepted by the mail server, with the
    import it had seen, and audit the send; one transaction."""
    with _open(path or access_path(), write=True) as con:
        assert con is not None
        con.begin()
        con.execute(
            "INSERT INTO deliveries VALUES (?, ?, ?, ?, ?)", [sub.id, period, import_id, _now(), message_id]
        )
        _insert_audit(con, email=by, role=None, action="delivery", scope={"area": sub.area}, detail=detail)
        con.commit()


def alert_state(
    subscription_id: int, *, path: Path | None = None
) -> tuple[int, dt.date, dict[str, Any]] | None:
    """The import, as-of date and state recorded at the subscription's last alert (or first
    run); None before the first run."""
    with _open(path or access_path(), write=True) as con:
        assert con is not None
        row = con.execute(
            "SELECT import_id, as_of, state_json FROM alert_state WHERE subscription_id = ?",
            [subscription_id],
        ).fetchone()
    return None if row is None else (int(row[0]), row[1], json.loads(row[2]))


def record_alert_state(
    subscription_id: int,
    import_id: int,
    as_of: dt.date,
    state: dict[str, Any],
    *,
    audit: dict[str, Any] | None = None,
    by: str,
    area: str,
    path: Path | None = None,
) -> None:
    """Replace the subscription's recorded state (after an alert was accepted, or when there
    was nothing to say); ``audit``: the audit line's detail, if this is worth one."""
    with _open(path or access_path(), write=True) as con:
        assert con is not None
        con.begin()
        con.execute("DELETE FROM alert_state WHERE subscription_id = ?", [subscription_id])
        con.execute(
            "INSERT INTO alert_state VALUES (?, ?, ?, ?, ?)",
            [
                subscription_id,
                import_id,
                as_of,
                json.dumps(state, ensure_ascii=False, sort_keys=True),
                _now(),
            ],
        )
        if audit is not None:
            _insert_audit(con, email=by, role=None, action="delivery", scope={"area": area}, detail=audit)
        con.commit()


def audit_delivery(detail: dict[str, Any], *, area: str | None, by: str, path: Path | None = None) -> None:
    """One ``delivery`` line in the audit log (a skip or a failure)."""
    with _open(path or access_path(), write=True) as con:
        assert con is not None
        _insert_audit(
            con,
            email=by,
            role=None,
            action="delivery",
            scope=None if area is None else {"area": area},
            detail=detail,
        )


@contextlib.contextmanager
def deliver_lock(path: Path | None = None) -> Iterator[None]:
    """Held for a whole delivery run (``<access file>.deliver.lock``): a second run waits until
    the first is done, then finds its deliveries recorded and sends nothing twice. The lock goes
    with the process, so a run that dies leaves nothing to clean up."""
    target = path or access_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.with_name(target.name + ".deliver.lock"), "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
