"""Masking of personal data (PDPA): names, national IDs and phone numbers.

Every metric output that lists people masks them unless the caller passes ``reveal=True``.
"""

from __future__ import annotations

import pandas as pd

from data_loaders.contract.privacy import mask_name, mask_national_id, mask_phone

__all__ = ["mask_frame", "mask_name", "mask_national_id", "mask_phone"]

PERSONAL_COLUMNS = {
    "head_name": "name",
    "name": "name",
    "officer_name": "name",
    "national_id": "national_id",
    "phone": "phone",
}


_MASKERS = {"name": mask_name, "national_id": mask_national_id, "phone": mask_phone}


def mask_frame(frame: pd.DataFrame, *, reveal: bool = False) -> pd.DataFrame:
    """A copy of ``frame`` with its personal columns masked (unchanged if ``reveal``)."""
    if reveal:
        return frame
    out = frame.copy()
    for column, kind in PERSONAL_COLUMNS.items():
        if column in out.columns:
            out[column] = out[column].map(_MASKERS[kind], na_action="ignore")
    return out
