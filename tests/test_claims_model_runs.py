"""Model runs (extract/claims.py, MODEL_RUNS): a run of words the cue model scores high that no
rule made a claim of is an attribution still, its speaker the subject of the run's head and its
content what the head governs after the run. Invented sentences; the sparse cue model
(resources/cue_model.json) scores the words, or, for the tagger's stand-ins at the end, scores set
by the test, so these hold with or without the neural tagger."""
from __future__ import annotations

import numpy as np
import pytest

from fogline.api import analyse_texts
from fogline.extract import claims as C

pytestmark = pytest.mark.model


@pytest.fixture
def sparse(monkeypatch):
    monkeypatch.setattr(C, "NEURAL_CUES", False)


def _claims(text):
    return [(c.speaker.name if c.speaker else None, c.cue, c.cue_span.text, c.content_span.text)
            for c in analyse_texts([text])[0].claims]


def test_a_verb_group_the_model_scores_is_one_attribution(sparse):
    # the auxiliary and the verb score high, the negation between them does not: one cue, one claim
    got = _claims("The harbour master has not endorsed anyone in the race.")
    assert [(g[0], g[1], g[3]) for g in got] == [("harbour master", "endorse", "anyone in the race")]
    assert "endorsed" in got[0][2]


def test_an_attitude_the_rules_do_not_know_is_read_from_the_run(sparse):
    got = _claims("Some fishermen who once backed the council now regard it with distaste.")
    assert ("fishermen", "regard", "it with distaste") in [(g[0], g[1], g[3]) for g in got]
    got = _claims("Her elderly father is equally passionate about the new coastal road.")
    assert [(g[0], g[3]) for g in got] == [("Her elderly father", "the new coastal road")]


def test_force_used_is_no_run(sparse):
    assert _claims("The storm flooded the valley on Tuesday.") == []
    assert _claims("Gunmen attacked the convoy near the border.") == []


def test_runs_switch_off(sparse, monkeypatch):
    monkeypatch.setattr(C, "MODEL_RUNS", False)
    assert _claims("The harbour master has not endorsed anyone in the race.") == []
    assert [g[1] for g in _claims("Some fishermen who once backed the council now regard it with distaste.")] == ["back"]


def test_a_run_inside_another_claim_is_left_to_it(sparse):
    # "denounced" lies inside what the minister said: no second, nested claim from a run
    got = _claims("The minister said that the opposition leader has not endorsed anyone in the race.")
    assert [g[1] for g in got] == ["say"]


# --------------------------------------------------------------------------- the tagger's stand-ins
# Where the parse gives a run no content or no speaker, the tagger's own content or source words in
# the sentence stand in (RUN_TAGGER_CONTENT, RUN_TAGGER_SPEAKER). The tagger's word probabilities
# are set by each test, so these hold with or without the attribution extra.

OBSERVED = "Of course, as the harbour master observed, the old bridge was never safe."


@pytest.fixture
def tagger(monkeypatch):
    """``tagger(cue=..., source=..., content=(first, last))``: the tagger scores those words 0.9
    for their role (a content from its first word to its last), every other word 0."""
    def use(cue=(), source=(), content=None):
        def probs(doc):
            w = np.zeros((len(doc), 3), dtype="float32")
            for t in doc:
                w[t.i, 0] = 0.9 if t.text in cue else 0.0
                w[t.i, 1] = 0.9 if t.text in source else 0.0
            if content:
                a = next(t.i for t in doc if t.text == content[0])
                b = next(t.i for t in doc if t.text == content[1] and t.i >= a)
                w[a:b + 1, 2] = 0.9
            return w
        monkeypatch.setattr(C, "NEURAL_CUES", True)
        monkeypatch.setattr(C, "_neural", probs)
        monkeypatch.setattr(C, "CLAIM_FILTER", False)  # set scores would mislead the claim filter
    return use


def test_a_run_the_parse_gives_no_content_takes_the_taggers(tagger, monkeypatch):
    tagger(cue={"observed"}, content=("the", "safe"))
    monkeypatch.setattr(C, "RUN_TAGGER_CONTENT", None)
    assert [g for g in _claims(OBSERVED) if g[1] == "observe"] == []   # "observed" governs nothing after it
    monkeypatch.setattr(C, "RUN_TAGGER_CONTENT", 0.5)
    assert [g for g in _claims(OBSERVED) if g[1] == "observe"] == [
        ("harbour master", "observe", "observed", "the old bridge was never safe")]


def test_a_run_the_parse_gives_no_speaker_takes_the_taggers_source(tagger, monkeypatch):
    tagger(cue={"observed"}, source={"harbour", "master"}, content=("the", "safe"))
    monkeypatch.setattr(C, "_run_speaker", lambda head: None)   # as where the parse finds no subject
    monkeypatch.setattr(C, "RUN_TAGGER_SPEAKER", None)
    assert [g for g in _claims(OBSERVED) if g[1] == "observe"] == []   # a run needs a speaker
    monkeypatch.setattr(C, "RUN_TAGGER_SPEAKER", 0.5)
    got = [g for g in _claims(OBSERVED) if g[1] == "observe"]
    assert [(g[0], g[3]) for g in got] == [("harbour master", "the old bridge was never safe")]


def test_the_taggers_stretch_nearest_the_run_of_two_words_or_more(monkeypatch):
    from fogline.nlp import load_model

    doc = load_model()("The harbour master said little, and later the deputy said: the bridge is unsafe.")
    w = np.zeros((len(doc), 3), dtype="float32")
    for t in doc:
        if t.text in ("little", ":", "the", "bridge", "is", "unsafe") and t.i > 3:
            w[t.i, 2] = 0.9
    monkeypatch.setattr(C, "NEURAL_CUES", True)
    monkeypatch.setattr(C, "_neural", lambda d: w)
    sent = next(iter(doc.sents))
    first, second = [t for t in doc if t.text == "said"]
    # "little" alone is one word, no stretch; the colon does not open the other, "the" may
    assert [t.text for t in C._tagger_run([first], sent, 2, 0.5, set())] == ["the", "bridge", "is", "unsafe"]
    # another claim's words are never part of it, and a loose word does not end it
    taken = {t.i for t in doc if t.text == "unsafe"}
    assert [t.text for t in C._tagger_run([second], sent, 2, 0.5, taken)] == ["the", "bridge", "is"]
    assert C._tagger_run([second], sent, 2, 0.95, set()) == []   # nothing scores that high
    monkeypatch.setattr(C, "_neural", lambda d: None)
    assert C._tagger_run([second], sent, 2, 0.5, set()) == []    # no tagger, no stand-in


DOUBTS = "The port authority expressed similar doubts that the harbour would reopen in May."


def test_a_contents_first_words_the_tagger_reads_as_cue_join_the_cue(tagger, monkeypatch):
    tagger(cue={"expressed", "similar", "doubts"}, content=("that", "May"))
    monkeypatch.setattr(C, "CUE_FROM_CONTENT", None)
    assert [(g[2], g[3]) for g in _claims(DOUBTS)] == [
        ("expressed", "similar doubts that the harbour would reopen in May")]
    monkeypatch.setattr(C, "CUE_FROM_CONTENT", 0.5)
    assert [(g[2], g[3]) for g in _claims(DOUBTS)] == [
        ("expressed similar doubts", "that the harbour would reopen in May")]
    assert analyse_texts([DOUBTS])[0].claims[0].content == "the harbour would reopen in May"
    # a word the tagger reads as content as much as cue stays in the content, and so do those after it
    tagger(cue={"expressed", "similar", "doubts"}, content=("similar", "May"))
    assert [(g[2], g[3]) for g in _claims(DOUBTS)] == [
        ("expressed", "similar doubts that the harbour would reopen in May")]
    # nor where the floor is over the tagger's scores
    tagger(cue={"expressed", "similar", "doubts"}, content=("that", "May"))
    monkeypatch.setattr(C, "CUE_FROM_CONTENT", 0.95)
    assert [(g[2], g[3]) for g in _claims(DOUBTS)][0][0] == "expressed"


def test_a_claim_made_two_ways_is_given_once(tagger, monkeypatch):
    text = "The fishermen raised concerns about the safety of the new quay."
    tagger(cue={"raised", "concerns", "about"}, content=("the", "quay"))
    monkeypatch.setattr(C, "_distinct", lambda claims: claims)
    twice = _claims(text)
    # a rule (on "raised") and a model run (on "concerns") over the same words
    assert len(twice) == 2 and [(g[0], g[2], g[3]) for g in twice] == \
        [("fishermen", "raised concerns about", "the safety of the new quay")] * 2
    monkeypatch.undo()
    tagger(cue={"raised", "concerns", "about"}, content=("the", "quay"))
    assert _claims(text) == twice[:1]


def test_two_readings_of_one_attribution_are_given_once(tagger, monkeypatch):
    # cues and contents overlapping: "toyed with [the idea of a bridge]" and "toyed with the idea of [a bridge]"
    text = "The mayor has also toyed with the idea of a second bridge over the river."
    tagger(cue={"has", "also", "toyed", "with", "idea", "of"}, content=("a", "river"))
    monkeypatch.setattr(C, "OVERLAP_ONCE", False)
    both = _claims(text)
    monkeypatch.setattr(C, "OVERLAP_ONCE", True)
    once = _claims(text)
    assert len(once) == 1 and once[0] == both[0]
    assert len(both) == 2


def test_a_finite_verb_opening_the_content_stays_in_it(tagger, monkeypatch):
    # "which she said [included] X": the tagger may read the reported clause's verb as cue; a finite
    # verb is the clause's own, never the cue's (a verb's object or an infinitive may join the cue)
    text = "The inspector listed several faults, which she said included a cracked hull and a broken pump."
    tagger(cue={"said", "included"}, content=("a", "pump"))
    monkeypatch.setattr(C, "CUE_FROM_CONTENT", 0.5)
    got = [(g[2], g[3]) for g in _claims(text) if g[1] == "say"]
    assert got == [("said", "included a cracked hull and a broken pump")]
    from fogline.nlp import load_model

    doc = load_model()("They said it included pumps and wanted to add more.")
    assert C._finite_verb(doc[3]) and not C._finite_verb(doc[8])   # "included", not "add"


HAS_SAID = "The harbour master has also said that the old bridge was never safe."


def test_a_cues_edge_words_the_tagger_rules_out_are_no_cue(tagger, monkeypatch):
    tagger(cue={"said"}, content=("the", "safe"))
    monkeypatch.setattr(C, "CUE_TRIM", None)
    assert [g[2] for g in _claims(HAS_SAID)] == ["has also said"]
    monkeypatch.setattr(C, "CUE_TRIM", 0.1)
    got = analyse_texts([HAS_SAID])[0].claims
    assert [c.cue_span.text for c in got] == ["said"]
    assert HAS_SAID[got[0].cue_span.start:got[0].cue_span.end] == "said"
    # words the tagger reads as cue stay; the cue's head word stays whatever its score
    tagger(cue={"has", "also", "said"}, content=("the", "safe"))
    assert [g[2] for g in _claims(HAS_SAID)] == ["has also said"]
    tagger(cue=set(), content=("the", "safe"))
    assert [g[2] for g in _claims(HAS_SAID)] == ["said"]
    # a word the tagger reads as content is not cut loose between cue and content
    text = "The governor said almost nothing about the flooded villages."
    tagger(cue={"said"}, content=("almost", "villages"))
    assert [(g[2], g[3]) for g in _claims(text)] == [("said almost nothing about", "the flooded villages")]
    tagger(cue={"said"}, content=("the", "villages"))
    assert [(g[2], g[3]) for g in _claims(text)] == [("said", "the flooded villages")]


TWEETS = ('Republicans offered their prayers to the victims: <tweet pic="" author="GovX" tweet_id="67">Praying '
          'for those hurt by the flood today.</tweet>.')


def test_a_word_of_a_markup_tag_is_no_cue(tagger, monkeypatch):
    tagger(cue={"tweet"}, content=("Republicans", "victims"))
    monkeypatch.setattr(C, "MARKUP_NO_CUE", False)
    assert "tweet" in [g[2] for g in _claims(TWEETS)]
    monkeypatch.setattr(C, "MARKUP_NO_CUE", True)
    assert "tweet" not in [g[2] for g in _claims(TWEETS)] and _claims(TWEETS)
    at = TWEETS.index("tweet pic")
    assert C._in_markup(TWEETS, at, at + 5)
    assert not C._in_markup(TWEETS, TWEETS.index("Praying"), TWEETS.index("Praying") + 7)
    assert C._in_markup(TWEETS, TWEETS.index("/tweet") + 1, TWEETS.index("/tweet") + 6)
    assert not C._in_markup("if 3 < 4 they said 5 > 2", 12, 16)   # comparison signs are no tag


HEARD = "The mayor said that the council had heard engineers warn that the bridge could fall."


def test_a_content_ends_before_a_cue_the_tagger_reads_as_its_own(tagger, monkeypatch):
    # the tagger learnt outermost attributions only: a cue inside a content that it scores as a cue
    # says the content ran over another attribution, which then stands on its own
    tagger(cue={"said", "warn"}, content=("the", "fall"))
    monkeypatch.setattr(C, "NESTED_CUT", None)
    said = [g for g in _claims(HEARD) if g[1] == "say"]
    assert [g[3] for g in said] == ["that the council had heard engineers warn that the bridge could fall"]
    monkeypatch.setattr(C, "NESTED_CUT", 0.7)
    got = analyse_texts([HEARD])[0].claims
    said = [c for c in got if c.cue == "say"]
    assert [c.content_span.text for c in said] == ["that the council had heard"]
    assert said[0].content == "the council had heard"   # "that" stays out of the text, as before
    assert HEARD[said[0].content_span.start:said[0].content_span.end] == "that the council had heard"
    warn = [(c.speaker_span.text, c.content) for c in got if c.cue == "warn"]
    assert warn == [("engineers", "the bridge could fall")]
    # a nested cue the tagger does not read as one leaves the content whole
    tagger(cue={"said"}, content=("the", "fall"))
    assert [g[3] for g in _claims(HEARD) if g[1] == "say"] == [
        "that the council had heard engineers warn that the bridge could fall"]
