"""Every rule once: no production file spells out a value the semantic layer declares.

A grep over the code (not comments, docstrings or other strings) of the production packages,
.py and .sql alike: the number of stages, the survey round order, the catalogue's targets and
the Buddhist-era offset each live in one declaring file, and everything else reads them from
there (issue 19). A failure names the file and line to change.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = (
    "access",
    "bench",
    "common",
    "data_loaders",
    "figures",
    "metrics",
    "pages",
    "reports",
    "sample",
    "scripts",
    "ui",
)


def _files(suffix: str) -> Iterator[Path]:
    yield from (ROOT / "app.py",) if suffix == ".py" else ()
    for package in PACKAGES:
        yield from sorted((ROOT / package).rglob(f"*{suffix}"))


def _python_code(path: Path) -> Iterator[tuple[int, str, list[tokenize.TokenInfo]]]:
    """Each line's tokens that are code: numbers, names, operators; no comments or strings."""
    lines: dict[int, list[tokenize.TokenInfo]] = {}
    source = path.read_text(encoding="utf-8")
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type in (tokenize.NUMBER, tokenize.NAME, tokenize.OP):
            lines.setdefault(token.start[0], []).append(token)
    text = source.splitlines()
    for number, tokens in sorted(lines.items()):
        yield number, text[number - 1], tokens


def _sql_code(path: Path) -> Iterator[tuple[int, str]]:
    """Each line of an SQL file without its ``--`` comment."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        yield number, line.split("--", 1)[0]


def _where(path: Path, number: int) -> str:
    return f"{path.relative_to(ROOT)}:{number}"


def test_no_literal_stage_count():
    # the stage count is len(metrics.model.STAGES) (the SQL says {stage_count}); a bare 8 on a
    # line about stages is a second declaration that would miss a ninth stage
    found = []
    for path in _files(".py"):
        for number, line, tokens in _python_code(path):
            if "stage" in line.lower() and any(t.type == tokenize.NUMBER and t.string == "8" for t in tokens):
                found.append(_where(path, number))
    for path in _files(".sql"):
        for number, code in _sql_code(path):
            if "stage" in code.lower() and re.search(r"(?<![\w.])8(?![\w.])", code):
                found.append(_where(path, number))
    assert found == []


def test_no_round_list_outside_the_contract():
    # the round order is data_loaders/contract/schema.py ROUND_ORDER ({round_order}, {later_rounds} in SQL)
    pair = re.compile(r"""['"](baseline|post|follow_6m)['"]\s*,\s*['"](post|follow_6m|follow_12m)['"]""")
    allowed = {ROOT / "data_loaders" / "contract" / "schema.py"}
    found = [
        _where(path, number)
        for suffix in (".py", ".sql")
        for path in _files(suffix)
        if path not in allowed
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pair.search(line.split("#", 1)[0] if suffix == ".py" else line.split("--", 1)[0])
    ]
    assert found == []


def test_no_target_value_outside_the_catalogue():
    # the +3% income target (0.03) and the 4 households per trainer live in metrics/catalogue.toml;
    # a page or chart reads them with metrics.indicators.indicator(id).target. Checked in the
    # packages that judge or draw against targets (data_loaders uses 0.03 for other things).
    found = []
    for package in ("figures", "metrics", "pages", "reports", "ui"):
        for path in sorted((ROOT / package).rglob("*.py")):
            for number, _line, tokens in _python_code(path):
                if any(t.type == tokenize.NUMBER and t.string in ("0.03", ".03") for t in tokens):
                    found.append(_where(path, number))
    assert found == []


def test_no_buddhist_era_offset_outside_its_declaration():
    # BE = CE + 543 is common/formats.py BE_OFFSET (the national sample's SQL says {BE_OFFSET})
    allowed = {ROOT / "common" / "formats.py"}
    found = [
        _where(path, number)
        for path in _files(".py")
        if path not in allowed
        for number, _line, tokens in _python_code(path)
        if any(t.type == tokenize.NUMBER and t.string == "543" for t in tokens)
    ]
    found += [
        _where(path, number)
        for path in _files(".sql")
        for number, code in _sql_code(path)
        if re.search(r"(?<![\w.])543(?![\w.])", code)
    ]
    assert found == []


def test_the_checks_see_what_they_look_for(tmp_path):
    # the scanners themselves: a stage count in code is seen, the same number in a comment or a
    # string is not
    path = tmp_path / "x.py"
    path.write_text('n_stages = 8\n# stages: 8\nlabel = "stage 8"\n', encoding="utf-8")
    hits = [
        number
        for number, line, tokens in _python_code(path)
        if "stage" in line.lower() and any(t.string == "8" for t in tokens)
    ]
    assert hits == [1]
    sql = tmp_path / "x.sql"
    sql.write_text("SELECT stages_done / (8 * 1)\n-- the 8 stages\n", encoding="utf-8")
    assert [
        n for n, code in _sql_code(sql) if "stage" in code and re.search(r"(?<![\w.])8(?![\w.])", code)
    ] == [1]
