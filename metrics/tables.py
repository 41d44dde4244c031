"""Tables as people read them, without Streamlit, so the pages, their downloads and the reports
share them: headers in the reader's language, values rounded by the unit tokens of
:mod:`common.formats` (a share 0–1 becomes a percentage rounded to 0.1, baht whole, dates in
Buddhist-era form), every cell through :func:`common.export.safe_frame`, file names with the BE
date. :mod:`common.export` writes them (CSV, XLSX) with the scope in words.

Numbers stay numbers (a spreadsheet can still sum them); only their rounding and unit change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from common import strings
from common.export import safe_frame
from common.formats import BE_OFFSET, Unit, cell_value, fmt_target, format_value, header_unit
from metrics.indicators import catalogue
from metrics.model import ROUNDS
from metrics.progress import STAGE_CODES, STAGE_COLUMNS

Lang = Literal["th", "en"]


def shape(
    frame: pd.DataFrame, columns: Sequence[tuple[str, str, Unit]], *, lang: Lang = "th"
) -> pd.DataFrame:
    """The columns of ``frame`` named in ``columns`` as (source column, header, unit token of
    :mod:`common.formats`), with the header's unit added ("ความก้าวหน้า (%)") and each value
    rounded as the dashboard shows it (:func:`common.formats.cell_value`); cells neutralised."""
    out = {}
    for source, header, unit in columns:
        out[header_unit(header, unit, lang)] = [cell_value(v, unit, lang) for v in frame[source]]
    shaped = pd.DataFrame(out, columns=list(out))
    for (_source, _header, unit), label in zip(columns, shaped.columns, strict=True):
        if unit in ("count", "days", "baht"):
            shaped[label] = shaped[label].astype("Int64")
        elif unit in ("share", "change", "points", "ratio"):
            shaped[label] = shaped[label].astype("Float64")
    return safe_frame(shaped)


def worded(
    frame: pd.DataFrame, columns: Sequence[tuple[str, str, Unit]], *, lang: Lang = "th"
) -> pd.DataFrame:
    """:func:`shape` with each header named by its key: ``columns`` as (source column, key of
    ``col.<key>`` in :mod:`common.strings`, unit token)."""
    return shape(frame, named(columns, lang=lang), lang=lang)


def named(columns: Sequence[tuple[str, str, Unit]], *, lang: Lang) -> list[tuple[str, str, Unit]]:
    """``columns`` as (source column, key of ``col.<key>``, unit) with each key as its header in
    ``lang``: what :func:`shape` takes."""
    return [(source, strings.text(f"col.{key}", lang), unit) for source, key, unit in columns]


def headed(columns: Mapping[str, object], *, lang: Lang) -> dict[str, object]:
    """``columns`` (values by the key of their header ``col.<key>`` in :mod:`common.strings`)
    by their headers in ``lang``: a table people read, for ``pd.DataFrame``."""
    return {strings.text(f"col.{key}", lang): values for key, values in columns.items()}


def place_columns(*levels: str) -> tuple[tuple[str, str, Unit], ...]:
    """The names of the places at ``levels`` ("village", "district", "tambon") as columns for
    :func:`worded`: the source ``<level>_name``, headed ``col.<level>``, text."""
    return tuple((f"{level}_name", level, "text") for level in levels)


def file_name(stem: str, as_of: dt.date, extension: str) -> str:
    """``progress_31-07-2560.xlsx``: an ASCII stem and the as-of date in BE (day-month-year)."""
    return f"{stem}_{as_of.day:02d}-{as_of.month:02d}-{as_of.year + BE_OFFSET}.{extension}"


# ------------------------------------------------------------------- the village progress table

DONE, LATE = "✓", "✗"  # a stage done; a stage not done past its planned date


def stage_marks(progress: pd.DataFrame) -> dict[str, list[str]]:
    """Per stage, a mark for each village of a :func:`metrics.progress.village_progress` frame:
    ``DONE``, ``LATE`` (not done and overdue) or nothing."""
    late = [set(s) if s is not None else set() for s in progress["overdue_stages"]]
    return {
        s: [
            DONE if bool(d) else LATE if s in overdue else ""
            for d, overdue in zip(progress[STAGE_COLUMNS[s]], late, strict=True)
        ]
        for s in STAGE_CODES
    }


def progress_rows(progress: pd.DataFrame, *, lang: Lang) -> pd.DataFrame:
    """The village progress table in words, one row per village of a
    :func:`metrics.progress.village_progress` frame, in its order: the one builder the page, its
    download and the meeting pack read. Columns: ``label`` ("name (code)"), ``village_name``,
    ``district``, ``tambon`` (names in ``lang``), ``status`` (its label), ``done`` ("5/8"),
    ``stages_done``, ``progress`` (share), ``overdue`` (the overdue stages in words, "" if none),
    ``status_text`` (the status, then the overdue stages) and ``s_<stage>``, each stage's mark."""
    rows = list(progress.itertuples(index=False))
    marks = stage_marks(progress)
    overdue = [
        ", ".join(strings.code_label("stage", s, lang) for s in stages) if stages is not None else ""
        for stages in progress["overdue_stages"]
    ]
    status = [strings.code_label("status", s, lang) for s in progress["status"]]
    return pd.DataFrame(
        {
            "label": progress["village_name"] + " (" + progress["village_code"] + ")",
            "village_name": progress["village_name"],
            "district": [strings.place(r, "district", lang) for r in rows],
            "tambon": [strings.place(r, "tambon", lang) for r in rows],
            "status": status,
            "done": [f"{int(n)}/{len(STAGE_CODES)}" for n in progress["stages_done"]],
            "stages_done": progress["stages_done"],
            "progress": progress["progress"],
            "overdue": overdue,
            "status_text": [f"{s}: {o}" if o else s for s, o in zip(status, overdue, strict=True)],
            **{f"s_{s}": marks[s] for s in STAGE_CODES},
        },
        index=progress.index,
    )


def progress_screen(progress: pd.DataFrame, *, lang: Lang) -> pd.DataFrame:
    """The progress table as the page shows it (:func:`progress_rows`): village, district (when
    there are several), tambon, status, "5/8", then the eight stages as numbered columns
    ("1" … "8"), each with its mark, so all of them fit a 1280-pixel screen (the page's caption
    and each header's tooltip name them). The download names every stage instead."""
    rows = progress_rows(progress, lang=lang)
    several = progress["district_code"].nunique() > 1
    words = headed(
        {
            "village": rows["label"],
            **({"district": rows["district"]} if several else {}),
            "tambon": rows["tambon"],
            "status": rows["status"],
            "done": rows["done"],
        },
        lang=lang,
    )
    return pd.DataFrame({**words, **{str(n): rows[f"s_{s}"] for n, s in enumerate(STAGE_CODES, start=1)}})


def progress_download(fetch: Callable[[], pd.DataFrame], *, lang: Lang) -> Callable[[], pd.DataFrame]:
    """The progress table's download, built when clicked from the rows ``fetch`` reads (every
    village in scope): village, district, tambon, status with the overdue stages in words,
    progress, and each stage named with its mark (:func:`progress_rows`)."""

    def build() -> pd.DataFrame:
        export = progress_rows(fetch(), lang=lang)
        return shape(
            export,
            [
                *named(
                    [
                        ("label", "village", "text"),
                        ("district", "district", "text"),
                        ("tambon", "tambon", "text"),
                        ("status_text", "status", "text"),
                        ("progress", "progress", "share"),
                    ],
                    lang=lang,
                ),
                *((f"s_{s}", strings.text(f"stage.{s}", lang), "text") for s in STAGE_CODES),
            ],
            lang=lang,
        )

    return build


# ------------------------------------------------------------------------- the trainer list


def trainer_table(team: pd.DataFrame, *, lang: Lang, village: bool = True) -> pd.DataFrame:
    """The trainer list as people read it, from :func:`metrics.trainers.trainer_list` rows
    (names and phones already masked or revealed there): village (unless ``village`` is
    False, for one village's team), name, role, skills joined by commas, phone; headers in
    ``lang``. The trainers page and the progress page's village view show this."""

    def skills(value: object) -> str:
        return ", ".join(str(s) for s in value) if isinstance(value, list | tuple | np.ndarray) else ""

    return pd.DataFrame(
        headed(
            {
                **({"village": team["village_name"]} if village else {}),
                "name": team["name"],
                "role": [strings.code_label("role", r, lang) for r in team["role"]],
                "skills": [skills(s) for s in team["skills"]],
                "phone": team["phone"],
            },
            lang=lang,
        )
    )


# --------------------------------------------------------- the trainers' and groups' downloads

# :func:`metrics.trainers.trainer_coverage` rows, one per village.
TRAINER_COVERAGE_COLUMNS: tuple[tuple[str, str, Unit], ...] = (
    ("village_code", "village_code", "text"),
    *place_columns("village", "district", "tambon"),
    ("trainers", "trainers", "count"),
    ("leads", "leads", "count"),
    ("households", "households", "count"),
    ("households_per_trainer", "hpt", "ratio"),
    ("skill_match_share", "skill_match", "share"),
)


def without_lead_table(missing: pd.DataFrame, *, lang: Lang) -> pd.DataFrame:
    """The villages without a lead trainer (:func:`metrics.trainers.villages_without_lead`
    rows) as people read them: code, village, tambon (its name in ``lang``), trainers."""
    return pd.DataFrame(
        headed(
            {
                "village_code": missing["village_code"],
                "village": missing["village_name"],
                "tambon": [strings.place(r, "tambon", lang) for _, r in missing.iterrows()],
                "trainers": missing["trainers"],
            },
            lang=lang,
        )
    )


# :func:`metrics.networks.five_k_scores` rows, one per occupation group.
GROUP_SCORE_COLUMNS: tuple[tuple[str, str, Unit], ...] = (
    ("group_id", "group", "text"),
    ("group_name", "name", "text"),
    *place_columns("village", "district"),
    ("occupation", "occupation", "text"),
    ("members", "members", "count"),
    ("score", "score", "count"),
    ("fund_baht", "fund", "baht"),
    ("links", "links", "count"),
)


# ------------------------------------------------------------------ the household income table


def household_table(households: pd.DataFrame, *, lang: Lang, screen: bool = False) -> pd.DataFrame:
    """The household income table from :func:`metrics.income.household_income` rows (names
    already masked or revealed there), headers in ``lang``: household, village, head,
    occupation, baseline and latest income (baht/year), the change in percent (share × 100),
    the latest round, practising. The page and its download read this; on the ``screen`` the
    round is named short ("12 เดือน")."""
    if screen:  # short on screen, long in the download
        names = {r: strings.code_label("round_short", r, lang) for r in ROUNDS}
    else:
        names = {r: strings.code_label("round", r, lang) for r in ROUNDS}

    return pd.DataFrame(
        headed(
            {
                "household": households["household_id"],
                "village": households["village_name"],
                "head": households["head_name"],
                "occupation": households["occupation"],
                "baseline": households["baseline_income"],
                "latest": households["latest_income"],
                "change_pct": households["change_pct"] * 100,
                "round": [names.get(r, "") if isinstance(r, str) else "" for r in households["latest_round"]],
                "practising": households["practising"],
            },
            lang=lang,
        )
    )


# ----------------------------------------------------------------------- the indicators table

# The indicators table's columns in words, by their header key in common/strings.toml ("col.<key>").
INDICATOR_COLUMNS: tuple[str, ...] = (
    "indicator",
    "value",
    "target",
    "met",
    "numerator",
    "denominator",
    "definition",
)


def indicator_rows(values: Sequence[Any], *, lang: Lang) -> pd.DataFrame:
    """The indicators table in words, one row per :class:`metrics.indicators.IndicatorValue`:
    the one builder the indicators page and its download read. Columns (:data:`INDICATOR_COLUMNS`):
    the label, the value and target as the dashboard shows them, met (✓ ✗ —), numerator and
    denominator in their amount unit (the income indicator's are baht), the definition; then
    the download's numbers: ``value_number`` (rounded by its unit), ``unit`` (its word),
    ``numerator_number`` and ``denominator_number``."""
    definitions = {i.id: i for i in catalogue()}
    amounts = {v.id: definitions[v.id].amount_unit for v in values}
    return pd.DataFrame(
        {
            "indicator": [v.label_en if lang == "en" else v.label_th for v in values],
            "value": [format_value(v.value, v.unit, lang) for v in values],
            "target": [fmt_target(v.target, v.unit, v.direction, lang) for v in values],
            "met": [{True: "✓", False: "✗", None: "—"}[v.met] for v in values],
            "numerator": [format_value(v.numerator, amounts[v.id], lang) for v in values],
            "denominator": [format_value(v.denominator, amounts[v.id], lang) for v in values],
            "definition": [
                definitions[v.id].definition_en if lang == "en" else definitions[v.id].definition_th
                for v in values
            ],
            # Each indicator rounded by its own unit: a share as 93.4 (%), a ratio as 4.1.
            "value_number": [cell_value(v.value, v.unit) for v in values],
            "unit": ["%" if v.unit == "share" else strings.text("col.hpt", lang) for v in values],
            "numerator_number": [v.numerator for v in values],
            "denominator_number": [v.denominator for v in values],
        }
    )


def indicator_download(rows: pd.DataFrame, *, lang: Lang) -> pd.DataFrame:
    """The indicators download from :func:`indicator_rows`: the numbers stay numbers."""

    return worded(
        rows,
        [
            ("indicator", "indicator", "text"),
            ("value_number", "value", "ratio"),
            ("unit", "unit", "text"),
            ("target", "target", "text"),
            ("met", "met", "text"),
            ("numerator_number", "numerator", "count"),
            ("denominator_number", "denominator", "count"),
            ("definition", "definition", "text"),
        ],
        lang=lang,
    )
