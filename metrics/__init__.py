"""Numbers for the pages, exports and command line: plain Python + SQL over the DuckDB store.

Every function takes a DuckDB connection (or cursor) and a :class:`metrics.scope.Scope` and
returns plain data (DataFrames, dataclasses). Nothing here imports streamlit.
"""
