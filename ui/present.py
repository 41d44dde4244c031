"""Projector mode (``?present=1``) and the print stylesheet.

Projector mode is for the monthly district meeting (กบอ.) on a 1280×720 projector: the sidebar
starts collapsed, type is larger, and the page is laid out so nothing scrolls sideways. The
print stylesheet applies always: browser printing shows the whole page (Streamlit otherwise
scrolls inside a fixed-height block and prints one screen), without the sidebar, toolbar and
buttons, with charts and tables kept whole on a page where they fit, and each chart section
(heading, caption, chart) on one page.
"""

from __future__ import annotations

import streamlit as st

PARAM = "present"

PRINT_CSS = """
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stDecoration"], [data-testid="stStatusWidget"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stDownloadButton"], [data-testid="stBaseButton-secondary"], .modebar-container,
  [data-testid="stElementToolbar"] { display: none !important; }
  html, body, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"],
  [data-testid="stMainBlockContainer"] {
    overflow: visible !important; height: auto !important; min-height: 0 !important;
    position: static !important;
  }
  [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0 !important; }
  [data-testid="stPlotlyChart"], [data-testid="stDataFrame"], [data-testid="stMetric"],
  [data-testid="stVerticalBlockBorderWrapper"], [data-testid="stDeckGlJsonChart"],
  [class*="st-key-chart_section_"] {
    break-inside: avoid; page-break-inside: avoid;
  }
  /* A heading stays with what follows it: inside a chart section (above) and elsewhere. */
  h1, h2, h3, [data-testid="stElementContainer"]:has(h1, h2, h3) {
    break-after: avoid; page-break-after: avoid;
  }
  [data-testid="stTable"] tr { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

# Up to 1440 pixels wide (a 1280×720 projector, a laptop), the main column keeps 1.5rem at its
# sides instead of Streamlit's 5rem: 932 px for tables and charts at 1280 with the sidebar open
# (820 otherwise), so the progress table's thirteen columns fit without sideways scrolling.
LAYOUT_CSS = """
@media screen and (max-width: 1440px) {
  [data-testid="stMainBlockContainer"] { padding-left: 1.5rem; padding-right: 1.5rem; }
}
"""

# The logs (ui.page.show_log) wrap long cells onto more lines, on screen and in print: a file
# name, a scope or a detail without a space (a hash, JSON) breaks anywhere rather than being cut.
TABLE_CSS = """
[class*="st-key-log_"] [data-testid="stTable"] table { table-layout: auto; width: 100%; }
[class*="st-key-log_"] [data-testid="stTable"] th,
[class*="st-key-log_"] [data-testid="stTable"] td {
  white-space: normal !important; overflow-wrap: anywhere; word-break: normal;
}
"""

PRESENT_CSS = """
html { font-size: 18px; }
[data-testid="stMainBlockContainer"] {
  max-width: 100% !important; padding: 4.25rem 1.5rem 2rem 1.5rem !important;
}
[data-testid="stMetricValue"] { font-size: 2.1rem; }
[data-testid="stMetricLabel"] p { font-size: 1rem; }
[data-testid="stCaptionContainer"] { font-size: 0.95rem; }
[data-testid="stHorizontalBlock"] { flex-wrap: wrap; }
[data-testid="stColumn"] { min-width: min(100%, 170px); }
[data-testid="stPlotlyChart"], [data-testid="stDataFrame"], [data-testid="stDeckGlJsonChart"] {
  max-width: 100%;
}
"""


def presenting() -> bool:
    """Whether the URL asks for projector mode (``?present=1``)."""
    return str(st.query_params.get(PARAM, "")).strip().lower() in ("1", "true", "yes")


def apply_styles() -> None:
    """The layout and print stylesheets, and the projector styles when presenting."""
    css = LAYOUT_CSS + TABLE_CSS + (PRESENT_CSS if presenting() else "") + PRINT_CSS
    st.html(f"<style>{css}</style>")
