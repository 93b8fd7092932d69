"""The dashboard: what it shows, that it escapes untrusted text, that it only binds to localhost
by default. Documents are built by hand (no model needed): the facts point at known words."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

fastapi = pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from fogline import cli  # noqa: E402
from fogline.model import Actor, Claim, Comment, Document, Event, Silence  # noqa: E402
from fogline.store import Store  # noqa: E402
from fogline.web import Mark, create_app, marked_segments  # noqa: E402

BODY = ("Rebels of the Lantern Front shelled the river port of Okavi on Monday, the governor said. "
        "The Front denied that it had fired on the port. The harbour authority declined to comment.")
EVIL_TITLE = '<script>alert("t")</script> Port shelled'
EVIL_COMMENT = '<img src=x onerror="alert(1)"> fake news & lies'


def _doc() -> Document:
    d = Document(source="okavi.txt", body=BODY, title=EVIL_TITLE, published="2031-04-07", outlet="The Test Post",
                 comments=[Comment(id="c1", text=EVIL_COMMENT, author="<b>troll</b>")])
    front = Actor("Lantern Front", None, "rebel", "Rebels of the Lantern Front")
    shelled = BODY.index("shelled")
    d.events = [Event(id="ev1", type="ASSAULT", evidence=d.span("body", 0, BODY.index(". ") + 1), cameo="195",
                      trigger_span=d.span("body", shelled, shelled + len("shelled")), source=[front],
                      date="2031-04-06", date_text="Monday")]
    s2 = BODY.index("The Front")
    denied = BODY.index("denied")
    content = BODY.index("it had fired")
    end2 = BODY.index("port.", content) + len("port")
    d.claims = [Claim(id="cl1", speaker=Actor("Lantern Front", None, "rebel", "The Front"), cue="deny", stance="deny",
                      content=BODY[content:end2], proposition="p1", evidence=d.span("body", s2, end2 + 1),
                      cue_span=d.span("body", denied, denied + len("denied")),
                      content_span=d.span("body", content, end2))]
    s3 = BODY.index("The harbour")
    d.silences = [Silence(actor=Actor("harbour authority", None, "government", "The harbour authority"),
                          evidence=d.span("body", s3, len(BODY)))]
    return d


@pytest.fixture
def client(db_path: str) -> TestClient:
    store = Store.open(db_path)
    store.save([_doc(), Document(source="other.txt", body="A quiet day in the capital.", title="Quiet day")])
    return TestClient(create_app(store))


def test_index_lists_documents_with_fact_counts(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert "2 documents" in r.text
    row = re.search(r"<tr>\s*<td class=\"date\">2031-04-07</td>(.*?)</tr>", r.text, re.S)
    assert row, r.text
    assert [int(n) for n in re.findall(r'<td class="n">(\d+)</td>', row.group(1))] == [1, 1, 1, 0]
    assert "Quiet day" in r.text


def test_document_page_marks_each_fact_in_the_text(client: TestClient) -> None:
    doc_id = _doc().id
    r = client.get(f"/documents/{doc_id}")
    assert r.status_code == 200
    assert re.search(r'<mark class="event"[^>]*id="at-ev1">shelled</mark>', r.text)
    assert re.search(r'<mark class="claim"[^>]*id="at-cl1">denied</mark>', r.text)
    assert '<mark class="content" title="what Lantern Front denies">it had fired on the port</mark>' in r.text
    assert re.search(r'<mark class="silence"[^>]*>The harbour authority declined to comment.</mark>', r.text)
    # every anchor id is used once, and each fact row links to its place in the text
    ids = re.findall(r'id="([^"]+)"', r.text)
    assert len(ids) == len(set(ids))
    assert 'href="#at-ev1"' in r.text and 'href="#at-cl1"' in r.text
    assert "2031-04-06" in r.text and "“Monday”" in r.text


def test_untrusted_text_is_escaped(client: TestClient) -> None:
    r = client.get(f"/documents/{_doc().id}")
    assert "<script>alert" not in r.text and "&lt;script&gt;alert" in r.text
    assert "<img src=x" not in r.text and "&lt;img src=x onerror=" in r.text
    assert "<b>troll</b>" not in r.text and "&lt;b&gt;troll&lt;/b&gt;" in r.text
    assert "fake news &amp; lies" in r.text
    index = client.get("/")
    assert "<script>alert" not in index.text and "&lt;script&gt;alert" in index.text


def test_security_headers(client: TestClient) -> None:
    for path in ("/", f"/documents/{_doc().id}", "/api/documents"):
        h = client.get(path).headers
        assert "default-src 'none'" in h["content-security-policy"]
        assert "script-src" not in h["content-security-policy"]  # no scripts allowed at all
        assert h["x-content-type-options"] == "nosniff"


def test_filter_is_a_parameter_not_sql(client: TestClient) -> None:
    assert "Quiet day" in client.get("/", params={"q": "quiet"}).text
    for hostile in ("' OR 1=1 --", "%", "_", "\\", "\"; DROP TABLE documents; --"):
        r = client.get("/", params={"q": hostile})
        assert r.status_code == 200
        assert "(0)" in r.text, hostile
    assert client.get("/api/documents").json()["total"] == 2  # nothing was dropped


def test_unknown_document_is_404(client: TestClient) -> None:
    assert client.get("/documents/0000000000000000").status_code == 404
    assert client.get("/api/documents/0000000000000000").status_code == 404


def test_json_api_gives_the_contract_document(client: TestClient) -> None:
    d = client.get(f"/api/documents/{_doc().id}").json()
    assert d["title"] == EVIL_TITLE
    ev = d["events"][0]
    assert BODY[ev["trigger_span"]["start"]:ev["trigger_span"]["end"]] == ev["trigger_span"]["text"] == "shelled"
    assert d["claims"][0]["stance"] == "deny"


def test_marked_segments_cover_the_text_exactly() -> None:
    text = "Troops shelled the town and the rebels denied it."
    marks = [Mark(7, 14, "event", "e1", "ASSAULT"), Mark(0, 24, "content", "c1", "x"),
             Mark(40, 46, "claim", "c1", "deny"), Mark(45, 400, "event", "bad", "out of range")]
    segs = marked_segments(text, marks)
    assert "".join(s.text for s in segs) == text
    shelled = next(s for s in segs if s.text == "shelled")
    assert {m.ref for m in shelled.marks} == {"e1", "c1"}
    assert [s.anchor for s in segs if s.anchor] == ["c1", "e1"]  # c1 once, though it has two marks
    assert not any(m.ref == "bad" for s in segs for m in s.marks)


def test_serve_binds_to_localhost_unless_told(db_path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    Store.open(db_path).close()
    calls = []
    monkeypatch.setattr("fogline.web.serve", lambda db, host, port: calls.append((db, host, port)))
    runner = CliRunner()
    r = runner.invoke(cli.main, ["serve", "--db", db_path])
    assert r.exit_code == 0, r.output
    assert calls[-1] == (db_path, "127.0.0.1", 8765)
    assert "Warning" not in r.output
    r = runner.invoke(cli.main, ["serve", "--db", db_path, "--host", "0.0.0.0", "--port", "9000"])
    assert r.exit_code == 0
    assert calls[-1] == (db_path, "0.0.0.0", 9000)
    assert "Warning: serving on 0.0.0.0" in r.output


def test_serve_refuses_a_missing_store(tmp_path) -> None:
    r = CliRunner().invoke(cli.main, ["serve", "--db", str(tmp_path / "none.db")])
    assert r.exit_code == 2
    assert "no store at" in r.output
    assert not (tmp_path / "none.db").exists()


def test_situation_pages_link_every_point_to_its_report(client: TestClient) -> None:
    store: Store = client.app.state.store
    sits = store.situations()
    assert sits, "saving documents places them in situations"
    listing = client.get("/situations")
    assert listing.status_code == 200
    for s in sits:
        assert f'href="/situations/{s["id"]}"' in listing.text
    sid = store.situation_of(_doc().id)
    page = client.get(f"/situations/{sid}")
    assert page.status_code == 200
    # the report is listed (its hostile title escaped), and the denial links to its claim in that report
    assert f'href="/documents/{_doc().id}"' in page.text
    assert "<script>alert" not in page.text and "&lt;script&gt;alert" in page.text
    assert f'href="/documents/{_doc().id}#cl1"' in page.text
    assert "Lantern Front" in page.text and "denies" in page.text
    assert client.get(f"/documents/{_doc().id}").text.count(f'href="/situations/{sid}"') == 1
    assert client.get(f"/api/situations/{sid}").json()["id"] == sid


def test_exports_download_with_the_text_as_data(client: TestClient) -> None:
    import json

    store: Store = client.app.state.store
    sid = store.situation_of(_doc().id)
    page = client.get(f"/situations/{sid}")
    assert f'href="/export/cameo?situation={sid}"' in page.text
    assert 'href="/export/acled"' in client.get("/situations").text
    res = client.get(f"/export/plover?situation={sid}")
    assert res.status_code == 200 and res.headers["content-type"] == "application/x-ndjson"
    assert res.headers["content-disposition"] == f'attachment; filename="fogline-{sid}-plover.jsonl"'
    (rec,) = [json.loads(line) for line in res.text.splitlines()]
    assert rec["docId"] == _doc().id and rec["event"] == "ASSAULT"
    whole = client.get("/export/contract")
    assert {json.loads(line)["title"] for line in whole.text.splitlines()} == {EVIL_TITLE, "Quiet day"}
    claims = client.get("/export/claims")
    assert claims.headers["content-type"].startswith("text/csv") and "Lantern Front,,The Front,deny" in claims.text
    assert client.get("/export/parquet").status_code == 404
    assert client.get("/export/plover?situation=Snope").status_code == 404


def test_unknown_situation_is_404(client: TestClient) -> None:
    assert client.get("/situations/Snope").status_code == 404
    assert client.get("/api/situations/Snope").status_code == 404


@pytest.mark.model
def test_situation_page_lists_war_totals_apart(db_path: str) -> None:
    from fogline.api import analyze

    texts = ["Shelling killed 14 people in the market of Varnesk on Monday, rescuers said. The war has killed "
             "more than 90,000 people since 2019, according to the monitor.",
             "The toll from Monday's shelling of the Varnesk market rose to 19 people killed, the health office "
             "said. Some 120,000 people have died in the five-year conflict."]
    paths = []
    for i, t in enumerate(texts):
        p = Path(db_path).with_name(f"varnesk{i}.txt")
        p.write_text(f"Varnesk market shelled\n\n{t}\n")
        paths.append(str(p))
    store = Store.open(db_path)
    analyze(paths, published="2025-05-06", db=store)
    client = TestClient(create_app(store))
    sid = store.situations()[0]["id"]
    page = client.get(f"/situations/{sid}").text
    background = page[page.index("<strong>Background</strong>"):]
    assert "more than 90,000 people" in background and "Some 120,000 people" in background
    assert "more than 90,000 people" not in page[page.index('id="figures"'):page.index("<strong>Background</strong>")]
