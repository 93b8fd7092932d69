"""Versioned schema. Each migration is a list of portable SQL statements (SQLite and
PostgreSQL), or of Python steps (a function given the open connection) where data must be
rewritten; a store records the versions it has had applied in ``schema_version``.

Never edit a released migration: add the next one.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _post_stored_terms(c: Any) -> None:
    from .situations import post_stored_terms

    post_stored_terms(c)


MIGRATIONS: list[tuple[int, str, list[str | Callable[[Any], None]]]] = [
    (1, "documents, comments, extracted records, rejections", [
        """CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            kind TEXT NOT NULL,
            outlet TEXT,
            url TEXT,
            title TEXT,
            subtitle TEXT,
            authors TEXT NOT NULL,
            published TEXT,
            body TEXT NOT NULL,
            added_at TEXT NOT NULL,
            analysed_at TEXT NOT NULL,
            analyser TEXT NOT NULL
        )""",
        "CREATE INDEX documents_published ON documents (published)",
        """CREATE TABLE document_sources (
            doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            source TEXT NOT NULL,
            PRIMARY KEY (doc_id, source)
        )""",
        """CREATE TABLE comments (
            doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            position INTEGER NOT NULL,
            author TEXT,
            parent TEXT,
            text TEXT NOT NULL,
            PRIMARY KEY (doc_id, id)
        )""",
        # One row per extracted fact (event, claim, silence, agreement mention), as contract JSON.
        """CREATE TABLE records (
            doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            position INTEGER NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (doc_id, kind, id)
        )""",
        """CREATE TABLE rejections (
            source TEXT NOT NULL,
            code TEXT NOT NULL,
            reason TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            seen INTEGER NOT NULL,
            PRIMARY KEY (source, code)
        )""",
    ]),
    (2, "situations: per-document signatures (MinHash, LSH bands, terms), term document frequencies, situations", [
        # What grouping needs of a document, computed once when it is added (situation/stories.py).
        """CREATE TABLE doc_signatures (
            doc_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
            published TEXT,
            outlet TEXT,
            minhash TEXT NOT NULL,
            terms TEXT NOT NULL,
            actors TEXT NOT NULL,
            places TEXT NOT NULL,
            situation_id TEXT NOT NULL,
            duplicate_of TEXT
        )""",
        "CREATE INDEX doc_signatures_situation ON doc_signatures (situation_id)",
        """CREATE TABLE doc_bands (
            band TEXT NOT NULL,
            doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            PRIMARY KEY (band, doc_id)
        )""",
        """CREATE TABLE term_df (
            term TEXT PRIMARY KEY,
            df INTEGER NOT NULL
        )""",
        """CREATE TABLE situations (
            id TEXT PRIMARY KEY,
            first TEXT,
            last TEXT,
            size INTEGER NOT NULL,
            centroid TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX situations_span ON situations (last, first)",
    ]),
    (3, "situations: a posting table of each report's terms with its date (the reports a new one is compared "
        "with), reports indexed by date and by situation and date", [
        """CREATE TABLE doc_terms (
            term TEXT NOT NULL,
            doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            published TEXT,
            PRIMARY KEY (term, doc_id)
        )""",
        "CREATE INDEX doc_terms_term_published ON doc_terms (term, published)",
        "CREATE INDEX doc_signatures_published ON doc_signatures (published)",
        "CREATE INDEX doc_signatures_situation_published ON doc_signatures (situation_id, published)",
        _post_stored_terms,     # the stored signatures' terms into doc_terms
    ]),
]

LATEST = MIGRATIONS[-1][0]
