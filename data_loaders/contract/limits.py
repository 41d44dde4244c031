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

    # --- messages: Thai first, then English; {file} names the file, the rest are numbers ---

    def upload_too_large(self, *, file: str, size: int) -> str:
        return (
            f"{file}: ไฟล์ใหญ่เกิน {_mb(self.max_upload_bytes)} (ไฟล์นี้ {_mb(size)}) "
            f"แบ่งเป็นหลายไฟล์ตามอำเภอแล้วนำเข้าทีละไฟล์ / "
            f"{file}: the file is larger than {_mb(self.max_upload_bytes)} ({_mb(size)}); "
            f"split it by district and import the parts one by one"
        )

    def csv_too_large(self, *, file: str, size: int) -> str:
        return (
            f"{file}: ไฟล์ CSV ใหญ่เกิน {_mb(self.max_csv_bytes)} (ไฟล์นี้ {_mb(size)}) แบ่งเป็นหลายไฟล์ / "
            f"{file}: the CSV file is larger than {_mb(self.max_csv_bytes)} ({_mb(size)}); split it"
        )

    def zip_too_many_entries(self, *, file: str, count: int) -> str:
        return (
            f"{file}: ไฟล์ ZIP มี {count:,} รายการ เกินที่รับได้ {self.zip_max_entries:,} รายการ "
            f"ใส่เฉพาะไฟล์ CSV ของตาราง / "
            f"{file}: the ZIP file has {count:,} entries, more than {self.zip_max_entries:,}; "
            f"put only the tables' CSV files in it"
        )

    def zip_too_large(self, *, file: str, size: int) -> str:
        return (
            f"{file}: เมื่อแตกไฟล์ ZIP จะมีขนาด {_mb(size)} เกิน {_mb(self.zip_max_total_bytes)} "
            f"แบ่งเป็นหลาย ZIP / "
            f"{file}: the ZIP file expands to {_mb(size)}, more than {_mb(self.zip_max_total_bytes)}; "
            f"split it into several ZIP files"
        )

    def workbook_too_large(self, *, file: str, size: int) -> str:
        return (
            f"{file}: เมื่อแตกไฟล์ Excel จะมีขนาด {_mb(size)} เกิน {_mb(self.xlsx_max_total_bytes)} "
            f"แบ่งเป็นหลายไฟล์ตามอำเภอ / "
            f"{file}: the workbook expands to {_mb(size)}, more than {_mb(self.xlsx_max_total_bytes)}; "
            f"split it by district"
        )

    def zip_ratio(self, *, file: str, member: str, ratio: float) -> str:
        return (
            f"{file}: รายการ {member} บีบอัดไว้ {ratio:,.0f} เท่า เกิน {self.zip_max_ratio:,} เท่า "
            f"อาจเป็นไฟล์อันตราย (zip bomb) จึงไม่เปิด / "
            f"{file}: member {member} is compressed {ratio:,.0f} times, more than {self.zip_max_ratio:,}; "
            f"it may be a zip bomb and was not opened"
        )

    def too_many_rows(self, *, file: str, sheet: str | None, rows: int) -> str:
        where = file if sheet is None else f"{file}:{sheet}"
        return (
            f"{where}: มีมากกว่า {self.max_rows_per_table:,} แถว (พบอย่างน้อย {rows:,}) "
            f"แบ่งเป็นหลายไฟล์ตามจังหวัด / "
            f"{where}: more than {self.max_rows_per_table:,} rows (at least {rows:,}); split it by province"
        )

    def cell_too_long(self, *, length: int) -> str:
        return (
            f"ข้อความยาว {length:,} ตัวอักษร เกิน {self.max_cell_chars:,} ตัวอักษร / "
            f"the text is {length:,} characters long, more than {self.max_cell_chars:,}"
        )


def _mb(size: int) -> str:
    return f"{size / MB:,.1f} MB"


LIMITS = Limits()
