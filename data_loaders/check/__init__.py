"""Raw sheets against the contract: every cell normalised and checked in DuckDB, the multi-cell
and official-code rules, the checks on the state an import would produce, and the validation
report grouped by root cause (also written back into the officer's workbook)."""
