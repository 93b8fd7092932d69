"""JSONL feeds: one ``{"title", "text", "published", "url", "outlet"}`` object a line.

A bad line (not JSON, not an object, no text, a truncated last line) is rejected as
``<file>:<line>`` with its reason; every other line is read.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from ..errors import InputRejected, Reject
from ..model import Document, Rejection
from .dates import find_date
from .text import parse_text


def _published(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return find_date(value)


def read_jsonl(text: str, source: str, *, published: str | None = None) -> Iterator[Document | Rejection]:
    """Documents and rejections from JSONL ``text``, in line order."""
    yield from read_jsonl_lines(enumerate(text.splitlines(), start=1), source, published=published)


def read_jsonl_stream(stream: BinaryIO, source: str, *, published: str | None = None,
                      max_line_bytes: int) -> Iterator[Document | Rejection]:
    """Like :func:`read_jsonl` over a binary stream, a line at a time: a feed of any length."""

    def lines() -> Iterator[tuple[int, str | InputRejected]]:
        for n, raw in enumerate(stream, start=1):
            if len(raw) > max_line_bytes:
                yield n, InputRejected(Reject.TOO_LARGE, f"line {n}: {len(raw):,} bytes, limit {max_line_bytes:,}")
                continue
            try:
                yield n, raw.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError as e:
                yield n, InputRejected(Reject.UNDECODABLE, f"line {n}: not UTF-8 ({e.reason} at byte {e.start})")

    yield from read_jsonl_lines(lines(), source, published=published)


def read_jsonl_lines(lines: Iterable[tuple[int, str | InputRejected]], source: str, *,
                     published: str | None = None) -> Iterator[Document | Rejection]:
    for n, line in lines:
        where = f"{source}:{n}"
        if isinstance(line, InputRejected):
            yield Rejection(where, line.reject.value, line.reason)
            continue
        if not line.strip():
            continue
        try:
            yield record_to_document(_load(line, n), where, published=published)
        except InputRejected as e:
            yield Rejection(where, e.reject.value, e.reason)


def _load(line: str, n: int) -> dict[str, Any]:
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputRejected(Reject.MALFORMED_JSONL, f"line {n}: not valid JSON ({e.msg} at column {e.colno})") from None
    if not isinstance(rec, dict):
        raise InputRejected(Reject.MALFORMED_JSONL, f"line {n}: a JSON {type(rec).__name__}, not an object")
    text = rec.get("text")
    if not isinstance(text, str):
        raise InputRejected(Reject.MALFORMED_JSONL, f"line {n}: no \"text\" string")
    if not text.strip():
        raise InputRejected(Reject.EMPTY, f"line {n}: \"text\" is empty")
    return rec


def record_to_document(rec: dict[str, Any], source: str, *, published: str | None = None) -> Document:
    title = rec.get("title") if isinstance(rec.get("title"), str) and rec["title"].strip() else None
    url = rec.get("url") if isinstance(rec.get("url"), str) else None
    doc = parse_text(rec["text"], url or source, title=title.strip() if title else None,
                     published=_published(rec.get("published")) or published)
    if isinstance(rec.get("outlet"), str) and rec["outlet"].strip():
        doc.outlet = rec["outlet"].strip()
    doc.url = url
    doc.kind = "jsonl"
    return doc
