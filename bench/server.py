"""Start the real dashboard (``streamlit run app.py``) on 127.0.0.1 for a benchmark or a test.

One place for what ``python -m bench``, ``python -m bench.load`` and the browser tests all
need:

- :func:`free_port`: a TCP port on 127.0.0.1 that nothing listens on;
- :func:`wait_healthy`: wait until a URL answers 200 (Streamlit's ``/_stcore/health`` by
  default), giving up after ``timeout`` seconds or when the process behind it has ended;
- :func:`stop`: end a child process, politely first;
- :func:`serve`: a context manager that starts the dashboard against a store on a free (or
  given) port, with extra environment variables and command-line options, waits until it is
  healthy, yields ``(url, process)`` and stops it on exit.

The server's settings besides the port are those of ``.streamlit/config.toml`` and are also
given on the command line (headless, 127.0.0.1, no usage statistics), so that a test does not
depend on the file.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
HOST = "127.0.0.1"
HEALTH = "/_stcore/health"
POLL = 0.3  # seconds between two health checks


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free now (the system picks it)."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def wait_healthy(
    url: str, *, timeout: float, path: str = HEALTH, process: subprocess.Popen | None = None
) -> None:
    """Return once ``url + path`` answers 200. Raise TimeoutError after ``timeout`` seconds,
    and RuntimeError as soon as ``process`` (the server behind the URL, if given) has ended."""
    deadline = time.monotonic() + timeout
    while True:
        with contextlib.suppress(OSError), urllib.request.urlopen(f"{url}{path}", timeout=2) as r:
            if r.status == 200:
                return
        if process is not None and process.poll() is not None:
            msg = f"the server for {url} ended with exit code {process.returncode} before it answered"
            raise RuntimeError(msg)
        if time.monotonic() > deadline:
            msg = f"the server at {url} did not become healthy in {timeout:.0f} s"
            raise TimeoutError(msg)
        time.sleep(POLL)


def stop(process: subprocess.Popen, *, timeout: float = 20) -> None:
    """Terminate ``process``; kill it if it has not ended after ``timeout`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def serve(
    db: Path,
    *,
    log: Path | None = None,
    port: int | None = None,
    env: Mapping[str, str] | None = None,
    args: Sequence[str] = (),
    app: Path = APP,
    timeout: float = 120,
    stop_timeout: float = 20,
) -> Iterator[tuple[str, psutil.Process]]:
    """``streamlit run app`` on 127.0.0.1 against the store ``db``; yields (base URL, process).

    - ``log``: the file for the server's output (stdout and stderr; overwritten); None throws
      the output away.
    - ``port``: the port to listen on (when the URL must be known before the start, as in a
      secrets file); None picks a free one.
    - ``env``: variables added to this process's environment, besides ``SAMMACHIP_DB``.
    - ``args``: more ``streamlit run`` options, after the standard ones (``--secrets.files``).
    - ``timeout``: seconds the server has to become healthy (see :func:`wait_healthy`; the
      error names the log); ``stop_timeout``: seconds it has to end before it is killed.
    """
    port = free_port() if port is None else port
    url = f"http://{HOST}:{port}"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.headless",
        "true",
        "--server.address",
        HOST,
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        *args,
    ]
    environment = {**os.environ, **(env or {}), "SAMMACHIP_DB": str(db)}
    with open(log or os.devnull, "w") as out:  # the child has its own copy of the descriptor
        process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=out, stderr=subprocess.STDOUT)
    try:
        try:
            wait_healthy(url, timeout=timeout, process=process)
        except Exception as exc:
            if log is not None:
                exc.add_note(f"the server's output: {log}")
            raise
        yield url, psutil.Process(process.pid)
    finally:
        stop(process, timeout=stop_timeout)
