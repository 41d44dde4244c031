"""Open an uploaded ZIP of CSV files (or the ZIP inside an .xlsx) without trusting it.

Everything the central directory declares is checked before a byte is extracted: the number
of entries, member names, encryption, compression method, the total uncompressed size and the
compression ratio of each member. Declared sizes can lie, so extraction is bounded too: each
member is read in chunks and reading stops as soon as it passes its declared size or the total
passes the limit.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable
from pathlib import PurePosixPath

from data_loaders.contract.limits import LIMITS, Limits
from data_loaders.read.inputs import InputError

CHUNK = 1024 * 1024
RATIO_FROM_BYTES = 1024 * 1024  # members smaller than this are never "bombs" (tiny CSVs compress well)
SUPPORTED_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}
METHOD_NAMES = {9: "Deflate64", 12: "BZIP2", 14: "LZMA", 93: "Zstandard", 95: "XZ", 98: "PPMd", 99: "AES"}
_EOCD = b"PK\x05\x06"


def _error(message: str) -> Exception:
    return InputError(message)


def declared_entries(data: bytes) -> int | None:
    """Entries the end-of-central-directory record declares, read before ``zipfile`` parses
    (and allocates) the whole directory; None when it cannot be found or is ZIP64."""
    at = data.rfind(_EOCD, max(0, len(data) - 65_557))
    if at < 0 or at + 22 > len(data):
        return None
    total = struct.unpack_from("<H", data, at + 10)[0]
    return None if total == 0xFFFF else total


def unsafe_name(member: str) -> bool:
    """A member name that is a path out of the folder: ``..``, absolute, ``\\`` or a drive."""
    if not member or "\\" in member or "\0" in member or member.startswith("/"):
        return True
    if len(member) > 1 and member[1] == ":":
        return True
    return any(part == ".." for part in PurePosixPath(member).parts)


def ignored(member: str) -> bool:
    """macOS resource forks and hidden files that archivers add; never tables."""
    parts = PurePosixPath(member).parts
    return "__MACOSX" in parts or (bool(parts) and parts[-1].startswith("._"))


def open_checked(
    data: bytes,
    *,
    name: str,
    limits: Limits = LIMITS,
    max_entries: int | None = None,
    damaged: Callable[[str, BaseException], str] | None = None,
) -> zipfile.ZipFile:
    """A ``ZipFile`` over ``data`` after the checks that need no extraction; raises ``InputError``.

    ``damaged`` words the message for an archive that does not open (the .xlsx reader says
    "workbook" rather than "ZIP file").
    """
    if len(data) > limits.max_upload_bytes:
        raise _error(limits.upload_too_large(file=name, size=len(data)))
    max_entries = limits.zip_max_entries if max_entries is None else max_entries
    declared = declared_entries(data)
    if declared is not None and declared > max_entries:
        raise _error(limits.zip_too_many_entries(file=name, count=declared))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        ValueError,
        EOFError,
        struct.error,
        NotImplementedError,
    ) as exc:
        raise _error((damaged or _damaged)(name, exc)) from None
    infos = archive.infolist()
    if len(infos) > max_entries:
        raise _error(limits.zip_too_many_entries(file=name, count=len(infos)))
    for info in infos:
        check_member(info, name=name, limits=limits)
    return archive


def check_member(info: zipfile.ZipInfo, *, name: str, limits: Limits = LIMITS) -> None:
    """Name, encryption, method and ratio of one member, from its directory entry only."""
    member = info.filename
    if unsafe_name(member):
        shown = member.replace("\0", "\\0")
        raise _error(
            f'{name}: ชื่อรายการ "{shown}" ใน ZIP ชี้ออกนอกโฟลเดอร์ (มี .. / \\ หรือขึ้นต้นด้วย /) จึงไม่เปิด '
            f"ให้บีบอัดเฉพาะไฟล์ CSV ใหม่ / "
            f'{name}: the ZIP member name "{shown}" is a path out of the folder (.., \\ or a leading /), '
            f"so the file was not opened; zip just the CSV files again"
        )
    if ignored(member) or info.is_dir():
        return
    if info.flag_bits & 0x1:
        raise _error(
            f"{name}: รายการ {member} ใน ZIP มีรหัสผ่าน ให้บีบอัดใหม่โดยไม่ใส่รหัสผ่าน / "
            f"{name}: the ZIP member {member} is encrypted; zip it again without a password"
        )
    if info.compress_type not in SUPPORTED_METHODS:
        method = METHOD_NAMES.get(info.compress_type, str(info.compress_type))
        raise _error(
            f"{name}: รายการ {member} ใน ZIP บีบอัดแบบ {method} ซึ่งไม่รองรับ ให้บีบอัดใหม่ด้วย Windows "
            f"(คลิกขวา > ส่งไปที่ > โฟลเดอร์ที่บีบอัด) / "
            f"{name}: the ZIP member {member} uses the unsupported compression method {method}; zip it again "
            f"with Windows (right-click > Send to > Compressed folder) or any tool's standard Deflate"
        )
    if info.file_size > RATIO_FROM_BYTES:
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > limits.zip_max_ratio:
            raise _error(limits.zip_ratio(file=name, member=member, ratio=ratio))


def _damaged(name: str, exc: BaseException) -> str:
    detail = str(exc).replace("\n", " ")[:200]
    return (
        f"{name}: ไฟล์ ZIP เสียหรือไม่ครบ ({detail}) ให้บีบอัดหรือดาวน์โหลดใหม่ / "
        f"{name}: the ZIP file is damaged or incomplete ({detail}); zip or download it again"
    )


def read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, name: str, budget: int, limits: Limits = LIMITS
) -> bytes:
    """The bytes of one member, reading at most its declared size and at most ``budget`` bytes."""
    allowed = min(info.file_size, budget)
    parts: list[bytes] = []
    got = 0
    try:
        with archive.open(info) as handle:
            while chunk := handle.read(min(CHUNK, allowed - got + 1)):
                got += len(chunk)
                if got > info.file_size:
                    raise _error(
                        f"{name}: รายการ {info.filename} ใน ZIP ใหญ่กว่าที่ระบุไว้ ไฟล์อาจถูกดัดแปลง จึงไม่เปิด / "
                        f"{name}: the ZIP member {info.filename} is larger than it declares; "
                        f"the file may have been tampered with and was not opened"
                    )
                if got > allowed:
                    raise _error(limits.zip_too_large(file=name, size=limits.zip_max_total_bytes + 1))
                parts.append(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise _error(_damaged(name, exc)) from None
    except RuntimeError as exc:  # zipfile: "File is encrypted, password required"
        raise _error(_damaged(name, exc)) from None
    return b"".join(parts)


def read_zip_members(data: bytes, *, name: str, limits: Limits = LIMITS) -> list[tuple[str, bytes]]:
    """The ``.csv`` members of an uploaded ZIP as (file name without folders, bytes).

    Raises ``InputError`` with a located Thai/English message when the archive is too big, has
    too many entries, a member is a path, encrypted, compressed with an unsupported method or
    compressed suspiciously well, when it is damaged, or when it holds no CSV file.
    """
    archive = open_checked(data, name=name, limits=limits)
    with archive:
        members = [
            info
            for info in archive.infolist()
            if not info.is_dir() and not ignored(info.filename) and info.filename.lower().endswith(".csv")
        ]
        total = sum(info.file_size for info in members)
        if total > limits.zip_max_total_bytes:
            raise _error(limits.zip_too_large(file=name, size=total))
        seen: dict[str, str] = {}
        out: list[tuple[str, bytes]] = []
        budget = limits.zip_max_total_bytes
        for info in members:
            base = PurePosixPath(info.filename).name
            if base.lower() in seen:
                raise _error(
                    f"{name}: มีไฟล์ {base} สองไฟล์ใน ZIP ({seen[base.lower()]} และ {info.filename}) ให้เหลือไฟล์เดียว / "
                    f"{name}: the ZIP holds {base} twice ({seen[base.lower()]} and {info.filename}); keep one"
                )
            seen[base.lower()] = info.filename
            content = read_member(archive, info, name=name, budget=budget, limits=limits)
            budget -= len(content)
            out.append((base, content))
    if not out:
        raise _error(f"{name}: ไม่พบไฟล์ .csv ใน ZIP / {name}: no .csv files in the ZIP")
    return out
