"""Plotly figures as PNG images for the pack, through kaleido and the system Chromium.

The same builders as the pages (:mod:`figures.charts`), so a slide shows what the screen shows.
Kaleido's server starts once per process (about 2 s); each image then takes about 0.1 s.
"""

from __future__ import annotations

import atexit
import threading
import warnings
from typing import Any

import kaleido
import plotly.graph_objects as go

_started = False
_lock = threading.Lock()


def _ensure_server() -> None:
    global _started
    with _lock:
        if not _started:
            kaleido.start_sync_server(mathjax=False, silence_warnings=True)
            _started = True
            atexit.register(_stop)


def _stop() -> None:
    kaleido.stop_sync_server(silence_warnings=True)
    # Kaleido's browser leaves temporary folders that Python removes at exit with a
    # ResourceWarning (harmless, but it would be the last thing a test run prints).
    warnings.filterwarnings("ignore", message="Implicitly cleaning up", category=ResourceWarning)


def png(fig: go.Figure, *, width: int, height: int, scale: float = 2) -> bytes:
    """``fig`` as PNG bytes, ``width`` × ``height`` CSS pixels at ``scale`` (2 = sharp on print)."""
    _ensure_server()
    spec: dict[str, Any] = fig.to_dict()
    with _lock:
        return kaleido.calc_fig_sync(
            spec, opts={"format": "png", "width": width, "height": height, "scale": scale}
        )
