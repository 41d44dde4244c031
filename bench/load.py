"""``python -m bench.load --sessions 20 --seconds 60 [--db FILE] [--json FILE]``: many people on
one dashboard server.

Starts one real ``streamlit run app.py`` on 127.0.0.1 and a free port (against ``--db``, or a
fresh store built from ``sample_data/``), then drives ``--sessions`` browser sessions at once
for ``--seconds``: one Chromium (Playwright's async API, the system ``/usr/bin/chromium``) with a
context per session, so each is a separate person with its own Streamlit session. Every session
starts on a deep link, then keeps doing what officers do, with no pause between actions (the
worst case; ``--think`` adds a pause):

- ``first``: the session's first page, a deep link (often a cold cache on the server);
- ``link``: another page through the sidebar's page menu (the same session, filters kept);
- ``filter``: a province or district in the sidebar's selectbox;
- ``reset``: the sidebar's "clear filters" button;
- ``open``: a new tab on a deep link with filters in the URL (a new session).

After each action it waits until the page has *settled*, judged from the page itself (no fixed
waits): the new title or scope caption is drawn, Streamlit's script has stopped running
(``data-test-script-state``), nothing from the previous run is left stale, and every Plotly
chart has drawn. It counts as errors: a Streamlit exception box, an error alert (none is
expected while browsing), an HTTP status of 400 or more or a failed request from the
dashboard, a JavaScript error, and an action that does not settle within ``--timeout``.

It prints a table (settle times p50 and p95 per action, and for every action after the first
page, "steady"; errors; loads per session; the server's peak RSS and CPU, also per page once
every session is past its first; the browser's CPU; the load average, since the machine may
be shared) and writes the same as JSON with ``--json``. Exit 0: no error; 1: errors; 2: no
Chromium or no store. Requests that would
leave the machine (the map's basemap tiles) are refused by the browser, so the figures are the
dashboard's own. The browser runs on the same machine as the server and competes with it for
the cores: read the settle times as upper bounds. Not run by CI in full;
``tests/e2e/test_load.py`` runs 5 sessions for 15 s.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import json
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import psutil

from bench.__main__ import PeakRss
from bench.server import serve
from common.strings import text
from data_loaders.store.importer import check_path
from data_loaders.store.layout import StoreVersionError, check_store
from data_loaders.store.store import open_read_only, row_counts

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# Every host name but the dashboard's own resolves to nothing: the basemap tiles fail at once
# instead of waiting on the network, and nothing leaves the machine.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
KINDS = ("first", "open", "link", "filter", "reset")
CYCLE = ("link", "filter", "link", "reset", "link", "open")  # after the first page


@dataclass(frozen=True, slots=True)
class Page:
    """A dashboard page: its URL path (the overview is the root) and Thai title."""

    path: str
    title: str
    filtered: bool = True  # shows the scope caption (every page but Data)


PAGES = (
    Page("", text("page.overview", "th")),
    Page("progress", text("page.progress", "th")),
    Page("income", text("page.income", "th")),
    Page("trainers", text("page.trainers", "th")),
    Page("groups", text("page.groups", "th")),
    Page("indicators", text("page.indicators", "th")),
    Page("data", text("page.data", "th"), filtered=False),
)
PROVINCE_LABEL = text("filters.province", "th")
DISTRICT_LABEL = text("filters.district", "th")
RESET_LABEL = text("filters.reset", "th")
EVERYWHERE = text("scope.everywhere", "th")
# Error alerts that are content, not failures: the progress page's overdue-stages alarm.
EXPECTED_ALERTS = (text("progress.overdue_list", "th"),)
# On a deep link the browser first looks for the server under the page's path (a 404), then at
# the root: Streamlit's own probe, not a failure.
PROBES = ("/_stcore/health", "/_stcore/host-config")
GIVE_UP = 5  # failed actions in a row after which a session stops


@dataclass(frozen=True, slots=True)
class Places:
    """The provinces and districts a session can filter to: code -> Thai name, and each
    district's province."""

    provinces: dict[str, str]
    districts: dict[str, str]
    province_of: dict[str, str]

    @classmethod
    def from_store(cls, db: Path) -> Places:
        con = open_read_only(db)
        try:
            rows = con.execute(
                "SELECT DISTINCT province_code, province_name, district_code, district_name "
                "FROM villages ORDER BY district_code"
            ).fetchall()
        finally:
            con.close()
        return cls(
            provinces={p: pn for p, pn, _, _ in rows},
            districts={d: dn for _, _, d, dn in rows},
            province_of={d: p for p, _, d, _ in rows},
        )


@dataclass(slots=True)
class View:
    """What a session shows: the page and the place filters."""

    page: Page = PAGES[0]
    province: str | None = None
    district: str | None = None

    def caption(self, places: Places) -> str | None:
        """The start of the page's scope caption once it shows this view ("ขอบเขต: จังหวัด… ·
        อำเภอ… · " up to the date), so that any change of place changes it."""
        if not self.page.filtered:
            return None
        parts = []
        if self.province:
            parts.append(PROVINCE_LABEL + places.provinces[self.province])
        if self.district:
            parts.append(DISTRICT_LABEL + places.districts[self.district])
        return text("filters.scope_caption", "th", scope=" · ".join(parts or [EVERYWHERE]) + " · ")

    def query(self) -> dict[str, str]:
        return {k: v for k, v in (("province", self.province), ("district", self.district)) if v is not None}


@dataclass(slots=True)
class Step:
    """One action of one session and how long the page took to settle (seconds)."""

    session: int
    kind: str
    page: str
    query: dict[str, str]
    started: float  # time.monotonic() when the action began
    seconds: float | None = None  # None: it did not settle (an error says why)
    observed: Any = None  # what the ``observe`` hook read from the settled page


@dataclass(slots=True)
class Problem:
    session: int
    kind: str  # exception, error_alert, http, request_failed, page_error, timeout, action
    detail: str
    at: float = field(default_factory=time.monotonic)


@dataclass(slots=True)
class Report:
    """Everything a run measured (``to_json`` is the contract of ``--json``)."""

    sessions: int
    seconds: float
    steps: list[Step] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    server: dict[str, Any] = field(default_factory=dict)
    machine: dict[str, Any] = field(default_factory=dict)
    store: dict[str, Any] = field(default_factory=dict)
    finished: bool = False  # the sessions have all stopped
    changed: threading.Condition = field(default_factory=threading.Condition, repr=False)

    def add_step(self, step: Step) -> None:
        with self.changed:
            self.steps.append(step)
            self.changed.notify_all()

    def add_problem(self, problem: Problem) -> None:
        with self.changed:
            self.problems.append(problem)
            self.changed.notify_all()

    def finish(self) -> None:
        with self.changed:
            self.finished = True
            self.changed.notify_all()

    def wait(self, predicate: Callable[[list[Step]], bool], *, timeout: float) -> bool:
        """Block until ``predicate(steps)`` holds (True), the sessions stop or ``timeout``
        seconds pass (False): woken by every new step, never by polling."""
        with self.changed:
            return self.changed.wait_for(
                lambda: predicate(self.steps) or self.finished, timeout=timeout
            ) and predicate(self.steps)

    def settled(self) -> list[Step]:
        with self.changed:
            return [s for s in self.steps if s.seconds is not None]

    def loads_per_session(self) -> list[int]:
        done = self.settled()
        return [sum(1 for s in done if s.session == i) for i in range(self.sessions)]

    def timings(self) -> dict[str, dict[str, Any]]:
        done = self.settled()
        out = {}
        for kind in (*KINDS, "steady", "all"):
            # steady: every action but the first page of each session (cold caches at the start)
            wanted = {"all": KINDS, "steady": KINDS[1:]}.get(kind, (kind,))
            times = sorted(s.seconds for s in done if s.kind in wanted)  # type: ignore[misc]
            out[kind] = {
                "loads": len(times),
                "p50_s": _percentile(times, 50),
                "p95_s": _percentile(times, 95),
                "max_s": round(times[-1], 2) if times else None,
            }
        return out

    def to_json(self) -> dict[str, Any]:
        with self.changed:
            problems = list(self.problems)
        loads = self.loads_per_session()
        return {
            "sessions": self.sessions,
            "seconds": self.seconds,
            "settle": self.timings(),
            "loads_per_session": loads,
            "errors": [{"session": p.session, "kind": p.kind, "detail": p.detail} for p in problems],
            "server": self.server,
            "machine": self.machine,
            "store": self.store,
        }


def _percentile(sorted_values: list[float], q: float) -> float | None:
    """The q-th percentile (nearest rank) of already sorted values, rounded to 10 ms."""
    if not sorted_values:
        return None
    rank = max(1, -(-len(sorted_values) * q // 100))  # ceil(n q / 100), at least 1
    return round(sorted_values[int(rank) - 1], 2)


# --------------------------------------------------------------------------- settling

# True once the page shows `title` (and `caption`), the script run is over, nothing stale is
# left, no element is still loading its code (a skeleton) and every Plotly chart has drawn; "exception" as soon as a finished run shows one.
SETTLED_JS = """
({title, caption}) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return false;
  const idle = app.getAttribute('data-test-script-state') === 'notRunning'
    && app.getAttribute('data-test-connection-state') === 'CONNECTED';
  if (idle && document.querySelector('[data-testid="stException"]')) return 'exception';
  if (!idle) return false;
  const main = document.querySelector('[data-testid="stMain"]');
  const h1 = main && main.querySelector('h1');
  if (!h1 || !h1.textContent.includes(title)) return false;
  if (caption !== null) {
    const captions = [...main.querySelectorAll('[data-testid="stCaptionContainer"]')];
    if (!captions.some(c => c.textContent.includes(caption))) return false;
  }
  if (document.querySelector('[data-stale="true"], [data-testid="stSkeleton"]')) return false;
  for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
    if (!chart.querySelector('.main-svg')) return false;
  }
  return true;
}
"""


# --------------------------------------------------------------------------- sessions

Observe = Callable[[Any, Step], Awaitable[Any]]
Choose = Callable[[random.Random, View, int, Places], tuple[str, View]]


def mixed_plan(rng: random.Random, view: View, index: int, places: Places) -> tuple[str, View]:
    """The next action and the view it leads to: the ``CYCLE`` of actions (each session starts
    at a different point of it), each aimed at a random page or place."""
    kind = CYCLE[index % len(CYCLE)]
    if kind == "reset" and not (view.province or view.district):
        kind = "filter"  # nothing to clear: a reset would not change the page
    if kind == "filter" and not view.page.filtered:
        kind = "link"  # the Data page has no scope to show the change
    if kind == "link":
        page = rng.choice([p for p in PAGES if p != view.page])
        return kind, dataclasses.replace(view, page=page)
    if kind == "reset":
        return kind, View(page=view.page)
    if kind == "filter":
        return kind, _other_place(rng, view, places)
    page = rng.choice(PAGES)  # open: a deep link, maybe with a place
    district = rng.choice([None, *places.districts])
    province = places.province_of[district] if district and rng.random() < 0.5 else None
    if district is None and rng.random() < 0.5:
        province = rng.choice(list(places.provinces))
    return kind, View(page=page, province=province, district=district)


def _other_place(rng: random.Random, view: View, places: Places) -> View:
    """A different province, or a different district (within the chosen province, if any)."""
    districts = [
        d for d in places.districts if d != view.district and view.province in (None, places.province_of[d])
    ]
    provinces = [p for p in places.provinces if p != view.province]
    if districts and (not provinces or rng.random() < 0.6):
        return dataclasses.replace(view, district=rng.choice(districts))
    province = rng.choice(provinces)
    district = view.district if view.district and places.province_of[view.district] == province else None
    return dataclasses.replace(view, province=province, district=district)


class Session:
    """One person: a browser context, its page, and the loop of actions."""

    def __init__(self, index: int, url: str, report: Report, *, timeout: float) -> None:
        self.index, self.url, self.report, self.timeout = index, url, report, timeout
        self.origin = urlsplit(url).netloc
        self.page: Any = None

    def _problem(self, kind: str, detail: str) -> None:
        self.report.add_problem(Problem(self.index, kind, detail[:500]))

    def _watch(self, page: Any) -> None:
        def response(r: Any) -> None:
            url = urlsplit(r.url)
            probe = r.status == 404 and url.path.endswith(PROBES) and url.path not in PROBES
            if r.status >= 400 and url.netloc == self.origin and not probe:
                self._problem("http", f"{r.status} {r.request.method} {r.url}")

        def failed(r: Any) -> None:
            failure = r.failure or ""
            # A navigation cancels the old page's requests (ERR_ABORTED): that is not a failure.
            if urlsplit(r.url).netloc == self.origin and "ERR_ABORTED" not in failure:
                self._problem("request_failed", f"{failure} {r.method} {r.url}")

        page.on("response", response)
        page.on("requestfailed", failed)
        page.on("pageerror", lambda e: self._problem("page_error", str(e)))

    async def start(self, browser: Any) -> None:
        context = await browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
        self.page = await context.new_page()
        self._watch(self.page)

    async def close(self) -> None:
        if self.page is not None:
            with contextlib.suppress(Exception):
                await self.page.context.close()

    async def act(self, kind: str, view: View, target: View, places: Places) -> None:
        """Do the action that turns ``view`` into ``target``."""
        page = self.page
        sidebar = page.locator('[data-testid="stSidebar"]')
        ms = self.timeout * 1000
        if kind in ("first", "open"):
            query = urlencode(target.query())
            await page.goto(f"{self.url}/{target.page.path}" + (f"?{query}" if query else ""), timeout=ms)
        elif kind == "link":
            link = sidebar.locator('[data-testid="stPageLink"] a', has_text=target.page.title)
            await link.first.click(timeout=ms)
        elif kind == "reset":
            await sidebar.get_by_role("button", name=RESET_LABEL).click(timeout=ms)
        elif target.province != view.province:  # a district outside it falls back to All
            await self._choose(PROVINCE_LABEL, places.provinces[target.province or ""], ms)
        else:
            await self._choose(DISTRICT_LABEL, places.districts[target.district or ""], ms)

    async def _choose(self, label: str, name: str, ms: float) -> None:
        """Pick ``name`` in the sidebar selectbox ``label``: open it, type to narrow the list
        (long lists are virtual), click the option."""
        page = self.page
        box = page.locator(f'[data-testid="stSidebar"] input[aria-label="{label}"]')
        await box.click(timeout=ms)
        await box.fill(name, timeout=ms)
        await page.get_by_role("option", name=name, exact=True).first.click(timeout=ms)

    async def settle(self, target: View, places: Places) -> bool:
        """Wait until the page shows ``target``; False (with a problem) if it does not."""
        page = self.page
        try:
            handle = await page.wait_for_function(
                SETTLED_JS,
                arg={"title": target.page.title, "caption": target.caption(places)},
                polling=100,
                timeout=self.timeout * 1000,
            )
            state = await handle.json_value()
        except Exception as exc:  # Playwright's TimeoutError, or the page went away
            self._problem("timeout", f"{target.page.path or 'overview'} {target.query()}: {exc!s:.200}")
            return False
        failed = False
        if state == "exception":
            detail = await page.locator('[data-testid="stException"]').first.inner_text()
            self._problem("exception", f"{target.page.path or 'overview'} {target.query()}: {detail}")
            failed = True
        for alert in await page.locator('[data-testid="stAlertContentError"]').all_inner_texts():
            if not any(phrase in alert for phrase in EXPECTED_ALERTS):
                self._problem("error_alert", f"{target.page.path or 'overview'}: {alert}")
                failed = True
        return not failed

    async def run(
        self,
        places: Places,
        *,
        until: Callable[[], bool],
        min_actions: int,
        seed: int,
        think: float,
        choose: Choose,
        observe: Observe | None,
    ) -> None:
        rng = random.Random(seed * 1_000 + self.index)
        view = View(page=PAGES[self.index % len(PAGES)])
        kind, target, done, failed = "first", view, 0, 0
        while True:
            step = Step(self.index, kind, target.page.path, target.query(), time.monotonic())
            try:
                await self.act(kind, view, target, places)
                ok = await self.settle(target, places)
            except Exception as exc:  # a click that found nothing, a navigation that failed
                self._problem("action", f"{kind} -> {target.page.path or 'overview'}: {exc!r:.300}")
                ok = False
            if ok:
                step.seconds = time.monotonic() - step.started
                if observe is not None:
                    step.observed = await observe(self.page, step)
                view = target
                done += 1
            self.report.add_step(step)
            failed = 0 if ok else failed + 1
            if failed >= GIVE_UP:
                self._problem("gave_up", f"{failed} failed actions in a row")
                return
            if until() and (done >= min_actions or failed):
                return
            if think:
                await asyncio.sleep(think * rng.uniform(0.5, 1.5))  # pacing, not synchronisation
            if ok:
                kind, target = choose(rng, view, done + self.index, places)
            else:  # start afresh, as a person would reload
                kind, target = "open", View(page=view.page)


async def drive(
    url: str,
    places: Places,
    report: Report,
    *,
    sessions: int,
    until: Callable[[], bool],
    min_actions: int = 3,
    seed: int = 1,
    think: float = 0.0,
    timeout: float = 120.0,
    choose: Choose = mixed_plan,
    observe: Observe | None = None,
) -> None:
    """Run ``sessions`` sessions against ``url`` until ``until()`` is true and each has done
    ``min_actions`` settled actions."""
    from playwright.async_api import async_playwright

    try:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            try:
                people = [Session(i, url, report, timeout=timeout) for i in range(sessions)]
                await asyncio.gather(*(s.start(browser) for s in people))
                await asyncio.gather(
                    *(
                        s.run(
                            places,
                            until=until,
                            min_actions=min_actions,
                            seed=seed,
                            think=think,
                            choose=choose,
                            observe=observe,
                        )
                        for s in people
                    )
                )
                await asyncio.gather(*(s.close() for s in people))
            finally:
                await browser.close()
    finally:
        report.finish()  # wakes whoever waits on the report


class Background:
    """:func:`drive` in a thread of its own (its own event loop), so a caller that already runs
    one, such as a test holding a sync Playwright browser, can start it; ``stop`` ends it."""

    def __init__(self, url: str, places: Places, *, sessions: int, **options: Any) -> None:
        self.report = Report(sessions=sessions, seconds=0)
        self._stop = threading.Event()
        self._error: BaseException | None = None

        def target() -> None:
            try:
                asyncio.run(
                    drive(
                        url,
                        places,
                        self.report,
                        sessions=sessions,
                        until=self._stop.is_set,
                        **options,
                    )
                )
            except BaseException as exc:  # handed to the caller by stop()
                self._error = exc
            finally:
                self.report.finish()

        self._thread = threading.Thread(target=target, name="bench-load", daemon=True)

    def __enter__(self) -> Background:
        self.started = time.monotonic()
        self._thread.start()
        return self

    def stop(self, *, timeout: float = 300) -> Report:
        self._stop.set()
        self._thread.join(timeout)
        if self._thread.is_alive():
            msg = f"the browser sessions did not stop within {timeout:.0f} s"
            raise TimeoutError(msg)
        if self._error is not None:
            raise self._error
        self.report.seconds = round(time.monotonic() - self.started, 1)
        return self.report

    def __exit__(self, *exc: object) -> None:
        if self._thread.is_alive():
            with contextlib.suppress(Exception):
                self.stop()


# --------------------------------------------------------------------------- the server


def _cpu_seconds(proc: psutil.Process) -> float:
    times = proc.cpu_times()
    return times.user + times.system


def _reaped_children_cpu_seconds() -> float:
    """CPU seconds of this process's children that have ended and been waited for: after the
    browser closes, the Playwright driver and every Chromium process it started (the server,
    still running, is not among them)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(
    db: Path,
    *,
    sessions: int,
    seconds: float,
    min_actions: int = 3,
    seed: int = 1,
    think: float = 0.0,
    timeout: float = 120.0,
    log: Path,
) -> Report:
    """Start a server on ``db``, drive the sessions for ``seconds``, stop it; the report."""
    places = Places.from_store(db)
    con = open_read_only(db)
    try:
        counts = row_counts(con)
    finally:
        con.close()
    report = Report(sessions=sessions, seconds=seconds)
    report.store = {"path": str(db), "villages": counts["villages"], "households": counts["households"]}
    report.machine = {
        "cpus": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    with serve(db, log=log) as (url, server), PeakRss(server.pid, every=0.2) as peak:
        idle_rss = server.memory_info().rss / 2**20
        cpu_before, browser_before = _cpu_seconds(server), _reaped_children_cpu_seconds()
        start = time.monotonic()
        deadline = start + seconds
        # The server's CPU once every session has its first page: what follows is the steady
        # cost of a click, without the cold caches and the new sessions of the start.
        warm: dict[str, float] = {}

        def firsts_done(steps: list[Step]) -> bool:
            return sum(1 for s in steps if s.kind == "first" and s.seconds is not None) >= sessions

        def note_warm() -> None:
            if report.wait(firsts_done, timeout=seconds + 10 * timeout):
                warm["cpu"], warm["loads"] = _cpu_seconds(server), len(report.settled())

        watcher = threading.Thread(target=note_warm, daemon=True)
        watcher.start()
        asyncio.run(
            drive(
                url,
                places,
                report,
                sessions=sessions,
                until=lambda: time.monotonic() >= deadline,
                min_actions=min_actions,
                seed=seed,
                think=think,
                timeout=timeout,
            )
        )
        wall = time.monotonic() - start
        watcher.join()
        cpu_after, loads = _cpu_seconds(server), len(report.settled())
        server_cpu = cpu_after - cpu_before
        steady_loads = loads - warm.get("loads", loads)
        browser_cpu = _reaped_children_cpu_seconds() - browser_before
        report.server = {
            "idle_rss_mb": round(idle_rss),
            "peak_rss_mb": round(max(peak.peak, idle_rss)),
            "cpu_s": round(server_cpu, 1),
            "wall_s": round(wall, 1),
            "cores_used": round(server_cpu / wall, 2),
            "cpu_s_per_load": round(server_cpu / max(1, loads), 3),
            "cpu_s_per_steady_load": round((cpu_after - warm["cpu"]) / steady_loads, 3)
            if steady_loads
            else None,
            "browser_cpu_s": round(browser_cpu, 1),
        }
    report.machine["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    return report


def table(report: Report) -> str:
    data = report.to_json()
    store, server, machine = data["store"], data["server"], data["machine"]
    lines = [
        f"{data['sessions']} sessions × {data['seconds']:g} s on one server · store: "
        f"{store.get('villages')} villages, {store.get('households')} households · "
        f"{machine.get('cpus')} CPUs, load average {machine.get('load_average_before')} before, "
        f"{machine.get('load_average_after')} after",
        "action   loads   p50_s   p95_s   max_s",
    ]
    for kind, row in data["settle"].items():
        cells = [row["loads"], row["p50_s"], row["p95_s"], row["max_s"]]
        lines.append(f"{kind:<8}" + "".join(f"{'-' if c is None else c:>8}" for c in cells))
    loads = data["loads_per_session"]
    if loads:
        lines.append(
            f"loads per session: min {min(loads)}, median {statistics.median(loads):g}, max {max(loads)}"
        )
    lines.append(
        f"server: peak RSS {server.get('peak_rss_mb')} MB (idle {server.get('idle_rss_mb')} MB), "
        f"CPU {server.get('cpu_s')} s in {server.get('wall_s')} s ({server.get('cores_used')} cores, "
        f"{server.get('cpu_s_per_load')} s a load, {server.get('cpu_s_per_steady_load')} s once every "
        f"session had its first page); browser CPU {server.get('browser_cpu_s')} s"
    )
    errors = data["errors"]
    lines.append(f"errors: {len(errors)}")
    lines += [f"  session {e['session']} {e['kind']}: {e['detail'][:200]}" for e in errors[:20]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, help="browser sessions at once (default 20)")
    parser.add_argument("--seconds", type=float, default=60, help="how long they keep acting (default 60)")
    parser.add_argument("--db", type=Path, default=None, help="the store (default: built from sample_data/)")
    parser.add_argument("--json", type=Path, default=None, help="write the figures as JSON here")
    parser.add_argument(
        "--min-actions", type=int, default=3, help="settled actions each session does at least (default 3)"
    )
    parser.add_argument("--seed", type=int, default=1, help="the sessions' choices (default 1)")
    parser.add_argument("--think", type=float, default=0.0, help="mean pause between actions, s (default 0)")
    parser.add_argument("--timeout", type=float, default=120.0, help="an action settles within this (s)")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"no Chromium at {CHROMIUM}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="sammachip-load-") as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "sample.duckdb"
            if not check_path(ROOT / "sample_data", db, commit=True).committed:
                print("the sample data does not import", file=sys.stderr)
                return 2
        elif not db.exists():
            print(f"no store at {db}", file=sys.stderr)
            return 2
        try:  # the one layout check every program makes before reading the store
            check_store(db)
        except StoreVersionError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        log = Path(tmp) / "streamlit.log"
        try:
            report = run(
                db,
                sessions=args.sessions,
                seconds=args.seconds,
                min_actions=args.min_actions,
                seed=args.seed,
                think=args.think,
                timeout=args.timeout,
                log=log,
            )
        finally:
            if log.exists() and args.json:  # keep the server's log beside the figures
                shutil.copyfile(log, args.json.with_suffix(".server.log"))
    print(table(report))
    if args.json:
        args.json.write_text(json.dumps(report.to_json(), ensure_ascii=False, indent=2), encoding="utf-8")
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
