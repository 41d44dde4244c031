"""How far an import (or a check) has got: one optional callback, ``(fraction, phase_key)``.

The importer calls it as it moves from phase to phase (and through the sheets while checking),
so the command line can draw a bar or print plain lines and the Data page can draw
``st.progress``, while this package imports neither. ``fraction`` runs from 0 to 1 and never
goes back; ``phase_key`` is one of :data:`PHASES` (the labels are ``import.phase.<key>`` in
``common/strings.toml``).
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[float, str], None]

# The phases in order, with the share of the whole each one starts at. The shares follow the
# measured national import (bench/RESULTS.md: checking the cells takes over half the time,
# references and the facts most of the rest).
PHASES: tuple[str, ...] = (
    "read",  # reading the workbook or the CSV folder
    "prepare",  # a working copy of the store
    "check",  # every header and cell, sheet by sheet
    "replace",  # the villages the file covers replaced
    "references",  # keys and references on the new state
    "warnings",  # whole-village checks (targets, income jumps)
    "facts",  # the facts the pages read, refreshed
    "save",  # the import log, then the new store swapped in
    "done",
)
_STARTS: dict[str, float] = {
    "read": 0.0,
    "prepare": 0.03,
    "check": 0.08,
    "replace": 0.6,
    "references": 0.7,
    "warnings": 0.82,
    "facts": 0.86,
    "save": 0.95,
    "done": 1.0,
}


def fraction(phase: str, within: float = 0.0) -> float:
    """The share of the whole done when ``phase`` is ``within`` (0–1) of the way through."""
    start = _STARTS[phase]
    index = PHASES.index(phase)
    end = _STARTS[PHASES[index + 1]] if index + 1 < len(PHASES) else 1.0
    return start + max(0.0, min(1.0, within)) * (end - start)


def step(progress: Progress | None, phase: str, within: float = 0.0) -> None:
    """Tell ``progress`` (if any) that ``phase`` is ``within`` of the way through."""
    if progress is not None:
        progress(fraction(phase, within), phase)
