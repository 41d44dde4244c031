"""The pydeck map of target villages: points coloured by status and sized by households.

The basemap is CARTO's (no token needed); the layer draws even where the tiles cannot load.
Place names are only in the tooltip, which the browser shapes: deck.gl's TextLayer does not
shape Thai, and would misplace its vowel and tone marks.
"""

from __future__ import annotations

import math

import pandas as pd
import pydeck as pdk

from figures.charts import STATUS_COLOURS
from metrics.safe_text import plain
from ui.i18n import code_label, fmt_int, fmt_pct, place, t


def _rgb(hex_colour: str, alpha: int = 210) -> list[int]:
    return [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)] + [alpha]


def _zoom(frame: pd.DataFrame) -> float:
    """A zoom that fits the points: about log2(360° / span), kept between 5 and 12."""
    span = max(frame["lat"].max() - frame["lat"].min(), frame["lon"].max() - frame["lon"].min(), 0.02)
    return max(5.0, min(12.0, math.log2(360 / span) - 1.3))


def village_map(progress: pd.DataFrame) -> pdk.Deck:
    """Villages with coordinates from ``metrics.progress.village_progress``, as a Deck."""
    frame = progress.dropna(subset=["lat", "lon"]).copy()
    frame["colour"] = [_rgb(STATUS_COLOURS.get(s, "#9e9e9e")) for s in frame["status"]]
    frame["radius"] = [300 + 60 * math.sqrt(max(h, 0)) * 4 for h in frame["households"]]
    frame["name"] = [plain(n) for n in frame["village_name"]]
    frame["tambon"] = [plain(place(r, "tambon")) for _, r in frame.iterrows()]
    frame["status_label"] = [code_label("status", s) for s in frame["status"]]
    frame["progress_label"] = [f"{int(d)}/8" for d in frame["stages_done"]]
    frame["households_label"] = [fmt_int(h) for h in frame["households"]]
    frame["income_label"] = [fmt_pct(v, signed=True) for v in frame["income_increase_pct"]]
    columns = [
        "lon",
        "lat",
        "colour",
        "radius",
        "name",
        "tambon",
        "status_label",
        "progress_label",
        "households_label",
        "income_label",
        "village_code",
    ]
    layer = pdk.Layer(
        "ScatterplotLayer",
        data=frame[columns],
        get_position="[lon, lat]",
        get_fill_color="colour",
        get_radius="radius",
        radius_min_pixels=6,
        radius_max_pixels=40,
        stroked=True,
        get_line_color=[255, 255, 255, 255],
        line_width_min_pixels=1,
        pickable=True,
    )
    view = pdk.ViewState(
        latitude=float(frame["lat"].mean()), longitude=float(frame["lon"].mean()), zoom=_zoom(frame), pitch=0
    )
    # A text tooltip (shown with innerText, never parsed as HTML), so names from the data are
    # shown as they are in any renderer, not only in Streamlit's, which escapes "html" fields.
    tooltip = {
        "text": (
            "{name} ({village_code})\n"
            f"{t('col.tambon')}: {{tambon}}\n"
            f"{t('col.status')}: {{status_label}} · {t('col.progress')} {{progress_label}}\n"
            f"{t('col.households')}: {{households_label}}\n"
            f"{t('col.income_change')}: {{income_label}}"
        ),
        "style": {
            "fontFamily": "Sarabun, Loma, Garuda, sans-serif",
            "fontSize": "14px",
            "backgroundColor": "#1f2d3d",
            "color": "white",
            "whiteSpace": "pre-line",
        },
    }
    return pdk.Deck(
        layers=[layer], initial_view_state=view, map_provider="carto", map_style="light", tooltip=tooltip
    )
