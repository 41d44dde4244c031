"""Command line: ``python -m access grant|revoke|list`` (a fixed contract).

    python -m access grant EMAIL --role officer|manager|evaluator|admin [--area CODE ...] [--db FILE]
    python -m access revoke EMAIL [--db FILE]
    python -m access list [--db FILE] [--json]
    python -m access subscribe EMAIL --report meeting|followups --area CODE --format pdf|pptx|xlsx
        [--day N] [--lang th|en] [--alerts] [--db FILE]
    python -m access unsubscribe EMAIL [--report R] [--area CODE] [--db FILE]
    python -m access subscriptions [--json] [--db FILE]

``--db`` is the data store, as for ``python -m data_loaders``; the access list lives beside it
in ``<store>.access.duckdb``. Exit codes: 0 done, 1 revoke (or unsubscribe) found nothing to remove, 2 wrong usage (a
bad email, role or area code, a subscription outside the recipient's grant, or a data store in
another layout; the message names the argument).
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path

from access.cli_subscriptions import SUBSCRIPTION_COMMANDS, run_subscription_command, subscription_parsers
from access.store import ROLES, AccessError, access_path, grant, list_grants, revoke
from data_loaders.contract.settings import db_path
from data_loaders.store.layout import StoreVersionError, check_store


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m access",
        description="สิทธิ์การเข้าถึงแดชบอร์ด / who may sign in to the dashboard, with which role and areas",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    db_help = "DuckDB store (default: $SAMMACHIP_DB or data/sammachip.duckdb); access list beside it"
    add = sub.add_parser("grant", help="ให้หรือเปลี่ยนสิทธิ์ / give or replace a person's access")
    add.add_argument("email")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument(
        "--area",
        action="append",
        default=[],
        metavar="CODE",
        help="province (2 digits) or district (4 digits) code; repeat for several",
    )
    add.add_argument("--db", type=Path, default=None, help=db_help)
    rm = sub.add_parser("revoke", help="ยกเลิกสิทธิ์ / remove a person's access")
    rm.add_argument("email")
    rm.add_argument("--db", type=Path, default=None, help=db_help)
    ls = sub.add_parser("list", help="รายชื่อผู้มีสิทธิ์ / list every grant")
    ls.add_argument("--db", type=Path, default=None, help=db_help)
    ls.add_argument("--json", action="store_true", help="print JSON instead of a table")
    subscription_parsers(sub, db_help)
    return parser


def _who() -> str:
    """Who changed access from the command line, for the audit log."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:  # the access list belongs to this store: the same layout check as every program
        check_store(db_path(args.db))
    except StoreVersionError as exc:
        print(f"python -m access {args.command}: --db: {exc}", file=sys.stderr)
        return 2
    path = access_path(db_path(args.db)) if args.db else access_path()
    try:
        if args.command == "grant":
            done = grant(args.email, args.role, args.area, by=_who(), path=path)
            areas = ", ".join(done.areas) or "ทุกพื้นที่ / all areas"
            print(f"ให้สิทธิ์แล้ว / granted: {done.email} {done.role} [{areas}]")
            return 0
        if args.command == "revoke":
            if revoke(args.email, by=_who(), path=path):
                print(f"ยกเลิกสิทธิ์แล้ว / revoked: {args.email.strip().lower()}")
                return 0
            print(f"ไม่มีสิทธิ์อยู่แล้ว / no grant for: {args.email.strip().lower()}", file=sys.stderr)
            return 1
        if args.command in SUBSCRIPTION_COMMANDS:
            return run_subscription_command(args, by=_who(), path=path)
    except AccessError as exc:
        print(f"python -m access {args.command}: {exc.argument}: {exc}", file=sys.stderr)
        return 2
    grants = list_grants(path=path)
    if args.json:
        print(
            json.dumps(
                [{"email": g.email, "role": g.role, "areas": list(g.areas)} for g in grants],
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for g in grants:
            print(f"{g.email}\t{g.role}\t{','.join(g.areas) or '*'}")
        if not grants:
            print("ยังไม่มีผู้ได้รับสิทธิ์ / no grants yet", file=sys.stderr)
    return 0
