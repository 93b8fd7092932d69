"""The situations index inside the store (schema versions 2 and 3): signatures, LSH bands, term
document frequencies, situation centroids and a posting table of each report's terms with its date
(``doc_terms``), so that adding a report places it among the stored situations without reading or
re-analysing any other report, and without reading every report of its week: the posting table
gives the reports within ``WINDOW_DAYS`` that share its most distinctive terms
(:func:`fogline.situation.stories.candidate_reports`); only their signatures are read and decoded,
and their situations' reports in the window are counted.

Used by :meth:`fogline.store.Store.save` on every new document, inside its transaction.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Connection, bindparam, text

from ..situation.stories import WINDOW_DAYS, shift

CHUNK = 500
RECENT_UNDATED = 200   # an undated report is compared with the situations most recently updated
MEMO_SIGNATURES = 20_000   # decoded signatures kept by an open index (~10 kB each), then forgotten


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _chunks(xs: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(xs), CHUNK):
        yield xs[i:i + CHUNK]


def _expanding(sql: str) -> Any:
    """A statement with one ``IN :xs`` list, compiled once and expanded at execution (a ``text()``
    with hundreds of named parameters was re-parsed on every call: 50 ms a report)."""
    return text(sql).bindparams(bindparam("xs", expanding=True))


_DF = _expanding("SELECT term, df FROM term_df WHERE term IN :xs")
_BUCKETS = _expanding("SELECT DISTINCT doc_id FROM doc_bands WHERE band IN :xs")
_MINHASHES = _expanding("SELECT doc_id, minhash FROM doc_signatures WHERE doc_id IN :xs")
_SIG_COLUMNS = "doc_id, published, outlet, terms, situation_id"
# the reports sharing the most of these terms (ties by id: the same answer on every database)
_POSTED = "SELECT doc_id FROM doc_terms WHERE term IN :xs{window} GROUP BY doc_id ORDER BY COUNT(*) DESC, doc_id LIMIT :n"
_WINDOW = " AND (published IS NULL OR (published >= :lo AND published <= :hi))"
_POSTED_DATED = _expanding(_POSTED.format(window=_WINDOW))
_POSTED_ANY = _expanding(_POSTED.format(window=""))
_SIGNATURES = _expanding(f"SELECT {_SIG_COLUMNS} FROM doc_signatures WHERE doc_id IN :xs")
_SIG_SITUATIONS = _expanding("SELECT doc_id, situation_id FROM doc_signatures WHERE doc_id IN :xs")
_SIZES = "SELECT situation_id, COUNT(*) FROM doc_signatures WHERE situation_id IN :xs{window} GROUP BY situation_id"
_SIZES_DATED = _expanding(_SIZES.format(window=_WINDOW))
_SIZES_ANY = _expanding(_SIZES.format(window=""))


def posted_terms(terms: dict[str, Any]) -> list[str]:
    """The terms of a signature that go into the posting table (not the lead-place ``^`` marks)."""
    return [t for t in terms if not t.startswith("^")]


def post_stored_terms(c: Connection) -> None:
    """Fill ``doc_terms`` from the stored signatures (migration 3, for a store placed before it)."""
    rows = c.execute(text("SELECT doc_id, published, terms FROM doc_signatures")).all()
    posts = [{"t": t, "d": d, "p": p} for d, p, terms in rows for t in posted_terms(json.loads(terms))]
    for i in range(0, len(posts), 5000):
        c.execute(text("INSERT INTO doc_terms (term, doc_id, published) VALUES (:t, :d, :p)"), posts[i:i + 5000])


def _sig_row(r: Any) -> dict[str, Any]:
    d, p, o, t, s = r
    return {"doc": d, "published": p, "outlet": o, "terms": json.loads(t), "situation": s}


class StoreIndex:
    """:class:`fogline.situation.stories.Index` over an open store connection."""

    def __init__(self, conn: Connection) -> None:
        self.c = conn
        self._n: int | None = None
        # Document frequencies read so far (0: not in ``term_df``), kept in step by
        # :meth:`add_document`, the only writer of ``term_df`` while this index is open: placing a
        # report looks up the terms of every report it is compared with, mostly the same terms as
        # the report before it.
        self._df: dict[str, int] = {}
        # Decoded signatures read so far (all but the situation, which merges change): the reports a
        # new one is compared with are mostly those the report before it was compared with.
        self._sigs: dict[str, dict[str, Any]] = {}

    def n_docs(self) -> int:
        if self._n is None:
            self._n = int(self.c.execute(text("SELECT COUNT(*) FROM doc_signatures")).scalar() or 0)
        return self._n

    def df(self, terms: Iterable[str]) -> dict[str, int]:
        """The stored document frequency of each of ``terms`` that has one (a fresh dict)."""
        wanted = set(terms)
        known = self._df
        missing = sorted(wanted - known.keys())
        for chunk in _chunks(missing):
            got = dict(self.c.execute(_DF, {"xs": list(chunk)}).tuples().all())
            for t in chunk:
                known[t] = int(got.get(t, 0))
        return {t: known[t] for t in wanted if known[t]}

    def bucket_members(self, bands: Sequence[str]) -> set[str]:
        out: set[str] = set()
        for chunk in _chunks(list(bands)):
            out |= {r[0] for r in self.c.execute(_BUCKETS, {"xs": list(chunk)})}
        return out

    def minhashes(self, doc_ids: Iterable[str]) -> dict[str, list[int]]:
        out = {}
        for chunk in _chunks(sorted(set(doc_ids))):
            for d, mh in self.c.execute(_MINHASHES, {"xs": list(chunk)}):
                out[d] = json.loads(mh)
        return out

    def _row(self, r: Any) -> dict[str, Any]:
        return {"id": r["id"], "first": r["first"], "last": r["last"], "size": int(r["size"]),
                "centroid": json.loads(r["centroid"])}

    def situations_near(self, published: str | None) -> list[dict[str, Any]]:
        if published:
            rows = self.c.execute(text(
                "SELECT * FROM situations WHERE (last IS NULL OR last >= :lo) AND (first IS NULL OR first <= :hi)"),
                {"lo": shift(published, -WINDOW_DAYS), "hi": shift(published, WINDOW_DAYS)}).mappings()
        else:
            rows = self.c.execute(text("SELECT * FROM situations ORDER BY updated_at DESC LIMIT :n"),
                                  {"n": RECENT_UNDATED}).mappings()
        return [self._row(r) for r in rows]

    def signatures_near(self, published: str | None) -> list[dict[str, Any]]:
        """Every stored report within ``WINDOW_DAYS`` of ``published`` (when it is unknown: the
        reports of the ``RECENT_UNDATED`` situations most recently updated), with its terms and
        situation. The full scan that :meth:`posting_docs` spares; kept for checks and the bench."""
        if published:
            rows = self.c.execute(text(
                f"SELECT {_SIG_COLUMNS} FROM doc_signatures WHERE published IS NULL OR (published >= :lo AND published <= :hi)"),
                {"lo": shift(published, -WINDOW_DAYS), "hi": shift(published, WINDOW_DAYS)})
        else:
            rows = self.c.execute(text(
                "SELECT d.doc_id, d.published, d.outlet, d.terms, d.situation_id FROM doc_signatures d"
                " WHERE d.situation_id IN (SELECT id FROM situations ORDER BY updated_at DESC, id LIMIT :n)"),
                {"n": RECENT_UNDATED})
        return [_sig_row(r) for r in rows]

    def posting_docs(self, terms: Sequence[str], published: str | None, days: int, limit: int) -> list[str]:
        """The stored reports within ``days`` of ``published`` (any date when it is unknown) that
        share the most of ``terms``, at most ``limit``."""
        if not terms:
            return []
        if published:
            rows = self.c.execute(_POSTED_DATED, {"xs": list(terms), "lo": shift(published, -days),
                                                  "hi": shift(published, days), "n": limit})
        else:
            rows = self.c.execute(_POSTED_ANY, {"xs": list(terms), "n": limit})
        return [r[0] for r in rows]

    def signatures(self, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
        """Each stored report's signature with its current situation (in the order the database
        gives them; a report's terms are decoded once while this index is open)."""
        out = []
        for chunk in _chunks(list(doc_ids)):
            rows = self.c.execute(_SIG_SITUATIONS, {"xs": list(chunk)}).tuples().all()
            unread = [d for d, _ in rows if d not in self._sigs]
            if unread and len(self._sigs) + len(unread) > MEMO_SIGNATURES:
                self._sigs = {d: self._sigs[d] for d, _ in rows if d in self._sigs}   # a large batch
            if unread:
                for r in self.c.execute(_SIGNATURES, {"xs": unread}):
                    self._sigs[r[0]] = _sig_row(r)
            out.extend({**self._sigs[d], "situation": s} for d, s in rows)
        return out

    def window_sizes(self, situations: Sequence[str], published: str | None, days: int) -> dict[str, int]:
        """How many stored reports each of these situations has within ``days`` of ``published``."""
        out: dict[str, int] = {}
        for chunk in _chunks(list(situations)):
            if published:
                rows = self.c.execute(_SIZES_DATED, {"xs": list(chunk), "lo": shift(published, -days),
                                                     "hi": shift(published, days)})
            else:
                rows = self.c.execute(_SIZES_ANY, {"xs": list(chunk)})
            out.update((r[0], int(r[1])) for r in rows)
        return out

    def situation_of(self, doc_id: str) -> str | None:
        return self.c.execute(text("SELECT situation_id FROM doc_signatures WHERE doc_id = :d"), {"d": doc_id}).scalar()

    def add_document(self, sig: dict[str, Any], bands: Sequence[str], situation: str, duplicate_of: str | None) -> None:
        self.c.execute(text(
            "INSERT INTO doc_signatures (doc_id, published, outlet, minhash, terms, actors, places, situation_id,"
            " duplicate_of) VALUES (:d, :p, :o, :m, :t, :a, :pl, :s, :dup)"),
            {"d": sig["doc"], "p": sig["published"], "o": sig["outlet"], "m": json.dumps(sig["minhash"]),
             "t": json.dumps(sig["terms"], ensure_ascii=False), "a": json.dumps(sig["actors"], ensure_ascii=False),
             "pl": json.dumps(sig["places"], ensure_ascii=False), "s": situation, "dup": duplicate_of})
        self.c.execute(text("INSERT INTO doc_bands (band, doc_id) VALUES (:b, :d) ON CONFLICT DO NOTHING"),
                       [{"b": b, "d": sig["doc"]} for b in bands])
        posts = posted_terms(sig["terms"])
        if posts:
            self.c.execute(text("INSERT INTO doc_terms (term, doc_id, published) VALUES (:t, :d, :p)"),
                           [{"t": t, "d": sig["doc"], "p": sig["published"]} for t in posts])
        self.c.execute(text("INSERT INTO term_df (term, df) VALUES (:t, 1)"
                            " ON CONFLICT (term) DO UPDATE SET df = term_df.df + 1"),
                       [{"t": t} for t in sig["terms"]])
        if self._n is not None:
            self._n += 1
        for t in sig["terms"]:
            if t in self._df:
                self._df[t] += 1

    def put_situation(self, sit: dict[str, Any]) -> None:
        self.c.execute(text(
            "INSERT INTO situations (id, first, last, size, centroid, updated_at) VALUES (:id, :f, :l, :n, :c, :u)"
            " ON CONFLICT (id) DO UPDATE SET first = excluded.first, last = excluded.last, size = excluded.size,"
            " centroid = excluded.centroid, updated_at = excluded.updated_at"),
            {"id": sit["id"], "f": sit["first"], "l": sit["last"], "n": sit["size"],
             "c": json.dumps(sit["centroid"], ensure_ascii=False), "u": _now()})

    def get_situation(self, sid: str) -> dict[str, Any]:
        r = self.c.execute(text("SELECT * FROM situations WHERE id = :id"), {"id": sid}).mappings().one()
        return self._row(r)

    def merge_situations(self, into: str, others: Sequence[str]) -> None:
        t = self.get_situation(into)
        for o in others:
            s = self.get_situation(o)
            for term, w in s["centroid"].items():
                t["centroid"][term] = t["centroid"].get(term, 0.0) + w
            t["size"] += s["size"]
            dates = [x for x in (t["first"], t["last"], s["first"], s["last"]) if x]
            t["first"], t["last"] = (min(dates), max(dates)) if dates else (None, None)
            self.c.execute(text("UPDATE doc_signatures SET situation_id = :t WHERE situation_id = :o"), {"t": into, "o": o})
            self.c.execute(text("DELETE FROM situations WHERE id = :o"), {"o": o})
        self.put_situation(t)
