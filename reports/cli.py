"""Command line: ``python -m reports meeting|village``. A fixed contract:

``python -m reports meeting [--db FILE] [--fiscal-year BE] [--province CODE] [--district CODE]
[--as-of YYYY-MM-DD] [--previous YYYY-MM-DD] [--lang th|en] [--version N] --out FILE`` (.pptx, .pdf
or .xlsx); ``--version N`` builds it from the data as it was when version N was the latest, and
every page says the version it was built from

``python -m reports village --village CODE [--db FILE] [--as-of …] [--lang th|en] --out
FILE.pdf|FILE.png``, or ``--district CODE --out FILE.pdf`` (one page per village).

``python -m reports card --district CODE [--db FILE] [--fiscal-year BE] [--as-of …] [--lang th|en]
--out FILE.png``: the district card for LINE (:mod:`reports.card`); a district not in the store
exits 2, naming ``--district``.

``python -m reports deliver [--db FILE] [--now YYYY-MM-DD] [--dry-run] [--json] [--force]``:
the subscriptions' reports and alerts by e-mail (:mod:`reports.deliver`; exit 0 done, 1 some
mail pending, retried by the next run, 2 a missing SMTP setting or a bad store).

Exit codes (meeting, village, card): 0 written; 1 the scope has no data; 2 bad arguments, no store, or a path that
cannot be written, or a store in another layout
(newer, or older: ``python -m data_loaders load`` upgrades it); 3 the file could not be built (a missing font or tool, say).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from data_loaders.contract.settings import db_path
from data_loaders.store.layout import StoreVersionError, VersionError, open_store
from metrics import cli_args
from metrics.cli import say_default_as_of
from metrics.scope import Scope
from reports.cli_deliver import add_deliver_parser, run_deliver

MEETING_FORMATS = (".pptx", ".pdf", ".xlsx")
VILLAGE_FORMATS = (".pdf", ".png")
CARD_FORMATS = (".png",)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m reports",
        description="ชุดเอกสารประชุมและสรุปรายหมู่บ้าน / meeting pack and village one-pagers",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    meeting = sub.add_parser(
        "meeting",
        help="ชุดเอกสารประชุม PPTX, PDF หรือ XLSX / the meeting pack",
        description="ชุดเอกสารประชุม (.pptx .pdf .xlsx ตามนามสกุลของ --out) / the meeting pack; "
        "the format comes from the --out extension",
    )
    village = sub.add_parser(
        "village",
        help="สรุปหมู่บ้านหน้าเดียว PDF หรือ PNG / village one-pagers",
        description="สรุปหมู่บ้านหน้าเดียว / one page per village, PDF (or a PNG card for LINE)",
    )
    card = sub.add_parser(
        "card",
        help="ภาพสรุปอำเภอสำหรับไลน์ PNG / the district card for LINE",
        description="ภาพสรุปอำเภอ PNG กว้าง 1080 พิกเซล ไม่มีข้อมูลส่วนบุคคล / the district card, "
        "a PNG 1080 px wide: headline targets, the eight stages, the five most urgent follow-ups",
    )
    for cmd in (meeting, village, card):
        cmd.add_argument(
            "--db",
            type=Path,
            default=None,
            help="DuckDB store (default: $SAMMACHIP_DB or data/sammachip.duckdb)",
        )
        cmd.add_argument(
            "--as-of",
            type=cli_args.as_of,
            default=None,
            help="ข้อมูล ณ วันที่ / data as of (default: the latest date in the data of all areas, "
            "as in the dashboard)",
        )
        cmd.add_argument("--lang", choices=("th", "en"), default="th", help="ภาษา / language (th)")
        cmd.add_argument("--out", type=Path, required=True, help="output file")
        cli_args.add_version(cmd)
    meeting.add_argument(
        "--fiscal-year", type=cli_args.fiscal_year, default=None, help="fiscal year, BE (2560)"
    )
    meeting.add_argument(
        "--province", type=cli_args.place_code(2, "--province"), default=None, help="province code, 2 digits"
    )
    meeting.add_argument(
        "--district", type=cli_args.place_code(4, "--district"), default=None, help="district code, 4 digits"
    )
    meeting.add_argument(
        "--previous",
        type=cli_args.as_of,
        default=None,
        help="the last meeting (default: end of the month before as-of)",
    )
    add_deliver_parser(sub)
    which = village.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--village", type=cli_args.place_code(8, "--village"), default=None, help="village code, 8 digits"
    )
    which.add_argument(
        "--district",
        type=cli_args.place_code(4, "--district"),
        default=None,
        help="every village of a district (PDF only)",
    )
    card.add_argument(
        "--district", type=cli_args.place_code(4, "--district"), required=True, help="district code, 4 digits"
    )
    card.add_argument("--fiscal-year", type=cli_args.fiscal_year, default=None, help="fiscal year, BE (2560)")
    return parser


def _fail(parser: argparse.ArgumentParser, message: str) -> int:
    parser.print_usage(sys.stderr)
    print(f"error: {message}", file=sys.stderr)
    return 2


def _check_out(parser: argparse.ArgumentParser, out: Path, formats: tuple[str, ...]) -> str | None:
    suffix = out.suffix.lower()
    if suffix not in formats:
        return (
            f"นามสกุลไฟล์ต้องเป็น {' '.join(formats)} (ได้ {out.name!r}) / "
            f"--out must end in {', '.join(formats)} (found {out.name!r})"
        )
    folder = out.parent if str(out.parent) else Path()
    if not folder.is_dir():
        return f"ไม่พบโฟลเดอร์ {folder} / no such folder: {folder}"
    if out.is_dir() or not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        return f"เขียนไฟล์ {out} ไม่ได้ / cannot write {out}"
    return None


def _write_atomic(out: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder, so a failure leaves no half file."""
    handle, temp = tempfile.mkstemp(dir=out.parent, prefix=".", suffix=out.suffix)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        Path(temp).replace(out)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "deliver":
        return run_deliver(args)
    formats = {"meeting": MEETING_FORMATS, "card": CARD_FORMATS}.get(args.command, VILLAGE_FORMATS)
    problem = _check_out(parser, args.out, formats)
    if problem is None and args.command == "village" and args.district and args.out.suffix.lower() != ".pdf":
        problem = "--district เขียนได้เฉพาะ PDF / --district writes a PDF only (one page per village)"
    if problem:
        return _fail(parser, problem)
    path = db_path(args.db)
    if not path.exists():
        return _fail(parser, f"ไม่พบฐานข้อมูล / no store at {path} (run python -m data_loaders load first)")

    from reports.card import DistrictError
    from reports.data import DatesError, NoDataError

    try:
        # the one layout check (data_loaders.store.layout): refused, never read; --version N: the
        # data as it was then
        con = open_store(path, args.version)
    except (StoreVersionError, VersionError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.as_of is None:  # said on stderr; the pack says it too
        from metrics.changes import default_as_of

        day = default_as_of(con, getattr(args, "fiscal_year", None))
        if day is not None:
            say_default_as_of(day, getattr(args, "fiscal_year", None))
    try:
        if args.command == "meeting":
            from reports import build

            scope = Scope(fiscal_year=args.fiscal_year, province=args.province, district=args.district)
            data = build(
                con,
                scope,
                fmt=args.out.suffix.lower()[1:],
                as_of=args.as_of,
                previous=args.previous,
                lang=args.lang,
            )
        elif args.command == "card":
            from reports.card import build_card

            data = build_card(
                con, args.district, as_of=args.as_of, lang=args.lang, fiscal_year=args.fiscal_year
            )
        else:
            from reports.village import village_pdf, village_png

            scope = Scope(villages=(args.village,)) if args.village else Scope(district=args.district)
            if args.out.suffix.lower() == ".png":
                data = village_png(con, scope, as_of=args.as_of, lang=args.lang)
            else:
                data = village_pdf(con, scope, as_of=args.as_of, lang=args.lang)
    except DistrictError as exc:  # the argument is wrong, not the data: say which one
        from common.strings import text

        words = " / ".join(text(exc.key, lang, code=exc.code) for lang in ("th", "en"))
        return _fail(parser, f"--district {exc.code}: {words}")
    except NoDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except DatesError as exc:
        return _fail(parser, str(exc))
    except (OSError, ValueError, RuntimeError) as exc:
        print(f"error: สร้างไฟล์ไม่สำเร็จ / could not build the file: {exc}", file=sys.stderr)
        return 3
    finally:
        con.close()
    try:
        _write_atomic(args.out, data)
    except OSError as exc:
        return _fail(parser, f"เขียนไฟล์ {args.out} ไม่ได้ / cannot write {args.out}: {exc.strerror}")
    print(f"{args.out} ({len(data):,} bytes)")
    if args.command == "meeting" and args.out.suffix.lower() in (".pdf", ".pptx"):
        from reports.images import INSTALL_COMMAND, failed

        if failed():
            print(
                f"คำเตือน: ไม่มีแผนภูมิในไฟล์ (ไม่พบเบราว์เซอร์ Chromium) เพิ่มได้ด้วยคำสั่ง {INSTALL_COMMAND} / "
                f"warning: the file has no charts (no Chromium browser); add them with: {INSTALL_COMMAND}",
                file=sys.stderr,
            )
    return 0
