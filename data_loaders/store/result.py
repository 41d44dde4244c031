"""What an import found and did (:class:`ImportResult`), and what it changed, as plain data: the
villages it added and replaced, the rows of each table before and after, and its warnings by
kind. The command line prints it and the Data page draws it; neither counts anything itself."""

from __future__ import annotations

from dataclasses import dataclass, field

from data_loaders.check.dataset import Dataset
from data_loaders.check.validation_report import ValidationReport, WarningKind, build_report, warning_kinds
from data_loaders.contract.schema import TABLES


@dataclass(slots=True)
class ImportResult:
    """What an import (or a dry run) found and did."""

    dataset: Dataset
    committed: bool = False
    import_id: int | None = None
    rows_in_file: dict[str, int] = field(default_factory=dict)
    before: dict[str, int] = field(default_factory=dict)  # rows per table before
    after: dict[str, int] = field(default_factory=dict)  # rows per table after (or would be)
    covered_villages: list[str] = field(default_factory=list)
    # Of the covered villages: those the store did not hold before, and those it held (their rows
    # in the tables the input sends are replaced).
    villages_added: list[str] = field(default_factory=list)
    villages_replaced: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)  # codes outside the importer's areas

    @property
    def ok(self) -> bool:
        return not self.dataset.errors

    @property
    def summary(self) -> ImportSummary:
        """What the import changed (or would change), as plain data (:func:`summarise`)."""
        return summarise(self)

    @property
    def report(self) -> ValidationReport:
        """The problems grouped by root cause (:mod:`data_loaders.check.validation_report`)."""
        return build_report(self.dataset.problems, unlisted=self.dataset.unlisted)


@dataclass(frozen=True, slots=True)
class TableChange:
    """One table of the input: rows in the file, and in the store before and after."""

    table: str
    in_file: int
    before: int
    after: int

    @property
    def change(self) -> int:
        """Rows gained (negative: lost) by the store."""
        return self.after - self.before


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import did (``committed``) or would do (a check): villages added (new to the
    store) and replaced (their rows in the tables the file sends are replaced by the file's),
    rows per table in contract order, and the warnings, counted and by kind."""

    committed: bool
    import_id: int | None
    file_name: str
    villages_added: tuple[str, ...]
    villages_replaced: tuple[str, ...]
    tables: tuple[TableChange, ...]
    warnings: int
    kinds: tuple[WarningKind, ...]


def summarise(result: ImportResult) -> ImportSummary:
    """The summary of ``result`` (an import or a dry run)."""
    dataset = result.dataset
    tables = tuple(
        TableChange(
            t.name, result.rows_in_file[t.name], result.before.get(t.name, 0), result.after.get(t.name, 0)
        )
        for t in TABLES
        if t.name in result.rows_in_file
    )
    return ImportSummary(
        committed=result.committed,
        import_id=result.import_id,
        file_name=dataset.name,
        villages_added=tuple(result.villages_added),
        villages_replaced=tuple(result.villages_replaced),
        tables=tables,
        warnings=len(dataset.warnings),
        kinds=tuple(warning_kinds(dataset.problems)),
    )
