"""``fogline bench --situations``: the cost of adding one report to a store of many.

The store is built from FA-KES (../shared/data/news, 757 real Syrian-war reports): every row,
then copies of rows with their first sentence dropped (wire-copy-like near-duplicates) until
``size`` reports. To keep the build short the stored reports are *not* analysed (no NLP): their
signatures come from their text alone (MinHash, terms); actor and place terms are absent. Then
``adds`` reports that the store lacks are analysed (outside the timing) and added one at a time;
the timing is of ``Store.save`` for that one report and of the situation work inside it
(signature, LSH lookup, situation choice and update). Before each add, the same placement with a
full scan of the report's window (every stored report within ``WINDOW_DAYS`` decoded and scored,
the algorithm before the posting table) is timed in a transaction that is rolled back, so both
figures are on the same store. Without ../shared the embedded demo
reports, copied and varied, stand in.

FA-KES spans years, so a week's window of that store holds few reports. ``dense=True`` dates every
stored and added report within one week (report ``i`` on day ``i % 7`` of ``DENSE_WEEK``, in its
publication date and in a dateline put at its head): the window then holds the whole store, as a day
of the world's news would.
"""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from ..model import Document
from ..shared import SharedMissing, shared_dir


def _corpus(shared: str | None) -> tuple[str, list[Document]]:
    try:
        from .fakes import fakes_documents

        root = shared_dir(shared)
        return f"FA-KES ({root / 'data' / 'news' / 'fakes_articles.csv'})", fakes_documents(root)
    except (SharedMissing, OSError):
        from ..demo import demo_paths
        from ..ingest import read_bytes

        docs = [d for p in demo_paths() for d in read_bytes(p.read_bytes(), str(p)) if isinstance(d, Document)]
        return "embedded demo corpus (../shared absent)", docs


DENSE_WEEK = "2017-04-03"


def _redate(d: Document, i: int) -> Document:
    """``d`` published on day ``i % 7`` of ``DENSE_WEEK``, with that day as its dateline too: grouping
    places a report on the day its text gives at its head (stories.report_day), not its original's."""
    from .stories import shift

    day = shift(DENSE_WEEK, i % 7) or DENSE_WEEK
    y, m, dd = day.split("-")
    return Document(source=d.source, body=f"{dd}-{m}-{y} {d.body}", title=d.title, published=day,
                    outlet=d.outlet, kind=d.kind)


def _variant(d: Document, k: int) -> Document:
    parts = d.body.split(". ")
    body = ". ".join(parts[1 + k % 3:]) if len(parts) > 4 else d.body
    body += f" (update {k})"    # every variant its own text: the store keeps one report per text
    return Document(source=f"{d.source}#v{k}", body=body, title=d.title, published=d.published, outlet=d.outlet,
                    kind=d.kind)


def run_situation_bench(*, shared: str | None = None, size: int = 1000, adds: int = 10,
                        db: str | None = None, dense: bool = False) -> dict[str, Any]:
    from ..api import analyse_documents
    from ..store import Store
    from sqlalchemy import text

    from ..store.situations import StoreIndex
    from .stories import add_to_index, candidate_reports, signature

    name, corpus = _corpus(shared)
    held = corpus[-adds:]
    base = corpus[:-adds]
    docs = list(base)
    k = 0
    while len(docs) < size:
        docs.append(_variant(base[k % len(base)], k))
        k += 1
    docs = docs[:size]
    if dense:
        docs = [_redate(d, i) for i, d in enumerate(docs)]
        held = [_redate(d, i) for i, d in enumerate(held)]
    out: dict[str, Any] = {"corpus": name, "store_reports": len(docs), "adds": len(held),
                           "stored_analysed": False, "dense": dense}
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(db or str(Path(tmp) / "bench.db"))
        t = time.perf_counter()
        for i in range(0, len(docs), 200):
            store.save(docs[i:i + 200])
        out["build_s"] = time.perf_counter() - t
        out["store_reports"] = store.counts()["documents"]
        out["situations_before"] = len(store.situations())
        analysed = list(analyse_documents(held))
        save_s, place_s = [], []
        orig = Store._place

        def timed(c: Any, documents: Any) -> Any:
            t0 = time.perf_counter()
            r = orig(c, documents)
            place_s.append(time.perf_counter() - t0)
            return r

        Store._place = staticmethod(timed)  # type: ignore[method-assign]
        full_s, window, compared = [], [], []
        try:
            for d in analysed:
                with store.engine.connect() as c:
                    tx = c.begin()
                    index = StoreIndex(c)
                    sig = signature(d)
                    window.append(len(index.signatures_near(sig["published"])))
                    compared.append(len(candidate_reports(index, sig)[0]))
                    c.execute(text("INSERT INTO documents (id, source, kind, authors, body, added_at, analysed_at,"
                                   " analyser) VALUES (:id, 'bench', 'text', '[]', '', '', '', '')"), {"id": d.id})
                    t = time.perf_counter()
                    add_to_index(StoreIndex(c), signature(d), full_scan=True)
                    full_s.append(time.perf_counter() - t)
                    tx.rollback()
                t = time.perf_counter()
                store.save([d])
                save_s.append(time.perf_counter() - t)
        finally:
            Store._place = staticmethod(orig)  # type: ignore[method-assign]
        out["situations_after"] = len(store.situations())
        out["add_save_s"] = {"median": statistics.median(save_s), "max": max(save_s)}
        out["add_situation_s"] = {"median": statistics.median(place_s), "max": max(place_s)}
        out["full_scan_s"] = {"median": statistics.median(full_s), "max": max(full_s)}
        out["window_reports"] = statistics.median(window)
        out["compared_reports"] = statistics.median(compared)
        t = time.perf_counter()
        sid = store.situation_of(analysed[-1].id)
        pic = store.load_situation(sid) if sid else {}
        out["report_s"] = time.perf_counter() - t
        out["report_situation_reports"] = len(pic.get("documents", []))
        store.close()
    return out


def format_situation_bench(r: dict[str, Any]) -> str:
    return "\n".join([
        f"situations benchmark on {r['corpus']}" + (f", every report dated within the week of {DENSE_WEEK}"
                                                     if r.get("dense") else ""),
        f"  store: {r['store_reports']} reports (text signatures, not analysed), built in {r['build_s']:.1f} s; "
        f"{r['situations_before']} situations",
        f"  adding {r['adds']} analysed reports one at a time: situation work median "
        f"{r['add_situation_s']['median'] * 1000:.1f} ms, max {r['add_situation_s']['max'] * 1000:.1f} ms; "
        f"whole save median {r['add_save_s']['median'] * 1000:.1f} ms, max {r['add_save_s']['max'] * 1000:.1f} ms",
        f"  reports within the window of an added one: median {r['window_reports']:.0f}; compared with (posting-table "
        f"candidates): median {r['compared_reports']:.0f}",
        f"  the same placement with a full scan of the window (before the posting table): median "
        f"{r['full_scan_s']['median'] * 1000:.1f} ms, max {r['full_scan_s']['max'] * 1000:.1f} ms",
        f"  situations after: {r['situations_after']}; loading the last one's picture "
        f"({r['report_situation_reports']} reports) {r['report_s'] * 1000:.1f} ms",
    ]) + "\n"
