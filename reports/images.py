"""Plotly figures as PNG images for the pack, through kaleido and the system Chromium.

The same builders as the pages (:mod:`figures.charts`), so a slide shows what the screen shows.
Chromium starts once per process (about 2 s); each image then takes about 0.1 s. It finds its
fonts through a ``fonts.conf`` of our own (:func:`figures.fonts.fontconfig_file`) that names
only Sarabun's folder, so chart text is Sarabun with no system font installed.

Every step has a time limit: starting the browser :data:`START_SECONDS`, one image
:data:`RENDER_SECONDS`. A browser that is missing, fails or is stuck makes :func:`png` return
``None`` at once for the next :data:`RETRY_SECONDS`, so a pack costs at most one start and one
render of waiting, never a hang; the pack is then built without its charts and says so.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import logging
import os
import signal
import threading
import time
import warnings
from typing import Any

import plotly.graph_objects as go

from figures import fonts

START_SECONDS = 20.0  # a cold Chromium start on a busy machine takes 2–5 s
RENDER_SECONDS = 8.0  # one image takes about 0.1 s
RETRY_SECONDS = 300.0  # after a failure, try the browser again only after this long
INSTALL_COMMAND = "sudo apt-get install chromium"

_log = logging.getLogger(__name__)
_lock = threading.Lock()
_state: dict[str, Any] = {"kaleido": None, "loop": None, "failed_at": None, "reason": ""}


class _Failed:
    """An exception the renderer's loop caught, handed back to the caller to raise."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


async def _guarded(coro: Any) -> Any:
    # Catch here, on the loop, what a cancelled call raises later (kaleido turns the
    # cancellation into BrowserFailedError): else asyncio logs "exception never retrieved".
    try:
        return await coro
    except BaseException as exc:  # handed to the caller, or dropped when it has given up
        return _Failed(exc)


def _run(coro: Any, timeout: float) -> Any:
    """Run ``coro`` on the renderer's event loop thread; ``TimeoutError`` after ``timeout`` s."""
    future = asyncio.run_coroutine_threadsafe(_guarded(coro), _state["loop"])
    try:
        result = future.result(timeout=timeout)
    except TimeoutError:
        future.cancel()
        raise
    if isinstance(result, _Failed):
        raise result.exc
    return result


def _loop() -> asyncio.AbstractEventLoop:
    loop = _state["loop"]
    if loop is None:
        # Kaleido's browser leaves temporary folders that Python removes at exit with a
        # ResourceWarning (harmless, but it would be the last thing a test run prints).
        warnings.filterwarnings("ignore", message="Implicitly cleaning up", category=ResourceWarning)
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="chart-renderer", daemon=True)
        thread.start()
        _state["loop"] = loop
        atexit.register(_end_loop, loop, thread)
    return loop


def _end_loop(loop: asyncio.AbstractEventLoop, thread: threading.Thread) -> None:
    """At exit, after :func:`_stop`: stop the renderer's thread, so the interpreter does not
    shut down with it still running (extension modules then report leaked objects)."""

    async def cancel_all() -> None:  # e.g. the watchdog of a browser given up on
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    with contextlib.suppress(Exception):
        asyncio.run_coroutine_threadsafe(cancel_all(), loop).result(timeout=5)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=5)
    if not thread.is_alive():
        loop.close()


def _kill_browser(k: Any) -> None:
    """End the browser of ``k`` (a stuck one does not answer a polite close): choreographer
    starts a small wrapper process, in a process group of its own, that starts the browser,
    so the whole group goes."""
    process = getattr(k, "subprocess", None)
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(OSError, AttributeError):
        if os.getpgid(process.pid) == process.pid:
            os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        process.kill()
    with contextlib.suppress(Exception):
        process.wait(timeout=5)


def _start() -> Any:
    import kaleido

    _loop()
    env = dict(os.environ, FONTCONFIG_FILE=str(fonts.fontconfig_file()))
    k = kaleido.Kaleido(n=1, timeout=RENDER_SECONDS, mathjax=False)
    # choreographer starts Chromium with ``get_env()`` (a copy of os.environ): give this one
    # browser our fontconfig without changing the environment of the whole process.
    k._browser_impl.get_env = lambda: env  # kaleido 1.5, choreographer 1.x
    try:
        _run(k.open(), START_SECONDS)
    except BaseException:
        _kill_browser(k)
        raise
    return k


def _fail(reason: str) -> None:
    k = _state["kaleido"]
    _state.update(kaleido=None, failed_at=time.monotonic(), reason=reason)
    if k is not None:
        _kill_browser(k)
    _log.warning("chart images unavailable: %s", reason)


def _renderer() -> Any | None:
    if _state["kaleido"] is not None:
        return _state["kaleido"]
    failed_at = _state["failed_at"]
    if failed_at is not None and time.monotonic() - failed_at < RETRY_SECONDS:
        return None
    try:
        _state["kaleido"] = _start()
    except Exception as exc:  # a missing, broken or stuck browser: no charts
        _fail(f"{type(exc).__name__}: {exc}"[:300])
        return None
    _state["failed_at"] = None
    atexit.register(_stop)
    return _state["kaleido"]


def _stop() -> None:
    k = _state["kaleido"]
    _state["kaleido"] = None
    if k is not None:
        with contextlib.suppress(Exception):
            _run(k.close(), 10)
        _kill_browser(k)


def available() -> bool:
    """Whether chart images can be drawn now (starts the browser if it is not running yet,
    within :data:`START_SECONDS`)."""
    with _lock:
        return _renderer() is not None


def failed() -> bool:
    """Whether the last try at drawing charts failed (within :data:`RETRY_SECONDS`): the
    pack just built lacks charts. Never starts the browser."""
    failed_at = _state["failed_at"]
    return failed_at is not None and time.monotonic() - failed_at < RETRY_SECONDS


def png(fig: go.Figure, *, width: int, height: int, scale: float = 2) -> bytes | None:
    """``fig`` as PNG bytes, ``width`` × ``height`` CSS pixels at ``scale`` (2 = sharp on print);
    ``None`` when the browser is missing, fails or takes longer than the time limits."""
    spec: dict[str, Any] = fig.to_dict()
    opts = {"format": "png", "width": width, "height": height, "scale": scale}
    with _lock:
        k = _renderer()
        if k is None:
            return None
        try:
            return _run(k.calc_fig(spec, opts=opts), RENDER_SECONDS + 2)
        except Exception as exc:  # as above: the pack goes on without this chart
            _fail(f"{type(exc).__name__}: {exc}"[:300])
            return None
