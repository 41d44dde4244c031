"""The label table (common/strings.toml, read by common/strings.py) and the code that uses it
agree: every key is used somewhere, and every key the code asks for exists, in Thai and English.

Read from the source with :mod:`ast`, not by running the pages. A key counts as used when it
is written out as a string ("page.overview"), or when the code builds it from a prefix and a
code: ``t(f"stage.{s}")``, ``code_label("stage", s)``. For those, the code (``team``) must
itself be written somewhere in the project as a string: a constant such as
``metrics.model.STAGE_CODES``, an accepted value of the data contract (data_loaders/contract/schema.py),
or a code the indicator catalogue declares (metrics/catalogue.toml: sets, reasons, columns).
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

from common.strings import STRINGS, read_labels, text

ROOT = Path(__file__).resolve().parents[2]
# Code that shows labels; data_loaders only adds the codes (accepted values) keys are built from.
USERS = [
    ROOT / "app.py",
    *(ROOT / d for d in ("pages", "ui", "figures", "reports", "metrics", "access", "common")),
]
CODES = [ROOT / "data_loaders"]
LOOKUPS = {"t", "text"}  # t(key, ...) in pages and ui; text(key, lang, ...) and pack.t(key, ...)


def _files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        out.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return out


def _without_the_table(tree: ast.Module) -> ast.Module:
    """common/strings.py without ``STRINGS = ...`` (the table itself is not a use of a key)."""

    def is_table(node: ast.stmt) -> bool:
        target = node.target if isinstance(node, ast.AnnAssign) else None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        return isinstance(target, ast.Name) and target.id == "STRINGS"

    tree.body = [node for node in tree.body if not is_table(node)]
    return tree


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


class _Reader(ast.NodeVisitor):
    """Strings written in the code, key prefixes built with f-strings or code_label, and the
    literal keys passed to t()/text()."""

    def __init__(self) -> None:
        self.literals: set[str] = set()
        self.prefixes: set[str] = set()
        self.asked: list[tuple[str, str]] = []  # (key, where)
        self.where = ""

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str):
            self.literals.add(node.value)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        first = node.values[0] if node.values else None
        if isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value.endswith("."):
            self.prefixes.add(first.value)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        name = _name(node.func)
        first = node.args[0] if node.args else None
        literal = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None
        if name == "code_label" and literal is not None:
            self.prefixes.add(literal + ".")
        elif name in LOOKUPS and literal is not None:
            self.asked.append((literal, f"{self.where}:{node.lineno}"))
        self.generic_visit(node)


def _read(paths: list[Path]) -> _Reader:
    reader = _Reader()
    for path in _files(paths):
        reader.where = str(path.relative_to(ROOT))
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        reader.visit(_without_the_table(tree) if path.name == "strings.py" else tree)
    return reader


def _catalogue_codes() -> set[str]:
    """The codes the indicator catalogue (metrics/catalogue.toml) declares: its sets, reason
    codes and value columns, whose words are ``rows.unit.<set>``, ``rows.reason.<code>`` and
    ``rows.col.<column>``."""
    with open(ROOT / "metrics" / "catalogue.toml", "rb") as handle:
        rows = tomllib.load(handle)["indicator"]
    codes = {row["unit_set"] for row in rows}
    codes |= {code for row in rows for _cond, code in row.get("reasons", ())}
    return codes | {column for row in rows for column in row.get("columns", ())}


@pytest.fixture(scope="module")
def code() -> tuple[_Reader, set[str]]:
    users = _read(USERS)
    return users, users.literals | _read(CODES).literals | _catalogue_codes()


def test_every_label_is_used_somewhere(code):
    users, words = code
    asked = {key for key, _ in users.asked}
    # A dotted key written anywhere; a bare word ("yes") only where it is looked up, since the
    # same word is also data.
    used = {key for key in STRINGS if (key in users.literals and "." in key) or key in asked}
    used |= {key for key in STRINGS for p in users.prefixes if key.startswith(p) and key[len(p) :] in words}
    assert sorted(set(STRINGS) - used) == []


def test_every_label_asked_for_exists(code):
    users, _ = code
    missing = [(key, where) for key, where in users.asked if key not in STRINGS]
    assert missing == []


def test_every_prefix_names_some_labels(code):
    users, _ = code
    # A prefix with no key under it is a typo ("stages." for "stage.") or a dead branch.
    prefixes = {p for p in users.prefixes if re.fullmatch(r"[a-z_]+(\.[a-z_]+)*\.", p)}
    empty = sorted(p for p in prefixes if not any(k.startswith(p) for k in STRINGS))
    assert empty == []


def test_the_check_sees_what_it_should():
    # The reader itself, on a snippet: a literal key, an f-string prefix, a code_label prefix.
    reader = _Reader()
    reader.visit(
        ast.parse('t("page.overview"); t(f"stage.{s}"); code_label("status", x); text("nope", "th")')
    )
    assert reader.prefixes == {"stage.", "status."}
    assert [k for k, _ in reader.asked] == ["page.overview", "nope"]
    assert text("page.overview", "en") == "Overview"


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"round": "6 months", "n": 1}, "6 months: 1 household"),
        ({"round": "6 months", "n": "1"}, "6 months: 1 household"),  # counts often come formatted
        ({"round": "6 months", "n": 2}, "6 months: 2 households"),
        ({"round": "6 months", "n": "1,204"}, "6 months: 1,204 households"),
        ({"round": "6 months", "n": 0}, "6 months: 0 households"),
    ],
)
def test_english_counts_take_the_singular_for_one(values, expected):
    assert text("followup.households", "en", **values) == expected
    assert text("followup.households", "th", **values).endswith("ครัวเรือน")  # Thai nouns do not change


def test_every_plural_choice_names_a_placeholder_of_its_label():
    # {n?one|many} must choose by a value the label is also given ({n}), in English only
    choice = re.compile(r"\{(\w+)\?[^|{}]*\|[^{}]*\}")
    for key, (th, en) in STRINGS.items():
        assert not choice.search(th), key
        for name in choice.findall(en):
            assert "{" + name + "}" in en, (key, name)


def test_every_coded_value_of_the_contract_has_its_label_in_both_languages():
    # schema.DOMAINS holds the codes a file may carry (round baseline, network baac...);
    # common/strings.toml holds what people read. Each code needs "<domain>.<code>" there, Thai
    # and English (neither empty; OTOP reads the same in both).
    from data_loaders.contract.schema import DOMAINS

    for domain, codes in DOMAINS.items():
        for code in codes:
            key = f"{domain}.{code}"
            assert key in STRINGS, f"{key} has no label in common/strings.toml"
            th, en = STRINGS[key]
            assert th.strip(), f"{key}: the Thai label is empty"
            assert en.strip(), f"{key}: the English label is empty"


def test_the_table_file_reads_in_order_with_its_escapes(tmp_path):
    # Two labels, written out of alphabetical order; the second with a quote, a backslash and
    # a plural choice, which TOML escapes and the reader must give back as written.
    path = tmp_path / "labels.toml"
    path.write_text(
        "# a section\n"
        '["z.first"]\nth = "หนึ่ง"\nen = "one"\n\n'
        '["a.second"]  # a note\nth = "สอง {n}"\nen = "say \\"two\\" \\\\ {n} {n?item|items}"\n',
        encoding="utf-8",
    )
    assert read_labels(path) == {
        "z.first": ("หนึ่ง", "one"),
        "a.second": ("สอง {n}", 'say "two" \\ {n} {n?item|items}'),
    }
    assert list(read_labels(path)) == ["z.first", "a.second"]  # the file's order, not sorted


@pytest.mark.parametrize(
    "entry",
    [
        '["x.y"]\nth = "ไทย"\n',  # no English
        '["x.y"]\nth = "ไทย"\nen = "Thai"\nfr = "thaï"\n',  # a third language
        '[x.y]\nth = "ไทย"\nen = "Thai"\n',  # unquoted: TOML reads a table x holding y
        '["x.y"]\nth = "ไทย"\nen = 3\n',  # not text
        '"x.y" = "ไทย"\n',  # a bare value, not a Thai/English pair
    ],
)
def test_a_label_without_exactly_thai_and_english_text_is_refused(tmp_path, entry):
    path = tmp_path / "labels.toml"
    path.write_text(entry, encoding="utf-8")
    with pytest.raises(ValueError, match=r"labels\.toml: the label 'x(\.y)?'"):
        read_labels(path)
