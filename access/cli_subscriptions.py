"""``python -m access subscribe|unsubscribe|subscriptions`` (issue 22), wired into
:mod:`access.cli`:

    python -m access subscribe EMAIL --report meeting|followups --area CODE --format pdf|pptx|xlsx
        [--day N] [--lang th|en] [--alerts] [--db FILE]
    python -m access unsubscribe EMAIL [--report R] [--area CODE] [--db FILE]
    python -m access subscriptions [--json] [--db FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from access.subscriptions import DEFAULT_DAY, LANGS, REPORTS, subscribe, unsubscribe
from access.subscriptions import list_subscriptions as listed
from access.subscriptions import uncovered as not_covered

SUBSCRIPTION_COMMANDS = ("subscribe", "unsubscribe", "subscriptions")


def _day(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        msg = f"--day is a day of the month, 1 to 28: {value!r}"
        raise argparse.ArgumentTypeError(msg) from None


def subscription_parsers(sub: Any, db_help: str) -> None:
    """Add the three subcommands to ``python -m access``."""
    add = sub.add_parser(
        "subscribe",
        help="รับรายงานทางอีเมล / send a report of an area by e-mail every month",
        description="รับรายงานทางอีเมลทุกเดือน / a monthly report of an area by e-mail (python -m reports deliver "
        "sends it); the area must lie within the recipient's grant",
    )
    add.add_argument("email")
    add.add_argument("--report", required=True, choices=tuple(REPORTS))
    add.add_argument(
        "--area", required=True, metavar="CODE", help="province (2 digits) or district (4 digits)"
    )
    add.add_argument("--format", required=True, choices=("pdf", "pptx", "xlsx"))
    add.add_argument(
        "--day", type=_day, default=DEFAULT_DAY, metavar="N", help=f"day of the month, 1–28 ({DEFAULT_DAY})"
    )
    add.add_argument("--lang", choices=LANGS, default="th")
    add.add_argument("--alerts", action="store_true", help="also e-mail what changed after each import")
    add.add_argument("--db", type=Path, default=None, help=db_help)
    rm = sub.add_parser("unsubscribe", help="เลิกรับรายงาน / stop a person's subscriptions")
    rm.add_argument("email")
    rm.add_argument("--report", choices=tuple(REPORTS), default=None)
    rm.add_argument("--area", metavar="CODE", default=None)
    rm.add_argument("--db", type=Path, default=None, help=db_help)
    ls = sub.add_parser("subscriptions", help="รายการการรับรายงาน / list every subscription")
    ls.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ls.add_argument("--db", type=Path, default=None, help=db_help)


def run_subscription_command(args: argparse.Namespace, *, by: str, path: Path) -> int:
    """Run one of :data:`SUBSCRIPTION_COMMANDS`; raises :class:`access.store.AccessError`
    for wrong usage (the caller prints it, exit 2)."""
    if args.command == "subscribe":
        done = subscribe(
            args.email,
            args.report,
            args.area,
            args.format,
            day=args.day,
            lang=args.lang,
            alerts=args.alerts,
            by=by,
            path=path,
        )
        alerts = " + alerts" if done.alerts else ""
        print(
            f"รับรายงานแล้ว / subscribed: {done.email} {done.report} {done.area} {done.format} "
            f"day {done.day} {done.lang}{alerts} (#{done.id})"
        )
        return 0
    if args.command == "unsubscribe":
        gone = unsubscribe(args.email, report=args.report, area=args.area, by=by, path=path)
        if not gone:
            print(f"ไม่มีการรับรายงาน / no subscription for: {args.email.strip().lower()}", file=sys.stderr)
            return 1
        for s in gone:
            print(f"เลิกรับแล้ว / unsubscribed: {s.email} {s.report} {s.area} (#{s.id})")
        return 0
    subs = listed(path=path)
    lapsed = {s.id for s in not_covered(path=path)}
    if args.json:
        rows = [{**s.as_dict(), "covered_by_grant": s.id not in lapsed} for s in subs]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for s in subs:
        state = (
            f"stopped ({s.stopped_reason})"
            if not s.active
            else ("not covered by the grant: stops at the next deliver" if s.id in lapsed else "active")
        )
        alerts = "alerts" if s.alerts else "-"
        print(
            f"#{s.id}\t{s.email}\t{s.report}\t{s.area}\t{s.format}\tday {s.day}\t{s.lang}\t{alerts}\t{state}"
        )
    if not subs:
        print("ยังไม่มีการรับรายงาน / no subscriptions yet", file=sys.stderr)
    return 0
