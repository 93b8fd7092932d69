"""Tracking a named proposition: a report's own stance and its speakers' stances, on sentences
written for these tests."""
from __future__ import annotations

import pytest

from fogline.model import Document

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def result() -> dict:
    from fogline.situation.track import track

    docs = [
        Document(source="for", title="Rebels shelled the hospital in Idlib",
                 body="The hospital was hit on Monday. Three nurses were wounded."),
        Document(source="against", title="Claims that rebels shelled the hospital are a hoax",
                 body="There is no evidence that the building was hit."),
        Document(source="observing", title="Rebels reportedly shelled the hospital",
                 body="The rebels shelled the hospital, the health ministry said. The rebel command denied that its "
                      "fighters shelled the hospital."),
        Document(source="unrelated", title="Football club wins the cup", body="The players celebrated all night."),
        Document(source="denial", title="Rebel command denies shelling hospital", body="Nothing more was said."),
        Document(source="question", title="Did rebels shell the hospital?", body="Nobody knows."),
    ]
    return track("Rebels shelled the hospital", docs)


def _doc(result: dict, source: str) -> dict:
    return next(d for d in result["documents"] if d["source"] == source)


def test_shape(result: dict) -> None:
    assert result["fogline"] == "1" and result["proposition"] == "Rebels shelled the hospital"
    assert result["rejected"] == []
    for d in result["documents"]:
        assert set(d) >= {"id", "source", "title", "stance", "speakers", "evidence"}
        assert d["stance"] in ("for", "against", "observing", "unrelated")
        for e in d["evidence"]:
            assert e["part"] in ("title", "body") and e["end"] > e["start"]


def test_report_stances(result: dict) -> None:
    got = {d["source"]: d["stance"] for d in result["documents"]}
    assert got == {"for": "for", "against": "against", "observing": "observing", "unrelated": "unrelated",
                   "denial": "against", "question": "observing"}


def test_evidence_points_at_the_text(result: dict) -> None:
    d = _doc(result, "for")
    ev = d["evidence"][0]
    assert ev["part"] == "title" and ev["text"] == "Rebels shelled the hospital in Idlib"
    assert _doc(result, "unrelated")["evidence"] == []


def test_speakers_assert_and_deny(result: dict) -> None:
    d = _doc(result, "observing")
    stances = {s["actor"]["text"] or s["actor"]["name"]: s["stance"] for s in d["speakers"]}
    assert "assert" in stances.values() and "deny" in stances.values()
    assert all(s["claims"] for s in d["speakers"])


def test_negated_proposition_flips_speakers() -> None:
    from fogline.situation.track import track

    doc = Document(source="x", title="Ministry statement",
                   body="The ministry said that the convoy did not reach the town.")
    pos = track("The convoy reached the town", [doc])["documents"][0]
    neg = track("The convoy did not reach the town", [doc])["documents"][0]
    assert [s["stance"] for s in pos["speakers"]] == ["deny"]
    assert [s["stance"] for s in neg["speakers"]] == ["assert"]


def test_silence_is_recorded() -> None:
    from fogline.situation.track import track

    doc = Document(source="x", title="Convoy row",
                   body="The army said that the convoy reached the town. The Interior Ministry has not confirmed "
                        "that the convoy reached the town.")
    d = track("The convoy reached the town", [doc])["documents"][0]
    stances = {s["actor"]["name"].lower(): s["stance"] for s in d["speakers"]}
    assert stances.get("army") == "assert"
    assert "silent" in stances.values()


def test_track_paths_reads_files_and_rejects(tmp_path) -> None:
    from fogline.situation.track import format_track, track_paths

    (tmp_path / "a.txt").write_text("Rebels shelled the hospital\n\nThe hospital was hit on Monday.\n")
    (tmp_path / "b.txt").write_bytes(b"")
    res = track_paths("Rebels shelled the hospital", [str(tmp_path)])
    assert [d["stance"] for d in res["documents"]] == ["for"]
    assert len(res["rejected"]) == 1
    assert "rejected" in format_track(res)
