"""The committed sample cut into parts by village, to import one after another, and the counts
the overview shows for each state.

The sample (``sample_data/``) has 42 villages of 20 target households each: 25 in district 3017
ชุมพวง and 17 in district 3414 ม่วงสามสิบ (32 of FY2560, 19 + 13, and 10 of FY2561, 6 + 4).
Counted by hand from ``villages.csv`` (villages per tambon, the tambon being the first 6 digits
of the village code; "+1" the FY2561 village at the end of the file):

- 3017: 301701 2+1, 301702 2+1, 301703 2+1, 301704 2, 301705 2+1, 301710 2+1, 301714 2+1,
  301716 3, 301717 2 = 19 + 6 = 25 villages;
- 3414, first half (tambons 341401–341406): 341401 0+1, 341402 1, 341403 1, 341404 2+1,
  341405 1, 341406 1 = 6 + 2 = 8 villages;
- 3414, second half (tambons 341408–341412): 341408 2, 341409 1+1, 341410 2, 341411 1+1,
  341412 1 = 7 + 2 = 9 villages.

A part holds every row of its villages: rows with a ``village_code``, survey rounds through
their household, members and network links through their group. Every part carries all
officers (they are upserted, never counted on a page); the reports that name no village go
with the first part only.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from data_loaders.contract.schema import TABLES

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data"
HOUSEHOLDS_PER_VILLAGE = 20

# (villages, households) the overview shows at all areas
DISTRICT_3017 = (25, 25 * HOUSEHOLDS_PER_VILLAGE)  # (25, 500)
WITH_3414_FIRST_HALF = (25 + 8, (25 + 8) * HOUSEHOLDS_PER_VILLAGE)  # (33, 660)
WHOLE_SAMPLE = (25 + 8 + 9, 42 * HOUSEHOLDS_PER_VILLAGE)  # (42, 840)


def in_district(code: str) -> Callable[[str], bool]:
    return lambda village: village.startswith(code)


def first_half_3414(village: str) -> bool:
    return village.startswith("3414") and village[:6] <= "341406"


def second_half_3414(village: str) -> bool:
    return village.startswith("3414") and village[:6] >= "341408"


def _read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with open(SAMPLE / f"{name}.csv", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_part(folder: Path, keep: Callable[[str], bool], *, unplaced_reports: bool = False) -> Path:
    """The CSV folder of the sample's rows for the villages ``keep`` accepts."""
    folder.mkdir(parents=True, exist_ok=True)
    village_of = {
        "households": {r["household_id"]: r["village_code"] for r in _read("households")[1]},
        "groups": {r["group_id"]: r["village_code"] for r in _read("groups")[1]},
    }
    for table in TABLES:
        header, rows = _read(table.name)
        if table.name == "officers":
            kept = rows
        elif table.name == "reports":
            kept = [r for r in rows if (keep(r["village_code"]) if r["village_code"] else unplaced_reports)]
        elif table.village_via is not None:
            parent, column = table.village_via
            kept = [r for r in rows if keep(village_of[parent][r[column]])]
        else:
            kept = [r for r in rows if keep(r["village_code"])]
        with open(folder / f"{table.name}.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(kept)
    return folder


def zip_folder(folder: Path) -> Path:
    """The folder's CSV files as one ``.zip`` beside it (what the Data page accepts)."""
    archive = folder.with_suffix(".zip")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for path in sorted(folder.glob("*.csv")):
            z.write(path, path.name)
    archive.write_bytes(buffer.getvalue())
    return archive


_HOUSEHOLDS = re.compile(r"จาก ([\d,]+) ครัวเรือนเป้าหมาย")
_STATUS = re.compile(r"● [^●(]+\((\d[\d,]*)\)")


def overview_counts(main_text: str) -> tuple[int, int] | None:
    """(villages, households) from the overview's text at all areas, or None if it does not
    show them: households from the two KPI captions ("… จาก 640 ครัวเรือนเป้าหมาย"), which must
    agree; villages as the sum of the map legend's four status counts ("● ครบทุกขั้นตอน (22)")."""
    households = {int(n.replace(",", "")) for n in _HOUSEHOLDS.findall(main_text)}
    statuses = [int(n.replace(",", "")) for n in _STATUS.findall(main_text)]
    if len(statuses) != 4 or not households:
        return None
    if len(households) != 1:  # two captions from one query disagreeing: report it as a state
        return (sum(statuses), -1)
    return (sum(statuses), households.pop())
