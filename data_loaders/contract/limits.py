"""Every size limit on what an officer may upload, in one place, with its message.

The readers (:mod:`data_loaders.read.encoding`, :mod:`data_loaders.read.archive`,
:mod:`data_loaders.read.xlsx`, :mod:`data_loaders.read.cellcheck`) take a ``Limits`` argument so tests
can shrink them; everything else uses ``LIMITS``. ``docs/DATA.md`` lists the same values.

The upload limit is also set as ``server.maxUploadSize`` (in MB) in ``.streamlit/config.toml``;
Streamlit enforces that one in the browser, and the code checks ``max_upload_bytes`` again
because the command line and tests do not go through Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Limits on untrusted input. Sizes in bytes, counts in rows, entries or characters."""

    max_upload_bytes: int = 50 * MB  # one uploaded .xlsx or .zip (= server.maxUploadSize 50)
    zip_max_entries: int = 50  # members of a .zip of CSV files
    zip_max_total_bytes: int = 200 * MB  # all members together, uncompressed
    zip_max_ratio: int = 100  # uncompressed / compressed, per member
    xlsx_max_total_bytes: int = 1024 * MB  # all parts of a workbook, uncompressed (read streaming)
    max_rows_per_table: int = 15_000_000  # five national years of attendance (11.7 M) fit in one file
    max_cell_chars: int = 1_000  # one cell, after decoding
    max_csv_bytes: int = 2 * 1024 * MB  # one CSV file given on the command line
    annotate_max_comments: int = 10_000  # cells with a comment in the annotated workbook (all are filled)

    # --- messages (``MESSAGES``): {file} names the file, the rest are numbers ---

    def upload_too_large(self, *, file: str, size: int) -> str:
        return _say("upload_too_large", file=file, limit=_mb(self.max_upload_bytes), size=_mb(size))

    def csv_too_large(self, *, file: str, size: int) -> str:
        return _say("csv_too_large", file=file, limit=_mb(self.max_csv_bytes), size=_mb(size))

    def zip_too_many_entries(self, *, file: str, count: int) -> str:
        return _say("zip_too_many_entries", file=file, limit=self.zip_max_entries, count=count)

    def zip_too_large(self, *, file: str, size: int) -> str:
        return _say("zip_too_large", file=file, limit=_mb(self.zip_max_total_bytes), size=_mb(size))

    def workbook_too_large(self, *, file: str, size: int) -> str:
        return _say("workbook_too_large", file=file, limit=_mb(self.xlsx_max_total_bytes), size=_mb(size))

    def zip_ratio(self, *, file: str, member: str, ratio: float) -> str:
        return _say("zip_ratio", file=file, limit=self.zip_max_ratio, member=member, ratio=ratio)

    def too_many_rows(self, *, file: str, sheet: str | None, rows: int) -> str:
        where = file if sheet is None else f"{file}:{sheet}"
        return _say("too_many_rows", file=where, limit=self.max_rows_per_table, rows=rows)

    def cell_too_long(self, *, length: int) -> str:
        return _say("cell_too_long", limit=self.max_cell_chars, length=length)


# Each limit's message, Thai then English (an officer reads "Thai / English"): {limit} is the
# limit, {file} the file (or file:sheet), the rest the method's arguments.
MESSAGES: dict[str, tuple[str, str]] = {
    "upload_too_large": (
        "{file}: ไฟล์ใหญ่เกิน {limit} (ไฟล์นี้ {size}) แบ่งเป็นหลายไฟล์ตามอำเภอแล้วนำเข้าทีละไฟล์",
        "{file}: the file is larger than {limit} ({size}); split it by district and import the parts one by one",
    ),
    "csv_too_large": (
        "{file}: ไฟล์ CSV ใหญ่เกิน {limit} (ไฟล์นี้ {size}) แบ่งเป็นหลายไฟล์",
        "{file}: the CSV file is larger than {limit} ({size}); split it",
    ),
    "zip_too_many_entries": (
        "{file}: ไฟล์ ZIP มี {count:,} รายการ เกินที่รับได้ {limit:,} รายการ ใส่เฉพาะไฟล์ CSV ของตาราง",
        "{file}: the ZIP file has {count:,} entries, more than {limit:,}; put only the tables' CSV files in it",
    ),
    "zip_too_large": (
        "{file}: เมื่อแตกไฟล์ ZIP จะมีขนาด {size} เกิน {limit} แบ่งเป็นหลาย ZIP",
        "{file}: the ZIP file expands to {size}, more than {limit}; split it into several ZIP files",
    ),
    "workbook_too_large": (
        "{file}: เมื่อแตกไฟล์ Excel จะมีขนาด {size} เกิน {limit} แบ่งเป็นหลายไฟล์ตามอำเภอ",
        "{file}: the workbook expands to {size}, more than {limit}; split it by district",
    ),
    "zip_ratio": (
        "{file}: รายการ {member} บีบอัดไว้ {ratio:,.0f} เท่า เกิน {limit:,} เท่า อาจเป็นไฟล์อันตราย (zip bomb) จึงไม่เปิด",
        "{file}: member {member} is compressed {ratio:,.0f} times, more than {limit:,}; it may be a zip bomb and was not opened",
    ),
    "too_many_rows": (
        "{file}: มีมากกว่า {limit:,} แถว (พบอย่างน้อย {rows:,}) แบ่งเป็นหลายไฟล์ตามจังหวัด",
        "{file}: more than {limit:,} rows (at least {rows:,}); split it by province",
    ),
    "cell_too_long": (
        "ข้อความยาว {length:,} ตัวอักษร เกิน {limit:,} ตัวอักษร",
        "the text is {length:,} characters long, more than {limit:,}",
    ),
}


def _say(key: str, **values: object) -> str:
    """The message ``key`` in both languages, "Thai / English", with ``values`` filled in."""
    thai, english = MESSAGES[key]
    return f"{thai.format(**values)} / {english.format(**values)}"


def _mb(size: int) -> str:
    return f"{size / MB:,.1f} MB"


LIMITS = Limits()
