"""Files -> DuckDB: the data contract, readers, normalising, validation, the store."""
