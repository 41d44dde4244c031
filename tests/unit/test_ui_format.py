"""Formatting the dashboard shows: Buddhist-era dates, percentages, thousands, tick steps."""

from __future__ import annotations

import datetime as dt

import pytest
import streamlit as st

from figures.charts import nice_step
from ui.i18n import STRINGS, fmt, fmt_baht, fmt_date, fmt_int, fmt_pct


@pytest.fixture
def thai():
    st.session_state["lang"] = "th"
    yield
    st.session_state.pop("lang", None)


@pytest.fixture
def english():
    st.session_state["lang"] = "en"
    yield
    st.session_state.pop("lang", None)


def test_thai_dates_use_the_buddhist_era(thai):
    assert fmt_date(dt.date(2017, 3, 25)) == "25 มี.ค. 2560"  # 2017 + 543
    assert fmt_date("2016-12-01") == "1 ธ.ค. 2559"
    assert fmt_date(None) == "—"


def test_english_dates_use_the_common_era(english):
    assert fmt_date(dt.date(2017, 3, 25)) == "25 Mar 2017"


def test_numbers(thai):
    assert fmt_int(1234567) == "1,234,567"
    assert fmt_baht(12500) == "12,500 บาท"
    assert fmt_pct(0.1234) == "12.3%"
    assert fmt_pct(0.03, signed=True) == "+3.0%"
    assert fmt_pct(float("nan")) == "—"
    assert fmt(0.006, "points") == "+0.6 จุด"  # the session's language through ui.i18n.fmt


def test_numbers_follow_the_session_language(english):
    assert fmt_baht(12500) == "12,500 baht"
    assert fmt(0.006, "points") == "+0.6 pts"
    assert fmt(12, "days") == "12 days"


@pytest.mark.parametrize(("top", "step"), [(2635, 1000), (10, 2), (1.3, 0.5), (100, 20)])
def test_nice_tick_steps(top, step):
    assert nice_step(top) == pytest.approx(step)


def test_every_label_has_thai_and_english():
    for key, (th, en) in STRINGS.items():
        assert th.strip() and en.strip(), key
