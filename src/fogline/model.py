"""Typed records of the output contract (docs/contract.md), version 1.

Every extracted fact carries a :class:`Span` whose ``text`` equals the slice of the document part
it names; :meth:`Document.span` is the one way to make one, and it checks that promise.
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

CONTRACT_VERSION = "1"


@dataclass(frozen=True)
class Span:
    """Evidence: ``text == part_text[start:end]`` for the part named by ``part``."""

    part: str  # "body" | "title" | "subtitle" | "comment:<id>"
    start: int
    end: int
    text: str


@dataclass
class Actor:
    name: str
    code: str | None = None
    kind: str = "unknown"
    text: str = ""


@dataclass
class Figure:
    value: float
    unit: str
    text: str
    qualifier: str | None = None


@dataclass
class Location:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass
class Event:
    id: str
    type: str
    evidence: Span
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    cameo: str | None = None
    trigger_span: Span | None = None
    source: list[Actor] = field(default_factory=list)
    target: list[Actor] = field(default_factory=list)
    date: str | None = None
    date_text: str | None = None
    location: Location | None = None
    acled: dict[str, str] | None = None
    figures: list[Figure] = field(default_factory=list)
    negated: bool = False
    hedged: bool = False
    # (added field) Whether a PETRARCH2-style coder would emit the event as one of the sentence's
    # coded events: a verb of the main clause chain, not a noun mention, relative clause or the
    # mirror of a meeting (see fogline.extract.events.cameo_dyads, the CAMEO/PETRARCH export).
    primary: bool = True
    # (added field) What coded the event: "patterns" (the verb dictionary and fogline's rules, see
    # fogline.extract.events) or "patterns; mode: model" (type, code and roles by the patterns, the
    # PLOVER mode by the statistical model of fogline.extract.event_model).
    coded_by: str = "patterns"


@dataclass
class Claim:
    id: str
    speaker: Actor | None
    cue: str
    stance: str  # "assert" | "deny"
    content: str
    proposition: str
    evidence: Span
    cue_span: Span
    content_span: Span
    speaker_span: Span | None = None
    hedged: bool = False
    figures: list[Figure] = field(default_factory=list)
    # What the content is about, for merging claims into propositions across reports (added field):
    # {"predicate": lemma or class, "args": [noun lemmas], "agent": actor name or null}
    frame: dict[str, Any] | None = None
    # Further pieces of the content where it is split (added field): the rest of a sentence a
    # parenthetical cue interrupts ("The goal, he said, is to forge a truce"), a quotation that
    # goes on after its cue or in the next sentences ("“A,” she said. “B.”"). ``content`` joins
    # ``content_span`` and these.
    content_more: list[Span] = field(default_factory=list)


@dataclass
class Silence:
    actor: Actor
    evidence: Span
    proposition: str | None = None


@dataclass
class Comment:
    id: str
    text: str
    author: str | None = None
    parent: str | None = None


@dataclass
class Document:
    """One report, split into its parts. ``id`` is a hash of the article's own text."""

    source: str
    body: str
    title: str | None = None
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # YYYY-MM-DD
    outlet: str | None = None
    url: str | None = None
    comments: list[Comment] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    silences: list[Silence] = field(default_factory=list)
    agreements: list[dict[str, Any]] = field(default_factory=list)
    # CAMEO-only records, not in to_dict(), stored with the document and written by the CAMEO export:
    # statements (root 01: "expressed sorrow", "claimed responsibility"), which have no PLOVER type and
    # so no contract event, and PETRARCH2-convention copies of contract events (ids ending "-cameo":
    # an agentless passive's place as source, target "---", "will X" as X; see extract/events.py)
    cameo_statements: list[Event] = field(default_factory=list)
    id: str = ""
    kind: str = "text"  # how it was read: text, html, jsonl
    # Extractors that failed on this document (code FL500 and the error), reported in the output.
    extraction_errors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = document_id(self.title, self.body)

    def parts(self) -> dict[str, str]:
        """Every part a span may point into, by part name."""
        out = {"body": self.body}
        if self.title:
            out["title"] = self.title
        if self.subtitle:
            out["subtitle"] = self.subtitle
        for c in self.comments:
            out[f"comment:{c.id}"] = c.text
        return out

    def part_text(self, part: str) -> str:
        try:
            return self.parts()[part]
        except KeyError:
            raise ValueError(f"document {self.id} has no part {part!r}") from None

    def span(self, part: str, start: int, end: int, *, strip: bool = True) -> Span:
        """The evidence span ``part[start:end]``, trimmed of surrounding white space."""
        text = self.part_text(part)
        return make_span(part, text, start, end, strip=strip)

    def to_dict(self) -> dict[str, Any]:
        """The contract's Document, fields in the contract's order (``url`` added)."""
        d = to_dict(self)
        order = ("id", "source", "outlet", "url", "title", "subtitle", "authors", "published", "body",
                 "comments", "events", "claims", "silences", "agreements")
        out = {k: d[k] for k in order}
        if self.extraction_errors:
            out["errors"] = list(self.extraction_errors)
        return out


def make_span(part: str, text: str, start: int, end: int, *, strip: bool = True) -> Span:
    """A :class:`Span` over ``text[start:end]``; raises if the offsets are out of range."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span {start}:{end} outside {part} of length {len(text)}")
    if strip:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return Span(part, start, end, text[start:end])


@dataclass
class Rejection:
    source: str
    code: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"source": self.source, "reason": f"{self.code} {self.reason}", "code": self.code}


_WS = re.compile(r"\s+")


def normalise_for_id(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    return _WS.sub(" ", text).strip().lower()


def document_id(title: str | None, body: str) -> str:
    """Stable content hash: the same title and body give the same id, whatever the container
    (text file, HTML page, JSONL line), white space and Unicode form aside."""
    h = hashlib.sha256()
    h.update(normalise_for_id(title).encode())
    h.update(b"\x00")
    h.update(normalise_for_id(body).encode())
    return h.hexdigest()[:16]


def to_dict(obj: Any) -> Any:
    """Dataclasses to plain JSON-ready values."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, list):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj


def unique_ids(doc: Any) -> None:
    """Every fact id once per document and kind: an exact repeat (the same fact found twice) is
    dropped, any other fact whose id is taken gets a suffix. Ids are hashes of where a fact sits,
    so two rules reading the same words could otherwise give two facts one id, which the store
    (and every reader that looks facts up by id) cannot tell apart."""
    for kind in ("events", "claims", "agreements", "cameo_statements"):
        facts = getattr(doc, kind)
        seen: dict[str, Any] = {}
        kept = []
        for f in facts:
            fid = f["id"] if isinstance(f, dict) else f.id
            if fid in seen:
                if seen[fid] == f:
                    continue
                n = 2
                while f"{fid}-{n}" in seen:
                    n += 1
                fid = f"{fid}-{n}"
                if isinstance(f, dict):
                    f["id"] = fid
                else:
                    f.id = fid
            seen[fid] = f
            kept.append(f)
        setattr(doc, kind, kept)
