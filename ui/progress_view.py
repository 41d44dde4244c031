"""The village progress page's sections (:mod:`pages.progress`): the progress table with its
highlights, the follow-up list, and one village's detail. The tables come from the
session-free builders of :mod:`metrics.tables`, which the downloads and the pack also call."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from common import strings
from figures import charts
from metrics import tables
from metrics.followups import followup_page, followups
from metrics.progress import STAGE_CODES, STAGE_COLUMNS, village_progress
from metrics.scope import Scope
from metrics.trainers import trainer_list
from ui.db import cached, lazy
from ui.i18n import code_label, fmt_date, fmt_int, fmt_pct, t
from ui.meeting import followup_table, show_followups
from ui.page import TABLE_ROWS, cut_note, downloads, show_table, ui_lang

STAGE_WIDTH = 32  # px: a one-digit header and one mark


def progress_table(scope: Scope, progress: pd.DataFrame, total: int) -> None:
    """The first rows of the progress table (:func:`metrics.tables.progress_screen`), overdue
    villages and late stages marked in colour, and its download with every village."""
    table = tables.progress_screen(progress, lang=ui_lang())
    overdue = progress["status"].eq("overdue").to_numpy()
    status_colour = [charts.STATUS_COLOURS[s] for s in progress["status"]]
    status_column = t("col.status")
    stage_columns = {str(n) for n in range(1, len(STAGE_CODES) + 1)}

    def highlight(row: pd.Series) -> list[str]:
        background = "background-color: #fdecea;" if overdue[row.name] else ""
        styles = []
        for column, value in row.items():
            if column == status_column:
                styles.append(f"{background} color: {status_colour[row.name]}; font-weight: 600")
            elif column in stage_columns and value == tables.LATE:
                styles.append(f"{background} color: {charts.STATUS_COLOURS['overdue']}; font-weight: 700")
            else:
                styles.append(background)
        return styles

    st.subheader(t("progress.table"))
    st.caption(
        t("progress.table_caption")
        + " "
        + t(
            "progress.stage_legend",
            stages=" · ".join(f"{n} {t(f'stage.{s}')}" for n, s in enumerate(STAGE_CODES, start=1)),
        )
    )
    show_table(
        table.style.apply(highlight, axis=1),  # styled rows are few: at most TABLE_ROWS
        column_config={
            str(n): st.column_config.TextColumn(width=STAGE_WIDTH, help=f"{n}. {t(f'stage.{s}')}")
            for n, s in enumerate(STAGE_CODES, start=1)
        },
    )
    cut_note(len(table), total)
    downloads(
        tables.progress_download(lazy(village_progress, scope), lang=ui_lang()),
        stem="village_progress",
        scope=scope,
        sheet=t("page.progress"),
        key="dl_progress",
    )


def followup_section(scope: Scope) -> None:
    """What is overdue on the as-of date: the first rows, and a download of them all."""
    st.subheader(t("followup.header"))
    st.caption(t("followup.caption", date=fmt_date(scope.as_of)))
    # the first rows and how many there are in all, from one query
    todo, total = cached(followup_page, scope, as_of=scope.as_of, limit=TABLE_ROWS)
    if todo.empty:
        st.success(t("followup.none"), icon=":material/task_alt:")
        return
    show_followups(todo, lang=ui_lang())
    cut_note(len(todo), total)
    everything = lazy(followups, scope, as_of=scope.as_of)
    words = ui_lang()

    def followup_download() -> pd.DataFrame:
        view = followup_table(everything(), lang=words)
        days = strings.text("col.days_overdue", words)
        return tables.shape(view, [(c, c, "days" if c == days else "text") for c in view.columns], lang=words)

    downloads(
        followup_download, stem="followups", scope=scope, sheet=t("followup.header"), key="dl_followups"
    )


def village_detail(scope: Scope, progress: pd.DataFrame, total: int, days: pd.DataFrame) -> tuple[str, str]:
    """A village chosen among the rows the table shows: its stages, facts, training days and
    team. Returns its code and its label ("name (code)")."""
    st.subheader(t("progress.detail"))
    pick = progress.head(TABLE_ROWS)  # a choice among the rows the table shows
    labels = dict(
        zip(pick["village_code"], pick["village_name"] + " (" + pick["village_code"] + ")", strict=True)
    )
    if len(pick) < total:
        st.caption(t("scale.pick_cut", shown=fmt_int(len(pick))))
    chosen = st.selectbox(t("progress.pick"), list(labels), format_func=labels.get, key="progress_village")
    row = pick.set_index("village_code").loc[chosen]
    cols = st.columns(4)
    cols[0].metric(t("col.status"), code_label("status", row["status"]))
    cols[1].metric(t("col.progress"), f"{int(row['stages_done'])}/{len(STAGE_CODES)}")
    cols[2].metric(t("col.households"), fmt_int(row["households"]))
    cols[3].metric(t("col.income_change"), fmt_pct(row["income_increase_pct"], signed=True))
    st.markdown(
        " · ".join(
            f"{':material/check_box:' if row[STAGE_COLUMNS[s]] else ':material/check_box_outline_blank:'} {t(f'stage.{s}')}"
            for s in STAGE_CODES
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
        show_table(tables.trainer_table(team, lang=ui_lang(), village=False))
        st.caption(t("privacy.note"))
    return chosen, labels[chosen]
