"""``python -m bench [--json FILE] [--years N] [--quick]``: the national-scale benchmark.

Measures in one run and prints a table:

- the import of a generated national set through ``python -m data_loaders load`` (a child
  process: rows, seconds, rows/s, peak RSS of the child by psutil polling);
- every page through AppTest at sample and national scale: first load at all areas (the best
  of two in one process, caches cleared before each), a warm rerun, a change to a province
  and to a district not cached yet, and national ÷ sample, each against issue 18's targets;
- all catalogue indicators at national scope, DuckDB against the pandas baseline;
- the objects the map sends at national, province and district views;
- the server's peak RSS with 5 browser sessions (Playwright, system Chromium);
- the store's growth with history: twelve imports each replacing 5% of the villages
  (``bench/history.py``; at most 1.6× the store without history).

The page timings use a store built straight from the CSVs (``bench.build_store``), so they
do not depend on the import. ``--quick`` shrinks everything (300 villages a year) to check
the benchmark itself runs. Not run by CI.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psutil

from bench.build_store import build_store
from bench.history import bench_history
from bench.pandas_baseline import compute as pandas_compute
from bench.pandas_baseline import load_tables
from bench.server import serve
from data_loaders.store.importer import check_path
from data_loaders.store.layout import StoreVersionError, check_store
from data_loaders.store.store import open_read_only
from metrics.indicators import compute
from metrics.maps import map_marks
from metrics.scope import Scope
from sample import national

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGES = {
    "overview": "pages/overview.py",
    "progress": "pages/progress.py",
    "income": "pages/income.py",
    "trainers": "pages/trainers.py",
    "groups": "pages/groups.py",
    "indicators": "pages/indicators.py",
    "data": "pages/data.py",
}
QUICK_VILLAGES = 300


# --------------------------------------------------------------------------- memory


class PeakRss:
    """Polls the RSS of a process and its children (MB) in a thread; ``peak`` is the maximum."""

    def __init__(self, pid: int, *, every: float = 0.1) -> None:
        self.pid, self.every, self.peak = pid, every, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self._stop.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
                rss = sum(p.memory_info().rss for p in procs if p.is_running())
            except psutil.Error:
                rss = 0
            self.peak = max(self.peak, rss / 2**20)
            self._stop.wait(self.every)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


# --------------------------------------------------------------------------- import


def bench_import(folder: Path, db: Path, *, timeout: float) -> dict[str, Any]:
    """``python -m data_loaders load folder --db db`` in a child: rows, seconds, rows/s, peak RSS."""
    rows = sum(max(0, sum(1 for _ in p.open(encoding="utf-8")) - 1) for p in folder.glob("*.csv"))
    db.unlink(missing_ok=True)
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "data_loaders", "load", str(folder), "--db", str(db)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    with PeakRss(child.pid) as peak:
        try:
            code = child.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
            code = None
    seconds = time.perf_counter() - start
    ok = code == 0
    return {
        "rows": rows,
        "seconds": round(seconds, 2) if ok else None,
        "rows_per_s": round(rows / seconds) if ok else None,
        "peak_rss_mb": round(peak.peak),
        "exit_code": code,  # None: stopped after the timeout
    }


# --------------------------------------------------------------------------- pages


@contextlib.contextmanager
def _store(db: Path) -> Iterator[None]:
    old = os.environ.get("SAMMACHIP_DB")
    os.environ["SAMMACHIP_DB"] = str(db)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SAMMACHIP_DB", None)
        else:
            os.environ["SAMMACHIP_DB"] = old


def _timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _pick_places(db: Path) -> tuple[str, str]:
    """The province with the most villages and its district with the most (a heavy filter)."""
    con = open_read_only(db)
    try:
        province = con.execute(
            "SELECT province_code FROM villages GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"
        ).fetchone()[0]  # type: ignore[index]
        district = con.execute(
            "SELECT district_code FROM villages WHERE province_code = ? GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1",
            [province],
        ).fetchone()[0]  # type: ignore[index]
    finally:
        con.close()
    return province, district


FIRST_LOADS = 2  # first loads per page, caches cleared before each: first_s is the best of them


def _first_load(page: str, *, timeout: float) -> tuple[Any, float]:
    """A first load of ``page`` (every cached query and connection cleared): the AppTest and
    its seconds."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.switch_page(page)
    return at, _timed(at.run)


def bench_page(db: Path, page: str, *, timeout: float) -> dict[str, Any]:
    """One page through AppTest, as issue 18 measured it: the best of ``FIRST_LOADS`` first
    loads in one process (caches cleared before each, so the first does not count Python's
    module imports alone), then a warm rerun, a province change, a district change, and a fiscal
    year of all areas (the oldest, at its own default date)."""
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:  # route by st.navigation, as a live server
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init  # type: ignore[method-assign]
    province, district = _pick_places(db)
    out: dict[str, Any] = {}
    try:
        with _store(db):
            errors: list[str] = []
            firsts = []
            for _ in range(FIRST_LOADS):
                at, seconds = _first_load(page, timeout=timeout)
                firsts.append(seconds)
                errors += [f"first_s: {str(e.value)[:200]}" for e in at.exception]
            out["first_s"], out["first_runs_s"] = min(firsts), [round(s, 3) for s in firsts]
            for key, step in (
                ("rerun_s", at.run),
                ("province_s", lambda: at.selectbox(key="f_province").select(province).run()),
                ("district_s", lambda: at.selectbox(key="f_district").select(district).run()),
            ):
                out[key] = _timed(step)
                errors += [f"{key}: {str(e.value)[:200]}" for e in at.exception]
            # a fiscal year of all areas (its own default date): the oldest, back from the district
            at.selectbox(key="f_province").select_index(0).run()
            years = at.selectbox(key="f_fy").options
            out["year_s"] = _timed(lambda: at.selectbox(key="f_fy").select(years[-1]).run())
            errors += [f"year_s: {str(e.value)[:200]}" for e in at.exception]
            out["errors"] = errors
    except Exception as exc:  # a page that crashes or times out is a result, not the end of the run
        out["errors"] = [f"{type(exc).__name__}: {str(exc)[:200]}"]
    finally:
        PagesManager.__init__ = original  # type: ignore[method-assign]
    return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in out.items()}


# Issue 18's targets for every page at five national years: (key, most, words).
PAGE_TARGETS: tuple[tuple[str, float, str], ...] = (
    ("first_s", 1.5, "first load ≤ 1.5 s"),
    ("province_s", 0.7, "filter ≤ 0.7 s"),
    ("district_s", 0.7, "filter ≤ 0.7 s"),
    ("year_s", 0.7, "filter ≤ 0.7 s"),
    ("rerun_s", 0.5, "rerun ≤ 0.5 s"),
    ("ratio", 3.0, "rerun ≤ 3× sample"),
)


def missed_targets(page: dict[str, Any]) -> list[str]:
    """The targets of :data:`PAGE_TARGETS` a page's figures miss (a missing figure misses)."""
    return [key for key, most, _ in PAGE_TARGETS if page.get(key) is None or page[key] > most]


def bench_pages(national_db: Path, sample_db: Path, *, timeout: float) -> dict[str, dict[str, Any]]:
    pages = {}
    for name, page in PAGES.items():
        big = bench_page(national_db, page, timeout=timeout)
        small = bench_page(sample_db, page, timeout=timeout)
        rerun, sample_rerun = big.get("rerun_s"), small.get("rerun_s")
        pages[name] = {
            "first_s": big.get("first_s"),
            "rerun_s": rerun,
            "province_s": big.get("province_s"),
            "district_s": big.get("district_s"),
            "year_s": big.get("year_s"),
            "sample_rerun_s": sample_rerun,
            "ratio": round(rerun / sample_rerun, 2) if rerun and sample_rerun else None,
            "first_runs_s": big.get("first_runs_s"),
            "errors": big.get("errors", []) + small.get("errors", []),
        }
        pages[name]["missed"] = missed_targets(pages[name])
        print(f"  {name}: {pages[name]}", flush=True)
    return pages


# --------------------------------------------------------------------------- indicators and map


def bench_indicators(db: Path, *, repeat: int = 3) -> dict[str, Any]:
    """All catalogue indicators at national scope: best of ``repeat``, DuckDB and pandas."""
    con = open_read_only(db)
    try:
        scope = Scope()
        compute(con, scope)  # warm the file cache, as the pandas side has its tables in memory
        duck = min(_timed(lambda: compute(con, scope)) for _ in range(repeat))
        tables = load_tables(con)
        pandas = min(_timed(lambda: pandas_compute(tables, scope)) for _ in range(repeat))
    finally:
        con.close()
    return {"duckdb_s": round(duck, 3), "pandas_s": round(pandas, 3), "speedup": round(pandas / duck, 1)}


def bench_cohorts(db: Path, *, repeat: int = 3) -> dict[str, Any]:
    """The cohorts by fiscal year at national scope (:func:`metrics.cohorts.cohorts`, every
    village at 0, 3, 6, 9 and 12 months since training, on the data's latest date): best of
    ``repeat`` after one warm run. Target: ≤ 1 s on five national years (issue 21)."""
    from metrics.changes import default_as_of
    from metrics.cohorts import cohorts

    con = open_read_only(db)
    try:
        scope = Scope(as_of=default_as_of(con, None))
        frame = cohorts(con, scope)  # warm the file cache
        seconds = min(_timed(lambda: cohorts(con, scope)) for _ in range(repeat))
    finally:
        con.close()
    return {
        "seconds": round(seconds, 3),
        "rows": len(frame),
        "villages": int(frame.loc[frame["months"] == 0, "villages"].sum()),
    }


def bench_map(db: Path) -> dict[str, int]:
    """How many objects the map draws at national, province and district views."""
    province, district = _pick_places(db)
    con = open_read_only(db)
    try:
        return {
            view: len(map_marks(con, scope).frame)
            for view, scope in (
                ("national", Scope()),
                ("province", Scope(province=province)),
                ("district", Scope(district=district)),
            )
        }
    finally:
        con.close()


# --------------------------------------------------------------------------- server


def bench_server(db: Path, *, sessions: int = 5, timeout: float = 180) -> float:
    """Peak RSS (MB) of a real server while ``sessions`` browser pages load the app."""
    from playwright.sync_api import sync_playwright

    with (
        serve(db, timeout=60) as (url, server),
        PeakRss(server.pid, every=0.2) as peak,
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        pages = [browser.new_page() for _ in range(sessions)]
        for page in pages:
            page.goto(url, timeout=timeout * 1000)
        for page in pages:  # every session has drawn its first page
            page.wait_for_selector("h1", timeout=timeout * 1000)
        for page in pages:  # and each opens another page
            page.goto(f"{url}/income", timeout=timeout * 1000)
        for page in pages:
            page.wait_for_selector("h1", timeout=timeout * 1000)
            page.wait_for_timeout(500)
        browser.close()
    return round(peak.peak)


# --------------------------------------------------------------------------- report


def _table(results: dict[str, Any]) -> str:
    targets = ", ".join(dict.fromkeys(words for _, _, words in PAGE_TARGETS))
    lines = [
        f"targets: {targets}",
        "page          first_s  rerun_s  province_s  district_s    year_s  sample_rerun_s  ratio  targets",
    ]
    for name, r in results.get("pages", {}).items():
        cells = [r.get(k) for k in (*PAGE_KEYS[:4], "year_s", *PAGE_KEYS[4:])]
        missed = r.get("missed", missed_targets(r))
        mark = "  met" if not missed else f"  NOT met ({', '.join(missed)})"
        lines.append(f"{name:<13}" + "".join(f"{'-' if c is None else c:>10}" for c in cells) + mark)
        if r.get("errors"):
            lines.append(f"{'':13}errors: {'; '.join(r['errors'])[:300]}")
    ind, imp = results.get("indicators", {}), results.get("import", {})
    if "history" in results:
        h = results["history"]
        lines.append(
            f"history: {h['imports']} imports of {h['villages_per_import'][0]} villages: store "
            f"{h['compact_with_history_mb']} MB with history, {h['compact_without_history_mb']} MB without, "
            f"{h['ratio']}× (budget {h['budget']}×, met: {h['met']})"
        )
    lines += [
        f"indicators: DuckDB {ind.get('duckdb_s')} s, pandas {ind.get('pandas_s')} s, {ind.get('speedup')}×",
        f"import: {imp.get('rows')} rows in {imp.get('seconds')} s ({imp.get('rows_per_s')} rows/s), "
        f"peak {imp.get('peak_rss_mb')} MB, exit {imp.get('exit_code')}",
        f"map objects: {results.get('map_objects')}",
        f"cohorts: {results.get('cohorts')}",
        f"server peak RSS, 5 sessions: {results.get('server_peak_rss_mb')} MB",
    ]
    return "\n".join(lines)


PAGE_KEYS = ("first_s", "rerun_s", "province_s", "district_s", "sample_rerun_s", "ratio")
IMPORT_KEYS = ("rows", "seconds", "rows_per_s", "peak_rss_mb")


def _contract(results: dict[str, Any]) -> dict[str, Any]:
    """The JSON with exactly the agreed keys (errors, run notes and the fiscal-year change are
    printed, not stored)."""
    return {
        "pages": {name: {k: r.get(k) for k in PAGE_KEYS} for name, r in results.get("pages", {}).items()},
        "indicators": results.get("indicators", {}),
        "import": {k: results.get("import", {}).get(k) for k in IMPORT_KEYS},
        "map_objects": results.get("map_objects", {}),
        "server_peak_rss_mb": results.get("server_peak_rss_mb"),
    }


def _drop_if_other_layout(db: Path) -> None:
    """A store kept in ``--work`` from a run of another version is the bench's own copy: the
    one layout check (``data_loaders.store.layout``) refuses it, so it is built again, never read."""
    try:
        check_store(db)
    except StoreVersionError as exc:
        print(f"{exc}: rebuilding {db.name}", flush=True)
        db.unlink()


def main(argv: list[str] | None = None) -> int:
    logging.getLogger("streamlit").setLevel(logging.ERROR)  # AppTest outside a server is chatty
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=None, help="write the figures as JSON here")
    parser.add_argument(
        "--years", type=int, default=1, help="national fiscal years (default 1; the target is 5)"
    )
    parser.add_argument(
        "--quick", action="store_true", help=f"{QUICK_VILLAGES} villages a year: checks the bench runs"
    )
    parser.add_argument(
        "--work", type=Path, default=None, help="folder for the data and stores (default: a temp dir)"
    )
    parser.add_argument("--import-timeout", type=float, default=900, help="stop the import after this (s)")
    parser.add_argument("--page-timeout", type=float, default=300, help="AppTest timeout per run (s)")
    parser.add_argument(
        "--skip",
        nargs="*",
        default=[],
        choices=["import", "pages", "indicators", "map", "server", "cohorts", "history"],
        help="parts to skip",
    )
    args = parser.parse_args(argv)
    villages = QUICK_VILLAGES if args.quick else national.NATIONAL_VILLAGES
    with tempfile.TemporaryDirectory(prefix="sammachip-bench-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        data = work / f"national-{args.years}y-{villages}"
        if not (data / "reports.csv").exists():
            print(f"generating {args.years} year(s) × {villages} villages -> {data}", flush=True)
            national.generate(data, years=args.years, villages=villages)
        store = work / f"national-{args.years}y-{villages}.duckdb"
        for kept in (store, work / "sample.duckdb"):
            _drop_if_other_layout(kept)
        if not store.exists():
            print(f"building the page store {store}", flush=True)
            build_store(data, store)
        sample = work / "sample.duckdb"
        if not sample.exists():
            check_path(ROOT / "sample_data", sample, commit=True)
        results: dict[str, Any] = {}
        if "import" not in args.skip:
            print("import ...", flush=True)
            results["import"] = bench_import(data, work / "imported.duckdb", timeout=args.import_timeout)
        if "history" not in args.skip:  # data versions: 12 imports of 5% each, ≤ 1.6× the store
            print("history ...", flush=True)
            results["history"] = bench_history(data, work)
        if "pages" not in args.skip:
            print("pages ...", flush=True)
            results["pages"] = bench_pages(store, sample, timeout=args.page_timeout)
        if "indicators" not in args.skip:
            print("indicators ...", flush=True)
            results["indicators"] = bench_indicators(store)
        if "map" not in args.skip:
            results["map_objects"] = bench_map(store)
        if "cohorts" not in args.skip:
            print("cohorts ...", flush=True)
            results["cohorts"] = bench_cohorts(store)
        if "server" not in args.skip:
            print("server ...", flush=True)
            try:
                results["server_peak_rss_mb"] = bench_server(store)
            except Exception as exc:  # report, do not lose the other figures
                print(f"server: {type(exc).__name__}: {exc}", file=sys.stderr)
                results["server_peak_rss_mb"] = None
        results["meta"] = {
            "years": args.years,
            "villages_per_year": villages,
            "cpus": os.cpu_count(),
            "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "median_page_rerun_s": statistics.median(
                [p["rerun_s"] for p in results.get("pages", {}).values() if p.get("rerun_s")] or [0]
            ),
        }
        print(_table(results))
        if args.json:
            args.json.write_text(
                json.dumps(_contract(results), ensure_ascii=False, indent=2), encoding="utf-8"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
