"""Scheduled delivery by e-mail: each subscription's report of its own area, once a month, and
alerts after an import (issue 22; ``python -m reports deliver``, run by cron or a systemd
timer, ``docs/DEPLOY.md``).

How it stays safe and sends each report once:

- **Only the recipient's area.** The scope is the subscription's area narrowed to the
  recipient's grant (:func:`metrics.access_scope.narrow`), so no query reaches outside it; a
  subscription its grant no longer covers is stopped first, and the run says so.
- **Exactly once.** One run at a time holds :func:`access.subscriptions.deliver_lock` (a second
  run waits, then finds everything recorded); a delivery is recorded in the access store only
  after the mail server accepted the message, keyed by subscription and period (the month of
  ``--now``). A server that is down or refuses leaves it pending: exit 1, retried next run.
- **No empty mail.** A report whose area no import has touched since its last delivery
  (``import_villages`` in the data store) is skipped, and the run says so; ``force`` sends it.
- **Alerts.** The area's state (overdue villages, headline targets met, data-quality problems)
  recorded at the last alert is compared with the state now at the same as-of date, so an
  import that changes the past is seen; the first run only records. One mail per recipient
  per run, only when something changed, naming each village.

SMTP settings come from the environment (``SAMMACHIP_SMTP_*``) or the ``[smtp]`` section of
``.streamlit/secrets.toml`` (the environment wins). The password is never printed or logged.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import os
import smtplib
import socket
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from access.store import Grant, list_grants
from access.subscriptions import (
    Subscription,
    alert_state,
    audit_delivery,
    deliver_lock,
    delivered,
    last_delivery_import,
    list_subscriptions,
    record_alert_state,
    record_delivery,
    stop_uncovered,
    uncovered,
)
from common.formats import fmt_date
from common.strings import one_language, text, village_label
from data_loaders.store.importlog import latest_import, villages_touched_since
from data_loaders.store.layout import open_store
from metrics.access_scope import narrow
from metrics.followups import followups
from metrics.indicators import compute, headline
from metrics.progress import village_progress
from metrics.scope import Scope
from reports import write
from reports.card import card_png
from reports.data import NoDataError, file_stem, gather, place_words
from reports.pdf_pack import build_pdf
from reports.xlsx_pack import build_xlsx

SECRETS = Path(__file__).resolve().parents[1] / ".streamlit" / "secrets.toml"
ENV = {
    "host": "SAMMACHIP_SMTP_HOST",
    "port": "SAMMACHIP_SMTP_PORT",
    "from": "SAMMACHIP_SMTP_FROM",
    "user": "SAMMACHIP_SMTP_USER",
    "password": "SAMMACHIP_SMTP_PASSWORD",
    "starttls": "SAMMACHIP_SMTP_STARTTLS",
}
REQUIRED = ("host", "port", "from")
SMTP_SECONDS = 30.0
WHO = "deliver"  # the audit log's "email" column for what the scheduler does
MIME = {
    "pdf": ("application", "pdf"),
    "pptx": ("application", "vnd.openxmlformats-officedocument.presentationml.presentation"),
    "xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


class SettingsError(ValueError):
    """A missing or wrong SMTP setting (exit 2); the message names the setting, never a value."""


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    """Where mail goes. ``password`` is left out of ``repr`` so it never reaches a log."""

    host: str
    port: int
    sender: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    starttls: bool = False


def smtp_settings(env: Mapping[str, str] | None = None, secrets: Path | None = None) -> SmtpSettings:
    """The SMTP settings: each from the environment, else from ``[smtp]`` of ``secrets``
    (``.streamlit/secrets.toml``: ``host``, ``port``, ``from``, ``user``, ``password``,
    ``starttls``). Raises :class:`SettingsError` naming every missing required setting."""
    env = os.environ if env is None else env
    secrets = SECRETS if secrets is None else secrets
    section: dict[str, Any] = {}
    if secrets.is_file():
        try:
            section = dict(tomllib.loads(secrets.read_text(encoding="utf-8")).get("smtp") or {})
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
            msg = f"อ่าน {secrets} ไม่ได้ / cannot read {secrets}: {type(exc).__name__}"
            raise SettingsError(msg) from None
    values: dict[str, str] = {}
    for key, name in ENV.items():
        value = env.get(name)
        if value is None or not str(value).strip():
            value = section.get(key)
        if value is not None and str(value).strip():
            values[key] = str(value).strip()
    missing = [ENV[k] for k in REQUIRED if k not in values]
    if missing:
        msg = (
            f"ยังไม่ได้ตั้งค่าการส่งอีเมล: {', '.join(missing)} (ตัวแปรสภาพแวดล้อม หรือหมวด [smtp] ใน "
            f".streamlit/secrets.toml) / missing SMTP settings: {', '.join(missing)} (environment, or "
            "the [smtp] section of .streamlit/secrets.toml)"
        )
        raise SettingsError(msg)
    if not values["port"].isdigit() or not 0 < int(values["port"]) < 65536:
        msg = f"{ENV['port']} ต้องเป็นเลขพอร์ต / {ENV['port']} must be a port number"
        raise SettingsError(msg)
    return SmtpSettings(
        host=values["host"],
        port=int(values["port"]),
        sender=values["from"],
        user=values.get("user"),
        password=values.get("password"),
        starttls=values.get("starttls", "").lower() in ("1", "true", "yes"),
    )


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a run did with one subscription: ``status`` is ``sent``, ``failed`` (pending, retried
    next run), ``skipped``, ``not_due``, ``already_sent``, ``stopped``, ``would_send`` (dry run),
    ``recorded`` (an alert's starting state; ``would_record`` in a dry run) or ``no_change``; ``kind`` is ``report`` or ``alert``."""

    subscription: int
    email: str
    report: str
    area: str
    kind: str
    status: str
    reason: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "subscription": self.subscription,
            "email": self.email,
            "report": self.report,
            "area": self.area,
            "kind": self.kind,
            "status": self.status,
            "reason": self.reason,
        }

    def line(self) -> str:
        reason = f": {self.reason}" if self.reason else ""
        return f"{self.status}\t{self.kind} #{self.subscription} {self.report} {self.area} → {self.email}{reason}"


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file of the mail."""

    name: str
    data: bytes
    maintype: str
    subtype: str


class Mailer:
    """One SMTP connection for a run, opened at the first message. A server that cannot be
    reached (or refuses the sign-in) is *down*: every later message of the run is left pending
    without trying again; a message the server refuses leaves only that one pending."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self.smtp: smtplib.SMTP | None = None
        self.down: str | None = None

    def _describe(self, exc: BaseException) -> str:
        words = f"{type(exc).__name__}: {str(exc)[:200]}"
        secret = self.settings.password
        return words.replace(secret, "***") if secret else words

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        smtp = smtplib.SMTP(s.host, s.port, timeout=SMTP_SECONDS)
        try:
            if s.starttls:
                smtp.starttls()
            if s.user:
                smtp.login(s.user, s.password or "")
        except BaseException:
            smtp.close()
            raise
        return smtp

    def send(self, message: EmailMessage) -> str | None:
        """Hand ``message`` to the server: None once accepted, else why not."""
        if self.down is not None:
            return self.down
        try:
            if self.smtp is None:
                self.smtp = self._connect()
        except (OSError, smtplib.SMTPException) as exc:
            self.down = self._describe(exc)
            return self.down
        try:
            self.smtp.send_message(message)
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
            return self._describe(exc)
        except (OSError, smtplib.SMTPException) as exc:
            self.down = self._describe(exc)
            self.close()
            return self.down
        return None

    def close(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (OSError, smtplib.SMTPException):
                self.smtp.close()
            self.smtp = None


def period_of(now: dt.date) -> str:
    """The period a report belongs to: the month of ``now`` (``2018-01``)."""
    return f"{now:%Y-%m}"


def area_scope(area: str, grant: Grant | None) -> Scope:
    """The subscription's area as a scope, narrowed to the recipient's grant (nothing at all
    without a grant)."""
    scope = Scope(province=area) if len(area) == 2 else Scope(province=area[:2], district=area)
    return narrow(scope, () if grant is None else grant.visible)[0]


def _message_id(kind: str, key: str, sender: str) -> str:
    domain = sender.rpartition("@")[2] or socket.getfqdn()
    return f"<sammachip.{kind}.{key}@{domain}>"


def _message(
    settings: SmtpSettings, to: str, subject: str, body: str, attachments: list[Attachment], *, key: str
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = email.utils.formatdate(localtime=False)
    message["Message-ID"] = key  # the same for a retry, so a receiving server can tell
    message.set_content(body)
    for a in attachments:
        message.add_attachment(a.data, maintype=a.maintype, subtype=a.subtype, filename=a.name)
    return message


def data_version(con: Any, lang: str) -> str:
    """The data the mail rests on, in words: the last import's number and date (Buddhist era)."""
    row = con.execute(
        "SELECT import_id, imported_at FROM import_log ORDER BY import_id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return ""
    return text("deliver.version", lang, import_id=row[0], when=fmt_date(row[1].date(), lang, long=True))


def collect_attachments(
    con: Any, sub: Subscription, scope: Scope, *, as_of: dt.date
) -> tuple[list[Attachment], str]:
    """The files of ``sub``'s monthly mail and the scope in words. Meeting: the pack
    ``python -m reports meeting`` builds, in the subscription's format; followups: the same
    pack's follow-up list alone (PDF or XLSX). Hook: the district card of issue 22 part 4
    (``reports/card.py``, a PNG for LINE) belongs here, appended to a meeting mail of a
    district once that module exists. Raises :class:`reports.data.NoDataError` for an area
    without a target village."""
    pack = gather(con, scope, as_of=as_of, lang=sub.lang)
    stem = file_stem(pack)
    if sub.report == "followups":
        pack = replace(pack, figures={})  # no chart is drawn for the list
        build = build_pdf if sub.format == "pdf" else build_xlsx
        data = build(pack, only=("followups",))
        stem = f"{stem}-{text('deliver.report.followups', sub.lang)}".replace(" ", "-")
    else:
        data = write(pack, sub.format)
    maintype, subtype = MIME[sub.format]
    files = [Attachment(f"{stem}.{sub.format}", data, maintype, subtype)]
    if sub.report == "meeting" and scope.district:
        # the district card for LINE (reports/card.py), of the same scope and date
        card = card_png(con, replace(scope, as_of=as_of), lang=sub.lang)
        files.append(Attachment(f"{stem}-card.png", card, "image", "png"))
    return files, pack.place


# --- alerts ---------------------------------------------------------------------------------


def area_state(con: Any, scope: Scope, *, as_of: dt.date, lang: str) -> dict[str, Any]:
    """What an alert compares, for ``scope`` at ``as_of`` (JSON-ready): overdue stages per
    village (with the village and its responsible officer, masked, in words), whether each
    headline target is met, and the data-quality problems by village."""
    items = followups(con, scope, as_of=as_of)
    overdue: dict[str, Any] = {}
    quality: dict[str, Any] = {}
    for _, r in items.iterrows():
        village = village_label(r["village_name"], r["village_code"])
        if r["kind"] == "overdue_stage":
            entry = overdue.setdefault(
                r["village_code"],
                {"village": village, "officer": _officer(r), "stages": {}},
            )
            entry["stages"][str(r["item"])] = text(f"stage.{r['item']}", lang)
        elif r["kind"] == "data_quality":
            message = one_language(str(r["item"]), lang)
            quality[f"{r['village_code']}|{r['item']}"] = {"village": village, "message": message}
    values = {v.id: v for v in compute(con, replace(scope, as_of=as_of))}
    met = {
        i.id: {"met": values[i.id].met, "label": i.label_th if lang == "th" else i.label_en}
        for i in headline()
        if i.id in values
    }
    return {"overdue": overdue, "met": met, "data_quality": quality}


def _officer(row: Any) -> str:
    parts = [str(row[c]) for c in ("officer_id", "officer_name") if isinstance(row[c], str) and row[c]]
    return " ".join(parts) or "-"


def state_changes(before: dict[str, Any], now: dict[str, Any]) -> dict[str, list[str]]:
    """What got worse from ``before`` to ``now`` (two :func:`area_state` at one as-of date), as
    lines naming each village: villages newly overdue, targets from met to not met, new
    data-quality problems. Empty lists when nothing did."""
    overdue = []
    for code, entry in sorted(now["overdue"].items()):
        old = before.get("overdue", {}).get(code, {}).get("stages", {})
        new = [label for stage, label in entry["stages"].items() if stage not in old]
        if new:
            overdue.append((entry, new))
    not_met = [
        entry["label"]
        for key, entry in now["met"].items()
        if before.get("met", {}).get(key, {}).get("met") is True and entry["met"] is False
    ]
    quality = [
        f"{entry['village']}: {entry['message']}"
        for key, entry in sorted(now["data_quality"].items())
        if key not in before.get("data_quality", {})
    ]
    return {"overdue": overdue, "not_met": not_met, "data_quality": quality}  # type: ignore[dict-item]


def _alert_text(changes: dict[str, Any], lang: str) -> list[str]:
    lines: list[str] = []
    if changes["overdue"]:
        lines += [text("alert.overdue", lang) + ":"]
        lines += [
            "- "
            + text(
                "alert.overdue_line",
                lang,
                village=entry["village"],
                stages=", ".join(stages),
                officer=entry["officer"],
            )
            for entry, stages in changes["overdue"]
        ]
    if changes["not_met"]:
        lines += [text("alert.not_met", lang) + ":", *(f"- {label}" for label in changes["not_met"])]
    if changes["data_quality"]:
        lines += [text("alert.data_quality", lang) + ":", *(f"- {line}" for line in changes["data_quality"])]
    return lines


# --- the run --------------------------------------------------------------------------------


@dataclass
class _Run:
    con: Any
    now: dt.date
    access: Path
    dry_run: bool
    force: bool
    mailer: Mailer | None
    settings: SmtpSettings | None
    grants: dict[str, Grant]
    latest: int
    say: Callable[[Outcome], None]
    outcomes: list[Outcome] = field(default_factory=list)

    def add(self, sub: Subscription, kind: str, status: str, reason: str = "") -> None:
        outcome = Outcome(sub.id, sub.email, sub.report, sub.area, kind, status, reason)
        self.outcomes.append(outcome)
        self.say(outcome)

    def audit(self, sub: Subscription, kind: str, status: str, reason: str = "") -> None:
        if not self.dry_run:
            audit_delivery(
                {"subscription": sub.id, "to": sub.email, "kind": kind, "status": status, "reason": reason},
                area=sub.area,
                by=WHO,
                path=self.access,
            )


def deliver(
    db: Path,
    *,
    now: dt.date,
    access: Path,
    settings: SmtpSettings | None,
    dry_run: bool = False,
    force: bool = False,
    say: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Send every report that is due on ``now`` and not yet sent for its period, then the alerts;
    what happened to each subscription, in order (``say`` hears each as it happens). With
    ``dry_run`` nothing is sent or written and no setting is needed."""
    with deliver_lock(access):
        stopped = uncovered(path=access) if dry_run else stop_uncovered(by=WHO, path=access)
        con = open_store(db)
        mailer = None if dry_run or settings is None else Mailer(settings)
        run = _Run(
            con,
            now,
            access,
            dry_run,
            force,
            mailer,
            settings,
            {g.email: g for g in list_grants(path=access)},
            latest_import(con),
            say or (lambda _outcome: None),
        )
        try:
            for sub in stopped:
                reason = "grant_revoked" if sub.email not in run.grants else "grant_narrowed"
                run.add(sub, "report", "stopped", reason)
            active = [
                s for s in list_subscriptions(path=access) if s.active and s.id not in {x.id for x in stopped}
            ]
            for sub in active:
                _report(run, sub)
            _alerts(run, [s for s in active if s.alerts])
        finally:
            if mailer is not None:
                mailer.close()
            con.close()
    return run.outcomes


def _report(run: _Run, sub: Subscription) -> None:
    period = period_of(run.now)
    if run.now.day < sub.day:
        run.add(sub, "report", "not_due", f"day {sub.day}")
        return
    if delivered(sub.id, period, path=run.access):
        run.add(sub, "report", "already_sent", period)
        return
    last = last_delivery_import(sub.id, path=run.access)
    if last is not None and not run.force:
        touched = villages_touched_since(run.con, last)
        if touched is not None and not any(v.startswith(sub.area) for v in touched):
            reason = f"no import touched {sub.area} since import #{last}"
            run.audit(sub, "report", "skipped", reason)
            run.add(sub, "report", "skipped", reason)
            return
    if run.dry_run or run.mailer is None or run.settings is None:
        run.add(sub, "report", "would_send", period)
        return
    scope = area_scope(sub.area, run.grants.get(sub.email))
    try:
        files, place = collect_attachments(run.con, sub, scope, as_of=run.now)
    except NoDataError:
        reason = f"no data in {sub.area}"
        run.audit(sub, "report", "skipped", reason)
        run.add(sub, "report", "skipped", reason)
        return
    except (OSError, ValueError, RuntimeError) as exc:  # a file that cannot be built: pending
        reason = f"could not build the file: {type(exc).__name__}: {str(exc)[:200]}"
        run.audit(sub, "report", "failed", reason)
        run.add(sub, "report", "failed", reason)
        return
    lang = sub.lang
    report = text(f"deliver.report.{sub.report}", lang)
    date = fmt_date(run.now, lang, long=True)
    subject = text("deliver.subject", lang, report=report, place=place, date=date)
    body = "\n\n".join(
        line
        for line in (
            text("deliver.hello", lang),
            text("deliver.body", lang, report=report, place=place, date=date, file=files[0].name),
            data_version(run.con, lang),
            text("deliver.footer", lang),
        )
        if line
    )
    key = _message_id("report", f"{sub.id}.{period}", run.settings.sender)
    error = run.mailer.send(_message(run.settings, sub.email, subject, body, files, key=key))
    if error is not None:
        run.audit(sub, "report", "failed", error)
        run.add(sub, "report", "failed", error)
        return
    detail = {
        "subscription": sub.id,
        "to": sub.email,
        "kind": "report",
        "status": "sent",
        "period": period,
        "import_id": run.latest,
        "files": [f.name for f in files],
    }
    record_delivery(sub, period, run.latest, message_id=key, detail=detail, by=WHO, path=run.access)
    run.add(sub, "report", "sent", period)


def _alerts(run: _Run, subs: list[Subscription]) -> None:
    """One alert mail per recipient, for the areas of their alert subscriptions that changed."""
    by_email: dict[str, list[tuple[Subscription, dict[str, Any], dict[str, Any]]]] = {}
    for sub in subs:
        recorded = alert_state(sub.id, path=run.access)
        scope = area_scope(sub.area, run.grants.get(sub.email))
        if recorded is None:  # the first run after subscribing only records
            if not run.dry_run:
                state = area_state(run.con, scope, as_of=run.now, lang=sub.lang)
                record_alert_state(sub.id, run.latest, run.now, state, by=WHO, area=sub.area, path=run.access)
            run.add(sub, "alert", "would_record" if run.dry_run else "recorded", f"import #{run.latest}")
            continue
        seen, as_of, before = recorded
        if seen >= run.latest:
            continue  # no import since the last alert: at most one alert per import
        now_then = area_state(run.con, scope, as_of=as_of, lang=sub.lang)
        changes = state_changes(before, now_then)
        if not any(changes.values()):
            if not run.dry_run:
                state = area_state(run.con, scope, as_of=run.now, lang=sub.lang)
                record_alert_state(sub.id, run.latest, run.now, state, by=WHO, area=sub.area, path=run.access)
            run.add(sub, "alert", "no_change", f"imports #{seen + 1}–#{run.latest}")
            continue
        by_email.setdefault(sub.email, []).append((sub, changes, {"as_of": as_of}))
    for to, parts in sorted(by_email.items()):
        _send_alert(run, to, parts)


def _send_alert(run: _Run, to: str, parts: list[tuple[Subscription, dict[str, Any], dict[str, Any]]]) -> None:
    if run.dry_run or run.mailer is None or run.settings is None:
        for sub, _changes, _ in parts:
            run.add(sub, "alert", "would_send")
        return
    lang = parts[0][0].lang
    places, sections = [], []
    for sub, changes, extra in parts:
        place = _place(run.con, area_scope(sub.area, run.grants.get(sub.email)), sub.lang)
        places.append(place)
        date = fmt_date(extra["as_of"], sub.lang, long=True)
        intro = text("alert.intro", sub.lang, import_id=run.latest, place=place, date=date)
        sections.append("\n".join([intro, "", *_alert_text(changes, sub.lang)]))
    date = fmt_date(parts[0][2]["as_of"], lang, long=True)
    subject = text("alert.subject", lang, place=", ".join(places), date=date)
    body = "\n\n".join([text("deliver.hello", lang), *sections, text("deliver.footer", lang)])
    key = _message_id("alert", f"{'-'.join(str(p[0].id) for p in parts)}.{run.latest}", run.settings.sender)
    error = run.mailer.send(_message(run.settings, to, subject, body, [], key=key))
    for sub, changes, _ in parts:
        if error is not None:
            run.audit(sub, "alert", "failed", error)
            run.add(sub, "alert", "failed", error)
            continue
        scope = area_scope(sub.area, run.grants.get(sub.email))
        state = area_state(run.con, scope, as_of=run.now, lang=sub.lang)
        detail = {
            "subscription": sub.id,
            "to": sub.email,
            "kind": "alert",
            "status": "sent",
            "import_id": run.latest,
            "villages": [entry["village"] for entry, _ in changes["overdue"]],
        }
        record_alert_state(
            sub.id, run.latest, run.now, state, audit=detail, by=WHO, area=sub.area, path=run.access
        )
        run.add(sub, "alert", "sent", f"import #{run.latest}")


def _place(con: Any, scope: Scope, lang: str) -> str:
    return place_words(village_progress(con, scope), scope, lang)
