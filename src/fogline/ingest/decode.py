"""Bytes to text, with the checks every input passes: empty, binary, encoding, size, language.

Each failure raises :class:`~fogline.errors.InputRejected` with its code, never anything else.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..errors import InputRejected, Reject

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]
# C0 controls other than tab, newline, carriage return, form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAGIC = {
    b"%PDF": "PDF", b"PK\x03\x04": "ZIP/Office", b"\x89PNG": "PNG", b"\xff\xd8\xff": "JPEG",
    b"GIF8": "GIF", b"\x1f\x8b": "gzip", b"\x7fELF": "ELF executable", b"BZh": "bzip2",
}


@dataclass(frozen=True)
class Limits:
    """Size limits. A file over ``max_file_bytes`` is not read; a document whose text is over
    ``max_text_chars`` is not analysed (spaCy's own ceiling is 1,000,000 characters)."""

    max_file_bytes: int = 20_000_000
    max_text_chars: int = 500_000
    min_english_chars: int = 200  # below this, language identification is too unreliable to reject on


DEFAULT_LIMITS = Limits()


def decode(data: bytes, *, limits: Limits = DEFAULT_LIMITS) -> str:
    """Decode ``data`` to text, or raise InputRejected (empty, binary, too large, undecodable)."""
    if len(data) > limits.max_file_bytes:
        raise InputRejected(Reject.TOO_LARGE, f"{len(data):,} bytes, limit {limits.max_file_bytes:,}")
    if not data.strip():
        raise InputRejected(Reject.EMPTY)
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise InputRejected(Reject.BINARY, f"{kind} data")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(enc))
            except UnicodeDecodeError as e:
                raise InputRejected(Reject.UNDECODABLE, f"{enc} byte-order mark but invalid {enc}: {e.reason}") from None
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 without a BOM has a NUL in every other byte; other NULs mean binary data.
        if head.count(b"\x00") < len(head) // 3:
            raise InputRejected(Reject.BINARY, "NUL bytes in the data")
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                return _checked(data.decode(enc))
            except (UnicodeDecodeError, InputRejected):
                continue
        raise InputRejected(Reject.BINARY, "NUL bytes in the data")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for the rare non-UTF-8 input

    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise InputRejected(Reject.UNDECODABLE, "not UTF-8 and no other encoding fits")
    try:
        return _checked(data.decode(best.encoding))
    except (UnicodeDecodeError, LookupError):
        raise InputRejected(Reject.UNDECODABLE, f"not UTF-8; best guess {best.encoding} fails") from None


def _checked(text: str) -> str:
    sample = text[:20_000]
    bad = len(_CONTROL.findall(sample)) + sample.count("\ufffd")
    if sample and bad / len(sample) > 0.01:
        raise InputRejected(Reject.BINARY if "\x00" in sample else Reject.UNDECODABLE,
                            f"{bad} control or replacement characters in the first {len(sample):,}")
    return _CONTROL.sub("", text)


def check_size(text: str, *, limits: Limits = DEFAULT_LIMITS) -> None:
    if len(text) > limits.max_text_chars:
        raise InputRejected(Reject.TOO_LARGE, f"{len(text):,} characters of text, limit {limits.max_text_chars:,}")


_langid = None


def check_english(text: str, *, limits: Limits = DEFAULT_LIMITS) -> None:
    """Reject text that py3langid is confident is not English. Short texts are let through."""
    sample = text[:5000]
    if len(sample.strip()) < limits.min_english_chars:
        return
    global _langid
    if _langid is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        _langid = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    lang, prob = _langid.classify(sample)
    if lang != "en" and prob >= 0.9:
        raise InputRejected(Reject.NOT_ENGLISH, f"identified as {lang!r} (p={prob:.2f})")
