"""Command line: ``python -m metrics kpis|changes|villages|households|rows|evaluation|cohorts|versions|revisions``.

The options and the JSON shape of ``kpis --json`` are a fixed contract:
``{"scope": {...}, "indicators": [{"id", "label_th", "label_en", "unit", "value", "target",
"direction", "met", "numerator", "denominator"}, ...]}``. So is ``changes --as-of D
[--previous D] --json``: the object of :func:`metrics.changes.changes` ("since last meeting"),
and ``rows INDICATOR_ID --csv``: the rows behind an indicator (:mod:`metrics.rows`).
``versions --json`` lists ``{version, committed_at, files, villages_changed}``; ``revisions
--from N [--to M] --json`` is :func:`metrics.revisions.revisions`; ``--version N`` gives any
data command the data as it was when version N was the latest.
``evaluation --json``: the object of :func:`metrics.evaluation.evaluation` (``targeting``,
``attrition``, ``real_income``, ``comparison``).
Exit codes: 0 done, 2 wrong usage, no store, or a store in another layout (newer, or older:
``python -m data_loaders load`` upgrades it).
``cohorts [--province|--district|--tambon CODE] [--as-of D] --json`` prints a list of
``{fiscal_year, months, villages, practising_share, income_increase_pct,
villages_with_group_share, surveyed_share}`` (:mod:`metrics.cohorts`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from common.export import safe_frame
from common.formats import PLACE_CODE_DIGITS, fmt_target, format_value
from data_loaders.contract.settings import db_path
from data_loaders.store.layout import StoreVersionError, VersionError, open_store
from metrics import cli_args
from metrics.scope import Scope


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m metrics", description="ตัวชี้วัดสัมมาชีพชุมชน / Sammachip Chumchon indicators"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    catalogue_cmd = sub.add_parser(
        "catalogue", help="นิยามตัวชี้วัด / the indicator definitions (JSON or --markdown)"
    )
    catalogue_cmd.add_argument("--markdown", action="store_true", help="print docs/INDICATORS.md")
    for name, text in (
        ("kpis", "ตัวชี้วัดทั้งหมดของขอบเขต / the indicator catalogue for a scope"),
        (
            "changes",
            "การเปลี่ยนแปลงตั้งแต่การประชุมครั้งก่อน / what changed since the previous meeting",
        ),
        ("villages", "ความก้าวหน้ารายหมู่บ้าน / progress per village"),
        ("households", "รายได้รายครัวเรือน (ปกปิดข้อมูลส่วนบุคคล) / income change per household, masked"),
        ("rows", "แถวเบื้องหลังตัวชี้วัด / the rows behind an indicator (metrics/rows.py)"),
        (
            "evaluation",
            "การประเมินผล: การคัดเลือกครัวเรือน การตกหล่นของการติดตาม รายได้ที่แท้จริง การเปรียบเทียบ / "
            "evaluation measures: targeting, attrition, real income, comparison",
        ),
    ):
        cmd = sub.add_parser(name, help=text, description=text)
        if name == "rows":
            from metrics.rows import add_arguments

            add_arguments(cmd)
        cmd.add_argument(
            "--db",
            type=Path,
            default=None,
            help="DuckDB store (default: $SAMMACHIP_DB or data/sammachip.duckdb)",
        )
        cmd.add_argument(
            "--fiscal-year", type=cli_args.fiscal_year, default=None, help="fiscal year, BE (2560) or CE"
        )
        for level in ("province", "district", "tambon"):
            digits = PLACE_CODE_DIGITS[level]
            cmd.add_argument(
                f"--{level}",
                type=cli_args.place_code(digits, f"--{level}"),
                default=None,
                help=f"{level} code, {digits} digits",
            )
        cmd.add_argument(
            "--village",
            type=cli_args.place_code(PLACE_CODE_DIGITS["village"], "--village"),
            action="append",
            default=[],
            help=f"village code, {PLACE_CODE_DIGITS['village']} digits (repeatable)",
        )
        cmd.add_argument("--occupation", default=None, help="occupation, as typed in the data")
        cli_args.add_version(cmd)
        cmd.add_argument(
            "--as-of",
            type=cli_args.as_of,
            default=None,
            help="count only rows dated on or before (YYYY-MM-DD; BE years work); default: the "
            "latest date in the data of all areas (of --fiscal-year, if given), as in the dashboard",
        )
        if name == "changes":
            cmd.add_argument(
                "--previous",
                type=cli_args.as_of,
                default=None,
                help="the previous meeting (default: the end of the month before --as-of)",
            )
        if name in ("kpis", "changes", "evaluation"):
            cmd.add_argument("--json", action="store_true", help="print one JSON object")
        else:
            cmd.add_argument("--csv", action="store_true", help="print CSV (the default and only format)")
    _cohorts_parser(sub)
    _version_commands(sub)
    return parser


def _cohorts_parser(sub: argparse._SubParsersAction) -> None:
    """``cohorts``: each fiscal year's villages at 0, 3, 6, 9 and 12 months since training
    (:mod:`metrics.cohorts`); a fixed contract."""
    text = "รุ่นตามปีงบประมาณ นับเดือนหลังอบรม / cohorts by fiscal year, months since training"
    cmd = sub.add_parser("cohorts", help=text, description=text)
    cmd.add_argument(
        "--db", type=Path, default=None, help="DuckDB store (default: $SAMMACHIP_DB or data/sammachip.duckdb)"
    )
    for level in ("province", "district", "tambon"):
        digits = PLACE_CODE_DIGITS[level]
        cmd.add_argument(
            f"--{level}",
            type=cli_args.place_code(digits, f"--{level}"),
            default=None,
            help=f"{level} code, {digits} digits",
        )
    cmd.add_argument(
        "--as-of",
        type=cli_args.as_of,
        default=None,
        help="a village has reached month m when its first training day plus m months is on or "
        "before this date (YYYY-MM-DD; BE years work); default: the latest date in the data of all "
        "areas, as in the dashboard",
    )
    cli_args.add_version(cmd)
    cmd.add_argument(
        "--json",
        action="store_true",
        help="print a list of {fiscal_year, months, villages, practising_share, "
        "income_increase_pct, villages_with_group_share, surveyed_share}",
    )


# --- data versions (data_loaders/store/versions.py) -------------------------------------------


def _version_commands(sub: Any) -> None:
    versions = sub.add_parser(
        "versions", help="รุ่นของข้อมูล (การนำเข้าแต่ละครั้ง) / the data versions, one per import"
    )
    revisions = sub.add_parser(
        "revisions",
        help="ตัวชี้วัดหลักเปลี่ยนไปอย่างไรระหว่างสองรุ่น / how the headline figures moved between two versions",
    )
    revisions.add_argument("--from", dest="start", type=cli_args.data_version, required=True)
    revisions.add_argument(
        "--to", dest="end", type=cli_args.data_version, default=None, help="default: latest"
    )
    revisions.add_argument("--fiscal-year", type=cli_args.fiscal_year, default=None)
    for level in ("province", "district"):
        digits = PLACE_CODE_DIGITS[level]
        revisions.add_argument(f"--{level}", type=cli_args.place_code(digits, f"--{level}"), default=None)
    revisions.add_argument("--as-of", type=cli_args.as_of, default=None, help="default: each version's own")
    for cmd in (versions, revisions):
        cmd.add_argument("--db", type=Path, default=None, help="DuckDB store")
        cmd.add_argument("--json", action="store_true", help="print JSON (the default and only format)")


def _versions_main(args: argparse.Namespace, path: Path) -> int:
    from data_loaders.store.versions import list_versions
    from metrics.revisions import revisions

    try:
        if args.command == "versions":
            with open_store(path) as con:
                payload: Any = [v.as_dict() for v in list_versions(con)]
        else:
            scope = Scope(
                fiscal_year=args.fiscal_year, province=args.province, district=args.district, as_of=args.as_of
            )
            payload = revisions(path, args.start, args.end, scope=scope)
    except (StoreVersionError, VersionError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(payload, ensure_ascii=False, indent=2))
    return 0


def _number(value: float | None) -> float | int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value) if float(value).is_integer() else value


def say_default_as_of(day: dt.date, fiscal_year: int | None) -> None:
    """Say on stderr (stdout is the data) which date was used when none was given: the one
    default of every program (:func:`metrics.changes.default_as_of`), in Thai and English."""
    from common.formats import fmt_date
    from common.strings import default_as_of_words, text

    words = [
        text(
            "asof.default_caption", lang, date=fmt_date(day, lang), why=default_as_of_words(lang, fiscal_year)
        )
        for lang in ("th", "en")
    ]
    print(" / ".join(words), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    if args.command == "catalogue":
        _catalogue(markdown=args.markdown)
        return 0
    path = db_path(args.db)
    if not path.exists():  # every command below reads the store
        print(
            f"error: ไม่พบฐานข้อมูล / no store at {path} (run python -m data_loaders load first)",
            file=sys.stderr,
        )
        return 2
    if args.command == "cohorts":
        return _cohorts(args, path)
    if args.command in ("versions", "revisions"):
        return _versions_main(args, path)
    scope = Scope(
        fiscal_year=args.fiscal_year,
        province=args.province,
        district=args.district,
        tambon=args.tambon,
        villages=tuple(args.village),
        occupation=args.occupation,
        as_of=args.as_of,
    )
    try:
        # the one layout check (data_loaders.store.layout): refused, never read; --version N: the
        # data as it was then
        con = open_store(path, args.version)
    except (StoreVersionError, VersionError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if scope.as_of is None:  # the one default of every program, as in the dashboard
        from metrics.changes import default_as_of

        day = default_as_of(con, scope.fiscal_year)
        if day is not None:
            scope = replace(scope, as_of=day)
            say_default_as_of(day, scope.fiscal_year)
    try:
        if args.command == "kpis":
            _kpis(con, scope, as_json=args.json)
        elif args.command == "changes":
            from metrics.changes import changes

            try:
                if scope.as_of is None:
                    print("error: ไม่มีข้อมูลที่มีวันที่ / no dated rows in the store", file=sys.stderr)
                    return 2
                payload = changes(con, scope, as_of=scope.as_of, previous=args.previous)
            except ValueError as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 2
            print(json.dumps(payload, ensure_ascii=False, indent=2))
        elif args.command == "rows":
            from metrics.rows import print_rows

            return print_rows(con, scope, args)
        elif args.command == "evaluation":
            return _evaluation(con, scope)
        elif args.command == "villages":
            from metrics.progress import village_progress

            frame = village_progress(con, scope)
            frame["overdue_stages"] = frame["overdue_stages"].map(";".join)
            safe_frame(frame).to_csv(sys.stdout, index=False, date_format="%Y-%m-%d")
        else:
            from metrics.income import household_income

            safe_frame(household_income(con, scope)).to_csv(sys.stdout, index=False, date_format="%Y-%m-%d")
    finally:
        con.close()
    return 0


def _cohorts(args: argparse.Namespace, path: Path) -> int:
    """``cohorts``: the list of :func:`metrics.cohorts.as_records` as JSON (the one format)."""
    from metrics.changes import default_as_of
    from metrics.cohorts import as_records, cohorts

    try:
        con = open_store(path, args.version)
    except (StoreVersionError, VersionError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        day = args.as_of
        if day is None:
            day = default_as_of(con, None)
            if day is not None:
                say_default_as_of(day, None)
        scope = Scope(province=args.province, district=args.district, tambon=args.tambon, as_of=day)
        records = as_records(cohorts(con, scope)) if day is not None else []
    finally:
        con.close()
    print(json.dumps(records, ensure_ascii=False, indent=2))
    return 0


def _evaluation(con, scope: Scope) -> int:
    """``evaluation --json``: the object of :func:`metrics.evaluation.evaluation`; exit 2 when a
    survey year has no price index (real income is refused, never extrapolated)."""
    from metrics.evaluation import MissingPriceIndex, evaluation

    try:
        payload = evaluation(con, scope)
    except MissingPriceIndex as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(payload, ensure_ascii=False, indent=2))
    return 0


def _kpis(con, scope: Scope, *, as_json: bool) -> None:
    from metrics.indicators import compute

    values = compute(con, scope)
    if as_json:
        payload = {
            "scope": scope.as_dict(),
            "indicators": [
                {
                    "id": v.id,
                    "label_th": v.label_th,
                    "label_en": v.label_en,
                    "unit": v.unit,
                    "value": _number(v.value),
                    "target": _number(v.target),
                    "direction": v.direction,
                    "met": v.met,
                    "numerator": _number(v.numerator),
                    "denominator": _number(v.denominator),
                }
                for v in values
            ],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for v in values:
        shown = format_value(v.value, v.unit, "en")
        target = "" if v.target is None else fmt_target(v.target, v.unit, v.direction, "en")
        mark = {True: "✓", False: "✗", None: " "}[v.met]
        print(
            f"{mark} {v.id:28} {shown:>8} {target:>8}  {_number(v.numerator)}/{_number(v.denominator)}  {v.label_th} / {v.label_en}"
        )


def _catalogue(*, markdown: bool) -> None:
    if markdown:
        from metrics.docs import render

        sys.stdout.write(render())
        return
    from dataclasses import asdict

    from metrics.indicators import catalogue
    from metrics.model import fill

    # the declaration, and the numerator and denominator SQL generated from it
    rows = [
        {**asdict(i), "numerator": fill(i.numerator), "denominator": fill(i.denominator)} for i in catalogue()
    ]
    print(json.dumps(rows, ensure_ascii=False, indent=2))
