"""PETRARCH2 coding conventions of the CAMEO export (fogline.extract.events.cameo_dyads over a
document's events and its CAMEO-only records). Every sentence is invented for its test.
"""
from __future__ import annotations

import pytest

from fogline.model import Document


def analysed(text: str) -> Document:
    from fogline.api import analyse_texts

    return analyse_texts([(text, "2024-03-01")])[0]


def dyads(doc: Document) -> list[tuple[str, str, str]]:
    from fogline.extract.events import cameo_dyads, cameo_statements

    return [((e.cameo or "")[:2], e.source[0].code or "", e.target[0].code if e.target else "---")
            for e in cameo_dyads([*doc.events, *cameo_statements(doc)])]


@pytest.mark.model
@pytest.mark.parametrize(("text", "root", "source", "target"), [
    ("Three Kenyan traders were kidnapped in Somalia last week.", "18", "SOM", "KEN"),
    ("Two Indian engineers were shot dead near Kabul on Sunday.", "19", "AFG", "IND"),
])
def test_agentless_passive_takes_the_country_of_its_place_as_source_in_the_export_only(
        text: str, root: str, source: str, target: str) -> None:
    doc = analysed(text)
    got = dyads(doc)
    assert any(r == root and s[:3] == source and t[:3] == target for r, s, t in got), got
    # the contract event states no agent: nobody said the country did it
    ev = next(e for e in doc.events if (e.cameo or "").startswith(root))
    assert not ev.source and ev.target


@pytest.mark.model
def test_passive_with_an_agent_or_without_a_place_gets_no_place_source() -> None:
    got = dyads(analysed("Two Indian engineers were shot dead by Taliban gunmen near Kabul."))
    assert got and all(s[:3] != "AFG" or s[3:6] == "REB" for _r, s, _t in got), got
    assert not any(s == "AFG" for _r, s, _t in got)
    assert dyads(analysed("Three Kenyan traders were kidnapped last week.")) == []


@pytest.mark.model
def test_participle_of_an_existential_is_the_clause_predicate() -> None:
    doc = analysed("There were twelve Turkish soldiers killed in Iraq on Monday.")
    killed = next(e for e in doc.events if (e.cameo or "").startswith("19"))
    assert killed.primary
    assert ("19", "IRQ", "TURMIL") in dyads(doc)
    # the same participle in a plain noun phrase stays outside the clause chain
    doc = analysed("Twelve Turkish soldiers killed in Iraq were buried on Monday.")
    assert all(not e.primary for e in doc.events if (e.cameo or "").startswith("19"))
    assert not any(r == "19" for r, _s, _t in dyads(doc))


@pytest.mark.model
@pytest.mark.parametrize(("text", "root", "source"), [
    ("The Kenyan president praised the effort.", "05", "KENGOV"),
    ("Supporters of Kenya's opposition protested on Tuesday in the old market.", "14", "KEN"),
])
def test_coded_source_acting_on_an_uncoded_phrase_is_written_with_target_dashes(
        text: str, root: str, source: str) -> None:
    doc = analysed(text)
    got = dyads(doc)
    assert any(r == root and s.startswith(source) and t == "---" for r, s, t in got), got
    # the contract event keeps no invented target: the phrase is no actor
    assert all(not e.target for e in doc.events if (e.cameo or "").startswith(root))


@pytest.mark.model
def test_a_phrase_that_names_a_country_or_no_phrase_gives_no_dashes_target() -> None:
    got = dyads(analysed("Supporters of Kenya's opposition protested on Tuesday in Nairobi."))
    assert got and all(t != "---" for _r, _s, t in got), got
    assert not any(t == "---" for _r, _s, t in dyads(analysed("The Kenyan opposition protested.")))


@pytest.mark.model
@pytest.mark.parametrize(("text", "contract", "root", "pair"), [
    ("The Kenyan and Ugandan presidents will meet in Geneva next week.", "036", "04", ("KENGOV", "CHE")),
    ("The Kenyan and Ugandan presidents will meet next week.", "036", "04", ("KENGOV", "UGAGOV")),
    ("Kenya will attack al-Shabaab bases in Somalia.", "138", "19", ("KEN", "SOM")),
])
def test_will_x_is_the_act_in_the_export_and_the_intent_or_threat_in_the_contract(
        text: str, contract: str, root: str, pair: tuple[str, str]) -> None:
    doc = analysed(text)
    assert any(e.cameo == contract for e in doc.events)          # PLOVER's reading stays
    assert not any((e.cameo or "")[:2] == root for e in doc.events)
    got = dyads(doc)
    assert any(r == root and s.startswith(pair[0]) and t.startswith(pair[1]) for r, s, t in got), got
    assert not any(r == contract[:2] for r, _s, _t in got), got


@pytest.mark.model
def test_a_governing_verb_is_no_modal_and_keeps_its_code_in_the_export() -> None:
    got = dyads(analysed("Kenya agreed to send troops to Somalia."))
    assert got and all(r == "03" for r, _s, _t in got), got


@pytest.mark.model
def test_passive_aimed_at_an_actor_targets_it_and_takes_its_source_from_the_from_phrase() -> None:
    doc = analysed("Mortar shells were fired at Israel from Syria on Sunday.")
    ev = next(e for e in doc.events if (e.cameo or "").startswith("19"))
    assert [a.code for a in ev.target] == ["ISR"] and not ev.source   # the shells are no target
    assert ("19", "SYR", "ISR") in dyads(doc)
    # a coded passive subject stays the target
    ev = next(e for e in analysed("Kenyan soldiers were attacked at a checkpoint.").events
              if (e.cameo or "").startswith("19"))
    assert [a.code for a in ev.target] == ["KENMIL"]


def test_a_pattern_the_dictionary_repeats_keeps_its_first_code_and_petrarchs_last() -> None:
    from fogline.extract.lexicon import _last_code_wins

    block = {"patterns": [{"pre": [], "post": [["inquiry"]], "code": "091"},
                          {"pre": [], "post": [["aid"]], "code": "070"},
                          {"pre": [], "post": [["inquiry"]], "code": "1014"}]}
    _last_code_wins(block)
    first, other, repeat = block["patterns"]
    assert (first["code"], first.get("petrarch")) == ("091", "1014")
    assert "petrarch" not in other and "petrarch" not in repeat


@pytest.mark.model
def test_export_writes_petrarchs_reading_of_a_repeated_pattern_the_contract_keeps_the_first() -> None:
    doc = analysed("The Kenyan president ordered an investigation against Uganda.")
    assert any(e.cameo == "091" and e.type == "ACCUSE" for e in doc.events)   # PLOVER's reading
    got = dyads(doc)
    assert ("10", "KENGOV", "UGA") in got and not any(r == "09" for r, _s, _t in got), got


@pytest.mark.model
def test_a_report_released_by_an_actor_is_that_actors() -> None:
    doc = analysed("A report released by Amnesty International accused Uganda of torture.")
    acc = next(e for e in doc.events if e.type == "ACCUSE" and e.primary)
    assert [a.code for a in acc.source] == ["NGOHRI"] and [a.code for a in acc.target] == ["UGA"]
    # a report with no agent named has no actor
    assert not any(e.type == "ACCUSE" and e.source for e in analysed(
        "A report published on Monday accused Uganda of torture.").events)


@pytest.mark.model
def test_coordinated_actors_meeting_at_a_named_place_each_meet_the_place_in_the_export() -> None:
    # PETRARCH2 pairs coordinated actors only when the verb phrase names no target: a place in the
    # meeting verb's own "in" phrase is the target of each actor
    doc = analysed("Angela Merkel and Vladimir Putin will meet in Geneva to talk about gas prices.")
    got = dyads(doc)
    assert ("04", "DEUGOV", "CHE") in got and ("04", "RUSGOV", "CHE") in got, got
    assert not any(t[:3] in ("DEU", "RUS") for r, _s, t in got if r == "04"), got
    # the contract keeps who met whom
    pairs = {(e.source[0].code, e.target[0].code) for e in doc.events if e.source and e.target
             and (e.cameo or "").startswith("03")}
    assert ("DEUGOV", "RUSGOV") in pairs and ("RUSGOV", "DEUGOV") in pairs, pairs
    # no place named: one meeting per ordered pair, as before
    got = dyads(analysed("Germany, Brazil and Japan met on Tuesday."))
    assert {("04", "DEU", "BRA"), ("04", "BRA", "DEU"), ("04", "JPN", "BRA")} <= set(got), got


@pytest.mark.model
def test_a_name_the_tagger_splits_keeps_its_coordination() -> None:
    # spaCy's small model reads "Barack" as a preposition with "Obama" its object: the coordination
    # hangs on "Obama", the subject is "Barack"
    got = dyads(analysed("Barack Obama and Angela Merkel criticised Iran."))
    assert {(r, s, t) for r, s, t in got} == {("11", "USAGOV", "IRN"), ("11", "DEUGOV", "IRN")}, got
    got = dyads(analysed("Barack Obama and Angela Merkel will meet next week."))
    assert {(s, t) for r, s, t in got if r == "04"} == {("USAGOV", "DEUGOV"), ("DEUGOV", "USAGOV")}, got


@pytest.mark.model
@pytest.mark.parametrize(("text", "speaker", "target"), [
    ("France and Britain said they would bomb Libya.", {"FRA", "GBR"}, "LBY"),
    ("The Turkish army said it had shelled Syria overnight.", {"TURMIL"}, "SYR"),
])
def test_an_actor_saying_it_attacked_claims_the_attack_015(text: str, speaker: set[str], target: str) -> None:
    doc = analysed(text)
    got = dyads(doc)
    assert {s for r, s, t in got if r == "01" and t[:3] == target} == speaker, got
    assert not any(r in ("18", "19", "20") for r, _s, _t in got), got
    # the contract keeps the act (or the threat) itself; the claim is no contract event
    assert any((e.cameo or "")[:2] in ("13", "19") for e in doc.events)
    assert not any((e.cameo or "").startswith("01") for e in doc.events)


@pytest.mark.model
def test_another_actor_reported_attacking_stays_an_accusation_not_a_claim() -> None:
    got = dyads(analysed("Turkey said Syrian troops had shelled Iraq overnight."))
    assert ("11", "TUR", "SYRMIL") in got, got
    assert not any(r == "01" for r, _s, _t in got), got


@pytest.mark.model
def test_an_objects_phrase_cut_off_by_an_adverb_still_names_the_target() -> None:
    # the parser hangs "on X" on the verb once an adverb stands between it and the object
    for text in ("Angela Merkel gave a speech here on Kenyan ties with Africa.",
                 "Angela Merkel gave a speech on Kenyan ties with Africa."):
        assert ("06", "DEUGOV", "KEN") in dyads(analysed(text)), text
    # a phrase of the verb's own after its object is no target of it
    assert dyads(analysed("Angela Merkel gave a speech yesterday on Monday.")) == []


@pytest.mark.model
def test_alleging_is_an_accusation_of_the_clauses_subject() -> None:
    # "alleged" codes itself (CAMEO's ALLEGE block, 110), whatever its clause says; the clause's acts
    # are not coded besides, as PETRARCH2 reads no clause below a verb that codes itself
    doc = analysed("Kenya alleged that Uganda had armed the rebels and that Ugandan officers had trained them.")
    assert dyads(doc) == [("11", "KEN", "UGA")]
    assert any(e.type == "ACCUSE" and e.cameo == "110" for e in doc.events)
    assert any(e.type == "COOPERATE" and not e.primary for e in doc.events)  # the contract keeps the acts
    # of an attack: one accusation, coded 112 (PETRARCH2's "a (b . ATTACK) CLAIM = a b 112")
    got = dyads(analysed("Amnesty alleged that Ethiopian troops had shelled the camp."))
    assert [(r, t) for r, _s, t in got] == [("11", "ETHMIL")], got
    assert any(e.cameo == "112" for e in analysed("Amnesty alleged that Ethiopian troops had shelled the camp.").events)


@pytest.mark.model
def test_an_accusation_with_a_clause_targets_its_subject_never_the_speaker() -> None:
    assert ("11", "KEN", "UGA") in dyads(analysed("Kenya complained that Uganda had violated the border."))
    # a free relative is no clause of the accused: "it" is the speaker
    got = dyads(analysed("The White House condemned what it said was a brutal attack by Iranian forces."))
    assert not any(s == t for _r, s, t in got), got


@pytest.mark.model
def test_a_coordinated_complement_clause_is_a_complement_too() -> None:
    # "X alleged that A and that B": B, like A, is below a verb that codes itself; under a verb that
    # codes nothing ("said"), both are the sentence's events
    doc = analysed("Kenya said that Uganda had armed the rebels and that Ugandan officers had trained them.")
    assert all(e.primary for e in doc.events if e.type in ("COOPERATE", "AGREE", "AID")), doc.events
