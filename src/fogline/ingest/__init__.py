"""Ingest: files, folders, globs, stdin and JSONL feeds to :class:`~fogline.model.Document`\\ s.

``read_inputs`` yields a Document for every usable input and a :class:`~fogline.model.Rejection`
(with a coded reason) for every other, never stopping the batch.

>>> docs = [x for x in read_inputs(["report.txt"]) if isinstance(x, Document)]  # doctest: +SKIP
"""
from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputRejected, Reject
from ..model import Document, Rejection
from .decode import DEFAULT_LIMITS, Limits, check_english, check_size, decode
from .jsonl import read_jsonl, read_jsonl_stream
from .text import parse_text

__all__ = ["read_inputs", "read_bytes", "parse_text", "Limits", "SUFFIXES"]

SUFFIXES = {".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html",
            ".xhtml": "html", ".jsonl": "jsonl", ".ndjson": "jsonl"}
_GLOB_CHARS = set("*?[")


def expand(paths: Iterable[str]) -> Iterator[tuple[str, str | None] | Rejection]:
    """(path, kind) for every file named, found in a folder or matched by a glob; kind None
    means "sniff the content". ``-`` is standard input. Missing paths become rejections."""
    for p in paths:
        if p == "-":
            yield p, None
            continue
        path = Path(p)
        if path.is_dir():
            found = sorted(
                f for f in path.rglob("*")
                if f.is_file() and f.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(path).parts))
            for f in found:
                yield str(f), SUFFIXES[f.suffix.lower()]
            continue
        if path.is_file():
            yield p, SUFFIXES.get(path.suffix.lower())
            continue
        if _GLOB_CHARS & set(p):
            matches = sorted(m for m in glob.glob(p, recursive=True) if os.path.isfile(m))
            if not matches:
                yield Rejection(p, Reject.UNREADABLE.value, "unreadable: no file matches this pattern")
            for m in matches:
                yield m, SUFFIXES.get(Path(m).suffix.lower())
            continue
        yield Rejection(p, Reject.UNREADABLE.value, "unreadable: no such file or folder")


def sniff(text: str) -> str:
    head = text.lstrip()[:2000].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml", "<head", "<body", "<article", "<div", "<p>", "<!--")):
        return "html"
    first = head.split("\n", 1)[0].strip()
    if first.startswith("{") and first.endswith("}"):
        return "jsonl"
    return "text"


def read_bytes(data: bytes, source: str, kind: str | None = None, *, published: str | None = None,
               limits: Limits = DEFAULT_LIMITS) -> Iterator[Document | Rejection]:
    """Documents (or rejections) from one input's bytes."""
    try:
        text = decode(data, limits=limits)
        kind = kind or sniff(text)
        if kind == "jsonl":
            items: Iterable[Document | Rejection] = read_jsonl(text, source, published=published)
        elif kind == "html":
            from .html import parse_html  # trafilatura is imported only when HTML arrives

            items = [parse_html(text, source)]
        else:
            items = [parse_text(text, source, published=published)]
        for item in items:
            yield _checked(item, published, limits) if isinstance(item, Document) else item
    except InputRejected as e:
        yield Rejection(source, e.reject.value, e.reason)


def _checked(doc: Document | Rejection, published: str | None, limits: Limits) -> Document | Rejection:
    try:
        if not doc.body.strip():
            raise InputRejected(Reject.NO_TEXT, "no article text found")
        check_size(doc.body, limits=limits)
        check_english(f"{doc.title or ''}\n{doc.body}", limits=limits)
    except InputRejected as e:
        return Rejection(doc.source, e.reject.value, e.reason)
    if doc.published is None:
        doc.published = published
    return doc


def read_inputs(paths: Iterable[str], *, published: str | None = None, limits: Limits = DEFAULT_LIMITS,
                stdin: BinaryIO | None = None) -> Iterator[Document | Rejection]:
    """Every input named by ``paths`` as a Document or a Rejection, in order."""
    for item in expand(paths):
        if isinstance(item, Rejection):
            yield item
            continue
        path, kind = item
        try:
            if path == "-":
                data = (stdin or sys.stdin.buffer).read(limits.max_file_bytes + 1)
                source = "<stdin>"
            elif kind == "jsonl":
                # Feeds are streamed a line at a time: the size limit applies to each record.
                with open(path, "rb") as fh:
                    for doc in read_jsonl_stream(fh, path, published=published, max_line_bytes=limits.max_file_bytes):
                        yield _checked(doc, published, limits) if isinstance(doc, Document) else doc
                continue
            else:
                size = os.path.getsize(path)
                if size > limits.max_file_bytes:
                    raise InputRejected(Reject.TOO_LARGE, f"{size:,} bytes, limit {limits.max_file_bytes:,}")
                data = Path(path).read_bytes()
                source = path
        except InputRejected as e:
            yield Rejection(path, e.reject.value, e.reason)
            continue
        except OSError as e:
            yield Rejection(path, Reject.UNREADABLE.value, f"unreadable: {e.strerror or e}")
            continue
        yield from read_bytes(data, source, kind, published=published, limits=limits)
