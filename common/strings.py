"""Every label the dashboard and the reports show, in Thai (default) and English. The labels
are data, in ``common/strings.toml``; this module reads them and fills them in. No streamlit
here: the language is an argument, so pages (through ``ui.i18n``), the meeting pack and the
command line share one table. Numbers and dates are formatted by :mod:`common.formats`.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from common.formats import format_value, missing

LANGS = ("th", "en")


def read_labels(path: Path) -> dict[str, tuple[str, str]]:
    """The label table in ``path`` (TOML: one table a key, with ``th`` and ``en``), as
    ``{key: (thai, english)}`` in the file's order."""
    with path.open("rb") as handle:
        table = tomllib.load(handle)
    out: dict[str, tuple[str, str]] = {}
    for key, words in table.items():
        if not isinstance(words, dict) or sorted(words) != ["en", "th"]:
            msg = f"{path.name}: the label {key!r} needs exactly th and en"
            raise ValueError(msg)
        if not all(isinstance(words[lang], str) for lang in LANGS):
            msg = f"{path.name}: the label {key!r} has th or en that is not text"
            raise ValueError(msg)
        out[key] = (words["th"], words["en"])
    return out


# The labels are data, in common/strings.toml beside this file, read once at import.
STRINGS: dict[str, tuple[str, str]] = read_labels(Path(__file__).with_name("strings.toml"))


def _lang(lang: str) -> str:
    return lang if lang in LANGS else "th"


# "{n?household|households}": the first word when the value n is one, else the second (English
# counts; Thai nouns do not change).
_PLURAL = re.compile(r"\{(\w+)\?([^|{}]*)\|([^{}]*)\}")


def _one(value: Any) -> bool:
    return str(value).strip() in ("1", "๑")


def text(key: str, lang: str, **values: Any) -> str:
    """The label ``key`` in ``lang`` ("th" or "en"), with ``{placeholders}`` filled in, and
    each ``{n?one|many}`` as the word that fits the count ``n``."""
    th, en = STRINGS[key]
    out = th if _lang(lang) == "th" else en
    if not values:
        return out
    out = _PLURAL.sub(lambda m: m[2] if _one(values.get(m[1])) else m[3], out)
    return out.format(**values)


def default_as_of_words(lang: str, fiscal_year: int | None = None) -> str:
    """What the default as-of date is (:func:`metrics.changes.default_as_of`), in words:
    "วันที่ล่าสุดของข้อมูลทุกพื้นที่ ปีงบประมาณ 2560"."""
    return text("asof.latest_fy", lang, fy=fiscal_year) if fiscal_year else text("asof.latest", lang)


def code_label(prefix: str, code: str | None, lang: str) -> str:
    """A coded value's label (``status.overdue`` → เลยกำหนด); the code itself if unknown."""
    if code is None:
        return ""
    key = f"{prefix}.{code}"
    return text(key, lang) if key in STRINGS else str(code)


def place(row: Any, level: str, lang: str) -> str:
    """A place name in ``lang`` from a row with ``<level>_name`` (and ``_name_en``)."""
    th = row.get(f"{level}_name") if hasattr(row, "get") else getattr(row, f"{level}_name")
    en = row.get(f"{level}_name_en") if hasattr(row, "get") else getattr(row, f"{level}_name_en", None)
    if missing(en):
        en = None
    return (en or th) if _lang(lang) == "en" else th


def followup_item(
    kind: str,
    item: Any,
    households: Any,
    lang: str,
    *,
    household: Any = None,
    head: Any = None,
    source: Any = None,
    row: Any = None,
) -> str:
    """What a follow-up asks for, in words (metrics.followups gives codes): an overdue stage's
    name, "find a lead trainer", "ติดตาม 6 เดือน: 3 ครัวเรือน", or a data-quality warning with
    its message in ``lang`` only, the household it is about (``head`` already masked) and the
    file row to fix ("ครัวเรือน H1 (สมชาย ใ***): … · households.csv แถว 23"). The village is
    named by the list's own village column."""
    if kind == "overdue_stage":
        return code_label("stage", item, lang)
    if kind == "no_lead":
        return text("followup.lead", lang)
    if kind == "survey_due":
        count = format_value(households, "count", lang)
        return text("followup.households", lang, round=code_label("round", item, lang), n=count)
    if missing(item):
        return ""
    out = one_language(str(item), lang)
    if not missing(household):
        who = (
            text("followup.household", lang, id=household)
            if missing(head)
            else text("followup.household_named", lang, id=household, head=head)
        )
        out = f"{who}: {out}"
    if not missing(source):
        where = text("followup.source", lang, file=source, row="-" if missing(row) else int(row))
        out = f"{out} · {where}"
    return out


def followup_text(row: Any, lang: str) -> str:
    """:func:`followup_item` for one row of :func:`metrics.followups.followups` (a mapping)."""
    return followup_item(
        row["kind"],
        row["item"],
        row["households"],
        lang,
        household=row.get("household_id"),
        head=row.get("head_name"),
        source=row.get("source_file"),
        row=row.get("source_row"),
    )


def village_label(name: Any, code: Any) -> str:
    """A village as a follow-up line names it: ``บ้านสมมุติบี (30170201)``; empty without a code."""
    if missing(code) or not str(code):
        return ""
    return f"{'' if missing(name) else name} ({code})".strip()


def one_language(message: str, lang: str) -> str:
    """An import message written "Thai / English" in ``lang`` only; other text as it is."""
    thai, slash, english = str(message).partition(" / ")
    if not slash:
        return str(message)
    return english if _lang(lang) == "en" else thai


def map_caption(level: str, villages: int, at_tambon: int, unplaced: int, marks: int, lang: str) -> str:
    """What each mark of the map stands for (``level``), how many villages the marks place
    (``at_tambon`` of them at their tambon's point), how many are not shown, and how many marks."""
    words = format_value(villages, "count", lang)
    out = text("map.caption_each", lang, what=text(f"map.mark.{level}", lang))
    if level != "village":
        out += text("map.caption_blend", lang)
    out += text("map.caption_villages_own" if level == "village" else "map.caption_villages", lang, n=words)
    if at_tambon:
        out += text("map.caption_at_tambon", lang, n=format_value(at_tambon, "count", lang))
    if unplaced:
        out += text("map.caption_unplaced", lang, n=format_value(unplaced, "count", lang))
    return out + text("map.caption_marks", lang, n=format_value(marks, "count", lang))
