"""What the readers hand on: the raw sheets of one input, the problems found while reading, and
the error for an input that cannot be read at all. Plain types with no project imports, so every reader (workbook, CSV, zip,
encoding) can raise :class:`InputError` without importing the readers themselves."""

from __future__ import annotations

import shutil
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Level = Literal["error", "warning", "note"]


@dataclass(frozen=True, slots=True)
class ReaderProblem:
    level: Level
    file: str
    sheet: str | None
    row: int | None
    column: str | None
    message: str


class InputError(Exception):
    """The input cannot be read at all (missing, not a workbook, no CSV files): exit code 2."""


@dataclass(slots=True)
class RawSheet:
    """One sheet or CSV file: its header cells and where its rows are.

    Exactly one of ``rows`` (numbered rows in memory, blank rows already skipped) and
    ``csv_path`` (a UTF-8 file whose first line is the header and whose n-th record is
    spreadsheet row n + 1, blank rows included) is set.
    """

    file: str  # file name as shown in problem lines
    sheet: str | None  # sheet name for a workbook, None for a CSV file
    name: str  # what identifies the table: the sheet name, or the CSV file stem
    header: list[Any]
    rows: list[tuple[int, list[Any]]] | None = field(default_factory=list)
    csv_path: Path | None = None
    delimiter: str = ","
    hidden: bool = False


@dataclass(slots=True, weakref_slot=True)
class RawInput:
    """Everything read from one path, with its sha256 for the import log.

    ``workdir`` holds transcoded copies of CSV files; it is removed by :meth:`close`, or when
    the object is garbage-collected (an upload's input lives as long as the page uses it).
    """

    name: str
    sha256: str
    sheets: list[RawSheet]
    workdir: Path | None = None
    problems: list[ReaderProblem] = field(default_factory=list)  # found while reading
    _cleanup: weakref.finalize | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.workdir is not None:
            self._cleanup = weakref.finalize(self, shutil.rmtree, self.workdir, True)

    def close(self) -> None:
        if self.workdir is not None:
            self._cleanup()
            self.workdir = None

    def __enter__(self) -> RawInput:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
