"""The data contract: tables and columns (``schema``), input limits, settings and targets, the
officer's template and the generated contract docs, and the masking of personal numbers."""
