"""Claims merged into propositions across reports, with positions and the contested flag."""
from __future__ import annotations

import pytest

from fogline.api import analyse_texts
from fogline.situation import build_situation

pytestmark = pytest.mark.model


def _props(*texts: str):
    docs = analyse_texts(list(texts))
    return docs, build_situation(docs)["propositions"]


def _positions(p):
    return {x["actor"]["name"]: x["stance"] for x in p["positions"]}


def test_same_matter_across_reports_is_one_contested_proposition():
    docs, props = _props(
        "The Harbour Brigade claimed that the truce does not allow any fishermen to leave the port.",
        "The Coastal Guard confirmed that the port can evacuate.",
    )
    (p,) = [p for p in props if len(p["positions"]) == 2]
    assert p["contested"]
    assert sorted(_positions(p).values()) == ["assert", "deny"]
    ids = {c.proposition for d in docs for c in d.claims}
    assert ids == {p["id"]}  # claims point at the situation's proposition


def test_different_agents_are_different_propositions():
    _, props = _props("Officials said that Russia bombed the convoy.", "Activists said that the regime bombed the convoy.")
    assert len([p for p in props if "convoy" in p["text"]]) == 2


def test_an_agentless_claim_does_not_bridge_two_agents():
    _, props = _props("Officials said that Russia bombed the convoy.",
                      "Witnesses said that the convoy was bombed near the bridge.",
                      "Activists said that the regime bombed the convoy.")
    convoy = [p for p in props if "convoy" in p["text"]]
    assert len(convoy) == 2, [(p["text"], _positions(p)) for p in convoy]
    assert not any({"officials", "activists"} <= set(_positions(p)) for p in convoy)


def test_reaching_a_deal_and_the_deal_being_in_place_are_one_matter():
    _, props = _props("Mediators said the two sides had signed a new agreement.",
                      "The militia denied that any agreement was in place.")
    (p,) = [p for p in props if p["text"].endswith("is in place")]
    assert p["contested"] and len(p["positions"]) == 2


def test_silence_joins_the_matter_of_the_claim_before_it():
    _, props = _props("The army said that the bridge was open. The militia has not said anything either way.")
    (p,) = [p for p in props if "bridge" in p["text"]]
    assert sorted(_positions(p).values()) == ["assert", "silent"]
    assert not p["contested"]


def test_canonical_text_states_the_negated_content_positively():
    _docs, props = _props("The Harbour Brigade claimed that the truce does not allow any fishermen to leave the port.")
    texts = [p["text"] for p in props]
    assert "the truce allows fishermen to leave the port" in texts, texts
    _docs, props = _props("The ferry company said the boats do not sail at night.")
    assert "the boats sail at night" in [p["text"] for p in props]


def test_a_bare_noun_phrase_content_keeps_its_verb_in_the_proposition():
    _docs, props = _props("The envoy urged an immediate ceasefire.")
    assert [p["text"] for p in props] == ["urged an immediate ceasefire"]


def test_the_canonical_text_is_an_assertion_s_own_words_before_a_turned_denial():
    from fogline.situation.propositions import _canonical

    members = [(None, None, {"stance": "deny", "content": "the army has not and does not use them ever", "frame": None}),
               (None, None, {"stance": "assert", "content": "government forces used chemical weapons", "frame": None}),
               (None, None, {"stance": "assert", "hedged": True, "content": "chemical weapons were reportedly used "
                             "by government forces in the north", "frame": None})]
    assert _canonical(members) == "government forces used chemical weapons"
    assert _canonical(members[:1]) == "the army has not and does not use them ever"
