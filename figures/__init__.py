"""Presentation without Streamlit: the label table and formats (:mod:`figures.strings`) and the
Plotly figure builders (:mod:`figures.charts`). The language is always an argument, so the
pages, the meeting pack and the command line draw the same figures with the same labels."""
