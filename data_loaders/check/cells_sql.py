"""The cell parsers of :mod:`data_loaders.check.normalise`, written as SQL over whole columns.

Each kind of column (schema ``Kind``) gets one SQL expression that turns the staged text cell
into its clean value for the common forms officers type: Thai digits, thousands separators,
ISO and dd/mm/yyyy dates with BE years, Thai yes/no words, coded values. The expression is
*sound, not complete*: it yields NULL whenever it is not certain, and those cells (few in a
real file) go to the Python parser, which either accepts them or words the located message.
A property test holds every SQL value equal to the Python parser's.
"""

from __future__ import annotations

from data_loaders.check.normalise import BE_OFFSET, BE_THRESHOLD, YEAR_RANGE, lookup_words
from data_loaders.contract.schema import LAT_RANGE, LON_RANGE, NO_WORDS, YES_WORDS, Column, fold

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
    """NULL, spaces only, or a dash: the cells :func:`data_loaders.read.cellcheck.is_blank` calls blank."""
    return f"({x} IS NULL OR ({simple(x)} AND {_blank_word(x)}))"


def _arabic(x: str) -> str:
    return f"translate({x}, '๐๑๒๓๔๕๖๗๘๙', '0123456789')"


def _squeezed(x: str) -> str:
    """Trimmed, inner runs of spaces collapsed (Python's ``" ".join(s.split())`` on simple text)."""
    return f"regexp_replace(trim({x}), ' +', ' ', 'g')"


def _let(value: str, name: str, body: str) -> str:
    """``body`` with ``name`` bound to ``value``, evaluated once per row (DuckDB would otherwise
    evaluate a repeated sub-expression, a regular expression say, every time it appears)."""
    return f"list_transform([{value}], lambda {name}: {body})[1]"


def _in_range(value: str, low: float | None, high: float | None) -> str:
    conditions = [f"r >= {low!r}" if low is not None else "", f"r <= {high!r}" if high is not None else ""]
    joined = " AND ".join(c for c in conditions if c)
    return _let(value, "r", f"CASE WHEN {joined} THEN r END") if joined else value


def _digits(x: str, length: int) -> str:
    t = f"replace(replace({x}, ' ', ''), '-', '')"
    return _let(t, "t", f"CASE WHEN regexp_full_match(t, '[0-9]{{{length}}}') THEN t END")


def _plain_number(x: str, pattern: str, sql_type: str, *, strip_baht: bool = False) -> str:
    t = f"replace(replace({x}, ',', ''), ' ', '')"
    if strip_baht:
        t = f"regexp_replace({t}, '(บาท|฿)$', '')"
    return _let(t, "t", f"CASE WHEN regexp_full_match(t, '{pattern}') THEN TRY_CAST(t AS {sql_type}) END")


ISO_DATE = r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})([ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)?"
DMY_DATE = r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})"


def _date(x: str) -> str:
    """ISO or dd/mm/yyyy; a BE year becomes CE *before* the date is built (29/02/2563 exists)."""
    iso = f"regexp_extract(t, '^{ISO_DATE}$', ['y', 'm', 'd'])"
    dmy = f"regexp_extract(t, '^{DMY_DATE}$', ['d', 'm', 'y'])"
    year = "TRY_CAST(g.y AS INTEGER)"
    ce = f"CASE WHEN yy >= {BE_THRESHOLD} THEN yy - {BE_OFFSET} ELSE yy END"
    built = _let(
        year,
        "yy",
        _let(
            ce,
            "ce",
            f"CASE WHEN ce BETWEEN {YEAR_RANGE[0]} AND {YEAR_RANGE[1]} "
            "THEN try(make_date(ce, CAST(g.m AS INTEGER), CAST(g.d AS INTEGER))) END",
        ),
    )
    pick = f"CASE WHEN i.y <> '' THEN i ELSE {dmy} END"
    body = _let(iso, "i", _let(pick, "g", f"CASE WHEN g.y <> '' THEN {built} END"))
    return _let(x, "t", body)


def _words_case(key: str, mapping: dict[str, str], quote_values: bool = True) -> str:
    whens = " ".join(f"WHEN {_q(word)} THEN {_q(v) if quote_values else v}" for word, v in mapping.items())
    return _let(key, "k", f"CASE k {whens} END")


def _bool(x: str) -> str:
    key = f"lower({x})"
    mapping = {fold(w): "true" for w in YES_WORDS} | {fold(w): "false" for w in NO_WORDS}
    return _words_case(key, mapping, quote_values=False)


def _enum(x: str, domain: str) -> str:
    key = f"lower({x})"
    return _words_case(key, lookup_words(domain))


def _list(x: str) -> str:
    parts = f"regexp_split_to_array({x}, '[;,、]')"
    items = f"list_transform({parts}, lambda p: {_squeezed('p')})"
    return f"list_filter({items}, lambda p: p <> '')"


def _national_id(x: str) -> str:
    t = f"replace(replace({x}, ' ', ''), '-', '')"
    total = "list_sum(list_transform(range(12), lambda i: TRY_CAST(substring(t, i + 1, 1) AS INTEGER) * (13 - i)))"
    check = f"(11 - {total} % 11) % 10 = TRY_CAST(substring(t, 13, 1) AS INTEGER)"
    return _let(t, "t", f"CASE WHEN regexp_full_match(t, '[1-8][0-9]{{12}}') AND {check} THEN t END")


def _phone(x: str) -> str:
    t = f"regexp_replace({x}, '[ ().-]', '', 'g')"
    return _let(t, "t", "CASE WHEN regexp_full_match(t, '\\+?[0-9]{6,15}') THEN t END")


def odd_sql(x: str) -> str:
    """True when ``x`` holds white space other than plain spaces, or a control character."""
    return f"regexp_matches({x}, '{ODD_SPACE}')"


# A cell that needs no clean-up before its kind's parser: no odd white space or control
# character, no Thai digit, no leading, trailing or doubled space. Most cells of a real file.
NEEDS_WORK = ODD_SPACE[:-1] + "๐-๙]|  |^ | $"
# Kinds whose Python parser keeps Thai digits as typed (names, notes, lists of skills).
KEEPS_THAI_DIGITS = frozenset({"text", "list"})


def _kind_expr(column: Column, t: str) -> str:
    """The parse of already-prepared text ``t`` (trimmed, spaces single, digits folded)."""
    kind = column.kind
    if kind in ("text", "id"):
        return t
    if kind == "village_code":
        return _digits(t, 8)
    if kind == "district_code":
        return _digits(t, 4)
    if kind == "int":
        return _in_range(
            f"({_plain_number(t, '[+-]?[0-9]{1,9}', 'INTEGER')})", column.min_value, column.max_value
        )
    if kind == "money":
        return _plain_number(t, r"[0-9]{1,15}(\.[0-9]{1,6})?", "DOUBLE", strip_baht=True)
    if kind in ("lat", "lon"):
        low, high = LAT_RANGE if kind == "lat" else LON_RANGE
        number = _plain_number(t, r"[0-9]{1,3}(\.[0-9]{1,12})?", "DOUBLE")
        return _in_range(f"({number})", low, high)
    if kind == "fiscal_year":
        year = _plain_number(t, "[0-9]{4}", "INTEGER")
        be = _let(year, "fy", f"CASE WHEN fy < {BE_THRESHOLD} THEN fy + {BE_OFFSET} ELSE fy END")
        return _in_range(be, YEAR_RANGE[0] + BE_OFFSET, YEAR_RANGE[1] + BE_OFFSET)
    if kind == "date":
        return _date(t)
    if kind == "bool":
        return _bool(t)
    if kind == "enum":
        assert column.domain is not None
        return _enum(t, column.domain)
    if kind == "list":
        return _list(t)
    if kind == "national_id":
        return _national_id(t)
    if kind == "phone":
        return _phone(t)
    msg = f"no SQL parser for kind {kind}"  # pragma: no cover - the schema's Kind is closed
    raise ValueError(msg)


def value_sql(column: Column, x: str) -> str:
    """SQL for the clean value of raw text ``x`` in ``column``; NULL when blank or uncertain.

    A tidy cell (see ``NEEDS_WORK``) costs one pattern test and its kind's parse; any other
    is trimmed, its spaces collapsed and its Thai digits folded first, and a cell with odd
    white space is left to Python. Range limits (``min_value``/``max_value``) are applied here
    too: an out-of-range value is NULL, so the Python parser words the message.
    """
    prepared = _squeezed(x) if column.kind in KEEPS_THAI_DIGITS else _squeezed(_arabic(x))
    blanks = ", ".join(_q(w) for w in BLANK_WORDS)
    return (
        f"CASE WHEN {x} IS NULL THEN NULL "
        f"WHEN NOT regexp_matches({x}, '{NEEDS_WORK}') THEN "
        f"CASE WHEN {x} IN ({blanks}) THEN NULL ELSE CAST(({_kind_expr(column, x)}) AS {column.sql_type}) END "
        f"WHEN {odd_sql(x)} OR trim({x}) IN ({blanks}) THEN NULL "
        f"ELSE CAST(({_kind_expr(column, prepared)}) AS {column.sql_type}) END"
    )


def _blank_word(x: str) -> str:
    return f"trim({x}) IN ({', '.join(_q(w) for w in BLANK_WORDS)})"
