"""docs/DATA.md's contract tables are generated from schema.py: the committed file must match."""

from __future__ import annotations

from data_loaders.contract.docs import DATA_MD, all_columns, update


def test_committed_data_md_matches_the_schema():
    text = DATA_MD.read_text(encoding="utf-8")
    assert text == update(text), "run: python -m data_loaders docs"


def test_a_renamed_column_reaches_the_document(monkeypatch):
    # Hand check: renaming households.members must change the generated all-columns block.
    from data_loaders.contract import docs, schema

    households = schema.TABLES_BY_NAME["households"]
    renamed = tuple(
        schema.Column("member_count", c.aliases, c.kind, c.required, c.domain, c.min_value, c.max_value)
        if c.name == "members"
        else c
        for c in households.columns
    )
    table = schema.Table(
        households.name,
        households.label_th,
        households.sheet_aliases,
        renamed,
        households.key,
        households.references,
        households.village_via,
    )
    monkeypatch.setattr(docs, "TABLES", tuple(table if t.name == "households" else t for t in schema.TABLES))
    block = all_columns()
    assert "| `households` | `member_count` | member_count, จำนวนสมาชิก |" in block
    assert "| `households` | `members` |" not in block
