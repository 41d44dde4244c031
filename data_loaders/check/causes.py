"""The bad key a validation problem follows from, so the report can group problems under it.

A duplicate household ID, a missing or unreadable parent row, a wrong village code: each is one
mistake that shows up in many rows. :class:`Cause` names that mistake; the checks attach it to
every problem that follows from it, and :mod:`data_loaders.check.validation_report` groups them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from data_loaders.contract.schema import TABLES_BY_NAME

CauseKind = Literal["duplicate_key", "missing_parent", "bad_village_code"]


@dataclass(frozen=True, slots=True)
class Cause:
    """One bad key that other problems follow from, for grouping the report
    (:mod:`data_loaders.check.validation_report`).

    ``kind``: ``duplicate_key`` (a key given twice in one sheet), ``missing_parent`` (a key
    that rows refer to but that is in neither the file nor the database, or whose own cell was
    refused), ``bad_village_code`` (a village code that is wrong wherever it is typed).
    ``table`` owns the key (``households`` for a household_id); ``key`` is its (column, value)
    pairs as typed after normalising.
    """

    kind: CauseKind
    table: str
    key: tuple[tuple[str, str], ...]

    @property
    def shown(self) -> str:
        """``H2``, or ``village_code=30170101, day=5`` for a key of several columns."""
        if len(self.key) == 1:
            return self.key[0][1]
        return ", ".join(f"{c}={v}" for c, v in self.key)


def key_noun(table: str) -> tuple[str, str]:
    """What one key of ``table`` is called, Thai and English: ``("รหัสครัวเรือน", "household ID")``;
    a key of several columns is named after its table (``("วันอบรม", "training day")``)."""
    spec = TABLES_BY_NAME[table]
    if len(spec.key) == 1:
        column = spec.column(spec.key[0])
        return column.label_th, column.name.replace("_id", " ID").replace("_", " ")
    return spec.label_th, spec.name.replace("_", " ").removesuffix("s")
