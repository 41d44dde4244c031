"""AppTest: the Overview at national scope draws the province map (77 shapes, compact JSON),
and choosing a province in the box beside it narrows the scope to that province."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from figures.provinces import LAYER_ID, NO_VILLAGES, OUTLINE_LAYER_ID, rgb
from ui import provinces
from ui.filters import ALL
from ui.provinces import MEASURE_KEY, PICK_KEY

ROOT = Path(__file__).resolve().parents[2]


def _decks(at: AppTest) -> list[dict]:
    return [json.loads(text) for text in _specs(at)]


def _specs(at: AppTest) -> list[str]:
    """The decks' JSON as Streamlit sends it to the browser."""
    return [el.proto.json for el in at.get("deck_gl_json_chart")]


def _layer(deck: dict, layer_id: str) -> dict | None:
    return next((layer for layer in deck["layers"] if layer.get("id") == layer_id), None)


def test_national_overview_has_the_province_map_and_a_choice_narrows_it(sample_store, monkeypatch):
    monkeypatch.setenv("SAMMACHIP_DB", str(sample_store))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).switch_page("pages/overview.py").run()
    assert not at.exception
    decks = _decks(at)
    provinces = [d for d in decks if _layer(d, LAYER_ID)]
    assert len(provinces) == 1
    layer = _layer(provinces[0], LAYER_ID)
    assert len(layer["data"]["features"]) == 77
    # The sample's two seed districts lie in Nakhon Ratchasima (30) and Ubon Ratchathani (34).
    grey = rgb(NO_VILLAGES, 220)  # "no villages in scope"
    coloured = {f["properties"]["code"] for f in layer["data"]["features"] if f["properties"]["fill"] != grey}
    assert coloured == {"30", "34"}
    # Sent compact: Streamlit passes the deck's own JSON through, with no indentation.
    assert all("\n" not in spec for spec in _specs(at))
    # The village map carries the outlines once, under its marks.
    villages = [d for d in decks if _layer(d, OUTLINE_LAYER_ID)]
    assert len(villages) == 1
    assert [layer.get("id") for layer in villages[0]["layers"]].count(OUTLINE_LAYER_ID) == 1

    at.selectbox(key=PICK_KEY).select("34").run()
    assert not at.exception
    assert at.session_state["scope"].province == "34"
    assert at.query_params["province"] == "34"  # and the URL says so
    assert not [d for d in _decks(at) if _layer(d, LAYER_ID)]  # one province: no province map


def test_the_measure_chosen_survives_a_language_switch(sample_store, monkeypatch):
    monkeypatch.setenv("SAMMACHIP_DB", str(sample_store))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).switch_page("pages/overview.py").run()
    at.selectbox(key=MEASURE_KEY).select("overdue_share").run()
    at.button_group(key="lang").set_value("en").run()
    assert not at.exception
    assert at.selectbox(key=MEASURE_KEY).value == "overdue_share"
    # The tooltip names the measure in English now.
    deck = next(d for d in _decks(at) if _layer(d, LAYER_ID))
    assert "Villages overdue" in at.get("deck_gl_json_chart")[_decks(at).index(deck)].proto.tooltip


def test_one_province_reads_no_province_values_and_the_measure_is_kept_for_all(sample_store, monkeypatch):
    monkeypatch.setenv("SAMMACHIP_DB", str(sample_store))
    asked: list[object] = []
    original = provinces.province_values

    @functools.wraps(original)
    def counted(con, scope, measure):
        asked.append(scope)
        return original(con, scope, measure)

    monkeypatch.setattr(provinces, "province_values", counted)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).switch_page("pages/overview.py").run()
    at.selectbox(key=MEASURE_KEY).select("overdue_share").run()
    assert len(asked) == 2  # the first run and the new measure
    at.selectbox(key="f_province").select("34").run()
    assert not at.exception
    assert len(asked) == 2  # one province: no province map, and nothing read for it
    at.selectbox(key="f_province").select(ALL).run()
    assert not at.exception
    # all provinces again: the map is back with the measure chosen before (its values cached)
    assert at.selectbox(key=MEASURE_KEY).value == "overdue_share"
    assert [d for d in _decks(at) if _layer(d, LAYER_ID)]
