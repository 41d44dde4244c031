"""The house look (figures.charts.themed) puts Plotly's registered "plotly_white" template in as
Plotly does for a new figure's default, and sets the fonts of every axis in one layout update.
Every builder's figure must be the same, data and layout, as with the look set the way it was
before (by name and by update_xaxes/update_yaxes, kept here as ``themed_before``)."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from figures import charts


def themed_before(fig: go.Figure, *, height: int = 380, legend: bool = True) -> go.Figure:
    """figures.charts.themed as it was before issue 18 part 4."""
    fig.update_layout(
        template="plotly_white",
        font={"family": charts.FONT, "size": 14, "color": "#222"},
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        colorway=charts.PALETTE,
        showlegend=legend,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0, "title": None},
        hoverlabel={"font": {"family": charts.FONT}},
    )
    axis_text = {"family": charts.FONT, "size": 13, "color": "#333"}
    fig.update_xaxes(
        automargin=True, title_standoff=10, tickfont=axis_text, title_font={"size": 14, "color": "#333"}
    )
    fig.update_yaxes(
        automargin=True, title_standoff=10, tickfont=axis_text, title_font={"size": 14, "color": "#333"}
    )
    return fig


# One small frame for every builder (two villages, districts, rounds... each), with a name that
# carries markup where a builder shows names.
BUILDS = {
    "funnel": lambda: charts.funnel(
        pd.DataFrame(
            {
                "step": ["villages", "trainers", "households", "trained", "practising"],
                "count": [2, 10, 40, 30, 20],
            }
        )
    ),
    "district_bars": lambda: charts.district_bars(
        pd.DataFrame(
            {
                "district_name": ["ชุมพวง", "<b>ม่วง</b>"],
                "mean_progress": [0.5, 0.25],
                "income_increase_pct": [0.031, float("nan")],
                "practising_share": [0.9, 0.8],
            }
        ),
        name_column="district_name",
    ),
    "stage_timeline": lambda: charts.stage_timeline(
        pd.DataFrame(
            {
                "village_label": ["บ้านเอ", "บ้านบี"],
                "date": pd.to_datetime(["2017-03-01", "2017-03-10"]),
                "day": [1, 4],
                "activity": ["knowledge", "study_visit"],
            }
        )
    ),
    "change_histogram": lambda: charts.change_histogram(pd.Series([0.1, -0.05, 0.3, None]), target=0.02),
    "dumbbell": lambda: charts.dumbbell(
        pd.DataFrame(
            {
                "label": ["เอ", "บี"],
                "mean_baseline_income": [100.0, 200.0],
                "mean_latest_income": [150.0, 180.0],
            }
        )
    ),
    "jpt_scatter": lambda: charts.jpt_scatter(
        pd.DataFrame({"baseline_per_person": [30000.0, 50000.0], "latest_per_person": [35000.0, 45000.0]}),
        line=38000.0,
    ),
    "occupation_bars": lambda: charts.occupation_bars(
        pd.DataFrame(
            {
                "occupation": ["ทำนา", "ค้าขาย"],
                "income_increase_pct": [0.1, -0.02],
                "households_with_change": [2, 3],
            }
        ),
        target=0.05,
    ),
    "sustainability_bars": lambda: charts.sustainability_bars(
        pd.DataFrame(
            {
                "round": ["baseline", "post"],
                "mean_income": [100000.0, 120000.0],
                "practising_share": [None, 0.8],
            }
        )
    ),
    "team_bars": lambda: charts.team_bars(
        pd.DataFrame({"label": ["เอ", "บี"], "trainers": [5, 2], "full_team": [True, False]}), target=5
    ),
    "hpt_bars": lambda: charts.hpt_bars(
        pd.DataFrame({"label": ["เอ", "บี"], "households_per_trainer": [8.0, 15.0]}), target=10.0
    ),
    "skill_heatmap": lambda: charts.skill_heatmap(
        pd.DataFrame({"occupation": ["ทำนา", "ค้าขาย"], "skill": ["ทำนา", "บัญชี"], "households": [3, 4]})
    ),
    "five_k_heatmap": lambda: charts.five_k_heatmap(
        pd.DataFrame(
            {
                "label": ["กลุ่มเอ", "กลุ่มบี"],
                "k_members": [1, 0],
                "k_committee": [1, 1],
                "k_rules": [0, 1],
                "k_fund": [1, 0],
                "k_activities": [0, 0],
            }
        )
    ),
    # two y axes: both get the house fonts
    "network_bars": lambda: charts.network_bars(
        pd.DataFrame({"network": ["otop", "baac"], "links": [3, 1], "sales_baht": [12000.0, None]})
    ),
    "network_graph": lambda: charts.network_graph(
        pd.DataFrame(
            {"id": ["v1", "g1", "p1"], "kind": ["village", "group", "partner"], "label": ["เอ", "กลุ่ม", "ร้าน"]}
        ),
        pd.DataFrame({"source": ["v1", "g1"], "target": ["g1", "p1"], "network": [None, "otop"]}),
    ),
    "reports_bars": lambda: charts.reports_bars(
        pd.DataFrame(
            {
                "channel": ["line", "photo"],
                "month": ["2017-03", "2017-04"],
                "month_label": ["มี.ค. 60", "เม.ย. 60"],
                "reports": [4, 2],
            }
        )
    ),
    "cohort_lines": lambda: charts.cohort_lines(
        pd.DataFrame(
            {
                "fiscal_year": [2560, 2560, 2561],
                "months": [0, 6, 0],
                "villages": [2, 2, 3],
                "practising_share": [0.5, 0.75, 0.6],
            }
        )
    ),
}


def sent(fig: go.Figure) -> dict:
    """The figure as Streamlit sends it to the browser (st.plotly_chart: plotly.io.to_json)."""
    return json.loads(pio.to_json(fig, validate=False))


@pytest.mark.parametrize("name", sorted(BUILDS))
def test_every_builder_draws_the_same_figure_as_before(name, monkeypatch):
    now = sent(BUILDS[name]())
    monkeypatch.setattr(charts, "themed", themed_before)
    before = sent(BUILDS[name]())
    assert now["layout"] == before["layout"]
    assert now["data"] == before["data"]


def test_the_template_is_plotly_white_as_registered():
    fig = charts.themed(go.Figure(go.Bar(x=["a"], y=[1])))
    assert fig.to_dict()["layout"]["template"] == pio.templates["plotly_white"].to_plotly_json()


def test_a_figure_never_changes_the_registered_template():
    fig = charts.themed(go.Figure(go.Bar(x=["a"], y=[1])))
    registered = pio.templates["plotly_white"].layout.font.color  # "#2a3f5f" in Plotly's own
    fig.layout.template.layout.font.color = "#ff0000"
    assert pio.templates["plotly_white"].layout.font.color == registered
    assert charts.themed(go.Figure()).layout.template.layout.font.color == registered


def test_a_themed_figure_still_validates_what_is_set_on_it():
    # the template goes in unvalidated (it was validated when registered), nothing else does
    fig = charts.themed(go.Figure())
    with pytest.raises(ValueError, match="height"):
        fig.update_layout(height=3)  # Plotly's minimum is 10 pixels
