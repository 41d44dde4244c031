"""Tables the layers above derive from the facts, rebuilt in every import's transaction.

The metrics' area roll-ups (``metrics/rollups.py``) are built with the metrics' own rules,
which this layer must not import; so the layer that defines a derived table registers its
builder here, and the import, the layout migration and the bench's store builder call
:func:`rebuild` after the facts. The programs that write a store register the builders first
(``data_loaders.cli``, the dashboard's ``ui.db``, ``bench``); a store written without them
keeps its old derived tables, which their readers then find out of date and do not use.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Builder = Callable[[Any], None]
_BUILDERS: dict[str, Builder] = {}


def register(name: str, builder: Builder) -> None:
    """Build ``builder(con)`` after the facts of every import from now on (``name`` once)."""
    _BUILDERS[name] = builder


def rebuild(con: Any) -> None:
    """Every registered derived table, from the facts, in the caller's transaction."""
    for builder in _BUILDERS.values():
        builder(con)
