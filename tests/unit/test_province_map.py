"""The province choropleth (figures/provinces.py) and the outlines under the village map
(ui/maps.py), on hand-made values."""

from __future__ import annotations

import json

import pandas as pd
import pydeck as pdk
import pytest

from data_loaders.reference.outlines import outlines, province_codes
from figures.provinces import (
    LAYER_ID,
    NO_VALUE,
    NO_VILLAGES,
    OUTLINE_LAYER_ID,
    CompactDeck,
    class_index,
    layer_bytes,
    legend,
    outline_layer,
    province_deck,
    rgb,
)

MAX_LAYER_BYTES = 250_000

# Two provinces in scope: Nakhon Ratchasima (30) with 40% of its villages overdue, Ubon
# Ratchathani (34) with 90%; Chiang Mai (50) has villages but no value (no surveys yet).
VALUES = pd.DataFrame({"code": ["30", "34", "50"], "villages": [10, 20, 5], "value": [0.4, 0.9, None]})


def _layer(deck) -> dict:
    spec = json.loads(deck.to_json())
    return next(layer for layer in spec["layers"] if layer["id"] == LAYER_ID)


def _fills(deck) -> dict[str, list[int]]:
    return {f["properties"]["code"]: f["properties"]["fill"] for f in _layer(deck)["data"]["features"]}


def test_all_77_provinces_are_drawn():
    fills = _fills(province_deck(VALUES, "overdue_share", lang="th"))
    assert len(fills) == 77
    assert "10" in fills and "96" in fills  # Bangkok and Narathiwat, first and last codes


def test_colours_come_from_the_legend_classes_and_the_rest_is_grey():
    deck = province_deck(VALUES, "overdue_share", lang="en")
    fills = _fills(deck)
    classes = legend("overdue_share", "en")
    assert [c.label for c in classes] == [
        "below 20%",
        "20% to under 40%",
        "40% to under 60%",
        "60% to under 80%",
        "80% or more",
        "no data yet",
        "no villages in scope",
    ]
    legend_colours = {tuple(rgb(c.colour, 220)) for c in classes}
    assert all(tuple(fill) in legend_colours for fill in fills.values())
    # 0.4 is in the third class [40%, 60%); 0.9 in the fifth, 80% or more.
    assert fills["30"] == rgb(classes[2].colour, 220)
    assert fills["34"] == rgb(classes[4].colour, 220)
    assert fills["50"] == rgb(NO_VALUE, 220)
    grey = rgb(NO_VILLAGES, 220)
    assert {code for code, fill in fills.items() if fill != grey} == {"30", "34", "50"}
    assert classes[-1].colour == NO_VILLAGES


@pytest.mark.parametrize(
    ("value", "measure", "expected"),
    [
        (0.0, "practising_share", 0),
        (0.2, "practising_share", 1),  # a break belongs to the class above it
        (0.85, "practising_share", 4),
        (1.0, "practising_share", 4),
        (-0.05, "income_increase_pct", 0),  # a fall in income
        (0.03, "income_increase_pct", 2),  # the 3% target starts the third class
        (0.25, "income_increase_pct", 4),
    ],
)
def test_class_index(value, measure, expected):
    assert class_index(value, measure) == expected


def test_layer_is_compact_and_small_and_the_tooltip_is_text_only():
    deck = province_deck(VALUES, "practising_share", lang="th")
    text = deck.to_json()
    assert "\n" not in text and ": " not in text.split('"data"')[0]  # compact, not indented
    assert layer_bytes(deck) <= MAX_LAYER_BYTES
    assert set(deck._tooltip) == {"text", "style"}
    assert "{name}" in deck._tooltip["text"] and "html" not in deck._tooltip
    spec = json.loads(text)
    assert "mapStyle" not in spec  # no basemap: the outlines are the map
    features = _layer(deck)["data"]["features"]
    bangkok = next(f for f in features if f["properties"]["code"] == "10")
    assert bangkok["properties"]["name"] == "กรุงเทพมหานคร"
    assert bangkok["properties"]["villages_label"] == "0"
    assert bangkok["properties"]["value_label"] == "ไม่มีหมู่บ้านในขอบเขต"


def test_village_map_has_the_outlines_once_under_its_marks():
    import streamlit as st

    from metrics.maps import MapMarks
    from ui.maps import marks_map

    frame = pd.DataFrame(
        {
            "mark_code": ["30170101"],
            "mark_name": ["บ้านสมมุติ"],
            "mark_name_en": [None],
            "lat": [15.34],
            "lon": [102.75],
            "villages": [1],
            "households": [20],
            "complete_share": [0.0],
            "in_progress_share": [1.0],
            "overdue_share": [0.0],
            "not_started_share": [0.0],
            "progress": [0.5],
        }
    )
    st.session_state["lang"] = "th"
    try:
        deck = marks_map(MapMarks("village", frame, 1))
    finally:
        st.session_state.pop("lang", None)
    spec = json.loads(deck.to_json())
    ids = [layer.get("id") for layer in spec["layers"]]
    assert ids[0] == OUTLINE_LAYER_ID and ids.count(OUTLINE_LAYER_ID) == 1  # first: drawn under
    assert len(spec["layers"][0]["data"]["features"]) == 77
    assert layer_bytes(deck, OUTLINE_LAYER_ID) <= MAX_LAYER_BYTES
    assert "\n" not in deck.to_json()


def _pydeck_compact(deck) -> str:
    """The deck's JSON as CompactDeck wrote it before issue 18 part 4: pydeck's own, made compact."""
    return json.dumps(json.loads(pdk.Deck.to_json(deck)), ensure_ascii=False, separators=(",", ":"))


@pytest.mark.parametrize("measure", ["overdue_share", "practising_share"])
def test_the_choropleth_json_is_pydecks_made_compact(measure):
    # each outline's JSON is kept and put in for a token: the text sent is the same, byte for byte
    deck = province_deck(VALUES, measure, lang="en")
    assert deck.to_json() == _pydeck_compact(deck)
    assert deck.layers[0].data["features"][0]["geometry"] is outlines()[province_codes()[0]]  # as it was


def test_the_outlines_and_marks_json_is_pydecks_made_compact():
    # a mark whose name has the token's shape is left as it is: only outlines are put in
    marks = pdk.Layer(
        "ScatterplotLayer", data=[{"name": "__province_geometry_30__", "lon": 102.7, "lat": 15.3}]
    )
    deck = CompactDeck(layers=[outline_layer(), marks], map_provider="carto", map_style="light")
    text = deck.to_json()
    assert text == _pydeck_compact(deck)
    assert json.loads(text)["layers"][1]["data"] == [
        {"name": "__province_geometry_30__", "lon": 102.7, "lat": 15.3}
    ]
    assert deck.layers[0].data["features"][0]["geometry"] is outlines()[province_codes()[0]]
