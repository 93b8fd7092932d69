"""Roles and conventions added to the event extractor: targets on an object noun or a nominal
event's verb, the sentence's place as target, passive patients, mutual events among coordinated
actors, reported hostile acts as accusations, and a few PLOVER classes (resignation, surrender,
expelled diplomats, reported boycotts, humanitarian evacuation). Every sentence is invented for
its test.
"""
from __future__ import annotations

import pytest

from fogline.model import Event


def events(text: str, published: str | None = "2024-03-01") -> list[Event]:
    from fogline.api import analyse_texts

    return [e for e in analyse_texts([(text, published)])[0].events if not e.negated]


def of_type(text: str, etype: str) -> list[Event]:
    found = [e for e in events(text) if e.type == etype]
    assert found, f"no {etype} in {[(e.type, e.cameo) for e in events(text)]}"
    return found


def codes(actors: list) -> set[str]:
    return {(a.code or "")[:3] for a in actors}


# -- targets --------------------------------------------------------------------------------------

@pytest.mark.model
def test_target_on_the_object_noun() -> None:
    ev = of_type("Iran sent weapons to the Houthis last month.", "AID")[0]
    assert "YEM" in codes(ev.target)
    ev = of_type("The government would not provide support to Ecuador.", "REJECT")[0]
    assert "ECU" in codes(ev.target)


@pytest.mark.model
def test_target_of_a_nominal_event_on_its_verb() -> None:
    ev = of_type("Kenyan jets launched an air strike against al-Shabaab on Monday.", "ASSAULT")[0]
    assert "SOM" in codes(ev.target)
    assert "KEN" in codes(ev.source)


@pytest.mark.model
def test_passive_subject_gives_the_pattern_and_its_target() -> None:
    ev = of_type("Evidence against Bolivia was presented by Chile.", "ACCUSE")[0]
    assert "CHL" in codes(ev.source) and "BOL" in codes(ev.target)


@pytest.mark.model
def test_the_sentence_place_is_the_target_of_a_protest_that_names_none() -> None:
    ev = of_type("Hundreds of nurses staged a protest in Nairobi on Tuesday.", "PROTEST")[0]
    assert codes(ev.target) == {"KEN"}
    # a protest against someone keeps that target
    ev = of_type("Farmers protested against the Indian government in Delhi.", "PROTEST")[0]
    assert "IND" in codes(ev.target) and all((a.code or "").startswith("IND") for a in ev.target)


@pytest.mark.model
def test_victims_of_a_participle_attack_are_its_target() -> None:
    ev = of_type("There were six Malian soldiers killed in the ambush.", "ASSAULT")[0]
    assert "MLI" in codes(ev.target)


@pytest.mark.model
def test_attack_source_from_the_instrument_of_a_passive() -> None:
    ev = of_type("Three shepherds were wounded by a Ukrainian drone near the border.", "ASSAULT")[0]
    assert "UKR" in codes(ev.source)


# -- mutual events ----------------------------------------------------------------------------------

@pytest.mark.model
def test_coordinated_actors_meeting_give_one_event_per_pair() -> None:
    evs = of_type("Ghana, Togo and Benin met in Accra on Friday.", "CONSULT")
    pairs = {(e.source[0].code[:3], e.target[0].code[:3]) for e in evs if e.source and e.target}
    assert {("GHA", "TGO"), ("TGO", "GHA"), ("BEN", "GHA"), ("TGO", "BEN")} <= pairs
    assert all(len(e.source) == 1 and len(e.target) == 1 for e in evs)


@pytest.mark.model
def test_attack_by_coordinated_actors_is_not_split() -> None:
    evs = of_type("Chadian and Nigerien troops attacked the camp.", "ASSAULT")
    assert len(evs) == 1 and len(evs[0].source) == 2


# -- reported hostile acts --------------------------------------------------------------------------

@pytest.mark.model
def test_reported_attack_by_another_actor_is_an_accusation() -> None:
    evs = events("Kenya said Somali militants had kidnapped two teachers.")
    acc = [e for e in evs if e.type == "ACCUSE"]
    assert acc and acc[0].cameo == "112"
    assert "KEN" in codes(acc[0].source) and "SOM" in codes(acc[0].target)
    assert any(e.type == "ASSAULT" for e in evs)  # the act itself stays


@pytest.mark.model
def test_own_reported_act_is_no_accusation() -> None:
    evs = events("Kenya said Kenyan troops had shelled the camp.")
    assert not [e for e in evs if e.type == "ACCUSE"]


# -- PLOVER classes -----------------------------------------------------------------------------------

@pytest.mark.model
def test_resignation_is_retreat_resign() -> None:
    ev = of_type("The Peruvian prime minister resigned on Sunday.", "RETREAT")[0]
    assert ev.mode == "resign"


@pytest.mark.model
def test_surrender_is_a_military_retreat() -> None:
    ev = of_type("About forty Congolese militiamen surrendered to the army.", "RETREAT")[0]
    assert ev.cameo == "0874"


@pytest.mark.model
def test_beat_up_is_an_assault() -> None:
    ev = of_type("Police officers beat up the Ugandan students.", "ASSAULT")[0]
    assert ev.mode == "beat"


@pytest.mark.model
def test_expelled_diplomats_are_a_sanction_deported_people_coercion() -> None:
    ev = of_type("Poland expelled two Belarusian diplomats on Monday.", "SANCTION")[0]
    assert ev.mode == "expel" and "POL" in codes(ev.source)
    assert of_type("Police expelled the squatters from the building.", "COERCE")


@pytest.mark.model
def test_reported_future_boycott_is_a_threat() -> None:
    t = [e.type for e in events("Truck drivers said they would boycott the new port.")]
    assert "THREATEN" in t and "COERCE" not in t


@pytest.mark.model
def test_humanitarian_evacuation_is_aid_military_evacuation_retreat() -> None:
    assert of_type("Red Cross teams evacuated the wounded from the village.", "AID")
    assert of_type("The army evacuated its soldiers from the base.", "RETREAT")


@pytest.mark.model
def test_statement_demanding_is_the_issuers_request() -> None:
    ev = of_type("Kenya issued a statement demanding that Uganda pull back its troops.", "REQUEST")[0]
    assert "KEN" in codes(ev.source) and "UGA" in codes(ev.target)


@pytest.mark.model
def test_generic_group_takes_its_modifier_agent() -> None:
    ev = of_type("Opposition groups in Zambia demanded that the government withdraw the bill.", "REQUEST")[0]
    assert any((a.code or "").endswith("OPP") for a in ev.source)


# -- lexicon classes ----------------------------------------------------------------------------------

@pytest.mark.model
def test_halting_talks_mediation_relations_and_aid_are_sanctions() -> None:
    assert of_type("Egypt ended its mediation between the two factions.", "SANCTION")[0].cameo == "165"
    assert of_type("Ghana broke off relations with Togo.", "SANCTION")[0].cameo == "161"
    ev = of_type("Peru cut aid to Bolivia.", "SANCTION")[0]
    assert ev.cameo == "162" and "BOL" in {(a.code or "")[:3] for a in ev.target}
    assert of_type("Kenya announced a suspension of flights to Somalia.", "SANCTION")


@pytest.mark.model
def test_praise_without_a_named_target_is_support() -> None:
    ev = of_type("The Spanish government welcomed the latest statement.", "SUPPORT")[0]
    assert "ESP" in codes(ev.source)


@pytest.mark.model
def test_ordered_to_is_the_orderers_coercion_or_a_demand() -> None:
    ev = of_type("The junta ordered the newspaper to suspend publication.", "COERCE")[0]
    assert any(a.kind == "government" for a in ev.source)
    ev = of_type("The Chilean president ordered the army to withdraw from the city.", "REQUEST")[0]
    assert "CHL" in codes(ev.source)
    assert "RETREAT" not in [e.type for e in events("The Chilean president ordered the army to withdraw from the city.")]


@pytest.mark.model
def test_dismissing_an_appeal_is_a_rejection() -> None:
    assert of_type("The rebels dismissed an appeal from the bishop to lay down their arms.", "REJECT")


@pytest.mark.model
def test_accepting_demands_concedes_accepting_an_offer_agrees() -> None:
    assert of_type("The Bolivian government accepted demands from the miners.", "CONCEDE")
    assert of_type("Chile accepted a formula for ending the dispute with Peru.", "AGREE")


@pytest.mark.model
def test_receiving_observers_is_access_strengthening_forces_mobilisation() -> None:
    assert of_type("The Kyrgyz government received a mission of observers.", "RETREAT")[0].mode == "access"
    assert of_type("Israel has strengthened its forces in the north.", "MOBILIZE")


@pytest.mark.model
def test_torture_is_a_nominal_assault() -> None:
    assert of_type("A detainee died as a result of torture in police custody.", "ASSAULT")[0].mode == "torture"


@pytest.mark.model
def test_a_list_read_as_apposition_is_still_coordination() -> None:
    evs = of_type("The US, Russia, and Switzerland met yesterday", "CONSULT")
    pairs = {(e.source[0].code[:3], e.target[0].code[:3]) for e in evs if e.source and e.target}
    assert ("RUS", "CHE") in pairs and ("CHE", "USA") in pairs


@pytest.mark.model
def test_purpose_infinitive_of_the_same_kind_is_the_same_event() -> None:
    evs = of_type("Jordan's foreign minister met with Egyptian President Sisi on Tuesday to discuss the crisis.",
                  "CONSULT")
    assert all(e.trigger_span.text.startswith("met") for e in evs)  # no second event for "to discuss"
    assert "EGY" in codes(evs[0].target)


@pytest.mark.model
def test_accusation_needs_a_named_speaker_not_a_bare_agent_noun() -> None:
    assert not [e for e in events("Medics said Chadian tanks shelled the camp.") if e.type == "ACCUSE"]
    acc = [e for e in events("Malian officials said rebels attacked the base.") if e.type == "ACCUSE"]
    assert acc and "MLI" in codes(acc[0].source)  # the same country's government accuses its rebels


@pytest.mark.model
def test_an_attack_on_a_place_targets_its_country() -> None:
    ev = of_type("Insurgents bombarded a government-held district of Homs overnight.", "ASSAULT")[0]
    assert codes(ev.target) == {"SYR"}
    # named victims are kept as the target, not replaced by the place
    ev = of_type("Gunmen killed three Nigerian farmers in a village near Jos.", "ASSAULT")[0]
    assert "NGA" in codes(ev.target) and all(a.kind != "state" for a in ev.target)


@pytest.mark.model
def test_talks_between_two_sides_go_both_ways_a_visit_does_not() -> None:
    evs = of_type("The Jordanian foreign minister held talks with Egyptian President Sisi.", "CONSULT")
    assert {(e.source[0].code[:3], e.target[0].code[:3]) for e in evs} == {("JOR", "EGY"), ("EGY", "JOR")}
    evs = of_type("The Chilean president visited Kenya on Monday.", "CONSULT")
    assert len(evs) == 1


@pytest.mark.model
def test_sentence_caches_do_not_mix_parts_with_equal_offsets():
    """A reader comment's sentence at the same offsets as a body sentence has its own places."""
    from fogline.api import analyse_documents
    from fogline.model import Comment, Document

    body = "Gunmen attacked a checkpoint in Mosul on Sunday."
    comment = "Gunmen attacked a checkpoint in Basra on Sunday."
    assert len(body) == len(comment)
    doc = next(iter(analyse_documents([Document(source="t", body=body, published="2030-05-07",
                                                comments=[Comment(id="c1", text=comment)])])))
    places = {e.evidence.part: e.location.name for e in doc.events if e.location}
    assert places == {"body": "Mosul", "comment:c1": "Basra"}
