"""``fogline bench``: fogline's throughput beside spaCy's own parse of the same text, in one run.

The parse is the physical floor of the design (DESIGN.md, Scale): everything fogline adds
(ingest, extraction, storage) is reported as a share of it. The corpus is FA-KES (757 real
Syrian-war reports in ../shared/data/news) when present, else the embedded demo reports.
"""
from __future__ import annotations

import csv
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


def run_bench(*, shared: str | None = None, docs: int = 200, n_process: int = 1) -> dict[str, Any]:
    name, lines = bench_corpus(shared, docs)
    nlp = load_model()
    out: dict[str, Any] = {"corpus": name, "docs": docs, "processes": n_process}

    t = time.perf_counter()
    documents = [d for d in read_bytes(b"\n".join(lines), "bench.jsonl", "jsonl") if isinstance(d, Document)]
    out["ingest_s"] = time.perf_counter() - t
    texts = [text for d in documents for _, text in part_texts(d)]
    words = sum(len(x.split()) for x in texts)
    out["words"] = words

    # Warm both paths once so neither pays first-call costs inside the timing.
    list(nlp.pipe(texts[:4]))
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64, n_process=n_process):
        pass
    out["spacy_parse_s"] = time.perf_counter() - t

    t = time.perf_counter()
    parsed = list(parse_documents(documents, n_process=n_process))
    out["fogline_parse_s"] = time.perf_counter() - t
    # Each extractor timed on its own, on the same parses: the cost fogline adds to the parse.
    out["extract_s"] = {}
    for name in EXTRACTORS:
        t = time.perf_counter()
        for p in parsed:
            run_extractors(p, [name])
        out["extract_s"][name] = time.perf_counter() - t
    analysed = [p.doc for p in parsed]
    out["analyse_s"] = out["fogline_parse_s"] + sum(out["extract_s"].values())
    out["events"] = sum(len(d.events) for d in analysed)

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
    return "\n".join([
        f"corpus: {r['corpus']}: {r['docs']} reports, {r['words']:,} words, {r['processes']} process(es)",
        f"  spaCy parse alone       {r['spacy_parse_s']:7.2f} s   {r['spacy_words_per_s']:9,.0f} words/s",
        f"  fogline ingest          {r['ingest_s']:7.2f} s",
        f"  fogline parse           {r['fogline_parse_s']:7.2f} s",
        *[f"  extract: {name:<14} {sec:7.2f} s   ({sec / r['spacy_parse_s']:.1%} of the parse)"
          for name, sec in r["extract_s"].items()],
        f"  extractors together     {sum(r['extract_s'].values()):7.2f} s   ({r['extract_vs_parse']:.1%} of the parse;"
        f" {r['events']:,} events)",
        f"  fogline store (SQLite)  {r['store_s']:7.2f} s",
        f"  fogline end to end      {r['ingest_s'] + r['analyse_s'] + r['store_s']:7.2f} s   "
        f"{r['fogline_words_per_s']:9,.0f} words/s   ({r['overhead_vs_parse']:+.1%} over the parse)",
    ])
