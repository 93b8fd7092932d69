"""The store's documents, events and claims in the formats analysts load elsewhere (``fogline export``).

Every record names its document and the characters of its evidence (``part``, ``start``, ``end``
into that part of the document), so an exported row can always be checked against the text.

* ``contract``: JSON Lines, one stored document a line, as the output contract has it
  (docs/contract.md): the document with its comments, events, claims, silences and agreements.
* ``plover``: JSON Lines, one event a line, in the record layout of PLOVER's JSON interchange
  files (the PLOVER GSR's ``id``, ``date``, ``event``, ``mode``, ``context``, ``source`` and
  ``target`` as ``[{"actorText", "code"}]``, ``eventText``, ``text``, ``eventLoc``, ``dead``,
  ``injured``, ``publication``, ``language``, ``coder``, ``version``), plus fogline's own fields
  (``docId``, ``evidence``, ``cameo``, ``negated``, ``hedged``, ``dateText``). Negated and hedged
  events are kept and flagged, as the contract keeps them.
* ``cameo``: tab-separated dyads in the manner of PETRARCH2 and the Phoenix data set: one line per
  coded source, target and CAMEO code (:func:`fogline.extract.events.cameo_dyads`: primary,
  asserted, CAMEO-coded events with a coded source; an uncoded target is ``---``), with the
  Phoenix columns we can fill (date, actor codes split into entity and role, event and root code,
  QuadClass, place). No Goldstein score: the scale's table is not among our data.
* ``acled``: CSV, one line per event that ACLED's scheme codes, under ACLED's column names
  (event_date, event_type, sub_event_type, actor1, actor2, country, location, latitude, longitude,
  source, notes, fatalities) plus fogline's ids and evidence offsets. ``fatalities`` is the
  event's own "killed" figure (0 when it names none), ``notes`` the evidence sentence.
* ``claims``: CSV, one line per claim and one per silence: speaker (name, code, the words used),
  cue, stance (assert, deny, silent), hedged, proposition id, content, evidence offsets.

Text fields are written as they are, with tabs and line breaks turned into spaces in the TSV only
(CSV and JSON quote them). Nothing is interpreted: an exported report's text stays data.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from . import __version__
from .model import Actor, Event, Figure, Location, Span

FORMATS = ("contract", "plover", "cameo", "acled", "claims")

# Phoenix's QuadClass by CAMEO root: 0 neutral (01-02), 1 verbal cooperation (03-05), 2 material
# cooperation (06-08), 3 verbal conflict (09-13), 4 material conflict (14-20).
QUAD_CLASS = {**{r: 0 for r in ("01", "02")}, **{r: 1 for r in ("03", "04", "05")},
              **{r: 2 for r in ("06", "07", "08")}, **{r: 3 for r in ("09", "10", "11", "12", "13")},
              **{f"{r:02d}": 4 for r in range(14, 21)}}

CAMEO_COLUMNS = ("EventID", "Date", "Year", "Month", "Day", "SourceActorFull", "SourceActorEntity",
                 "SourceActorRole", "TargetActorFull", "TargetActorEntity", "TargetActorRole", "EventCode",
                 "EventRootCode", "QuadClass", "Lat", "Lon", "LocationName", "CountryName", "DocID", "URL",
                 "NewsSource", "EvidencePart", "EvidenceStart", "EvidenceEnd")
ACLED_COLUMNS = ("event_id", "event_date", "year", "event_type", "sub_event_type", "actor1", "actor2",
                 "country", "location", "latitude", "longitude", "source", "notes", "fatalities",
                 "fogline_doc_id", "fogline_event_id", "evidence_part", "evidence_start", "evidence_end")
CLAIM_COLUMNS = ("doc_id", "claim_id", "published", "outlet", "speaker", "speaker_code", "speaker_text", "cue",
                 "stance", "hedged", "proposition", "content", "evidence_part", "evidence_start", "evidence_end")


# -- stored dicts back to the model's records ---------------------------------------------------
def _actor(d: dict[str, Any]) -> Actor:
    return Actor(d["name"], d.get("code"), d.get("kind") or "unknown", d.get("text") or "")


def _span(d: dict[str, Any] | None) -> Span | None:
    return None if d is None else Span(d["part"], d["start"], d["end"], d["text"])


def event_from_dict(d: dict[str, Any]) -> Event:
    """An :class:`Event` from its contract dict (as the store keeps it)."""
    loc = d.get("location")
    return Event(
        id=d["id"], type=d["type"], evidence=_span(d["evidence"]), mode=d.get("mode"),  # type: ignore[arg-type]
        context=list(d.get("context") or []), cameo=d.get("cameo"), trigger_span=_span(d.get("trigger_span")),
        source=[_actor(a) for a in d.get("source") or []], target=[_actor(a) for a in d.get("target") or []],
        date=d.get("date"), date_text=d.get("date_text"),
        location=Location(**loc) if loc else None, acled=d.get("acled"),
        figures=[Figure(**f) for f in d.get("figures") or []], negated=bool(d.get("negated")),
        hedged=bool(d.get("hedged")), primary=d.get("primary", True),
        coded_by=d.get("coded_by") or "patterns")


def _as_dict(x: Any) -> dict[str, Any]:
    from .model import to_dict

    return x if isinstance(x, dict) else to_dict(x)


# -- the formats --------------------------------------------------------------------------------
def _figure(ev: dict[str, Any], unit: str) -> float | None:
    vals = [f["value"] for f in ev.get("figures") or [] if f.get("unit") == unit]
    return max(vals) if vals else None


def _num(x: float | None) -> str | None:
    return None if x is None else (str(int(x)) if float(x).is_integer() else str(x))


def plover_records(doc: Any) -> Iterator[dict[str, Any]]:
    """One PLOVER interchange record per event of ``doc``."""
    for raw in doc.events:
        ev = _as_dict(raw)
        loc = ev.get("location")
        rec: dict[str, Any] = {
            "id": f"{doc.id}-{ev['id']}", "date": ev.get("date") or doc.published, "event": ev["type"],
            "mode": ev.get("mode") or "", "context": ", ".join(ev.get("context") or []),
            "source": [{"actorText": a.get("text") or a["name"], "code": a.get("code") or "", "name": a["name"]}
                       for a in ev.get("source") or []],
            "target": [{"actorText": a.get("text") or a["name"], "code": a.get("code") or "", "name": a["name"]}
                       for a in ev.get("target") or []],
            "eventText": (ev.get("trigger_span") or ev["evidence"])["text"],
            "text": ev["evidence"]["text"],
            "publication": doc.outlet or "", "language": "en", "coder": f"fogline {__version__}",
            "version": "PLOVER 0.8 event and mode names",
            "docId": doc.id, "evidence": {k: ev["evidence"][k] for k in ("part", "start", "end")},
            "cameo": ev.get("cameo") or "", "negated": bool(ev.get("negated")), "hedged": bool(ev.get("hedged")),
            "dateText": ev.get("date_text") or "",
        }
        if loc:
            rec["eventLoc"] = {"name": loc["name"], "country": loc.get("country") or "",
                               "lat": loc.get("lat"), "lon": loc.get("lon")}
        for key, unit in (("dead", "killed"), ("injured", "injured")):
            n = _num(_figure(ev, unit))
            if n is not None:
                rec[key] = n
        yield rec


def _tsv(s: Any) -> str:
    return "" if s is None else " ".join(str(s).split())


def cameo_rows(doc: Any) -> Iterator[dict[str, Any]]:
    """PETRARCH2-style dyads of ``doc``'s events and its CAMEO-only records: statements (root 01,
    which have no PLOVER type and so no contract event) and the PETRARCH2-convention copies of
    contract events (ids ending ``-cameo``); see :func:`fogline.extract.events.cameo_dyads`."""
    from .extract.events import cameo_dyads, cameo_statements

    facts = [*doc.events, *cameo_statements(doc)]
    for n, ev in enumerate(cameo_dyads([event_from_dict(_as_dict(e)) for e in facts])):
        date = ev.date or doc.published or ""
        src = ev.source[0]
        tgt = ev.target[0] if ev.target else None
        code = ev.cameo or ""
        sc, tc = src.code or "", (tgt.code or "---") if tgt else "---"
        yield {
            "EventID": f"{doc.id}-{ev.id}-{n}", "Date": date.replace("-", ""), "Year": date[:4],
            "Month": date[5:7], "Day": date[8:10], "SourceActorFull": sc, "SourceActorEntity": sc[:3],
            "SourceActorRole": sc[3:6], "TargetActorFull": tc, "TargetActorEntity": tc[:3] if tgt else "",
            "TargetActorRole": tc[3:6] if tgt else "", "EventCode": code, "EventRootCode": code[:2],
            "QuadClass": QUAD_CLASS.get(code[:2], ""),
            "Lat": ev.location.lat if ev.location and ev.location.lat is not None else "",
            "Lon": ev.location.lon if ev.location and ev.location.lon is not None else "",
            "LocationName": ev.location.name if ev.location else "",
            "CountryName": (ev.location.country or "") if ev.location else "",
            "DocID": doc.id, "URL": doc.url or "", "NewsSource": doc.outlet or "",
            "EvidencePart": ev.evidence.part, "EvidenceStart": ev.evidence.start, "EvidenceEnd": ev.evidence.end,
        }


def acled_rows(doc: Any) -> Iterator[dict[str, Any]]:
    """One ACLED-layout row per event of ``doc`` that ACLED's scheme codes."""
    for raw in doc.events:
        ev = _as_dict(raw)
        acled = ev.get("acled") or {}
        if not acled.get("event_type"):
            continue
        loc = ev.get("location") or {}
        date = ev.get("date") or doc.published or ""
        killed = _figure(ev, "killed")
        yield {
            "event_id": f"{doc.id}-{ev['id']}", "event_date": date, "year": date[:4],
            "event_type": acled["event_type"], "sub_event_type": acled.get("sub_event_type") or "",
            "actor1": acled.get("actor1") or "", "actor2": acled.get("actor2") or "",
            "country": loc.get("country") or "", "location": loc.get("name") or "",
            "latitude": loc.get("lat", ""), "longitude": loc.get("lon", ""), "source": doc.outlet or "",
            "notes": ev["evidence"]["text"], "fatalities": _num(killed) or "0",
            "fogline_doc_id": doc.id, "fogline_event_id": ev["id"], "evidence_part": ev["evidence"]["part"],
            "evidence_start": ev["evidence"]["start"], "evidence_end": ev["evidence"]["end"],
        }


def claim_rows(doc: Any) -> Iterator[dict[str, Any]]:
    """One row per claim and per silence of ``doc``."""
    base = {"doc_id": doc.id, "published": doc.published or "", "outlet": doc.outlet or ""}
    for raw in doc.claims:
        c = _as_dict(raw)
        sp = c.get("speaker") or {}
        yield {**base, "claim_id": c["id"], "speaker": sp.get("name") or "", "speaker_code": sp.get("code") or "",
               "speaker_text": sp.get("text") or "", "cue": c["cue"], "stance": c["stance"],
               "hedged": bool(c.get("hedged")), "proposition": c.get("proposition") or "", "content": c["content"],
               "evidence_part": c["evidence"]["part"], "evidence_start": c["evidence"]["start"],
               "evidence_end": c["evidence"]["end"]}
    for n, raw in enumerate(doc.silences):
        s = _as_dict(raw)
        a = s["actor"]
        yield {**base, "claim_id": f"silence-{n}", "speaker": a["name"], "speaker_code": a.get("code") or "",
               "speaker_text": a.get("text") or "", "cue": "", "stance": "silent", "hedged": False,
               "proposition": s.get("proposition") or "", "content": "",
               "evidence_part": s["evidence"]["part"], "evidence_start": s["evidence"]["start"],
               "evidence_end": s["evidence"]["end"]}


def write(fmt: str, documents: Iterable[Any], out: IO[str]) -> int:
    """Write ``documents`` (model Documents, facts as records or contract dicts) to ``out`` in
    ``fmt``; returns the number of records written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    n = 0
    if fmt in ("contract", "plover"):
        for doc in documents:
            for rec in ([doc.to_dict()] if fmt == "contract" else plover_records(doc)):
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
        return n
    columns, rows = {"cameo": (CAMEO_COLUMNS, cameo_rows), "acled": (ACLED_COLUMNS, acled_rows),
                     "claims": (CLAIM_COLUMNS, claim_rows)}[fmt]
    if fmt == "cameo":
        out.write("\t".join(columns) + "\n")
        for doc in documents:
            for row in rows(doc):
                out.write("\t".join(_tsv(row[c]) for c in columns) + "\n")
                n += 1
        return n
    w = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    for doc in documents:
        for row in rows(doc):
            w.writerow(row)
            n += 1
    return n


def export_text(fmt: str, documents: Iterable[Any]) -> str:
    buf = io.StringIO()
    write(fmt, documents, buf)
    return buf.getvalue()
