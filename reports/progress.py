"""Progress of a long build (a province's pack takes about 45 s): a callback ``(fraction,
phase)`` that the builders call as they go, without knowing who listens.

``fraction`` runs from 0 to 1 over the whole build; ``phase`` is one of :data:`PHASES`, a key
the dashboard turns into words (``common/strings.toml``: ``build.phase.<phase>``) beside its
``st.progress`` bar. No streamlit here: the command line passes no callback at all.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[float, str], None]

# gathering data, drawing charts, writing each file, drawing one-pagers, packing the ZIP, done
PHASES = ("gather", "charts", "pptx", "pdf", "xlsx", "pages", "zip", "done")


def report(progress: Progress | None, fraction: float, phase: str) -> None:
    """Tell ``progress`` (if any) that ``fraction`` (clamped to 0–1) of the work is done and
    ``phase`` is under way."""
    if progress is not None:
        progress(min(max(float(fraction), 0.0), 1.0), phase)


def span(progress: Progress | None, start: float, end: float) -> Progress | None:
    """A callback for one part of a build that runs from ``start`` to ``end`` of the whole:
    the part reports its own 0–1, the whole hears ``start`` to ``end``."""
    if progress is None:
        return None

    def part(fraction: float, phase: str) -> None:
        report(progress, start + (end - start) * min(max(float(fraction), 0.0), 1.0), phase)

    return part
