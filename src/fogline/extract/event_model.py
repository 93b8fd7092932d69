"""A statistical event-type and mode classifier for one clause (issue #3), trained on NGEC's
synthetic stories (scripts/train_event_types.py; ``resources/event_type_model.json``).

The pattern coder (:mod:`fogline.extract.events`) codes a clause by its verb and the verb's phrase.
This model reads the same parse and gives, for a trigger word (a verb or an event noun), a
probability for each PLOVER type and, for a type with modes, for each of its modes. Features (:func:`features_at`),
all lower-cased lemmas, no text: the trigger's lemma and part of speech; each child's dependency
with its lemma (a preposition with its object's lemma, "prep_on:sanction"); the lemma of a
governing verb ("threaten" over "impose") and of a governed infinitive or clause; negation and
modal auxiliaries; the content lemmas of the trigger's phrase (its subtree); and the nouns, verbs
and adjectives of its sentence, a bag of lemmas. Weights are a multinomial logistic regression
(scripts/train_event_types.py fits it in numpy): the sum of the weight rows of the features present,
softmaxed (numpy, which spaCy brings, at run time; nothing else).

Where it is used, when switched on (``FOGLINE_EVENT_MODEL=add``; off by default, see ``USES``;
threshold chosen on held-out NGEC stories, never on the gold sets): a sentence the patterns
code nothing in gets the model's event for its main predicate when the model is sure enough
(``threshold``; :func:`model_type`, ``events._model_events``). Filling modes the patterns leave open
(:func:`fill_modes`) is written but off: on held-out stories no threshold made its modes as precise
as the patterns' own (``mode_threshold`` 1.0, see resources/PROVENANCE.md).

The model is absent-tolerant: :func:`event_model` returns None when the resource file is missing,
and the extractor then codes by patterns alone.
"""
from __future__ import annotations

import json
import math
import os
from bisect import bisect_left, bisect_right
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..nlp import kids_table, subtree_at, token_table

if TYPE_CHECKING:
    from spacy.tokens import Doc

MODEL_FILE = "event_type_model.json"
# What the model does (FOGLINE_EVENT_MODEL, comma-separated; "0" or "" codes by patterns alone, the
# training script's baseline and A/B runs): "modes" fills modes the patterns leave open
# (:func:`fill_modes`), "add" codes a sentence the patterns code nothing in (:func:`model_type`).
# Off by default: on real conflict reports the events it adds are mostly wrong (a hand audit of 25 of
# its 65 events in FA-KES rows 300-519, 2026-11-26: 6 of the right type), though it raises PLOVER GSR
# (plover_type 0.8106 -> 0.8199, 4 of its 7 events there of the gold type). FOGLINE_EVENT_MODEL=add
# turns it on.
USES = frozenset(u for u in os.environ.get("FOGLINE_EVENT_MODEL", "").split(",") if u and u != "0")
ENABLED = True  # off: patterns alone, whatever USES says
# A CAMEO code of each PLOVER type with no mode (the shortest in the verb lexicon's PLOVER table): the
# stand-in the event builder codes a model event with; the event itself keeps no CAMEO code.
MODEL_CODES = {"REQUEST": "02", "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07",
               "CONCEDE": "08", "ACCUSE": "09", "REJECT": "12", "THREATEN": "13", "PROTEST": "14",
               "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17", "ASSAULT": "18", "RETREAT": "084"}
SAYING = frozenset({"say", "claim", "report", "announce", "tell", "state", "add", "confirm", "insist", "note"})
CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "PROPN"})
CHILD_DEPS = frozenset({"dobj", "obj", "nsubj", "nsubjpass", "attr", "oprd", "xcomp", "ccomp", "acomp", "prt",
                        "compound", "amod", "advmod", "agent", "dative", "advcl", "conj"})
MODALS = frozenset({"will", "would", "could", "may", "might", "must", "should", "can", "shall", "'ll", "wo"})
MAX_SUBTREE = 40  # content words read from a trigger's phrase at most
MAX_SENTENCE = 80  # words of the sentence read at most
SENTENCE_POS = frozenset({"NOUN", "VERB", "ADJ"})


def features_at(doc: Doc, i: int, sent: tuple[int, int] | None = None) -> list[str]:
    """The features of trigger ``doc[i]`` in its sentence (token range ``sent``; names of lemmas,
    tags and labels only)."""
    t = token_table(doc)
    kids, at = kids_table(doc)
    lemma, pos, dep, lower = t.lemma, t.pos, t.dep, t.lower
    out = [f"t={lemma[i]}", f"tp={pos[i]}", f"t={lemma[i]}|{pos[i]}"]
    children = kids[at[i]:at[i + 1]]
    for c in children:
        d = dep[c]
        if d == "prep":
            objs = [x for x in kids[at[c]:at[c + 1]] if dep[x] == "pobj"]
            out.append(f"prep={lower[c]}")
            out.extend(f"prep_{lower[c]}:{lemma[x]}" for x in objs)
        elif d == "neg":
            out.append("neg")
        elif d in ("aux", "auxpass"):
            if lower[c] in MODALS:
                out.append(f"aux={lower[c]}")
            elif d == "auxpass":
                out.append("passive")
        elif d in CHILD_DEPS:
            out.append(f"{d}:{lemma[c]}")
    h = t.head[i]
    if h != i:
        out.append(f"dep={dep[i]}")
        if dep[i] in ("xcomp", "ccomp", "dobj", "pobj", "nsubj", "advcl", "conj"):
            out.append(f"head_{dep[i]}:{lemma[h]}")
    # the trigger's phrase: content lemmas of its subtree, a bag of words
    n = 0
    seen: set[str] = set()
    for j in sorted(subtree_at(doc, i)):
        if j != i and pos[j] in CONTENT_POS and lemma[j] not in seen:
            seen.add(lemma[j])
            out.append(f"w={lemma[j]}")
            n += 1
            if n >= MAX_SUBTREE:
                break
    # the sentence's content words, a bag of words (the event a sentence reports is often named
    # outside the trigger's own phrase: "... in the wake of the airstrikes")
    if sent is not None:
        seen.clear()
        for j in range(sent[0], min(sent[1], sent[0] + MAX_SENTENCE)):
            if pos[j] in SENTENCE_POS and lemma[j] not in seen:
                seen.add(lemma[j])
                out.append(f"s={lemma[j]}")
    return out


class EventModel:
    """Weights by feature (a list of floats, one per class) of the type head and of each type's
    mode head (NGEC's "no mode" is a class: the empty string)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.types: list[str] = data["types"]
        self.type_bias: list[float] = data["type_bias"]
        self.type_w: dict[str, list[float]] = data["type_weights"]
        self.mode_heads: dict[str, dict[str, Any]] = data["mode_heads"]
        self.threshold: float = data["threshold"]
        self.mode_threshold: float = data["mode_threshold"]
        self.meta: dict[str, Any] = data.get("meta", {})
        self._matrix: Any = None  # the type weights as a numpy matrix, made on first use
        self._row: dict[str, int] = {}
        self._bias: Any = None

    @staticmethod
    def _probs(feats: list[str], bias: list[float], w: dict[str, list[float]]) -> list[float]:
        z = list(bias)
        for f in dict.fromkeys(feats):  # once each, in a fixed order: the same sums in every process
            row = w.get(f)
            if row is not None:
                z = [a + b for a, b in zip(z, row)]
        m = max(z)
        e = [math.exp(x - m) for x in z]
        s = sum(e)
        return [x / s for x in e]

    def _type_scores(self, feats: list[str]) -> list[float]:
        """The type head's probabilities: the weight rows of the features present summed as one
        numpy matrix (rows in a fixed order, so every process sums alike)."""
        import numpy as np

        if self._matrix is None:
            names = list(self.type_w)
            self._row = {f: k for k, f in enumerate(names)}
            self._matrix = np.array([self.type_w[f] for f in names] or [[0.0] * len(self.types)])
            self._bias = np.array(self.type_bias)
        rows = [k for f in dict.fromkeys(feats) if (k := self._row.get(f)) is not None]
        z = self._bias + self._matrix[rows].sum(axis=0) if rows else self._bias.copy()
        z = z - z.max()
        e = np.exp(z)
        return (e / e.sum()).tolist()

    def type_probs(self, feats: list[str]) -> dict[str, float]:
        return dict(zip(self.types, self._type_scores(feats)))

    def predict(self, feats: list[str]) -> tuple[str, float]:
        """The likeliest PLOVER type and its probability."""
        p = self.type_probs(feats)
        t = max(p, key=p.__getitem__)
        return t, p[t]

    def mode_of(self, feats: list[str], type_: str) -> tuple[str | None, float]:
        """The likeliest mode of an event of ``type_`` (None: no mode) and its probability; (None, 0)
        for a type with no mode head."""
        head = self.mode_heads.get(type_)
        if head is None:
            return None, 0.0
        p = self._probs(feats, head["bias"], head["weights"])
        k = max(range(len(p)), key=p.__getitem__)
        return head["modes"][k] or None, p[k]


@lru_cache(maxsize=1)
def event_model() -> EventModel | None:
    """The shipped model (``resources/event_type_model.json``), or None when absent."""
    try:
        raw = resources.files("fogline.resources").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    return EventModel(json.loads(raw))


def fill_modes(parsed: Any, events: list[Any]) -> None:
    """Give a mode to each asserted event the patterns coded with a type but no mode, where the
    model's likeliest mode for that type (its trigger word in its sentence, :func:`features_at`) is a
    mode, not "none", with probability at least the model's ``mode_threshold`` (chosen on held-out
    NGEC stories). The event keeps its type, code and roles; ``coded_by`` records the model's part."""
    model = event_model() if ENABLED and "modes" in USES else None
    if model is None or model.mode_threshold >= 1.0:  # 1.0: the held-out stories found no safe threshold
        return
    for ev in events:
        if ev.mode is not None or ev.type not in model.mode_heads or ev.trigger_span is None:
            continue
        sdoc = parsed.parts.get(ev.trigger_span.part)
        if sdoc is None:
            continue
        i = _token_at(sdoc, ev.trigger_span.start)
        if i < 0:
            continue
        sent = _sentence_of(sdoc, i)
        mode, p = model.mode_of(features_at(sdoc, i, sent), ev.type)
        if mode is not None and p >= model.mode_threshold:
            ev.mode = mode
            ev.coded_by = CODED_BY_MODE


CODED_BY_MODE = "patterns; mode: model"


def _token_at(doc: Doc, start: int) -> int:
    """The index of the token that starts at character ``start``, else -1."""
    idx = token_table(doc).idx
    k = bisect_left(idx, start)
    return k if k < len(idx) and idx[k] == start else -1


def _sentence_of(doc: Doc, i: int) -> tuple[int, int]:
    """The token range of the sentence of token ``i`` (sentence starts read once per Doc)."""
    starts = doc.user_data.get(_SENT_KEY)
    if starts is None:
        starts = doc.user_data[_SENT_KEY] = [s.start for s in doc.sents] + [len(doc)]
    k = bisect_right(starts, i) - 1
    return starts[k], starts[k + 1]


_SENT_KEY = "fogline_sentence_starts"


def main_predicate(doc: Doc, sent: tuple[int, int], root: int) -> int:
    """The sentence's main predicate: its root, or, where the root is a verb of saying with a clause
    of its own ("X said that Y attacked Z"), that clause's verb (repeatedly). The trigger the model
    was trained on (scripts/train_event_types.py)."""
    t = token_table(doc)
    kids, at = kids_table(doc)
    i = root
    for _ in range(4):
        if t.lemma[i] not in SAYING:
            break
        nxt = [c for c in kids[at[i]:at[i + 1]] if t.dep[c] == "ccomp"]
        if not nxt:
            break
        i = nxt[0]
    return i


def model_type(sent: Any) -> tuple[int, str] | None:
    """``(trigger index, PLOVER type)`` of the sentence's main predicate (a verb or a noun) where
    the model gives its likeliest type a probability of at least its ``threshold``; else None."""
    model = event_model() if ENABLED and "add" in USES else None
    if model is None:
        return None
    doc = sent.doc
    i = main_predicate(doc, (sent.start, sent.end), sent.root.i)
    if token_table(doc).pos[i] not in ("VERB", "NOUN"):
        return None
    type_, p = model.predict(features_at(doc, i, (sent.start, sent.end)))
    return (i, type_) if p >= model.threshold else None
