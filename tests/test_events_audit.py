"""Rules from the events hand audit on real conflict reporting (issue #3), each on sentences written
for it: a pattern written for another verb of a block does not code a verb with a meaning of its
own ("condemned the attack"), occurrence idioms, implicative verbs and judgements are no actions of
their own ("took place", "managed to", "considers X a Y"), and a casualty verb joins the attack a complex
preposition or a when/as clause names."""
from __future__ import annotations

import pytest

from fogline.model import Event


def events(text: str) -> list[Event]:
    from fogline.api import analyse_texts

    return [e for e in analyse_texts([(text, "2024-05-02")])[0].events if not e.negated]


def by_trigger(text: str, word: str) -> list[Event]:
    return [e for e in events(text) if e.trigger_span is not None and word in e.trigger_span.text.lower()]


# -- a pattern of another verb of the block ----------------------------------------------------------

@pytest.mark.model
@pytest.mark.parametrize("text", [
    "The foreign ministry condemned the attack in a short statement.",
    "Several aid groups condemned the attack.",
    "The opposition coalition condemned the visit by the defence minister.",
])
def test_condemning_is_a_disapproval_not_the_pattern_of_another_verb(text: str) -> None:
    found = by_trigger(text, "condemn")
    assert found, [(e.type, e.cameo) for e in events(text)]
    assert all(e.type == "ACCUSE" and (e.cameo or "").startswith("11") for e in found), \
        [(e.type, e.cameo) for e in found]


@pytest.mark.model
def test_the_other_verb_keeps_its_own_pattern() -> None:
    # "* ATTACK [053] # PREVENT" still codes "prevented", the verb it was written for
    found = by_trigger("Border guards prevented the attack on the depot.", "prevent")
    assert found and found[0].cameo != "111"


def test_foreign_patterns_are_skipped_only_across_roots() -> None:
    from fogline.extract.lexicon import _foreign

    prevent = {"pre": [], "post": [["attack"]], "code": "053", "verb": "PREVENT"}
    assert _foreign(prevent, "CONDEMN", "111", "112")
    assert not _foreign(prevent, "PREVENT", None, "112")           # the verb it was written for
    assert not _foreign(prevent, "CONDEMN", None, "112")           # a verb with no code of its own
    assert not _foreign(prevent, "CONDEMN", "111", None)           # a block with no meaning of its own
    accuse = {"pre": [], "post": [["prime"], ["minister"]], "code": "1121", "verb": "ACCUSE"}
    assert not _foreign(accuse, "INDICT", "173", "112")            # the block's own root
    assert not _foreign({**prevent, "code": "---"}, "CONDEMN", "111", "112")


# -- no action of its own ------------------------------------------------------------------------------

@pytest.mark.model
def test_took_place_is_an_occurrence_not_a_seizure() -> None:
    text = "The shelling took place shortly after midnight near the old bridge."
    assert not by_trigger(text, "took"), [(e.type, e.cameo) for e in events(text)]
    assert any(e.type == "ASSAULT" for e in events(text))


@pytest.mark.model
def test_took_with_a_real_object_is_still_a_seizure() -> None:
    found = by_trigger("Militia fighters took the airport on Sunday.", "took")
    assert found and found[0].type in ("COERCE", "ASSAULT")


@pytest.mark.model
def test_managed_to_is_no_agreement_the_infinitive_is_the_event() -> None:
    text = "The insurgents managed to capture two checkpoints on the highway."
    assert not by_trigger(text, "managed"), [(e.type, e.cameo) for e in events(text)]
    cap = by_trigger(text, "capture")
    assert cap and cap[0].type in ("COERCE", "ASSAULT")
    assert any("insurgent" in a.name.lower() for a in cap[0].source)


# -- judgements are no actions ---------------------------------------------------------------------------

@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Ankara considers the militia a terrorist group.",
    "The government considers the blockade an act of war.",
])
def test_considering_x_a_y_is_an_opinion_not_a_consultation(text: str) -> None:
    assert not by_trigger(text, "consider"), [(e.type, e.cameo) for e in events(text)]


@pytest.mark.model
def test_meeting_to_consider_is_still_coded() -> None:
    assert by_trigger("The ministers met on Tuesday to consider new sanctions.", "consider") or \
        by_trigger("The ministers met on Tuesday to consider new sanctions.", "met")


# -- the attack named by a complex preposition ------------------------------------------------------------

@pytest.mark.model
@pytest.mark.parametrize("prep", ["due to", "as a result of"])
def test_injured_due_to_an_attack_is_that_attack(prep: str) -> None:
    text = f"Five civilians were injured {prep} a rebel attack on the village."
    evs = [e for e in events(text) if e.type == "ASSAULT"]
    assert len(evs) == 1, [(e.trigger_span.text if e.trigger_span else None, e.cameo) for e in evs]
    assert any("civilian" in a.name.lower() for a in evs[0].target)
    assert any("rebel" in a.name.lower() for a in evs[0].source)


# -- a casualty verb and the attack of its when/as clause -----------------------------------------------

@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Twelve soldiers were killed on Monday when insurgents blew up a tunnel under their base.",
    "Five civilians were wounded as militants shelled the neighborhood with mortars.",
])
def test_casualties_of_a_when_clause_attack_are_that_attack(text: str) -> None:
    evs = [e for e in events(text) if e.type == "ASSAULT"]
    assert len(evs) == 1, [(e.trigger_span.text if e.trigger_span else None, e.cameo) for e in evs]
    assert any(w in a.name.lower() for a in evs[0].source for w in ("insurgent", "militant"))
    assert evs[0].figures


@pytest.mark.model
def test_a_when_clause_that_is_no_attack_is_not_joined() -> None:
    evs = events("The minister was killed when his car crashed into a wall.")
    assert any(e.type == "ASSAULT" and e.trigger_span is not None and "killed" in e.trigger_span.text for e in evs)
