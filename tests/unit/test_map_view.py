"""What the Overview map says and where it looks (ui/maps.py), on hand-made marks."""

from __future__ import annotations

import pandas as pd
import pytest
import streamlit as st

from metrics.maps import MapMarks
from ui.maps import marks_caption, marks_map


@pytest.fixture
def english():
    st.session_state["lang"] = "en"
    yield
    st.session_state.pop("lang", None)


@pytest.fixture
def thai():
    st.session_state["lang"] = "th"
    yield
    st.session_state.pop("lang", None)


def _frame(points: list[tuple[float, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "mark_code": [str(i) for i in range(len(points))],
            "mark_name": ["ชุมพวง"] * len(points),
            "mark_name_en": ["Chum Phuang"] * len(points),
            "lat": [p[0] for p in points],
            "lon": [p[1] for p in points],
            "villages": [1] * len(points),
            "households": [20] * len(points),
            "complete_share": [0.0] * len(points),
            "in_progress_share": [1.0] * len(points),
            "overdue_share": [0.0] * len(points),
            "not_started_share": [0.0] * len(points),
            "stages_done": [4.0] * len(points),
            "progress": [0.5] * len(points),
        }
    )


def test_the_caption_counts_villages_placed_at_their_tambon_point(english):
    marks = MapMarks("tambon", _frame([(15.3, 102.7), (15.5, 104.7)]), 4, at_tambon=1)
    assert marks_caption(marks) == (
        "Each mark is all villages of a tambon, at the mean of its villages' points, coloured by the "
        "share of its villages in each status. 4 villages (1 of them without coordinates, counted at "
        "their tambon's point); 2 marks."
    )


def test_the_caption_says_how_many_villages_are_not_shown(english):
    marks = MapMarks("village", _frame([(15.3, 102.7)] * 3), 3, unplaced=1)
    assert marks_caption(marks) == (
        "Each mark is one village. 3 villages with coordinates; 1 without coordinates not shown; 3 marks."
    )
    one = MapMarks("village", _frame([(15.3, 102.7)]), 1)
    assert marks_caption(one) == "Each mark is one village. 1 village with coordinates; 1 mark."
    st.session_state["lang"] = "th"  # the fixture removes it afterwards
    assert marks_caption(marks) == ("จุดแต่ละจุดคือหมู่บ้าน 1 แห่ง · หมู่บ้านที่มีพิกัด 3 แห่ง · ไม่มีพิกัดและไม่แสดง 1 แห่ง · 3 จุด")


def test_all_of_thailand_fits_the_first_view(thai):
    # The country's extremes: 5.7°N (Betong) to 20.4°N (Mae Sai), 97.7°E to 105.6°E. The view is
    # centred on the middle of that box, not the mean of the points (which sits in the dense
    # middle), at zoom 4: the least the map allows, 15° of latitude in about 350 pixels.
    frame = _frame([(5.7, 101.0), (20.4, 99.9), (15.0, 97.7), (15.3, 105.6)] + [(15.0, 102.0)] * 20)
    view = marks_map(MapMarks("district", frame, len(frame))).initial_view_state
    assert (view.latitude, view.longitude) == pytest.approx(((5.7 + 20.4) / 2, (97.7 + 105.6) / 2))
    assert view.zoom == 4.0
