"""Command line: ``python -m data_loaders validate|load|sample``.

Exit codes (fixed, other tools depend on them): 0 no errors (warnings allowed), 1 errors
found, 2 unreadable input or wrong usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from data_loaders.migrate import StoreVersionError
from data_loaders.privacy import mask_personal_numbers
from data_loaders.readers import InputError
from data_loaders.schema import TABLES
from data_loaders.settings import PROJECT_DIR, SAMPLE_DIR, db_path

TABLE_NAMES = tuple(t.name for t in TABLES)
DUCKDB_MAGIC = b"DUCK"  # bytes 8-11 of every DuckDB database file


def store_problem(db: Path) -> str | None:
    """Why ``--db`` cannot be a store (a folder, or a file that is not DuckDB), else None.

    A path that does not exist yet is fine: ``load`` creates the store there.
    """
    if db.is_dir():
        return (
            f"--db {db} เป็นโฟลเดอร์ ให้ระบุไฟล์ฐานข้อมูล เช่น {db / 'sammachip.duckdb'} / "
            f"--db {db} is a folder; give the store file, e.g. {db / 'sammachip.duckdb'}"
        )
    if db.exists():
        try:
            with open(db, "rb") as handle:
                head = handle.read(12)
        except OSError as exc:
            return f"--db {db} เปิดไม่ได้ ({exc.strerror}) / --db {db} cannot be opened ({exc.strerror})"
        if head[8:12] != DUCKDB_MAGIC:
            return (
                f"--db {db} ไม่ใช่ฐานข้อมูลของแดชบอร์ด (ไม่ใช่ไฟล์ DuckDB) จึงไม่แตะไฟล์นี้ / "
                f"--db {db} is not a dashboard store (not a DuckDB file); it was left untouched"
            )
    return None


NATIONAL_DIR = PROJECT_DIR / "data" / "national"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m data_loaders",
        description="นำเข้าและตรวจสอบข้อมูลสัมมาชีพชุมชน / validate and import Sammachip Chumchon data",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("validate", "ตรวจสอบไฟล์โดยไม่นำเข้า / check a workbook or CSV folder without importing"),
        ("load", "ตรวจสอบแล้วนำเข้าทั้งหมดหรือไม่นำเข้าเลย / validate, then import all or nothing"),
    ):
        cmd = sub.add_parser(name, help=text, description=text)
        cmd.add_argument("path", type=Path, help=".xlsx workbook or folder of <table>.csv files")
        cmd.add_argument(
            "--db",
            type=Path,
            default=None,
            help="DuckDB store (default: $SAMMACHIP_DB or data/sammachip.duckdb)",
        )
    sub.add_parser(
        "docs", help="เขียนส่วนที่สร้างจาก schema ใน docs/DATA.md ใหม่ / regenerate docs/DATA.md's generated blocks"
    )
    sample = sub.add_parser("sample", help="สร้างข้อมูลตัวอย่างใหม่ / regenerate the sample data")
    sample.add_argument(
        "--out",
        type=Path,
        default=None,
        help="output folder (default: sample_data/, or data/national/ for national)",
    )
    sample.add_argument("--seed", type=int, default=2560, help="random seed (default 2560)")
    sample.add_argument(
        "--scale",
        choices=("sample", "national"),
        default="sample",
        help="sample: the two seed districts (default); national: 23,589 villages a year in 77 provinces",
    )
    sample.add_argument("--years", type=int, default=1, help="national: fiscal years from 2560 (default 1)")
    sample.add_argument(
        "--villages",
        type=int,
        default=None,
        help="national: villages a year (default 23,589; small for tests)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    if args.command == "docs":
        from data_loaders.docs import DATA_MD, write

        print(f"{DATA_MD.name}: {'updated' if write() else 'unchanged'}")
        return 0
    if args.command == "sample" and args.scale == "national":
        from data_loaders import national

        try:
            counts = national.generate(
                args.out or NATIONAL_DIR,
                years=args.years,
                villages=args.villages or national.NATIONAL_VILLAGES,
                seed=args.seed,
            )
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        for name, n in counts.items():
            print(f"{name}: {n}")
        print(f"รวม {sum(counts.values()):,} แถว / {sum(counts.values()):,} rows in all")
        return 0
    if args.command == "sample":
        from data_loaders.sample import generate

        counts = generate(args.out or SAMPLE_DIR, seed=args.seed)
        for name, n in counts.items():
            print(f"{name}: {n}")
        return 0
    import duckdb

    from data_loaders.importer import check_path

    db = db_path(args.db)
    if (problem := store_problem(db)) is not None:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    try:
        result = check_path(args.path, db, commit=args.command == "load")
    except InputError as exc:
        print(f"error: {mask_personal_numbers(str(exc))}", file=sys.stderr)
        return 2
    except StoreVersionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except duckdb.Error as exc:  # a damaged store: say so, never a traceback
        first = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        print(f"error: อ่านฐานข้อมูล {db} ไม่ได้ ({first}) / cannot use the store {db} ({first})", file=sys.stderr)
        return 2
    for problem in result.dataset.problems:
        print(mask_personal_numbers(problem.line()))
    errors, warnings = len(result.dataset.errors), len(result.dataset.warnings)
    print(f"ข้อผิดพลาด {errors} รายการ, คำเตือน {warnings} รายการ / {errors} errors, {warnings} warnings")
    if args.command == "load":
        if result.committed:
            print(f"นำเข้าแล้ว (import #{result.import_id}) / imported (rows per table):")
            for name in (t for t in TABLE_NAMES if t in result.rows_in_file):
                n = result.rows_in_file[name]
                print(
                    f"  {name}: {n} (before {result.before.get(name, 0)}, after {result.after.get(name, 0)})"
                )
        else:
            print("ไม่ได้นำเข้า ฐานข้อมูลไม่เปลี่ยนแปลง / nothing imported; the database is unchanged")
    return 1 if errors else 0
