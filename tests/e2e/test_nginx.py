"""Two replicas behind a real load balancer (issue 18, item 5; ``docs/SCALING.md``).

nginx runs ``deploy/nginx.conf`` itself, with only its listen address and the two replica
addresses replaced by free ports, in front of two ``streamlit run app.py`` servers. Each
replica serves its own local copy of the store, brought there by ``python -m data_loaders
sync`` from a folder that the writer fills with ``python -m data_loaders publish``.

Two browser sessions, one on each replica: the first gets its route cookie from nginx, the
second is given a cookie value that nginx sends to the other replica (found by asking nginx).
nginx's access log names, for every request, the replica that served it and the browser's
route, so the test reads from it that each session stayed on its replica across page switches
and a reload, websocket included. Then one import, one publish and a sync on each replica: the
next click on each session shows the new data, with no error on any page and no server error
(5xx) in nginx's log.

Counts by hand (``tests/sample_parts.py``): the store starts with district 3017 (19 villages,
380 households) and the import adds district 3414 (13 more: 32 villages, 640 households).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.server import HEALTH, free_port, serve, stop, wait_healthy
from data_loaders.store.importer import check_path
from tests.e2e.conftest import ROOT
from tests.e2e.test_load import WAIT, _need_chromium
from tests.e2e.test_replicas import (
    LINKS,
    OVERVIEW,
    PROGRESS,
    _click_back_to_the_overview,
    _counts,
    _open_modes,
    _settle,
)
from tests.sample_parts import DISTRICT_3017, WHOLE_SAMPLE, in_district, write_part

CONF = ROOT / "deploy" / "nginx.conf"
# The addresses deploy/nginx.conf is written with, each replaced by a free port here.
LISTEN = "127.0.0.1:8080"
REPLICAS = ("127.0.0.1:8501", "127.0.0.1:8502")
COOKIE = "sammachip_route"
POLL = 0.1  # seconds between two reads of the access log while waiting for a line


def _nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is missing in CI: .ci/run must install it (scripts/system-deps.sh)")
        pytest.skip("nginx is not installed on this machine (run scripts/system-deps.sh)")
    return found


def _config(port: int, replicas: tuple[str, str]) -> str:
    """deploy/nginx.conf with the listen address and the replicas' addresses replaced."""
    conf = CONF.read_text(encoding="utf-8")
    for address in (LISTEN, *REPLICAS):
        assert conf.count(address) == 1, f"deploy/nginx.conf must name {address} exactly once"
    conf = conf.replace(LISTEN, f"127.0.0.1:{port}")
    for old, new in zip(REPLICAS, replicas, strict=True):
        conf = conf.replace(old, new)
    return conf


@contextlib.contextmanager
def _nginx(prefix: Path, replicas: tuple[str, str]) -> Iterator[str]:
    """nginx in the foreground with its own prefix (pid, logs, temporary files); yields its URL."""
    binary = _nginx_binary()
    port = free_port()
    prefix.mkdir()
    conf = prefix / "nginx.conf"
    conf.write_text(_config(port, replicas), encoding="utf-8")
    command = [binary, "-p", f"{prefix}/", "-c", str(conf), "-e", "stderr", "-g", "daemon off;"]
    with open(prefix / "nginx.out", "w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_healthy(url, timeout=60, process=process)
        except Exception as exc:
            exc.add_note(f"nginx's output: {(prefix / 'nginx.out').read_text()}")
            raise
        yield url
    finally:
        stop(process)


def _log(prefix: Path) -> list[tuple[str, int, str, str]]:
    """nginx's access log (format ``replicas`` of deploy/nginx.conf) as (request, status,
    upstream, route) per line."""
    rows = []
    for line in (prefix / "access.log").read_text(encoding="utf-8").splitlines():
        head, route = line.rsplit(" route=", 1)
        head, upstream = head.rsplit(" upstream=", 1)
        request, rest = head.split('"', 1)[1].rsplit('"', 1)
        rows.append((request, int(rest.split()[0]), upstream, route))
    return rows


def _wait_for_lines(prefix: Path, route: str, *, streams: int = 0) -> list[tuple[str, int, str, str]]:
    """The log lines of ``route`` once there is one (and ``streams`` closed websockets): nginx
    writes a line when a request ends, maybe a moment after the client has its answer."""
    deadline = time.monotonic() + WAIT
    while True:
        lines = [row for row in _log(prefix) if row[3] == route]
        if lines and sum("/_stcore/stream" in row[0] for row in lines) >= streams:
            return lines
        if time.monotonic() > deadline:
            msg = f"nginx logged no request (or fewer than {streams} websockets) for route {route}: {lines}"
            raise TimeoutError(msg)
        time.sleep(POLL)


def _route_to(url: str, prefix: Path, upstream: str) -> str:
    """A route cookie value that nginx sends to ``upstream``, found by asking it."""
    for n in range(64):  # each value goes to either replica: 64 misses in a row would be 2**-64
        value = f"probe{n}"
        request = urllib.request.Request(f"{url}{HEALTH}", headers={"Cookie": f"{COOKIE}={value}"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert answer.status == 200
        if _wait_for_lines(prefix, value)[-1][2] == upstream:
            return value
    msg = f"no route cookie value went to {upstream}"
    raise AssertionError(msg)


def _run(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "data_loaders", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=WAIT,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_two_replicas_behind_nginx_keep_their_sessions_and_both_serve_a_published_import(tmp_path, browser):
    _need_chromium()
    _nginx_binary()
    writer, published = tmp_path / "writer.duckdb", tmp_path / "published"
    published.mkdir()
    locals_ = (tmp_path / "one" / "store.duckdb", tmp_path / "two" / "store.duckdb")
    part_3017 = write_part(tmp_path / "3017", in_district("3017"), unplaced_reports=True)
    assert check_path(part_3017, writer, commit=True).committed
    part_3414 = write_part(tmp_path / "3414", in_district("3414"))
    _run("publish", "--db", str(writer), "--to", str(published))  # import #1
    for local in locals_:
        local.parent.mkdir()
        assert "#1" in _run("sync", "--from", str(published), "--to", str(local))
    prefix = tmp_path / "nginx"
    replicas: set[str] = set()
    with (
        serve(locals_[0], log=locals_[0].parent / "streamlit.log") as (one, server_one),
        serve(locals_[1], log=locals_[1].parent / "streamlit.log") as (two, server_two),
        _nginx(prefix, (one.removeprefix("http://"), two.removeprefix("http://"))) as url,
    ):
        replicas.update((one.removeprefix("http://"), two.removeprefix("http://")))
        sessions = {}  # route cookie value -> page
        contexts = []
        try:
            # The first browser gets its route from nginx.
            contexts.append(browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH"))
            first = contexts[-1].new_page()
            first.goto(url)
            _settle(first, OVERVIEW.title)
            route = next(c["value"] for c in first.context.cookies() if c["name"] == COOKIE)
            sessions[route] = first
            upstream = {route: _wait_for_lines(prefix, route)[0][2]}
            # The second is given a route that nginx sends to the other replica.
            other = next(iter(replicas - {upstream[route]}))
            value = _route_to(url, prefix, other)
            contexts.append(browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH"))
            contexts[-1].add_cookies([{"name": COOKIE, "value": value, "url": url}])
            second = contexts[-1].new_page()
            second.goto(url)
            _settle(second, OVERVIEW.title)
            sessions[value] = second
            upstream[value] = other
            for page in sessions.values():
                assert _counts(page) == DISTRICT_3017  # (19, 380)
                _click_back_to_the_overview(page)  # page switches on the session's websocket
                page.goto(f"{url}/{PROGRESS.path}")  # a reload: new requests, a new websocket
                _settle(page, PROGRESS.title)
                page.locator(LINKS, has_text=OVERVIEW.title).first.click()
                _settle(page, OVERVIEW.title)
                assert _counts(page) == DISTRICT_3017
            # Each replica reads its own local copy, read-only, and not the other's.
            for server, mine, theirs in ((server_one, *locals_), (server_two, *reversed(locals_))):
                assert set(_open_modes(server, mine)) == {os.O_RDONLY}
                assert _open_modes(server, theirs) == []
            # One import, one publish, a sync on each replica.
            _run("load", str(part_3414), "--db", str(writer))  # import #2
            _run("publish", "--db", str(writer), "--to", str(published))
            for local in locals_:
                assert "#2" in _run("sync", "--from", str(published), "--to", str(local))
            for page in sessions.values():  # the next click shows the new data
                _click_back_to_the_overview(page)
                assert _counts(page) == WHOLE_SAMPLE  # (32, 640)
        finally:
            for context in contexts:
                context.close()
        # Closed websockets are logged now: two per session (the first load and the reload).
        for route, served_by in upstream.items():
            lines = _wait_for_lines(prefix, route, streams=2)
            assert {row[2] for row in lines} == {served_by}, lines  # the session stayed on its replica
            streams = [row for row in lines if "/_stcore/stream" in row[0]]
            assert {row[1] for row in streams} == {101}, streams  # websockets upgraded through nginx
        assert set(upstream.values()) == replicas  # one session on each
        assert [row for row in _log(prefix) if row[1] >= 500] == []
    assert (published / "current").read_text(encoding="utf-8") == "sammachip-2.duckdb\n"
    assert sorted(p.name for p in published.iterdir()) == [
        "current",
        "sammachip-1.duckdb",
        "sammachip-2.duckdb",
    ]
