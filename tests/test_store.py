"""The store: migrations, content-hash keys, idempotent writes, parameterised SQL."""
from __future__ import annotations

import sqlite3

import pytest

from fogline.errors import StoreError
from fogline.model import Comment, Document, Rejection
from fogline.store import Store
from fogline.store.migrations import LATEST


def _doc(body: str = "The army shelled the town on Monday.", **kw) -> Document:
    return Document(source="t.txt", body=body, title="A Title", comments=[Comment("c1", "A comment.", "Reader")], **kw)


def test_fresh_store_is_migrated_to_latest(db_path):
    store = Store.open(db_path)
    assert store.version() == LATEST
    assert store.migrate() == []  # nothing left to apply
    with sqlite3.connect(db_path) as c:
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_same_document_twice_adds_nothing_and_new_source_is_recorded(db_path):
    store = Store.open(db_path)
    assert store.save([_doc()], [Rejection("bad.txt", "FL101", "empty: no text")])["documents"] == 1
    before = store.counts()
    again = _doc()
    again.source = "copy.txt"
    assert store.save([again], [Rejection("bad.txt", "FL101", "empty: no text")])["documents"] == 0
    assert store.counts() == before
    with sqlite3.connect(db_path) as c:
        assert sorted(r[0] for r in c.execute("SELECT source FROM document_sources")) == ["copy.txt", "t.txt"]
        assert c.execute("SELECT seen FROM rejections").fetchone()[0] == 2


def test_ids_are_content_hashes():
    assert _doc().id == _doc().id
    assert _doc().id == _doc(body="The army  shelled the town\non Monday.").id  # white space aside
    assert _doc().id != _doc(body="The army shelled the city on Monday.").id


def test_round_trip(db_path):
    store = Store.open(db_path)
    d = _doc(published="2025-03-11", outlet="Wire")
    d.authors = ["A. Writer"]
    store.save([d])
    (back,) = store.load_documents()
    assert (back.id, back.title, back.published, back.outlet, back.authors) == (d.id, "A Title", "2025-03-11",
                                                                               "Wire", ["A. Writer"])
    assert [(c.id, c.author, c.text) for c in back.comments] == [("c1", "Reader", "A comment.")]


def test_hostile_text_is_stored_verbatim(db_path):
    store = Store.open(db_path)
    body = "Robert'); DROP TABLE documents;-- said the <script>alert(1)</script> rebels."
    store.save([_doc(body=body)])
    assert store.load_documents()[0].body == body
    assert store.counts()["documents"] == 1


def test_store_newer_than_code_is_refused(db_path):
    Store.open(db_path)
    with sqlite3.connect(db_path) as c:
        c.execute("INSERT INTO schema_version VALUES (?, 'future', 'now')", (LATEST + 1,))
    with pytest.raises(StoreError, match="FL300 .*newer than this fogline"):
        Store.open(db_path)


def test_unopenable_store_is_a_coded_error(tmp_path):
    with pytest.raises(StoreError, match="FL300"):
        Store.open(str(tmp_path / "no" / "such" / "dir" / "x.db"))


def test_facts_repeating_an_id_do_not_cost_the_batch(db_path):
    from fogline.model import Document, Event
    from fogline.store import Store

    d = Document(source="a.txt", body="Rebels shelled the town. The army said so.")
    ev = d.span("body", 0, 24)
    d.events = [Event(id="e1", type="ASSAULT", evidence=ev), Event(id="e1", type="ACCUSE", evidence=ev)]
    other = Document(source="b.txt", body="A quiet day in the capital.")
    store = Store.open(db_path)
    assert store.save([d, other])["documents"] == 2
    ids = sorted(e["id"] for e in store.load_documents([d.id])[0].events)
    assert ids == ["e1", "e1-2"]
