"""The Income page keeps its built charts for reruns (ui.income_view.kept_figure): the same
numbers in the same language give the kept figure, anything else a new one, and a kept figure
is escaped as every chart on a page is (ui.page.literal_figure)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest
import streamlit as st

from figures import charts
from ui import income_view
from ui.page import literal_figure

# Two occupations with the columns occupation_bars draws: an increase of 10% over 2 households
# and 2% over 3. One name carries markup, which the chart must show as text.
OCCUPATIONS = pd.DataFrame(
    {
        "occupation": ["<b>ทอผ้า</b>", "จักสาน"],
        "income_increase_pct": [0.10, 0.02],
        "households_with_change": [2, 3],
    }
)


@pytest.fixture
def fresh(monkeypatch):
    monkeypatch.setattr(income_view, "_kept", type(income_view._kept)())
    st.session_state["lang"] = "th"
    yield
    st.session_state.pop("lang", None)


def test_the_same_numbers_in_the_same_language_give_the_kept_figure(fresh):
    first = income_view.kept_figure(charts.occupation_bars, OCCUPATIONS, target=0.03)
    again = income_view.kept_figure(charts.occupation_bars, OCCUPATIONS.copy(), target=0.03)
    assert again is first


def test_other_numbers_options_or_language_give_a_new_figure(fresh):
    first = income_view.kept_figure(charts.occupation_bars, OCCUPATIONS, target=0.03)
    changed = OCCUPATIONS.assign(households_with_change=[2, 4])  # one count differs
    assert income_view.kept_figure(charts.occupation_bars, changed, target=0.03) is not first
    assert income_view.kept_figure(charts.occupation_bars, OCCUPATIONS, target=0.05) is not first
    st.session_state["lang"] = "en"
    english = income_view.kept_figure(charts.occupation_bars, OCCUPATIONS, target=0.03)
    assert english is not first
    # the axis title is common/strings.toml's axis.change_pct in each language
    assert english.layout.xaxis.title.text != first.layout.xaxis.title.text


def test_a_kept_figure_shows_markup_in_the_data_as_text(fresh):
    figure = income_view.kept_figure(charts.occupation_bars, OCCUPATIONS, target=0.03)
    # sorted by increase: จักสาน (2%) first, then the name with markup, escaped once
    assert list(figure.data[0].y) == ["จักสาน", "&lt;b&gt;ทอผ้า&lt;/b&gt;"]
    assert income_view.kept_figure(charts.occupation_bars, OCCUPATIONS, target=0.03).data[0].y[1] == (
        "&lt;b&gt;ทอผ้า&lt;/b&gt;"
    )


def test_no_more_than_the_set_number_of_figures_are_kept(fresh, monkeypatch):
    monkeypatch.setattr(income_view, "KEPT_FIGURES", 2)
    for target in (0.01, 0.02, 0.03):
        income_view.kept_figure(charts.occupation_bars, OCCUPATIONS, target=target)
    assert len(income_view._kept) == 2


def test_a_figure_escaped_in_place_is_the_same_figure_escaped_as_a_copy_would_be():
    # a name with markup in a bar chart's categories: "&lt;i&gt;x&lt;/i&gt;" either way
    def bars():
        return go.Figure(go.Bar(x=[1], y=["<i>x</i>"]))

    copied = literal_figure(bars())
    original = bars()
    in_place = literal_figure(original, copy=False)
    assert in_place is original
    assert list(in_place.data[0].y) == list(copied.data[0].y) == ["&lt;i&gt;x&lt;/i&gt;"]
