"""Event quality: fogline's events against four public gold sets (``fogline eval events``).

All texts of a set go through :func:`fogline.api.analyse_texts` in one call. Only events fogline
asserts happened count as predictions (``negated`` events are left out everywhere: "would not
provide support" is a REJECT in CAMEO and PLOVER, not an AID). Metric names (the keys of
``result["metrics"]``, and of the floors under ``"events"`` in ``tests/eval_floors.json``):

**PLOVER GSR** (``plover_*``; 322 records on 316 sentences, each sentence analysed once; a sentence
with two gold events is scored once per gold event). Old PLOVER 0.5b1 names are mapped to
current ones by :func:`fogline.eval.event_sets.modernise_plover` (listed in the report).

* ``plover_type``: share of records whose gold type is among the types of fogline's events for
  the sentence. ``plover_first``: share whose first event (text order) has the gold type.
* ``plover_source``: over records with a gold source, share where some fogline event *of the
  gold type* has a source actor matching some gold source actor (:func:`actor_matches`: same
  3-letter country/primary code prefix after :data:`CODE_ALIASES`, or the names match by
  :func:`names_match`).
* ``plover_mode``: over records whose mapped gold mode is a current PLOVER mode, share where an
  event of the gold type has that mode (``heavy-weapons`` also accepts ``aerial``/``drone``);
  ``plover_mode_given_type`` is the same over records whose type was found.

**PETR2 GSR** (``petr2_*``; 78 sentences, 80 events). The gold is PETRARCH2's output, so the
predictions are what a PETRARCH2-compatible CAMEO export of fogline's events writes
(:func:`fogline.extract.events.cameo_dyads`, the same function for any caller): one
``(source, target, code)`` dyad per coded source and coded target of each *primary*, asserted,
CAMEO-coded event that has a coded source and a target (an uncoded target is written ``---``);
repeats once. *Primary* (``Event.primary``, set by the extractor) follows what PETRARCH2 codes by
design: verbs of the sentence's clause chain (main clause, conjuncts, complements, adverbial clauses
of a verb that codes nothing itself), not nominal mentions, relative or prepositional clauses, the
mirror of a meeting, or a reported act that PETRARCH folds into the reporter's accusation (112).
The export also writes fogline's CAMEO *statements* (:func:`fogline.extract.events.cameo_statements`:
CAMEO root 01, "claimed responsibility for", "expressed sorrow over", coded as PETRARCH2 codes them
but kept out of the contract's events, which need a PLOVER type) and its other CAMEO-only records:
copies of events recoded by a PETRARCH2 convention that states no fact ("will meet" written as the
meeting, an agentless passive's place as its source, ``---`` for an uncoded target phrase, the last
code of a pattern the verb dictionary repeats), so the predictions of a sentence are
``cameo_dyads(doc.events + cameo_statements(doc))``.
fogline's document keeps all its events (PLOVER, ACLED and MUC-4 score the full list). The set
is split into two halves by document id (:func:`fogline.eval.event_sets.petr2_half`: CRC-32 of
the id before ``_n``, even -> A): A is the tuning half whose misses may be read, B is held out;
``fogline eval events --set petr2 --split A|B`` scores one half. A prediction matches a gold event of its sentence when the CAMEO roots (first two digits) are
equal and both roles match (:func:`role_matches`: gold ``USAGOV`` wants a predicted actor coded
``USA...``; gold ``---REB`` (country unknown) wants ``REB...`` or ``...REB...`` in position 4-6;
gold ``---`` (no actor coded) matches anything). Matching is one-to-one (maximum bipartite).
Micro ``petr2_precision``/``petr2_recall``/``petr2_f1`` over events; any prediction on a
"no event" sentence is a false positive. ``petr2_root_f1``: roots only.

**ACLED** (``acled_*``; a fixed evenly spaced sample of :data:`ACLED_ROWS` rows, row
``floor(i * n / k)`` of the ``n`` rows with notes, ``notes`` as text, ``event_date`` as the
published date). The *first coded event* is the first event with a non-null ``acled``.

* ``acled_sub_event_type`` / ``acled_event_type``: share of rows whose first coded event has
  the gold value (case-insensitive); rows with no coded event count as misses.
* ``acled_coded``: share of rows with any coded event.
* ``acled_actor1``: share where gold ``actor1`` (parenthetical removed: "Military Forces of
  Nigeria (2015-)" -> "Military Forces of Nigeria") matches (:func:`names_match`) the name or text of
  any source actor of any event, or the ACLED-style ``actor1`` of any event's ``acled`` record
  ("Protesters (Kenya)" for a protest, "Military Forces of Nigeria" for Nigerian troops; see
  :func:`fogline.extract.acled.acled_actors`).
* ``acled_location``: share where any event's location name matches the gold ``location``,
  ``admin1``, ``admin2`` or ``admin3`` (:func:`place_matches`); ``acled_location_first``: the
  first coded event's location.

**MUC-4 dev** (``muc4_*``; :data:`MUC4_DOCS` documents evenly spaced over the 200, each whole,
hard line wraps joined; the texts are all upper case, as MUC-4 has them). A gold entity (a list of
alternative strings) is found when any alternative matches (:func:`names_match`) the name or
text of any source actor of any event (perpetrators: ``perp_individual_id`` and
``perp_organization_id``) or any target actor (targets: ``phys_tgt_id`` and ``hum_tgt_name``).
``muc4_perpetrator`` and ``muc4_target`` are micro shares over entities.

**Name matching** (:func:`names_match`): texts are lower-cased, accents and parentheticals
dropped, dots removed ("U.N." -> "un"), tokens de-pluralised, country names and demonyms mapped
to one token (``countries.csv`` in ``data/dictionaries`` when present: "Nigerian" = "Nigeria"),
role words to a class (army/troops/forces/military -> military; rebels/guerrillas/militants ->
rebel; protesters/demonstrators; police; government/officials/minister...), stop words dropped.
Two names match when rapidfuzz ``token_sort_ratio`` >= 85, or when they share a token and
(i) their role classes, if both have one, intersect and (ii) their other tokens, if both have
some, overlap in more than half of the smaller set. So "Salvadoran army" does not match
"Salvadoran guerrillas", "Sudanese government" not "Iraqi government", but "police" matches
"Egyptian police" and "Nigerian troops" matches "Military Forces of Nigeria".
"""
from __future__ import annotations

import csv
import re
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..extract.events import cameo_dyads, cameo_statements
from ..model import Actor, Document, Event
from ..shared import SharedMissing
from .event_sets import (
    ACLED_FILE,
    MUC4_FILE,
    PETR2_FILE,
    PLOVER_FILE,
    PLOVER_TYPES,
    AcledRow,
    GoldActor,
    MucDoc,
    Petr2Sentence,
    PloverRecord,
    load_acled,
    load_muc4,
    load_petr2,
    load_plover,
    petr2_half,
)

SETS = ("plover", "petr2", "acled", "muc4")
# Sample sizes, chosen so that the whole run (and the quality gate) stays well under two minutes
# on two busy cores: measured here at ~1.5-3k words/s for parse + (empty) extraction.
ACLED_ROWS = 400        # evenly spaced rows, ~15k words of notes
MUC4_DOCS = 100         # evenly spaced documents (every 2nd), ~33k words; None for all 200 (~66k)
EXAMPLES = 6
FUZZ = 85

# Legacy or mistyped 3-letter codes in the gold files, to the ISO-3166 codes Phoenix uses.
CODE_ALIASES = {"ITL": "ITA", "JAP": "JPN", "VTN": "VNM", "GMY": "DEU", "UKG": "GBR", "ROM": "ROU",
                "ZAR": "COD", "TMP": "TLS", "BUR": "MMR", "SER": "SRB"}
MODE_ALSO = {"heavy-weapons": frozenset({"heavy-weapons", "aerial", "drone"})}

# --------------------------------------------------------------------------- names


_STOP = frozenset("""
a an the of and or in on at to for by with from into as its it their his her he she they them this that these
those who which s de del la el los las le les y unidentified unknown unnamed some several many other
certain alleged suspected presumed senior local former new group member members part side sides leader leaders
head chief spokesman spokesperson spokeswoman number
""".split())
_ROLES: dict[str, str] = {}
for _cls, _words in {
    "@mil": "military army force troop soldier servicemen serviceman marine navy airforce battalion "
            "brigade regiment paratrooper commando defence defense",
    "@cop": "police policeman policemen cop gendarme gendarmerie",
    "@reb": "rebel guerrilla guerilla insurgent militant fighter terrorist separatist jihadist extremist "
            "subversive militia militiamen militiaman",
    "@gov": "government govt official authority administration ministry minister president premier cabinet "
            "regime governor mayor",
    "@prot": "protester protestor demonstrator marcher",
    "@riot": "rioter mob",
    "@arm": "gunman gunmen assailant attacker gang criminal bandit armed",
    "@cvl": "civilian resident villager people peasant citizen inhabitant",
}.items():
    for _w in _words.split():
        _ROLES[_w] = _cls
_PLACE_WORDS = frozenset("""city town village district province region department municipality county oblast
state governorate prefecture area neighbourhood neighborhood suburb outskirts capital""".split())


@dataclass
class Names:
    """Country names and demonyms to one token per country (empty: no mapping)."""

    words: dict[str, str] = field(default_factory=dict)        # single word -> "cty_xxx"
    phrases: list[tuple[re.Pattern[str], str]] = field(default_factory=list)  # multi-word, longest first

    @classmethod
    def from_countries_csv(cls, path: Path) -> Names:
        """``countries.csv`` (NGEC): Name, CCA3, Nationality (comma-separated aliases)."""
        names = cls()
        if not path.exists():
            return names
        multi: dict[str, str] = {}
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                code = (row.get("CCA3") or "").strip()
                if not code:
                    continue
                tok = f"cty_{code.lower()}"
                for alias in [row.get("Name") or "", *(row.get("Nationality") or "").split(",")]:
                    norm = " ".join(_raw_tokens(alias))
                    if len(norm) < 3:
                        continue
                    if " " in norm:
                        multi.setdefault(norm, tok)
                    else:
                        names.words.setdefault(norm, tok)
                        names.words.setdefault(_singular(norm), tok)
        for phrase in sorted(multi, key=len, reverse=True):
            names.phrases.append((re.compile(rf"\b{re.escape(phrase)}\b"), multi[phrase]))
        return names


NO_NAMES = Names()


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def strip_parentheticals(text: str) -> str:
    return " ".join(re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text or "").split())


def _raw_tokens(text: str) -> list[str]:
    text = _fold(strip_parentheticals(text)).replace(".", "").replace("'s ", " ").replace("’s ", " ")
    return re.findall(r"[a-z0-9]+", text)


def _singular(w: str) -> str:
    if len(w) > 3 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


@lru_cache(maxsize=100_000)
def _name_tokens_cached(text: str, names_id: int) -> frozenset[str]:
    names = _NAMES_BY_ID.get(names_id, NO_NAMES)
    norm = " ".join(_raw_tokens(text))
    for pat, tok in names.phrases:
        if pat.search(norm):
            norm = pat.sub(f" {tok} ", norm)
    out = set()
    for w in norm.split():
        if w.startswith("cty_"):
            out.add(w)
            continue
        s = _singular(w)
        if w in _STOP or s in _STOP or w.isdigit():
            continue
        out.add(names.words.get(w) or names.words.get(s) or _ROLES.get(w) or _ROLES.get(s) or s)
    return frozenset(out)


_NAMES_BY_ID: dict[int, Names] = {}


def name_tokens(text: str, names: Names = NO_NAMES) -> frozenset[str]:
    """The normalised token set of a name (see the module notes)."""
    _NAMES_BY_ID.setdefault(id(names), names)
    return _name_tokens_cached(text or "", id(names))


def _fuzzy(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return float(fuzz.token_sort_ratio(" ".join(_raw_tokens(a)), " ".join(_raw_tokens(b))))


def names_match(gold: str, pred: str, names: Names = NO_NAMES) -> bool:
    """Whether a gold name and a predicted actor name or text denote the same actor."""
    g, p = name_tokens(gold, names), name_tokens(pred, names)
    if not g or not p:
        return False
    if not g & p:
        return _fuzzy(gold, pred) >= FUZZ
    rg, rp = {t for t in g if t.startswith("@")}, {t for t in p if t.startswith("@")}
    if rg and rp and not rg & rp:
        return False
    dg, dp = g - rg, p - rp
    if dg and dp and len(dg & dp) * 2 <= min(len(dg), len(dp)):
        return _fuzzy(gold, pred) >= FUZZ
    return True


def place_matches(gold: str, pred: str) -> bool:
    """A gold place name against a predicted location name: shared distinctive token (place words
    such as "district" or "oblast" ignored) covering more than half the smaller name, or fuzzy."""
    g = {w for w in _raw_tokens(gold) if w not in _PLACE_WORDS and w not in _STOP}
    p = {w for w in _raw_tokens(pred) if w not in _PLACE_WORDS and w not in _STOP}
    if g and p and len(g & p) * 2 > min(len(g), len(p)):
        return True
    return bool(g and p) and _fuzzy(gold, pred) >= FUZZ


def code_key(code: str | None) -> str:
    """The country/primary part of a CAMEO-style code: first three letters, aliases resolved;
    ``---XXX`` (country unknown) gives ``XXX``; empty or ``---`` gives ``""``."""
    c = (code or "").strip().upper()
    if c.startswith("---"):
        c = c[3:]
    c = c[:3]
    return CODE_ALIASES.get(c, c)


def actor_matches(pred: Actor, gold: GoldActor, names: Names = NO_NAMES) -> bool:
    """PLOVER source/target rule: same code key, or matching names (either name or text)."""
    gk = code_key(gold.code)
    if gk and gk == code_key(pred.code):
        return True
    return any(names_match(gold.text, t, names) for t in {pred.text, pred.name} if t and gold.text)


def role_matches(gold_code: str, actors: Sequence[Actor]) -> bool:
    """PETR2 rule for one role (see the module notes)."""
    g = (gold_code or "").strip().upper()
    if not g or set(g) == {"-"}:
        return True
    if g.startswith("---"):
        agent = g[3:6]
        return any((a.code or "").upper()[:3] == agent or (a.code or "").upper()[3:6] == agent for a in actors)
    key = code_key(g)
    return any(code_key(a.code) == key for a in actors)


# --------------------------------------------------------------------------- small helpers


def asserted(events: Iterable[Event]) -> list[Event]:
    """The events that count as predictions: those not negated."""
    return [e for e in events if not e.negated]


def ratio(hit: int, n: int) -> float:
    return round(hit / n, 4) if n else 0.0


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    """Micro precision, recall and F1 from true positives and counts (0 where undefined)."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def max_matching(n_gold: int, n_pred: int, ok: Callable[[int, int], bool]) -> int:
    """Size of a maximum one-to-one matching of gold ``i`` to prediction ``j`` where ``ok(i, j)``."""
    match_of_pred: dict[int, int] = {}
    adj = [[j for j in range(n_pred) if ok(i, j)] for i in range(n_gold)]

    def augment(i: int, seen: set[int]) -> bool:
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in match_of_pred or augment(match_of_pred[j], seen):
                match_of_pred[j] = i
                return True
        return False

    return sum(1 for i in range(n_gold) if augment(i, set()))


# --------------------------------------------------------------------------- PLOVER


def _mode_ok(gold_mode: str, pred_mode: str | None) -> bool:
    return (pred_mode or "") in MODE_ALSO.get(gold_mode, frozenset({gold_mode}))


def score_plover(records: Sequence[PloverRecord], predicted: dict[str, list[Event]],
                 names: Names = NO_NAMES) -> dict[str, Any]:
    """``predicted``: sentence text -> fogline's events for it."""
    n = len(records)
    type_hit = first_hit = src_n = src_hit = mode_n = mode_hit = mode_typed_n = 0
    per: dict[str, Counter[str]] = defaultdict(Counter)
    misses: list[dict[str, Any]] = []
    for r in records:
        events = asserted(predicted.get(r.text, []))
        types = [e.type for e in events]
        right = [e for e in events if e.type == r.type]
        t_ok = bool(right)
        f_ok = bool(types) and types[0] == r.type
        type_hit += t_ok
        first_hit += f_ok
        c = per[r.type]
        c["n"] += 1
        c["type"] += t_ok
        c["first"] += f_ok
        if r.source:
            src_n += 1
            c["src_n"] += 1
            s_ok = any(actor_matches(a, g, names) for e in right for a in e.source for g in r.source)
            src_hit += s_ok
            c["src"] += s_ok
        if r.mode:
            mode_n += 1
            m_ok = any(_mode_ok(r.mode, e.mode) for e in right)
            mode_hit += m_ok
            mode_typed_n += t_ok
        if not t_ok and len(misses) < EXAMPLES:
            misses.append({"id": r.id, "gold": r.type, "predicted": types})
    per_type = {t: {"n": c["n"], "type": ratio(c["type"], c["n"]), "first": ratio(c["first"], c["n"]),
                    "source": ratio(c["src"], c["src_n"]) if c["src_n"] else None}
                for t, c in sorted(per.items())}
    return {
        "records": n, "sentences": len({r.text for r in records}),
        "type": ratio(type_hit, n), "first": ratio(first_hit, n),
        "source": ratio(src_hit, src_n), "source_records": src_n,
        "mode": ratio(mode_hit, mode_n), "mode_given_type": ratio(mode_hit, mode_typed_n),
        "mode_records": mode_n, "per_type": per_type, "misses": misses,
        "events_per_sentence": round(sum(len(asserted(v)) for v in predicted.values()) / max(len(predicted), 1), 3),
    }


# --------------------------------------------------------------------------- PETR2


def score_petr2(sentences: Sequence[Petr2Sentence], predicted: dict[str, list[Event]]) -> dict[str, Any]:
    """``predicted``: sentence id -> fogline's events for it."""
    tp = tp_root = n_pred = n_gold = 0
    fp_no_event = 0
    misses: list[dict[str, Any]] = []
    for s in sentences:
        preds = cameo_dyads(predicted.get(s.id, []))
        gold = list(s.events)
        n_pred += len(preds)
        n_gold += len(gold)
        if not gold:
            fp_no_event += len(preds)

        def full(i: int, j: int, gold: list[Any] = gold, preds: list[Event] = preds) -> bool:
            g, p = gold[i], preds[j]
            return (g.cameo[:2] == (p.cameo or "")[:2] and role_matches(g.source, p.source)
                    and role_matches(g.target, p.target))

        def root(i: int, j: int, gold: list[Any] = gold, preds: list[Event] = preds) -> bool:
            return gold[i].cameo[:2] == (preds[j].cameo or "")[:2]

        m = max_matching(len(gold), len(preds), full)
        tp += m
        tp_root += max_matching(len(gold), len(preds), root)
        if (m < len(gold) or m < len(preds)) and len(misses) < EXAMPLES:
            misses.append({"id": s.id,
                           "gold": [f"{g.cameo} {g.source or '-'}>{g.target or '-'}" for g in gold] or ["no event"],
                           "predicted": [f"{p.cameo} {'+'.join(a.code or '?' for a in p.source) or '-'}>"
                                         f"{'+'.join(a.code or '?' for a in p.target) or '-'}" for p in preds]})
    full_prf = prf(tp, n_pred, n_gold)
    root_prf = prf(tp_root, n_pred, n_gold)
    return {"sentences": len(sentences), "gold_events": n_gold, "predicted_events": n_pred,
            "true_positives": tp, "false_positives_on_no_event": fp_no_event,
            **full_prf, "root_precision": root_prf["precision"], "root_recall": root_prf["recall"],
            "root_f1": root_prf["f1"], "misses": misses}


# --------------------------------------------------------------------------- ACLED


def first_coded(events: Iterable[Event]) -> Event | None:
    return next((e for e in asserted(events) if e.acled), None)


def _same(a: str | None, b: str | None) -> bool:
    return " ".join((a or "").casefold().split()) == " ".join((b or "").casefold().split())


def score_acled(rows: Sequence[AcledRow], predicted: dict[str, list[Event]], names: Names = NO_NAMES) -> dict[str, Any]:
    """``predicted``: row id -> fogline's events for the row's notes."""
    n = len(rows)
    coded = sub = etype = actor = loc = loc_first = 0
    misses: list[dict[str, Any]] = []
    for r in rows:
        events = asserted(predicted.get(r.id, []))
        first = first_coded(events)
        coded += first is not None
        s_ok = first is not None and _same(first.acled.get("sub_event_type"), r.sub_event_type)  # type: ignore[union-attr]
        sub += s_ok
        etype += first is not None and _same(first.acled.get("event_type"), r.event_type)  # type: ignore[union-attr]
        gold_actor = strip_parentheticals(r.actor1)
        actor += bool(gold_actor) and (
            any(names_match(gold_actor, t, names) for e in events for a in e.source for t in {a.name, a.text} if t)
            or any(names_match(gold_actor, e.acled["actor1"], names) for e in events
                   if e.acled and e.acled.get("actor1")))
        loc += any(e.location and place_matches(g, e.location.name) for e in events for g in r.places)
        loc_first += bool(first and first.location and any(place_matches(g, first.location.name) for g in r.places))
        if not s_ok and len(misses) < EXAMPLES:
            misses.append({"id": r.id, "gold": r.sub_event_type,
                           "predicted": first.acled.get("sub_event_type") if first else None,  # type: ignore[union-attr]
                           "types": [e.type for e in events]})
    return {"rows": n, "coded": ratio(coded, n), "sub_event_type": ratio(sub, n), "event_type": ratio(etype, n),
            "actor1": ratio(actor, n), "location": ratio(loc, n), "location_first": ratio(loc_first, n),
            "misses": misses}


# --------------------------------------------------------------------------- MUC-4


def _found(entity: Sequence[str], actors: Sequence[Actor], names: Names) -> bool:
    return any(names_match(alt, t, names) for alt in entity for a in actors for t in {a.name, a.text} if t)


def score_muc4(docs: Sequence[MucDoc], predicted: dict[str, list[Event]], names: Names = NO_NAMES) -> dict[str, Any]:
    """``predicted``: document id -> fogline's events for it."""
    counts: Counter[str] = Counter()
    misses: list[dict[str, Any]] = []
    for d in docs:
        events = asserted(predicted.get(d.id, []))
        sources = [a for e in events for a in e.source]
        targets = [a for e in events for a in e.target]
        counts["events"] += len(events)
        for role, ents in d.roles.items():
            if role == "incident_instrument_id":
                continue
            actors = sources if role.startswith("perp") else targets
            kind = "perp" if role.startswith("perp") else "target"
            for ent in ents:
                ok = _found(ent, actors, names)
                counts[f"{kind}_n"] += 1
                counts[f"{kind}"] += ok
                counts[f"{role}_n"] += 1
                counts[role] += ok
                if not ok and len(misses) < EXAMPLES:
                    misses.append({"id": d.id, "role": role, "gold": ent[0][:60],
                                   "predicted": sorted({(a.name or a.text)[:40] for a in actors})[:5]})
    by_role = {r: ratio(counts[r], counts[f"{r}_n"]) for r in
               ("perp_individual_id", "perp_organization_id", "phys_tgt_id", "hum_tgt_name")}
    return {"documents": len(docs), "perpetrator": ratio(counts["perp"], counts["perp_n"]),
            "perpetrator_entities": counts["perp_n"], "target": ratio(counts["target"], counts["target_n"]),
            "target_entities": counts["target_n"], "by_role": by_role,
            "events_per_document": round(counts["events"] / max(len(docs), 1), 2), "misses": misses}


# --------------------------------------------------------------------------- running


def _analyse(texts: list[tuple[str, str | None]], n_process: int) -> list[Document]:
    from ..api import analyse_texts

    return analyse_texts(texts, n_process=n_process) if texts else []


def events_dir(shared: Path) -> Path:
    d = Path(shared) / "data" / "events"
    if not d.is_dir():
        raise SharedMissing(f"event gold sets not found: {d} is missing")
    return d


def evaluate(shared: Path, *, limit: int | None = None, sets: list[str] | None = None,
             acled_rows: int = ACLED_ROWS, muc4_docs: int | None = MUC4_DOCS, n_process: int = 1,
             split: str | None = None) -> dict[str, Any]:
    """Score fogline's events on the chosen ``sets`` (default all of :data:`SETS`).

    ``limit`` caps the texts of every set (evenly spaced); ACLED uses ``acled_rows`` rows and MUC-4
    ``muc4_docs`` documents (None: all) before that cap. ``split`` ("A" or "B") keeps only that half
    of PETR2 GSR (:func:`fogline.eval.event_sets.petr2_half`); other sets are unaffected. Raises SharedMissing without
    ``<shared>/data/events``.
    """
    from .event_sets import spread

    chosen = list(SETS) if not sets else [s for s in SETS if s in sets]
    unknown = sorted(set(sets or []) - set(SETS))
    if unknown:
        raise ValueError(f"unknown event sets {unknown}; choose from {list(SETS)}")
    if split and split.upper() not in ("A", "B"):
        raise ValueError(f"unknown PETR2 split {split!r}; choose A or B")
    d = events_dir(shared)
    names = Names.from_countries_csv(Path(shared) / "data" / "dictionaries" / "countries.csv")
    out: dict[str, Any] = {"sets": {}, "metrics": {}, "limit": limit,
                           "names": "countries.csv demonyms" if names.words else "no demonym table"}
    t_all = time.perf_counter()
    for name in chosen:
        t0 = time.perf_counter()
        if name == "plover":
            records, notes = load_plover(d / PLOVER_FILE)
            records = spread(records, limit)
            texts = list(dict.fromkeys(r.text for r in records))
            docs = _analyse([(t, None) for t in texts], n_process)
            res = score_plover(records, {t: doc.events for t, doc in zip(texts, docs)}, names)
            metrics = {"type": res["type"], "first": res["first"], "source": res["source"], "mode": res["mode"],
                       "mode_given_type": res["mode_given_type"]}
            n_texts = len(texts)
        elif name == "petr2":
            sents, notes = load_petr2(d / PETR2_FILE)
            if split:
                sents = [s for s in sents if petr2_half(s.id) == split.upper()]
                notes = {**notes, "split": split.upper()}
            sents = spread(sents, limit)
            docs = _analyse([(s.text, s.date) for s in sents], n_process)
            res = score_petr2(sents, {s.id: [*doc.events, *cameo_statements(doc)] for s, doc in zip(sents, docs)})
            metrics = {k: res[k] for k in ("precision", "recall", "f1", "root_f1")}
            n_texts = len(sents)
        elif name == "acled":
            rows, notes = load_acled(d / ACLED_FILE, min(acled_rows, limit) if limit else acled_rows)
            docs = _analyse([(r.text, r.date) for r in rows], n_process)
            res = score_acled(rows, {r.id: doc.events for r, doc in zip(rows, docs)}, names)
            metrics = {k: res[k] for k in ("sub_event_type", "event_type", "coded", "actor1", "location",
                                           "location_first")}
            n_texts = len(rows)
        else:
            cap = min(x for x in (muc4_docs, limit) if x is not None) if (muc4_docs or limit) else None
            mdocs, notes = load_muc4(d / MUC4_FILE, cap)
            docs = _analyse([(m.text, None) for m in mdocs], n_process)
            res = score_muc4(mdocs, {m.id: doc.events for m, doc in zip(mdocs, docs)}, names)
            metrics = {"perpetrator": res["perpetrator"], "target": res["target"]}
            n_texts = len(mdocs)
        res["texts"] = n_texts
        # an extractor that raised on a text (FL500: reported, the text's other facts kept) scores
        # as a miss there; listed so that a broken rule is seen, not read as a lower figure
        res["extractor_errors"] = [f"{name} text {k}: {e}" for k, doc in enumerate(docs) for e in doc.extraction_errors]
        res["words"] = sum(len(doc.body.split()) for doc in docs)
        res["seconds"] = round(time.perf_counter() - t0, 2)
        res["gold_notes"] = notes
        out["sets"][name] = res
        out["metrics"].update({f"{name}_{k}": v for k, v in metrics.items()})
    out["seconds"] = round(time.perf_counter() - t_all, 2)
    return out


# --------------------------------------------------------------------------- report


def _pct(x: float | None) -> str:
    return "  -  " if x is None else f"{100 * x:5.1f}%"


def format_report(result: dict[str, Any]) -> str:
    lines = [f"fogline eval events ({result.get('seconds', 0)} s; names: {result.get('names')})"]
    sets = result.get("sets", {})
    if "plover" in sets:
        r = sets["plover"]
        notes = r["gold_notes"]
        lines += ["", f"PLOVER GSR: {r['records']} records on {r['texts']} sentences, {r['words']} words, "
                      f"{r['seconds']} s, {r['events_per_sentence']} events/sentence",
                  f"  right event type      {_pct(r['type'])}   (first event right {_pct(r['first'])})",
                  f"  source found          {_pct(r['source'])}   over {r['source_records']} records with a gold "
                  "source; code prefix (3 letters) or name match, on an event of the gold type",
                  f"  mode right            {_pct(r['mode'])}   over {r['mode_records']} records with a current "
                  f"mode ({_pct(r['mode_given_type'])} where the type was right)",
                  "  per type:         n    type   first  source"]
        for t, c in r["per_type"].items():
            lines.append(f"    {t:<12} {c['n']:5d}  {_pct(c['type'])} {_pct(c['first'])} {_pct(c['source'])}")
        lines.append("  old PLOVER 0.5b1 names mapped (old/mode -> new/mode: records):")
        lines += [f"    {k}: {v}" for k, v in notes["renamed"].items()]
        if notes.get("duplicate_ids"):
            lines.append(f"  duplicate ids in the gold file: {', '.join(notes['duplicate_ids'])}")
        lines += _misses(r["misses"])
    if "petr2" in sets:
        r = sets["petr2"]
        half = f" (half {r['gold_notes']['split']})" if r["gold_notes"].get("split") else ""
        lines += ["", f"PETR2 GSR{half}: {r['sentences']} sentences, {r['gold_events']} gold events, "
                      f"{r['predicted_events']} predicted (CAMEO-coded), {r['words']} words, {r['seconds']} s",
                  f"  root + source/target prefix   P {_pct(r['precision'])}  R {_pct(r['recall'])}  F1 {_pct(r['f1'])}",
                  f"  root only                     P {_pct(r['root_precision'])}  R {_pct(r['root_recall'])}  "
                  f"F1 {_pct(r['root_f1'])}",
                  f"  predictions on no-event sentences (false positives): {r['false_positives_on_no_event']}"]
        if r["gold_notes"].get("bad_dates"):
            lines.append(f"  unparseable gold dates (no published date given): {', '.join(r['gold_notes']['bad_dates'])}")
        lines += _misses(r["misses"])
    if "acled" in sets:
        r = sets["acled"]
        lines += ["", f"ACLED: {r['rows']} rows ({r['gold_notes']['sampling']} of {r['gold_notes']['rows_in_file']}), "
                      f"{r['words']} words, {r['seconds']} s",
                  f"  first coded event: sub_event_type {_pct(r['sub_event_type'])}  event_type {_pct(r['event_type'])}"
                  f"  (rows with a coded event {_pct(r['coded'])})",
                  f"  actor1 found {_pct(r['actor1'])}   location found {_pct(r['location'])} "
                  f"(first coded event's {_pct(r['location_first'])})"]
        lines += _misses(r["misses"])
    if "muc4" in sets:
        r = sets["muc4"]
        br = r["by_role"]
        caps = r["gold_notes"].get("all_caps_documents", 0)
        lines += ["", f"MUC-4 dev: {r['documents']} of {r['gold_notes'].get('documents_in_file')} documents "
                      f"({caps} all upper case), {r['words']} words, {r['seconds']} s, "
                      f"{r['events_per_document']} events/document",
                  f"  perpetrators found {_pct(r['perpetrator'])} of {r['perpetrator_entities']} "
                  f"(individual {_pct(br['perp_individual_id'])}, organisation {_pct(br['perp_organization_id'])})",
                  f"  targets found      {_pct(r['target'])} of {r['target_entities']} "
                  f"(physical {_pct(br['phys_tgt_id'])}, human {_pct(br['hum_tgt_name'])})"]
        lines += _misses(r["misses"])
    errors = [e for r in sets.values() for e in r.get("extractor_errors", [])]
    if errors:
        lines += ["", f"EXTRACTOR ERRORS ({len(errors)}; those texts' other facts were kept): " + "; ".join(errors[:6])]
    if result.get("metrics"):
        lines += ["", "metrics: " + ", ".join(f"{k}={v}" for k, v in result["metrics"].items())]
    return "\n".join(lines)


def _misses(misses: list[dict[str, Any]]) -> list[str]:
    if not misses:
        return []
    out = ["  example misses:"]
    for m in misses:
        rest = {k: v for k, v in m.items() if k != "id"}
        out.append(f"    {m['id']}: " + "; ".join(f"{k} {v}" for k, v in rest.items()))
    return out


__all__ = ["SETS", "evaluate", "format_report", "score_plover", "score_petr2", "score_acled", "score_muc4",
           "names_match", "place_matches", "actor_matches", "role_matches", "code_key", "prf", "max_matching",
           "Names", "PLOVER_TYPES"]
