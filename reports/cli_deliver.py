"""``python -m reports deliver [--db FILE] [--now YYYY-MM-DD] [--dry-run] [--json] [--force]``
(wired into :mod:`reports.cli`; the work is :mod:`reports.deliver`).

The SMTP settings are checked first, before anything else, even when nothing is due (exit 2),
except with ``--dry-run``. Exit codes: 0 done (sent, skipped or nothing due), 1 some mail is
pending (the server was down or refused it; the next run retries it), 2 a missing setting, no
store, or a store in another layout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from access.store import access_path
from data_loaders.contract.settings import db_path
from data_loaders.store.layout import StoreVersionError, check_store
from metrics import cli_args

BANGKOK = ZoneInfo("Asia/Bangkok")


def add_deliver_parser(sub: Any) -> None:
    """The ``deliver`` subcommand of ``python -m reports``."""
    cmd = sub.add_parser(
        "deliver",
        help="ส่งรายงานและการแจ้งเตือนทางอีเมล / e-mail the due reports and alerts",
        description="ส่งรายงานตามการรับรายงาน (python -m access subscribe) ที่ถึงกำหนดและยังไม่ได้ส่งในเดือนนี้ "
        "และการแจ้งเตือนหลังการนำเข้า / send every subscribed report that is due and not yet sent for "
        "this month, then the alerts after imports; run it daily from cron or a systemd timer",
    )
    cmd.add_argument(
        "--db", type=Path, default=None, help="DuckDB store (default: $SAMMACHIP_DB or data/sammachip.duckdb)"
    )
    cmd.add_argument(
        "--now",
        type=cli_args.as_of,
        default=None,
        help="the day of the run: picks the month and the as-of date (default: today, Bangkok time)",
    )
    cmd.add_argument("--dry-run", action="store_true", help="say what would be sent; send and record nothing")
    cmd.add_argument("--json", action="store_true", help="print JSON instead of lines")
    cmd.add_argument("--force", action="store_true", help="send even when no import touched the area")


def run_deliver(args: argparse.Namespace) -> int:
    from reports.deliver import SettingsError, deliver, smtp_settings

    settings = None
    if not args.dry_run:
        try:
            settings = smtp_settings()
        except SettingsError as exc:
            print(f"python -m reports deliver: {exc}", file=sys.stderr)
            return 2
    path = db_path(args.db)
    if not path.exists():
        print(
            f"error: ไม่พบฐานข้อมูล / no store at {path} (run python -m data_loaders load first)",
            file=sys.stderr,
        )
        return 2
    try:  # the one layout check, before the access file or anything else is read
        check_store(path)
    except StoreVersionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    access = access_path(path) if args.db else access_path()
    now = args.now or dt.datetime.now(BANGKOK).date()

    def say(outcome: Any) -> None:
        if not args.json:
            print(outcome.line(), flush=True)

    try:
        outcomes = deliver(
            path, now=now, access=access, settings=settings, dry_run=args.dry_run, force=args.force, say=say
        )
    except StoreVersionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    pending = [o for o in outcomes if o.status == "failed"]
    if args.json:
        print(
            json.dumps(
                {
                    "now": now.isoformat(),
                    "dry_run": args.dry_run,
                    "outcomes": [o.as_dict() for o in outcomes],
                    "pending": [o.as_dict() for o in pending],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    elif not outcomes:
        print("ไม่มีการรับรายงาน / no subscriptions", file=sys.stderr)
    if pending:
        names = ", ".join(f"{o.kind} #{o.subscription} → {o.email}" for o in pending)
        print(
            f"ค้างส่ง {len(pending)} รายการ จะส่งใหม่ในรอบถัดไป / pending, retried by the next run: {names}",
            file=sys.stderr,
        )
        return 1
    return 0
