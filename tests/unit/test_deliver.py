"""Subscriptions, scheduled delivery and alerts by e-mail (issue 22), against a real SMTP server
(aiosmtpd on 127.0.0.1, a free port per test).

The store is the four-village fixture (tests/metrics_fixture.py): district ชุมพวง 3017
(นครราชสีมา) = villages A 30170101 and B 30170201; district ม่วงสามสิบ 3414 (อุบลราชธานี) =
C 34140101 (บ้านสมมุติซี) and D 34140201 (บ้านสมมุติดี). It holds a national ID
(3100600445635, H1) and a phone (0811111111, TA1), which no mail, log or output may show.

Two grants, as in the issue's acceptance: an officer of 3017 and a manager of province 34.
``--now 2018-01-25`` is day 25 (the default day), period 2018-01, as of 25 มกราคม 2561.

Charts are left out of the packs (no browser for this test's renderer), so a pack takes about a
second; the document says its charts are missing, which changes nothing checked here.
"""

from __future__ import annotations

import email
import email.policy
import io
import json
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from openpyxl import load_workbook
from PIL import Image

from access import store as access_store
from access.cli import main as access_main
from access.subscriptions import list_subscriptions
from data_loaders.store.importer import check_path
from reports import deliver as deliver_mod
from reports import images
from reports.cli import main as reports_main
from tests.builders import write_csv_folder
from tests.metrics_fixture import METRICS_INPUT, D

OFFICER = "officer3017@example.org"
MANAGER = "manager34@example.org"
PASSWORD = "s3cret-Pa55word"
NATIONAL_ID = "3100600445635"
PHONE = "0811111111"
NOW = "2018-01-25"
# What 3414 alone shows: its villages' codes and names, its district and province.
OF_3414 = ("34140101", "34140201", "บ้านสมมุติซี", "บ้านสมมุติดี", "ม่วงสามสิบ", "อุบลราชธานี")
OF_3017 = ("30170101", "30170201", "บ้านสมมุติเอ", "บ้านสมมุติบี", "ชุมพวง", "นครราชสีมา")


class Inbox:
    """An aiosmtpd handler that keeps every accepted message, or refuses recipients when
    ``refuse`` is set (a server that says 550)."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.refuse = False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            return "550 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def base_store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("deliver")
    db = folder / "store.duckdb"
    result = check_path(write_csv_folder(folder / "input", METRICS_INPUT), db, commit=True)
    assert result.committed, [p.line() for p in result.dataset.errors]
    return db


@pytest.fixture
def db(base_store, tmp_path) -> Path:
    """A copy of the module's store (its access file beside it starts empty)."""
    path = tmp_path / "store.duckdb"
    shutil.copy(base_store, path)
    return path


@pytest.fixture
def port() -> int:
    return _free_port()


@pytest.fixture
def server(port):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox
    controller.stop()


@pytest.fixture(autouse=True)
def settings(monkeypatch, tmp_path, port):
    """SMTP settings in the environment (with a user and a password that must never show), no
    secrets file, and packs without charts."""
    monkeypatch.setattr(deliver_mod, "SECRETS", tmp_path / "no-secrets.toml")
    for key, value in {
        "SAMMACHIP_SMTP_HOST": "127.0.0.1",
        "SAMMACHIP_SMTP_PORT": str(port),
        "SAMMACHIP_SMTP_FROM": "dashboard@example.org",
    }.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("SAMMACHIP_SMTP_USER", raising=False)
    monkeypatch.setenv("SAMMACHIP_SMTP_PASSWORD", PASSWORD)  # no user: never sent, never shown
    monkeypatch.delenv("SAMMACHIP_SMTP_STARTTLS", raising=False)
    monkeypatch.delenv("SAMMACHIP_ACCESS_DB", raising=False)
    monkeypatch.setattr(images, "_state", {**images._state, "kaleido": None, "failed_at": time.monotonic()})


@pytest.fixture
def quick_packs(monkeypatch):
    """For the tests of when and how often mail goes (not of what it holds): a one-line stand-in
    for the pack, so the machine's time goes to the delivery, not to building documents."""

    def stand_in(con, sub, scope, *, as_of):
        data = f"pack {sub.report} {scope.province} {scope.district} {as_of}".encode()
        return [
            deliver_mod.Attachment(f"{sub.area}.{sub.format}", data, "application", "octet-stream")
        ], sub.area

    monkeypatch.setattr(deliver_mod, "collect_attachments", stand_in)


def _access(db: Path, *args: str) -> int:
    return access_main([*args, "--db", str(db)])


def _deliver(db: Path, *args: str, now: str = NOW) -> int:
    return reports_main(["deliver", "--db", str(db), "--now", now, *args])


def _two_grants(db: Path, *, alerts: bool = True) -> None:
    """The acceptance set-up: the officer's meeting pack of 3017, the manager's of 34 (alerts)."""
    assert _access(db, "grant", OFFICER, "--role", "officer", "--area", "3017") == 0
    assert _access(db, "grant", MANAGER, "--role", "manager", "--area", "34") == 0
    assert _access(db, "subscribe", OFFICER, "--report", "meeting", "--area", "3017", "--format", "pdf") == 0
    extra = ["--alerts"] if alerts else []
    assert (
        _access(db, "subscribe", MANAGER, "--report", "meeting", "--area", "34", "--format", "pdf", *extra)
        == 0
    )


def _pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "attachment.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True, text=True)
    return "".join(out.stdout.split())  # Thai extraction adds gaps: compare without spaces


def _raw(message: email.message.EmailMessage) -> str:
    """Everything a message carries, headers, body and attachments, decoded."""
    parts = [str(message["Subject"]), message.get_body(("plain",)).get_content()]
    parts += [a.get_filename() or "" for a in message.iter_attachments()]
    return "\n".join(parts)


def _import_3414_change(db: Path, tmp_path: Path) -> None:
    """A corrected plans file for village D (3414) only: stage "knowledge" due 31 Dec 2017. D has
    no training day, so on 25 Jan 2018 (and on any later day) the stage is overdue: D becomes
    overdue, responsible officer O2 (สมใจ ทดสอบ, masked สมใจ ท***). 3017 is untouched."""
    plans = {"plans": [["village_code", "stage", "due_date"], [D, "knowledge", "2017-12-31"]]}
    result = check_path(write_csv_folder(tmp_path / "fix", plans), db, commit=True)
    assert result.committed, [p.line() for p in result.dataset.errors]
    assert result.villages_replaced == [D]


def test_each_recipient_gets_one_pack_of_their_own_area_then_nothing(db, server, tmp_path, capsys):
    _two_grants(db)
    assert _deliver(db) == 0
    # Two packs: one to each; the manager's alert subscription only records its first state.
    assert sorted(m["To"] for m in server.messages) == [MANAGER, OFFICER]
    officer, manager = server.to(OFFICER)[0], server.to(MANAGER)[0]
    # the scope and the as-of date in words in the subject and the body
    assert "อำเภอชุมพวง" in officer["Subject"] and "25 มกราคม 2561" in officer["Subject"]
    assert "จังหวัดอุบลราชธานี" in manager["Subject"] and "25 มกราคม 2561" in manager["Subject"]
    body = officer.get_body(("plain",)).get_content()
    assert "อำเภอชุมพวง" in body and "25 มกราคม 2561" in body
    assert "การนำเข้าครั้งที่ 1" in body  # the data version
    # one PDF each, which opens and names its own area and the date, and nothing of the other;
    # the officer's mail, of a district, also carries the district's card for LINE
    pdf, card = officer.iter_attachments()
    assert pdf.get_content_type() == "application/pdf"
    assert (
        card.get_content_type() == "image/png" and card.get_filename() == "สัมมาชีพ-ชุมพวง-2561-01-25-card.png"
    )
    assert Image.open(io.BytesIO(card.get_content())).width == 1080
    assert pdf.get_filename() == "สัมมาชีพ-ชุมพวง-2561-01-25.pdf"
    words = _pdf_text(pdf.get_content(), tmp_path)
    assert "อำเภอชุมพวง" in words and "25มกราคม2561" in words
    assert not [w for w in OF_3414 if w in words]
    (pdf,) = manager.iter_attachments()
    words = _pdf_text(pdf.get_content(), tmp_path)
    assert "จังหวัดอุบลราชธานี" in words and "บ้านสมมุติซี" in words
    assert not [w for w in OF_3017 if w in words]
    assert not [w for w in OF_3414 if w in _raw(officer)]
    out = capsys.readouterr().out
    assert out.count("sent\treport") == 2 and "recorded\talert" in out

    # run again: nothing sent, each says it went out already
    assert _deliver(db) == 0
    assert len(server.messages) == 2
    assert capsys.readouterr().out.count("already_sent") == 2


def test_an_import_into_3414_alerts_the_manager_and_not_the_officer(db, server, tmp_path, capsys):
    _two_grants(db)
    assert (
        _access(
            db, "subscribe", OFFICER, "--report", "meeting", "--area", "3017", "--format", "pdf", "--alerts"
        )
        == 0
    )
    assert _deliver(db) == 0  # packs, and the starting states recorded
    assert len(server.messages) == 2
    _import_3414_change(db, tmp_path)
    assert _deliver(db, now="2018-01-26") == 0
    # one alert, to the manager; the officer's area did not change; January's packs are sent
    assert len(server.messages) == 3
    alert = server.messages[-1]
    assert alert["To"] == MANAGER
    assert "แจ้งเตือน" in alert["Subject"] and "จังหวัดอุบลราชธานี" in alert["Subject"]
    body = alert.get_body(("plain",)).get_content()
    # the village by name and code, the stage, the responsible officer (masked)
    assert "บ้านสมมุติดี (34140201): ถ่ายทอดความรู้ (พัฒนากรผู้รับผิดชอบ O2 สมใจ ท***)" in body
    assert "การนำเข้าข้อมูลครั้งที่ 2" in body
    assert not list(alert.iter_attachments())
    assert not [w for w in OF_3017 if w in body]
    out = capsys.readouterr().out
    assert "sent\talert" in out and "no_change\talert" in out
    # at most one alert per import: a second run sends nothing
    assert _deliver(db, now="2018-01-27") == 0
    assert len(server.messages) == 3


def test_no_mail_when_no_import_touched_the_area_unless_forced(db, server, quick_packs, tmp_path, capsys):
    _two_grants(db, alerts=False)
    assert _deliver(db) == 0
    assert len(server.messages) == 2
    capsys.readouterr()
    # February, no import since January's packs: both skipped, and said so
    assert _deliver(db, now="2018-02-25") == 0
    assert len(server.messages) == 2
    out = capsys.readouterr().out
    assert out.count("skipped\treport") == 2 and "no import touched 3017 since import #1" in out
    # an import that touches 3414 only: the manager's pack goes, the officer's is still skipped
    _import_3414_change(db, tmp_path)
    assert _deliver(db, now="2018-02-25") == 0
    assert [m["To"] for m in server.messages[2:]] == [MANAGER]
    # --force sends the officer's anyway, once
    assert _deliver(db, "--force", now="2018-02-25") == 0
    assert [m["To"] for m in server.messages[2:]] == [MANAGER, OFFICER]
    assert _deliver(db, "--force", now="2018-02-25") == 0
    assert len(server.messages) == 4


def test_the_import_log_says_which_villages_each_import_touched(db, tmp_path):
    # import #1 covered all four villages; the corrected plans file (#2) covers D alone
    from data_loaders.store.importlog import latest_import, villages_touched_since
    from data_loaders.store.layout import open_store

    _import_3414_change(db, tmp_path)
    con = open_store(db)
    try:
        assert latest_import(con) == 2
        assert villages_touched_since(con, 0) == {"30170101", "30170201", "34140101", D}
        assert villages_touched_since(con, 1) == {D}
        assert villages_touched_since(con, 2) == set()
    finally:
        con.close()


def test_a_store_without_the_record_of_touched_villages_counts_every_area_touched(db, server, quick_packs):
    # A store whose imports predate import_villages: which areas they touched is unknown, so
    # nothing is skipped as unchanged (never a report lost for want of the record).
    import duckdb

    _two_grants(db, alerts=False)
    assert _deliver(db) == 0
    with duckdb.connect(str(db)) as con:
        con.execute("DROP TABLE import_villages")
        con.execute(
            "INSERT INTO import_log SELECT 2, imported_at, 'again', sha256, rows_json, 0 FROM import_log"
        )
    assert _deliver(db, now="2018-02-25") == 0
    assert len(server.messages) == 4


def test_subscribing_again_changes_the_subscription_and_sends_nothing_twice(db, server, quick_packs, capsys):
    _two_grants(db, alerts=False)
    assert _deliver(db) == 0
    assert _access(db, "subscribe", OFFICER, "--report", "meeting", "--area", "3017", "--format", "xlsx") == 0
    subs = list_subscriptions(path=access_store.access_path(db))
    assert [(s.id, s.email, s.format) for s in subs] == [(2, MANAGER, "pdf"), (1, OFFICER, "xlsx")]
    assert _deliver(db) == 0  # the same period: January went out already
    assert len(server.messages) == 2
    assert _access(db, "unsubscribe", OFFICER) == 0
    assert _access(db, "unsubscribe", OFFICER) == 1  # nothing left to remove
    assert [s.email for s in list_subscriptions(path=access_store.access_path(db))] == [MANAGER]


def test_not_due_before_the_day(db, server, quick_packs, capsys):
    _two_grants(db, alerts=False)
    assert _deliver(db, now="2018-01-24") == 0  # day 24 < 25
    assert not server.messages
    assert capsys.readouterr().out.count("not_due") == 2


def test_two_runs_at_once_send_each_report_once(db, server, quick_packs):
    _two_grants(db, alerts=False)
    codes: list[int] = []
    runs = [threading.Thread(target=lambda: codes.append(_deliver(db))) for _ in range(2)]
    for run in runs:
        run.start()
    for run in runs:
        run.join()
    assert codes == [0, 0]
    assert sorted(m["To"] for m in server.messages) == [MANAGER, OFFICER]


def test_a_server_that_is_down_is_retried_next_run_without_a_duplicate(db, port, quick_packs, capsys):
    _two_grants(db, alerts=False)
    assert _deliver(db) == 1  # nothing listens on the port
    captured = capsys.readouterr()
    assert "pending" in captured.err and OFFICER in captured.err and MANAGER in captured.err
    assert captured.out.count("failed\treport") == 2
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        assert _deliver(db) == 0
        assert sorted(m["To"] for m in inbox.messages) == [MANAGER, OFFICER]
        assert _deliver(db) == 0
        assert len(inbox.messages) == 2
    finally:
        controller.stop()


def test_a_refused_message_stays_pending_and_goes_once_later(db, server, quick_packs, capsys):
    _two_grants(db, alerts=False)
    server.refuse = True
    assert _deliver(db) == 1
    assert not server.messages
    assert "550" in capsys.readouterr().out
    server.refuse = False
    assert _deliver(db) == 0
    assert _deliver(db) == 0
    assert sorted(m["To"] for m in server.messages) == [MANAGER, OFFICER]


def test_a_subscription_outside_the_grant_is_refused(db, capsys):
    assert _access(db, "grant", OFFICER, "--role", "officer", "--area", "3017") == 0
    capsys.readouterr()
    assert _access(db, "subscribe", OFFICER, "--report", "meeting", "--area", "3414", "--format", "pdf") == 2
    assert "the area 3414 is outside officer3017@example.org's grant (areas: 3017)" in capsys.readouterr().err
    assert _access(db, "subscribe", OFFICER, "--report", "meeting", "--area", "30", "--format", "pdf") == 2
    assert (
        _access(
            db, "subscribe", "nobody@example.org", "--report", "meeting", "--area", "3017", "--format", "pdf"
        )
        == 2
    )
    assert "has no grant" in capsys.readouterr().err
    # followups come as XLSX or PDF only; the day is 1-28
    assert (
        _access(db, "subscribe", OFFICER, "--report", "followups", "--area", "3017", "--format", "pptx") == 2
    )
    assert (
        _access(
            db,
            "subscribe",
            OFFICER,
            "--report",
            "meeting",
            "--area",
            "3017",
            "--format",
            "pdf",
            "--day",
            "29",
        )
        == 2
    )
    assert list_subscriptions(path=access_store.access_path(db)) == []


def test_a_revoked_or_narrowed_grant_stops_its_mail(db, server, quick_packs, capsys):
    _two_grants(db, alerts=False)
    assert _access(db, "revoke", OFFICER) == 0
    assert _access(db, "grant", MANAGER, "--role", "manager", "--area", "3414") == 0  # narrowed: 34 → 3414
    capsys.readouterr()
    assert _access(db, "subscriptions") == 0
    assert capsys.readouterr().out.count("not covered by the grant") == 2
    assert _deliver(db) == 0
    assert not server.messages
    out = capsys.readouterr().out
    assert "stopped\treport #1 meeting 3017 → officer3017@example.org: grant_revoked" in out
    assert "stopped\treport #2 meeting 34 → manager34@example.org: grant_narrowed" in out
    # stopped for good, even when access comes back; the next run says nothing about them
    assert _access(db, "grant", OFFICER, "--role", "officer", "--area", "3017") == 0
    assert _deliver(db) == 0
    assert not server.messages
    capsys.readouterr()
    assert _access(db, "subscriptions", "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["email"], r["stopped_reason"]) for r in rows] == [
        (MANAGER, "grant_narrowed"),
        (OFFICER, "grant_revoked"),
    ]


def test_the_followup_list_alone_as_a_workbook(db, server):
    assert _access(db, "grant", OFFICER, "--role", "officer", "--area", "3017") == 0
    assert (
        _access(db, "subscribe", OFFICER, "--report", "followups", "--area", "3017", "--format", "xlsx") == 0
    )
    assert _deliver(db) == 0
    (message,) = server.messages
    assert message["Subject"].startswith("สัมมาชีพชุมชน: รายการที่ต้องติดตาม อำเภอชุมพวง")
    (book,) = message.iter_attachments()
    assert book.get_filename().endswith(".xlsx")
    wb = load_workbook(io.BytesIO(book.get_content()))
    assert len(wb.sheetnames) == 1  # the follow-up list alone
    cells = " ".join(str(c) for row in wb.active.iter_rows(values_only=True) for c in row if c is not None)
    # 3017's follow-ups (tests/unit/test_changes.py): B's team stage overdue, among others
    assert "บ้านสมมุติบี" in cells and "อำเภอชุมพวง" in cells
    assert not [w for w in OF_3414 if w in cells]


def test_a_missing_setting_is_exit_2_before_anything_but_a_dry_run_needs_none(
    db, server, monkeypatch, capsys
):
    _two_grants(db, alerts=False)
    monkeypatch.delenv("SAMMACHIP_SMTP_HOST")
    capsys.readouterr()
    assert reports_main(["deliver", "--db", str(db.with_name("no-store.duckdb"))]) == 2  # checked first
    assert "SAMMACHIP_SMTP_HOST" in capsys.readouterr().err
    assert _deliver(db, "--dry-run", "--json") == 0
    report = json.loads(capsys.readouterr().out)
    assert [o["status"] for o in report["outcomes"]] == ["would_send", "would_send"]
    assert not server.messages


def test_settings_come_from_secrets_and_the_environment_wins(tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        '[smtp]\nhost = "mail.example.org"\nport = 587\nfrom = "d@example.org"\npassword = "pw"\nstarttls = 1\n',
        encoding="utf-8",
    )
    got = deliver_mod.smtp_settings({}, secrets)
    assert (got.host, got.port, got.sender, got.starttls) == ("mail.example.org", 587, "d@example.org", True)
    got = deliver_mod.smtp_settings({"SAMMACHIP_SMTP_HOST": "other.example.org"}, secrets)
    assert got.host == "other.example.org"
    assert "pw" not in repr(got)
    with pytest.raises(deliver_mod.SettingsError, match="SAMMACHIP_SMTP_PORT, SAMMACHIP_SMTP_FROM"):
        deliver_mod.smtp_settings({"SAMMACHIP_SMTP_HOST": "h"}, tmp_path / "none.toml")


def test_no_password_national_id_or_phone_in_any_mail_log_or_output(db, server, tmp_path, capsys):
    _two_grants(db)
    assert (
        _access(db, "subscribe", OFFICER, "--report", "followups", "--area", "3017", "--format", "pdf") == 0
    )
    assert _deliver(db) == 0
    _import_3414_change(db, tmp_path)
    server.refuse = True
    assert _deliver(db, now="2018-01-26") == 1  # the alert is refused: a failure in the log
    server.refuse = False
    assert _deliver(db, now="2018-01-26") == 0
    assert len(server.messages) == 4  # three packs and the alert
    seen = [capsys.readouterr()]
    log = access_store.read_audit(path=access_store.access_path(db))
    texts = [m.as_string() for m in server.messages]
    texts += [
        _pdf_text(a.get_content(), tmp_path)
        for m in server.messages
        for a in m.iter_attachments()
        if a.get_content_type() == "application/pdf"
    ]
    texts += [seen[0].out, seen[0].err, log.to_csv()]
    for secret in (PASSWORD, NATIONAL_ID, PHONE):
        assert not [t for t in texts if secret in t], secret
    # every send, skip and failure is in the audit log, and every subscription change
    details = [json.loads(d) for d in log.loc[log["action"] == "delivery", "detail"]]
    assert sorted(d["status"] for d in details) == ["failed", "sent", "sent", "sent", "sent"]
    assert (log["action"] == "subscription_change").sum() == 3


def test_what_an_alert_reports_is_only_what_got_worse():
    # Before: C overdue at "team"; practising met; income met; one data-quality problem.
    # Now: C also overdue at "network" (new), D overdue at "knowledge" (new village), practising
    # not met (met → not met), income still met, group share went from not met to met (better:
    # not reported), the old problem stays and one new one appears.
    c, d = "34140101", "34140201"
    before = {
        "overdue": {c: {"village": "บ้านซี (34140101)", "officer": "O2", "stages": {"team": "ทีม"}}},
        "met": {
            "p": {"met": True, "label": "practising"},
            "i": {"met": True, "label": "income"},
            "g": {"met": False, "label": "groups"},
        },
        "data_quality": {f"{c}|old": {"village": "บ้านซี (34140101)", "message": "old"}},
    }
    now = {
        "overdue": {
            c: {
                "village": "บ้านซี (34140101)",
                "officer": "O2",
                "stages": {"team": "ทีม", "network": "เครือข่าย"},
            },
            d: {"village": "บ้านดี (34140201)", "officer": "O2", "stages": {"knowledge": "ความรู้"}},
        },
        "met": {
            "p": {"met": False, "label": "practising"},
            "i": {"met": True, "label": "income"},
            "g": {"met": True, "label": "groups"},
        },
        "data_quality": {
            f"{c}|old": {"village": "บ้านซี (34140101)", "message": "old"},
            f"{d}|new": {"village": "บ้านดี (34140201)", "message": "new"},
        },
    }
    changes = deliver_mod.state_changes(before, now)
    assert [(entry["village"], stages) for entry, stages in changes["overdue"]] == [
        ("บ้านซี (34140101)", ["เครือข่าย"]),
        ("บ้านดี (34140201)", ["ความรู้"]),
    ]
    assert changes["not_met"] == ["practising"]
    assert changes["data_quality"] == ["บ้านดี (34140201): new"]
    assert not any(deliver_mod.state_changes(now, now).values())


def test_two_processes_at_once_send_once(db, server, monkeypatch, tmp_path):
    # Two `python -m reports deliver` processes started together (cron and a hand-run, say):
    # the second waits for the first's lock, then finds the follow-up list sent.
    import os
    import sys

    assert _access(db, "grant", OFFICER, "--role", "officer", "--area", "3017") == 0
    assert (
        _access(db, "subscribe", OFFICER, "--report", "followups", "--area", "3017", "--format", "xlsx") == 0
    )
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-chromium"))
    root = Path(__file__).resolve().parents[2]
    command = [sys.executable, "-m", "reports", "deliver", "--db", str(db), "--now", NOW]
    runs = [
        subprocess.Popen(
            command, cwd=root, env=os.environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outs
    assert [m["To"] for m in server.messages] == [OFFICER]
    lines = sorted(out.split("\t")[0] for out, _ in outs)
    assert lines == ["already_sent", "sent"]
