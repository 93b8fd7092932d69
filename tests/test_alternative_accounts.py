"""An alternative account read as a denial (situation.propositions.alternative_denials): a speaker
who tells the same violent event with another named cause than a proposition's agent denies it,
marked ``alternative`` in its position. All reports here are invented."""
from __future__ import annotations

import pytest

from fogline.api import analyse_texts
from fogline.situation import build_situation
from fogline.situation.propositions import _same_side

pytestmark = pytest.mark.model


def _props(*texts: str):
    docs = analyse_texts(list(texts))
    return docs, build_situation(docs)["propositions"]


def _about(props, *words: str):
    return [p for p in props if all(w in p["text"].lower() for w in words)]


def _pos(p, name: str):
    return next((x for x in p["positions"] if name.lower() in x["actor"]["name"].lower()), None)


def test_another_attacker_of_the_same_target_denies_the_accusation():
    docs, props = _props(
        "Aid workers said that Russian jets bombed the grain convoy on the coast road.",
        "Turkey's defence ministry said the grain convoy was hit by rebel mortar fire.",
    )
    (p,) = _about(props, "russian jets bombed")
    pos = _pos(p, "Turk")
    assert pos is not None and pos["stance"] == "deny", p["positions"]
    assert pos["alternative"] == pos["claims"] and len(pos["claims"]) == 1
    (claim,) = [c for d in docs for c in d.claims if c.id == pos["claims"][0]]
    assert "rebel mortar fire" in claim.content  # the evidence is the alternative account itself
    assert p["contested"]
    # the aid workers' account, in turn, denies the ministry's
    (q,) = _about(props, "rebel mortar fire")
    assert _pos(q, "aid workers")["stance"] == "deny" and q["contested"]


def test_the_source_of_the_poison_names_another_cause():
    _, props = _props(
        "Doctors said that army helicopters dropped chlorine bombs on the Qasr market in Mosul on Friday.",
        "Iraq's interior ministry said the chlorine had leaked from a militant workshop hit by artillery on Friday.",
    )
    (p,) = _about(props, "helicopters dropped chlorine")
    pos = _pos(p, "Iraqi government")
    assert pos is not None and pos["stance"] == "deny" and pos["alternative"], p["positions"]
    # told of another day, the same account is about another event
    _, props = _props(
        "Doctors said that army helicopters dropped chlorine bombs on the Qasr market in Mosul on Friday.",
        "Iraq's interior ministry said the chlorine had leaked from a militant workshop hit by artillery on Sunday.",
    )
    assert not any(x.get("alternative") for p in props for x in p["positions"]), props


def test_the_same_agent_restated_is_no_alternative():
    _, props = _props(
        "Aid workers said that Russia bombed the grain convoy.",
        "A Syrian army spokesman said Russian aircraft hit the grain convoy.",
    )
    assert not any(x.get("alternative") for p in props for x in p["positions"]), props
    assert not any(p["contested"] for p in props)


def test_coordinated_agents_are_no_alternative():
    _, props = _props(
        "Aid workers said that Russia bombed the grain convoy.",
        "The Turkish foreign ministry said Russian and Syrian jets hit the grain convoy.",
    )
    assert not any(x.get("alternative") for p in props for x in p["positions"]), props


def test_another_event_in_the_same_place_is_no_alternative():
    _, props = _props(
        "Aid workers said that Russia bombed the grain convoy near Tartus.",
        "Turkey's defence ministry said rebels shelled an army checkpoint near Tartus.",
    )
    assert not any(x.get("alternative") for p in props for x in p["positions"]), props


def test_another_time_or_place_is_no_alternative():
    _, props = _props(
        "Aid workers said that Russia bombed the grain convoy near Tartus.",
        "Turkey's defence ministry said a grain convoy was hit by rebel mortar fire near Homs.",
        "Iran's foreign ministry said a grain convoy was hit by rebel mortar fire last year.",
    )
    assert not any(x.get("alternative") for p in props for x in p["positions"]), props


def test_no_inferred_denial_for_a_speaker_who_asserts_it_or_for_a_hedged_or_unnamed_account():
    _, props = _props(
        "Turkey's defence ministry said that Russia bombed the grain convoy. "
        "The ministry said the grain convoy was also hit by rebel mortar fire.",
        "According to one account, the grain convoy was hit by rebel mortar fire.",
        "Iran's foreign ministry said the grain convoy was reportedly hit by rebel mortar fire.",
    )
    (p,) = _about(props, "russia bombed")
    assert _pos(p, "Turk")["stance"] == "assert"
    assert not any(x.get("alternative") for x in p["positions"]), p["positions"]


def test_a_possible_or_conditional_account_is_no_alternative():
    _, props = _props(
        "Aid workers said that Russia bombed the grain convoy.",
        "Turkey's defence ministry said the grain convoy could have been hit by rebel mortar fire.",
        "Iran's foreign ministry said rebels would shell the grain convoy if it crossed the river.",
    )
    assert not any(x.get("alternative") for p in props for x in p["positions"]), props


def test_sides_of_a_conflict():
    assert _same_side(("Russia", "RUS"), ("Russian military", "RUSMIL"))        # a state and its forces
    assert _same_side(("rebels", "REB"), ("Syrian rebels", "SYRREB"))           # a bare sector and a coded one
    assert _same_side(("army", "MIL"), ("Russia", "RUS"))                       # an army of no known country
    assert _same_side(("Russia", "RUS"), ("some militia", None))                # an uncoded name: cannot tell
    assert _same_side(("terrorist groups", "UAF"), ("Syrian rebels", "SYRREB"))  # one side's word for the other's fighters
    assert not _same_side(("Syrian rebels", "SYRREB"), ("Syrian military", "SYRMIL"))
    assert not _same_side(("Russia", "RUS"), ("rebels", "REB"))
    assert not _same_side(("Russia", "RUS"), ("Turkey", "TUR"))


def test_the_brief_says_which_denial_comes_from_another_account():
    from fogline.api import analyse_documents
    from fogline.model import Document
    from fogline.report import situation_brief
    from fogline.situation.picture import build_picture

    docs = list(analyse_documents([
        Document(source="a", body="Aid workers said that Russian jets bombed the grain convoy on the coast road.",
                 published="2025-03-02", outlet="herald", kind="text"),
        Document(source="b", body="Turkey's defence ministry said the grain convoy was hit by rebel mortar fire.",
                 published="2025-03-03", outlet="gazette", kind="text"),
    ]))
    sit = {"id": "S0", **build_picture(docs)}  # both reports as one story (too short to group by their words)
    brief = situation_brief(sit, docs)
    lines = [ln for ln in brief.splitlines() if "(by another account)" in ln]
    assert lines and all(ln.strip().startswith("deny") for ln in lines), brief
