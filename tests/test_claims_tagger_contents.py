"""Contents grown over the neural tagger's content run (extract/claims.py, CONTENT_RUN_FLOOR):
where the parse cuts a content short, the words beside it that the tagger reads as content join it,
but never another claim's cue or speaker, a phrase of where the words were said, or a trailing
comma or conjunction. Invented sentences; the tagger's word probabilities are set by each test
(every word after ``after`` scored as content), so these hold with or without the attribution
extra."""
from __future__ import annotations

import numpy as np
import pytest

from fogline.api import analyse_texts
from fogline.extract import claims as C

pytestmark = pytest.mark.model


@pytest.fixture
def content_after(monkeypatch):
    """``content_after(word)``: the tagger scores every word after the first ``word`` 0.9 as
    content and nothing as a cue or a source."""
    def use(word: str) -> None:
        def probs(doc):
            w = np.zeros((len(doc), 3), dtype="float32")
            at = next(t.i for t in doc if t.text == word)
            w[at + 1:, 2] = 0.9
            return w
        monkeypatch.setattr(C, "NEURAL_CUES", True)
        monkeypatch.setattr(C, "_neural", probs)
        monkeypatch.setattr(C, "CLAIM_FILTER", False)  # the rules alone: set scores would mislead the claim filter
    return use


def _contents(text):
    return {c.cue_span.text: c.content_span.text for c in analyse_texts([text])[0].claims}


def test_a_content_cut_short_at_a_conjunction_grows_to_what_the_tagger_reads(content_after, monkeypatch):
    text = "The harbour master said the old bridge would close on Monday, and the ferry would run twice a day."
    content_after("said")
    monkeypatch.setattr(C, "CONTENT_RUN_FLOOR", None)
    before = _contents(text)["said"]
    monkeypatch.setattr(C, "CONTENT_RUN_FLOOR", 0.4)
    after = _contents(text)["said"]
    assert after.startswith("the old bridge would close on Monday")
    assert after.endswith("the ferry would run twice a day")
    assert before == "the old bridge would close on Monday"   # where the parse alone stops


def test_a_content_never_grows_into_another_claims_speaker_or_cue(content_after):
    content_after("claimed")
    got = _contents("The port authority claimed that the pier was safe, while the fishermen's union insisted "
                    "that it was not.")
    assert got["claimed"] == "that the pier was safe"
    assert "fishermen" not in got["insisted"]


def test_where_the_words_were_said_stays_out_of_the_content(content_after):
    content_after("praised")
    got = _contents("The minister praised the ceasefire in a speech to parliament.")
    assert got["praised"] == "the ceasefire"


def test_a_grown_content_does_not_end_on_a_comma_or_a_conjunction(content_after):
    # the run goes on over ", and" up to the next speaker, where it must stop: the comma and the
    # "and" stay out
    content_after("said")
    doc = analyse_texts(["The mayor said the road was open, and the governor said the bridge was shut."])[0]
    got = [(c.cue_span.text, c.content_span.text) for c in doc.claims]
    assert ("said", "the road was open") in got and ("said", "the bridge was shut") in got
