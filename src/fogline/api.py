"""The library API behind every command: ``analyze`` reads inputs, parses them once, runs the
extractors, stores the results and returns them in the shape of the output contract.

>>> result = analyze(["report.txt"], published="2016-12-14", db=":memory:")   # doctest: +SKIP
>>> result.to_dict()["documents"][0]["title"]                                 # doctest: +SKIP
'Amid Confusion, Aleppo Evacuation Deal Again in Place'
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, BinaryIO

from . import __version__
from .extract import prepare_parts, run_extractors
from .ingest import Limits, read_inputs
from .ingest.decode import DEFAULT_LIMITS
from .model import CONTRACT_VERSION, Document, Rejection
from .nlp import parse_documents
from .situation import build_situation, build_situations
from .store import Store


@dataclass
class Result:
    documents: list[Document] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    situation: dict[str, Any] = field(default_factory=dict)
    situations: list[dict[str, Any]] = field(default_factory=list)
    stored: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "fogline": CONTRACT_VERSION,
            "documents": [d.to_dict() for d in self.documents],
            "rejected": [r.to_dict() for r in self.rejected],
            "situation": self.situation,
            "situations": self.situations,
        }

    @property
    def exit_code(self) -> int:
        return 1 if self.rejected else 0


def analyse_documents(docs: Iterable[Document], *, n_process: int = 1, batch_size: int = 64) -> Iterator[Document]:
    """Parse and extract, one ``nlp.pipe`` pass for all documents; yields them filled in."""
    for parsed in parse_documents(docs, n_process=n_process, batch_size=batch_size, prepare=prepare_parts):
        run_extractors(parsed)
        yield parsed.doc


def analyse_texts(texts: Iterable[str | tuple[str, str | None]], *, n_process: int = 1,
                  batch_size: int = 64) -> list[Document]:
    """Analyse bare texts (a sentence, a paragraph, an article body), each with an optional
    publication date: the entry point of the eval harnesses and of quick experiments.

    >>> [e.type for e in analyse_texts(["Rebels shelled the town."])[0].events]   # doctest: +SKIP
    ['ASSAULT']
    """
    docs = []
    for i, t in enumerate(texts):
        text, published = (t, None) if isinstance(t, str) else t
        docs.append(Document(source=f"text:{i}", body=text, published=published, kind="text"))
    return list(analyse_documents(docs, n_process=n_process, batch_size=batch_size))


def analyze(paths: Iterable[str], *, published: str | None = None, db: str | Store | None = None,
            n_process: int = 1, batch_size: int = 64, limits: Limits = DEFAULT_LIMITS,
            stdin: BinaryIO | None = None, store_every: int = 200, dask: Any = None) -> Result:
    """Analyse every input in ``paths`` (files, folders, globs, ``-``) and store the results.

    ``db`` is a path, an SQLAlchemy URL or an open :class:`Store`; ``None`` stores nothing.
    ``dask`` (a scheduler address, ``local[:N]`` or a ``distributed.Client``) runs the parse and
    the extractors on a Dask cluster instead of here (:mod:`fogline.cluster`); reading, storing and
    the situations stay in this process.
    Inputs that cannot be used are returned in ``rejected``, with a coded reason; the rest go on.
    Documents with the same content id are analysed once.
    """
    store = Store.open(db) if isinstance(db, str) else db
    result = Result()
    seen: set[str] = set()
    pending: list[Rejection] = []

    def unique_documents() -> Iterator[Document]:
        for item in read_inputs(paths, published=published, limits=limits, stdin=stdin):
            if isinstance(item, Rejection):
                result.rejected.append(item)
                pending.append(item)
            elif item.id not in seen:
                seen.add(item.id)
                yield item

    if dask is not None:
        from .cluster import analyse_on_cluster

        analysed = analyse_on_cluster(unique_documents(), dask)
    else:
        analysed = analyse_documents(unique_documents(), n_process=n_process, batch_size=batch_size)
    stored = {"documents": 0, "rejected": 0}
    while batch := list(islice(analysed, store_every)):
        result.documents.extend(batch)
        if store is not None:
            counts = store.save(batch, pending, analyser=__version__)
            pending.clear()
            stored = {k: stored[k] + counts[k] for k in stored}
    if store is not None and pending:
        stored["rejected"] += store.save([], pending, analyser=__version__)["rejected"]
    result.stored = stored
    result.situation = build_situation(result.documents)
    result.situations = build_situations(result.documents)
    return result
