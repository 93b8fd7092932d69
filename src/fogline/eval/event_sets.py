"""Readers for the four event gold sets in ``<shared>/data/events`` (see ``data/README.md``).

Each reader returns small frozen records; nothing here needs spaCy. The sets are read in place
and never copied into the project (ACLED's terms: evaluation only, no ACLED text or labels in
the repository).

* :func:`load_plover` -- ``plover_gsr_cameo.json``: 322 CAMEO-manual sentences coded with
  PLOVER 0.5b1 names, mapped here to current PLOVER (:func:`modernise_plover`).
* :func:`load_petr2` -- ``petr2_gsr_validation.xml``: 78 sentences, 80 CAMEO events, 12 coded
  "no event". The file is not well-formed XML (``#`` comment banner, ``<Sentence .../>`` tags
  that self-close yet are followed by ``</Sentence>``), so it is read with regular expressions.
* :func:`load_acled` -- ``acled_2020_outside_middle_east.csv``: an evenly spaced, fixed sample.
* :func:`load_muc4` -- ``muc4_dev.json``: 200 documents with perpetrator and target mentions.
"""
from __future__ import annotations

import csv
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

PLOVER_FILE = "plover_gsr_cameo.json"
PETR2_FILE = "petr2_gsr_validation.xml"
ACLED_FILE = "acled_2020_outside_middle_east.csv"
MUC4_FILE = "muc4_dev.json"

# --------------------------------------------------------------------------- PLOVER names

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")

# PLOVER 0.5b1 event names that current PLOVER renamed or merged.
OLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}

# Old (event, mode) pairs whose current event differs from the plain rename, with the new mode:
# current PLOVER puts deportation under COERCE, destruction of property and abduction (kidnap,
# human shields; CAMEO 181/184) under ASSAULT.
OLD_PAIRS = {
    ("FIGHT", "deport"): ("COERCE", "deport"),
    ("COERCE", "destroy"): ("ASSAULT", "destroy"),
    ("COERCE", "detain"): ("ASSAULT", "abduct"),
}

# Old mode names (after the event rename) and the current PLOVER mode they became.
OLD_MODES = {
    ("PROTEST", "demo-org"): "demo", ("PROTEST", "demo-spon"): "demo", ("PROTEST", "riot-spon"): "riot",
    ("PROTEST", "strike-gen"): "strike", ("PROTEST", "strike-hun"): "hunger",
    ("COERCE", "confiscate"): "seize", ("COERCE", "martial-law"): "restrict",
    ("THREATEN", "curfew"): "restrict", ("THREATEN", "martial-law"): "restrict", ("THREATEN", "political"): "rights",
    ("CONSULT", "host"): "visit",
}
# An event type implies the mode where the old name carried it.
IMPLIED_MODES = {"INVESTIGATE": "investigate"}

# Current PLOVER modes by event (PLOVER_structured_codebook_updated.csv, NGEC 2025). A gold mode
# outside its event's list is not scored (None): e.g. COERCE "firearms", ASSAULT "other".
PLOVER_MODES: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in {
    "CONSULT": "multilateral phone third-party visit",
    "RETREAT": "access ceasefire disarm release resign return withdraw",
    "REQUEST": "assist change meet yield",
    "ACCUSE": "allege disapprove investigate",
    "REJECT": "assist change meet yield",
    "THREATEN": "arrest ban expel relations restrict rights territory violence",
    "PROTEST": "boycott demo hunger obstruct riot strike",
    "SANCTION": "convict discontinue expel withdraw",
    "MOBILIZE": "militia police troops weapons",
    "COERCE": "arrest ban censor curfew cyber deport misinformation restrict seize withhold",
    "ASSAULT": ("abduct aerial assassinate beat cleansing crowd-control destroy drone execute explosives "
                "firearms heavy-weapons massacre primitive sexual suicide-attack torture unconventional"),
}.items()}


def modernise_plover(event: str, mode: str | None) -> tuple[str, str | None]:
    """``(current event type, current mode or None)`` for a PLOVER 0.5b1 event and mode."""
    event = (event or "").strip().upper()
    mode = (mode or "").strip().lower() or None
    if (event, mode) in OLD_PAIRS:
        return OLD_PAIRS[(event, mode)]
    new = OLD_TYPES.get(event, event)
    if mode is None:
        mode = IMPLIED_MODES.get(event)
    if mode is not None:
        mode = OLD_MODES.get((new, mode), mode)
        if mode not in PLOVER_MODES.get(new, frozenset()):
            mode = None
    return new, mode


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class GoldActor:
    text: str
    code: str = ""


@dataclass(frozen=True)
class PloverRecord:
    id: str
    text: str
    type: str                  # current PLOVER name
    mode: str | None           # current PLOVER mode, None where not scoreable
    old_type: str
    old_mode: str | None
    source: tuple[GoldActor, ...] = ()
    target: tuple[GoldActor, ...] = ()


@dataclass(frozen=True)
class Petr2Event:
    cameo: str
    source: str                # e.g. "USAGOV", "---REB" (country unknown), "---" (none)
    target: str


@dataclass(frozen=True)
class Petr2Sentence:
    id: str
    text: str
    date: str | None
    events: tuple[Petr2Event, ...] = ()   # empty: coded "no event"


@dataclass(frozen=True)
class AcledRow:
    id: str
    row: int                   # 0-based row in the file
    text: str                  # notes
    date: str | None
    event_type: str
    sub_event_type: str
    actor1: str
    places: tuple[str, ...]    # location, admin1, admin2, admin3 (non-empty ones)


@dataclass(frozen=True)
class MucDoc:
    id: str
    text: str
    # each entity: its alternative strings
    perpetrators: tuple[tuple[str, ...], ...] = ()
    targets: tuple[tuple[str, ...], ...] = ()
    roles: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict, compare=False)


# --------------------------------------------------------------------------- helpers


def spread(items: list[T], k: int | None) -> list[T]:
    """``k`` items evenly spaced over ``items`` (index ``floor(i * n / k)``), all if ``k`` is None
    or not smaller than ``len(items)``. Deterministic, and it covers the whole file."""
    n = len(items)
    if k is None or k >= n:
        return list(items)
    if k <= 0:
        return []
    return [items[(i * n) // k] for i in range(k)]


PETR2_HALVES = ("A", "B")


def petr2_doc_id(sentence_id: str) -> str:
    """The document part of a PETR2 sentence id: ``AFP0808020840_2`` -> ``AFP0808020840``."""
    return sentence_id.rsplit("_", 1)[0]


def petr2_half(sentence_id: str) -> str:
    """Which half of PETR2 GSR a sentence is in: ``"A"`` when the CRC-32 of its document id is even,
    else ``"B"``. Whole documents stay together, so no document is split across halves. Half A is
    the tuning half (its misses may be read); half B is held out (report its figure, read nothing)."""
    import zlib

    return "A" if zlib.crc32(petr2_doc_id(sentence_id).encode("utf-8")) % 2 == 0 else "B"


def clean_sentence(text: str) -> str:
    """One line of news text: white space runs to one space, LaTeX quotes (`` '') to ``"``."""
    text = text.replace("``", '"').replace("''", '"')
    return " ".join(text.split())


def unwrap(text: str) -> str:
    """Hard-wrapped text to paragraphs: lines joined, paragraphs (blank lines) kept."""
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paras if p)


def _actors(value: Any) -> tuple[GoldActor, ...]:
    if not isinstance(value, list):   # None, "" (reciprocal SRC/TAR records have target "")
        return ()
    return tuple(GoldActor(str(a.get("actorText") or "").strip(), str(a.get("code") or "").strip())
                 for a in value if isinstance(a, dict))


# --------------------------------------------------------------------------- loaders


def load_plover(path: Path) -> tuple[list[PloverRecord], dict[str, Any]]:
    """Records (the DOCUMENT header skipped) and notes on what was found in the file."""
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    records: list[PloverRecord] = []
    renamed: Counter[str] = Counter()
    ids: Counter[str] = Counter()
    for r in raw:
        if r.get("event") == "DOCUMENT" or not r.get("text"):
            continue
        old_type, old_mode = str(r["event"]).strip().upper(), (str(r.get("mode") or "").strip() or None)
        new_type, new_mode = modernise_plover(old_type, old_mode)
        if new_type != old_type or (old_mode or None) != new_mode:
            renamed[f"{old_type}/{old_mode or '-'} -> {new_type}/{new_mode or '-'}"] += 1
        ids[r["id"]] += 1
        records.append(PloverRecord(
            id=r["id"], text=clean_sentence(r["text"]), type=new_type, mode=new_mode,
            old_type=old_type, old_mode=old_mode, source=_actors(r.get("source")),
            target=_actors(r.get("target"))))
    texts = Counter(x.text for x in records)
    notes = {
        "records": len(records),
        "sentences": len(texts),
        "version": sorted({str(r.get("version")) for r in raw}),
        "renamed": dict(sorted(renamed.items())),
        "duplicate_ids": sorted(i for i, c in ids.items() if c > 1),
        "sentences_with_several_events": sum(1 for c in texts.values() if c > 1),
        "records_without_source": sum(1 for x in records if not x.source),
        "unknown_types": sorted({x.type for x in records} - set(PLOVER_TYPES)),
    }
    return records, notes


_SENTENCE = re.compile(r"<Sentence\b([^>]*?)/?>")
_ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_CODING = re.compile(r"<EventCoding\b([^>]*?)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)


def _petr2_date(value: str) -> str | None:
    try:
        return datetime.strptime(value, "%Y%m%d").date().isoformat()
    except ValueError:
        return None


def load_petr2(path: Path) -> tuple[list[Petr2Sentence], dict[str, Any]]:
    """Sentences with their gold CAMEO events, and notes on the file's oddities."""
    raw = Path(path).read_text(encoding="utf-8")
    body = raw[raw.find("<Sentences>"):] if "<Sentences>" in raw else raw
    body = re.sub(r"<!--.*?-->", "", body, flags=re.S)
    starts = [m for m in _SENTENCE.finditer(body)]
    out: list[Petr2Sentence] = []
    bad_dates: list[str] = []
    mixed: list[str] = []
    skipped = 0
    for i, m in enumerate(starts):
        block = body[m.end(): starts[i + 1].start() if i + 1 < len(starts) else len(body)]
        attrs = dict(_ATTR.findall(m.group(1)))
        if attrs.get("evaluate", "true").lower() != "true":
            skipped += 1
            continue
        text_m = _TEXT.search(block)
        if not text_m:
            skipped += 1
            continue
        events, noevent = [], False
        for c in _CODING.finditer(block):
            a = dict(_ATTR.findall(c.group(1)))
            if a.get("noevents", "").lower() == "true":
                noevent = True
            elif a.get("eventcode"):
                events.append(Petr2Event(a["eventcode"].strip(), a.get("sourcecode", "").strip(),
                                         a.get("targetcode", "").strip()))
        if noevent and events:
            mixed.append(attrs.get("id", "?"))
        date = _petr2_date(attrs.get("date", ""))
        if date is None:
            bad_dates.append(f"{attrs.get('id')}={attrs.get('date')}")
        out.append(Petr2Sentence(attrs.get("id", f"s{i}"), clean_sentence(text_m.group(1)), date, tuple(events)))
    notes = {
        "sentences": len(out),
        "events": sum(len(s.events) for s in out),
        "no_event_sentences": sum(1 for s in out if not s.events),
        "bad_dates": bad_dates,
        "no_event_and_events": mixed,
        "skipped": skipped,
    }
    return out, notes


def _acled_date(value: str) -> str | None:
    for fmt in ("%d-%b-%y", "%d %B %Y", "%Y-%m-%d", "%d-%B-%Y"):
        try:
            return datetime.strptime(value.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return None


def load_acled(path: Path, rows: int | None) -> tuple[list[AcledRow], dict[str, Any]]:
    """``rows`` rows spread evenly over the file (rows with empty notes dropped first)."""
    with Path(path).open(encoding="utf-8", newline="") as f:
        allrows = list(csv.DictReader(f))
    usable = [(i, r) for i, r in enumerate(allrows) if (r.get("notes") or "").strip()]
    picked = spread(usable, rows)
    out = [AcledRow(
        id=r.get("event_id_cnty") or f"row{i}", row=i, text=" ".join(r["notes"].split()),
        date=_acled_date(r.get("event_date") or ""), event_type=(r.get("event_type") or "").strip(),
        sub_event_type=(r.get("sub_event_type") or "").strip(), actor1=(r.get("actor1") or "").strip(),
        places=tuple(p for p in ((r.get(k) or "").strip() for k in ("location", "admin1", "admin2", "admin3")) if p),
    ) for i, r in picked]
    notes = {
        "rows_in_file": len(allrows),
        "rows_without_notes": len(allrows) - len(usable),
        "sample": len(out),
        "sampling": f"every {len(usable) / max(len(out), 1):.2f}-th row with notes (index floor(i*n/k))",
        "undated": sum(1 for x in out if x.date is None),
    }
    return out, notes


MUC_PERP_ROLES = ("perp_individual_id", "perp_organization_id")
MUC_TARGET_ROLES = ("phys_tgt_id", "hum_tgt_name")


def load_muc4(path: Path, docs: int | None = None) -> tuple[list[MucDoc], dict[str, Any]]:
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    out: list[MucDoc] = []
    for doc_id, d in raw.items():
        roles = {name: tuple(tuple(str(a) for a in ent if str(a).strip()) for ent in (d.get("roles", {}).get(name) or []))
                 for name in (*MUC_PERP_ROLES, *MUC_TARGET_ROLES, "incident_instrument_id")}
        out.append(MucDoc(
            id=doc_id, text=unwrap(d.get("doc", "")),
            perpetrators=tuple(e for r in MUC_PERP_ROLES for e in roles[r] if e),
            targets=tuple(e for r in MUC_TARGET_ROLES for e in roles[r] if e),
            roles=roles))
    n_all = len(out)
    picked = spread(out, docs)
    notes = {
        "documents_in_file": n_all,
        "sample": len(picked),
        "all_caps_documents": sum(1 for x in picked if x.text == x.text.upper()),
        "documents_without_roles": sum(1 for x in picked if not x.perpetrators and not x.targets),
        "words": sum(len(x.text.split()) for x in picked),
    }
    return picked, notes
