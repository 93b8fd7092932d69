"""The store: SQLite by default (``fogline.db``), the same schema on PostgreSQL.

Documents are keyed by their content hash, so storing the same report twice adds nothing; the
facts extracted from a document are replaced when it is analysed again. Every statement is
parameterised.

>>> store = Store.open(":memory:")           # doctest: +SKIP
>>> store.save(result.documents, result.rejected)  # doctest: +SKIP
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Engine, bindparam, create_engine, event, text
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..model import Comment, Document, Rejection, to_dict, unique_ids
from .migrations import LATEST, MIGRATIONS

__all__ = ["Store", "db_url"]

RECORD_KINDS = ("events", "claims", "silences", "agreements", "cameo_statements")


def db_url(db: str) -> str:
    """``fogline.db`` / ``:memory:`` / an SQLAlchemy URL to an SQLAlchemy URL."""
    if "://" in db:
        return db
    return "sqlite://" if db == ":memory:" else f"sqlite:///{db}"


_SIGNED = text("SELECT doc_id FROM doc_signatures WHERE doc_id IN :xs").bindparams(bindparam("xs", expanding=True))
_KNOWN = text("SELECT id FROM documents WHERE id IN :xs").bindparams(bindparam("xs", expanding=True))
CHUNK = 500


def _present(c: Any, query: Any, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` the one-column ``query`` (``... IN :xs``) finds, a chunk of ids a statement."""
    ids = sorted(set(ids))
    return {r[0] for i in range(0, len(ids), CHUNK) for r in c.execute(query, {"xs": ids[i:i + CHUNK]})}


def unplaced_ids(c: Any, documents: Sequence[Document]) -> set[str]:
    """Ids among ``documents`` that have no situation signature yet."""
    ids = {d.id for d in documents}
    return ids - _present(c, _SIGNED, ids)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """A fogline database. Open with :meth:`open`; it migrates the schema on first use."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, db: str = "fogline.db") -> Store:
        url = db_url(db)
        try:
            engine = create_engine(url)
        except (SQLAlchemyError, ImportError, ValueError) as e:
            raise StoreError(f"cannot open store {db!r}: {e}") from None
        if engine.dialect.name == "sqlite":
            @event.listens_for(engine, "connect")
            def _pragmas(conn: Any, _record: Any) -> None:
                cur = conn.cursor()
                if url != "sqlite://":
                    cur.execute("PRAGMA journal_mode=WAL")
                    # With WAL, NORMAL syncs at checkpoints, not at every commit: a power cut may
                    # lose the last transactions but never corrupts the file or splits a save.
                    cur.execute("PRAGMA synchronous=NORMAL")
                cur.execute("PRAGMA foreign_keys=ON")
                cur.execute("PRAGMA busy_timeout=10000")
                cur.close()
        store = cls(engine)
        store.migrate()
        return store

    # -- schema --------------------------------------------------------------------------
    def version(self) -> int:
        with self.engine.connect() as c:
            return int(c.execute(text("SELECT COALESCE(MAX(version), 0) FROM schema_version")).scalar() or 0)

    def migrate(self) -> list[int]:
        """Apply the migrations this store lacks; return their numbers."""
        try:
            with self.engine.begin() as c:
                c.execute(text("CREATE TABLE IF NOT EXISTS schema_version ("
                               "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"))
            have = self.version()
            if have > LATEST:
                raise StoreError(f"the store is at schema version {have}, newer than this fogline ({LATEST}); upgrade fogline")
            applied = []
            for version, description, statements in MIGRATIONS:
                if version <= have:
                    continue
                with self.engine.begin() as c:
                    for stmt in statements:
                        if callable(stmt):
                            stmt(c)
                        else:
                            c.execute(text(stmt))
                    c.execute(text("INSERT INTO schema_version (version, description, applied_at) VALUES (:v, :d, :t)"),
                              {"v": version, "d": description, "t": _now()})
                applied.append(version)
            return applied
        except SQLAlchemyError as e:
            raise StoreError(f"cannot migrate store {self.engine.url!r}: {e}") from None

    # -- writing -------------------------------------------------------------------------
    def save(self, documents: Sequence[Document], rejected: Sequence[Rejection] = (), *,
             analyser: str = "") -> dict[str, int]:
        """Store documents (new ones inserted, known ones' facts replaced) and rejections, in one
        transaction. Returns counts of what was new."""
        now = _now()
        new_docs = 0
        try:
            with self.engine.begin() as c:
                stored = _present(c, _KNOWN, (d.id for d in documents))   # one look-up for the batch
                for d in documents:
                    if d.id not in stored:
                        stored.add(d.id)    # a document twice in one batch is new only once
                        new_docs += 1
                        c.execute(text(
                            "INSERT INTO documents (id, source, kind, outlet, url, title, subtitle, authors, published,"
                            " body, added_at, analysed_at, analyser) VALUES (:id, :source, :kind, :outlet, :url, :title,"
                            " :subtitle, :authors, :published, :body, :now, :now, :analyser)"),
                            {"id": d.id, "source": d.source, "kind": d.kind, "outlet": d.outlet, "url": d.url,
                             "title": d.title, "subtitle": d.subtitle, "authors": json.dumps(d.authors),
                             "published": d.published, "body": d.body, "now": now, "analyser": analyser})
                        if d.comments:
                            c.execute(text("INSERT INTO comments (doc_id, id, position, author, parent, text)"
                                           " VALUES (:doc, :id, :pos, :author, :parent, :text)"),
                                      [{"doc": d.id, "id": cm.id, "pos": i, "author": cm.author,
                                        "parent": cm.parent, "text": cm.text} for i, cm in enumerate(d.comments)])
                    else:
                        c.execute(text("UPDATE documents SET analysed_at = :now, analyser = :analyser WHERE id = :id"),
                                  {"now": now, "analyser": analyser, "id": d.id})
                    c.execute(text("INSERT INTO document_sources (doc_id, source) VALUES (:doc, :source)"
                                   " ON CONFLICT DO NOTHING"), {"doc": d.id, "source": d.source})
                    c.execute(text("DELETE FROM records WHERE doc_id = :doc"), {"doc": d.id})
                    unique_ids(d)  # facts made by hand (or by an old analyser) may repeat an id
                    rows = [{"doc": d.id, "kind": kind, "id": rec.get("id") or f"{kind}{i}", "pos": i,
                             "data": json.dumps(rec, ensure_ascii=False)}
                            for kind in RECORD_KINDS for i, rec in enumerate(to_dict(getattr(d, kind)))]
                    if rows:
                        c.execute(text("INSERT INTO records (doc_id, kind, id, position, data)"
                                       " VALUES (:doc, :kind, :id, :pos, :data)"), rows)
                unplaced = unplaced_ids(c, documents)   # once for the batch, not once a document
                self._place(c, [d for d in documents if d.id in unplaced])
                for r in rejected:
                    c.execute(text(
                        "INSERT INTO rejections (source, code, reason, first_seen, last_seen, seen)"
                        " VALUES (:source, :code, :reason, :now, :now, 1)"
                        " ON CONFLICT (source, code) DO UPDATE SET last_seen = excluded.last_seen,"
                        " reason = excluded.reason, seen = rejections.seen + 1"),
                        {"source": r.source, "code": r.code, "reason": r.reason, "now": now})
        except SQLAlchemyError as e:
            raise StoreError(f"cannot write to the store: {e}") from None
        return {"documents": new_docs, "rejected": len(rejected)}

    @staticmethod
    def _place(c: Any, documents: Sequence[Document]) -> list[dict[str, Any]]:
        """Place new documents among the stored situations (their signature computed once, now)."""
        from ..situation.stories import add_to_index, signature
        from .situations import StoreIndex

        index = StoreIndex(c)
        unique = {d.id: d for d in documents}.values()   # one document may come twice in a batch
        return [add_to_index(index, signature(d))
                for d in sorted(unique, key=lambda d: (d.published or "9999", d.id))]

    def place_unplaced(self) -> int:
        """Place stored documents that have no signature yet (a store analysed before schema 2),
        from their stored facts; returns how many were placed."""
        with self.engine.connect() as c:
            ids = [r[0] for r in c.execute(text(
                "SELECT id FROM documents WHERE id NOT IN (SELECT doc_id FROM doc_signatures)"))]
        if ids:
            docs = self.load_documents(ids)
            with self.engine.begin() as c:
                self._place(c, docs)
        return len(ids)

    # -- situations ----------------------------------------------------------------------
    def situations(self) -> list[dict[str, Any]]:
        """Every situation: id, first and last date, number of documents, largest first."""
        with self.engine.connect() as c:
            return [dict(r) for r in c.execute(text(
                "SELECT s.id, s.first, s.last, COUNT(d.doc_id) AS documents,"
                " SUM(CASE WHEN d.duplicate_of IS NULL THEN 0 ELSE 1 END) AS duplicates"
                " FROM situations s JOIN doc_signatures d ON d.situation_id = s.id"
                " GROUP BY s.id, s.first, s.last ORDER BY COUNT(d.doc_id) DESC, s.first, s.id")).mappings()]

    def situation_members(self, sid: str) -> tuple[list[str], dict[str, str]]:
        """A situation's document ids (by date) and its duplicates (copy -> original)."""
        with self.engine.connect() as c:
            rows = c.execute(text("SELECT doc_id, duplicate_of FROM doc_signatures WHERE situation_id = :s"
                                  " ORDER BY published, doc_id"), {"s": sid}).all()
        return [r[0] for r in rows], {r[0]: r[1] for r in rows if r[1]}

    def situation_of(self, doc_id: str) -> str | None:
        with self.engine.connect() as c:
            return c.execute(text("SELECT situation_id FROM doc_signatures WHERE doc_id = :d"), {"d": doc_id}).scalar()

    def load_situation(self, sid: str) -> dict[str, Any]:
        """The picture of one stored situation, built from its documents' stored facts."""
        from ..situation.picture import build_picture

        ids, dups = self.situation_members(sid)
        if not ids:
            raise StoreError(f"no situation {sid!r} in the store")
        return {"id": sid, **build_picture(self.load_documents(ids), duplicates=dups, copy_docs=False)}

    # -- reading -------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        with self.engine.connect() as c:
            out = {t: int(c.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar() or 0)  # noqa: S608 - fixed names
                   for t in ("documents", "comments", "records", "rejections")}
        return out

    def document_ids(self) -> list[str]:
        with self.engine.connect() as c:
            return [r[0] for r in c.execute(text("SELECT id FROM documents ORDER BY published, id"))]

    def load_documents(self, ids: Iterable[str] | None = None) -> list[Document]:
        """Documents with their comments and stored facts (facts as contract dicts)."""
        with self.engine.connect() as c:
            if ids is None:
                rows = c.execute(text("SELECT * FROM documents ORDER BY published, id")).mappings().all()
            else:
                rows = [r for i in ids for r in c.execute(
                    text("SELECT * FROM documents WHERE id = :id"), {"id": i}).mappings().all()]
            docs = []
            for r in rows:
                comments = [Comment(id=cm["id"], text=cm["text"], author=cm["author"], parent=cm["parent"])
                            for cm in c.execute(text("SELECT * FROM comments WHERE doc_id = :d ORDER BY position"),
                                                {"d": r["id"]}).mappings()]
                doc = Document(source=r["source"], body=r["body"], title=r["title"], subtitle=r["subtitle"],
                               authors=json.loads(r["authors"]), published=r["published"], outlet=r["outlet"],
                               url=r["url"], comments=comments, id=r["id"], kind=r["kind"])
                recs: dict[str, list[Any]] = {k: [] for k in RECORD_KINDS}
                for rec in c.execute(text("SELECT kind, data FROM records WHERE doc_id = :d ORDER BY kind, position"),
                                     {"d": r["id"]}):
                    recs.setdefault(rec[0], []).append(json.loads(rec[1]))
                for k, v in recs.items():
                    setattr(doc, k, v)
                docs.append(doc)
            return docs

    def document_summaries(self, query: str | None = None, *, limit: int = 100,
                           offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """One row a document (no body): id, title, outlet, published, source and how many
        facts of each kind it has, newest first; ``query`` keeps documents whose title or body
        contains it (case-insensitive). Returns ``(rows, total matching)``."""
        where, params = "", {"limit": limit, "offset": offset}
        if query:
            where = " WHERE LOWER(d.title) LIKE :q ESCAPE '\\' OR LOWER(d.body) LIKE :q ESCAPE '\\'"
            escaped = query.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params["q"] = f"%{escaped}%"
        counts = ", ".join(f"SUM(CASE WHEN r.kind = '{k}' THEN 1 ELSE 0 END) AS n_{k}" for k in RECORD_KINDS)
        with self.engine.connect() as c:
            total = int(c.execute(text(f"SELECT COUNT(*) FROM documents d{where}"), params).scalar() or 0)  # noqa: S608
            rows = c.execute(text(
                f"SELECT d.id, d.title, d.outlet, d.published, d.source, d.kind, {counts}"  # noqa: S608 - fixed names
                f" FROM documents d LEFT JOIN records r ON r.doc_id = d.id{where}"
                " GROUP BY d.id, d.title, d.outlet, d.published, d.source, d.kind"
                " ORDER BY d.published DESC, d.title, d.id LIMIT :limit OFFSET :offset"), params).mappings().all()
        return [{**dict(r), **{f"n_{k}": int(r[f"n_{k}"] or 0) for k in RECORD_KINDS}} for r in rows], total

    def fact_documents(self, fact_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """For fact ids (events, claims, agreement mentions): the document each sits in, with that
        document's title and publication date."""
        ids = sorted(set(fact_ids))
        if not ids:
            return {}
        q = text("SELECT r.id, r.doc_id, d.title, d.published FROM records r JOIN documents d ON d.id = r.doc_id"
                 " WHERE r.id IN :ids").bindparams(bindparam("ids", expanding=True))
        with self.engine.connect() as c:
            return {r["id"]: {"doc": r["doc_id"], "title": r["title"], "published": r["published"]}
                    for r in c.execute(q, {"ids": ids}).mappings()}

    def titles(self, doc_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Title, outlet and date of each of these documents."""
        ids = sorted(set(doc_ids))
        if not ids:
            return {}
        q = text("SELECT id, title, outlet, published FROM documents WHERE id IN :ids").bindparams(
            bindparam("ids", expanding=True))
        with self.engine.connect() as c:
            return {r["id"]: dict(r) for r in c.execute(q, {"ids": ids}).mappings()}

    def rejections(self) -> list[dict[str, Any]]:
        with self.engine.connect() as c:
            return [dict(r) for r in c.execute(text("SELECT * FROM rejections ORDER BY last_seen, source")).mappings()]

    def close(self) -> None:
        self.engine.dispose()
