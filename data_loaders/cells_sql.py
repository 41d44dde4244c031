"""The cell parsers of :mod:`data_loaders.normalise`, written as SQL over whole columns.

Each kind of column (schema ``Kind``) gets one SQL expression that turns the staged text cell
into its clean value for the common forms officers type: Thai digits, thousands separators,
ISO and dd/mm/yyyy dates with BE years, Thai yes/no words, coded values. The expression is
*sound, not complete*: it yields NULL whenever it is not certain, and those cells (few in a
real file) go to the Python parser, which either accepts them or words the located message.
A property test holds every SQL value equal to the Python parser's.
"""

from __future__ import annotations

from data_loaders.normalise import BE_OFFSET, BE_THRESHOLD, YEAR_RANGE, lookup_words
from data_loaders.schema import LAT_RANGE, LON_RANGE, NO_WORDS, YES_WORDS, Column, fold

# Characters Python's str.split() treats as white space besides the plain space. A cell with
# any of them (or a control character) is left to the Python parser.
ODD_SPACE = r"[\x00-\x1f\x7f\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]"
BLANK_WORDS = ("", "-", "–", "—")


def _q(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def simple(x: str) -> str:
    """True when ``x`` has no white space but plain spaces (so trim and ' +' match Python)."""
    return f"NOT regexp_matches({x}, '{ODD_SPACE}')"


def blank(x: str) -> str:
    """NULL, spaces only, or a dash: the cells :func:`normalise.is_blank` calls blank."""
    words = ", ".join(_q(w) for w in BLANK_WORDS)
    return f"({x} IS NULL OR ({simple(x)} AND trim({x}) IN ({words})))"


def _arabic(x: str) -> str:
    return f"translate({x}, '๐๑๒๓๔๕๖๗๘๙', '0123456789')"


def _squeezed(x: str) -> str:
    """Trimmed, inner runs of spaces collapsed (Python's ``" ".join(s.split())`` on simple text)."""
    return f"regexp_replace(trim({x}), ' +', ' ', 'g')"


def _in_range(value: str, low: float | None, high: float | None) -> str:
    conditions = [
        f"{value} >= {low!r}" if low is not None else "",
        f"{value} <= {high!r}" if high is not None else "",
    ]
    joined = " AND ".join(c for c in conditions if c)
    return f"CASE WHEN {joined} THEN {value} END" if joined else value


def _digits(x: str, length: int) -> str:
    t = f"regexp_replace({_arabic(x)}, '[ -]', '', 'g')"
    return f"CASE WHEN {simple(x)} AND regexp_full_match({t}, '[0-9]{{{length}}}') THEN {t} END"


def _plain_number(x: str, pattern: str, sql_type: str, *, strip_baht: bool = False) -> str:
    t = f"replace(replace({_arabic(x)}, ',', ''), ' ', '')"
    if strip_baht:
        t = f"regexp_replace({t}, '(บาท|฿)$', '')"
    return (
        f"CASE WHEN {simple(x)} AND regexp_full_match({t}, '{pattern}') THEN TRY_CAST({t} AS {sql_type}) END"
    )


def _date(x: str) -> str:
    t = _squeezed(_arabic(x))
    iso = r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})([ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)?"
    dmy = r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})"

    def built(year: str, month: str, day: str) -> str:
        ce = f"(CASE WHEN {year} >= {BE_THRESHOLD} THEN {year} - {BE_OFFSET} ELSE {year} END)"
        return (
            f"CASE WHEN {ce} BETWEEN {YEAR_RANGE[0]} AND {YEAR_RANGE[1]} THEN "
            f"CAST(try_strptime(printf('%04d-%02d-%02d', {ce}, {month}, {day}), '%Y-%m-%d') AS DATE) END"
        )

    def group(pattern: str, n: int) -> str:
        return f"TRY_CAST(regexp_extract({t}, '^{pattern}$', {n}) AS INTEGER)"

    return (
        f"CASE WHEN NOT {simple(x)} THEN NULL "
        f"WHEN regexp_full_match({t}, '{iso}') THEN {built(group(iso, 1), group(iso, 2), group(iso, 3))} "
        f"WHEN regexp_full_match({t}, '{dmy}') THEN {built(group(dmy, 3), group(dmy, 2), group(dmy, 1))} END"
    )


def _words_case(key: str, mapping: dict[str, str], quote_values: bool = True) -> str:
    whens = " ".join(f"WHEN {_q(word)} THEN {_q(v) if quote_values else v}" for word, v in mapping.items())
    return f"CASE {key} {whens} END"


def _bool(x: str) -> str:
    key = f"lower({_squeezed(_arabic(x))})"
    mapping = {fold(w): "true" for w in YES_WORDS} | {fold(w): "false" for w in NO_WORDS}
    return f"CASE WHEN {simple(x)} THEN {_words_case(key, mapping, quote_values=False)} END"


def _enum(x: str, domain: str) -> str:
    key = f"lower({_squeezed(_arabic(x))})"
    return f"CASE WHEN {simple(x)} THEN {_words_case(key, lookup_words(domain))} END"


def _list(x: str) -> str:
    parts = f"regexp_split_to_array({x}, '[;,、]')"
    items = f"list_transform({parts}, lambda p: {_squeezed('p')})"
    return f"CASE WHEN {simple(x)} THEN list_filter({items}, lambda p: p <> '') END"


def _national_id(x: str) -> str:
    t = f"regexp_replace({_arabic(x)}, '[ -]', '', 'g')"
    total = f"list_sum(list_transform(range(12), lambda i: TRY_CAST(substring({t}, i + 1, 1) AS INTEGER) * (13 - i)))"
    check = f"(11 - {total} % 11) % 10 = TRY_CAST(substring({t}, 13, 1) AS INTEGER)"
    return f"CASE WHEN {simple(x)} AND regexp_full_match({t}, '[1-8][0-9]{{12}}') AND {check} THEN {t} END"


def _phone(x: str) -> str:
    t = f"regexp_replace({_arabic(x)}, '[ ().-]', '', 'g')"
    return f"CASE WHEN {simple(x)} AND regexp_full_match({t}, '\\+?[0-9]{{6,15}}') THEN {t} END"


def _text(x: str) -> str:
    return f"CASE WHEN {simple(x)} THEN {_squeezed(x)} END"


def _id(x: str) -> str:
    return f"CASE WHEN {simple(x)} THEN {_squeezed(_arabic(x))} END"


def value_sql(column: Column, x: str) -> str:
    """SQL for the clean value of raw text ``x`` in ``column``; NULL when blank or uncertain.

    Range limits (``min_value``/``max_value``) are applied here too: an out-of-range value is
    NULL, so the Python parser words the message.
    """
    kind = column.kind
    if kind == "text":
        expr = _text(x)
    elif kind == "id":
        expr = _id(x)
    elif kind == "village_code":
        expr = _digits(x, 8)
    elif kind == "district_code":
        expr = _digits(x, 4)
    elif kind == "int":
        expr = _plain_number(x, "[+-]?[0-9]{1,9}", "INTEGER")
        expr = _in_range(f"({expr})", column.min_value, column.max_value)
    elif kind == "money":
        expr = _plain_number(x, r"[0-9]{1,15}(\.[0-9]{1,6})?", "DOUBLE", strip_baht=True)
    elif kind in ("lat", "lon"):
        low, high = LAT_RANGE if kind == "lat" else LON_RANGE
        number = _plain_number(x, r"[0-9]{1,3}(\.[0-9]{1,12})?", "DOUBLE")
        expr = _in_range(f"({number})", low, high)
    elif kind == "fiscal_year":
        year = _plain_number(x, "[0-9]{4}", "INTEGER")
        be = f"(CASE WHEN ({year}) < {BE_THRESHOLD} THEN ({year}) + {BE_OFFSET} ELSE ({year}) END)"
        expr = _in_range(be, YEAR_RANGE[0] + BE_OFFSET, YEAR_RANGE[1] + BE_OFFSET)
    elif kind == "date":
        expr = _date(x)
    elif kind == "bool":
        expr = _bool(x)
    elif kind == "enum":
        assert column.domain is not None
        expr = _enum(x, column.domain)
    elif kind == "list":
        expr = _list(x)
    elif kind == "national_id":
        expr = _national_id(x)
    elif kind == "phone":
        expr = _phone(x)
    else:  # pragma: no cover - the schema's Kind is closed
        msg = f"no SQL parser for kind {kind}"
        raise ValueError(msg)
    return f"CASE WHEN {blank(x)} THEN NULL ELSE CAST(({expr}) AS {column.sql_type}) END"
