"""One actor, several spellings (fogline.situation.aliases): acronyms and transliterations of one
name gathered under one name in the situation, different names kept apart, the documents' own
facts untouched. Documents are built by hand (no model needed)."""
from __future__ import annotations

from fogline.model import Actor, Claim, Document, Event, Silence
from fogline.situation.aliases import actor_aliases
from fogline.situation.picture import build_picture


def _doc(body: str, events=(), claims=(), silences=(), published="2031-07-01") -> Document:
    d = Document(source=f"{abs(hash(body))}.txt", body=body, title=body[:20], published=published)
    d.events, d.claims, d.silences = list(events), list(claims), list(silences)
    return d


def _event(d: Document, eid: str, src: Actor, tgt: Actor | None = None) -> Event:
    return Event(id=eid, type="ASSAULT", evidence=d.span("body", 0, len(d.body)), source=[src],
                 target=[tgt] if tgt else [])


def _claim(d: Document, cid: str, who: Actor, stance: str, content: str, prop: str) -> Claim:
    ev = d.span("body", 0, len(d.body))
    return Claim(id=cid, speaker=who, cue="say", stance=stance, content=content, proposition=prop,
                 evidence=ev, cue_span=ev, content_span=ev)


def _names(docs) -> dict[str, str]:
    return {k: v["name"] for k, v in actor_aliases(docs).items()}


def test_acronym_and_transliterations_are_one_actor():
    a = _doc("The Coastal Protection Force shelled the port, said Nouri Ghaith.")
    b = _doc("The CPF denied shelling the port, Nouri Gheith said. Nuri Ghayth agreed.")
    a.events = [_event(a, "e1", Actor("Coastal Protection Force", None, "armed group", "The Coastal Protection Force"))]
    b.events = [_event(b, "e2", Actor("CPF", None, "armed group", "The CPF"))]
    a.claims = [_claim(a, "c1", Actor("Nouri Ghaith", None, "person", "Nouri Ghaith"), "assert", "x", "p1")]
    b.claims = [_claim(b, "c2", Actor("Nouri Gheith", None, "person", "Nouri Gheith"), "assert", "x", "p2"),
                _claim(b, "c3", Actor("Nuri Ghayth", None, "person", "Nuri Ghayth"), "assert", "x", "p3")]
    assert _names([a, b]) == {"CPF": "Coastal Protection Force", "Nouri Gheith": "Nouri Ghaith",
                              "Nuri Ghayth": "Nouri Ghaith"}


def test_different_names_stay_apart():
    docs = [_doc("x y.")]
    d = docs[0]
    d.claims = [
        _claim(d, "c1", Actor("Ali Hassan", None, "person", "Ali Hassan"), "assert", "x", "p1"),
        _claim(d, "c2", Actor("Ali Hussein", None, "person", "Ali Hussein"), "assert", "x", "p1"),
        _claim(d, "c3", Actor("at least 12 civilians", None, "civilian", "at least 12 civilians"), "assert", "x", "p1"),
        _claim(d, "c4", Actor("at least 18 civilians", None, "civilian", "at least 18 civilians"), "assert", "x", "p1"),
        _claim(d, "c5", Actor("foreign fighters", None, "armed group", "foreign fighters"), "assert", "x", "p1"),
        _claim(d, "c6", Actor("foreign fightrs", None, "armed group", "foreign fightrs"), "assert", "x", "p1"),
        # coded differently by the knowledge base: never one
        _claim(d, "c7", Actor("Salem Harbi", "AAA", "person", "Salem Harbi"), "assert", "x", "p1"),
        _claim(d, "c8", Actor("Salim Harbi", "BBB", "person", "Salim Harbi"), "assert", "x", "p1"),
        # two expansions of one acronym: which one is meant is not known
        _claim(d, "c9", Actor("NLF", None, "armed group", "NLF"), "assert", "x", "p1"),
        _claim(d, "c10", Actor("National Liberation Front", None, "armed group", "x"), "assert", "x", "p1"),
        _claim(d, "c11", Actor("Northern Libyan Forces", None, "armed group", "x"), "assert", "x", "p1"),
    ]
    assert _names(docs) == {}


def test_the_picture_gathers_positions_counts_and_links_but_not_the_documents():
    a = _doc("The CPF shelled the port. The CPF said it hit only fighters.")
    b = _doc("The Coastal Protection Force denied it hit only fighters, and the Coastal Protection Force "
             "shelled the Wadi Brigade, Naser Hammali said.", published="2031-07-02")
    cpf = Actor("CPF", None, "armed group", "The CPF")
    long = Actor("Coastal Protection Force", None, "armed group", "The Coastal Protection Force")
    wadi = Actor("Wadi Brigade", None, "armed group", "the Wadi Brigade")
    a.events = [_event(a, "e1", cpf, wadi)]
    b.events = [_event(b, "e2", long, wadi)]
    a.claims = [_claim(a, "c1", cpf, "assert", "it hit only fighters", "p1")]
    b.claims = [_claim(b, "c2", long, "deny", "it hit only fighters", "p1"),
                _claim(b, "c3", Actor("Naser Hammali", None, "person", "Naser Hammali"), "assert", "shelled", "p2")]
    b.silences = [Silence(actor=Actor("Nasser al-Hammali", None, "person", "Nasser al-Hammali"),
                          evidence=b.span("body", 0, 10), proposition="p2")]
    pic = build_picture([a, b])
    actors = {x["name"]: x["mentions"] for x in pic["actors"]}
    assert actors["Coastal Protection Force"] == 4 and "CPF" not in actors
    (cpf_row,) = [x for x in pic["actors"] if x["name"] == "Coastal Protection Force"]
    assert cpf_row["variants"] == ["CPF"]
    (p1,) = [p for p in pic["propositions"] if any(c == "c1" for pos in p["positions"] for c in pos["claims"])]
    assert [(pos["actor"]["name"], pos["stance"]) for pos in p1["positions"]] == [("Coastal Protection Force", "mixed")]
    (p2,) = [p for p in pic["propositions"] if any(c == "c3" for pos in p["positions"] for c in pos["claims"])]
    assert [(pos["actor"]["name"], pos["stance"]) for pos in p2["positions"]] == [("Nasser al-Hammali", "assert")]
    (link,) = [e for e in pic["network"] if e["type"] == "ASSAULT"]
    assert (link["source"]["name"], link["count"], link["target"]["name"]) == ("Coastal Protection Force", 2,
                                                                               "Wadi Brigade")
    # each position keeps the words of its own report; the documents keep their own names
    assert a.events[0].source[0].name == "CPF" and a.claims[0].speaker.name == "CPF"
