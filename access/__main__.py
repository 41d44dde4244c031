"""``python -m access``: grant, revoke and list access (see :mod:`access.cli`)."""

from __future__ import annotations

import sys

from access.cli import main

sys.exit(main())
