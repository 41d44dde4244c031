"""What a check produces: one input's tables as staged, and every problem found. Plain types that
the checks, the report and the store share; they import only leaf modules (the cause of a
problem, the masking of personal numbers), so no check module imports another to get them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from data_loaders.check.causes import Cause
from data_loaders.contract.privacy import mask_personal_numbers
from data_loaders.contract.schema import Table

Level = Literal["error", "warning", "note"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One line of the validation report.

    ``sheet`` is ``None`` for a CSV file (the line then has no sheet part); ``row`` and
    ``column`` are ``None`` where a problem has no single cell, shown as ``-``.

    ``level`` ``note``: not wrong in itself, but affected by a root problem (a row referring to
    a duplicated key); it never blocks an import and is not counted as an error or warning.
    ``cause`` names the bad key the problem follows from (or is, when ``root``).
    """

    level: Level
    file: str
    sheet: str | None
    row: int | None
    column: str | None
    message: str
    table: str | None = None
    cause: Cause | None = None
    root: bool = False
    village: str | None = None  # the village a warning is about when it has no row of its own
    # What sort of warning this is ("far_from_tambon"), for the summary by kind
    # (:func:`data_loaders.check.validation_report.warning_kinds`); None: the table and column stand for it.
    kind: str | None = None

    def line(self) -> str:
        where = self.file if self.sheet is None else f"{self.file}:{self.sheet}"
        row = "-" if self.row is None else str(self.row)
        return f"{where}:{row}:{self.column or '-'}: {self.level}: {self.message}"


@dataclass(slots=True)
class TableData:
    """One table of the input. Its clean rows are in the DuckDB table ``stg_<table>`` (canonical
    column names, derived columns and ``_row``, the spreadsheet row number)."""

    table: Table
    file: str
    sheet: str | None
    row_count: int = 0
    present: frozenset[str] = frozenset()  # the contract's columns the sheet has

    @property
    def staged(self) -> str:
        return f"stg_{self.table.name}"

    def at(self, row: int | None, column: str | None) -> tuple[str, str | None, int | None, str | None]:
        return self.file, self.sheet, row, column


@dataclass(slots=True)
class Dataset:
    """A checked input: its tables and every problem found so far."""

    name: str
    sha256: str
    tables: dict[str, TableData] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Keys repeated inside the file: table -> {key values: the rows holding it, first row first}.
    duplicates: dict[str, dict[tuple[str, ...], list[int]]] = field(default_factory=dict)
    # Dependants of a cause found but not listed one by one (over the per-cause cap).
    unlisted: dict[Cause, int] = field(default_factory=dict)
    # The importing person's areas (province or district codes; None: no limit). A message never
    # names a stored village outside them (:meth:`village`): the store's other areas stay unseen.
    areas: tuple[str, ...] | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    def village(self, code: str) -> tuple[str, str]:
        """How a message names the stored village ``code`` (Thai, English): by its code inside the
        importer's areas, else only as a village outside them."""
        if self.areas is None or any(str(code).startswith(a) for a in self.areas):
            return f"หมู่บ้าน {code}", f"village {code}"
        return "หมู่บ้านนอกพื้นที่ของคุณ", "a village outside your areas"

    def add(
        self,
        level: Level,
        where: tuple[str, str | None, int | None, str | None],
        message: str,
        table: str | None = None,
        *,
        cause: Cause | None = None,
        root: bool = False,
        village: str | None = None,
        kind: str | None = None,
    ) -> None:
        # A message may quote a shifted cell: never a full national ID or phone number.
        self.problems.append(
            Problem(
                level,
                *where,
                mask_personal_numbers(message),
                table,
                cause,
                root,
                village=village,
                kind=kind,
            )
        )
