"""The situation's network (fogline.situation.network): who acts on, accuses and contradicts whom,
each link with the facts behind it. Documents are built by hand (no model needed)."""
from __future__ import annotations

from fogline.model import Actor, Claim, Comment, Document, Event
from fogline.situation.network import build_network, tone
from fogline.situation.picture import build_picture

BODY = ("The army shelled rebel positions in Tavor on Monday. The rebels accused the army of war crimes. "
        "The army said it had hit only fighters. The rebels denied that the army hit only fighters. "
        "The army did not bomb the hospital.")
ARMY = Actor("Tavor army", "TAVMIL", "military", "The army")
REBELS = Actor("Tavor rebels", "TAVREB", "rebel", "The rebels")


def _sent(d: Document, start: str, end: str):
    i = d.body.index(start)
    return d.span("body", i, d.body.index(end, i) + len(end))


def _doc(published: str = "2031-06-02", body: str = BODY) -> Document:
    d = Document(source="t.txt", body=body, title="Tavor shelled", published=published,
                 comments=[Comment(id="c1", text="The rebels shelled my street, the liars.", author="reader")])
    d.events = [
        Event(id="e1", type="ASSAULT", evidence=_sent(d, "The army shelled", "day."), source=[ARMY],
              target=[REBELS], date="2031-06-01"),
        Event(id="e2", type="ACCUSE", evidence=_sent(d, "The rebels accused", "crimes."), source=[REBELS],
              target=[ARMY], hedged=True),
        Event(id="e3", type="ASSAULT", evidence=_sent(d, "The army did not", "hospital."), source=[ARMY],
              target=[Actor("hospital", None, "civilian", "the hospital")], negated=True),
        # a reader comment is not reporting: no link from it
        Event(id="e4", type="ASSAULT", evidence=d.span("comment:c1", 0, 25), source=[REBELS], target=[ARMY]),
        # no target: no link
        Event(id="e5", type="ASSAULT", evidence=_sent(d, "The army shelled", "Tavor"), source=[ARMY]),
    ]
    a_start = d.body.index("The army said")
    r_start = d.body.index("The rebels denied")
    d.claims = [
        Claim(id="c-army", speaker=ARMY, cue="say", stance="assert", content="it had hit only fighters",
              proposition="p", evidence=_sent(d, "The army said", "fighters."),
              cue_span=d.span("body", a_start + 9, a_start + 13),
              content_span=_sent(d, "it had hit", "fighters")),
        Claim(id="c-reb", speaker=REBELS, cue="deny", stance="deny", content="the army hit only fighters",
              proposition="p", evidence=_sent(d, "The rebels denied", "fighters."),
              cue_span=d.span("body", r_start + 11, r_start + 17),
              content_span=_sent(d, "the army hit", "fighters")),
    ]
    return d


def _links(edges):
    return {(e["source"]["name"], e["type"], e["target"]["name"]): e for e in edges}


def test_events_and_contradictions_make_links_with_their_facts():
    d = _doc()
    props = [{"id": "P1", "contested": True, "positions": [
        {"actor": {"name": "Tavor army"}, "stance": "assert", "claims": ["c-army"], "documents": [d.id]},
        {"actor": {"name": "Tavor rebels"}, "stance": "deny", "claims": ["c-reb"], "documents": [d.id]}]}]
    links = _links(build_network([d], props))
    assert set(links) == {("Tavor army", "ASSAULT", "Tavor rebels"), ("Tavor rebels", "ACCUSE", "Tavor army"),
                          ("Tavor rebels", "CONTRADICTS", "Tavor army")}
    shell = links[("Tavor army", "ASSAULT", "Tavor rebels")]
    assert (shell["refs"], shell["documents"], shell["first"], shell["tone"]) == (["e1"], [d.id], "2031-06-01", "hostile")
    assert links[("Tavor rebels", "ACCUSE", "Tavor army")]["hedged"] == 1
    assert links[("Tavor rebels", "CONTRADICTS", "Tavor army")]["refs"] == ["c-reb"]


def test_links_merge_across_reports_and_sort_hostile_first():
    a, b = _doc(), _doc("2031-06-05", BODY.replace("Monday", "Thursday"))
    b.events[0].date = "2031-06-04"
    b.events.append(Event(id="e6", type="CONSULT", evidence=_sent(b, "The army said", "fighters."),
                          source=[ARMY], target=[Actor("Tavor council", None, "government", "the council")]))
    edges = build_network([a, b], [])
    shell = _links(edges)[("Tavor army", "ASSAULT", "Tavor rebels")]
    assert shell["count"] == 2 and shell["documents"] == [a.id, b.id]
    assert (shell["first"], shell["last"]) == ("2031-06-01", "2031-06-04")
    assert [e["tone"] for e in edges] == ["hostile", "hostile", "cooperative"]


def test_the_situation_picture_carries_the_network():
    pic = build_picture([_doc()])
    links = _links(pic["network"])
    assert ("Tavor army", "ASSAULT", "Tavor rebels") in links
    # the picture's own propositions: the denial of the army's claim, contested
    assert ("Tavor rebels", "CONTRADICTS", "Tavor army") in links


def test_tone_of_plover_types():
    assert [tone(t) for t in ("ASSAULT", "ACCUSE", "AGREE", "AID", "REQUEST")] == [
        "hostile", "hostile", "cooperative", "cooperative", "neutral"]


def test_dashboard_draws_the_network_and_links_each_edge_to_its_words(db_path):
    import pytest

    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from fogline.store import Store
    from fogline.web import create_app, network_layout

    d = _doc()
    d.title = '<script>alert(1)</script> Tavor shelled'
    store = Store.open(db_path)
    store.save([d])
    sid = store.situation_of(d.id)
    page = TestClient(create_app(store)).get(f"/situations/{sid}")
    assert page.status_code == 200
    assert page.text.count("<line ") == 3 and page.text.count("<circle ") == 2     # 3 links between 2 actors
    assert f'href="/documents/{d.id}#e1"' in page.text and f'href="/documents/{d.id}#c-reb"' in page.text
    assert "<script>alert" not in page.text
    graph = network_layout(store.load_situation(sid)["network"])
    assert {n["name"] for n in graph["nodes"]} == {"Tavor army", "Tavor rebels"}
    for line in graph["lines"]:
        assert 0 <= min(line["x1"], line["x2"]) and max(line["x1"], line["x2"]) <= graph["width"]
        assert 0 <= min(line["y1"], line["y2"]) and max(line["y1"], line["y2"]) <= graph["height"]


def test_reader_comments_are_not_part_of_the_picture():
    d = _doc()
    comment = d.comments[0]
    ev = d.span(f"comment:{comment.id}", 0, len(comment.text))
    d.claims.append(Claim(id="c-reader", speaker=Actor("reader", None, "person", "reader"), cue="say",
                          stance="assert", content="the rebels shelled my street", proposition="q",
                          evidence=ev, cue_span=ev, content_span=ev))
    pic = build_picture([d])
    refs = {t["ref"] for t in pic["timeline"]}
    assert "e1" in refs and "e4" not in refs and "c-reader" not in refs
    assert "reader" not in {a["name"] for a in pic["actors"]}
    assert all(c != "c-reader" for p in pic["propositions"] for pos in p["positions"] for c in pos["claims"])
    # the reader's claim is a proposition of the situation's own, apart from the reporting's
    (reader,) = pic["reader_propositions"]
    assert reader["positions"][0]["claims"] == ["c-reader"] and reader["positions"][0]["actor"]["name"] == "reader"
    # the document itself keeps its comment facts, with their comment spans
    assert [e.id for e in d.events if e.evidence.part.startswith("comment:")] == ["e4"]
    assert d.claims[-1].evidence.part == "comment:c1"


def test_every_claim_points_at_a_proposition_of_the_situation():
    from fogline.situation import build_situation

    d = _doc()
    ev = d.span("comment:c1", 0, len(d.comments[0].text))
    d.claims.append(Claim(id="c-reader", speaker=Actor("reader", None, "person", "reader"), cue="say",
                          stance="assert", content="the rebels shelled my street", proposition="q",
                          evidence=ev, cue_span=ev, content_span=ev))
    sit = build_situation([d])
    ids = {p["id"] for p in sit["propositions"]} | {p["id"] for p in sit["reader_propositions"]}
    assert [c.proposition in ids for c in d.claims] == [True, True, True]


def test_unnamed_speakers_are_no_node():
    d = _doc()
    props = [{"id": "P1", "contested": True, "positions": [
        {"actor": {"name": "Tavor army"}, "stance": "assert", "claims": ["c-army"], "documents": [d.id]},
        {"actor": {"name": "(unnamed)"}, "stance": "deny", "claims": ["c-reb"], "documents": [d.id]}]}]
    assert not any(e["type"] == "CONTRADICTS" for e in build_network([d], props))
