"""The parts of ``docs/DATA.md`` that are facts of the contract, generated from ``schema.py``.

``docs/DATA.md`` is prose around generated blocks. A block sits between the lines
``<!-- generated: NAME -->`` and ``<!-- /generated: NAME -->``; :func:`update` rewrites every
block from the schema and leaves the prose alone. A test holds the committed file equal to
``update(file)``, so a renamed column, a new alias or a new coded value cannot reach the code
without reaching the document. ``python -m data_loaders docs`` rewrites the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from data_loaders.contract.schema import DOMAINS, NO_WORDS, TABLES, TABLES_BY_NAME, YES_WORDS, Column, Table

DATA_MD = Path(__file__).resolve().parents[2] / "docs" / "DATA.md"

KIND_LABELS: dict[str, str] = {
    "id": "รหัส / id",
    "village_code": "รหัสหมู่บ้าน / village_code",
    "district_code": "รหัสอำเภอ / district_code",
    "text": "ข้อความ / text",
    "int": "จำนวนเต็ม / int",
    "money": "จำนวนเงิน / money",
    "lat": "ละติจูด / lat",
    "lon": "ลองจิจูด / lon",
    "date": "วันที่ / date",
    "bool": "ใช่/ไม่ใช่ / bool",
    "enum": "ค่ารหัส / code",
    "list": "รายการ / list",
    "fiscal_year": "ปีงบประมาณ / fiscal_year",
    "national_id": "เลขบัตรประชาชน / national_id",
    "phone": "โทรศัพท์ / phone",
}
DOMAIN_TITLES: dict[str, str] = {
    "role": "บทบาท",
    "round": "รอบสำรวจ",
    "activity": "กิจกรรม",
    "network": "ประเภทเครือข่าย",
    "channel": "ช่องทาง",
    "stage": "ขั้นตอน",
}


def _key(table: Table) -> str:
    cols = ", ".join(f"`{k}`" for k in table.key)
    return cols if len(table.key) == 1 else f"({cols})"


def _references(table: Table) -> str:
    if not table.references:
        return "–"
    parts = []
    for ref in table.references:
        cols = ", ".join(f"`{c}`" for c in ref.columns)
        optional = not all(table.column(c).required for c in ref.columns)
        parts.append(
            f"{cols if len(ref.columns) == 1 else f'({cols})'} → {ref.parent}"
            + (" (ถ้ากรอก / if given)" if optional else "")
        )
    return "; ".join(parts)


def _village_via(table: Table) -> str:
    if table.upsert:
        return "ไม่มี (upsert ตามรหัส) / none: upserted"
    if table.name == "villages":
        return "ตัวเอง / itself"
    if table.village_via:
        parent = TABLES_BY_NAME[table.village_via[0]]
        return f"{parent.label_th} / through `{table.village_via[1]}` → {parent.name}"
    if not table.column("village_code").required:
        return "`village_code` (ไม่มีหมู่บ้าน: upsert / none: upserted)"
    return "`village_code`"


def overview() -> str:
    lines = [
        "| ตาราง / table | ชื่อชีตภาษาไทย / Thai sheet names | คีย์ (ห้ามซ้ำ) / key | อ้างถึง / references | เป็นของหมู่บ้านผ่าน / village via |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| `{t.name}` | {', '.join(t.sheet_aliases)} | {_key(t)} | {_references(t)} | {_village_via(t)} |"
        for t in TABLES
    ]
    return "\n".join(lines)


def _range(column: Column) -> str:
    low, high = column.min_value, column.max_value
    if low is not None and high is not None:
        return f"{low:g}–{high:g}"
    if low is not None:
        return f"≥ {low:g}"
    if high is not None:
        return f"≤ {high:g}"
    return ""


def all_columns() -> str:
    lines = [
        "| ตาราง / table | คอลัมน์ / column | หัวคอลัมน์ที่รับได้ / accepted headers | ชนิด / type | ต้องกรอก / required | ช่วง / range | DuckDB |",
        "|---|---|---|---|---|---|---|",
    ]
    for table in TABLES:
        for c in table.columns:
            kind = KIND_LABELS[c.kind] + (f" (`{c.domain}`)" if c.domain else "")
            required = "ต้องกรอก / required" if c.required else "ไม่บังคับ / optional"
            headers = ", ".join(c.headers)
            lines.append(
                f"| `{table.name}` | `{c.name}` | {headers} | {kind} | {required} | {_range(c)} | `{c.sql_type}` |"
            )
        for name, sql_type in table.derived:
            lines.append(f"| `{table.name}` | `{name}` | เติมให้ / derived | – | – | | `{sql_type}` |")
    return "\n".join(lines)


def _used_by(domain: str) -> str:
    return ", ".join(f"`{t.name}.{c.name}`" for t in TABLES for c in t.columns if c.domain == domain)


def coded_values() -> str:
    parts = []
    for domain, codes in DOMAINS.items():
        rows = "\n".join(f"| `{code}` | {', '.join(words)} |" for code, words in codes.items())
        parts.append(
            f"**`{domain}` · {DOMAIN_TITLES.get(domain, domain)}** ({_used_by(domain)})\n\n"
            f"| รหัส / code | คำที่รับได้ / accepted words |\n|---|---|\n{rows}"
        )
    bools = ", ".join(f"`{t.name}.{c.name}`" for t in TABLES for c in t.columns if c.kind == "bool")
    parts.append(
        f"**ใช่/ไม่ใช่ · yes/no** ({bools})\n\n"
        "| ค่า / value | คำที่รับได้ / accepted words |\n|---|---|\n"
        f"| ใช่ / yes (`true`) | {', '.join(YES_WORDS)} |\n"
        f"| ไม่ใช่ / no (`false`) | {', '.join(NO_WORDS)} |"
    )
    return "\n\n".join(parts)


BLOCKS: dict[str, Callable[[], str]] = {
    "tables-overview": overview,
    "all-columns": all_columns,
    "coded-values": coded_values,
}
_BLOCK = re.compile(r"(<!-- generated: ([a-z-]+) -->\n)(.*?)(<!-- /generated: \2 -->)", re.DOTALL)


def update(text: str) -> str:
    """``text`` with every generated block rewritten from the schema."""

    def fill(match: re.Match[str]) -> str:
        name = match.group(2)
        if name not in BLOCKS:
            msg = f"docs/DATA.md names an unknown generated block {name!r}"
            raise ValueError(msg)
        return f"{match.group(1)}{BLOCKS[name]()}\n{match.group(4)}"

    return _BLOCK.sub(fill, text)


def write(path: Path = DATA_MD) -> bool:
    """Rewrite the generated blocks of ``path``; True if anything changed."""
    text = path.read_text(encoding="utf-8")
    new = update(text)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text
