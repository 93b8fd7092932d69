"""Analysis on a Dask cluster (``fogline analyze --dask``): the same documents, in the same order,
as a local run; clear coded errors when the cluster cannot be used."""
from __future__ import annotations

import sys

import pytest

from fogline.errors import ClusterError
from fogline.model import Document

pytestmark = pytest.mark.model
distributed = pytest.importorskip("distributed", reason="Dask is not installed (the dask or test extra)")

TEXTS = [
    "Rebels shelled the market in Idlib on Monday, killing four people, the Observatory said.",
    "The army denied that its aircraft had bombed the hospital.",
    "Turkey and Russia agreed a ceasefire on Thursday, officials said.",
    "Protesters marched in the capital on Sunday to demand the release of prisoners.",
    "Police arrested two journalists in Cairo.",
]


def _docs() -> list[Document]:
    return [Document(source=f"t{i}.txt", body=t, published="2031-05-06") for i, t in enumerate(TEXTS)]


@pytest.fixture(scope="module")
def client():
    # one in-process worker thread: the model is loaded once in this process, as a worker would
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as c:
        yield c


def test_cluster_gives_what_a_local_run_gives_in_order(client):
    from fogline.api import analyse_documents
    from fogline.cluster import analyse_on_cluster

    local = [d.to_dict() for d in analyse_documents(_docs())]
    # batches of two, at most two out at once: order must survive several round trips
    remote = [d.to_dict() for d in analyse_on_cluster(_docs(), client, batch_size=2, in_flight=2)]
    assert [d["id"] for d in remote] == [d["id"] for d in local]
    assert remote == local
    assert any(d["events"] for d in remote) and any(d["claims"] for d in remote)


def test_analyze_with_dask_stores_once(client, db_path, tmp_path):
    from fogline.api import analyze

    for i, t in enumerate(TEXTS[:3]):
        (tmp_path / f"r{i}.txt").write_text(t, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    first = analyze([str(tmp_path)], published="2031-05-06", db=db_path, dask=client)
    assert first.stored["documents"] == 3 and [r.code for r in first.rejected] == ["FL101"]
    again = analyze([str(tmp_path)], published="2031-05-06", db=db_path, dask=client)
    assert again.stored["documents"] == 0
    assert [d.to_dict() for d in again.documents] == [d.to_dict() for d in first.documents]


def test_worker_on_another_version_is_refused(client, monkeypatch):
    import fogline.cluster as cluster

    monkeypatch.setattr(cluster, "analyse_batch", lambda docs: ("0.0.0-other", docs))
    with pytest.raises(ClusterError, match="FL500 .*fogline 0.0.0-other"):
        list(cluster.analyse_on_cluster(_docs(), client))


def test_unreachable_scheduler_is_a_coded_error(monkeypatch):
    import fogline.cluster as cluster

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(ClusterError, match="FL500 cannot use the Dask cluster 'tcp://127.0.0.1:9'"):
        list(cluster.analyse_on_cluster(_docs(), "tcp://127.0.0.1:9"))


def test_missing_dask_is_a_coded_error(monkeypatch):
    import fogline.cluster as cluster

    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ClusterError, match="Dask is not installed"):
        cluster.connect("local:1")
