"""The store's write path: the situations index's document-frequency memo and batched writes
give the same answers and rows as reading the database afresh. Signatures are invented."""
from __future__ import annotations

from sqlalchemy import text

from fogline.model import Document
from fogline.store import Store
from fogline.store.situations import StoreIndex


def _sig(doc: str, terms: dict[str, int], published: str = "2026-03-02") -> dict:
    return {"doc": doc, "published": published, "outlet": "Test Wire", "minhash": [1, 2, 3],
            "terms": terms, "actors": [], "places": []}


def _put_doc(c, doc_id: str) -> None:
    c.execute(text("INSERT INTO documents (id, source, kind, authors, body, added_at, analysed_at, analyser)"
                   " VALUES (:id, 't', 'article', '[]', 'b', 'x', 'x', '')"), {"id": doc_id})


def test_df_memo_follows_added_documents(db_path):
    store = Store.open(db_path)
    with store.engine.begin() as c:
        index = StoreIndex(c)
        assert index.df(["shelling", "bridge"]) == {}            # nothing stored: both read as absent
        _put_doc(c, "d1")
        index.add_document(_sig("d1", {"shelling": 2, "bridge": 1, "^town": 1}), ["b0:1"], "s1", None)
        assert index.df(["shelling", "bridge", "market"]) == {"shelling": 1, "bridge": 1}
        _put_doc(c, "d2")
        index.add_document(_sig("d2", {"shelling": 1, "market": 3}), ["b0:1"], "s1", None)
        memo = index.df(["shelling", "bridge", "market", "^town"])
        fresh = StoreIndex(c).df(["shelling", "bridge", "market", "^town"])   # straight from term_df
        assert memo == fresh == {"shelling": 2, "bridge": 1, "market": 1, "^town": 1}
        got = index.df(["shelling"])
        got["shelling"] += 5                                    # callers may change what they get
        assert index.df(["shelling"]) == {"shelling": 2}


def test_saving_one_by_one_or_in_a_batch_stores_the_same_index(tmp_path):
    bodies = ["Government forces shelled the market in Douma on Monday, killing four people.",
              "Rebels said the shelling of Douma market on Monday killed four civilians.",
              "A bridge near Raqqa was destroyed by an air strike on Tuesday, a monitor said.",
              "Opposition fighters took two villages north of Hama after heavy clashes."]
    docs = [Document(source=f"t{i}.txt", body=b, title=f"Report {i}", published=f"2026-03-0{i + 1}")
            for i, b in enumerate(bodies)]
    one, batch = Store.open(str(tmp_path / "one.db")), Store.open(str(tmp_path / "batch.db"))
    for d in docs:
        one.save([d])
    batch.save(docs)

    def rows(store: Store) -> dict[str, list]:
        with store.engine.connect() as c:
            return {t: sorted(c.execute(text(f"SELECT * FROM {t}")).tuples().all())  # noqa: S608
                    for t in ("doc_terms", "doc_bands", "term_df")}

    assert rows(one) == rows(batch)
    assert rows(one)["term_df"]


def test_batch_lookup_of_known_documents_counts_each_new_report_once(db_path):
    a, b, c = (Document(source=f"{n}.txt", body=f"Shelling hit the {n} quarter of the city on Friday.", title=n)
               for n in ("north", "south", "east"))
    store = Store.open(db_path)
    assert store.save([a, b, a])["documents"] == 2          # a report twice in one batch is new once
    assert store.save([b, c])["documents"] == 1             # one stored before, one new
    assert store.counts()["documents"] == 3
    with store.engine.connect() as conn:
        placed = conn.execute(text("SELECT COUNT(*) FROM doc_signatures")).scalar()
    assert placed == 3                                      # each placed once, none twice


def test_signature_memo_reports_situations_after_a_merge(db_path):
    store = Store.open(db_path)
    with store.engine.begin() as c:
        index = StoreIndex(c)
        for doc, sid in (("d1", "s1"), ("d2", "s2")):
            _put_doc(c, doc)
            index.put_situation({"id": sid, "first": "2026-03-02", "last": "2026-03-02", "size": 1,
                                 "centroid": {"shelling": 1.0}})
            index.add_document(_sig(doc, {"shelling": 1, doc: 1}), [f"b:{doc}"], sid, None)
        before = {x["doc"]: x for x in index.signatures(["d1", "d2"])}
        assert {d: x["situation"] for d, x in before.items()} == {"d1": "s1", "d2": "s2"}
        index.merge_situations("s1", ["s2"])
        after = {x["doc"]: x for x in index.signatures(["d2", "d1"])}
        assert {d: x["situation"] for d, x in after.items()} == {"d1": "s1", "d2": "s1"}
        assert after["d2"]["terms"] == {"shelling": 1, "d2": 1} and after["d2"]["published"] == "2026-03-02"
        assert before["d2"]["situation"] == "s2"               # what a caller was given stays as it was
        assert after == {x["doc"]: x for x in StoreIndex(c).signatures(["d1", "d2"])}   # as read afresh


def test_signature_memo_is_bounded_and_still_right(db_path, monkeypatch):
    import fogline.store.situations as situations

    monkeypatch.setattr(situations, "MEMO_SIGNATURES", 2)
    store = Store.open(db_path)
    with store.engine.begin() as c:
        index = StoreIndex(c)
        for i in range(4):
            _put_doc(c, f"d{i}")
            index.add_document(_sig(f"d{i}", {"shelling": 1, f"w{i}": 1}), [f"b:{i}"], "s1", None)
        for ids in (["d0", "d1"], ["d2", "d3"], ["d1", "d2", "d3"]):
            got = {x["doc"]: x["terms"] for x in index.signatures(ids)}
            assert got == {d: {"shelling": 1, f"w{d[1]}": 1} for d in ids}
            assert len(index._sigs) <= max(2, len(ids))
