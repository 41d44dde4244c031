"""The pydeck map: villages, or tambon/district/province aggregates coloured by status share.

The basemap is CARTO's (no token needed); the layers draw even where the tiles cannot load, and
the province outlines (``figures.provinces.outline_layer``) lie under the marks, so an office
without internet still sees where the villages are.
Place names are only in the tooltip, which the browser shapes: deck.gl's TextLayer does not
shape Thai, and would misplace its vowel and tone marks.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pydeck as pdk

from common import formats, strings
from common.safe_text import plain
from figures.charts import STATUS_COLOURS
from figures.provinces import CompactDeck, outline_layer
from metrics.maps import MapMarks
from ui.i18n import code_label, lang, t


def _rgb(hex_colour: str, alpha: int = 210) -> list[int]:
    return [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)] + [alpha]


def _zoom(frame: pd.DataFrame) -> float:
    """A zoom that fits the points in the 420-pixel-high map: about log2(360° / span) - 1.3,
    kept between 4 (all of Thailand, 15° from north to south) and 12."""
    span = max(frame["lat"].max() - frame["lat"].min(), frame["lon"].max() - frame["lon"].min(), 0.02)
    return max(4.0, min(12.0, math.log2(360 / span) - 1.3))


def _centre(frame: pd.DataFrame) -> tuple[float, float]:
    """The middle of the points' bounding box (not their mean, which leans to where villages are
    dense and can push the far north or south out of view)."""
    return (
        float(frame["lat"].min() + frame["lat"].max()) / 2,
        float(frame["lon"].min() + frame["lon"].max()) / 2,
    )


# --------------------------------------------------------------------------- aggregated marks

SHARE_COLUMNS = {
    "complete": "complete_share",
    "in_progress": "in_progress_share",
    "overdue": "overdue_share",
    "not_started": "not_started_share",
}


def _blend(frame: pd.DataFrame) -> list[list[int]]:
    """Each mark's status colours mixed by the share of its villages in each status (one matrix
    product for all marks)."""
    shares = frame[list(SHARE_COLUMNS.values())].astype(float).fillna(0.0).to_numpy()
    colours = np.array([_rgb(STATUS_COLOURS[status])[:3] for status in SHARE_COLUMNS], dtype=float)
    mixed = np.rint(shares @ colours).astype(int)
    return [[*row, 210] for row in mixed.tolist()]


def marks_caption(marks: MapMarks) -> str:
    """What each mark stands for, in the session's language (:func:`common.strings.map_caption`)."""
    return strings.map_caption(
        marks.level, marks.villages, marks.at_tambon, marks.unplaced, len(marks.frame), lang()
    )


def marks_map(marks: MapMarks) -> CompactDeck:
    """The marks of :func:`metrics.maps.map_marks` as a Deck: one point per mark, sized by villages."""
    frame = marks.frame.copy()
    frame["colour"] = _blend(frame) if len(frame) else []
    language = lang()
    base = 1200 if marks.level == "village" else 3000  # metres for one village
    frame["radius"] = base * frame["villages"].astype(float).pow(0.5)
    name_column = "mark_name_en" if language == "en" else "mark_name"
    frame["name"] = [plain(n) for n in frame[name_column].fillna(frame["mark_name"])]
    frame["villages_label"] = frame["villages"].map(lambda v: formats.fmt_count(v, language))
    frame["progress_label"] = frame["progress"].map(lambda v: formats.fmt_share(v, language))
    for status, column in SHARE_COLUMNS.items():
        frame[f"{status}_label"] = frame[column].map(lambda v: formats.fmt_share(v, language))
    columns = ["lon", "lat", "colour", "radius", "name", "mark_code", "villages_label", "progress_label"]
    columns += [f"{s}_label" for s in SHARE_COLUMNS]
    layer = pdk.Layer(
        "ScatterplotLayer",
        data=frame[columns],
        get_position="[lon, lat]",
        get_fill_color="colour",
        get_radius="radius",
        radius_min_pixels=4,
        radius_max_pixels=40,
        stroked=True,
        get_line_color=[255, 255, 255, 255],
        line_width_min_pixels=1,
        pickable=True,
    )
    if len(frame):
        lat, lon = _centre(frame)
        view = pdk.ViewState(latitude=lat, longitude=lon, zoom=_zoom(frame), pitch=0)
    else:
        view = pdk.ViewState(latitude=13.0, longitude=101.0, zoom=5, pitch=0)
    shares = "\n".join(f"{code_label('status', s)}: {{{s}_label}}" for s in SHARE_COLUMNS)
    # A text tooltip (shown with innerText, never parsed as HTML), so names from the data are
    # shown as they are in any renderer, not only in Streamlit's, which escapes "html" fields.
    tooltip = {
        "text": (
            f"{{name}} ({{mark_code}})\n{t('col.villages')}: {{villages_label}}\n"
            f"{t('col.progress')}: {{progress_label}}\n{shares}"
        ),
        "style": {
            "fontFamily": "Sarabun, Loma, Garuda, sans-serif",
            "fontSize": "14px",
            "backgroundColor": "#1f2d3d",
            "color": "white",
        },
    }
    # The province outlines under the marks, once per map: offline, where the basemap's tiles
    # cannot load, they still show where the villages are. Sent as compact JSON.
    return CompactDeck(
        layers=[outline_layer(), layer],
        initial_view_state=view,
        map_provider="carto",
        map_style="light",
        tooltip=tooltip,
    )
