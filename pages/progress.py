"""ความก้าวหน้าหมู่บ้าน / Village progress: eight stages, overdue plans, the training timeline."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import streamlit as st

from figures import charts
from metrics import tables
from metrics.followups import followups
from metrics.progress import STAGE_COLUMNS, STAGES, training_timeline, village_progress
from metrics.trainers import trainer_list
from ui.db import cached
from ui.filters import current_scope
from ui.i18n import code_label, fmt_date, fmt_pct, lang, place, t
from ui.meeting import followup_table
from ui.page import (
    CHART_VILLAGES,
    TABLE_ROWS,
    chart_section,
    cut_note,
    downloads,
    has_villages,
    header,
    show_table,
    ui_lang,
)

scope = current_scope()
header("page.progress", scope)

if has_villages(scope):
    progress = cached(village_progress, scope)
    everything = progress
    table = pd.DataFrame(
        {
            t("col.village"): progress["village_name"] + " (" + progress["village_code"] + ")",
            t("col.district"): [place(r, "district") for _, r in progress.iterrows()],
            t("col.tambon"): [place(r, "tambon") for _, r in progress.iterrows()],
            t("col.status"): [
                code_label("status", status)
                + (f": {', '.join(code_label('stage', s) for s in stages)}" if stages else "")
                for status, stages in zip(progress["status"], progress["overdue_stages"], strict=True)
            ],
            t("col.progress"): progress["progress"] * 100,
            **{
                t(f"stage.{s}"): progress[STAGE_COLUMNS[s]].map(lambda done: "✓" if done else "")
                for s in STAGES
            },
        }
    )
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
    shown = table.head(TABLE_ROWS)  # styled rows are few: a Styler over a national table fails
    show_table(
        shown.style.apply(_highlight, axis=1),
        # Widths in pixels so all 13 columns fit a 1280-pixel projector without sideways scrolling.
        column_config={
            t("col.village"): st.column_config.TextColumn(width=220),
            t("col.district"): st.column_config.TextColumn(width=90),
            t("col.tambon"): st.column_config.TextColumn(width=100),
            t("col.status"): st.column_config.TextColumn(width=240),
            t("col.progress"): st.column_config.ProgressColumn(
                format="%.0f%%", min_value=0, max_value=100, width=80
            ),
            **{t(f"stage.{s}"): st.column_config.TextColumn(width=56) for s in STAGES},
        },
    )
    cut_note(len(shown), len(table))

    export = progress.assign(
        label=table[t("col.village")],
        district=table[t("col.district")],
        tambon=table[t("col.tambon")],
        status_text=table[t("col.status")],
        **{f"s_{s}": table[t(f"stage.{s}")] for s in STAGES},
    )
    downloads(
        tables.shape(
            export,
            [
                ("label", t("col.village"), "text"),
                ("district", t("col.district"), "text"),
                ("tambon", t("col.tambon"), "text"),
                ("status_text", t("col.status"), "text"),
                ("progress", t("col.progress"), "share"),
                *((f"s_{s}", t(f"stage.{s}"), "text") for s in STAGES),
            ],
            lang=ui_lang(),
        ),
        stem="village_progress",
        scope=scope,
        sheet=t("page.progress"),
        key="dl_progress",
    )

    st.subheader(t("followup.header"))
    st.caption(t("followup.caption", date=fmt_date(scope.as_of)))
    todo = cached(followups, scope, as_of=scope.as_of)
    if todo.empty:
        st.success(t("followup.none"), icon=":material/task_alt:")
    else:
        todo_view = followup_table(todo, progress)
        show_table(todo_view)
        downloads(
            tables.shape(
                todo_view,
                [(c, c, "days" if c == t("col.days_overdue") else "text") for c in todo_view.columns],
                lang=ui_lang(),
            ),
            stem="followups",
            scope=scope,
            sheet=t("followup.header"),
            key="dl_followups",
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
        None if days.empty else charts.stage_timeline(days, lang=lang()),
    )

    st.subheader(t("progress.detail"))
    pick = progress.head(TABLE_ROWS)  # a choice among the rows the table shows
    labels = dict(
        zip(
            pick["village_code"],
            pick["village_name"] + " (" + pick["village_code"] + ")",
            strict=True,
        )
    )
    if len(pick) < len(everything):
        st.caption(t("scale.pick_cut", shown=f"{len(pick):,}"))
    chosen = st.selectbox(t("progress.pick"), list(labels), format_func=labels.get, key="progress_village")
    row = pick.set_index("village_code").loc[chosen]
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
                    t("col.skills"): [
                        ", ".join(s) if isinstance(s, list | tuple | np.ndarray) else ""
                        for s in team["skills"]
                    ],
                    t("col.phone"): team["phone"],
                }
            )
        )
        st.caption(t("privacy.note"))
