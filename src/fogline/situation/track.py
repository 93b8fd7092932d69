"""Tracking a named proposition across reports (``fogline track "PROPOSITION" PATH...``).

For each document: which way the report itself leans (``for``, ``against``, ``observing``,
``unrelated``) and which speakers assert or deny the proposition, with evidence spans.

How:

- the proposition is parsed once; its frame is :func:`fogline.extract.claims.frame_of`'s
  (predicate class, argument nouns) and its polarity is whether its main verb is negated
  ("the deal does not allow ..."); its *key words* are the lemmas of its content words;
- a claim or sentence *bears on* the proposition when its frame meets the proposition's (same
  predicate class, a shared argument: the rule :mod:`fogline.situation.propositions` merges by)
  or its key words cover enough of the proposition's (:data:`OVERLAP` of them, at least two, or
  the only one);
- speakers: every claim that bears on it gives its speaker's stance, ``assert``/``deny`` as the
  claim says, flipped when the proposition is itself negated; a silence on it gives ``silent``;
- the report's own stance, from its title (when there is one and it bears on the proposition)
  else its body, first sentence that bears on it:
  ``against`` when it debunks or denies it (debunk words such as "hoax", "false", "fake", "no
  evidence", "not true"; a denial cue; or its main clause negated, in the outlet's voice or the
  claim's: a headline "X denies Y" leans against Y); ``observing`` when it only reports or hedges
  it (a claim with a named speaker, "reportedly", "allegedly", "rumours", "claims", "may"/"could",
  a question), unless a factive verb ("confirms", "reveals", "admits") relays it unhedged;
  ``for`` when it states it in its own voice; ``unrelated`` when nothing bears on it. A
  proposition that is itself about a statement ("a cleric declared that X") is stated, not
  observed, by a headline that relays that speaker's statement ("Cleric says X"). A headline
  that would lean ``for`` but ends by crediting a source ("...: WSJ", "... - report") observes.

The cues are general English words of debunking, reporting and hedging, read off the kinds of
headline in Emergent's training split (Ferreira and Vlachos 2016), not fitted to its rows.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..model import Document, to_dict

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

OVERLAP = 0.5
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
LIGHT = {"be", "have", "do", "make", "get", "say", "will", "would", "can", "could", "may", "might",
         "go", "new", "year", "time", "people", "man", "woman"}
# Debunking: the report says it is untrue.
DEBUNK_WORDS = {"hoax", "hoaxer", "hoaxes", "false", "fake", "fakes", "faked", "untrue", "debunk", "debunks",
                "debunked", "debunking", "myth", "myths", "bogus", "fabricated", "fabrication", "fiction",
                "satire", "satirical", "nope", "scam", "phony", "phoney", "misleading", "lie", "lies", "rumour",
                "rumor", "rubbish", "nonsense", "baseless", "unfounded", "groundless", "doubt", "doubts",
                "doubted", "skeptical", "sceptical", "untrue", "denial", "debunks", "busted", "hoaxed"}
DEBUNK_PHRASES = re.compile(
    r"\b(?:not true|no evidence|no proof|isn'?t true|is not true|not real|made (?:it|this|that|the \w+) up|"
    r"made up|set(?:ting)? the record straight|too good to (?:be true|check)|probably not|fact[- ]check|"
    r"turns out (?:to be )?(?:false|fake)|no,|not so fast|exposed as|denie[sd]|deny|refute[sd]?|dismiss(?:es|ed)?)\b",
    re.I)
# Reporting and hedging: the report only relays it.
HEDGE_WORDS = {"reportedly", "allegedly", "apparently", "purportedly", "supposedly", "possibly", "perhaps",
               "likely", "probably", "unconfirmed", "rumoured", "rumored", "rumours", "rumors", "rumour", "rumor",
               "claim", "claims", "claimed", "claiming", "alleged", "alleges", "report", "reports", "reported",
               "according", "may", "might", "could", "would", "believed", "thought", "suspected", "speculation",
               "speculate", "speculates", "says", "said", "say", "tells", "told", "sources", "source", "fear",
               "fears", "feared", "insists", "insist", "suggests", "suggest", "appears", "appear", "seems",
               "seem", "considering", "consider", "considers", "mulls", "weighs", "expected", "expects", "forecast",
               "forecasts", "predicts", "predicted", "estimate", "estimates", "speculated", "hints", "hint",
               "rumoured", "whispers", "suggested", "possible", "potential", "unverified", "believes",
               # suspicion, talks and tips: a matter not yet settled ("main suspect in", "in talks to",
               # "tipped to", "questions raised over")
               "suspect", "suspects", "tipped", "questions", "talks", "discussions", "eyes", "mystery"}
# Factive reporting verbs present what they report as fact: "HP confirms plan to split" leans for.
FACTIVE_LEMMAS = {"confirm", "reveal", "prove", "admit", "acknowledge", "concede", "show", "discover"}
REPORTING_ONLY = {"says", "said", "say", "tells", "told", "report", "reports", "reported", "according", "sources",
                  "source", "claim", "claims", "claimed", "claiming"}
DENY_LEMMAS = {"deny", "reject", "dismiss", "refute", "rebut", "dispute", "contradict", "debunk"}
NEG_WORDS = {"not", "n't", "never", "no", "nor"}
# Verbs of saying: a proposition headed by one is about a statement ("X told Y that Z").
SPEECH_LEMMAS = {"say", "tell", "declare", "claim", "announce", "state", "insist", "write", "tweet", "post",
                 "admit", "confess", "reveal", "ask", "urge", "describe", "apologize", "apologise"}
SPEECH_WORDS = {"tells", "told", "says", "said", "claims", "claimed", "insists", "insist", "declares", "declared",
                "reveals", "revealed", "warns", "warned", "asks", "asked", "urges", "urged"}


def _key_words(toks: Sequence[Token]) -> set[str]:
    return {t.lemma_.lower() for t in toks if t.pos_ in CONTENT_POS and not t.is_stop and t.is_alpha is not False
            and t.lemma_.lower() not in LIGHT and len(t.text) > 1}


def _root(toks: Sequence[Token]) -> Token | None:
    ids = {t.i for t in toks}
    for t in toks:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return None


def _negated(toks: Sequence[Token]) -> bool:
    root = _root(toks)
    if root is None:
        return False
    heads = [root] + [c for c in root.children if c.dep_ in ("xcomp", "ccomp", "aux", "auxpass")]
    return any(c.dep_ == "neg" or (c.lower_ in ("no", "never") and c.dep_ in ("det", "neg", "advmod"))
               for h in heads for c in h.children)


class _Proposition:
    def __init__(self, text: str, nlp: Any) -> None:
        from ..extract.claims import frame_of

        self.text = text
        self.doc = nlp(text)
        toks = [t for t in self.doc if not t.is_space]
        self.negated = _negated(toks)
        # a proposition that is itself about what someone said ("a cleric declared that X"):
        # a headline relaying that speech states it rather than observes it
        root = _root(toks)
        subj = next((c for c in root.children if c.dep_ == "nsubj"), None) if root is not None else None
        # the speaker's words ("cleric", "pope"), when the proposition is about a statement
        self.speech: set[str] = _key_words(list(subj.subtree)) if (
            subj is not None and root.lemma_.lower() in SPEECH_LEMMAS) else set()
        self.frame = frame_of(toks)
        self.keys = _key_words(toks)

    def bears(self, toks: Sequence[Token], frame: dict[str, Any] | None = None, *, headline: bool = False) -> bool:
        """Whether ``toks`` (a claim's content, a sentence) bear on the proposition. A headline is
        about one story, so one shared key word is enough there."""
        from .propositions import _same_matter

        if frame is not None and self.frame is not None and _same_matter(self.frame, frame):
            return True
        if not self.keys:
            return False
        shared = _shared(self.keys, _key_words(toks))
        if headline:
            return shared >= 1
        need = 1 if len(self.keys) <= 2 else max(2, int(OVERLAP * len(self.keys) + 0.999))
        return shared >= need


def _shared(a: set[str], b: set[str]) -> int:
    """Key words of ``a`` found in ``b``: the same lemma, or the same first four letters for words
    of five letters or more ("Italy"/"Italian", "Syria"/"Syrian")."""
    pre = {w[:4] for w in b if len(w) >= 5}
    return sum(1 for w in a if w in b or (len(w) >= 5 and w[:4] in pre))


def _flip(stance: str, negated: bool) -> str:
    return {"assert": "deny", "deny": "assert"}.get(stance, stance) if negated else stance


def _debunks(sent: SpacySpan) -> bool:
    words = {t.lower_ for t in sent}
    debunk = words & DEBUNK_WORDS
    return bool(DEBUNK_PHRASES.search(sent.text) or (debunk and not debunk <= {"rumour", "rumor"}))


# A headline that ends by naming its source: "...: WSJ", "... - report", "...: South Korea paper".
_CREDIT = re.compile(r"(?::|\s[-–—]+|^[-–—]+)\s*((?:[A-Za-z][\w.'&]*\s?){1,3})\s*$")
CREDIT_NOUNS = {"report", "reports", "source", "sources", "monitor", "watchdog", "paper", "newspaper", "media",
                "official", "officials", "police", "agency", "study", "poll", "survey", "rumor", "rumour",
                "insider", "insiders", "analyst", "analysts", "witness", "witnesses", "activists", "tv", "state"}


def _credited(title: str) -> bool:
    """A headline ending with the name of whoever it relays: a colon or a dash, then one to three
    words that are a proper name (capitalised, not a page label such as "Live", "Details", "Video")
    or a source noun ("report", "sources", "monitor")."""
    from ..extract.claims import NOT_SPEAKERS

    m = _CREDIT.search(title.strip().rstrip("."))
    if m is None:
        return False
    words = m.group(1).split()
    if any(w.lower() in NOT_SPEAKERS | {"live", "details", "update", "updated", "updates", "pics", "pictures"}
           - {"source", "sources"} for w in words):
        return False
    if any(w.lower() in CREDIT_NOUNS for w in words):
        return True
    return all(w[0].isupper() for w in words) and len(words) <= 2 and not any(
        w.lower() in NEG_WORDS | {"yes", "why", "how", "what", "who", "when", "where"} for w in words)


def _speaker_words(c: dict[str, Any]) -> set[str]:
    sp = c.get("speaker") or {}
    return {w.lower() for w in re.findall(r"[A-Za-z]{3,}", f"{sp.get('name') or ''} {sp.get('text') or ''}")}


def _sentence_stance(sent: SpacySpan, in_sent: list[dict[str, Any]], speech: set[str] | None = None) -> str:
    """``against``, ``observing`` or ``for`` for a sentence (a headline) that bears on the matter;
    ``in_sent``: the claims whose cue is in it."""
    from ..extract.claims import CUE_VERBS, REPORT_NOUNS

    # Relayed speech makes a report an observer; an attitude the learnt cue lexicon also counts
    # as an attribution ("X wants Y", "a video shows Y") does not.
    in_sent = [c for c in in_sent if c["cue"] in CUE_VERBS or c["cue"] in REPORT_NOUNS or c["cue"] == "according to"]
    words = {t.lower_ for t in sent}
    debunk = words & DEBUNK_WORDS
    phrase = DEBUNK_PHRASES.search(sent.text)
    # "rumours" alone is a hedge ("amid rumours of ..."); called false, it is a debunk
    if phrase or (debunk and not debunk <= {"rumour", "rumor"}):
        return "against"
    if any(c["stance"] == "deny" for c in in_sent):
        return "against"
    if _negated([t for t in sent if not t.is_space and not t.is_punct]):
        return "against"
    hedges = words & HEDGE_WORDS
    if speech and any(_shared(speech, _speaker_words(c)) for c in in_sent):
        # the matter is the saying itself, and the headline relays that speaker saying it: it
        # states it ("Cleric says X" toward "a cleric declared that X")
        in_sent = []
        hedges -= REPORTING_ONLY | SPEECH_WORDS
    if any(t.lemma_.lower() in FACTIVE_LEMMAS and t.pos_ == "VERB" for t in sent) and not (
            hedges - REPORTING_ONLY or "?" in sent.text):
        return "for"
    if hedges or "?" in sent.text or in_sent:
        return "observing"
    return "for"


def track(proposition: str, documents: list[Document], *, n_process: int = 1) -> dict[str, Any]:
    """The contract's "Tracking a named proposition" object for ``documents`` (analysed here, in
    one ``nlp.pipe`` pass; their claims and silences are filled in)."""
    from ..extract import prepare_parts, run_extractors
    from ..model import CONTRACT_VERSION
    from ..nlp import load_model, parse_documents

    nlp = load_model()
    prop = _Proposition(proposition, nlp)
    out_docs = []
    for parsed in parse_documents(documents, nlp=nlp, n_process=n_process, prepare=prepare_parts):
        run_extractors(parsed)
        out_docs.append(_track_one(prop, parsed))
    return {"fogline": CONTRACT_VERSION, "proposition": proposition, "documents": out_docs, "rejected": []}


def _claim_tokens(parsed: Any, c: dict[str, Any]) -> list[Token]:
    sp = c["content_span"]
    sdoc = parsed.parts.get(sp["part"])
    if sdoc is None:
        return []
    span = sdoc.char_span(sp["start"], sp["end"], alignment_mode="expand")
    return list(span) if span is not None else []


def _track_one(prop: _Proposition, parsed: Any) -> dict[str, Any]:
    doc = parsed.doc
    claims = [to_dict(c) if not isinstance(c, dict) else c for c in doc.claims]
    speakers: dict[str, dict[str, Any]] = {}
    evidence: list[dict[str, Any]] = []
    bearing = []
    for c in claims:
        if not prop.bears(_claim_tokens(parsed, c), c.get("frame")):
            continue
        bearing.append(c)
        actor = c.get("speaker") or {"name": "(unnamed)", "code": None, "kind": "unknown", "text": ""}
        s = speakers.setdefault(actor["name"], {"actor": actor, "stances": set(), "claims": []})
        s["stances"].add(_flip(c["stance"], prop.negated))
        s["claims"].append(c["id"])
        evidence.append(c["evidence"])
    for sil in doc.silences:
        sd = to_dict(sil) if not isinstance(sil, dict) else sil
        ev = sd["evidence"]
        sdoc = parsed.parts.get(ev["part"])
        span = sdoc.char_span(ev["start"], ev["end"], alignment_mode="expand") if sdoc is not None else None
        same = bool(sd.get("proposition")) and any(sd["proposition"] == c["proposition"] for c in bearing)
        if same or (span is not None and prop.bears(list(span))):
            s = speakers.setdefault(sd["actor"]["name"], {"actor": sd["actor"], "stances": set(), "claims": []})
            s["stances"].add("silent")
            evidence.append(ev)
    # the report's own stance: the title if it bears on the matter, else the body's first sentence that does
    stance = "unrelated"
    order = [p for p in ("title", "subtitle", "body") if p in parsed.parts]
    for part in order:
        found = None
        for sent in parsed.parts[part].sents:
            toks = [t for t in sent if not t.is_space]
            in_sent = [c for c in claims if c["cue_span"]["part"] == part
                       and sent.start_char <= c["cue_span"]["start"] < sent.end_char]
            if prop.bears(toks, headline=part == "title") or any(c in bearing for c in in_sent):
                found = sent
                break
        if found is not None and part == "title" and any(
                _debunks(s) for s in parsed.parts[part].sents if s.start != found.start):
            # a headline is one statement, however the parser splits it ("X dead? Another death
            # hoax makes the rounds"): a debunk anywhere in it sets its stance
            stance = "against"
            evidence.insert(0, to_dict(parsed.span(part, found)))
            break
        if found is not None:
            stance = _sentence_stance(found, [c for c in claims if c["cue_span"]["part"] == part
                                              and found.start_char <= c["cue_span"]["start"] < found.end_char],
                                      prop.speech)
            if stance == "for" and part == "title" and _credited(parsed.text(part)):
                stance = "observing"  # "Samsung to supply the screens: WSJ"
            evidence.insert(0, to_dict(parsed.span(part, found)))
            break
    spk = []
    for s in speakers.values():
        st = s["stances"]
        spoken = st - {"silent"}
        value = "silent" if not spoken else ("assert" if spoken == {"assert"} else "deny")
        if len(spoken) > 1:
            value = sorted(spoken)[0]  # both ways: the contract has no "mixed" here; keep "assert"
        spk.append({"actor": s["actor"], "stance": value, "claims": s["claims"]})
    seen = set()
    uniq = []
    for e in evidence:
        k = (e["part"], e["start"], e["end"])
        if k not in seen:
            seen.add(k)
            uniq.append(e)
    return {"id": doc.id, "source": doc.source, "title": doc.title, "stance": stance, "speakers": spk,
            "evidence": uniq}


def track_paths(proposition: str, paths: Sequence[str], *, published: str | None = None,
                n_process: int = 1) -> dict[str, Any]:
    """:func:`track` over every input named by ``paths`` (files, folders, ``-``), as ``fogline
    analyze`` reads them; inputs that cannot be used go to ``rejected``. Documents with the same
    content id are tracked once."""
    from ..ingest import read_inputs
    from ..model import Rejection

    docs: list[Document] = []
    rejected: list[dict[str, str]] = []
    seen: set[str] = set()
    for item in read_inputs(paths, published=published):
        if isinstance(item, Rejection):
            rejected.append(item.to_dict())
        elif item.id not in seen:
            seen.add(item.id)
            docs.append(item)
    out = track(proposition, docs, n_process=n_process)
    out["rejected"] = rejected
    return out


def format_track(result: dict[str, Any]) -> str:
    """A plain-text rendering of :func:`track`'s result."""
    lines = [f"proposition: {result['proposition']}"]
    for d in result["documents"]:
        lines.append(f"- {d['stance']:<10} {d['title'] or d['source']}")
        for s in d["speakers"]:
            lines.append(f"    {s['actor']['name']}: {s['stance']} ({', '.join(s['claims'])})")
        if d["evidence"]:
            lines.append(f"    evidence: {d['evidence'][0]['text'][:160]}")
    for r in result.get("rejected", []):
        lines.append(f"! rejected {r['source']}: {r['reason']}")
    return "\n".join(lines)


__all__ = ["track", "track_paths", "format_track"]
