"""ตัวชี้วัด / Indicators: the whole catalogue with numerators and denominators, the rows behind
each (ui/rows.py), the evaluation measures (ui/evaluation.py), data quality with drill-down,
officers' reporting, warnings from import, the import log, the figures by data version,
downloads. The sections are drawn by ui/indicators_view.py."""

from __future__ import annotations

from ui import access
from ui.evaluation import draw as draw_evaluation
from ui.filters import current_scope
from ui.indicators_view import (
    all_tables_download,
    catalogue_section,
    officers_section,
    quality_section,
    warnings_and_log,
)
from ui.pack import meeting_pack_download
from ui.page import has_villages, header
from ui.rows import rows_section
from ui.versions import revisions_section

scope = current_scope()
header("page.indicators", scope)


if has_villages(scope):
    meeting_pack_download(scope, key="indicators")
    raw = catalogue_section(scope)
    rows_section(scope)
    draw_evaluation(scope)  # targeting, attrition, real income, comparison
    counts, failing, rows_allowed = quality_section(scope)
    everyone = officers_section(scope)
    warnings, log = warnings_and_log(scope)
    # the headline figures by data version (ui/versions.py)
    revisions_section(scope, files=access.store_wide_allowed())
    # the raw tables in scope (masked, Bangkok time) and this page's summaries, read on click
    all_tables_download(
        scope,
        raw=raw,
        counts=counts,
        failing=failing,
        everyone=everyone,
        warnings=warnings,
        log=log,
        rows_allowed=rows_allowed,
    )
