"""Streamlit-side helpers: cached database access (and, later, filters, charts, strings)."""
