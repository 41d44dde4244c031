"""The DuckDB store: atomic imports that replace rows village by village, the working copy and
its lock, layout versions and migrations, the import log and the facts the pages read."""
