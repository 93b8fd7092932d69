"""Helpers shared by the claims tests: analyse one invented text, pick the claim whose content
holds some words, and check that every span of a claim equals its slice of the body."""
from __future__ import annotations

from fogline.api import analyse_texts


def analysed(text: str):
    (doc,) = analyse_texts([text])
    return doc


def claim_with(doc, needle: str):
    hits = [c for c in doc.claims if needle in c.content]
    assert hits, [(c.speaker and c.speaker.name, c.cue, c.content) for c in doc.claims]
    return hits[0]


def spans_hold(doc, c) -> None:
    for sp in [c.evidence, c.cue_span, c.content_span, *c.content_more] + ([c.speaker_span] if c.speaker_span else []):
        assert doc.body[sp.start:sp.end] == sp.text
