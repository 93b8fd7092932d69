"""Actor knowledge base and resolution (issue #3, parts 1 and 2)."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from fogline.extract.actor_kb import load_kb, word_keys
from fogline.model import Document


# ------------------------------------------------------------------ knowledge base (no model)

def test_transliteration_keys_agree():
    same = [
        ("Nour al-Din al-Zenki", "Noureddin al-Zinki", "Nur ad-Din al-Zinki", "Nour al Din al Zenki"),
        ("Hezbollah", "Hizbollah", "Hezbullah"),
        ("al-Qaeda", "Al Qaeda", "al-Qaida", "al-Qa'ida", "AL_QAIDA_"),
        ("Ahrar al-Sham", "Ahrar ash-Sham", "Ahrar al Sham"),
        ("Jabhat al-Nusra", "Jabhat al-Nusrah"),
    ]
    for group in same:
        keys = {word_keys(x) for x in group}
        assert len(keys) == 1, (group, keys)
    assert word_keys("Syria") != word_keys("Sara")


def test_kb_entries_and_load_time():
    load_kb.cache_clear()
    t = time.perf_counter()
    kb = load_kb()
    assert time.perf_counter() - t < 1.5  # about 0.15 s on an idle core; the bound allows a busy CI box
    def first(name):
        ids = kb.index.get(" ".join(word_keys(name)))
        assert ids, name
        return kb.entries[ids[0]]
    z = first("Zinki")
    assert (z.name, z.code, z.kind) == ("Nour al-Din al-Zenki", "SYRREB", "rebel")
    assert first("Hizballah").code == "LBNREB"
    assert first("Russia").code == "RUS" and first("Russia").kind == "state"
    assert first("Mali").code == "MLI"  # not the Maldives' capital Male
    assert first("Hayat Tahrir al-Sham").name == "Hayat Tahrir al-Sham"
    assad = first("Bashar al-Assad")
    assert assad.kind == "person" and assad.code_at("2016-12-14") == "SYRGOV"
    assert kb.agents["troops"] == "MIL" and kb.agents["officials"] == "GOV" and kb.agents["rebels"] == "REB"
    assert kb.demonyms[" ".join(word_keys("Syrian"))] == "SYR"
    assert kb.demonyms[" ".join(word_keys("Western"))] == "WST"
    assert kb.places[" ".join(word_keys("Aleppo"))] == "SYR"


@pytest.mark.shared
@pytest.mark.slow
def test_build_is_deterministic(tmp_path: Path, shared: Path):
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    out = tmp_path / "a.jsonl"
    subprocess.run([sys.executable, str(root / "scripts" / "build_actors.py"), "--shared", str(shared),
                    "--out", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == (root / "src" / "fogline" / "resources" / "actors.jsonl").read_bytes()


# ------------------------------------------------------------------ resolution (model)

def _index(text: str, published: str | None = None):
    from fogline.extract.actors import ActorIndex
    from fogline.nlp import parse_documents

    p = next(parse_documents([Document(source="t", body=text, published=published)]))
    return p, ActorIndex(p)


def _tok(p, word: str, nth: int = 0):
    toks = [t for t in p.parts["body"] if t.text == word]
    return toks[nth]


def _subj(p, verb: str):
    v = _tok(p, verb)
    return next(c for c in v.children if c.dep_ in ("nsubj", "nsubjpass"))


def _names(actors):
    return [(a.name, a.code) for a in actors]


@pytest.mark.model
def test_coordination_gives_one_actor_per_conjunct():
    p, idx = _index("Egypt and Qatar mediated a new truce between the two sides in Gaza.")
    got = idx.actors_for("body", _subj(p, "mediated"))
    assert _names(got) == [("Egypt", "EGY"), ("Qatar", "QAT")]
    assert [a.text for a in got] == ["Egypt", "Qatar"]


@pytest.mark.model
def test_apposition_is_not_the_phrase():
    p, idx = _index("Jaysh al-Islam, a group long backed by Saudi Arabia, rejected the proposal on Friday.")
    got = idx.actors_for("body", _subj(p, "rejected"))
    assert _names(got) == [("Jaysh al-Islam", "SYRREB")]


@pytest.mark.model
def test_demonym_and_agent_noun():
    p, idx = _index("Iraqi soldiers stormed the building while Jordanian officials watched from the border post.")
    assert _names(idx.actors_for("body", _subj(p, "stormed"))) == [("Iraqi military", "IRQMIL")]
    got = idx.actors_for("body", _subj(p, "watched"))
    assert _names(got) == [("Jordanian government", "JORGOV")] and got[0].kind == "government"
    assert got[0].text == "Jordanian officials"


@pytest.mark.model
def test_bare_institutions_take_the_main_country():
    p, idx = _index("Fighting resumed near Idlib and Hama on Sunday. Rebels shelled a checkpoint, and troops "
                    "answered with artillery fire on the outskirts of Idlib.")
    assert idx.main_country == "SYR"
    assert _names(idx.actors_for("body", _subj(p, "shelled"))) == [("Syrian rebels", "SYRREB")]
    assert _names(idx.actors_for("body", _subj(p, "answered"))) == [("Syrian military", "SYRMIL")]


@pytest.mark.model
def test_agent_hint_on_modifiers_of_event_nouns():
    p, idx = _index("Russian airstrikes pounded the town of Saraqeb near Idlib, and rebel rockets fell on Latakia.")
    assert _names(idx.actors_for("body", _tok(p, "Russian"), agent_hint="MIL")) == [("Russian military", "RUSMIL")]
    assert _names(idx.actors_for("body", _tok(p, "rebel"), agent_hint="REB")) == [("Syrian rebels", "SYRREB")]
    # the event noun itself, with the hint
    assert _names(idx.actors_for("body", _tok(p, "airstrikes"), agent_hint="MIL")) == [("Russian military", "RUSMIL")]


@pytest.mark.model
def test_transliteration_variants_resolve():
    p, idx = _index("The Zengi movement said Hizballah and al-Qaida fighters had left the area near Aleppo.")
    assert _names(idx.actors_for("body", _subj(p, "said"))) == [("Nour al-Din al-Zenki", "SYRREB")]
    names = {m.actor.name for m in idx.mentions}
    assert {"Hezbollah", "al-Qaeda"} <= names


@pytest.mark.model
def test_unknown_organisation_is_kept():
    p, idx = _index("The Free Lions of Hama Brigade said it had captured two tanks.")
    got = idx.actors_for("body", _subj(p, "said"))
    assert len(got) == 1 and got[0].code is None and got[0].kind == "armed_group"
    assert "Free Lions of Hama Brigade" in got[0].name


@pytest.mark.model
def test_unknown_person_is_kept():
    p, idx = _index("Karim Haddad, a local council member, said the road was open again.")
    got = idx.actors_for("body", _subj(p, "said"))
    assert _names(got) == [("Karim Haddad", None)] and got[0].kind == "person"


@pytest.mark.model
def test_pronouns_and_definite_descriptions():
    p, idx = _index("Hezbollah moved more fighters into Qusayr on Monday. The group said they would stay. "
                    "On Tuesday it denied any losses.")
    assert _names(idx.actors_for("body", _subj(p, "said"))) == [("Hezbollah", "LBNREB")]
    assert _names(idx.actors_for("body", _subj(p, "denied"))) == [("Hezbollah", "LBNREB")]
    got = idx.actors_for("body", _subj(p, "denied"))
    assert got[0].text == "it"


@pytest.mark.model
def test_it_does_not_pick_an_actor_over_a_nearer_thing():
    p, idx = _index("Iran wanted changes to the plan after it was signed.")
    assert idx.actors_for("body", _subj(p, "signed")) == []


@pytest.mark.model
def test_relative_pronoun_and_possessive():
    p, idx = _index("Hamas, which controls the strip, said its fighters had fired the rockets.")
    assert _names(idx.actors_for("body", _subj(p, "controls"))) == [("Hamas", "PSEREB")]
    assert _names(idx.actors_for("body", _subj(p, "fired"))) == [("Hamas", "PSEREB")]


@pytest.mark.model
def test_unnamed_sources():
    p, idx = _index("A diplomat said the talks had stalled. Officials declined to comment, and the official "
                    "account was denied.")
    d = idx.actors_for("body", _subj(p, "said"))
    assert _names(d) == [("unnamed diplomat", "GOV")] and d[0].kind == "government"
    o = idx.actors_for("body", _subj(p, "declined"))
    assert _names(o) == [("officials", "GOV")]
    a = idx.actors_for("body", _subj(p, "denied"))
    assert _names(a) == [("official account", "GOV")]


@pytest.mark.model
def test_backed_modifier_is_not_the_country():
    p, idx = _index("Iranian-backed militias attacked a base near Deir ez-Zor.")
    got = idx.actors_for("body", _subj(p, "attacked"))
    assert got and got[0].code != "IRNUAF"


@pytest.mark.model
def test_mentions_cover_every_actor_once():
    p, idx = _index("Turkish troops and the SDF clashed near Manbij. The SDF said it lost two fighters.")
    text = p.doc.body
    for m in idx.mentions:
        assert text[m.start:m.end]
    names = [m.actor.name for m in idx.mentions]
    assert names.count("Syrian Democratic Forces") >= 2
    assert "Turkish military" in names


# ------------------------------------------------------------------ the seed report

@pytest.mark.model
@pytest.mark.shared
def test_seed_actors_match_the_analysts_aliases(seed_path: Path):
    import yaml

    from fogline.extract.actors import ActorIndex
    from fogline.nlp import parse_documents

    expected = yaml.safe_load((seed_path.parent / "expected.yaml").read_text(encoding="utf-8"))["actors"]
    text = seed_path.read_text(encoding="utf-8")
    body = text.split("\n\n", 2)[2].split("Author:")[0].strip()
    p = next(parse_documents([Document(source="seed", body=body, published="2016-12-14")]))
    idx = ActorIndex(p)
    assert idx.main_country == "SYR"

    def matches(a, aliases):
        fields = {(a.name or "").lower(), (a.code or "").lower(), (a.text or "").lower()}
        return any(al.lower() in fields for al in aliases)

    actors = [m.actor for m in idx.mentions]
    # noun phrases an event or claim extractor asks about, beside the mention list
    doc = p.parts["body"]
    for t in doc:
        if t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "appos"):
            actors += idx.actors_for("body", t)
    for t in doc:
        if t.text == "Syrian":
            actors += idx.actors_for("body", t, agent_hint="MIL")
    missing = [k for k, aliases in expected.items() if not any(matches(a, aliases) for a in actors)]
    assert not missing, missing
    # the apposition "one of Turkey's main proxies" does not make Turkey the speaker
    ahrar = next(t for t in doc if t.text == "Sham")
    assert _names(idx.actors_for("body", ahrar)) == [("Ahrar al-Sham", "SYRREB")]


@pytest.mark.model
def test_extractor_registered_and_fills_ctx():
    from fogline.extract import EXTRACTORS, run_extractors
    from fogline.extract.actors import ActorIndex
    from fogline.nlp import parse_documents

    assert "actors" in EXTRACTORS
    p = next(parse_documents([Document(source="t", body="Russia and Turkey agreed on a ceasefire in Aleppo.")]))
    run_extractors(p, ["actors"])
    assert isinstance(p.ctx["actors"], ActorIndex)
    assert p.ctx["actors"].main_country == "SYR"


# ------------------------------------------------------------------ rules added with the event-accuracy pass

@pytest.mark.model
def test_place_in_an_of_or_in_phrase_gives_the_country():
    p, idx = _index("Police in Lagos detained a trader on Monday.")
    assert _names(idx.actors_for("body", _subj(p, "detained"))) == [("Nigerian police", "NGACOP")]
    p, idx = _index("The army freed the mayor of the West Bank city of Nablus on Friday.")
    assert [a.code for a in idx.actors_for("body", _tok(p, "mayor"))] == ["PSEGOV"]
    assert not any(m.actor.code == "WST" for m in idx.mentions)  # "West Bank" is a place, not the West


@pytest.mark.model
def test_people_with_a_demonym_are_that_countrys_people():
    p, idx = _index("The court convicted three Kenyan men and several people on Tuesday.")
    assert _names(idx.actors_for("body", _tok(p, "men"))) == [("Kenyan people", "KENPPL")]
    assert idx.actors_for("body", _tok(p, "people"), expand=False) == []  # bare "people": no actor


@pytest.mark.model
def test_coordinated_demonyms_give_one_actor_each():
    p, idx = _index("French and Italian protesters marched to the embassy.")
    assert [a.code for a in idx.actors_for("body", _subj(p, "marched"))] == ["FRAOPP", "ITAOPP"]


@pytest.mark.model
def test_titles_give_an_unknown_persons_affiliation():
    p, idx = _index("Chilean Interior Minister Tomas Ebensperger Vial met the envoy on Monday.")
    got = idx.actors_for("body", _subj(p, "met"))
    assert got[0].kind == "person" and got[0].code == "CHLGOV"
    p, idx = _index("Arab League Secretary General Omar Zaydani Kassem arrived in Cairo.")
    assert idx.actors_for("body", _subj(p, "arrived"))[0].code.startswith("IGO")


@pytest.mark.model
def test_non_actor_agent_codes_and_generic_words():
    p, idx = _index("Syrian President Bashar Assad Tuesday met the Palestinian Liberation Organization.")
    assert not any((m.actor.code or "").endswith("NON") for m in idx.mentions)
    assert not any(m.actor.name == "Tanzim" for m in idx.mentions)  # "Organization" is no group's name


def test_restore_case_keeps_offsets_and_restores_names():
    from fogline.extract.actors import is_all_caps, restore_case

    text = "THE FARABUNDO MARTI NATIONAL LIBERATION FRONT ATTACKED A POLICE POST IN EL SALVADOR. THE FMLN SAID IT."
    out = restore_case(text)
    assert len(out) == len(text) and out.upper() == text.upper()
    assert "Farabundo Marti National Liberation Front" in out and "El Salvador" in out
    assert out.startswith("The ") and " attacked a police post in " in out
    assert is_all_caps(text) and not is_all_caps("Rebels shelled the town of Idlib on Sunday morning.")


@pytest.mark.model
def test_all_caps_parts_are_parsed_with_their_case_restored():
    p, idx = _index("GUERRILLAS OF THE FARABUNDO MARTI NATIONAL LIBERATION FRONT ATTACKED AN ARMY POST NEAR "
                    "SAN SALVADOR. PRESIDENT ALFREDO CRISTIANI CONDEMNED THE ATTACK.")
    assert p.parts["body"].text == p.doc.body  # the Doc still reads the original characters
    codes = {m.actor.code for m in idx.mentions}
    assert "SLVREB" in codes
    assert all(m.actor.name != "Islamic State" for m in idx.mentions)  # no "IS" from capitals


@pytest.mark.model
def test_a_thing_marked_by_a_named_actor_is_that_actor():
    p, idx = _index("The jets struck a Hezbollah depot and a Turkish ship near the coast.")
    assert [a.code for a in idx.actors_for("body", _tok(p, "depot"), expand=False)] == ["LBNREB"]
    assert [a.code for a in idx.actors_for("body", _tok(p, "ship"), expand=False)] == ["TUR"]
    assert idx.actors_for("body", _tok(p, "coast")) == []


@pytest.mark.model
def test_places_inside_longer_names_and_nicknames():
    p, idx = _index("Gunmen attacked a bakery in San Cristobal Ecatepec, Mexico, on Sunday.")
    assert idx.main_country == "MEX"  # "San" alone is a town elsewhere; here it only starts a longer name
    p, idx = _index("The US said that they had attacked the town.")
    assert _names(idx.actors_for("body", _subj(p, "said"))) == [("United States", "USA")]


@pytest.mark.model
def test_they_takes_coordinated_people_and_apposition_is_not_the_antecedent():
    p, idx = _index("Obama and Putin said they would meet in Geneva.")
    assert [a.code for a in idx.actors_for("body", _subj(p, "meet"))] == ["USAGOV", "RUSGOV"]
    p, idx = _index("The Kenya Union of Teachers, the largest union, said it would strike on Monday.")
    got = idx.actors_for("body", _tok(p, "it"))
    assert got and got[0].name != "largest union"


@pytest.mark.model
def test_named_apposition_of_a_class_noun_and_lower_case_demonyms():
    p, idx = _index("Gunmen seized two Italians, Paolo Verdi and Marco Neri, near the mine.")
    names = [a.name for a in idx.actors_for("body", _tok(p, "Italians"))]
    assert names[0] == "Italy" and "Paolo Verdi" in names and "Marco Neri" in names
    p, idx = _index("Troops clashed with tunisian rioters near the square.")
    assert [a.code for a in idx.actors_for("body", _tok(p, "rioters"))] == ["TUNOPP"]


@pytest.mark.model
def test_descriptor_of_a_known_group_and_throughout():
    p, idx = _index("Members of the Hamas movement and students throughout Kenya marched on Friday.")
    assert idx.actors_for("body", _tok(p, "movement"))[0].code == "PSEREB"
    assert idx.actors_for("body", _tok(p, "students"), expand=False)[0].code == "KENEDU"


@pytest.mark.model
def test_reflexive_pronoun_chain_does_not_recurse():
    # Shape of a sentence that once sent pronoun resolution into endless recursion.
    from fogline.api import analyse_texts

    (doc,) = analyse_texts(["About 2,000 permits are granted yearly, mainly to wealthy foreign traders, who make up "
                            "about half of the buyers and see the scheme as an easier way to gain residence for "
                            "themselves and their families."])
    assert doc.extraction_errors == []


@pytest.mark.model
@pytest.mark.parametrize("sentence, name, code", [
    ("The Coastal Protection Force said it had accepted the terms.", "Coastal Protection Force", None),
    pytest.param("The Harbour District Observatory for Civilian Protection put the toll at 23.",
                 "Harbour District Observatory for Civilian Protection", None,
                 marks=pytest.mark.xfail(strict=True, reason="known gap: a place word in the name lets the "
                                         "KB's bare 'Observatory' alias (SOHR) win")),
    ("The Supreme Court rejected the appeal.", "supreme court", "JUD"),
    ("The Syrian Army shelled the town.", "Syrian Arab Army", "SYRMIL"),
])
def test_long_unknown_names_are_organisations_not_agent_nouns(sentence, name, code):
    from fogline.model import Document
    from fogline.nlp import parse_documents
    from fogline.extract.actors import actor_index

    p = next(parse_documents([Document(source="t", body=sentence)]))
    subj = next(t for t in p.parts["body"] if t.dep_ == "nsubj")
    (a,) = actor_index(p).actors_for("body", subj)
    assert (a.name, a.code) == (name, code)


@pytest.mark.model
def test_possessive_pronoun_is_no_part_of_an_unnamed_name():
    p, idx = _index("The ferry company has not commented, and its spokesman declined to answer questions.")
    got = idx.actors_for("body", _subj(p, "declined"))
    assert [a.name for a in got] and "its" not in got[0].name.split()


def test_he_refers_back_to_an_office_holder() -> None:
    from fogline.api import analyse_texts

    ev = analyse_texts(["The French president said he will meet the German chancellor."])[0].events[0]
    assert [a.code for a in ev.source] == ["FRAGOV"] and ev.source[0].text == "he"


# ------------------------------------------------------------------ dated roles, surnames, context (#3)

def test_role_at_prefers_an_office_over_an_elite_role():
    kb = load_kb()
    ids = kb.index[" ".join(word_keys("President Bush"))]
    by_name = {kb.entries[i].name: kb.entries[i] for i in ids}
    w, hw = by_name["George W. Bush"], by_name["George Bush"]
    assert w.role_at("2008-08-06") == 2 and hw.role_at("2008-08-06") == 0
    assert hw.role_at("1991-03-01") == 2 and w.role_at("1991-03-01") == 1  # W. was no office-holder yet
    assert w.role_at(None) == 0
    assert w.code_at("2008-08-06") == "USAGOV" and hw.code_at("1991-03-01") == "USAGOV"
    assert " ".join(word_keys("Bush")) in kb.surnames


@pytest.mark.model
@pytest.mark.parametrize(("published", "who"), [("2008-05-01", "George W. Bush"), ("1991-03-01", "George Bush")])
def test_a_name_two_people_share_is_the_one_in_office_at_the_date(published, who):
    p, idx = _index("President Bush met the Danish prime minister on Monday.", published)
    got = idx.actors_for("body", _subj(p, "met"))
    assert _names(got) == [(who, "USAGOV")]


@pytest.mark.model
def test_a_surname_refers_back_to_the_full_name():
    # "Clinton" alone is no key of the knowledge base; no date, so only the report's own naming can say
    p, idx = _index("Bill Clinton arrived in Cairo on Monday. Clinton said the talks would go on.")
    got = idx.actors_for("body", _subj(p, "said"))
    assert [a.name for a in got] == ["Bill Clinton"] and got[0].text == "Clinton"
    p, idx = _index("Clinton said the talks would go on.")
    assert [a.code for a in idx.actors_for("body", _subj(p, "said"))] == [None]


@pytest.mark.model
def test_a_surname_alone_is_the_one_office_holder_at_the_date():
    text = "Bush said on Tuesday that he would visit Ghana."
    p, idx = _index(text, "2008-05-01")
    assert _names(idx.actors_for("body", _subj(p, "said"))) == [("George W. Bush", "USAGOV")]
    assert idx.main_country != "EGY"  # no town called Bush in Egypt
    p, idx = _index(text)  # no date: no guess
    assert _names(idx.actors_for("body", _subj(p, "said"))) == [("Bush", None)]
    p, idx = _index("Laura Bush said on Tuesday that she would visit Ghana.", "2008-05-01")
    assert all(a.code is None for a in idx.actors_for("body", _subj(p, "said")))  # another person


@pytest.mark.model
def test_bare_congo_is_the_democratic_republic_unless_the_report_is_on_brazzaville():
    p, idx = _index("Fighting spread across Congo on Monday, and the UN urged calm.")
    assert ("Democratic Republic of the Congo", "COD") in [(m.actor.name, m.actor.code) for m in idx.mentions]
    p, idx = _index("Protesters marched in Brazzaville and Pointe-Noire. Police in Brazzaville fired tear gas, "
                    "and Congo closed its borders.")
    assert idx.main_country == "COG"
    assert "COG" in [m.actor.code for m in idx.mentions if m.actor.kind == "state"]


@pytest.mark.model
def test_bare_rebels_take_the_country_their_sentence_names():
    p, idx = _index("France said on Monday it was worried about the region. Rebels attacked a village in Chad "
                    "overnight, killing five people, a French official said.")
    assert idx.main_country == "FRA"
    assert _names(idx.actors_for("body", _subj(p, "attacked"))) == [("Chadian rebels", "TCDREB")]
    # with no place in the sentence, the report's country stands
    p, idx = _index("Fighting resumed near Idlib on Sunday. Rebels shelled a checkpoint.")
    assert _names(idx.actors_for("body", _subj(p, "shelled"))) == [("Syrian rebels", "SYRREB")]


@pytest.mark.model
def test_a_town_several_countries_share_takes_the_reports_country():
    p, idx = _index("Residents of Madaya are starving. Aid trucks reached Madaya on Monday, and rebels in nearby "
                    "Zabadani shelled a checkpoint. Troops shelled Madaya on Tuesday.")
    assert idx.main_country == "SYR"
    troops = _tok(p, "Troops")  # the sentence names only Madaya: the Syrian town, so Syrian troops
    assert _names(idx.actors_for("body", troops)) == [("Syrian military", "SYRMIL")]


@pytest.mark.model
def test_he_refers_back_to_a_title_with_an_of_phrase():
    p, idx = _index("The US Secretary of State arrived in Oslo, and he said the talks would resume.")
    got = idx.actors_for("body", _subj(p, "said"))
    assert [(a.code, a.text) for a in got] == [("USAGOV", "he")]


@pytest.mark.model
def test_a_capital_typed_one_letter_late_still_marks_a_name():
    p, idx = _index("Officials said they would help iSrael and Jordan.")
    assert "ISR" in [m.actor.code for m in idx.mentions]
    p, idx = _index("Officials said they would help israel and Jordan.")
    assert "ISR" not in [m.actor.code for m in idx.mentions]


@pytest.mark.model
def test_it_refers_to_the_name_not_to_its_acronym_in_parentheses():
    p, idx = _index("The Ruritanian Union of Bakers (RUB), the largest union of bakers, said that it would strike.")
    got = idx.actors_for("body", _tok(p, "it"))
    assert [a.name for a in got] == ["Ruritanian Union of Bakers"]


@pytest.mark.model
def test_an_organisation_noun_named_by_a_proper_name_before_it():
    p, idx = _index("The Northern Rivers Trade Cooperation forum agreed to open an office in Nairobi.")
    assert [a.name for a in idx.actors_for("body", _subj(p, "agreed"))] == ["Northern Rivers Trade Cooperation"]


@pytest.mark.model
def test_a_demonym_before_a_place_does_not_hide_it():
    p, idx = _index("Farmers from the Syrian Golan Heights protested on Monday.")
    assert _names(idx.actors_for("body", _subj(p, "protested"))) == [("Syrian farmers", "SYRAGR")]


@pytest.mark.model
def test_an_unclosed_parenthesis_is_no_part_of_a_name():
    for text in ("The small Zorbat (Freedom) party said it would boycott the vote.",
                 "The radical Qumra (Unity) party has said it will boycott the vote."):
        p, idx = _index(text)
        names = [a.name for a in idx.actors_for("body", _tok(p, "it"))]
        assert len(names) == 1 and names[0].split()[0] in ("Zorbat", "Qumra")
        assert names[0].count("(") == names[0].count(")"), names


@pytest.mark.model
def test_a_title_in_apposition_gives_a_known_person_the_office_the_report_names():
    # Ban Ki-moon is in the knowledge base as the UN's Secretary-General; an apposition may say otherwise
    p, idx = _index("Ban Ki-moon, the South Korean foreign minister, demanded access.", "2005-06-09")
    assert [a.code[:3] for a in idx.actors_for("body", _subj(p, "demanded"))] == ["KOR"]
    p, idx = _index("Ban Ki-moon, the former South Korean foreign minister, demanded access.", "2010-06-09")
    assert [a.code[:3] for a in idx.actors_for("body", _subj(p, "demanded"))] == ["IGO"]


@pytest.mark.model
def test_a_surname_several_office_holders_share_is_the_one_whose_country_the_report_names():
    p, idx = _index("Abbas criticised the plan on Monday.", "2010-06-09")
    assert [a.code for a in idx.actors_for("body", _subj(p, "criticised"))] == [None]
    p, idx = _index("In Ramallah, Abbas criticised the plan on Monday.", "2010-06-09")
    assert _names(idx.actors_for("body", _subj(p, "criticised"))) == [("Mahmoud Abbas", "PSEGOV")]


def test_metonyms_of_governments():
    kb = load_kb()
    for name, code in [("Downing Street", "GBRGOV"), ("the Elysee", "FRAGOV"), ("the Vatican", "VAT")]:
        ids = kb.index.get(" ".join(w for w in word_keys(name) if w != "thi"))
        assert ids and kb.entries[ids[0]].code == code, name


@pytest.mark.model
def test_an_organisation_noun_takes_its_modifiers_agent_not_the_demonym_alone():
    p, idx = _index("The Lebanese opposition movement rejected the proposal on Friday.")
    got = idx.actors_for("body", _subj(p, "rejected"))
    assert [a.code for a in got] == ["LBNOPP"], _names(got)
    p, idx = _index("The Lebanese umbrella body rejected the proposal on Friday.")
    assert [a.code for a in idx.actors_for("body", _subj(p, "rejected"))] != ["LBNOPP"]


@pytest.mark.model
def test_a_definite_description_takes_the_mention_named_with_the_same_noun():
    p, idx = _index("Jihadist fighters held the town for a week. A Western-backed coalition of rebel groups said "
                    "it had retaken the bridge. The coalition said it would hold it.")
    subj = [t for t in p.parts["body"] if t.lower_ == "coalition"][-1]
    got = idx.actors_for("body", subj)
    assert got and got[0].text != "Jihadist fighters" and "jihad" not in got[0].name.lower(), _names(got)


@pytest.mark.model
def test_a_subject_it_goes_on_with_the_last_subject_not_a_place_in_between():
    p, idx = _index("The United Nations sent aid convoys to Syria last week. It said more trucks would follow.")
    assert _names(idx.actors_for("body", _subj(p, "said")))[0][0] == "United Nations"
    p, idx = _index("What does the Front do in the capital? Drawing away from the accord made in Mexico, "
                    "it does not want to talk about a ceasefire.")
    assert "Mexico" not in [n for n, _ in _names(idx.actors_for("body", _subj(p, "want")))]


@pytest.mark.model
def test_a_surname_or_first_name_alone_is_the_person_the_report_named_in_full():
    # "Hama" is also a city in the gazetteer: after "Farid Hama, a lawmaker, said" it is him
    p, idx = _index("Farid Hama, a lawmaker from the opposition bloc, said the vote was rigged. "
                    "Hama said the ballots were burnt overnight. Farid said observers had been barred.")
    for verb in ("said",):
        subjects = [c for t in p.parts["body"] if t.text == verb for c in t.children if c.dep_ == "nsubj"]
        assert [_names(idx.actors_for("body", s)) for s in subjects] == [[("Farid Hama", None)]] * 3


@pytest.mark.model
def test_a_surname_two_people_of_the_report_share_stays_a_surname():
    p, idx = _index("Omar Haddad said the road was closed. Leila Haddad, a nurse, said the clinic was full. "
                    "Haddad said more patients were coming.")
    last = [c for t in p.parts["body"] if t.text == "said" for c in t.children if c.dep_ == "nsubj"][-1]
    assert _names(idx.actors_for("body", last)) == [("Haddad", None)]


@pytest.mark.model
def test_a_name_after_a_persons_title_is_a_person_whatever_the_ner_says():
    p, idx = _index("South Asian foreign ministry spokesman Dilnoza Karimova said the talks would resume. "
                    "She said no date was set.")
    first = _subj(p, "said")
    assert [(a.name, a.kind) for a in idx.actors_for("body", first)] == [("Dilnoza Karimova", "person")]
    she = _tok(p, "She")
    assert [a.name for a in idx.actors_for("body", she)] == ["Dilnoza Karimova"]


@pytest.mark.model
def test_a_peoples_adjective_is_not_a_body_whose_folded_name_it_shares():
    # ASEAN and "Asian" fold to one key; the adjective is no mention of the bloc
    p, idx = _index("Central Asian ministers met in the capital on Monday.")
    assert all(a.code != "IGOSEAASN" for t in p.parts["body"] for a in idx.actors_for("body", t))
    p, idx = _index("Leaders of ASEAN met in Jakarta. ASEAN said it wanted calm.")
    assert _names(idx.actors_for("body", _subj(p, "said"))) == [("Asean", "IGOSEAASN")]


@pytest.mark.model
def test_foreign_governments_are_not_the_reports_own():
    p, idx = _index("Two Egyptian soldiers died near the border at Rafah. Foreign governments condemned the attack.")
    got = idx.actors_for("body", _subj(p, "condemned"))
    assert got and all(not (a.code or "").startswith("EGY") for a in got), _names(got)


@pytest.mark.model
def test_a_descriptor_with_a_named_person_in_apposition_speaks_as_the_person():
    from fogline.api import analyse_texts

    doc = analyse_texts(["The governor of the Huancayo state, Jorge Nunez-Cordoba, says one miner was hurt."])[0]
    assert [(c.speaker.name, c.speaker.kind) for c in doc.claims] == [("Jorge Nunez-Cordoba", "person")]


@pytest.mark.model
def test_the_nation_of_a_state_is_that_state():
    p, idx = _index("The African nation of Zambia has condemned the violence by the peacekeepers.")
    assert _names(idx.actors_for("body", _subj(p, "condemned"))) == [("Zambia", "ZMB")]


@pytest.mark.model
def test_a_known_one_word_name_under_an_unknown_capitalised_word_is_another_name():
    p, idx = _index("The Daily Monitor reported last week that the minister had resigned.")
    got = idx.actors_for("body", _subj(p, "reported"))
    assert [a.name for a in got] == ["Daily Monitor"]
    p, idx = _index("Tags Syria Damascus: Syrian regime bombardment has killed eight civilians.")
    assert all("Tags" not in a.name for t in p.parts["body"] if t.text == "Syria"
               for a in idx.actors_for("body", t))


@pytest.mark.model
def test_his_spokesman_as_a_subject_speaks_for_the_last_subject():
    p, idx = _index("President Putin met the envoy on Monday. His spokesman said the talks were useful.")
    assert [a.name for a in idx.actors_for("body", _subj(p, "said"))] == ["Vladimir Putin"]


@pytest.mark.model
def test_their_prefers_a_plural_or_coordinated_subject_to_a_place():
    p, idx = _index("Two aid groups and the UN agency called for a pause in the fighting near Gaza, "
                    "their spokeswoman said.")
    their = _tok(p, "their")
    assert all(a.name != "Gaza" for a in idx.actors_for("body", their))
    p, idx = _index("Russia bombed the rebels near Idlib. Their spokesman said a school was hit.")
    assert [a.code for a in idx.actors_for("body", _tok(p, "Their"))] == ["SYRREB"]


@pytest.mark.model
def test_the_last_word_of_a_persons_name_is_not_a_place_or_body():
    p, idx = _index("British foreign secretary William Hague said the release was good news.")
    got = idx.actors_for("body", _subj(p, "said"))
    assert [(a.kind, a.code) for a in got] != [("state", "NLD")] and got and got[0].kind == "person"


@pytest.mark.model
def test_the_coalition_is_one_named_so_or_a_body_of_states_never_the_last_armed_group():
    p, idx = _index("NATO ministers met in Brussels on Monday. The alliance said it would send more ships.")
    assert _names(idx.actors_for("body", _subj(p, "said"))) == [("North Atlantic Treaty Organization", "IGOWSTNAT")]
    p, idx = _index("Hezbollah fighters crossed the border on Monday. The coalition said the fighters moved rockets.")
    assert all(a.code != "LBNREB" for a in idx.actors_for("body", _subj(p, "said")))
