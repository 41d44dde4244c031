"""Command line: ``python -m data_loaders validate|load|upgrade|publish|sync|docs|sample``.

Exit codes (fixed, other tools depend on them): 0 no errors (warnings allowed), 1 errors
found, 2 unreadable input or wrong usage.

``validate`` and ``load`` show their phases on stderr: a progress bar (rich) when stderr is a
terminal, else one plain line per phase. Warnings outside a problem group are listed by kind,
the first ``FIRST_OF_KIND`` of each with a count (``--all-warnings``: every one). ``load`` of a
file whose SHA-256 the import log already holds does not import it again: it warns, checks the
file as ``validate`` would (so the exit code still says whether it has errors) and imports
nothing; ``--again`` imports it anyway.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import duckdb

from data_loaders.check.annotate import annotate_path
from data_loaders.check.validation_report import FIRST_OF_KIND, warning_kinds
from data_loaders.contract.docs import DATA_MD, write
from data_loaders.contract.privacy import mask_personal_numbers
from data_loaders.contract.schema import TABLES
from data_loaders.contract.settings import PROJECT_DIR, SAMPLE_DIR, db_path
from data_loaders.read.inputs import InputError
from data_loaders.read.readers import read_input
from data_loaders.store.importer import check_raw, identical_import
from data_loaders.store.layout import check_store
from data_loaders.store.migrate import StoreVersionError
from data_loaders.store.publish import PublishError, publish, sync
from metrics import rollup_build  # noqa: F401  registers the area roll-ups every import builds
from sample.districts import generate

if TYPE_CHECKING:
    from data_loaders.check.progress import Progress
    from data_loaders.check.validation_report import ValidationReport
    from data_loaders.store.importlog import EarlierImport
    from data_loaders.store.result import ImportResult

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
        cmd.add_argument(
            "--json",
            action="store_true",
            help="พิมพ์ผลเป็น JSON / print the report as one JSON object instead of lines",
        )
        cmd.add_argument(
            "--annotated",
            type=Path,
            default=None,
            metavar="OUT.xlsx",
            help="เขียนไฟล์ Excel ที่ทำเครื่องหมายทุกเซลล์ที่มีปัญหา / write the input as a workbook "
            "with every cell that has a problem filled and commented",
        )
        cmd.add_argument(
            "--all-warnings",
            action="store_true",
            help="พิมพ์คำเตือนทุกรายการ (ปกติ 20 รายการแรกของแต่ละชนิด) / print every warning "
            "(by default the first 20 of each kind, with a count)",
        )
        if name == "load":
            cmd.add_argument(
                "--again",
                action="store_true",
                help="นำเข้าแม้ไฟล์เดียวกันทุกไบต์ (SHA-256 เดียวกัน) เคยนำเข้าแล้ว / import even a file "
                "whose SHA-256 an earlier import already had (by default it is checked, not imported)",
            )
    upgrade = sub.add_parser(
        "upgrade",
        help="ปรับรุ่นฐานข้อมูลเก่าให้เป็นรุ่นปัจจุบัน (เก็บไฟล์เดิมไว้) / move an older store to this "
        "dashboard's layout, keeping the old file as <store>.v<N>.bak",
    )
    upgrade.add_argument(
        "--db", type=Path, default=None, help="DuckDB store (default: $SAMMACHIP_DB or data/sammachip.duckdb)"
    )
    _add_publish_commands(sub)
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
        print(f"{DATA_MD.name}: {'updated' if write() else 'unchanged'}")
        return 0
    if args.command == "sample" and args.scale == "national":
        from sample import national  # deferred: pandas and geothai, only for this scale

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
        counts = generate(args.out or SAMPLE_DIR, seed=args.seed)
        for name, n in counts.items():
            print(f"{name}: {n}")
        return 0
    if args.command == "upgrade":
        return _upgrade(db_path(args.db))
    if args.command in ("publish", "sync"):
        return _publish_or_sync(args)

    db = db_path(args.db)
    if (problem := store_problem(db)) is not None:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    if args.annotated is not None and (problem := annotated_problem(args.annotated, args.path)) is not None:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    annotated_error = None
    earlier = None
    try:
        # the one layout check (data_loaders.store.layout): load moves an older store forward first
        # (with a backup), validate only reads it and refuses one
        check_store(db, writes=args.command == "load")
        with _progress(sys.stderr) as progress:
            progress(0.0, "read")
            raw_input = read_input(args.path)
        with raw_input as raw:
            if args.command == "load" and not args.again:
                earlier = identical_import(db, raw.sha256)
                if earlier is not None:
                    print(f"warning: {_identical_line(earlier)}", file=sys.stderr)
            with _progress(sys.stderr) as progress:
                result = check_raw(
                    raw, db, commit=args.command == "load" and earlier is None, progress=progress
                )
            report = result.report
            if args.annotated is not None:
                try:
                    _write_atomically(args.annotated, annotate_path(raw, report, args.path))
                except InputError as exc:
                    annotated_error = mask_personal_numbers(str(exc))
                except OSError as exc:
                    annotated_error = f"--annotated {args.annotated}: {exc.strerror or exc}"
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
    errors, warnings = len(result.dataset.errors), len(result.dataset.warnings)
    if args.json:
        out = report.to_json()
        out["warning_kinds"] = [
            {"kind": k.kind, "label_th": k.label("th"), "label_en": k.label("en"), "count": k.count}
            for k in result.summary.kinds
        ]
        if args.command == "load":
            out |= {
                "committed": result.committed,
                "import_id": result.import_id,
                "rows": _rows(result),
                "villages_added": result.villages_added,
                "villages_replaced": result.villages_replaced,
            }
            if earlier is not None:
                out["identical_to"] = {
                    "import_id": earlier.import_id,
                    "imported_at": earlier.imported_at.isoformat(timespec="seconds") + "Z",
                    "file_name": earlier.file_name,
                }
        if args.annotated is not None and annotated_error is None:
            out["annotated"] = str(args.annotated)
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        _print_text(
            args, result, report, errors, warnings, annotated=annotated_error is None, earlier=earlier
        )
    if annotated_error is not None:
        print(f"error: {annotated_error}", file=sys.stderr)
        return 2
    return 1 if errors else 0


def _upgrade(db: Path) -> int:
    """``upgrade``: migrate an older store (a writer's check, nothing else); 2 if it cannot."""
    if (problem := store_problem(db)) is not None:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    if not db.exists():
        print(f"error: ไม่พบฐานข้อมูล / no store at {db}", file=sys.stderr)
        return 2
    try:
        backup = check_store(db, writes=True)
    except StoreVersionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if backup is None:
        print(f"ฐานข้อมูลเป็นรุ่นปัจจุบันแล้ว / {db} is already in this dashboard's layout")
    else:
        print(f"ปรับรุ่นแล้ว เก็บไฟล์เดิมไว้ที่ {backup} / {db} upgraded; the old file is kept as {backup}")
    return 0


def _add_publish_commands(sub: argparse._SubParsersAction) -> None:
    """``publish`` (the writer) and ``sync`` (each replica): docs/SCALING.md, "Past one machine"."""
    text = (
        "คัดลอกฐานข้อมูลที่นำเข้าแล้วไปยังโฟลเดอร์เผยแพร่ (DIR/sammachip-<import_id>.duckdb) และชี้ DIR/current "
        "ไปที่ไฟล์นั้น / copy the committed store to DIR/sammachip-<import_id>.duckdb and point DIR/current at it"
    )
    cmd = sub.add_parser("publish", help=text, description=text)
    cmd.add_argument(
        "--db", type=Path, default=None, help="DuckDB store (default: $SAMMACHIP_DB or data/sammachip.duckdb)"
    )
    cmd.add_argument("--to", type=Path, required=True, metavar="DIR", help="the publish folder")
    text = (
        "นำฐานข้อมูลที่เผยแพร่ล่าสุด (DIR/current) มาแทนฐานข้อมูลในเครื่อง ถ้าใหม่กว่า / copy the snapshot "
        "DIR/current names beside the local store and swap it in, if it is newer"
    )
    cmd = sub.add_parser("sync", help=text, description=text)
    cmd.add_argument(
        "--from", dest="source", type=Path, required=True, metavar="DIR", help="the publish folder"
    )
    cmd.add_argument("--to", type=Path, required=True, metavar="FILE", help="the replica's local store")


def _publish_or_sync(args: argparse.Namespace) -> int:
    """``publish`` and ``sync``: one line on stdout; exit 2 with a located message on stderr."""
    db = db_path(args.db) if args.command == "publish" else args.to
    option = "--db" if args.command == "publish" else "--to"
    if (problem := store_problem(db)) is not None:
        print(f"error: {problem.replace('--db', option)}", file=sys.stderr)
        return 2
    try:
        if args.command == "publish":
            done = publish(db, args.to)
            print(
                f"เผยแพร่การนำเข้าครั้งที่ {done.import_id} แล้ว: {done.snapshot}"
                f"{'' if done.copied else ' (มีอยู่แล้ว)'} / published import #{done.import_id}: "
                f"{done.snapshot}{'' if done.copied else ' (already there)'}; {args.to / 'current'} names it"
            )
            return 0
        synced = sync(args.source, db)
    except (PublishError, StoreVersionError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a folder it may not write to, a full disk
        print(
            f"error: เขียนหรืออ่าน {exc.filename or db} ไม่ได้ ({exc.strerror or exc}) / "
            f"cannot write or read {exc.filename or db} ({exc.strerror or exc})",
            file=sys.stderr,
        )
        return 2
    if synced.copied:
        was = "none" if synced.before is None else f"#{synced.before}"
        print(
            f"ปรับฐานข้อมูล {db} เป็นการนำเข้าครั้งที่ {synced.import_id} แล้ว / {db} now has import "
            f"#{synced.import_id} (it had {was})"
        )
    else:
        print(
            f"ฐานข้อมูล {db} เป็นล่าสุดแล้ว (ครั้งที่ {synced.before}) ไม่ได้คัดลอก / {db} already has import "
            f"#{synced.before} (published: #{synced.import_id}); nothing copied"
        )
    return 0


def annotated_problem(out: Path, source: Path) -> str | None:
    """Why ``--annotated OUT`` cannot be written (not .xlsx, a folder, the input itself), else None."""
    if out.suffix.lower() != ".xlsx":
        return f"--annotated {out} ต้องเป็นไฟล์ .xlsx / --annotated {out} must name an .xlsx file"
    if out.is_dir() or not out.parent.is_dir():
        return (
            f"--annotated {out}: ไม่มีโฟลเดอร์ปลายทาง หรือเป็นโฟลเดอร์ / "
            f"--annotated {out}: the folder does not exist, or it is a folder"
        )
    if out.exists() and source.exists() and out.resolve() == source.resolve():
        return (
            f"--annotated {out} คือไฟล์ที่ตรวจเอง จะไม่เขียนทับ ให้ใช้ชื่อใหม่ / "
            f"--annotated {out} is the input itself; it is never overwritten, give a new name"
        )
    return None


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` beside ``path`` and move it into place: never a half-written workbook."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _rows(result: ImportResult) -> dict[str, dict[str, int]]:
    return {
        name: {
            "in_file": result.rows_in_file[name],
            "before": result.before.get(name, 0),
            "after": result.after.get(name, 0),
        }
        for name in TABLE_NAMES
        if name in result.rows_in_file
    }


def _print_text(
    args: argparse.Namespace,
    result: ImportResult,
    report: ValidationReport,
    errors: int,
    warnings: int,
    *,
    annotated: bool,
    earlier: EarlierImport | None = None,
) -> None:
    """Every error and note line, groups as a header line, root lines and indented dependants;
    then the other warnings by kind (the first 20 of each, or all with ``--all-warnings``)."""
    for line in report.lines(single_warnings=False):
        print(mask_personal_numbers(line))
    for line in warning_lines(report, every=args.all_warnings):
        print(mask_personal_numbers(line))
    print(f"ข้อผิดพลาด {errors} รายการ, คำเตือน {warnings} รายการ / {errors} errors, {warnings} warnings")
    if args.annotated is not None and annotated:
        print(f"เขียนไฟล์ที่ทำเครื่องหมายแล้ว: {args.annotated} / annotated workbook written: {args.annotated}")
    if args.command == "load":
        if result.committed:
            print(f"นำเข้าแล้ว (import #{result.import_id}) / imported (rows per table):")
            for name in (t for t in TABLE_NAMES if t in result.rows_in_file):
                n = result.rows_in_file[name]
                print(
                    f"  {name}: {n} (before {result.before.get(name, 0)}, after {result.after.get(name, 0)})"
                )
            added, replaced = len(result.villages_added), len(result.villages_replaced)
            print(
                f"หมู่บ้านใหม่ {added:,} หมู่บ้าน, แทนที่ {replaced:,} หมู่บ้าน / "
                f"villages added {added:,}, replaced {replaced:,}"
            )
        elif earlier is not None:
            print(f"ไม่ได้นำเข้า / not imported: {_identical_line(earlier)}")
        else:
            print("ไม่ได้นำเข้า ฐานข้อมูลไม่เปลี่ยนแปลง / nothing imported; the database is unchanged")


def warning_lines(report: ValidationReport, *, every: bool = False) -> Iterator[str]:
    """The warnings outside any group, by kind (the most frequent first): a header line with
    the kind and its count, then its first ``FIRST_OF_KIND`` lines (all of them if ``every``),
    then how many more there are and how to see them."""
    singles = [p for p in report.singles if p.level == "warning"]
    for kind in warning_kinds(singles, first=len(singles) if every else FIRST_OF_KIND):
        yield f"คำเตือน: {kind.label('th')} {kind.count:,} รายการ / warnings: {kind.label('en')}: {kind.count:,}"
        for problem in kind.first:
            yield problem.line()  # not indented: every problem line keeps its one form
        if kind.more:
            yield (
                f"… และอีก {kind.more:,} รายการ (--all-warnings แสดงทั้งหมด) / "
                f"… and {kind.more:,} more (--all-warnings prints them all)"
            )


def _identical_line(earlier: EarlierImport) -> str:
    """This file is the one an earlier import had (same SHA-256), in Bangkok time, both languages."""
    from common.formats import fmt_date  # deferred: pandas and pythainlp, only for this warning

    local = earlier.local_time
    return (
        f"ไฟล์นี้เหมือนกับที่นำเข้าแล้วทุกไบต์ (ครั้งที่ {earlier.import_id} วันที่ {fmt_date(local.date(), 'th')} "
        f"เวลา {local:%H:%M} น. ไฟล์ {earlier.file_name}) จึงไม่นำเข้าซ้ำ ใช้ --again หากต้องการนำเข้าอีกครั้ง / "
        f"this file is byte for byte the one import #{earlier.import_id} had "
        f"({fmt_date(local.date(), 'en')} {local:%H:%M} Bangkok time, {earlier.file_name}), so it is not "
        "imported again; --again imports it anyway"
    )


def _phase_label(phase: str) -> str:
    from common.strings import text  # deferred: pandas and pythainlp (via common.formats)

    return f"{text(f'import.phase.{phase}', 'th')} / {text(f'import.phase.{phase}', 'en')}"


@contextlib.contextmanager
def _progress(stream: TextIO) -> Iterator[Progress]:
    """A progress callback for the importer (:mod:`data_loaders.check.progress`): a rich progress bar
    when ``stream`` is a terminal, else one plain line per phase (no colours, no cursor moves),
    so a log file reads line by line."""
    if not stream.isatty():
        last: list[str] = []

        def line(fraction: float, phase: str) -> None:
            if not last or last[-1] != phase:
                last.append(phase)
                print(f"[{fraction:4.0%}] {_phase_label(phase)}", file=stream, flush=True)

        yield line
        return
    # deferred: rich draws only on a terminal; a log or a pipe never needs it
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    console = Console(file=stream)
    columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(_phase_label("read"), total=1.0)

        shown: list[str] = []

        def update(fraction: float, phase: str) -> None:
            # A new phase is drawn at once (not at the next timed refresh): even a short one shows.
            new = not shown or shown[-1] != phase
            if new:
                shown.append(phase)
            bar.update(task, completed=fraction, description=_phase_label(phase), refresh=new)

        yield update
