"""Agreement mentions: kind, parties, terms, versions, requests and status history."""
from __future__ import annotations

import pytest

from fogline.api import analyse_texts
from fogline.situation import build_situation

pytestmark = pytest.mark.model

STORY = (
    "The release of 40 detainees from the northern prison was to begin on Monday, in a swap brokered by Qatar "
    "and Oman. The releases did not happen, with guards and militiamen trading fire instead.\n\n"
    "Officials said Qatar and Oman have renegotiated a revised deal, which will see the releases begin on "
    "Wednesday, and that will allow the wounded to leave first. The militia denied that any deal was in place."
)


def _agreement():
    docs = analyse_texts([(STORY, "2025-03-11")])  # a Tuesday
    ags = build_situation(docs)["agreements"]
    assert len(ags) == 1, ags
    return docs[0], ags[0]


def test_parties_terms_and_versions():
    doc, ag = _agreement()
    assert {p["name"] for p in ag["parties"]} >= {"Qatar", "Oman"}
    texts = " | ".join(t["text"] for t in ag["terms"])
    assert "release of 40 detainees" in texts and "allow the wounded to leave first" in texts
    assert [v["label"] for v in ag["versions"]] == ["original", "revised"]
    assert ag["versions"][0]["date"] == "2025-03-10" and ag["versions"][1]["date"] == "2025-03-12"
    for t in ag["terms"]:
        ev = t["evidence"]
        assert doc.body[ev["start"]:ev["end"]] == ev["text"]


def test_status_history_in_order():
    _, ag = _agreement()
    seq = [s["status"] for s in ag["status"]]
    assert seq[0] == "agreed" and "renegotiated" in seq and seq[-1] == "disputed"
    assert seq.index("renegotiated") < seq.index("disputed")
    assert ag["status"][-1]["according_to"] is not None


def test_no_deal_no_agreement():
    docs = analyse_texts(["Rebels shelled the market on Tuesday, killing three people."])
    assert docs[0].agreements == []


def _parties(text: str) -> list[tuple[str, set[str]]]:
    docs = analyse_texts([(text, "2024-05-02")])
    return [(a["kind"], {p["name"] for p in a["parties"]}) for a in docs[0].agreements]


@pytest.mark.parametrize("text, kind, parties", [
    # the deal noun's relative clause names who made it
    ("Government planes bombed the town on Friday despite a truce that Egypt and Qatar brokered in March.",
     "truce", {"Egypt", "Qatar"}),
    ("The army said the ceasefire, which Jordan and Egypt negotiated, was holding.", "ceasefire", {"Jordan", "Egypt"}),
    # countries in the deal noun's modifiers, one token or several
    ("The rebels handed over their heavy weapons in 2015 under a U.S.-French deal.", "other", {"United States", "France"}),
    ("The rebels handed over their heavy weapons in 2015 under a French-German deal.", "other", {"France", "Germany"}),
    ("Last year the militia accepted an Iran-sponsored deal to release the prisoners.", None, {"Iran"}),
])
def test_parties_of_relative_clauses_and_modifiers(text, kind, parties):
    got = _parties(text)
    assert len(got) == 1, got
    if kind:
        assert got[0][0] == kind
    assert got[0][1] >= parties, got


def test_who_agreed_to_a_deal_is_a_party():
    got = _parties("Last year the president of Chad agreed to a deal to release the prisoners.")
    assert len(got) == 1 and any("Chad" in p for p in got[0][1]), got


def test_non_country_modifiers_name_no_party():
    # "rebel", "local" are not countries: no party from the modifiers
    got = _parties("The rebels said a local truce had collapsed on Monday.")
    assert got and not got[0][1], got
