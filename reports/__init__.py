"""The meeting pack (PPTX, PDF, XLSX) and the village one-pagers; no streamlit here.

:func:`build` is the one entry point the command line and the app's download button share.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from metrics.scope import Scope
from reports.progress import Progress, span

PackFormat = Literal["pptx", "pdf", "xlsx"]


def build(
    con: Any,
    scope: Scope,
    *,
    fmt: PackFormat,
    as_of: dt.date | None = None,
    previous: dt.date | None = None,
    lang: str = "th",
    progress: Progress | None = None,
) -> bytes:
    """The meeting pack for ``scope`` as the bytes of a ``fmt`` file. ``progress`` hears how
    far it is (:mod:`reports.progress`): gathering takes the first half, writing the rest.

    Raises :class:`reports.data.NoDataError` when the scope holds no target village.
    """
    from reports.data import gather

    if fmt not in ("pptx", "pdf", "xlsx"):
        msg = f"unknown format {fmt!r}: pptx, pdf or xlsx"
        raise ValueError(msg)
    pack = gather(con, scope, as_of=as_of, previous=previous, lang=lang, progress=span(progress, 0.0, 0.5))
    return write(pack, fmt, progress=span(progress, 0.5, 1.0))


def write(pack: Any, fmt: PackFormat, *, progress: Progress | None = None) -> bytes:
    """A gathered :class:`reports.data.Pack` as the bytes of a ``fmt`` file (the app gathers
    once and writes all three)."""
    if fmt == "pptx":
        from reports.pptx_pack import build_pptx

        return build_pptx(pack, progress=progress)
    if fmt == "pdf":
        from reports.pdf_pack import build_pdf

        return build_pdf(pack, progress=progress)
    if fmt == "xlsx":
        from reports.xlsx_pack import build_xlsx

        return build_xlsx(pack, progress=progress)
    msg = f"unknown format {fmt!r}: pptx, pdf or xlsx"
    raise ValueError(msg)


# Shares of the whole build that gathering and each file take (a district's pack: about a third
# each for gathering, the deck and the PDF, whose charts kaleido draws; the workbook is quick).
_SHARES: dict[str, float] = {"gather": 0.35, "pptx": 0.3, "pdf": 0.3, "xlsx": 0.05}


def build_all(
    con: Any,
    scope: Scope,
    *,
    formats: tuple[PackFormat, ...] = ("pptx", "pdf", "xlsx"),
    as_of: dt.date | None = None,
    previous: dt.date | None = None,
    lang: str = "th",
    progress: Progress | None = None,
) -> tuple[dict[str, bytes], str, str]:
    """The meeting pack in every format of ``formats`` from one gathering, with the file stem
    (:func:`reports.data.file_stem`) and a notice naming the charts the browser could not draw
    ("" when every chart is drawn): what the app's download offers. ``progress`` hears the
    whole build, phase by phase, ending with ``done``.

    Raises :class:`reports.data.NoDataError` when the scope holds no target village.
    """
    from reports import images
    from reports.data import charts_missing_text, file_stem, gather
    from reports.progress import report

    total = _SHARES["gather"] + sum(_SHARES[f] for f in formats)
    start = _SHARES["gather"] / total
    pack = gather(con, scope, as_of=as_of, previous=previous, lang=lang, progress=span(progress, 0.0, start))
    files: dict[str, bytes] = {}
    for fmt in formats:
        end = start + _SHARES[fmt] / total
        files[fmt] = write(pack, fmt, progress=span(progress, start, end))
        start = end
    report(progress, 1.0, "done")
    notice = charts_missing_text(pack, lang) if pack.figures and images.failed() else ""
    return files, file_stem(pack), notice
