"""The dashboard in a real browser: Debian's Chromium driven by Playwright against `fogline serve`'s
app on a localhost port. What only a browser shows: that hostile report text does not run (escaping
and the Content-Security-Policy together), that the pages break no rule of their own policy, and
that a point of a situation leads to its words in the report.

Skips, saying why, without Playwright (test extra) or Chromium (Debian: apt install chromium;
.ci/run installs it when it can)."""
from __future__ import annotations

import shutil
import socket
import threading
import time

import pytest

pytest.importorskip("fastapi")
playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (test extra)")

from fogline.model import Actor, Claim, Comment, Document, Event  # noqa: E402
from fogline.store import Store  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt install chromium)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

PWN = "window.__pwned = (window.__pwned || 0) + 1"
BODY = (f"Militiamen <img src=x onerror=\"{PWN}\"> shelled the clinic in Tavor on Friday, the mayor said. "
        f"The militia denied that it had shelled the clinic. <script>{PWN}</script>")


def _docs() -> list[Document]:
    title = f'<script>{PWN}</script>Clinic shelled <svg onload="{PWN}">'
    d = Document(source="tavor.txt", body=BODY, title=title, published="2031-06-06", outlet="<b>Post</b>",
                 comments=[Comment(id="c1", text=f'<iframe src="javascript:{PWN}"></iframe> nonsense',
                                   author=f"<a href='javascript:{PWN}'>me</a>")])
    militia = Actor("Tavor militia", None, "armed group", "Militiamen")
    shelled = BODY.index("shelled")
    d.events = [Event(id="ev1", type="ASSAULT", cameo="190", evidence=d.span("body", 0, BODY.index(" the mayor")),
                      trigger_span=d.span("body", shelled, shelled + 7), source=[militia], date="2031-06-05")]
    s2 = BODY.index("The militia")
    content = BODY.index("it had shelled")
    d.claims = [
        Claim(id="cl1", speaker=Actor("mayor", None, "government", "the mayor"), cue="say", stance="assert",
              content="Militiamen shelled the clinic", proposition="p1", evidence=d.span("body", 0, s2 - 1),
              cue_span=d.span("body", BODY.index("said"), BODY.index("said") + 4),
              content_span=d.span("body", 0, BODY.index(" in Tavor"))),
        Claim(id="cl2", speaker=Actor("Tavor militia", None, "armed group", "The militia"), cue="deny",
              stance="deny", content="it had shelled the clinic", proposition="p1",
              evidence=d.span("body", s2, BODY.index("clinic.", content) + 7),
              cue_span=d.span("body", BODY.index("denied"), BODY.index("denied") + 6),
              content_span=d.span("body", content, BODY.index("clinic.", content) + 6)),
    ]
    return [d, Document(source="other.txt", body="Talks resumed in the capital on Friday.", title="Talks resume",
                        published="2031-06-06")]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from fogline.web import create_app

    db = str(tmp_path_factory.mktemp("browser") / "b.db")
    store = Store.open(db)
    store.save(_docs())
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            pytest.fail("the dashboard did not start within 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", store
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server):
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        pg = browser.new_page()
        pg.problems = []   # console errors (CSP violations among them), dialogs, uncaught errors
        pg.on("console", lambda m: m.type == "error" and pg.problems.append(f"console: {m.text}"))
        pg.on("pageerror", lambda e: pg.problems.append(f"page error: {e}"))
        pg.on("dialog", lambda d: (pg.problems.append(f"dialog: {d.message}"), d.dismiss()))
        yield pg
        browser.close()


def _visit(page, url: str) -> None:
    page.problems.clear()
    res = page.goto(url)
    assert res is not None and res.status == 200, url
    page.wait_for_load_state("load")
    assert page.evaluate("window.__pwned || 0") == 0, f"hostile text ran on {url}"
    assert page.problems == [], page.problems


def test_hostile_report_text_is_shown_not_run(server, page):
    base, store = server
    doc = _docs()[0]
    _visit(page, f"{base}/")
    assert page.get_by_text("Clinic shelled", exact=False).count() >= 1
    _visit(page, f"{base}/documents/{doc.id}")
    body_text = page.inner_text("body")
    # the markup is there as text, for the reader to see
    assert "<script>" in body_text and "onerror=" in body_text and "<iframe" in body_text
    assert page.locator("script").count() == 0 and page.locator("iframe").count() == 0
    assert page.locator("img[src=x]").count() == 0


def test_a_contested_point_leads_to_its_words_in_the_report(server, page):
    base, store = server
    doc = _docs()[0]
    sid = store.situation_of(doc.id)
    _visit(page, f"{base}/situations")
    page.click(f'a[href="/situations/{sid}"]')
    page.wait_for_load_state("load")
    assert page.evaluate("window.__pwned || 0") == 0 and page.problems == [], page.problems
    assert page.locator(".proposition.contested").count() == 1
    page.click(f'a[href="/documents/{doc.id}#cl2"]')
    page.wait_for_load_state("load")
    assert page.url.endswith(f"/documents/{doc.id}#cl2")
    target = page.locator("#cl2")
    assert target.count() == 1
    assert "denied" in target.first.inner_text() or "it had shelled" in target.first.inner_text()
    assert target.first.is_visible()
    assert page.problems == [], page.problems


def test_stylesheet_loads_under_the_policy(server, page):
    base, _store = server
    _visit(page, f"{base}/situations")
    # the stylesheet is served from 'self' and applied: the page is not the browser's default
    assert page.evaluate("document.styleSheets.length") >= 1
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != ""
    assert page.evaluate("document.styleSheets[0].cssRules.length") > 0
