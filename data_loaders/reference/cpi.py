"""Thailand's consumer price index by calendar year (``cpi_thailand.csv`` beside this file;
source and licence in ``README.md``): World Bank WDI FP.CPI.TOTL, 2010 = 100, CC BY 4.0."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

CPI_FILE = Path(__file__).resolve().parent / "cpi_thailand.csv"
SOURCE_TH = "ดัชนีราคาผู้บริโภคของไทย (ปี 2553 = 100) จากธนาคารโลก (WDI FP.CPI.TOTL) สัญญาอนุญาต CC BY 4.0"
SOURCE_EN = "Thailand consumer price index (2010 = 100), World Bank WDI FP.CPI.TOTL, CC BY 4.0"


@cache
def series() -> tuple[tuple[int, float], ...]:
    """(calendar year CE, index) pairs, oldest first."""
    with CPI_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple((int(r["year_ce"]), float(r["cpi_2010_100"])) for r in csv.DictReader(handle))
