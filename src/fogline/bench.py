"""``fogline bench``: fogline's throughput beside spaCy's own parse of the same text, in one run.

The parse is the physical floor of the design (DESIGN.md, Scale): everything fogline adds
(ingest, extraction, storage) is reported as a share of it, and the event layer (actor resolution
and event extraction) against its budget, :data:`EVENT_LAYER_BUDGET` of the parse (issue #3). The
corpus is FA-KES (757 real Syrian-war reports in ../shared/data/news) when present, else the
embedded demo reports.
"""
from __future__ import annotations

import csv
import gc
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from .extract import EXTRACTORS, run_extractors
from .ingest import read_bytes
from .model import Document
from .nlp import load_model, parse_documents, part_texts
from .shared import SharedMissing, shared_dir
from .store import Store


def bench_corpus(shared: str | None, docs: int) -> tuple[str, list[bytes]]:
    """JSONL lines (bytes) for ``docs`` reports, and the corpus name."""
    try:
        path = shared_dir(shared) / "data" / "news" / "fakes_articles.csv"
        with open(path, encoding="latin-1", newline="") as fh:
            rows = list(csv.DictReader(fh))
        name = f"FA-KES ({path})"
        items = [{"title": r["article_title"], "text": r["article_content"], "outlet": r["source"]} for r in rows]
    except (SharedMissing, OSError):
        from .demo import demo_paths

        name = "embedded demo corpus (../shared absent)"
        items = []
        for p in demo_paths():
            for d in read_bytes(p.read_bytes(), str(p)):
                if isinstance(d, Document):
                    items.append({"title": d.title, "text": d.body, "outlet": d.outlet})
    lines = [json.dumps(items[i % len(items)] | {"url": f"bench:{i}"}).encode() for i in range(docs)]
    return name, lines


# The event layer (actor resolution and event extraction) may add at most this share to spaCy's
# own parse of the same text (issue #3).
EVENT_LAYER = ("actors", "events")
EVENT_LAYER_BUDGET = 0.25


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(t0: tuple[float, float]) -> tuple[float, float]:
    wall, cpu = _clock()
    return wall - t0[0], cpu - t0[1]


class _GCClock:
    """CPU time the garbage collector's passes take, and their number by generation, while a stage
    runs (a ``gc.callbacks`` hook): reported beside a stage's time, never taken out of it. A full
    pass (generation 2) visits every object of the process, the model and the parses included, and
    falls in whichever stage's allocations tip its threshold."""

    def __init__(self) -> None:
        self.cpu = 0.0
        self.passes = [0, 0, 0]
        self._t = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._t = time.process_time()
        else:
            self.cpu += time.process_time() - self._t
            self.passes[info["generation"]] += 1

    def take(self) -> tuple[float, list[int]]:
        got = (self.cpu, self.passes)
        self.cpu, self.passes = 0.0, [0, 0, 0]
        return got


def _median(xs: list[float]) -> float:
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def forget_memos() -> None:
    """Empty fogline's process-wide memos keyed by text (word keys, place keys, fuzzy name lookups,
    spelling variants of place names, gazetteer candidates), so that a round pays what one run over
    these reports pays: rounds after the first would otherwise find every word of the same reports
    already looked up. Resources (model, knowledge base, lexicon, gazetteer) stay loaded."""
    from .extract import actor_kb, actors, where

    for mod, name in ((actor_kb, "fold"), (actors, "_fuzzy"), (where, "key"), (where, "_variant")):
        memo = getattr(mod, name, None)  # tolerant: a memo renamed elsewhere must not break the bench
        if hasattr(memo, "cache_clear"):
            memo.cache_clear()
    g = where.gazetteer()
    for name in ("_candidates", "_codes"):
        table = getattr(g, name, None)
        if isinstance(table, dict):
            table.clear()


# Reports per chunk of the paired measure (:func:`_paired`).
PAIR_DOCS = 10


def _paired(nlp: Any, documents: list[Document], n_process: int) -> dict[str, float]:
    """The event layer against spaCy's parse measured back to back: for each chunk of
    :data:`PAIR_DOCS` reports, spaCy's parse of its texts, then (untimed) fogline's parse of them,
    then the event layer's extractors on those parses. A slow spell of the machine (this VM's own
    speed drifts by tens of percent over a minute) then falls on both sides of the ratio alike,
    which the whole-corpus rounds cannot promise. Memos are emptied first, as for a round. Each
    chunk's parses are let go before the next (as ``fogline analyze`` lets a stored batch go), so
    the collector has fewer live objects to walk than in a round, which keeps all 200 parses and
    their facts alive: a round's full pass inside the layer (~0.4-0.6 s) is mostly absent here."""
    forget_memos()
    gc.collect()
    spacy = [0.0, 0.0]
    layer = [0.0, 0.0]
    for k in range(0, len(documents), PAIR_DOCS):
        chunk = documents[k:k + PAIR_DOCS]
        texts = [text for d in chunk for _, text in part_texts(d)]
        t0 = _clock()
        for _doc in nlp.pipe(texts, batch_size=64):
            pass
        w, c = _since(t0)
        spacy[0] += w
        spacy[1] += c
        parsed = list(parse_documents(chunk, n_process=n_process))
        t0 = _clock()
        for p in parsed:
            run_extractors(p, [ex for ex in EVENT_LAYER if ex in EXTRACTORS])
        w, c = _since(t0)
        layer[0] += w
        layer[1] += c
    return {"spacy_s": spacy[0], "layer_s": layer[0], "share": layer[0] / spacy[0], "share_cpu": layer[1] / spacy[1]}


def run_bench(*, shared: str | None = None, docs: int = 200, n_process: int = 1, repeat: int = 1) -> dict[str, Any]:
    """Time spaCy's parse, fogline's parse and each extractor on the same reports, ``repeat``
    rounds (each on fresh parses, extractors keeping per-Doc lookups, and with fogline's text
    memos emptied: :func:`forget_memos`). Stage figures are the fastest round's; the event layer's
    share of the parse and fogline's parse against spaCy's are medians of the rounds' own ratios,
    a ratio within one round being what other load on the machine disturbs least. CPU-time shares
    are given beside the wall-clock ones (with one process)."""
    name, lines = bench_corpus(shared, docs)
    nlp = load_model()
    out: dict[str, Any] = {"corpus": name, "docs": docs, "processes": n_process, "repeat": max(repeat, 1)}

    t = time.perf_counter()
    documents = [d for d in read_bytes(b"\n".join(lines), "bench.jsonl", "jsonl") if isinstance(d, Document)]
    out["ingest_s"] = time.perf_counter() - t
    texts = [text for d in documents for _, text in part_texts(d)]
    words = sum(len(x.split()) for x in texts)
    out["words"] = words

    # Warm both paths once so neither pays first-call costs inside the timing (for fogline: the
    # verb lexicon, the gazetteer and the actor knowledge base, loaded on first use).
    list(nlp.pipe(texts[:4]))
    for p in parse_documents(documents[:4], n_process=1):
        run_extractors(p)
    rounds: list[dict[str, Any]] = []
    parsed: list[Any] = []
    gc_clock = _GCClock()
    gc.callbacks.append(gc_clock)
    try:
        for _ in range(max(repeat, 1)):
            r: dict[str, Any] = {"extract": {}}
            parsed = []  # the last round's parses and facts go before this round is timed
            forget_memos()
            gc.collect()
            t0 = _clock()
            for _doc in nlp.pipe(texts, batch_size=64, n_process=n_process):
                pass
            r["spacy"] = _since(t0)
            t0 = _clock()
            parsed = list(parse_documents(documents, n_process=n_process))
            r["parse"] = _since(t0)
            # Each extractor timed on its own, on the same parses: the cost fogline adds to the parse.
            r["gc"] = {}
            gc_clock.take()  # passes during the parses are the parses'
            for ex in EXTRACTORS:
                t0 = _clock()
                for p in parsed:
                    run_extractors(p, [ex])
                r["extract"][ex] = _since(t0)
                r["gc"][ex] = gc_clock.take()
            r["paired"] = _paired(nlp, documents, n_process) if n_process == 1 else None
            rounds.append(r)
    finally:
        gc.callbacks.remove(gc_clock)

    def fastest(get: Any) -> float:
        return min(get(r)[0] for r in rounds)

    out["rounds"] = [{"spacy_s": r["spacy"][0], "parse_s": r["parse"][0],
                      "event_layer_s": sum(r["extract"][ex][0] for ex in EVENT_LAYER if ex in r["extract"])}
                     for r in rounds]
    out["parse_vs_spacy"] = _median([r["parse"][0] / r["spacy"][0] - 1 for r in rounds])
    out["spacy_parse_s"] = fastest(lambda r: r["spacy"])
    out["fogline_parse_s"] = fastest(lambda r: r["parse"])
    out["extract_s"] = {ex: fastest(lambda r, ex=ex: r["extract"][ex]) for ex in EXTRACTORS}
    analysed = [p.doc for p in parsed]
    out["analyse_s"] = out["fogline_parse_s"] + sum(out["extract_s"].values())
    out["events"] = sum(len(d.events) for d in analysed)

    layer = [ex for ex in EVENT_LAYER if ex in EXTRACTORS]
    shares = [sum(r["extract"][ex][0] for ex in layer) / r["spacy"][0] for r in rounds]
    out["event_layer"] = layer
    out["event_layer_s"] = sum(out["extract_s"][ex] for ex in layer)
    out["event_layer_shares"] = shares
    out["event_layer_vs_parse"] = _median(shares)
    if n_process == 1:
        out["event_layer_vs_parse_cpu"] = _median(
            [sum(r["extract"][ex][1] for ex in layer) / r["spacy"][1] for r in rounds])
    out["event_layer_budget"] = EVENT_LAYER_BUDGET
    if all(r.get("paired") for r in rounds):
        out["event_layer_paired"] = [r["paired"] for r in rounds]
        out["event_layer_vs_parse_paired"] = _median([x["share"] for x in out["event_layer_paired"]])
    # the garbage collector's passes inside the event layer's time, by round (counted in the figures above)
    out["event_layer_gc"] = [{"cpu_s": sum(r["gc"][ex][0] for ex in layer),
                              "passes": [sum(r["gc"][ex][1][g] for ex in layer) for g in range(3)]} for r in rounds]

    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(str(Path(tmp) / "bench.db"))
        t = time.perf_counter()
        store.save(analysed, [])
        out["store_s"] = time.perf_counter() - t
        store.close()
    out["spacy_words_per_s"] = words / out["spacy_parse_s"]
    total = out["ingest_s"] + out["analyse_s"] + out["store_s"]
    out["fogline_words_per_s"] = words / total
    out["overhead_vs_parse"] = total / out["spacy_parse_s"] - 1
    out["extract_vs_parse"] = sum(out["extract_s"].values()) / out["spacy_parse_s"]
    return out


def format_bench(r: dict[str, Any]) -> str:
    rounds = r.get("repeat", 1)
    share, budget = r["event_layer_vs_parse"], r["event_layer_budget"]
    cpu = r.get("event_layer_vs_parse_cpu")
    each = ", ".join(f"{x:.1%}" for x in r["event_layer_shares"])
    return "\n".join([
        f"corpus: {r['corpus']}: {r['docs']} reports, {r['words']:,} words, {r['processes']} process(es), "
        f"{rounds} round(s){' (fastest round per stage)' if rounds > 1 else ''}",
        f"  spaCy parse alone       {r['spacy_parse_s']:7.2f} s   {r['spacy_words_per_s']:9,.0f} words/s",
        f"  fogline ingest          {r['ingest_s']:7.2f} s",
        f"  fogline parse           {r['fogline_parse_s']:7.2f} s   ({r['parse_vs_spacy']:+.1%} against spaCy's, "
        f"median of the rounds' own ratios)",
        *[f"  extract: {name:<14} {sec:7.2f} s   ({sec / r['spacy_parse_s']:.1%} of the parse)"
          for name, sec in r["extract_s"].items()],
        f"  extractors together     {sum(r['extract_s'].values()):7.2f} s   ({r['extract_vs_parse']:.1%} of the parse;"
        f" {r['events']:,} events)",
        f"  fogline store (SQLite)  {r['store_s']:7.2f} s",
        f"  fogline end to end      {r['ingest_s'] + r['analyse_s'] + r['store_s']:7.2f} s   "
        f"{r['fogline_words_per_s']:9,.0f} words/s   ({r['overhead_vs_parse']:+.1%} over the parse)",
        f"  event layer ({' + '.join(r['event_layer'])}): {share:.1%} of the parse "
        f"({'median of rounds ' + each + '; ' if rounds > 1 else ''}"
        f"{'CPU time ' + format(cpu, '.1%') + '; ' if cpu is not None else ''}"
        f"budget {budget:.0%}: {'MET' if share <= budget else 'NOT MET'})",
        *(["  rounds (wall s): spaCy / fogline parse / event layer: " + "; ".join(
            f"{x['spacy_s']:.2f} / {x['parse_s']:.2f} / {x['event_layer_s']:.2f}" for x in r["rounds"])]
          if rounds > 1 else []),
        *([f"  event layer paired with the parse (chunks of {PAIR_DOCS} reports, spaCy's parse then the layer, back to "
           f"back): {r['event_layer_vs_parse_paired']:.1%} (median; rounds " + ", ".join(
               f"{x['share']:.1%}" for x in r["event_layer_paired"]) + "; CPU time " + ", ".join(
               f"{x['share_cpu']:.1%}" for x in r["event_layer_paired"]) + ")"]
          if r.get("event_layer_paired") else []),
        *(["  garbage collection inside the event layer's time (CPU s; passes gen0/1/2), by round: " + "; ".join(
            f"{g['cpu_s']:.2f} ({'/'.join(map(str, g['passes']))})" for g in r["event_layer_gc"])]
          if r.get("event_layer_gc") else []),
    ])
