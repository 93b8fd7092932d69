"""Agreement mentions: deals, ceasefires, truces, pauses, evacuation and exchange arrangements,
with their parties, terms, versions, requests to change them and the history of their status.

Within one report, every mention of a deal noun ("the deal", "a revised deal", "the truce") is
taken as the same agreement unless the text marks another one ("a separate deal", "a second
truce"); "revised", "new", "amended" or a renegotiating verb open a new version of it. Read from
the parse and from what the events and claims extractors found:

- parties: "negotiated/brokered by X and Y", "between X and Y", "X and Y agreed/negotiated (a deal)";
- terms: the clause a deal frames ("the evacuation of rebels ... was to begin Wednesday, in a deal")
  and its relative clauses ("a revised deal, which will see ..., and that will allow ...");
- schedule: the date of a term's own time expression ("begin on Thursday morning");
- requests: REQUEST events whose clause names the deal ("sought to get X added to the deal");
- status, in the order the report tells it: agreed (negotiated, reached, signed), collapsed (the
  deal's action negated: "the evacuations didn't happen"; "collapsed", "broke down"), renegotiated,
  disputed (a claim denying the deal is in place, with its speaker), in effect, implemented.
"""
from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from ..model import Actor, to_dict
from . import extractor

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..nlp import ParsedDocument

DEAL_NOUNS = {"deal", "agreement", "truce", "ceasefire", "cease-fire", "accord", "pause", "arrangement", "pact",
              "treaty", "armistice", "swap", "exchange"}
KIND_WORDS = {
    "evacuation": "evacuation", "evacuate": "evacuation", "evacuee": "evacuation",
    "ceasefire": "ceasefire", "cease-fire": "ceasefire", "truce": "truce", "peace": "peace",
    "prisoner": "prisoner_exchange", "swap": "prisoner_exchange", "hostage": "prisoner_exchange",
    "aid": "aid_access", "convoy": "aid_access", "humanitarian": "aid_access", "corridor": "aid_access",
}
REACH = {"negotiate", "agree", "reach", "sign", "conclude", "broker", "strike", "seal", "finalize", "finalise",
         "announce", "approve", "accept", "mediate"}
RENEGOTIATE = {"renegotiate", "revise", "amend", "rework", "update"}
NEW_VERSION = {"revised", "new", "amended", "updated", "modified", "fresh"}
OTHER_AGREEMENT = {"another", "separate", "second", "different", "other", "rival"}
COLLAPSE = {"collapse", "break", "fail", "falter", "unravel", "crumble", "violate", "breach", "suspend", "derail"}
IN_EFFECT = {"hold", "take", "come", "begin", "start", "go"}


@extractor("agreements")
def extract_agreements(parsed: ParsedDocument) -> None:
    """Fill ``parsed.doc.agreements`` with agreement mentions (contract AgreementMention)."""
    from .actors import actor_index

    idx = actor_index(parsed)
    if "body" not in parsed.parts:
        return
    sdoc = parsed.parts["body"]
    mentions = [t for t in sdoc if t.pos_ == "NOUN" and t.lemma_.lower() in DEAL_NOUNS
                and not (t.lemma_.lower() == "exchange" and not any(c.lower_ in ("prisoner", "prisoners") for c in t.children))]
    if not mentions:
        parsed.doc.agreements = []
        return
    agreements: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    for tok in mentions:
        mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "det", "compound")}
        if current is None or mods & OTHER_AGREEMENT:
            current = _new(parsed, tok)
            agreements.append(current)
        _read_mention(parsed, idx, current, tok, mods)
    for ag in agreements:
        _events_and_claims(parsed, ag)
        _finish(ag)
    parsed.doc.agreements = [a for a in agreements if a["status"] or a["parties"] or a["terms"]]


def _new(parsed: ParsedDocument, tok: Token) -> dict[str, Any]:
    aid = "a" + hashlib.sha1(f"{parsed.doc.id}:{tok.idx}".encode()).hexdigest()[:10]
    return {"id": aid, "kind": "other", "label": "", "parties": [], "terms": [], "versions": [], "status": [],
            "requests": [], "_nouns": [], "_tokens": [], "_kinds": {}}


def _actor_dict(a: Actor) -> dict[str, Any]:
    return to_dict(a)


def _add_party(ag: dict[str, Any], actors: list[Actor]) -> None:
    for a in actors:
        if a.kind in ("unknown",) and not a.code:
            continue
        if not any(p["name"] == a.name for p in ag["parties"]):
            ag["parties"].append(_actor_dict(a))


def _sentence_span(parsed: ParsedDocument, tok: Token) -> dict[str, Any]:
    s = tok.sent
    return to_dict(parsed.span("body", s))


def _clause_of(tok: Token) -> Token:
    """The verb whose clause a deal noun sits in ("..., in a deal negotiated by ..." -> "begin")."""
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("acl", "relcl", "amod"):
            return t
        if t.head.i == t.i:
            return t
        t = t.head
    return t


def _read_mention(parsed: ParsedDocument, idx, ag: dict[str, Any], tok: Token, mods: set[str]) -> None:
    ag["_nouns"].append(tok.lemma_.lower())
    ag["_tokens"].append(tok.i)
    for w in [tok.lemma_.lower(), *(c.lemma_.lower() for c in tok.subtree)]:
        if w in KIND_WORDS:
            ag["_kinds"][KIND_WORDS[w]] = ag["_kinds"].get(KIND_WORDS[w], 0) + 1
    sent = tok.sent
    evidence = _sentence_span(parsed, tok)
    new_version = bool(mods & NEW_VERSION)
    reached = False
    # "a deal negotiated by Russia and Turkey", "the truce brokered by Qatar"
    for c in tok.children:
        if c.dep_ == "acl" and c.lemma_.lower() in REACH | RENEGOTIATE:
            for a in c.children:
                if a.dep_ == "agent":
                    for obj in (x for x in a.children if x.dep_ == "pobj"):
                        _add_party(ag, idx.actors_for("body", obj))
            reached = True
        if c.dep_ == "prep" and c.lower_ == "between":
            for obj in (x for x in c.children if x.dep_ == "pobj"):
                _add_party(ag, idx.actors_for("body", obj))
        # "a ceasefire that Turkey and Russia brokered", "the truce, which X and Y negotiated"
        if c.dep_ == "relcl" and c.lemma_.lower() in REACH | RENEGOTIATE:
            subj = next((x for x in c.children if x.dep_ == "nsubj"), None)
            if subj is not None:
                _add_party(ag, idx.actors_for("body", subj))
            reached = True
    # "a U.S.-Russian deal", "a French-German truce", "a Russia-sponsored deal": the countries that
    # modify the deal noun are its parties
    _add_party(ag, _modifier_parties(idx, tok))
    head = tok.head
    # "Assad agreed to a deal", "the sides signed up to the truce": the verb's subject is a party
    if tok.dep_ == "pobj" and head.lower_ in ("to", "on", "upon") and head.head.lemma_.lower() in REACH:
        subj = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            _add_party(ag, idx.actors_for("body", subj))
        reached = True
    if tok.dep_ in ("dobj", "obj") and head.lemma_.lower() in REACH | RENEGOTIATE:
        subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            _add_party(ag, idx.actors_for("body", subj))
        reached = True
        if head.lemma_.lower() in RENEGOTIATE:
            new_version = True
    if new_version or any(t.lemma_.lower() in RENEGOTIATE for t in sent if t.pos_ == "VERB" and t.head.i == tok.i):
        new_version = True
    terms = _terms(parsed, tok)
    for t in terms:
        for w in t["text"].lower().replace("-", " ").split():
            w = w.strip(".,;:’'\"")
            for k, v in KIND_WORDS.items():
                if w.startswith(k):
                    ag["_kinds"][v] = ag["_kinds"].get(v, 0) + 1
        if not any(t["text"] == x["text"] for x in ag["terms"]):
            ag["terms"].append(t)
    date = _schedule_date(parsed, tok, terms)
    if not ag["versions"] or new_version:
        label = "revised" if ag["versions"] else "original"
        if ag["versions"] or new_version or reached or terms:
            ag["versions"].append({"label": label, "date": date, "terms": [t["text"] for t in terms],
                                   "evidence": evidence, "_at": tok.idx})
    elif terms:
        v = ag["versions"][-1]
        v["terms"] += [t["text"] for t in terms if t["text"] not in v["terms"]]
        v["date"] = v["date"] or date
    status = None
    if new_version and ag["status"]:
        status = "renegotiated"
    elif reached:
        status = "agreed"
    collapse = _collapse_word(tok)
    if collapse:
        status = "collapsed"
    if status:
        _status(ag, status, parsed.doc.published, None, evidence, tok.idx)


def _modifier_parties(idx, tok: Token) -> list[Actor]:
    """Countries named in the deal noun's modifiers before it: adjectives and compounds ("U.S.-Russian",
    "French-German", one token or several) and the noun of a "<country>-<verb>ed" modifier
    ("Russia-sponsored", "Qatar-brokered"). Only country-level actors (no person, no group):
    "a rebel deal" or "a Putin deal" name no party here."""
    out: list[Actor] = []
    mods = [x for c in tok.lefts if c.dep_ in ("amod", "compound", "nmod", "npadvmod")
            for x in c.subtree if x.dep_ in ("amod", "compound", "nmod", "npadvmod", "conj")]
    for m in mods:
        for piece in m.text.split("-"):
            piece = piece.strip()
            if len(piece) < 2 or not piece[0].isupper():
                continue
            a = idx.lookup(piece)
            if a is not None and a.kind in ("state", "government") and not any(x.name == a.name for x in out):
                out.append(a)
    return out


def _collapse_word(tok: Token) -> bool:
    h = tok.head
    return tok.dep_ in ("nsubj", "nsubjpass") and (h.lemma_.lower() in COLLAPSE or (
        h.lemma_.lower() == "fall" and any(c.lower_ == "apart" for c in h.children)))


def _terms(parsed: ParsedDocument, tok: Token) -> list[dict[str, Any]]:
    """What the deal provides: the clause it frames ("X was to begin ..., in a deal") and its own
    relative clauses ("a deal, which will see X, and that will allow Y")."""
    out: list[dict[str, Any]] = []
    clauses: list[Token] = []
    for c in tok.children:
        if c.dep_ == "relcl":
            clauses.append(c)
            clauses += [x for x in c.conjuncts if x.pos_ in ("VERB", "AUX")]
    # the relative clause spaCy hangs on the verb ("negotiated a revised deal now, which will see ...")
    if tok.dep_ in ("dobj", "obj"):
        for c in tok.head.children:
            if c.dep_ in ("advcl", "relcl", "conj") and c.i > tok.i and any(
                    x.lower_ in ("which", "that") and x.dep_ in ("nsubj", "nsubjpass") for x in c.children):
                clauses.append(c)
    if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "under", "as", "part"):
        verb = _clause_of(tok.head)
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and verb.dep_ == "xcomp":
            subj = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            toks = list(subj.subtree)
            out.append({"text": parsed.span("body", (toks[0].idx, toks[-1].idx + len(toks[-1]))).text,
                        "evidence": to_dict(parsed.span("body", tok.sent))})
    for cl in clauses:
        toks = [t for t in cl.subtree if not (t.i < cl.i and t.lower_ in ("which", "that", "and", ","))
                and t.dep_ != "conj"]
        toks = [t for t in toks if not _under_conj(t, cl)]
        toks = [t for t in toks if t.lower_ not in ("which", "that") or t.i > cl.i]
        while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc"):
            toks.pop()
        if len(toks) >= 2:
            span = parsed.span("body", (toks[0].idx, toks[-1].idx + len(toks[-1])))
            out.append({"text": span.text, "evidence": to_dict(parsed.span("body", tok.sent))})
    return out


def _under_conj(t: Token, top: Token) -> bool:
    while t.i != top.i and t.head.i != t.i:
        if t.dep_ == "conj" and t.head.i == top.i:
            return True
        t = t.head
    return False


def _schedule_date(parsed: ParsedDocument, tok: Token, terms: list[dict[str, Any]]) -> str | None:
    """The date a version is to start: a time expression in its terms' clauses, else the sentence's."""
    from .when import date_in

    sent = tok.sent
    for t in terms:
        start = parsed.text("body").find(t["text"], sent.start_char)
        if start < 0:
            continue
        span = sent.doc.char_span(start, start + len(t["text"]), alignment_mode="expand")
        if span is not None:
            _, iso = date_in(span, parsed.doc.published)
            if iso:
                return iso
    return date_in(sent, parsed.doc.published, anchor=tok)[1]


def _status(ag: dict[str, Any], status: str, date: str | None, by: dict[str, Any] | None,
            evidence: dict[str, Any], at: int) -> None:
    if status == "agreed" and any(x["status"] == "agreed" for x in ag["status"]):
        return  # told again later ("the deal they negotiated in the first place"): not a new event
    last = ag["status"][-1] if ag["status"] else None
    if last is not None and last["status"] == status and (by or {}).get("name") == (last["according_to"] or {}).get("name"):
        return
    ag["status"].append({"status": status, "date": date, "according_to": by, "evidence": evidence, "_at": at})


def _events_and_claims(parsed: ParsedDocument, ag: dict[str, Any]) -> None:
    """Status and requests told through events and claims: the deal's action negated (collapsed)
    or carried out (implemented), requests that name the deal, claims that it is (not) in place."""
    doc = parsed.doc
    kind = max(ag["_kinds"], key=ag["_kinds"].get) if ag["_kinds"] else None
    first = min(ag["_tokens"]) if ag["_tokens"] else 0
    sdoc = parsed.parts["body"]
    first_idx = sdoc[first].idx
    for e in doc.events:
        if e.evidence.part != "body" or e.trigger_span is None:
            continue
        trig = e.trigger_span.text.lower()
        if kind == "evacuation" and "evacuat" in trig or kind in ("ceasefire", "truce") and trig in ("truce", "ceasefire"):
            if e.negated and e.evidence.start > first_idx:
                _status(ag, "collapsed", e.date, None, to_dict(e.evidence), e.evidence.start)
        if e.type == "REQUEST" and e.source and any(n in e.evidence.text.lower() for n in DEAL_NOUNS):
            clause = e.evidence.text
            text = clause
            for sep in (" sought to get ", " sought ", " asked for ", " demanded ", " wanted "):
                if sep in clause:
                    text = clause.split(sep, 1)[1]
                    break
            ag["requests"].append({"by": to_dict(e.source[0]), "text": text, "evidence": to_dict(e.evidence),
                                   "_at": e.evidence.start})
    for c in doc.claims:
        f = c.frame or {}
        if c.evidence.part != "body" or f.get("predicate") != "IN_PLACE":
            continue
        if not set(f.get("args") or ()) & set(ag["_nouns"]):
            continue
        speaker = to_dict(c.speaker) if c.speaker else None
        st = "disputed" if c.stance == "deny" else None
        if st:
            _status(ag, st, doc.published, speaker, to_dict(c.evidence), c.evidence.start)
    ag["status"].sort(key=lambda s: s["_at"])


def _finish(ag: dict[str, Any]) -> None:
    kind = max(ag["_kinds"], key=ag["_kinds"].get) if ag["_kinds"] else "other"
    if kind == "aid_access" and "evacuation" in ag["_kinds"]:
        kind = "evacuation"
    ag["kind"] = kind
    noun = ag["_nouns"][0] if ag["_nouns"] else "deal"
    ag["label"] = f"{kind.replace('_', ' ')} {noun}" if kind != "other" else noun
    for k in ("_nouns", "_tokens", "_kinds"):
        ag.pop(k, None)
    for lst in (ag["status"], ag["versions"], ag["requests"]):
        for x in lst:
            x.pop("_at", None)
