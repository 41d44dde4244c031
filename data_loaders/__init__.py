"""Files -> DuckDB, one subpackage per step: ``contract`` (the data contract), ``read`` (files into
raw sheets), ``check`` (validation and its report), ``store`` (the DuckDB store and imports),
``reference`` (official codes, tambon points); ``cli`` is the command line."""
