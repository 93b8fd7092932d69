"""Model runs (extract/claims.py, MODEL_RUNS): a run of words the cue model scores high that no
rule made a claim of is an attribution still, its speaker the subject of the run's head and its
content what the head governs after the run. Invented sentences; the sparse cue model
(resources/cue_model.json) scores the words, so these hold with or without the neural tagger."""
from __future__ import annotations

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
