"""Presentation without Streamlit: the label table (:mod:`common.strings`), the Plotly figure
builders (:mod:`figures.charts`) and fitting text to a 1280-pixel screen (:mod:`figures.fit`).
The language is always an argument, so the pages, the meeting pack and the command line draw
the same figures with the same labels; values are formatted by :mod:`common.formats`."""
