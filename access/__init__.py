"""Who may see what: the access list (grants), the audit log, and import checks (no streamlit)."""
