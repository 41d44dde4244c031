"""Drawing "since the last meeting" (Overview) and the follow-up list (Progress)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from common import formats, strings
from metrics.changes import change_table
from metrics.scope import Scope
from ui.db import store_cursor
from ui.i18n import code_label, fmt_date, fmt_int, place, t
from ui.page import show_table

# Rows this tall (over 64 pixels) make Streamlit wrap a cell's text instead of cutting it, and
# the item column this wide holds the longest follow-up line of the sample (a warning naming a
# household, its message and the file row, about 90 characters) in three lines of Thai, the
# village column a village's name and its code in two, the kind column its longest word in one
# (Thai breaks anywhere, mid-word, when squeezed), so every line reads whole on the
# screen, in projector mode and in print.
FOLLOWUP_ROW_HEIGHT = 72
FOLLOWUP_WIDTHS = {"col.kind": 165, "col.village": 170, "col.item": 270}


def since_last_meeting(report: dict[str, Any], *, scope: Scope, previous: dt.date) -> pd.DataFrame:
    """Draw the counts and the changes between the previous meeting and the as-of date; return
    the table of changes as shown (empty if none), for the page's download."""
    st.subheader(t("since.header"))
    st.caption(t("since.caption", previous=fmt_date(previous), as_of=fmt_date(scope.as_of)))
    counts = [
        ("since.stages_completed", len(report["stages_completed"])),
        ("since.newly_overdue", len(report["newly_overdue"])),
        ("since.new_groups", len(report["new_groups"])),
        ("since.new_links", len(report["new_links"])),
        ("since.surveys_added", report["surveys_added"]),
        ("since.training_days_added", report["training_days_added"]),
        ("since.imports", len(report["imports"])),
    ]
    # Four to a row: seven in one row cut their Thai labels on a 1280-pixel screen.
    columns = [*st.columns(4), *st.columns(4)]
    for column, (key, value) in zip(columns, counts, strict=False):
        column.metric(
            t(key), fmt_int(value), help=t("since.imports_help") if key == "since.imports" else None
        )
    table = change_table(store_cursor(), report)  # names looked up for the report's codes only
    if table.empty:
        return pd.DataFrame()
    rows = list(table.itertuples(index=False))
    district = [place(r, "district") if isinstance(r.village_code, str) else "" for r in rows]
    tambon = [place(r, "tambon") if isinstance(r.village_code, str) else "" for r in rows]

    def item(row: pd.Series) -> str:
        if row["change"] in ("newly_overdue", "stages_completed"):
            return code_label("stage", row["stage"])
        group = f"{row['group_name']} ({row['group_id']})"
        if row["change"] == "new_links":
            return f"{group} → {code_label('network', row['partner_type'])}"
        return group

    shown = pd.DataFrame(
        {
            t("col.kind"): [t(f"since.{c}") for c in table["change"]],
            t("col.village"): [
                f"{n} ({c})" if isinstance(c, str) else ""
                for n, c in zip(table["village_name"], table["village_code"], strict=True)
            ],
            t("col.district"): district,
            t("col.tambon"): tambon,
            t("col.item"): [item(r) for _, r in table.iterrows()],
            t("col.due"): [fmt_date(d) if d else "" for d in table["due"]],
        }
    )
    show_table(shown)
    return shown


def show_followups(frame: pd.DataFrame, *, lang: str) -> None:
    """Draw the follow-up list for the screen, its lines wrapped, never cut."""
    shown = followup_table(frame, lang=lang, screen=True)
    show_table(
        shown,
        row_height=FOLLOWUP_ROW_HEIGHT,
        column_config={
            strings.text(key, lang): st.column_config.TextColumn(width=width)
            for key, width in FOLLOWUP_WIDTHS.items()
        },
    )


def followup_table(frame: pd.DataFrame, *, lang: str, screen: bool = False) -> pd.DataFrame:
    """The follow-up list (:func:`metrics.followups.followups`) with labels in ``lang``: no
    session needed, so a download can build it when clicked. Each line names its village (name
    and code) and, for a data-quality warning, the household (masked) and the file row. For the
    ``screen`` (1280 pixels wide) the district is left out (the tambon places a village); the
    download has it."""
    rows = list(frame.itertuples(index=False))

    def placed(level: str) -> list[str]:
        return [strings.place(r, level, lang) if isinstance(r.village_code, str) else "" for r in rows]

    def text(key: str) -> str:
        return strings.text(key, lang)

    return pd.DataFrame(
        {
            text("col.kind"): [text(f"followup.kind.{k}") for k in frame["kind"]],
            text("col.village"): [
                strings.village_label(n, c)
                for n, c in zip(frame["village_name"], frame["village_code"], strict=True)
            ],
            **({} if screen else {text("col.district"): placed("district")}),
            text("col.tambon"): placed("tambon"),
            text("col.item"): [strings.followup_text(r, lang) for r in frame.to_dict("records")],
            text("col.due"): [formats.fmt_date(d, lang) if d is not None else "" for d in frame["due"]],
            text("col.days_overdue"): frame["days_overdue"],
            text("col.officer"): frame["officer_name"].fillna(""),
        }
    )
