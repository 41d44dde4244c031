"""The province map: the 77 provinces coloured by a measure, and their outlines under any map.

No streamlit here (the language is an argument). The outlines are the shipped Natural Earth
polygons (``data_loaders.reference.outlines``), drawn without a basemap, so the map works
offline. pydeck writes its JSON indented (about 5.6 times the compact size for polygons);
:class:`CompactDeck` sends it compact, and each map carries the outlines once, in one layer.
The tooltip is text only (shown with innerText, never parsed as HTML).
"""

from __future__ import annotations

import json
import re
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any, ClassVar

import pandas as pd
import pydeck as pdk

from common.formats import format_value
from common.strings import text
from data_loaders.reference.outlines import outlines, province_codes, province_names
from metrics.comparisons import VILLAGE_MEASURES
from metrics.indicators import indicator

LAYER_ID = "provinces"
OUTLINE_LAYER_ID = "province_outlines"
NO_VILLAGES = "#d9d9d9"  # grey: no villages in scope
NO_VALUE = "#ffffff"  # villages in scope, but nothing to compute the measure from yet
OUTLINE = [96, 96, 96, 255]
# Sequential palettes (ColorBrewer YlGnBu and Reds, 5 classes; colour-blind safe, light = low).
GOOD_HIGH = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
BAD_HIGH = ("#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15")
SHARE_BREAKS = (0.2, 0.4, 0.6, 0.8)  # five classes of a share 0-1
TOOLTIP_STYLE = {
    "fontFamily": "Sarabun, Loma, Garuda, sans-serif",
    "fontSize": "14px",
    "backgroundColor": "#1f2d3d",
    "color": "white",
}


class CompactDeck(pdk.Deck):
    """A Deck whose JSON is compact (no indentation), as Streamlit sends ``to_json()``.

    ``memo``: a key that names what the deck shows (the store version, the map, its scope and
    language, set by the page); the JSON of a deck with the same key is kept (the last
    :data:`MEMO_SIZE`), so a rerun does not serialise the same 900 marks or 77 outlines again.
    """

    __slots__ = ("memo",)  # a slot, not in vars(): pydeck's JSON never includes it
    _kept: ClassVar[OrderedDict[tuple[object, ...], str]] = OrderedDict()
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def to_json(self) -> str:
        memo = getattr(self, "memo", None)
        if memo is not None:
            with self._lock:
                if memo in self._kept:
                    self._kept.move_to_end(memo)
                    return self._kept[memo]
        out = self._compact()
        if memo is not None:
            with self._lock:
                self._kept[memo] = out
                while len(self._kept) > MEMO_SIZE:
                    self._kept.popitem(last=False)
        return out

    def _compact(self) -> str:
        """pydeck's JSON made compact, with every province outline written once per process:
        the features' geometries are sent to pydeck as short tokens, and their JSON, kept
        (:func:`_geometry_json`), is put in for the tokens (pydeck writes the 77 outlines indented,
        and reading and writing them again took most of a map's time)."""
        kept = [(layer, layer.data) for layer in self.layers if _has_outlines(layer.data)]
        try:
            for layer, data in kept:
                layer.data = {**data, "features": [_tokened(f) for f in data["features"]]}
            out = json.dumps(json.loads(super().to_json()), ensure_ascii=False, separators=(",", ":"))
        finally:
            for layer, data in kept:
                layer.data = data
        if not kept:
            return out
        geometries = _geometry_json()
        return _TOKEN.sub(lambda m: f'"geometry":{geometries[m[1]]}', out)


MEMO_SIZE = 32  # decks whose JSON is kept (a national map is about 0.3 MB)
# A province's geometry as a CompactDeck sends it to pydeck (see CompactDeck._compact): a token
# with this process's own random part and the province's code, put back only as the value of a
# feature's "geometry" (so no name or label in the data can be taken for one).
_NONCE = secrets.token_hex(8)
_TOKEN = re.compile(rf'"geometry":"__province_geometry_{_NONCE}_(\d+)__"')


def _has_outlines(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("features"), list)


def _tokened(feature: Any) -> Any:
    """``feature`` with its geometry as a token when it is a province outline as shipped."""
    if not isinstance(feature, dict):
        return feature
    code = _geometry_codes().get(id(feature.get("geometry")))
    return feature if code is None else {**feature, "geometry": f"__province_geometry_{_NONCE}_{code}__"}


@cache
def _geometry_codes() -> dict[int, str]:
    """Each shipped outline (the very object :func:`outlines` holds) by identity -> its code."""
    return {id(geometry): code for code, geometry in outlines().items()}


@cache
def _geometry_json() -> dict[str, str]:
    """Each province's geometry as :class:`CompactDeck` writes it: pydeck's JSON (keys sorted)
    made compact."""
    return {
        code: json.dumps(
            json.loads(json.dumps(geometry, sort_keys=True)), ensure_ascii=False, separators=(",", ":")
        )
        for code, geometry in outlines().items()
    }


@dataclass(frozen=True, slots=True)
class LegendClass:
    """One class of the legend: its label and colour (hex)."""

    label: str
    colour: str


def rgb(hex_colour: str, alpha: int = 255) -> list[int]:
    return [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)] + [alpha]


def unit(measure: str) -> str:
    """The format token of a measure's value (``common.formats``)."""
    return "change" if measure == "income_increase_pct" else "share"


def measure_label(measure: str, lang: str) -> str:
    """The measure's name: the catalogue's label, or the village share's."""
    if measure in VILLAGE_MEASURES:
        return text(f"provinces.measure.{measure}", lang)
    ind = indicator(measure)
    return ind.label_en if lang == "en" else ind.label_th


def _breaks(measure: str) -> tuple[float, ...]:
    """Where the five classes start: a share in fifths; the income increase below 0, to the
    catalogue's target, to 10%, to 20%, and above."""
    if measure != "income_increase_pct":
        return SHARE_BREAKS
    return (0.0, indicator(measure).target or 0.0, 0.10, 0.20)


def _palette(measure: str) -> tuple[str, ...]:
    return BAD_HIGH if measure == "overdue_share" else GOOD_HIGH


def class_index(value: float, measure: str) -> int:
    """Which of the five classes ``value`` falls in: the number of breaks at or below it."""
    return sum(value >= b for b in _breaks(measure))


def legend(measure: str, lang: str) -> tuple[LegendClass, ...]:
    """The five classes, low to high, then "no value yet" and "no villages in scope"."""
    breaks, palette = _breaks(measure), _palette(measure)
    fmt = lambda v: format_value(v, unit(measure), lang, digits=0)  # noqa: E731
    labels = [text("provinces.below", lang, value=fmt(breaks[0]))]
    labels += [
        text("provinces.between", lang, low=fmt(low), high=fmt(high)) for low, high in pairwise(breaks)
    ]
    labels.append(text("provinces.at_least", lang, value=fmt(breaks[-1])))
    classes = [LegendClass(label, colour) for label, colour in zip(labels, palette, strict=True)]
    classes.append(LegendClass(text("provinces.no_value", lang), NO_VALUE))
    classes.append(LegendClass(text("provinces.no_villages", lang), NO_VILLAGES))
    return tuple(classes)


def colour(value: Any, villages: int, measure: str) -> str:
    """The colour of a province: its class's, white with villages but no value, grey with none."""
    if not villages:
        return NO_VILLAGES
    if value is None or pd.isna(value):
        return NO_VALUE
    return _palette(measure)[class_index(float(value), measure)]


def features(values: pd.DataFrame, measure: str, lang: str) -> list[dict[str, Any]]:
    """All 77 provinces as GeoJSON features with the fill colour and the tooltip's text fields
    (``name``, ``value_label``, ``villages_label``); provinces absent from ``values`` (``code``,
    ``villages``, ``value``) have no villages in scope."""
    rows = {r["code"]: r for r in values.to_dict("records")}
    names = province_names()
    geometries = outlines()
    out = []
    for code in province_codes():
        row = rows.get(code, {})
        villages = int(row.get("villages") or 0)
        value = row.get("value")
        th, en = names[code]
        shown = format_value(value, unit(measure), lang) if villages else text("provinces.no_villages", lang)
        out.append(
            {
                "type": "Feature",
                "geometry": geometries[code],
                "properties": {
                    "code": code,
                    "name": en if lang == "en" else th,
                    "fill": rgb(colour(value, villages, measure), 220),
                    "value_label": shown,
                    "villages_label": format_value(villages, "count", lang),
                },
            }
        )
    return out


def outline_layer() -> pdk.Layer:
    """The 77 outlines as one thin-lined, unfilled layer (the basemap shows through), under a village map."""
    collection = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "geometry": g, "properties": {}} for g in outlines().values()],
    }
    return pdk.Layer(
        "GeoJsonLayer",
        id=OUTLINE_LAYER_ID,
        data=collection,
        stroked=True,
        filled=False,
        get_line_color=OUTLINE,
        line_width_min_pixels=1,
        pickable=False,
    )


def province_deck(values: pd.DataFrame, measure: str, *, lang: str) -> CompactDeck:
    """The choropleth: one GeoJsonLayer of all 77 provinces with the data inline, no basemap."""
    layer = pdk.Layer(
        "GeoJsonLayer",
        id=LAYER_ID,
        data={"type": "FeatureCollection", "features": features(values, measure, lang)},
        stroked=True,
        filled=True,
        get_fill_color="properties.fill",
        get_line_color=OUTLINE,
        line_width_min_pixels=1,
        pickable=True,
        auto_highlight=True,
    )
    tooltip = {
        "text": (
            f"{{name}}\n{measure_label(measure, lang)}: {{value_label}}\n"
            f"{text('col.villages', lang)}: {{villages_label}}"
        ),
        "style": TOOLTIP_STYLE,
    }
    # 5.6-20.5 N in the 520-pixel map: deck.gl draws 512 * 2^zoom pixels for 360 degrees
    view = pdk.ViewState(latitude=13.0, longitude=101.0, zoom=4.6, pitch=0)
    return CompactDeck(
        layers=[layer], initial_view_state=view, map_provider=None, map_style=None, tooltip=tooltip
    )


def layer_bytes(deck: pdk.Deck, layer_id: str = LAYER_ID) -> int:
    """The size of one layer as compact JSON (UTF-8 bytes): what the browser gets for it."""
    spec = json.loads(deck.to_json())
    layer = next(layer for layer in spec["layers"] if layer.get("id") == layer_id)
    return len(json.dumps(layer, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
