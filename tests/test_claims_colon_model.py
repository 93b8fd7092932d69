"""A headline "Name: words" (extract/claims.py, _colon_claim): a name before a colon is as often
the topic as the speaker, so the rules take it as the speaker only when the words after it are in the
first person or quoted; with the neural tagger (COLON_MODEL) also when the tagger scores the colon as
a cue. Invented headlines; the tagger's word probabilities are set by each test (the colon scored
``p`` as a cue), so these hold with or without the attribution extra."""
from __future__ import annotations

import numpy as np
import pytest

from fogline.api import analyse_texts
from fogline.extract import claims as C
from fogline.extract import neural_tagger

pytestmark = pytest.mark.model

HEADLINE = "Mbeki Okafor: Port Fees Will Double Before The Harvest Season\n\nThe port reopened on Monday."


@pytest.fixture
def colon_scored(monkeypatch):
    """``colon_scored(p)``: the tagger scores every colon ``p`` as a cue and every other word 0."""
    def use(p: float) -> None:
        def probs(doc):
            w = np.zeros((len(doc), 3), dtype="float32")
            for t in doc:
                if t.text == ":":
                    w[t.i, 0] = p
            return w
        monkeypatch.setattr(C, "NEURAL_CUES", True)
        monkeypatch.setattr(C, "_neural", probs)
        monkeypatch.setattr(neural_tagger, "threshold", lambda label="cue": 0.4)
        monkeypatch.setattr(C, "CLAIM_FILTER", False)  # the rules alone: set scores would mislead the claim filter
    return use


def _colon_claims(text):
    return [(c.speaker_span.text, c.content_span.text) for c in analyse_texts([text])[0].claims
            if c.cue_span.text == ":"]


def test_a_name_before_a_colon_the_tagger_reads_as_a_cue_is_the_speaker(colon_scored):
    colon_scored(0.9)
    assert _colon_claims(HEADLINE) == [("Mbeki Okafor", "Port Fees Will Double Before The Harvest Season")]


def test_a_name_before_a_colon_the_tagger_does_not_read_as_a_cue_stays_a_topic(colon_scored, monkeypatch):
    colon_scored(0.1)
    assert _colon_claims(HEADLINE) == []
    colon_scored(0.9)
    monkeypatch.setattr(C, "COLON_MODEL", False)
    assert _colon_claims(HEADLINE) == []


def test_a_place_before_a_colon_is_never_the_speaker(colon_scored):
    colon_scored(0.9)
    assert _colon_claims("Aleppo: The Last Convoy Leaves The Eastern Districts\n\nBuses left at dawn.") == []
