"""Claims and silences: speaker, cue, content, stance, hedges; the general shapes the seed shows."""
from __future__ import annotations

import pytest

from fogline.api import analyse_texts

pytestmark = pytest.mark.model


def _claims(text: str):
    (doc,) = analyse_texts([text])
    return doc


def _one(doc, needle: str):
    hits = [c for c in doc.claims if needle in c.content]
    assert hits, [(c.speaker and c.speaker.name, c.content) for c in doc.claims]
    return hits[0]


def test_denial_and_spans():
    doc = _claims("The army denied that its jets had bombed the market.")
    c = _one(doc, "its jets had bombed the market")
    assert c.stance == "deny" and c.cue == "deny"
    assert c.content == "its jets had bombed the market"
    body = doc.body
    for span in (c.evidence, c.cue_span, c.content_span, c.speaker_span):
        assert body[span.start:span.end] == span.text
    assert c.cue_span.text == "denied"


def test_participle_clause_takes_the_subject_of_its_head():
    doc = _claims("The militia rejected the report, insisting that its fighters had left the bridge.")
    c = _one(doc, "its fighters had left the bridge")
    assert c.speaker is not None and "militia" in (c.speaker.text + c.speaker.name).lower()
    assert c.stance == "assert"


def test_contrast_clause_is_a_claim_of_its_own_with_its_own_speaker():
    doc = _claims("The coalition is claiming that the road is open, while the Harbour Brigade is confirming "
                  "that the road is closed.")
    first = _one(doc, "the road is open")
    assert "closed" not in first.content
    second = _one(doc, "the road is closed")
    assert second.speaker is not None and "Harbour Brigade" in second.speaker.text
    assert "coalition" in (first.speaker.text + first.speaker.name).lower()


def test_negated_content_is_a_denial_of_the_positive_proposition():
    doc = _claims("The governor said that the convoy did not reach the town.")
    c = _one(doc, "did not reach the town")
    assert c.stance == "deny"
    pos = _claims("The governor said that the convoy did reach the town.")
    assert _one(pos, "did reach the town").proposition == c.proposition  # same matter, other way


def test_denying_a_negation_asserts():
    doc = _claims("The ministry denied that the talks had not taken place.")
    assert _one(doc, "talks had not taken place").stance == "assert"


def test_according_to_and_hedges():
    doc = _claims("According to local officials, at least 12 people were reportedly killed in the raid.")
    c = next(c for c in doc.claims if c.cue == "according to")
    assert "12 people were reportedly killed" in c.content
    assert c.hedged
    assert any(f.value == 12 for f in c.figures)


def test_unnamed_source_kept():
    doc = _claims("Officials said the crossing would reopen on Monday.")
    c = _one(doc, "the crossing would reopen")
    assert c.speaker is not None and "official" in (c.speaker.name + c.speaker.text).lower()


@pytest.mark.parametrize("sentence, who", [
    ("The Harbour Brigade has not said anything either way.", "Harbour Brigade"),
    ("A spokesman for the army declined to comment.", "spokesman"),
    ("The ministry did not respond to requests for comment.", "ministry"),
    # not clarifying or explaining is keeping the matter back (ninth session's audit of model runs
    # found "He did not clarify if ..." read as a claim)
    ("The port authority did not clarify whether the convoy had been hit.", "port authority"),
    ("The garrison commander did not explain why the road was closed.", "garrison commander"),
])
def test_silences(sentence, who):
    doc = _claims(sentence)
    assert doc.silences, doc.claims
    s = doc.silences[0]
    assert who.lower() in (s.actor.text + " " + s.actor.name).lower()
    assert doc.body[s.evidence.start:s.evidence.end] == s.evidence.text
    assert not doc.claims


@pytest.mark.shared
def test_seed_claims_and_silence(seed_path):
    from fogline.api import analyse_documents
    from fogline.ingest.text import parse_text

    (doc,) = analyse_documents([parse_text(seed_path.read_text(encoding="utf-8"), "seed", published="2016-12-14")])
    got = {(c.speaker.name if c.speaker else None, c.stance) for c in doc.claims}
    assert ("Ahrar al-Sham", "deny") in got
    assert ("Nour al-Din al-Zenki", "assert") in got
    assert ("Hezbollah", "deny") in got and ("Hezbollah", "assert") in got
    assert not any(c.speaker and c.speaker.name == "Ahrar al-Sham" and "evacuate" in c.content for c in doc.claims)
    assert [s.actor.name for s in doc.silences] == ["al-Qaeda"]


def test_headline_debunk_anywhere_in_the_title_sets_its_stance():
    from fogline.model import Document
    from fogline.situation.track import track

    docs = [Document(source="split", title="Lighthouse keeper dead? Another internet hoax makes the rounds", body=""),
            Document(source="rubbish", title="It is rubbish that the lighthouse keeper died, says his niece", body=""),
            Document(source="plain", title="Lighthouse keeper dies at 90", body="")]
    got = {d["source"]: d["stance"] for d in track("The lighthouse keeper died", docs)["documents"]}
    assert got["split"] == "against"
    assert got["rubbish"] == "against"
    assert got["plain"] == "for"


@pytest.mark.model
def test_quoted_as_saying_is_one_claim_of_the_quoted():
    from fogline.api import analyse_texts

    doc = analyse_texts(["State radio quoted a navy officer as saying the harbour had been mined overnight."])[0]
    assert len(doc.claims) == 1, [(c.cue, c.content) for c in doc.claims]
    assert "harbour had been mined" in doc.claims[0].content


def test_fact_ids_are_unique_per_document():
    from fogline.model import unique_ids
    from fogline.model import Document, Event

    d = Document(source="t", body="Rebels shelled the town.")
    ev = d.span("body", 0, len(d.body))
    same = Event(id="e1", type="ASSAULT", evidence=ev)
    d.events = [same, Event(id="e1", type="ASSAULT", evidence=ev), Event(id="e1", type="ACCUSE", evidence=ev)]
    unique_ids(d)
    assert [(e.id, e.type) for e in d.events] == [("e1", "ASSAULT"), ("e1-2", "ACCUSE")]


@pytest.mark.parametrize("sentence, content", [
    ("The ministry did not deny that its troops had entered the town.", "its troops had entered the town"),
    ("The general would not rule out a second offensive in the spring.", "a second offensive in the spring"),
    ("The spokesman declined to deny that the convoy had been stopped.", "the convoy had been stopped"),
    ("The council never denied that the bridge was closed.", "the bridge was closed"),
])
def test_a_negated_or_declined_denial_denies_nothing(sentence, content):
    # double negation: a denial verb that is negated or declined leaves the matter standing, a
    # hedged assertion, never a denial; and the verb of refusal makes no claim of its own
    doc = _claims(sentence)
    c = _one(doc, content)
    assert c.stance == "assert" and c.hedged, (c.cue_span.text, c.stance)
    assert all(x.stance == "assert" for x in doc.claims), [(x.cue_span.text, x.content) for x in doc.claims]
    assert not [x for x in doc.claims if x.cue in ("decline", "refuse")]


def test_denials_that_are_not_negated_still_deny():
    doc = _claims("The rebels ruled out any talks with the government.")
    assert _one(doc, "talks with the government").stance == "deny"
    doc = _claims("The minister did not deny that the border was not open.")
    assert _one(doc, "the border was not open").stance == "deny"  # not denying a negation: "not open"


def test_refusing_to_confirm_is_a_silence_on_the_matter():
    doc = _claims("The police refused to confirm that two officers had been arrested.")
    assert not doc.claims, [(c.cue_span.text, c.content) for c in doc.claims]
    assert doc.silences and "police" in doc.silences[0].actor.name.lower()
    said = _claims("The police confirmed that two officers had been arrested.")
    assert doc.silences[0].proposition == _one(said, "two officers had been arrested").proposition


def test_a_toll_set_in_a_participle_on_the_cue_is_the_speakers_figure():
    doc = _claims('"The patients show signs of exposure to a toxic gas," the agency said in a statement, '
                  "putting the death toll at 45.")
    (c,) = [c for c in doc.claims if c.cue == "say"]
    assert c.speaker.name.lower().endswith("agency") and "signs of exposure" in c.content
    assert [(f.value, f.unit) for f in c.figures] == [(45.0, "killed")]
    # the evidence reaches the figure, so a reader can check it
    assert "putting the death toll at 45" in c.evidence.text
    assert doc.body[c.evidence.start:c.evidence.end] == c.evidence.text
    # a participle that sets no toll adds nothing
    doc = _claims("The health ministry said the raid had hit a school, calling it a crime against 40 pupils.")
    c = _one(doc, "the raid had hit a school")
    assert c.figures == []


def test_a_reported_clause_the_parser_splits_in_two_is_one_content():
    # "said [31 people hurt in the attack] [were being treated ... and three had died]"
    doc = _claims("It said 31 people hurt in the attack were being treated in local hospitals and three "
                  "people had died since being brought from the border.")
    (c,) = [c for c in doc.claims if c.cue == "say"]
    assert c.content.startswith("31 people hurt") and c.content.endswith("brought from the border")
    assert sorted((f.value, f.unit) for f in c.figures) == [(3.0, "killed"), (31.0, "injured")]


def test_it_as_the_subject_of_a_verb_of_saying_is_no_thing_named_in_between():
    doc = _claims("The Turkish health ministry said on Thursday that the samples point to sarin gas. "
                  "It said three people had died.")
    c = _one(doc, "three people had died")
    assert c.speaker is not None and c.speaker.code == "TURGOV"
    # a possessive country the tagger reads as part of a name ("Turkeys health ministry", NNP) is one body too
    doc = _claims("Turkeys health ministry said on Thursday that the samples point to sarin gas. It said three people had died.")
    c = _one(doc, "three people had died")
    assert c.speaker is not None and c.speaker.code == "TURGOV"


def test_a_sentence_final_cue_whose_comma_was_lost_reports_the_words_before_it():
    # scraped copy loses commas: "X the agency said on Wednesday." (parsed as a relative clause of X's last noun)
    doc = _claims("Victims showed symptoms consistent with a nerve agent the World Health Organization said on Wednesday.")
    (c,) = [c for c in doc.claims if c.cue == "say"]
    assert "World Health Organization" in c.speaker.name
    assert c.content.startswith("Victims showed symptoms") and c.content.endswith("a nerve agent")
    # a relative clause whose verb of saying has its complement is no such cue
    doc = _claims("The ceasefire that Moscow said it brokered has collapsed.")
    assert all(not c.content.startswith("The ceasefire") for c in doc.claims)


def test_an_inversion_whose_comma_was_lost_has_the_name_after_said_as_speaker():
    doc = _claims("The strikes also wounded more than 60 people said the Observatory a British-based monitoring group.")
    (c,) = [c for c in doc.claims if c.cue == "say"]
    assert "Observatory" in c.speaker.name
    assert c.content == "The strikes also wounded more than 60 people"
    # the same with the clause before parsed as the verb's complement
    doc = _claims("The air strikes on the town in the south of the province also wounded more than 60 people "
                  "said the Observatory a British-based war monitoring group.")
    (c,) = [c for c in doc.claims if c.cue == "say"]
    assert "Observatory" in c.speaker.name and [(f.value, f.unit) for f in c.figures] == [(60.0, "injured")]
    # one says words, but "said the plan would fail" has a complement: no inversion
    doc = _claims("The minister said the plan would fail.")
    (c,) = doc.claims
    assert c.content == "the plan would fail" and "minister" in c.speaker.name


def test_a_quotation_whose_comma_was_lost_is_spoken_by_the_name_after_it():
    # '"...people missing" the group said.': the parser may take a word inside the quotation for the
    # verb's subject; the speaker is the name between the closing mark and the verb
    doc = _claims('"There were also 14 women among the dead and the toll may grow because there are people '
                  'missing" the Syrian Network for Human Rights said.')
    (c,) = [c for c in doc.claims if c.cue == "say"]
    assert "Syrian Network for Human Rights" in c.speaker.name
    # a subject outside the quotation stays the speaker
    doc = _claims('The mayor said "the bridge is safe" and the engineers agreed.')
    assert any("mayor" in c.speaker.name.lower() for c in doc.claims if c.speaker)


def test_a_whole_quoted_sentence_whose_comma_was_lost_and_an_acronym_read_as_who():
    # '"X" WHO said in a statement putting the toll at 12.': the quotation is the content (a sentence
    # of its own, its comma lost), "WHO" the name the tagger took for a relative pronoun, and the
    # toll the participle sets is the speaker's figure
    doc = _claims('"Several patients seem to have breathed in chlorine fumes before dawn" WHO said in a statement '
                  'putting the death toll at 12.')
    (c,) = [c for c in doc.claims if c.cue == "say"]
    assert c.speaker is not None and c.speaker.name == "WHO"
    assert "breathed in chlorine fumes" in c.content
    assert [(f.value, f.unit) for f in c.figures] == [(12.0, "killed")]
    # a quoted term inside a sentence is no quotation of the speaker's own
    doc = _claims('Officials branded the fighters "foreign agents" the minister said.')
    assert all(c.content.strip('"') != "foreign agents" for c in doc.claims)
    # a lower-case relative pronoun stays one: the speaker is the noun it stands for
    doc = _claims("The nurse who said the ward was full has left.")
    assert all(c.speaker is None or c.speaker.name != "who" for c in doc.claims)


def test_a_statement_that_reads_speaks_and_its_author_was_named_before():
    # '"X" the statement read.' with the comma lost before the closing mark: "read" with a statement for
    # subject is a verb of saying; the statement is the agency's, whose words "the statement" were
    # credited to it just before ("According to the statement the agency ...")
    doc = _claims('The agency said in a statement on Friday that its teams were in the town. According to the '
                  'statement the agency keeps working with partners "to train nurses in the area." "At least 14 '
                  'children were confirmed killed in the raid on the town west of Hama A further 230 people among '
                  'them many women have been injured. The toll is expected to rise" the statement read.')
    (c,) = [c for c in doc.claims if c.cue_span.text == "read"]
    assert c.speaker.name == "agency" and c.speaker.text == "the statement"
    assert (230.0, "injured") in [(f.value, f.unit) for f in c.figures]
    # without the statement's own "read" the quotation has no cue (nor a speaker) there
    doc = _claims('The agency said in a statement on Friday that its teams were in the town. "At least 14 '
                  'children were confirmed killed in the raid on the town west of Hama" the statement added later.')
    assert all(c.speaker is None or c.speaker.name in ("agency", "statement") for c in doc.claims)


def test_the_statement_that_speaks_is_its_authors():
    doc = _claims('UNICEF said in a statement on Thursday that aid was on its way. "At least 27 children were '
                  'confirmed killed in the attack. A further 546 people have been injured," the statement read.')
    (c,) = [c for c in doc.claims if "546 people" in c.content]
    assert c.speaker.name.lower() == "unicef" and c.speaker.text == "the statement"
    # a statement nobody was said to make stays the statement
    doc = _claims('The ministry denied the report. "We did nothing wrong," the statement said.')
    (c,) = [c for c in doc.claims if "nothing wrong" in c.content]
    assert c.speaker.name == "statement"


@pytest.mark.parametrize("sentence", [
    "Government warplanes attacked a crowded bakery in the north of the province on Friday.",
    "Gunmen attacked an army checkpoint outside the city overnight.",
    "Jihadist fighters attacked the Kurdish militia in the eastern suburbs.",
    "The insurgents launched a surprise assault against army positions near the dam.",
    "The militia's attack on the village drew wide condemnation.",
    "Two soldiers died when the convoy was hit by a roadside bomb.",
])
def test_force_used_is_no_claim(sentence):
    # words of force that political reporting uses for words ("attacked the senator") name violence
    # when they are done to places, buildings or armed forces, or by armed forces
    doc = _claims(sentence)
    assert not [c for c in doc.claims if c.cue in ("attack", "launch", "hit")], [(c.cue, c.content) for c in doc.claims]


def test_words_of_force_aimed_at_words_are_still_claims():
    doc = _claims("The governor dismissed the verbal attacks against the mayor as baseless.")
    assert any(c.cue == "dismiss" for c in doc.claims)
    doc = _claims("The senator slammed the budget plan as reckless and unfair.")
    assert [c for c in doc.claims if c.cue == "slam" and "budget plan" in c.content]


@pytest.mark.parametrize("sentence", [
    "The rebels formed a new alliance called Jaish al-Fateh last year.",
    "The army responded with heavy artillery and air raids.",
    "Government forces responded to a major rebel offensive near the dam.",
    "The siege of the town saw dozens die of hunger.",
    "The province has seen some of the worst fighting of the war.",
    "Victims of the attack appeared to show symptoms of nerve agent exposure.",
    "Relatives tried to identify the bodies of the victims.",
])
def test_verbs_of_saying_used_for_something_else_are_no_claims(sentence):
    doc = _claims(sentence)
    assert not [c for c in doc.claims if c.cue in ("call", "respond", "see", "show", "identify")], \
        [(c.cue, c.content) for c in doc.claims]


def test_the_same_verbs_still_report_words():
    doc = _claims("The spokesman identified the pilot as a lieutenant in the air force.")
    assert [c for c in doc.claims if c.cue == "identify" and "lieutenant" in c.content]
    doc = _claims("Protesters marched through the capital, calling for the resignation of the governor.")
    assert [c for c in doc.claims if c.cue == "call" and "resignation" in c.content]
    doc = _claims("The ministry did not respond to requests for comment.")
    assert doc.silences and not doc.claims


def test_a_negated_belief_denies_what_it_reports():
    doc = _claims("Western diplomats do not believe the militia has chemical weapons.")
    c = _one(doc, "chemical weapons")
    assert c.stance == "deny"
    doc = _claims("Western diplomats believe the militia has chemical weapons.")
    assert _one(doc, "chemical weapons").stance == "assert"


def test_the_day_of_a_statement_is_not_its_content():
    doc = _claims("The governor said in a statement on Thursday that the bridge had been destroyed.")
    assert [c.content for c in doc.claims] == ["the bridge had been destroyed"]
    doc = _claims("The governor confirmed it in a statement on Thursday.")
    assert not [c for c in doc.claims if c.content == "Thursday"]


def test_a_claim_by_someone_that_x_is_theirs():
    doc = _claims("The governor rejected the claim by activists that 600 people were killed.")
    assert [c for c in doc.claims if c.cue == "claim" and c.speaker and c.speaker.name.lower() == "activists"]


def test_page_furniture_in_the_text_is_no_claim():
    # scraped pages run "related stories" headlines into the body
    doc = _claims("Talks resumed on Monday. 211 Related Opposition Platform Insists Any Vote on the Plan "
                  "Should Be Held Again Border Crossing Will Reopen Next Week After Talks With Neighbours.")
    assert not [c for c in doc.claims if c.cue == "insist"], [(c.cue, c.content) for c in doc.claims]


def test_a_participle_of_saying_inside_a_report_is_the_reporters():
    # scraped copy without the comma: the parser hangs "adding" on the reported verb
    doc = _claims("Sources told the agency that the militia seized control of the bridge adding that its fighters "
                  "were heading towards the dam.")
    c = _one(doc, "heading towards the dam")
    assert c.speaker is not None and c.speaker.name.lower() == "sources"
    assert "heading" not in _one(doc, "seized control of the bridge").content


def test_a_channel_is_not_what_was_said():
    doc = _claims("The group said so in a statement circulated on social media.")
    assert not [c for c in doc.claims if "social media" in c.content]


def test_things_that_do_not_respond_keep_no_silence():
    doc = _claims("The doctor said the victims had narrow pupils that did not respond to light.")
    assert not doc.silences
    doc = _claims("The governor did not respond to the allegations.")
    assert len(doc.silences) == 1


def test_a_verb_of_aspect_with_an_infinitive_states_nothing():
    # "continues to commit crimes" tells what the junta does, not what it says: no claim, and the
    # toll after it stays the outlet's own
    doc = _claims("The junta continues to commit crimes against its own people as more than 40 villagers were "
                  "killed and 90 others have been hurt by the shelling.")
    assert not [c for c in doc.claims if c.cue in ("continue", "commit")]
    # a verb of saying as the infinitive makes the claim
    doc = _claims("The mayor continued to insist that the bridge was safe.")
    c = _one(doc, "the bridge was safe")
    assert c.cue == "insist" and "mayor" in c.speaker.name.lower()


def test_a_pronoun_aside_whose_comma_was_lost_goes_on_with_the_speaker_before():
    # "... were wounded it said and ...": a verb of saying with a pronoun subject hung on the clause
    # before it reports that clause; "it" goes on with the speaker of the sentence before, not with a
    # place named in between
    doc = _claims('The network said the shelling of Kafr Nabl began at dawn when a jet dropped bombs that '
                  'released "toxic gas". As well as those killed at least 45 people were wounded it said and many '
                  'were missing.')
    c = _one(doc, "45 people were wounded")
    assert c.speaker.name == "network" and c.speaker.text == "it"
    assert [(f.value, f.unit) for f in c.figures] == [(45.0, "injured")]
    # a verb of saying that takes "it said" as its complement keeps it
    doc = _claims("The ministry denied it said so.")
    assert _one(doc, "it said so").cue == "deny"
    # a person who spoke before is no "it"
    doc = _claims("Jana Holm said the camp was full. It said nothing about the clinic at dawn and the road stayed shut.")
    assert all(c.speaker is None or c.speaker.name != "Jana Holm" for c in doc.claims if c.speaker_span
               and c.speaker_span.text == "It")


def test_an_inverted_speaker_the_parser_gave_to_the_participle_after_it():
    # '"X" said Lena Darwish head of the office adding that Y': the name after "said" is its speaker
    # (the parser made it the subject of "adding"), and "adding" goes on with it
    doc = _claims('"This morning at 630 a.m. jets struck the market in Varnesk with gas believed to be chlorine" said '
                  'Lena Darwish head of the Varnesk health office adding that the raid had killed 20 people.')
    c = _one(doc, "jets struck the market")
    assert c.speaker is not None and "Lena Darwish" in c.speaker.name
    assert "Lena Darwish" in _one(doc, "the raid had killed").speaker.name
    # an ordinary "said" with its own subject is left alone
    doc = _claims("The governor said adding new buses would help.")
    assert all("adding" not in (c.speaker.name if c.speaker else "") for c in doc.claims)


@pytest.mark.parametrize("sentence", [
    "Witnesses said the shells released a yellow gas over the market.",
    "The militia released the hostages on Monday after talks.",
])
def test_things_released_are_no_words(sentence):
    doc = _claims(sentence)
    assert not [c for c in doc.claims if c.cue == "release"], [(c.cue, c.content) for c in doc.claims]


def test_what_someone_said_was_x_reports_x():
    doc = _claims("The White House condemned what it said was a reprehensible attack by government forces.")
    assert doc.claims and all(c.content == "a reprehensible attack by government forces" for c in doc.claims)


def test_not_acknowledging_or_mentioning_is_a_silence():
    doc = _claims("The ministry has not acknowledged any civilian deaths from its strikes.")
    assert not doc.claims and len(doc.silences) == 1
    doc = _claims("The ministry acknowledged civilian deaths from its strikes.")
    assert doc.claims and not doc.silences


def test_answering_by_force_is_no_claim():
    doc = _claims("The rebels responded by firing rockets into the government-held districts.")
    assert not [c for c in doc.claims if c.cue == "respond"]


@pytest.mark.parametrize("sentence, cue", [
    ("The blast tore through the market, which claimed several persons.", "claim"),
    ("The rebels agreed to a truce, releasing many of the detainees.", "release"),
    ("The council has launched an investigation into the incident.", "launch"),
    ('"The target was a fighting position." REUTERS Amal Said', "say"),
    ("The judge decided to release the members of the kidnapping ring.", "release"),
    ("The guerrillas attacked the farm near the border.", "attack"),
    ("The two dead officers were identified on Monday.", "identify"),
    ("The rebels must lay down their weapons before the talks.", "lay"),
    ("State television showed images of damage inside the building.", "show"),
    ("The city witnessed fierce battles on Sunday.", "witness"),
    ("The siege threatens the lives of thousands of civilians.", "threaten"),
    ("Government troops defended the city against the assault.", "defend"),
])
def test_acts_and_names_that_look_like_saying(sentence, cue):
    doc = _claims(sentence)
    assert not [c for c in doc.claims if c.cue == cue], [(c.cue, c.content) for c in doc.claims]


@pytest.mark.parametrize("sentence", [
    "The judge decided to release the members of the ring.",
    "The army tried to seize the town on Monday.",
    "Rebels plan to attack the airport next week.",
    "The government has been attempting to retake the district for two years.",
])
def test_setting_out_to_act_is_no_claim(sentence):
    doc = _claims(sentence)
    assert not doc.claims, [(c.cue, c.content) for c in doc.claims]


def test_deciding_that_and_saying_someone_tried_stay_claims():
    doc = _claims("The minister decided that the border would stay closed.")
    assert [c.cue for c in doc.claims] == ["decide"]
    doc = _claims("The spokesman said the army tried to retake the town.")
    assert [c.cue for c in doc.claims] == ["say"] and "tried to retake" in doc.claims[0].content


def test_a_cue_inside_a_quotation_is_the_quoted_speakers_wording():
    doc = _claims('"I think they will sign the deal by Friday," the envoy said.')
    assert [c.cue for c in doc.claims] == ["say"]
    assert "I think they will sign" in doc.claims[0].content
    # the same words outside quotation marks are the writer's own attribution
    doc = _claims("The envoy thinks they will sign the deal by Friday.")
    assert [c.cue for c in doc.claims] == ["think"]


def test_a_participle_of_saying_is_not_part_of_what_is_blamed():
    doc = _claims("The opposition blamed the government forces, saying the attack cast doubt on the talks.")
    got = {c.cue: c.content for c in doc.claims}
    assert got.get("blame") == "the government forces", got
    assert got.get("say") == "the attack cast doubt on the talks", got


def test_with_someone_saying_is_that_ones_claim():
    doc = _claims("The government denied carrying out the raid, with its foreign minister stressing "
                  "that a rebel depot had exploded.")
    got = {c.cue: c for c in doc.claims}
    assert "stress" in got and got["stress"].speaker_span.text.lower().endswith("foreign minister"), \
        [(c.cue, c.speaker_span.text if c.speaker_span else None) for c in doc.claims]
    assert "minister" not in got["deny"].content and "depot" not in got["deny"].content


def test_said_to_be_reports_the_subject_with_no_speaker():
    doc = _claims("The commander is said to be hiding in the eastern districts.")
    (c,) = doc.claims
    assert c.speaker is None and c.content.startswith("The commander") and "hiding" in c.content
    doc = _claims("The group is believed by officials to have lost hundreds of fighters.")
    (c,) = doc.claims
    assert c.speaker_span is not None and c.speaker_span.text == "officials" and "group" in c.content


def test_citing_a_source_at_the_end_of_a_report_is_the_reporters():
    doc = _claims("State television said the army had retaken the hill, citing a military source.")
    got = {c.cue: c for c in doc.claims}
    assert got["say"].content == "the army had retaken the hill"
    assert got["cite"].speaker_span.text == "State television"


@pytest.mark.parametrize("sentence", [
    "State media made no mention of the army's losses.",
    "The army offered no comment on the report.",
    "The ministry gave no details about the strike.",
])
def test_making_no_mention_is_a_silence(sentence):
    doc = _claims(sentence)
    assert not doc.claims and len(doc.silences) == 1, ([(c.cue, c.content) for c in doc.claims], doc.silences)


def test_making_a_mention_is_no_silence():
    doc = _claims("State media made mention of heavy losses among the rebels.")
    assert not doc.silences


def test_a_scraped_dateline_is_not_part_of_the_speaker():
    (c,) = _claims("Jul 2016 Syrian state TV said the army had retaken the hill.").claims
    assert c.speaker_span.text == "Syrian state TV"
    (c,) = _claims("Two officials said the convoy was hit.").claims
    assert c.speaker_span.text == "Two officials"


def test_a_relative_clause_cue_does_not_report_the_clause_it_hangs_on():
    assert not _claims("This is the first important achievement, which adds to the pressure.").claims
    (c,) = _claims("The talks will resume on Monday, the agency, which is close to the government, said.").claims
    assert c.content == "The talks will resume on Monday"


@pytest.mark.parametrize("sentence", [
    "The cartel boss ordered the assassination of the candidate.",
    "The government also ordered its naval and air forces to patrol the coast.",
])
def test_ordering_force_is_no_claim(sentence):
    assert not _claims(sentence).claims


def test_ordering_a_policy_stays_an_attribution():
    assert [c.cue for c in _claims("The judge ordered a review of the case.").claims] == ["order"]


@pytest.mark.parametrize("sentence", [
    "The military has neither denied nor confirmed the reports.",
    "Neither the government nor the army has responded to the initiative.",
])
def test_neither_nor_is_a_silence(sentence):
    doc = _claims(sentence)
    assert not doc.claims and doc.silences
    assert doc.silences[0].evidence.text == sentence.rstrip(".")


def test_each_of_coordinated_subjects_keeps_silent():
    doc = _claims("Neither the government nor the army has responded to the initiative.")
    assert sorted(s.actor.name.lower() for s in doc.silences) == ["army", "government"], doc.silences
