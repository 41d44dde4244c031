"""Plotly figure builders with one theme: one palette, status colours, Thai-friendly fonts,
axis titles with units, target lines. Each builder takes tidy frames from ``metrics`` and the
language (``lang="th"`` or ``"en"``) and returns a ``go.Figure``; it never queries and never
imports streamlit, so the pages and the meeting pack (kaleido images) draw the same figures."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from common.formats import fmt_count, fmt_date, fmt_share, format_value
from common.strings import code_label, text
from figures import fonts
from figures.fit import text_width, wrap_label

# Sarabun first (the pack's chart images find it through our fonts.conf, figures/fonts.py); a
# Thai font must come first: with a Latin-only font first, browsers fall back per glyph and can
# drop Thai tone marks (ม่วง drawn as มวง).
FONT = fonts.CSS_FAMILY
PALETTE = ["#1f6f8b", "#e07a5f", "#3d9970", "#f2cc8f", "#81b29a", "#9c6644", "#6d597a", "#577590", "#b56576"]
STATUS_COLOURS = {
    "complete": "#2e7d32",
    "in_progress": "#f0a202",
    "overdue": "#c62828",
    "not_started": "#9e9e9e",
}
NETWORK_COLOURS = dict(
    zip(
        [
            "otop",
            "market",
            "village_fund",
            "baac",
            "savings_group",
            "women_network",
            "local_gov",
            "private",
            "other",
        ],
        PALETTE,
        strict=True,
    )
)
ACTIVITY_COLOURS = {"knowledge": "#1f6f8b", "study_visit": "#e07a5f", "home_practice": "#3d9970"}
TARGET_COLOUR = "#c62828"
# The plot area of a half-width chart on a 1280-pixel screen (its narrowest): the room that
# labels beside bars take is reserved as a share of it.
PLOT_PX = 300
GOOD, MUTED = "#2e7d32", "#d0d0d0"


# The house template: Plotly's own "plotly_white", as registered (validated once, when Plotly
# loads it).
TEMPLATE = "plotly_white"


def _set_template(fig: go.Figure) -> None:
    """Give ``fig`` the house template the way Plotly gives every new figure its default one:
    the registered template, already validated, is put in as it is. Set by name
    (``update_layout(template=...)``), Plotly would copy and validate all of it again, twice,
    for every figure (a third of the cost of drawing a chart); the figure's JSON is the same."""
    layout = fig.layout
    validate = layout._validate
    layout._validate = False  # as plotly.basedatatypes.BaseFigure._initialize_layout_template
    try:
        layout.template = pio.templates[TEMPLATE]
    finally:
        layout._validate = validate


def themed(fig: go.Figure, *, height: int = 380, legend: bool = True) -> go.Figure:
    """The house look: white, large readable Thai text (projectors), compact margins. Every
    axis the figure has gets the same fonts and title spacing. One update of the layout (each
    of Plotly's updates goes through its whole layout)."""
    _set_template(fig)
    axis_text = {"family": FONT, "size": 13, "color": "#333"}
    axis = {
        "automargin": True,
        "title": {"standoff": 10, "font": {"size": 14, "color": "#333"}},
        "tickfont": axis_text,
    }
    axes = [*fig.select_xaxes(), *fig.select_yaxes()]
    fig.update_layout(
        font={"family": FONT, "size": 14, "color": "#222"},
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        colorway=PALETTE,
        showlegend=legend,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0, "title": None},
        hoverlabel={"font": {"family": FONT}},
        **{a.plotly_name: axis for a in axes},
    )
    return fig


def nice_step(top: float, ticks: int = 5) -> float:
    """A round tick step (1, 2 or 5 × 10ⁿ) giving about ``ticks`` ticks up to ``top``."""
    raw = max(top, 1e-9) / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def funnel(frame: pd.DataFrame, *, lang: str = "th") -> go.Figure:
    """The programme funnel, one bar per step, each with its unit; household steps also show
    their share of all target households on a second line, saying so: "542 ครัวเรือน" over
    "85% ของทั้งหมด" ("of all", against the Overview card's "of those surveyed after training")."""
    counts = dict(zip(frame["step"], frame["count"], strict=True))
    households = counts.get("households") or 0
    labels, texts, shares = [], [], []
    for step, count in counts.items():
        unit = text(
            f"unit.{'villages' if step == 'villages' else 'people' if step == 'trainers' else 'households'}",
            lang,
        )
        labels.append(text(f"funnel.{step}", lang))
        texts.append(f"{fmt_count(count, lang)} {unit}")
        # The denominator is said beside the share, on a second line: the Overview's card for
        # the same step counts over households surveyed after training, this over all target
        # households.
        shares.append(
            text("funnel.share_of_all", lang, share=fmt_share(count / households, lang, digits=0))
            if households and step not in ("villages", "trainers", "households")
            else ""
        )
    fig = go.Figure(
        go.Funnel(
            y=labels,
            x=list(counts.values()),
            text=texts,
            customdata=shares,
            # The template is the chart's own (its <br> a line break); the texts are data.
            texttemplate=["%{text}<br>%{customdata}" if share else "%{text}" for share in shares],
            textinfo="text",
            textposition="auto",
            textfont={"family": FONT, "size": 14},
            marker={"color": PALETTE[: len(frame)]},
            connector={"line": {"color": "#ccc"}},
            hovertemplate="%{y}: %{x:,}<extra></extra>",
            cliponaxis=False,
        )
    )
    # Bars are centred on 0; room on the right for the labels of the bars too narrow to hold
    # them ("332 ครัวเรือน (52%)" was cut at the chart's edge in a half-width column): the
    # longest label line's share of the plot's width, as in occupation_bars.
    widest = max((float(c) for c in counts.values()), default=0.0) or 1.0
    # (The funnel's step names take more of its width than other charts' labels: 260 px left.)
    longest = max(text_width(line, size=14) for line in texts + shares)
    share = min((longest + 10) / (PLOT_PX - 40), 0.65)
    fig.update_xaxes(range=[-widest / 2 * 1.02, widest / 2 + widest * 1.01 * share / (1 - share)])
    return themed(fig, height=400, legend=False)


def district_bars(frame: pd.DataFrame, *, name_column: str, lang: str = "th") -> go.Figure:
    """Grouped bars per district: mean progress, income increase and practising share (%)."""
    fig = go.Figure()
    for column, key, colour in (
        ("mean_progress", "col.progress", PALETTE[0]),
        ("income_increase_pct", "col.income_change", PALETTE[1]),
        ("practising_share", "col.practising", PALETTE[2]),
    ):
        values = frame[column].astype(float) * 100
        fig.add_bar(
            x=frame[name_column],
            y=values,
            name=text(key, lang),
            marker_color=colour,
            text=[format_value(v, "share", lang) for v in frame[column]],
            textposition="outside",
            hovertemplate="%{x}: %{y:.1f}%<extra>" + text(key, lang) + "</extra>",
        )
    fig.update_layout(barmode="group", yaxis_title=text("axis.share", lang), yaxis_range=[0, 115])
    return themed(fig, height=360)


def date_axis(fig: go.Figure, dates: pd.Series, *, axis: str = "x", lang: str = "th") -> None:
    """Date ticks labelled in ``lang``: Buddhist-era years in Thai."""
    values = pd.to_datetime(dates.dropna())
    if values.empty:
        return
    start, end = values.min().normalize(), values.max().normalize()
    days = max((end - start).days, 1)
    step = 7 if days <= 70 else 14 if days <= 180 else 30 if days <= 540 else 90
    ticks = pd.date_range(start, end + pd.Timedelta(days=step), freq=f"{step}D")
    getattr(fig, f"update_{axis}axes")(tickvals=list(ticks), ticktext=[fmt_date(d, lang) for d in ticks])


def stage_timeline(frame: pd.DataFrame, *, lang: str = "th") -> go.Figure:
    """Training days (x = date) per village (y), coloured by activity."""
    fig = go.Figure()
    for activity, rows in frame.groupby("activity", sort=False):
        fig.add_scatter(
            x=rows["date"],
            y=rows["village_label"],
            mode="markers",
            name=code_label("activity", activity, lang),
            marker={
                "size": 10,
                "color": ACTIVITY_COLOURS.get(activity, PALETTE[4]),
                "symbol": "square",
                "line": {"color": "white", "width": 1},
            },
            customdata=[[d, fmt_date(x, lang)] for d, x in zip(rows["day"], rows["date"], strict=True)],
            hovertemplate="%{y}<br>"
            + text("col.day", lang)
            + " %{customdata[0]}: %{customdata[1]}<br>"
            + code_label("activity", activity, lang)
            + "<extra></extra>",
        )
    villages = frame["village_label"].nunique()
    fig.update_yaxes(
        categoryorder="array", categoryarray=sorted(frame["village_label"].unique(), reverse=True), title=None
    )
    fig.update_xaxes(title=text("axis.date", lang))
    date_axis(fig, frame["date"], lang=lang)
    return themed(fig, height=max(300, 26 * villages + 90))


def change_histogram(changes: pd.Series, *, target: float, lang: str = "th") -> go.Figure:
    """Households by % income change, with the target line (the catalogue's, a fraction)."""
    values = changes.dropna().astype(float) * 100
    fig = go.Figure(
        go.Histogram(
            x=values,
            nbinsx=30,
            marker_color=PALETTE[0],
            marker_line={"color": "white", "width": 1},
            hovertemplate="%{x}%<br>" + text("axis.households", lang) + ": %{y}<extra></extra>",
        )
    )
    fig.add_vline(
        x=target * 100,
        line={"color": TARGET_COLOUR, "dash": "dash", "width": 2},
        annotation_text=format_value(target, "change", lang, digits=0),
        annotation_position="top right",
    )
    fig.add_vline(x=0, line={"color": "#555", "width": 1})
    fig.update_layout(
        xaxis_title=text("axis.change_pct", lang), yaxis_title=text("axis.households", lang), bargap=0.05
    )
    return themed(fig, legend=False)


def dumbbell(frame: pd.DataFrame, *, lang: str = "th") -> go.Figure:
    """Mean income at baseline and latest round per village, joined by a line."""
    frame = frame.sort_values("mean_latest_income")
    fig = go.Figure()
    for _, row in frame.iterrows():
        colour = GOOD if row["mean_latest_income"] >= row["mean_baseline_income"] else TARGET_COLOUR
        fig.add_scatter(
            x=[row["mean_baseline_income"], row["mean_latest_income"]],
            y=[row["label"], row["label"]],
            mode="lines",
            line={"color": colour, "width": 3},
            showlegend=False,
            hoverinfo="skip",
        )
    fig.add_scatter(
        x=frame["mean_baseline_income"],
        y=frame["label"],
        mode="markers",
        name=text("income.baseline", lang),
        marker={"size": 10, "color": "white", "line": {"color": "#555", "width": 2}},
        hovertemplate="%{y}<br>" + text("income.baseline", lang) + ": %{x:,.0f}<extra></extra>",
    )
    fig.add_scatter(
        x=frame["mean_latest_income"],
        y=frame["label"],
        mode="markers",
        name=text("income.latest", lang),
        marker={"size": 11, "color": PALETTE[0]},
        hovertemplate="%{y}<br>" + text("income.latest", lang) + ": %{x:,.0f}<extra></extra>",
    )
    fig.update_layout(xaxis_title=text("axis.mean_income", lang), xaxis_tickformat=",")
    fig.update_yaxes(title=None)
    return themed(fig, height=max(320, 24 * len(frame) + 100))


def jpt_scatter(frame: pd.DataFrame, *, line: float, lang: str = "th") -> go.Figure:
    """Per-person income, baseline (x) against latest (y), with the จปฐ. line on both axes."""
    above = frame["latest_per_person"] >= line
    fig = go.Figure()
    line_name = text("income.jpt_short", lang)
    for mask, name, colour in ((above, f"≥ {line_name}", GOOD), (~above, f"< {line_name}", PALETTE[0])):
        rows = frame[mask]
        fig.add_scatter(
            x=rows["baseline_per_person"],
            y=rows["latest_per_person"],
            mode="markers",
            name=f"{name} ({len(rows)})",
            marker={"color": colour, "size": 7, "opacity": 0.75},
            hovertemplate="%{x:,.0f} → %{y:,.0f}<extra></extra>",
        )
    top = float(np.nanmax([frame["baseline_per_person"].max(), frame["latest_per_person"].max(), line * 1.2]))
    fig.add_hline(
        y=line,
        line={"color": TARGET_COLOUR, "dash": "dash"},
        annotation_text=f"{line_name} {fmt_count(line, lang)}",
        annotation_position="top left",
    )
    fig.add_vline(x=line, line={"color": TARGET_COLOUR, "dash": "dot", "width": 1})
    fig.add_scatter(
        x=[0, top],
        y=[0, top],
        mode="lines",
        line={"color": "#bbb", "width": 1},
        showlegend=False,
        hoverinfo="skip",
    )
    fig.update_layout(
        xaxis_title=f"{text('income.baseline', lang)}: {text('axis.per_person', lang)}",
        yaxis_title=f"{text('income.latest', lang)}: {text('axis.per_person', lang)}",
        xaxis_tickformat=",",
        yaxis_tickformat=",",
    )
    return themed(fig, height=420)


def occupation_bars(frame: pd.DataFrame, *, target: float, lang: str = "th") -> go.Figure:
    """Income increase (%) by occupation, with the target line (the catalogue's, a fraction)."""
    frame = frame.dropna(subset=["income_increase_pct"]).sort_values("income_increase_pct")
    values = frame["income_increase_pct"].astype(float) * 100
    labels = [
        f"{format_value(v, 'change', lang)} (n={fmt_count(n, lang)})"
        for v, n in zip(frame["income_increase_pct"], frame["households_with_change"], strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=frame["occupation"],
            orientation="h",
            marker_color=[GOOD if v >= target * 100 else "#f0a202" for v in values],
            text=labels,
            textposition="outside",
            hovertemplate="%{y}: %{x:.1f}%<extra></extra>",
        )
    )
    fig.add_vline(x=target * 100, line={"color": TARGET_COLOUR, "dash": "dash"})
    low, high = min(0.0, float(values.min())), max(float(values.max()), target * 100)
    # Room for the labels beside the bars, right of positive ones and left of negative ones
    # ("-2.0% (n=1)" was cut at the chart's left edge): as a share of the plot's width.
    label_px = max(text_width(label, size=14) for label in labels) + 8
    left, right = (label_px if low < 0 else 0.0), label_px
    total = (high - low) / max(1 - (left + right) / PLOT_PX, 0.3)
    fig.update_traces(cliponaxis=False)
    fig.update_layout(
        xaxis_title=text("axis.change_pct", lang),
        xaxis_range=[low - total * left / PLOT_PX, high + total * right / PLOT_PX],
    )
    fig.update_yaxes(title=None)
    return themed(fig, height=max(300, 30 * len(frame) + 100), legend=False)


def sustainability_bars(frame: pd.DataFrame, *, lang: str = "th") -> go.Figure:
    """Mean income of the same households, round by round (bars from zero, baht/year), with
    the share still practising written inside each bar."""
    rounds = [code_label("round", r, lang) for r in frame["round"]]
    positions = list(range(len(rounds)))
    fig = go.Figure(
        go.Bar(
            x=positions,
            y=frame["mean_income"],
            customdata=rounds,
            marker_color=[MUTED, *PALETTE[: len(frame) - 1]],
            text=[fmt_count(v, lang) for v in frame["mean_income"]],
            textposition="outside",
            cliponaxis=False,
            textfont={"size": 14},
            hovertemplate="%{customdata}: %{y:,.0f}<extra></extra>",
        )
    )
    for position, income, share in zip(
        positions, frame["mean_income"], frame["practising_share"], strict=True
    ):
        if not pd.isna(share):
            fig.add_annotation(
                x=position,
                y=income / 2,
                text=f"<b>{fmt_share(share, lang, digits=0)}</b><br>{text('income.practising_short', lang)}",
                showarrow=False,
                font={"color": "white", "size": 13},
            )
    fig.update_layout(
        yaxis={
            "title": text("axis.mean_income", lang),
            "tickformat": ",",
            "range": [0, float(frame["mean_income"].max()) * 1.15],
        }
    )
    # Round names on two lines where wider than their bar ("ติดตาม<br>12 เดือน"): the bars stand
    # at positions 0, 1, … and the names are tick text (data strings are escaped, <br> too).
    fig.update_xaxes(
        title=None, tickangle=0, tickvals=positions, ticktext=[wrap_label(r, 80) for r in rounds]
    )
    return themed(fig, height=380, legend=False)


def team_bars(frame: pd.DataFrame, *, target: int, lang: str = "th") -> go.Figure:
    """Trainers per village (horizontal) against the target; villages without a lead in red."""
    frame = frame.iloc[::-1]
    colours = [GOOD if full else TARGET_COLOUR for full in frame["full_team"]]
    fig = go.Figure(
        go.Bar(
            y=frame["label"],
            x=frame["trainers"],
            orientation="h",
            marker_color=colours,
            text=frame["trainers"],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.add_vline(x=target, line={"color": "#333", "dash": "dash"})
    fig.update_layout(
        xaxis_title=text("axis.trainers", lang),
        xaxis_range=[0, max(target, int(frame["trainers"].max() or 0)) + 1],
    )
    fig.update_yaxes(title=None)
    return themed(fig, height=max(320, 22 * len(frame) + 90), legend=False)


def hpt_bars(frame: pd.DataFrame, *, target: float, lang: str = "th") -> go.Figure:
    """Households per trainer per village (horizontal), with the at-most target (the catalogue's)."""
    frame = frame.iloc[::-1]
    values = frame["households_per_trainer"].astype(float)
    fig = go.Figure(
        go.Bar(
            y=frame["label"],
            x=values,
            orientation="h",
            marker_color=[GOOD if v <= target else TARGET_COLOUR for v in values.fillna(1e9)],
            text=[format_value(v, "ratio", lang) for v in values],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:.1f}<extra></extra>",
        )
    )
    fig.add_vline(x=target, line={"color": "#333", "dash": "dash"})
    top = float(np.nanmax([values.max(), target]))
    fig.update_layout(xaxis_title=text("axis.hpt", lang), xaxis_range=[0, top * 1.2])
    fig.update_yaxes(title=None)
    return themed(fig, height=max(320, 22 * len(frame) + 90), legend=False)


def skill_heatmap(frame: pd.DataFrame, *, lang: str = "th") -> go.Figure:
    """Occupations (rows) × trainer skills (columns): households; matching cells outlined."""
    table = frame.pivot_table(
        index="occupation", columns="skill", values="households", aggfunc="sum", fill_value=0
    )
    fig = go.Figure(
        go.Heatmap(
            z=table.values,
            x=list(table.columns),
            y=list(table.index),
            colorscale="Blues",
            text=table.values,
            texttemplate="%{text}",
            hovertemplate="%{y} × %{x}: %{z}<extra></extra>",
            colorbar={"title": {"text": text("axis.households", lang)}},
        )
    )
    for i, occupation in enumerate(table.index):
        for j, skill in enumerate(table.columns):
            if str(occupation).strip().lower() == str(skill).strip().lower():
                fig.add_shape(
                    type="rect",
                    x0=j - 0.5,
                    x1=j + 0.5,
                    y0=i - 0.5,
                    y1=i + 0.5,
                    line={"color": TARGET_COLOUR, "width": 3},
                )
    fig.update_xaxes(tickangle=-35, title=text("trainers.axis_skill", lang), side="bottom")
    fig.update_yaxes(title=text("trainers.axis_occupation", lang))
    return themed(fig, height=max(320, 34 * len(table.index) + 160), legend=False)


def five_k_heatmap(frame: pd.DataFrame, *, lang: str = "th") -> go.Figure:
    """Groups (rows) × the five criteria (columns), green = met."""
    columns = ["k_members", "k_committee", "k_rules", "k_fund", "k_activities"]
    z = frame[columns].astype(int).to_numpy()
    labels = [text(f"k.{c}", lang) for c in columns]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=labels,
            y=frame["label"],
            colorscale=[[0, MUTED], [1, GOOD]],
            zmin=0,
            zmax=1,
            showscale=False,
            text=np.where(z == 1, "✓", "–"),
            texttemplate="%{text}",
            textfont={"size": 14},
            xgap=2,
            ygap=2,
            hovertemplate="%{y}<br>%{x}: %{text}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(side="top", title=None)
    return themed(fig, height=max(280, 26 * len(frame) + 90), legend=False)


def network_bars(frame: pd.DataFrame, *, lang: str = "th") -> go.Figure:
    """Links per network type (bars, left axis) and sales through them (diamonds, right axis,
    thousand baht/year)."""
    labels = [code_label("network", n, lang) for n in frame["network"]]
    positions = list(range(len(labels)))
    sales = frame["sales_baht"].fillna(0).astype(float) / 1000
    fig = go.Figure()
    fig.add_bar(
        x=positions,
        y=frame["links"],
        customdata=labels,
        name=text("groups.links_count", lang),
        marker_color=PALETTE[0],
        text=frame["links"],
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{customdata}: %{y:,}<extra></extra>",
    )
    fig.add_scatter(
        x=positions,
        customdata=labels,
        y=sales,
        name=text("groups.sales_k", lang),
        yaxis="y2",
        mode="markers",
        marker={"size": 12, "color": PALETTE[1], "symbol": "diamond"},
        hovertemplate="%{customdata}: %{y:,.0f}<extra></extra>",
    )
    fig.update_layout(
        yaxis={"title": text("groups.links_count", lang), "range": [0, float(frame["links"].max()) * 1.25]},
        yaxis2={
            "title": text("groups.sales_k", lang),
            "overlaying": "y",
            "side": "right",
            "tickformat": ",.0f",
            "showgrid": False,
            "range": [0, max(float(sales.max()), 1) * 1.25],
            "dtick": nice_step(max(float(sales.max()), 1) * 1.25),
        },
    )
    # Level names, on two lines where needed (tilted Thai names were cut at the chart's bottom
    # edge): the bars stand at 0, 1, … and the names are tick text, as in sustainability_bars.
    fig.update_xaxes(tickangle=0, tickvals=positions, ticktext=[wrap_label(label, 70) for label in labels])
    return themed(fig, height=360)


def network_graph(nodes: pd.DataFrame, edges: pd.DataFrame, *, lang: str = "th") -> go.Figure:
    """A layered graph: villages (left) → groups (middle) → partners (right)."""
    column = {"village": 0.0, "group": 1.0, "partner": 2.0}
    pos: dict[str, tuple[float, float]] = {}
    for kind, x in column.items():
        ids = list(nodes.loc[nodes["kind"] == kind, "id"])
        for i, node_id in enumerate(ids):
            pos[node_id] = (x, 1 - (i + 0.5) / max(len(ids), 1))
    fig = go.Figure()
    for network, rows in edges.groupby(edges["network"].fillna("village"), sort=False):
        xs: list[Any] = []
        ys: list[Any] = []
        for source, target in zip(rows["source"], rows["target"], strict=True):
            if source in pos and target in pos:
                xs += [pos[source][0], pos[target][0], None]
                ys += [pos[source][1], pos[target][1], None]
        colour = "#bbb" if network == "village" else NETWORK_COLOURS.get(network, PALETTE[0])
        fig.add_scatter(
            x=xs,
            y=ys,
            mode="lines",
            line={"color": colour, "width": 1.5},
            hoverinfo="skip",
            name=code_label("network", network, lang)
            if network != "village"
            else text("funnel.villages", lang),
            showlegend=network != "village",
        )
    symbols = {"village": "square", "group": "circle", "partner": "diamond"}
    for kind, x in column.items():
        rows = nodes[nodes["kind"] == kind]
        fig.add_scatter(
            x=[pos[i][0] for i in rows["id"]],
            y=[pos[i][1] for i in rows["id"]],
            mode="markers" if kind == "group" else "markers+text",
            showlegend=False,
            text=rows["label"],
            textposition="middle left" if x == 0 else "middle right",
            textfont={"size": 11},
            marker={
                "size": 11,
                "symbol": symbols[kind],
                "color": PALETTE[int(x) * 2],
                "line": {"color": "white", "width": 1},
            },
            hovertemplate="%{text}<extra></extra>",
        )
    fig.update_xaxes(visible=False, range=[-0.9, 3.4])
    fig.update_yaxes(visible=False, range=[-0.02, 1.02])
    height = max(420, 21 * int(nodes["kind"].value_counts().max() if len(nodes) else 0) + 80)
    themed(fig, height=height)
    # The legend (up to nine network types) below the graph: on top it ran under the toolbar.
    fig.update_layout(legend={"yanchor": "top", "y": -0.01, "xanchor": "left", "x": 0})
    return fig


CHANNEL_COLOURS = {
    "line": "#06c755",
    "photo": "#577590",
    "document": "#9c6644",
    "visit": "#6d597a",
    "meeting": "#f2cc8f",
}


def reports_bars(frame: pd.DataFrame, *, lang: str = "th") -> go.Figure:
    """Reports per month, stacked by channel."""
    fig = go.Figure()
    for channel, rows in frame.groupby("channel", sort=True):
        by_month = rows.groupby("month_label", sort=False)["reports"].sum()
        fig.add_bar(
            x=list(by_month.index),
            y=list(by_month.values),
            name=code_label("channel", channel, lang),
            marker_color=CHANNEL_COLOURS.get(channel, MUTED),
        )
    fig.update_layout(barmode="stack", yaxis_title=text("axis.reports", lang))
    fig.update_xaxes(
        title=None,
        categoryorder="array",
        categoryarray=list(dict.fromkeys(frame.sort_values("month")["month_label"])),
    )
    return themed(fig, height=340)


def cohort_lines(
    frame: pd.DataFrame, *, measure: str = "practising_share", lang: str = "th"
) -> go.Figure | None:
    """One line per cohort (fiscal year) over months since training (rows of
    :func:`metrics.cohorts.cohorts`): ``measure`` in %, a point only where the cohort reached
    the month and something was counted. The latest cohort is drawn bold in the first colour,
    the earlier ones thinner in muted colours. None when there is nothing to draw."""
    if frame.empty or frame[measure].isna().all():
        return None
    years = sorted(int(y) for y in frame["fiscal_year"].unique())
    current = years[-1]
    earlier_colours = ["#8d99ae", "#b0a8b9", "#c9ada7", "#adb5bd"]
    fig = go.Figure()
    for i, year in enumerate(years):
        rows = frame[frame["fiscal_year"] == year].sort_values("months")
        name = text("cohorts.cohort", lang, year=year)
        latest = year == current
        if latest:
            name = text("cohorts.current", lang, name=name)
        colour = PALETTE[0] if latest else earlier_colours[(len(years) - 2 - i) % len(earlier_colours)]
        values = [None if pd.isna(v) else float(v) * 100 for v in rows[measure]]
        fig.add_scatter(
            x=rows["months"].tolist(),
            y=values,
            name=name,
            mode="lines+markers",
            line={"color": colour, "width": 4 if latest else 2},
            marker={"size": 9 if latest else 6, "color": colour},
            customdata=[
                [format_value(v, "share", lang), text("cohorts.hover_villages", lang, n=fmt_count(n, lang))]
                for v, n in zip(rows[measure], rows["villages"], strict=True)
            ],
            hovertemplate="%{x}: %{customdata[0]} (%{customdata[1]})<extra>" + name + "</extra>",
            connectgaps=False,
        )
    months = sorted(int(m) for m in frame["months"].unique())
    fig.update_xaxes(
        title_text=text("cohorts.axis_months", lang),
        tickmode="array",
        tickvals=months,
        range=[-0.5, max(months) + 0.5],
    )
    # from 0 (or below, for a fall in income), so a gap of one point does not fill the chart;
    # shares up to 100%, the income change up to a little above its highest value
    shown = frame[measure].dropna() * 100
    top, low = float(shown.max()), min(0.0, float(shown.min()))
    income = measure == "income_increase_pct"
    fig.update_yaxes(
        title_text=text("axis.change_pct" if income else "axis.share", lang),
        range=[low * 1.1, max(top, 1.0) * 1.25] if income else [low, 105],
    )
    return themed(fig, height=360)
