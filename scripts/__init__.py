"""Maintenance scripts run by hand (``python scripts/tambon_points.py``); a package for the
import contracts of docs/ARCHITECTURE.md and for the tests that import them."""
