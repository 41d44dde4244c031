"""Sample data generators, outside the production loader: the two seed districts (``districts``,
committed in ``sample_data/``) and a national-scale set for the benchmark (``national``). Run
through ``python -m data_loaders sample``."""
