"""ความก้าวหน้าหมู่บ้าน / Village progress: eight stages, overdue plans, the training timeline."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from metrics.progress import STAGE_COLUMNS, STAGES, training_timeline, village_progress
from metrics.trainers import trainer_list
from ui import charts
from ui.db import cached
from ui.filters import current_scope
from ui.i18n import code_label, fmt_date, fmt_pct, lang, t
from ui.page import (
    CHART_VILLAGES,
    TABLE_ROWS,
    chart_section,
    csv_bytes,
    cut_note,
    has_villages,
    header,
    show_table,
)

scope = current_scope()
header("page.progress", scope)

if has_villages(scope):
    everything = cached(village_progress, scope)
    progress = everything.head(TABLE_ROWS)  # the table shows the first rows; the download has all
    # Labels are read now: the download builds its table later, only when clicked.
    col_labels = {key: t(key) for key in ("col.village", "col.tambon", "col.status", "col.progress")}
    stage_labels = {s: t(f"stage.{s}") for s in STAGES}
    status_labels = {s: code_label("status", s) for s in charts.STATUS_COLOURS}
    stage_names = {s: code_label("stage", s) for s in STAGES}
    tambon_column = "tambon_name_en" if lang() == "en" else "tambon_name"

    def _table(progress: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame(
            {
                col_labels["col.village"]: progress["village_name"] + " (" + progress["village_code"] + ")",
                col_labels["col.tambon"]: progress[tambon_column].fillna(progress["tambon_name"]),
                col_labels["col.status"]: [
                    status_labels.get(status, status)
                    + (f": {', '.join(stage_names.get(s, s) for s in stages)}" if len(stages) else "")
                    for status, stages in zip(progress["status"], progress["overdue_stages"], strict=True)
                ],
                col_labels["col.progress"]: progress["progress"] * 100,
                **{
                    stage_labels[s]: progress[STAGE_COLUMNS[s]].map(lambda done: "✓" if done else "")
                    for s in STAGES
                },
            }
        )

    table = _table(progress)
    overdue = progress["status"].eq("overdue").to_numpy()
    status_colour = [charts.STATUS_COLOURS[s] for s in progress["status"]]
    status_column = t("col.status")

    def _highlight(row: pd.Series) -> list[str]:
        background = "background-color: #fdecea;" if overdue[row.name] else ""
        return [
            f"{background} color: {status_colour[row.name]}; font-weight: 600"
            if column == status_column
            else background
            for column in row.index
        ]

    st.subheader(t("progress.table"))
    st.caption(t("progress.table_caption"))
    show_table(
        table.style.apply(_highlight, axis=1),
        column_config={
            t("col.progress"): st.column_config.ProgressColumn(
                format="%.0f%%", min_value=0, max_value=100, width="small"
            ),
            **{t(f"stage.{s}"): st.column_config.TextColumn(width="small") for s in STAGES},
        },
    )
    cut_note(len(progress), len(everything))
    if len(progress) < len(everything):
        st.download_button(
            t("scale.download"),
            lambda: csv_bytes(_table(everything)),  # built only when clicked
            file_name="village_progress.csv",
            mime="text/csv",
            icon=":material/download:",
        )

    drawn = tuple(progress["village_code"].head(CHART_VILLAGES))
    days = cached(
        training_timeline, scope if len(everything) <= CHART_VILLAGES else replace(scope, villages=drawn)
    )
    if len(everything) > CHART_VILLAGES:
        st.caption(t("scale.timeline_cut", shown=f"{len(drawn):,}", total=f"{len(everything):,}"))
    days["village_label"] = days["village_name"]
    chart_section(
        t("progress.timeline"),
        t("progress.timeline_caption"),
        None if days.empty else charts.stage_timeline(days),
    )

    st.subheader(t("progress.detail"))
    labels = dict(
        zip(
            progress["village_code"],
            progress["village_name"] + " (" + progress["village_code"] + ")",
            strict=True,
        )
    )
    if len(progress) < len(everything):
        st.caption(t("scale.pick_cut", shown=f"{len(progress):,}"))
    chosen = st.selectbox(t("progress.pick"), list(labels), format_func=labels.get, key="progress_village")
    row = progress.set_index("village_code").loc[chosen]
    cols = st.columns(4)
    cols[0].metric(t("col.status"), code_label("status", row["status"]))
    cols[1].metric(t("col.progress"), f"{int(row['stages_done'])}/8")
    cols[2].metric(t("col.households"), f"{int(row['households']):,}")
    cols[3].metric(t("col.income_change"), fmt_pct(row["income_increase_pct"], signed=True))
    st.markdown(
        " · ".join(
            f"{':material/check_box:' if row[STAGE_COLUMNS[s]] else ':material/check_box_outline_blank:'} {t(f'stage.{s}')}"
            for s in STAGES
        )
    )
    st.caption(
        t(
            "progress.facts",
            trainers=int(row["trainers"]),
            leads=int(row["leads"]),
            households=int(row["households"]),
            days=int(row["training_days"]),
            groups=int(row["groups"]),
            links=int(row["links"]),
            followed=int(row["followed_up"]),
        )
    )
    if row["overdue_stages"]:
        st.error(
            f"{t('progress.overdue_list')}: {', '.join(code_label('stage', s) for s in row['overdue_stages'])}",
            icon=":material/alarm:",
        )
    village_days = days[days["village_code"] == chosen]
    if not village_days.empty:
        st.caption(
            " · ".join(
                t("progress.day_n", day=d, date=fmt_date(x))
                for d, x in zip(village_days["day"], village_days["date"], strict=True)
            )
        )
    team = cached(trainer_list, replace(scope, villages=(chosen,)))
    if not team.empty:
        show_table(
            pd.DataFrame(
                {
                    t("col.name"): team["name"],
                    t("col.role"): [code_label("role", r) for r in team["role"]],
                    t("col.skills"): [", ".join(s) if s is not None else "" for s in team["skills"]],
                    t("col.phone"): team["phone"],
                }
            )
        )
        st.caption(t("privacy.note"))
