"""The store on PostgreSQL: the same schema, the same writes and the same situations as on SQLite.

A throwaway PostgreSQL cluster is made for the session (``initdb`` into a temporary folder,
listening only on a Unix socket inside it, no TCP port, trust authentication for that socket
alone) and removed afterwards. Set ``FOGLINE_TEST_POSTGRES_URL`` to test a server of your own
instead. Without PostgreSQL's server programs (Debian: ``apt install postgresql``) or a URL,
these tests skip and say why.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import text

from fogline.model import Comment, Document, Rejection
from fogline.store import Store
from fogline.store.migrations import LATEST


def _pg_bin() -> Path | None:
    """The folder holding initdb and pg_ctl: Debian keeps them off PATH, under
    /usr/lib/postgresql/<major>/bin."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(d) / "initdb").exists() and (Path(d) / "pg_ctl").exists():
            return Path(d)
    return None


def _as_server_user(cmd: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run its programs as the ``postgres`` account then."""
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", "postgres", "--", *cmd]


@pytest.fixture(scope="module")
def pg_url():
    own = os.environ.get("FOGLINE_TEST_POSTGRES_URL")
    if own:
        yield own
        return
    pytest.importorskip("psycopg", reason="the PostgreSQL driver psycopg is not installed (test extra)")
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL's server programs (initdb, pg_ctl) are not installed; install Debian's "
                    "postgresql or set FOGLINE_TEST_POSTGRES_URL to run the PostgreSQL store tests")
    if os.geteuid() == 0:
        try:
            server_user = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no postgres account to run the server as")
    root = Path(tempfile.mkdtemp(prefix="fogline-pg-"))
    if os.geteuid() == 0:
        os.chown(root, server_user.pw_uid, server_user.pw_gid)
    data, log = root / "data", root / "server.log"
    run = lambda *cmd: subprocess.run(_as_server_user([str(c) for c in cmd]), check=True,  # noqa: E731
                                      capture_output=True, text=True, timeout=120)
    try:
        run(bindir / "initdb", "-D", data, "-U", "fogline", "--auth=trust", "-E", "UTF8",
            "--locale=C.UTF-8", "-N")
        # Unix socket in the private folder only; fsync off: the cluster is thrown away.
        run(bindir / "pg_ctl", "-D", data, "-l", log, "-w", "-t", "60", "-o",
            f"-c listen_addresses='' -k {root} -p 5432 -c fsync=off -c full_page_writes=off", "start")
        run(bindir / "createdb", "-h", root, "-p", "5432", "-U", "fogline", "fogline")
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as e:
        detail = getattr(e, "stderr", "") or ""
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"could not start a throwaway PostgreSQL with {bindir}: {e} {detail}".strip())
    try:
        yield f"postgresql+psycopg://fogline@/fogline?host={root}&port=5432"
    finally:
        subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
                       capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_store(pg_url):
    """A migrated, empty store on the server: every table emptied before the test."""
    store = Store.open(pg_url)
    with store.engine.begin() as c:
        tables = [r[0] for r in c.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_version'"))]
        if tables:
            c.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE"))  # names from the catalogue
    yield store
    store.close()


def _doc(body: str = "The army shelled the town on Monday.", **kw) -> Document:
    return Document(source="t.txt", body=body, title="A Title", comments=[Comment("c1", "A comment.", "Reader")], **kw)


def test_postgres_store_is_migrated_to_latest(pg_store):
    assert pg_store.engine.dialect.name == "postgresql"
    assert pg_store.version() == LATEST
    assert pg_store.migrate() == []


def test_postgres_same_document_twice_adds_nothing(pg_store):
    assert pg_store.save([_doc()], [Rejection("bad.txt", "FL101", "empty: no text")])["documents"] == 1
    before = pg_store.counts()
    again = _doc()
    again.source = "copy.txt"
    assert pg_store.save([again], [Rejection("bad.txt", "FL101", "empty: no text")])["documents"] == 0
    assert pg_store.counts() == before
    with pg_store.engine.connect() as c:
        assert sorted(r[0] for r in c.execute(text("SELECT source FROM document_sources"))) == ["copy.txt", "t.txt"]
        assert c.execute(text("SELECT seen FROM rejections")).scalar() == 2


def test_postgres_hostile_text_round_trips_verbatim(pg_store):
    body = "Robert'); DROP TABLE documents;-- said the <script>alert(1)</script> rebels \u2014 \u062d\u0644\u0628."
    d = _doc(body=body, published="2025-03-11", outlet="Wire")
    d.authors = ["A. Writer"]
    pg_store.save([d])
    (back,) = pg_store.load_documents()
    assert (back.body, back.published, back.outlet, back.authors) == (body, "2025-03-11", "Wire", ["A. Writer"])
    assert [(c.id, c.author, c.text) for c in back.comments] == [("c1", "Reader", "A comment.")]
    assert pg_store.counts()["documents"] == 1   # the table the text tried to drop is still there


@pytest.fixture(scope="module")
def demo_result():
    """The embedded demo reports analysed once, not stored: both stores get the same documents."""
    from fogline.api import analyze
    from fogline.demo import demo_paths

    return analyze([str(p) for p in demo_paths()], db=None)


def _stored_picture(store: Store) -> dict:
    sits = store.situations()
    return {
        "counts": store.counts(),
        "documents": sorted(store.document_ids()),
        "situations": [(s["documents"], s["duplicates"], s["first"], s["last"],
                        sorted(store.situation_members(s["id"])[0])) for s in sits],
        "pictures": [sorted(p["id"] for p in store.load_situation(s["id"]).get("propositions", []))
                     for s in sits],
    }


def test_postgres_and_sqlite_store_the_same_demo(pg_store, demo_result, db_path):
    docs, rejected = demo_result.documents, demo_result.rejected
    assert len(docs) >= 8
    lite = Store.open(db_path)
    for store in (pg_store, lite):
        half = len(docs) // 2           # two batches, as `analyze` stores a long run
        store.save(docs[:half], rejected)
        store.save(docs[half:])
    on_pg, on_lite = _stored_picture(pg_store), _stored_picture(lite)
    assert on_pg["counts"]["records"] > 0 and on_pg["situations"]
    assert on_pg == on_lite
    # a re-run adds nothing on the server either
    assert pg_store.save(docs, rejected)["documents"] == 0
    assert _stored_picture(pg_store) == on_pg


def test_dashboard_reads_a_postgres_store_and_escapes_its_text(pg_store, demo_result):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from fogline.web import create_app

    hostile = _doc(body="Rebels <script>alert(1)</script> shelled the port on Monday, the governor said.")
    pg_store.save([*demo_result.documents[:3], hostile])
    client = TestClient(create_app(pg_store))
    listing = client.get("/")
    assert listing.status_code == 200
    for d in demo_result.documents[:3]:
        assert d.id in listing.text
    page = client.get(f"/documents/{hostile.id}")
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text and "&lt;script&gt;" in page.text
    sid = pg_store.situations()[0]["id"]
    assert client.get(f"/situations/{sid}").status_code == 200
    assert client.get(f"/api/situations/{sid}").json()["id"] == sid
