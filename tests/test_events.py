"""The event extractor's coding rules (fogline.extract.events), each on sentences written for it.

Every test here parses with the spaCy model (``model``); the seed check also needs ../shared
(``shared``). Sources are checked by CAMEO country prefix where the sentence names a country.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fogline.model import Event

ROOT = Path(__file__).resolve().parent.parent


def events(text: str, published: str | None = "2024-03-01") -> list[Event]:
    from fogline.api import analyse_texts

    return [e for e in analyse_texts([(text, published)])[0].events if not e.negated]


def types(text: str) -> list[str]:
    return [e.type for e in events(text)]


def one(text: str, etype: str) -> Event:
    found = [e for e in events(text) if e.type == etype]
    assert found, f"no {etype} in {[(e.type, e.cameo) for e in events(text)]}"
    return found[0]


def codes(actors: list) -> set[str]:
    return {(a.code or "")[:3] for a in actors}


# -- a governing verb codes its infinitive ---------------------------------------------------------

@pytest.mark.model
def test_agreed_to_is_an_intent_coded_by_the_action() -> None:
    ev = one("Jordan agreed to withdraw its troops from the border.", "AGREE")
    assert ev.cameo.startswith("03")
    assert "RETREAT" not in types("Jordan agreed to withdraw its troops from the border.")


@pytest.mark.model
def test_threatened_to_is_a_threat_not_the_action() -> None:
    t = types("Turkey threatened to impose sanctions on Iraq.")
    assert "THREATEN" in t and "COERCE" not in t and "SANCTION" not in t
    ev = one("Iran threatened to attack the tankers.", "THREATEN")
    assert ev.cameo == "138"
    assert "IRN" in codes(ev.source)


@pytest.mark.model
def test_refused_to_is_a_rejection_and_not_negated() -> None:
    ev = one("Serbia refused to release the prisoners.", "REJECT")
    assert ev.cameo.startswith("12") and not ev.negated
    assert "RETREAT" not in types("Serbia refused to release the prisoners.")


@pytest.mark.model
def test_negated_cooperation_is_a_rejection() -> None:
    ev = one("Egypt said it would not provide aid to Gaza.", "REJECT")
    assert ev.cameo.startswith("12")
    assert "AID" not in types("Egypt said it would not provide aid to Gaza.")


@pytest.mark.model
def test_ready_to_and_sworn_to() -> None:
    assert one("France is ready to send peacekeepers to Mali.", "AGREE").cameo.startswith("03")
    assert "THREATEN" in types("The militants have sworn to fight until they win.")


@pytest.mark.model
def test_future_cooperation_is_an_intent_and_conditional_violence_a_threat() -> None:
    assert one("Canada will give Ukraine a loan of 500 million dollars.", "AGREE").cameo.startswith("03")
    t = types("Pakistan will attack the camps unless the militants withdraw.")
    assert "THREATEN" in t and "ASSAULT" not in t


@pytest.mark.model
def test_prepared_to_is_the_action_prepared_or_a_show_of_force() -> None:
    t = types("The Kenyan president prepared to visit Uganda.")
    assert "CONSULT" in t and "AGREE" not in t
    ev = one("Kenyan troops prepared to attack the rebel camp.", "MOBILIZE")
    assert ev.cameo == "150" and "ASSAULT" not in types("Kenyan troops prepared to attack the rebel camp.")
    assert one("France is prepared to send peacekeepers to Mali.", "AGREE").cameo.startswith("03")  # willingness


# -- demands, appeals, agreements and warnings with a clause --------------------------------------

@pytest.mark.model
def test_demanded_that_targets_the_clause_subject_and_drops_the_wanted_action() -> None:
    evs = events("Russia demanded that Georgia withdraw its forces from the region.")
    assert [e.type for e in evs] == ["REQUEST"]
    assert "RUS" in codes(evs[0].source) and "GEO" in codes(evs[0].target)


@pytest.mark.model
def test_must_in_reported_speech_is_a_demand_by_the_speaker() -> None:
    ev = one("Germany said Iran must halt uranium enrichment.", "REQUEST")
    assert "DEU" in codes(ev.source) and "IRN" in codes(ev.target)


@pytest.mark.model
def test_agreed_that_is_an_agreement_and_warned_that_will_a_threat() -> None:
    t = types("Kenya and Uganda agreed that the border should reopen.")
    assert "AGREE" in t and "REQUEST" not in t
    assert "THREATEN" in types("Israel warned that it will strike the convoy.")


@pytest.mark.model
def test_rejected_with_a_plain_object() -> None:
    ev = one("Egypt rejected the Ethiopian proposal on Tuesday.", "REJECT")
    assert ev.cameo.startswith("12") and "EGY" in codes(ev.source)


@pytest.mark.model
def test_patterns_match_the_verbs_own_phrase_not_its_complement_clause() -> None:
    # "on" inside the demanded clause must not trigger the DEMAND block's "* (ON)" pattern (190)
    t = types("Amnesty International demanded that the government end curbs on press freedom.")
    assert "ASSAULT" not in t and "REQUEST" in t


@pytest.mark.model
def test_a_blocks_head_verb_is_coded_by_the_block() -> None:
    ev = one("Croatia is investigating the killings.", "ACCUSE")
    assert ev.cameo.startswith("09")


# -- light verbs ----------------------------------------------------------------------------------

@pytest.mark.model
def test_light_verbs_are_coded_by_their_action_noun() -> None:
    ev = one("Sudan held talks with Chad on Monday.", "CONSULT")
    assert "SDN" in codes(ev.source) and "TCD" in codes(ev.target)
    assert one("Kenya opened an investigation into the massacre.", "ACCUSE").mode == "investigate"
    assert "ACCUSE" in types("Peru lodged a formal protest with Chile.")
    assert "THREATEN" in types("Russia issued a warning to Ukraine.")


# -- lexicon additions and noun events ---------------------------------------------------------

@pytest.mark.model
def test_objects_that_change_the_code() -> None:
    assert "PROTEST" in types("Striking farmers blocked roads into Nairobi on Monday.")
    assert "MOBILIZE" in types("Britain mobilized army reservists on Tuesday.")
    assert one("Pyongyang expelled the UN nuclear inspectors.", "SANCTION").cameo == "1662"
    assert one("Germany sent weapons to Ukraine last year.", "AID").cameo == "072"


@pytest.mark.model
def test_strikes_that_are_not_air_strikes_and_misparsed_lemmas() -> None:
    assert one("The prisoners began a hunger strike on Sunday.", "PROTEST").mode == "hunger"
    assert one("Teachers called a general strike across the country.", "PROTEST").cameo == "143"
    # spaCy lemmatizes "staged" as "stag": the verb is still recognised by its spelling
    ev = one("Thousands of Kenyan students staged demonstrations in Nairobi.", "PROTEST")
    assert ev.source


@pytest.mark.model
def test_wanting_someone_to_act_is_an_appeal_to_them() -> None:
    evs = events("Washington wants Cairo to release the journalists.")
    assert [e.type for e in evs] == ["REQUEST"]
    assert "EGY" in codes(evs[0].target)


@pytest.mark.model
def test_threats_and_rejections_carry_no_acled_category() -> None:
    ev = one("Iran threatened to attack the tankers.", "THREATEN")
    assert ev.acled is None


# -- one attack, its toll, and text order -----------------------------------------------------------

@pytest.mark.model
def test_killed_in_an_air_strike_is_one_air_strike_with_its_toll() -> None:
    evs = [e for e in events("Five civilians were killed in an air strike by government forces.")
           if e.type == "ASSAULT"]
    assert len(evs) == 1
    assert evs[0].mode == "aerial"
    assert any(f.value == 5 for f in evs[0].figures)


@pytest.mark.model
def test_participle_of_an_attack_is_its_result() -> None:
    evs = [e for e in events("Rebels shelled the town overnight, killing eight people.") if e.type == "ASSAULT"]
    assert len(evs) == 1 and any(f.value == 8 for f in evs[0].figures)


@pytest.mark.model
def test_events_come_in_text_order() -> None:
    evs = events("Protesters marched in Lima after police arrested two students.")
    starts = [e.trigger_span.start for e in evs if e.trigger_span]
    assert starts == sorted(starts)


# -- the seed ---------------------------------------------------------------------------------------

@pytest.mark.model
@pytest.mark.shared
def test_seed_events_stay_right(shared: Path, seed_path: Path, tmp_path: Path) -> None:
    check = shared / "tools" / "seed_check.py"
    expected = shared / "seed" / "expected.yaml"
    if not check.exists() or not expected.exists():
        pytest.skip("needs ../shared/tools/seed_check.py and ../shared/seed/expected.yaml")
    out = tmp_path / "s.json"
    fogline = Path(sys.executable).parent / "fogline"
    subprocess.run([str(fogline), "analyze", str(seed_path), "--published", "2016-12-14", "--format", "json",
                    "--out", str(out), "--no-store"], check=True, cwd=ROOT)
    assert json.loads(out.read_text())["documents"]
    res = subprocess.run([sys.executable, str(check), str(out), str(expected), "--section", "events"],
                         capture_output=True, text=True, cwd=ROOT)
    assert "seed: events 9/9" in res.stdout, res.stdout[-2000:]


# --------------------------------------------------------------------------- PETRARCH export


def _primary(text: str) -> list[tuple[str | None, str, bool]]:
    from fogline.api import analyse_texts

    doc = analyse_texts([text])[0]
    return [(e.cameo, e.trigger_span.text if e.trigger_span else "", e.primary) for e in doc.events]


def test_relative_clause_and_nominal_events_are_not_primary() -> None:
    got = _primary("Rebels who attacked the village were arrested by Kenyan police.")
    assert ("190", "attacked", False) in got and any(c == "173" and p for c, _t, p in got)
    assert all(not p for _c, _t, p in _primary("The shelling of the town continued on Monday."))


def test_object_action_noun_is_primary() -> None:
    got = _primary("Activists staged a protest against the Kenyan government.")
    assert any(c and c.startswith("14") and p for c, _t, p in got)


def test_meeting_mirror_is_not_primary() -> None:
    from fogline.api import analyse_texts

    evs = analyse_texts(["The French foreign minister met the Kenyan president in Nairobi."])[0].events
    meets = [e for e in evs if (e.cameo or "").startswith("04")]
    assert len(meets) == 2
    assert [(e.source[0].code, e.primary) for e in meets] == [("FRAGOV", True), ("KENGOV", False)]


def test_reported_attack_is_folded_into_the_accusation_only_after_the_verb() -> None:
    after = _primary("The Kenyan defence ministry said Somali militants shelled the town.")
    assert ("112", "said", True) in after and any(c and c.startswith("19") and not p for c, _t, p in after)
    before = _primary("Somali militants shelled the town, the Kenyan defence ministry said.")
    assert ("112", "said", False) in before and any(c and c.startswith("19") and p for c, _t, p in before)


def test_adverbial_clause_of_a_coded_verb_is_not_primary() -> None:
    got = _primary("Kenyan police detained the man after protesters attacked Ugandan soldiers.")
    assert any(c == "173" and p for c, _t, p in got) and ("190", "attacked", False) in got


def test_cameo_dyads_split_compound_actors_and_need_source_and_target() -> None:
    from fogline.extract.events import cameo_dyads
    from fogline.model import Actor, Event, Span

    span = Span("body", 0, 1, "x")
    ev = Event(id="e", type="PROTEST", evidence=span, cameo="141",
               source=[Actor(name="a", code="ZEDOPP", text="a"), Actor(name="b", code="YLDOPP", text="b"),
                       Actor(name="gunmen", code=None, text="gunmen")],
               target=[Actor(name="c", code="XLD", text="c")])
    lone = Event(id="f", type="PROTEST", evidence=span, cameo="141", source=[Actor(name="a", code="ZEDOPP", text="a")])
    out = cameo_dyads([ev, ev, lone])
    assert [(e.source[0].code, e.target[0].code) for e in out] == [("ZEDOPP", "XLD"), ("YLDOPP", "XLD")]


def test_passive_conjunct_takes_its_inherited_subject_as_target() -> None:
    # parsed with "were released" as a conjunct of "imprisoned" (students its subject)
    from fogline.api import analyse_texts

    evs = analyse_texts(["The students imprisoned for acting against the government were released "
                         "yesterday by the Kenyan president."])[0].events
    rel = next(e for e in evs if (e.cameo or "").startswith("08"))
    assert [a.code for a in rel.source] == ["KENGOV"] and [a.text for a in rel.target] == ["students"]


def test_predicate_adjective_intent_is_primary() -> None:
    got = _primary("Kenya is ready to send aid to Somalia.")
    assert any(c and c.startswith("03") and p for c, _t, p in got)


def test_target_noun_phrase_takes_the_actor_of_its_of_phrase() -> None:
    from fogline.api import analyse_texts

    evs = analyse_texts(["Rebels attacked a convoy of Nigerian troops.",
                         "Rebels attacked a convoy carrying food."])
    assert [a.code for e in evs[0].events for a in e.target] == ["NGAMIL"]
    assert not [a for e in evs[1].events for a in e.target]   # no "of" phrase: no target invented


def test_instrument_agent_through_a_raising_verb() -> None:
    from fogline.api import analyse_texts

    evs = analyse_texts(["The airliner was shot down by a missile believed to have been fired by pro-Russian rebels."])
    main = next(e for e in evs[0].events if e.primary)
    assert [a.code for a in main.source] == ["RUSREB"]


def test_unnamed_group_of_an_actor_acts_for_its_country() -> None:
    from fogline.api import analyse_texts

    ev = analyse_texts(["Opponents of the Kenyan government protested in Nairobi."])[0].events[0]
    assert [a.code for a in ev.source] == ["KEN"]          # the country, not the government opposed
    assert ev.source[0].text == "Opponents of the Kenyan government"


def test_complement_clause_actor_is_the_target_of_the_verb_above() -> None:
    from fogline.api import analyse_texts

    evs = analyse_texts(["Kenya complained that Somali militants attacked its border posts."])[0].events
    acc = next(e for e in evs if e.type == "ACCUSE")
    assert [a.code for a in acc.source] == ["KEN"] and [a.code for a in acc.target] == ["SOMUAF"]
    assert acc.primary and not next(e for e in evs if e.type == "ASSAULT").primary


def test_target_noun_phrase_takes_a_named_modifier() -> None:
    from fogline.api import analyse_texts

    ev = analyse_texts(["The US leader attended the Beijing Olympics."])[0].events[0]
    assert [a.code for a in ev.target] == ["CHN"]


def test_coordinated_signatories_sign_with_each_other() -> None:
    from fogline.api import analyse_texts

    evs = analyse_texts(["Argentina and Chile signed an agreement to cooperate on energy."])[0].events
    pairs = {(e.source[0].code, e.target[0].code) for e in evs if (e.cameo or "").startswith("05")}
    assert pairs == {("ARG", "CHL"), ("CHL", "ARG")}


@pytest.mark.parametrize(("text", "target"), [
    ("Egypt denounced Israel's raid on the camp.", ["ISRMIL"]),          # a reaction aims at the act's agent
    ("The Kenyan government called on Somalia to release the hostages.", ["SOM"]),   # "called on X"
])
def test_reaction_and_appeal_targets(text: str, target: list[str]) -> None:
    from fogline.api import analyse_texts

    ev = analyse_texts([text])[0].events[0]
    assert [a.code for a in ev.target] == target


def test_talks_on_a_topic_have_no_topic_target() -> None:
    from fogline.api import analyse_texts

    evs = analyse_texts(["Kenya and Uganda held talks on border security."])[0].events
    assert {(e.source[0].code, e.target[0].code) for e in evs} == {("KEN", "UGA"), ("UGA", "KEN")}


def test_casualty_verb_folded_into_a_clash_keeps_the_event_primary() -> None:
    got = _primary("Colombian troops killed five FARC rebels in a clash in the southern jungle.")
    assert len(got) == 1 and got[0][2]


def test_it_refers_back_to_a_singular_state_body() -> None:
    from fogline.api import analyse_texts

    evs = analyse_texts(["The Israeli army said it struck Hamas targets in Gaza.",
                         "Syrian rebels said it was shelled."])
    assert [a.code for a in evs[0].events[0].source] == ["ISRMIL"]
    assert not [a for e in evs[1].events for a in e.target if a.code == "SYRREB"]   # plural class: not "it"


@pytest.mark.parametrize(("text", "target"), [
    ("Kenyan police arrested the students in the Nairobi camp.", ["KENEDU"]),   # agent + its place's country
    ("The Sudanese government signed a ceasefire with rebel groups in Darfur.", ["SDNREB"]),  # truce "with"
    ("Amnesty called for the release of the Egyptian activists.", ["EGYOPP"]),  # "called for" + of-phrase
])
def test_more_petrarch_noun_phrase_targets(text: str, target: list[str]) -> None:
    from fogline.api import analyse_texts

    ev = analyse_texts([text])[0].events[0]
    assert [a.code for a in ev.target] == target


def test_own_object_gives_way_to_the_other_party() -> None:
    from fogline.api import analyse_texts

    evs = analyse_texts(["Venezuela recalled its ambassador from Colombia.",
                         "Kenyan police arrested Kenyan protesters in Nairobi."])
    assert [a.code for a in evs[0].events[0].target] == ["COL"]
    assert [a.code for a in evs[1].events[0].target] == ["KENOPP"]   # another side of the same country stays


def test_action_noun_in_a_verbs_phrase_lends_its_target() -> None:
    from fogline.api import analyse_texts

    ev = analyse_texts(["Brazilian farmers blocked roads in protest against the government."])[0].events[0]
    assert ev.primary and [a.code for a in ev.target] == ["BRAGOV"]


def test_cameo_statement_is_kept_for_the_export_not_as_a_contract_event() -> None:
    from fogline.api import analyse_texts
    from fogline.extract.events import cameo_dyads, cameo_statements

    doc = analyse_texts(["The Kenyan army claimed responsibility for the raid on a camp in Somalia."])[0]
    assert all(e.type != "STATEMENT" and not (e.cameo or "").startswith("01") for e in doc.events)
    st = [e for e in cameo_statements(doc) if e.cameo == "015"]
    assert st and st[0].primary and st[0].acled is None
    dy = cameo_dyads([*doc.events, *cameo_statements(doc)])
    assert ("015", "KEN", "SOM") in {(e.cameo, e.source[0].code[:3], e.target[0].code[:3]) for e in dy}


def test_statement_target_from_a_place_in_its_prepositional_phrase_only() -> None:
    from fogline.api import analyse_texts
    from fogline.extract.events import cameo_statements

    docs = analyse_texts(["The Egyptian president expressed sorrow over the floods in Nigeria.",
                          "The Egyptian president expressed sorrow on Monday."])
    st = cameo_statements(docs[0])
    assert [e.cameo[:2] for e in st] == ["01"] and [a.code for a in st[0].target] == ["NGA"]
    assert [a.code for e in cameo_statements(docs[1]) for a in e.target] == []


def test_verb_of_saying_with_a_clause_is_no_statement() -> None:
    from fogline.api import analyse_texts
    from fogline.extract.events import cameo_statements

    doc = analyse_texts(["The Kenyan foreign minister said the talks with Uganda had stalled."])[0]
    assert cameo_statements(doc) == []


def test_a_phrase_that_coordinates_nothing_is_one_target_actor() -> None:
    from fogline.api import analyse_texts

    docs = analyse_texts(["Somali militants shelled the Kenya Airways Boeing 737 flight KQ101 near Mogadishu.",
                          "Somali militants attacked US and British troops."])
    one_ = next(e for e in docs[0].events if e.primary)
    assert [a.code for a in one_.target] == ["KENBUS"]      # the airline, not also Boeing
    two = next(e for e in docs[1].events if e.primary)
    assert [a.code for a in two.target] == ["USAMIL", "GBRMIL"]   # coordination keeps both


def test_stray_infinitive_conjunct_is_not_in_the_clause_chain() -> None:
    got = _primary("A Kenyan court has jailed a Ugandan student for helping young militants join an armed group.")
    assert any(c == "173" and p for c, _t, p in got)
    assert not any(t == "join" and p for _c, t, p in got)
    both = _primary("Kenyan police arrested the protesters and jailed them.")
    assert [t for c, t, p in both if p and (c or "").startswith("17")] == ["arrested", "jailed"]  # a real conjunct


def test_particle_read_as_preposition_makes_the_phrasal_verb() -> None:
    from fogline.api import analyse_texts

    docs = analyse_texts(["Kenyan troops pulled out of Somalia.", "Kenya pulled out of the talks with Uganda.",
                          "The candidate pulled out of the race."])
    ev = docs[0].events[0]
    assert ev.cameo == "0874" and ev.type == "RETREAT" and ev.trigger_span.text == "pulled out"
    assert [a.code for a in ev.target] == ["SOM"]            # what it withdrew from
    assert [e.cameo for e in docs[1].events] == ["164"]      # leaving talks halts negotiations
    assert docs[2].events == []                               # leaving a race is no event


def test_withdrawal_targets_what_it_withdraws_from() -> None:
    from fogline.api import analyse_texts

    ev = analyse_texts(["Rwandan troops withdrew from northern Burundi."])[0].events[0]
    assert ev.type == "RETREAT" and [a.code for a in ev.target] == ["BDI"]
    own = analyse_texts(["Kenya pulled its troops out of Somalia."])[0].events[0]   # its own troops are no target
    assert own.cameo == "0874" and [a.code for a in own.target] == ["SOM"]


def test_a_statement_verb_does_not_swallow_the_event_it_reports() -> None:
    from fogline.api import analyse_texts

    docs = analyse_texts(["Monitors observed a total of 12 explosions involving unknown weapons near Kharkiv.",
                          "Kenyan police reported clashes between rival militias in Marsabit."])
    assert any(e.type == "ASSAULT" and "explosion" in e.trigger_span.text for e in docs[0].events)
    assert any(e.type == "ASSAULT" for e in docs[1].events)


def test_demonym_that_is_also_an_ethnic_group_gives_the_countrys_forces() -> None:
    from fogline.api import analyse_texts

    docs = analyse_texts(["Turkish warplanes bombed rebel positions.", "Kurdish fighters attacked the town."])
    assert [a.code for a in docs[0].events[0].source] == ["TURMIL"]   # not the ethnic agent ETN
    assert all((a.code or "")[:3] != "TUR" for a in docs[1].events[0].source)  # no state: left alone


def test_legal_accusation_and_conviction_follow_the_plover_codebook() -> None:
    # CAMEO files them under arrest (173, kept for the CAMEO export); PLOVER as ACCUSE (allege) and
    # SANCTION (convict)
    charged = [e for e in events("Prosecutors charged the port director with bribery on Monday.") if e.cameo == "173"]
    assert [(e.type, e.mode) for e in charged] == [("ACCUSE", "allege")]
    convicted = [e for e in events("A court convicted the former mayor of fraud.") if e.cameo == "173"]
    assert [(e.type, e.mode) for e in convicted] == [("SANCTION", "convict")]
    # an arrest is still an arrest
    assert ("COERCE", "arrest") in [(e.type, e.mode) for e in events("Police arrested the port director.")]


def test_taking_to_the_streets_is_a_demonstration_not_a_seizure() -> None:
    got = events("Thousands of teachers took to the streets of the capital on Saturday.")
    assert [e.type for e in got] == ["PROTEST"]
    assert "COERCE" in types("The rebels took the airport on Saturday.")


def test_a_meeting_coded_by_a_verb_of_another_sense_needs_someone_met() -> None:
    # PETRARCH2's ARRIVE and INTRODUCE blocks default to 040 (consult)
    assert "CONSULT" not in types("The envoy arrived at the hotel on Monday evening.")
    assert "CONSULT" not in types("President Pena introduced the new law on December 13.")
    assert "CONSULT" not in types("Hundreds of protesters faced off with police after the march.")
    assert "CONSULT" in types("The Iraqi president arrived in Amman on a visit on Wednesday.")
    assert "CONSULT" in types("The foreign minister met his Turkish counterpart in Ankara.")
    assert "ASSAULT" in types("The army fought off an attack by the militia in the north.")


def test_a_plural_object_matches_the_dictionarys_singular_pattern() -> None:
    # PETRARCH2's LIFT block writes "* RESTRICTION" (081); "lifted restrictions" is the same act
    assert [e.cameo for e in events("The government lifted restrictions on foreign observers.")] == ["081"]
    assert [e.cameo for e in events("The government lifted the restriction on foreign observers.")] == ["081"]
