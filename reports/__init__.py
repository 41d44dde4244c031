"""The meeting pack (PPTX, PDF, XLSX) and the village one-pagers; no streamlit here.

:func:`build` is the one entry point the command line and the app's download button share.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from metrics.scope import Scope

PackFormat = Literal["pptx", "pdf", "xlsx"]


def build(
    con: Any,
    scope: Scope,
    *,
    fmt: PackFormat,
    as_of: dt.date | None = None,
    previous: dt.date | None = None,
    lang: str = "th",
) -> bytes:
    """The meeting pack for ``scope`` as the bytes of a ``fmt`` file.

    Raises :class:`reports.data.NoDataError` when the scope holds no target village.
    """
    from reports.data import gather

    pack = gather(con, scope, as_of=as_of, previous=previous, lang=lang)
    if fmt == "pptx":
        from reports.pptx_pack import build_pptx

        return build_pptx(pack)
    if fmt == "pdf":
        from reports.pdf_pack import build_pdf

        return build_pdf(pack)
    if fmt == "xlsx":
        from reports.xlsx_pack import build_xlsx

        return build_xlsx(pack)
    msg = f"unknown format {fmt!r}: pptx, pdf or xlsx"
    raise ValueError(msg)
