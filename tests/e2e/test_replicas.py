"""Past one machine, proved on one (issue 10, item 8; ``docs/SCALING.md``).

Two dashboard servers, as two replicas would be, both serve one published snapshot: the same
store file, which they only read. One writer imports once on the command line; both replicas
then serve the new data, to the sessions they already had (on their next click) and to new
ones, as the browser shows it. Counts by hand (``tests/sample_parts.py``): the snapshot starts
with district 3017 (25 villages, 500 households; FY2560 and FY2561) and the import adds
district 3414 (17 more: 42 villages, 840 households).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import psutil

from bench.load import PAGES, SETTLED_JS
from bench.server import serve
from data_loaders.store.importer import check_path
from tests.e2e.conftest import ROOT
from tests.e2e.test_load import WAIT, _need_chromium
from tests.sample_parts import DISTRICT_3017, WHOLE_SAMPLE, in_district, overview_counts, write_part

OVERVIEW, PROGRESS = PAGES[0], PAGES[1]
LINKS = '[data-testid="stSidebar"] [data-testid="stPageLink"] a'


def _settle(page, title: str) -> None:
    page.wait_for_function(
        SETTLED_JS, arg={"title": title, "caption": None}, polling=100, timeout=WAIT * 1000
    )
    assert page.locator('[data-testid="stException"]').count() == 0


def _counts(page) -> tuple[int, int] | None:
    return overview_counts(page.locator('[data-testid="stMain"]').inner_text())


def _open(browser, url: str):
    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH").new_page()
    page.goto(url)
    _settle(page, OVERVIEW.title)
    return page


def _click_back_to_the_overview(page) -> None:
    """Two clicks in the same session (another page, then the overview again): two reruns."""
    page.locator(LINKS, has_text=PROGRESS.title).first.click()
    _settle(page, PROGRESS.title)
    page.locator(LINKS, has_text=OVERVIEW.title).first.click()
    _settle(page, OVERVIEW.title)


def _open_modes(server: psutil.Process, store: Path) -> list[int]:
    """How ``server`` holds the store file open: O_RDONLY (0), O_WRONLY (1) or O_RDWR (2) for
    each descriptor on it (also on a replaced copy it still reads, "… (deleted)")."""
    modes = []
    for fd in os.listdir(f"/proc/{server.pid}/fd"):
        try:
            target = os.readlink(f"/proc/{server.pid}/fd/{fd}")
            info = Path(f"/proc/{server.pid}/fdinfo/{fd}").read_text()
        except OSError:  # closed meanwhile
            continue
        if target.removesuffix(" (deleted)") == str(store):
            flags = next(line.split()[1] for line in info.splitlines() if line.startswith("flags:"))
            modes.append(int(flags, 8) & os.O_ACCMODE)
    return modes


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_two_replicas_on_one_published_snapshot_both_serve_one_import(tmp_path, browser):
    _need_chromium()
    published = tmp_path / "published"
    snapshot = published / "sammachip.duckdb"
    part_3017 = write_part(tmp_path / "3017", in_district("3017"), unplaced_reports=True)
    assert check_path(part_3017, snapshot, commit=True).committed
    part_3414 = write_part(tmp_path / "3414", in_district("3414"))
    before = _sha256(snapshot)
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    with (
        serve(snapshot, log=tmp_path / "one" / "streamlit.log") as (one, server_one),
        serve(snapshot, log=tmp_path / "two" / "streamlit.log") as (two, server_two),
    ):
        assert one != two
        old = {url: _open(browser, url) for url in (one, two)}
        try:
            for page in old.values():
                assert _counts(page) == DISTRICT_3017  # (25, 500)
            # Both replicas read the one file and neither writes it.
            for server in (server_one, server_two):
                modes = _open_modes(server, snapshot)
                assert modes and set(modes) == {os.O_RDONLY}, modes
            assert _sha256(snapshot) == before
            # One writer, one import, from the command line.
            load = subprocess.run(
                [sys.executable, "-m", "data_loaders", "load", str(part_3414), "--db", str(snapshot)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=WAIT,
                check=False,
            )
            assert load.returncode == 0, load.stdout + load.stderr
            assert _sha256(snapshot) != before
            for page in old.values():  # sessions that were open before the import
                _click_back_to_the_overview(page)
                assert _counts(page) == WHOLE_SAMPLE  # (42, 840)
            for url in (one, two):  # and new ones
                fresh = _open(browser, url)
                try:
                    assert _counts(fresh) == WHOLE_SAMPLE
                finally:
                    fresh.context.close()
            for server in (server_one, server_two):
                modes = _open_modes(server, snapshot)
                assert modes and set(modes) == {os.O_RDONLY}, modes
        finally:
            for page in old.values():
                page.context.close()
    assert sorted(p.name for p in published.iterdir() if not p.name.endswith(".lock")) == [snapshot.name]
