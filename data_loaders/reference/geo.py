"""Official province, district and tambon codes and names (DOPA, through ``geothai``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import geothai
from geothai.abolished import abolished_areas

from common.formats import PLACE_CODE_DIGITS
from data_loaders.contract.schema import fold


@dataclass(frozen=True, slots=True)
class Place:
    """The official names of a tambon and the district and province above it."""

    tambon_code: str
    tambon_th: str
    tambon_en: str
    district_code: str
    district_th: str
    district_en: str
    province_code: str
    province_th: str
    province_en: str
    abolished: bool = False


@cache
def _abolished_by_code() -> dict[str, object]:
    return {a.code: a for a in abolished_areas()}


@cache
def tambon(code: str) -> Place | None:
    """The place of a 6-digit tambon code, current or abolished; ``None`` if unknown."""
    found = geothai.address(code)
    if found is not None:
        s, d, p = found.subdistrict, found.district, found.province
        return Place(code, s.name_th, s.name_en, d.code, d.name_th, d.name_en, p.code, p.name_th, p.name_en)
    old = _abolished_by_code().get(code)
    if old is None:
        return None
    district, province = code[: PLACE_CODE_DIGITS["district"]], code[: PLACE_CODE_DIGITS["province"]]
    d = geothai.district(district)
    p = geothai.province(province)
    return Place(
        code,
        old.name_th,  # type: ignore[attr-defined]
        old.name_en or old.name_th,  # type: ignore[attr-defined]
        district,
        d.name_th if d else "",
        d.name_en if d else "",
        province,
        p.name_th if p else "",
        p.name_en if p else "",
        abolished=True,
    )


def district_status(code: str) -> str | None:
    """``"current"`` or ``"abolished"`` for a 4-digit district (อำเภอ) code; ``None`` if unknown."""
    if geothai.district(code) is not None:
        return "current"
    return "abolished" if code in _abolished_by_code() else None


def same_name(typed: str, official: str) -> bool:
    """Whether a typed name is the official one, ignoring จ./จังหวัด, อ./อำเภอ, ต./ตำบล and spaces."""
    return geothai.normalize(typed) == geothai.normalize(official) or fold(typed) == fold(official)
