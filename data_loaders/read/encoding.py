"""Decode an officer's CSV file strictly, or say exactly where and why it cannot be read.

Accepted, in this order:

1. UTF-8 with a BOM (Excel's "CSV UTF-8") and UTF-16 with a BOM (Excel's "Unicode text").
2. UTF-16 without a BOM, recognised from its NUL bytes: ASCII characters (digits, commas, line
   ends) are one NUL and one ASCII byte each, so in a CSV file most of the odd (little-endian) or
   even (big-endian) bytes are NUL, and a real UTF-8 or Windows-874 CSV has none.
3. Plain UTF-8, checked over the whole file.
4. Windows-874 (a superset of TIS-620, what Thai Excel saves as "CSV"), only when the decoded
   text is plausibly Thai: its non-ASCII characters are nearly all Thai, Thai vowel and tone
   marks follow a Thai letter, and it does not look like UTF-8 read as Windows-874 (UTF-8 Thai
   is ``E0 B8 xx``/``E0 B9 xx``, which Windows-874 shows as ``เธ``/``เน`` before every letter).
   When the text is plausibly but not clearly Thai (some non-Thai characters, or very few
   letters), charset-normalizer gives a second opinion: when it names a non-Thai encoding, the
   file is refused. Letters and marks are counted in the first ``PLAUSIBILITY_SAMPLE`` characters (a file
   has one encoding throughout); the mojibake pairs are counted in the whole file.

A UTF-8 file whose text is itself ``เธ…`` mojibake (UTF-8 that was once read as Windows-874 and
saved again) is refused too: the names in it are rubbish.

Nothing is ever decoded with replacement characters. A file that fits none of these raises
:class:`~data_loaders.read.readers.InputError` naming the file, the line and byte offset (from 0) of
the first bad byte as plain UTF-8, the bytes found there in hex, and how to fix it.

Files are read in chunks of ``CHUNK`` bytes with the C codecs (``codecs.utf_8_decode`` and
friends), so memory stays bounded and a file of gigabytes decodes at codec speed.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from charset_normalizer import from_bytes

from data_loaders.contract.limits import LIMITS, Limits
from data_loaders.read.inputs import InputError

CHUNK = 1024 * 1024
HEAD = 64 * 1024  # bytes looked at to recognise UTF-16 and for charset-normalizer's opinion
PLAUSIBILITY_SAMPLE = 256 * 1024  # characters of Windows-874 text checked for Thai letters and marks

FIX_TH = "บันทึกเป็น CSV UTF-8 (ใน Excel: ไฟล์ > บันทึกเป็น > CSV UTF-8)"
FIX_EN = "save as CSV UTF-8 (in Excel: File > Save As > CSV UTF-8)"
THAI_ENCODINGS = frozenset({"cp874", "tis_620", "iso8859_11", "windows-874", "tis-620"})

# A Thai vowel or tone mark that sits above or below a letter must follow a Thai character;
# one lookbehind of one character, so linear.
_ORPHAN_MARK = re.compile(r"(?<![\u0e01-\u0e3a\u0e40-\u0e4e])[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
_THAI = re.compile(r"[\u0e01-\u0e5b]")
_MOJIBAKE_PAIRS = ("เธ", "เน")  # UTF-8 lead bytes E0 B8 / E0 B9 read as Windows-874


class Transcoded(NamedTuple):
    """What :func:`transcode_to_utf8` found: the encoding, and the UTF-8 file to read.

    ``path`` is the source itself when it was already plain UTF-8 without a BOM (no copy is
    made: a national file of gigabytes is not written twice); otherwise it is ``dst``.
    """

    encoding: str
    path: Path


@dataclass(slots=True)
class _Stats:
    """Counts over decoded text, to judge whether Windows-874 text is plausibly Thai."""

    sample: int = 0  # characters still to look at for Thai letters and marks (0: never)
    non_ascii: int = 0
    sampled_non_ascii: int = 0
    thai: int = 0
    orphan_marks: int = 0
    mojibake_pairs: int = 0
    first_mojibake_line: int | None = None

    def add(self, text: str, *, lines_before: int) -> None:
        non_ascii = len(text) - len(text.encode("ascii", "ignore"))
        if not non_ascii:
            return
        self.non_ascii += non_ascii
        if self.sample > 0:  # regular expressions over Thai text are slow: a sample suffices
            part = text[: self.sample]
            self.sample -= len(part)
            self.sampled_non_ascii += len(part) - len(part.encode("ascii", "ignore"))
            self.thai += len(_THAI.findall(part))
            self.orphan_marks += len(_ORPHAN_MARK.findall(part))
        pairs = sum(text.count(p) for p in _MOJIBAKE_PAIRS)
        if pairs and self.first_mojibake_line is None:
            first = min(i for i in (text.find(p) for p in _MOJIBAKE_PAIRS) if i >= 0)
            self.first_mojibake_line = lines_before + text.count("\n", 0, first) + 1
        self.mojibake_pairs += pairs

    @property
    def looks_like_mojibake(self) -> bool:
        """Each Thai letter in UTF-8 read as Windows-874 is 3 characters, one ``เธ``/``เน`` pair."""
        return self.non_ascii >= 9 and self.mojibake_pairs * 3 >= 0.6 * self.non_ascii

    @property
    def clearly_thai(self) -> bool:
        """Every non-ASCII character a Thai letter or mark, every mark after a letter."""
        return self.thai >= 8 and self.thai == self.sampled_non_ascii and not self.orphan_marks

    @property
    def plausibly_thai(self) -> bool:
        if self.looks_like_mojibake:
            return False
        if not self.sampled_non_ascii:
            return True  # pure ASCII: every encoding agrees
        return self.thai >= 0.9 * self.sampled_non_ascii and self.orphan_marks <= 0.01 * self.thai


class _BadBytes(Exception):
    """Where a strict decode stopped: byte offset from 0, line from 1, the bytes found there."""

    def __init__(self, offset: int, line: int, found: bytes, reason: str) -> None:
        super().__init__(offset, line, found, reason)
        self.offset, self.line, self.found, self.reason = offset, line, found, reason


Decode = Callable[[bytes, str, bool], tuple[str, int]]
_DECODERS: dict[str, Decode] = {
    "utf-8": codecs.utf_8_decode,
    "utf-16-le": codecs.utf_16_le_decode,
    "utf-16-be": codecs.utf_16_be_decode,
}


def _cp874_decode(data: bytes, errors: str, final: bool) -> tuple[str, int]:
    return codecs.decode(data, "cp874", errors), len(data)  # one byte per character


_DECODERS["cp874"] = _cp874_decode


def _decode_chunks(
    chunks: Iterable[bytes], codec: str, *, skip: int, sink: Callable[[str], None] | None, stats: _Stats
) -> None:
    """Decode ``chunks`` strictly with ``codec``, after ``skip`` bytes (a BOM); raises ``_BadBytes``."""
    decode = _DECODERS[codec]
    pending = b""
    consumed = 0  # bytes of the file fully decoded so far (including the skipped BOM)
    lines = 0  # line ends decoded so far
    to_skip = skip
    iterator = iter(chunks)
    while True:
        chunk = next(iterator, None)
        final = chunk is None
        data = pending + (chunk or b"")
        if to_skip:
            cut = min(to_skip, len(data))
            data, to_skip, consumed = data[cut:], to_skip - cut, consumed + cut
        try:
            text, used = decode(data, "strict", final)
        except UnicodeDecodeError as exc:
            good = decode(data[: exc.start], "strict", True)[0]
            line = lines + good.count("\n") + 1
            raise _BadBytes(consumed + exc.start, line, data[exc.start : exc.start + 4], exc.reason) from None
        stats.add(text, lines_before=lines)
        lines += text.count("\n")
        if sink is not None and text:
            sink(text)
        consumed += used
        pending = data[used:]
        if final:
            return


def _file_chunks(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


def _memory_chunks(data: bytes) -> Iterator[bytes]:
    view = memoryview(data)
    for start in range(0, len(data), CHUNK):
        yield bytes(view[start : start + CHUNK])


def _bom(head: bytes) -> tuple[str, int] | None:
    """The codec and BOM length a file announces, if any."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8", len(codecs.BOM_UTF8)
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le", 2
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be", 2
    return None


def utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when the NUL bytes say so, else None.

    In UTF-16 CSV text the ASCII characters (digits, separators, line ends) have a NUL high
    byte: at odd offsets for little-endian, even offsets for big-endian. Thai letters
    (U+0E01–U+0E5B) have 0x0E there instead, so both are counted as "high bytes".
    """
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even, odd = head[0 : 2 * pairs : 2], head[1 : 2 * pairs : 2]
    nul_even, nul_odd = even.count(0), odd.count(0)
    high_even, high_odd = nul_even + even.count(0x0E), nul_odd + odd.count(0x0E)
    if nul_odd >= 0.2 * pairs and high_odd >= 0.9 * pairs and nul_even <= 0.02 * pairs:
        return "utf-16-le"
    if nul_even >= 0.2 * pairs and high_even >= 0.9 * pairs and nul_odd <= 0.02 * pairs:
        return "utf-16-be"
    return None


def _second_opinion(head: bytes) -> str | None:
    """charset-normalizer's best guess for the first bytes (its codec name), or None."""
    best = from_bytes(head).best()
    return None if best is None else str(best.encoding).lower()


def _cp874_agreed(head: bytes, stats: _Stats) -> bool:
    """Windows-874 is accepted when the text is clearly Thai, or plausibly Thai and
    charset-normalizer does not name another encoding (it guesses wrong on short Thai files,
    e.g. cp932 for a two-column header, so it is asked only when the rule is unsure)."""
    if not stats.plausibly_thai:
        return False
    if stats.clearly_thai:
        return True
    opinion = _second_opinion(head)
    return opinion is None or opinion in THAI_ENCODINGS


def _unreadable(file_name: str, bad: _BadBytes) -> str:
    found = bad.found.hex(" ") or "-"
    return (
        f"{file_name}: อ่านข้อความไม่ได้ ไม่ใช่ UTF-8, UTF-16 หรือ Windows-874 ที่ถูกต้อง "
        f"ที่บรรทัด {bad.line} ไบต์ที่ {bad.offset} (พบไบต์ {found}) {FIX_TH} / "
        f"{file_name}: cannot read the text: not valid UTF-8, UTF-16 or Windows-874 "
        f"at line {bad.line}, byte offset {bad.offset} (found bytes {found}); {FIX_EN}"
    )


def _mojibake(file_name: str, line: int | None) -> str:
    at = line or 1
    return (
        f"{file_name}: ข้อความภาษาไทยเพี้ยน (เช่น “เธช…”) ตั้งแต่บรรทัด {at} "
        f"ไฟล์ UTF-8 ถูกเปิดผิดเป็น Windows-874 แล้วบันทึกซ้ำ ให้เปิดไฟล์ต้นฉบับแล้ว{FIX_TH} / "
        f"{file_name}: the Thai text is garbled (like “เธช…”) from line {at}: UTF-8 text was read as "
        f"Windows-874 and saved again; open the original file and {FIX_EN}"
    )


def _utf16_odd(file_name: str, codec: str, bad: _BadBytes) -> str:
    return (
        f"{file_name}: ไฟล์ {codec.upper()} เสียที่บรรทัด {bad.line} ไบต์ที่ {bad.offset} "
        f"(พบไบต์ {bad.found.hex(' ') or '-'}) {FIX_TH} / "
        f"{file_name}: the {codec.upper()} text is broken at line {bad.line}, byte offset {bad.offset} "
        f"(found bytes {bad.found.hex(' ') or '-'}); {FIX_EN}"
    )


def _input_error(message: str) -> Exception:
    return InputError(message)


def _decode_any(
    head: bytes, chunks: Callable[[], Iterator[bytes]], *, file_name: str, sink: Callable[[str], None]
) -> tuple[str, bool]:
    """Decode a file (``chunks`` restarts it); returns (encoding, whether ``sink`` got the text).

    For plain UTF-8 without a BOM the text is only checked, not sent to ``sink``.
    """
    announced = _bom(head)
    fixed = announced or ((codec, 0) if (codec := utf16_without_bom(head)) else None)
    if fixed is not None:
        codec, skip = fixed
        stats = _Stats()
        try:
            _decode_chunks(chunks(), codec, skip=skip, sink=sink, stats=stats)
        except _BadBytes as bad:
            message = _unreadable(file_name, bad) if codec == "utf-8" else _utf16_odd(file_name, codec, bad)
            raise _input_error(message) from None
        if stats.looks_like_mojibake:
            raise _input_error(_mojibake(file_name, stats.first_mojibake_line))
        name = {"utf-8": "utf-8-sig", "utf-16-le": "utf-16", "utf-16-be": "utf-16"}[codec] if skip else codec
        return name, True
    if (nul := head.find(b"\0")) >= 0:  # no text encoding accepted here has NUL bytes (UTF-32 does)
        line = head.count(b"\n", 0, nul) + 1
        raise _input_error(_unreadable(file_name, _BadBytes(nul, line, head[nul : nul + 4], "NUL byte")))
    stats = _Stats()
    try:
        _decode_chunks(chunks(), "utf-8", skip=0, sink=None, stats=stats)
    except _BadBytes as bad:
        not_utf8 = bad
    else:
        if stats.looks_like_mojibake:
            raise _input_error(_mojibake(file_name, stats.first_mojibake_line))
        return "utf-8", False
    stats = _Stats(sample=PLAUSIBILITY_SAMPLE)
    try:
        _decode_chunks(chunks(), "cp874", skip=0, sink=sink, stats=stats)
    except _BadBytes as not_cp874:
        # Report where the likelier encoding stopped: the one that read further.
        further = not_cp874 if not_cp874.offset > not_utf8.offset else not_utf8
        raise _input_error(_unreadable(file_name, further)) from None
    # UTF-8 with a stray byte reads as Windows-874 mojibake: report the stray byte.
    if not _cp874_agreed(head, stats):
        raise _input_error(_unreadable(file_name, not_utf8))
    return "cp874", True


def transcode_to_utf8(src: Path, dst: Path, *, file_name: str, limits: Limits = LIMITS) -> Transcoded:
    """Check ``src`` and give a plain UTF-8 (no BOM) file with the same text.

    Returns the encoding found (``utf-8``, ``utf-8-sig``, ``utf-16``, ``utf-16-le``,
    ``utf-16-be`` or ``cp874``) and the path to read: ``src`` itself when it was already plain
    UTF-8 (``dst`` is then not written), else ``dst``. Raises ``InputError`` (with ``dst``
    removed) when the file is too large or cannot be decoded. ``file_name`` is the name shown
    in messages (an upload's name, not a temporary path).
    """
    size = src.stat().st_size
    if size > limits.max_csv_bytes:
        raise _input_error(limits.csv_too_large(file=file_name, size=size))
    with open(src, "rb") as handle:
        head = handle.read(HEAD)
    try:
        with open(dst, "w", encoding="utf-8", newline="") as out:
            encoding, written = _decode_any(
                head, lambda: _file_chunks(src), file_name=file_name, sink=out.write
            )
    except BaseException:
        dst.unlink(missing_ok=True)
        raise
    if not written:
        dst.unlink(missing_ok=True)
        return Transcoded(encoding, src)
    return Transcoded(encoding, dst)


def decode_bytes(data: bytes, *, file_name: str) -> tuple[str, str]:
    """The text of a small CSV file held in memory, and its encoding; raises ``InputError``."""
    parts: list[str] = []
    encoding, written = _decode_any(
        data[:HEAD], lambda: _memory_chunks(data), file_name=file_name, sink=parts.append
    )
    if not written:
        return data.decode("utf-8"), encoding  # already checked: strict decoding cannot fail
    return "".join(parts), encoding
