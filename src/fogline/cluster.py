"""Analysing on a Dask cluster (``fogline analyze --dask ADDRESS``): beyond one machine.

Document-level work is a pure function of one document and read-only resources (the spaCy model,
the dictionaries), so the same function runs in this process, in spaCy's process pool
(``--processes``) or on Dask workers. Here batches of documents are sent to the workers, each
worker loads the model once (:func:`fogline.nlp.load_model` is cached per process) and sends the
analysed documents back; this process keeps the input order, stores what comes back and builds
the situations, exactly as a local run does. The store is written only from here, so a re-run
adds nothing whatever ran the analysis.

``ADDRESS`` is a scheduler (``tcp://scheduler:8786``) or ``local[:N]`` for a cluster of N worker
processes on this machine (default 2). Workers need the same fogline version (checked on every
batch: :class:`~fogline.errors.ClusterError` otherwise) and its model package installed. Dask is an
extra: ``pip install 'fogline[dask]'``.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from . import __version__
from .errors import ClusterError
from .model import Document

BATCH = 32           # documents a task: big enough to amortise the round trip, small enough to spread
CONNECT_TIMEOUT = "20s"   # how long to wait for a scheduler before giving up


def analyse_batch(docs: list[Document]) -> tuple[str, list[Document]]:
    """The task a worker runs: parse and extract a batch, as :func:`fogline.api.analyse_documents`."""
    from .api import analyse_documents

    return __version__, list(analyse_documents(docs))


def connect(cluster: Any) -> tuple[Any, Any]:
    """A Dask client for ``cluster`` (an address, ``local[:N]`` or a client), and what to close."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError("Dask is not installed: pip install 'fogline[dask]'") from None
    if isinstance(cluster, Client):
        return cluster, None
    address = str(cluster)
    try:
        if address == "local" or address.startswith("local:"):
            n = int(address.partition(":")[2] or 2)
            if n < 1:
                raise ValueError("a local cluster needs at least one worker")
            local = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None)
            return Client(local), local
        return Client(address, timeout=CONNECT_TIMEOUT), None
    except (OSError, TimeoutError, ValueError) as e:
        raise ClusterError(f"cannot use the Dask cluster {address!r}: {e}") from None


def analyse_on_cluster(docs: Iterable[Document], cluster: Any, *, batch_size: int = BATCH,
                       in_flight: int | None = None) -> Iterator[Document]:
    """Analyse ``docs`` on a Dask cluster; yields them analysed, in input order.

    At most ``in_flight`` batches are out at once (default: two per worker thread), so a long input
    streams through without being held in memory."""
    client, own = connect(cluster)
    try:
        threads = sum((client.nthreads() or {}).values()) or 1
        limit = in_flight or 2 * threads
        it = iter(docs)
        pending: deque[Any] = deque()

        def fill() -> None:
            while len(pending) < limit and (batch := list(islice(it, batch_size))):
                pending.append(client.submit(analyse_batch, batch, pure=False))

        fill()
        while pending:
            version, out = pending.popleft().result()
            if version != __version__:
                raise ClusterError(f"a Dask worker runs fogline {version}, this process {__version__}: "
                                   "install the same version on every worker")
            fill()
            yield from out
    finally:
        if own is not None:
            client.close()
            own.close()
