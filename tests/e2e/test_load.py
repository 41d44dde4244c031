"""Many sessions on one server, and imports while they read (issue 10, item 7).

- ``python -m bench.load`` with 5 sessions for 15 s on the sample: no error of any kind, and
  every session settled at least ``MIN_ACTIONS`` pages. Nothing here is timed.
- Readers keep switching pages while (a) ``python -m data_loaders load`` runs on the command
  line and then (b) an upload is imported on the Data page in another browser. Each import
  adds villages, so the overview's counts move A → B → C; every count a reader sees must be one
  of those three whole states, in that order, and after each import every reader shows the
  new one. A torn read (villages of one state with households of another), a half-written
  store or a page that fails while the file is swapped all break the test.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.load import PAGES, SETTLED_JS, Background, Places, Step, View
from common.strings import text
from data_loaders.store.importer import check_path
from data_loaders.store.store import open_read_only, row_counts
from tests.e2e.conftest import CHROMIUM, ROOT, running_server
from tests.sample_parts import (
    DISTRICT_3017,
    WHOLE_SAMPLE,
    WITH_3414_FIRST_HALF,
    first_half_3414,
    in_district,
    overview_counts,
    second_half_3414,
    write_part,
    zip_folder,
)

SESSIONS, SECONDS, MIN_ACTIONS = 5, 15, 3
READERS = 2
WAIT = 180  # seconds: a deadline for something to happen, never a duration asserted
OVERVIEW = PAGES[0]


def _need_chromium() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: .ci/run must install it (scripts/system-deps.sh)")
        pytest.skip("no /usr/bin/chromium on this machine (run scripts/system-deps.sh)")


def test_five_sessions_for_fifteen_seconds_without_an_error(tmp_path):
    _need_chromium()
    out = tmp_path / "load.json"
    command = [
        sys.executable,
        "-m",
        "bench.load",
        "--sessions",
        str(SESSIONS),
        "--seconds",
        str(SECONDS),
        "--min-actions",
        str(MIN_ACTIONS),
        "--json",
        str(out),
        "--timeout",
        str(WAIT),
    ]  # no --db: the script builds its own store from sample_data/
    # Its own process group, so that its server and browser go too if it has to be stopped.
    script = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )
    try:
        output, _ = script.communicate(timeout=600)
    finally:
        if script.poll() is None:
            os.killpg(script.pid, signal.SIGKILL)
            script.wait()
    assert out.exists(), output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["errors"] == [], output
    assert script.returncode == 0, output
    assert report["sessions"] == SESSIONS
    assert (report["store"]["villages"], report["store"]["households"]) == (
        42,
        840,
    )  # the sample: 32 + 10 villages (FY2560 + FY2561)
    loads = report["loads_per_session"]
    assert len(loads) == SESSIONS and min(loads) >= MIN_ACTIONS, loads
    settle = report["settle"]
    assert settle["all"]["loads"] == sum(loads)
    # Each session starts on a deep link; its next actions, from its own point of the cycle
    # link, filter, link, reset, …, include at least one in-session page switch and one filter
    # (session 0 starts on the overview and filters next; session 3 clicks a link next).
    assert settle["first"]["loads"] == SESSIONS
    assert settle["link"]["loads"] > 0 and settle["filter"]["loads"] > 0, settle
    assert settle["all"]["p50_s"] is not None and settle["all"]["p95_s"] >= settle["all"]["p50_s"]
    assert report["server"]["peak_rss_mb"] >= report["server"]["idle_rss_mb"] > 0
    assert "p95_s" in output and "errors: 0" in output


# --------------------------------------------------------------------------- import while serving


def overview_and_back(rng, view: View, index: int, places: Places) -> tuple[str, View]:
    """Readers: the overview (where the counts are) every other action, another page between;
    every fifth action opens the overview as a new session instead of clicking."""
    if view.page != OVERVIEW:
        return ("open" if index % 5 == 4 else "link"), View(page=OVERVIEW)
    return "link", View(page=rng.choice(PAGES[1:]))


async def read_counts(page, step: Step):
    """(villages, households) on a settled overview (what it shows instead, if not); other
    pages observe nothing."""
    if step.page != OVERVIEW.path:
        return None
    main = await page.locator('[data-testid="stMain"]').inner_text()
    return overview_counts(main) or f"no counts on the overview: {main[:1000]}"


def _seen(steps: list[Step]) -> list[Step]:
    return [s for s in steps if s.seconds is not None and s.page == OVERVIEW.path]


def _every_reader_saw_overview_since(moment: float):
    def ready(steps: list[Step]) -> bool:
        return {s.session for s in _seen(steps) if s.started >= moment} == set(range(READERS))

    return ready


@pytest.fixture
def parts(tmp_path) -> dict[str, Path]:
    """District 3017 (state A), then 3414's first half as a CSV folder for the command line
    (A → B), then its second half as a .zip for the Data page (B → C, the whole sample)."""
    return {
        "a": write_part(tmp_path / "a_3017", in_district("3017"), unplaced_reports=True),
        "b": write_part(tmp_path / "b_3414_first", first_half_3414),
        "c": zip_folder(write_part(tmp_path / "c_3414_second", second_half_3414)),
    }


def _upload_and_confirm(page, url: str, archive: Path) -> None:
    """On the Data page: upload ``archive``, wait for its check, tick the confirmation."""
    page.goto(f"{url}/data")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(archive))
    confirm = page.get_by_text(text("data.confirm", "th"))
    refused = page.locator('[data-testid="stAlertContentError"], [data-testid="stException"]')
    confirm.or_(refused).first.wait_for(timeout=WAIT * 1000)
    assert refused.count() == 0, refused.first.inner_text()
    confirm.click()


def _import(page, *, import_id: int) -> tuple[float, float]:
    """Click import; (when it was clicked, when the page said it was done), then the
    uploader's own overview must show the whole sample."""
    button = page.locator('[data-testid="stBaseButton-primary"]', has_text=text("data.import", "th"))
    started = time.monotonic()
    button.click(timeout=WAIT * 1000)  # waits for the confirmation to enable it
    page.get_by_text(text("data.imported", "th", id=import_id)).wait_for(timeout=WAIT * 1000)
    finished = time.monotonic()
    assert page.locator('[data-testid="stException"]').count() == 0
    page.locator('[data-testid="stSidebar"] [data-testid="stPageLink"] a', has_text=OVERVIEW.title).click()
    page.wait_for_function(
        SETTLED_JS, arg={"title": OVERVIEW.title, "caption": None}, polling=100, timeout=WAIT * 1000
    )
    assert overview_counts(page.locator('[data-testid="stMain"]').inner_text()) == WHOLE_SAMPLE
    return started, finished


def test_readers_see_only_whole_imports_while_the_store_changes(tmp_path, parts, browser):
    _need_chromium()
    db = tmp_path / "store.duckdb"
    assert check_path(parts["a"], db, commit=True).committed
    a, b, c = DISTRICT_3017, WITH_3414_FIRST_HALF, WHOLE_SAMPLE  # (25, 500), (33, 660), (42, 840)
    order = {a: 0, b: 1, c: 2}
    with running_server(db, tmp_path) as url:
        readers = Background(
            url,
            Places.from_store(db),
            sessions=READERS,
            choose=overview_and_back,
            observe=read_counts,
            min_actions=0,
            timeout=WAIT,
        )
        with readers:
            report = readers.report
            assert report.wait(_every_reader_saw_overview_since(0), timeout=WAIT), report.problems
            uploader = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
            # (a) The command line imports 3414's first half; meanwhile an officer uploads the
            # second half on the Data page, whose check reads the store as the file is swapped.
            cli_started = time.monotonic()
            cli = subprocess.Popen(
                [sys.executable, "-m", "data_loaders", "load", str(parts["b"]), "--db", str(db)],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            try:
                page = uploader.new_page()
                _upload_and_confirm(page, url, parts["c"])
                output, _ = cli.communicate(timeout=WAIT)
                cli_finished = time.monotonic()
                assert cli.returncode == 0, output
                assert report.wait(_every_reader_saw_overview_since(cli_finished), timeout=WAIT), (
                    report.problems
                )
                # (b) The officer imports: import 3 (1 built the store, 2 was the command line).
                ui_started, ui_finished = _import(page, import_id=3)
            finally:
                cli.kill()  # if it is still running after a failure
                cli.wait()
                uploader.close()
            assert report.wait(_every_reader_saw_overview_since(ui_finished), timeout=WAIT), report.problems
            report = readers.stop()
    assert [(p.session, p.kind, p.detail) for p in report.problems] == []
    seen = sorted(_seen(report.steps), key=lambda s: s.started)
    # What a reader may see, by when its page was asked for: the state before an import,
    # either state while the file is swapped, the new state once the import has returned.
    windows = [
        (cli_started, {a}),
        (cli_finished, {a, b}),
        (ui_started, {b}),
        (ui_finished, {b, c}),
        (float("inf"), {c}),
    ]
    for step in seen:
        allowed = next(states for end, states in windows if step.started < end)
        assert step.observed in allowed, (step, allowed)
    for reader in range(READERS):
        states = [order[s.observed] for s in seen if s.session == reader]
        assert states == sorted(states), (reader, states)  # never back to an older state
        assert states[-1] == order[c]
    con = open_read_only(db)
    try:
        assert (row_counts(con)["villages"], row_counts(con)["households"]) == c
    finally:
        con.close()
