"""``fogline export``: the stored documents, events and claims in the formats other tools read, each
record pointing at its evidence. Documents are built by hand (no model needed)."""
from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from fogline import cli
from fogline.export import FORMATS, QUAD_CLASS, export_text
from fogline.model import Actor, Claim, Document, Event, Figure, Location, Silence
from fogline.store import Store

BODY = ("Government aircraft bombed the\tmarket in Okavi on Monday, killing 12 people, the governor said. "
        "The Lantern Front denied that it had fired on the port, calling it \"a lie, a lie\".\n"
        "Rebels of the Lantern Front attacked the convoy. The harbour authority declined to comment.")


def _doc() -> Document:
    d = Document(source="okavi.txt", body=BODY, title="Okavi market bombed", published="2031-04-08",
                 outlet="The Test Post", url="https://example.org/okavi")
    gov = Actor("Okavi government military", "OKVMIL", "military", "Government aircraft")
    front = Actor("Lantern Front", "OKVREB", "rebel", "Rebels of the Lantern Front")
    s1 = BODY.index("Government")
    e1 = BODY.index(" people") + len(" people")
    bombed = BODY.index("bombed")
    d.events = [
        Event(id="ev1", type="ASSAULT", mode="aerial", context=["military"], cameo="195",
              evidence=d.span("body", s1, e1), trigger_span=d.span("body", bombed, bombed + 6),
              source=[gov], target=[Actor("civilians", "OKVCVL", "civilian", "the market")],
              date="2031-04-07", date_text="Monday",
              location=Location("Okavi", "Okavia", 1.5, 2.5),
              acled={"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
                     "actor1": "Military Forces of Okavia", "actor2": "Civilians (Okavia)"},
              figures=[Figure(12, "killed", "12 people")]),
        # not primary: no CAMEO dyad, still a PLOVER record
        Event(id="ev2", type="ASSAULT", cameo="190", evidence=d.span("body", BODY.index("Rebels of"),
                                                                      BODY.index("convoy.") + 6),
              source=[front], primary=False),
        # negated: kept and flagged in PLOVER, not a dyad
        Event(id="ev3", type="ASSAULT", cameo="190", negated=True,
              evidence=d.span("body", BODY.index("it had fired"), BODY.index("port,") + 4),
              source=[front], target=[Actor("port", None, "unknown", "the port")]),
    ]
    s2 = BODY.index("The Lantern Front")
    content = BODY.index("it had fired")
    d.claims = [Claim(id="cl1", speaker=front, cue="deny", stance="deny", content="it had fired on the port",
                      proposition="p1", evidence=d.span("body", s2, BODY.index("lie\".") + 5),
                      cue_span=d.span("body", BODY.index("denied"), BODY.index("denied") + 6),
                      content_span=d.span("body", content, content + len("it had fired on the port")))]
    s3 = BODY.index("The harbour")
    d.silences = [Silence(actor=Actor("harbour authority", None, "government", "The harbour authority"),
                          evidence=d.span("body", s3, len(BODY)))]
    return d


def _stored(db_path: str) -> list[Document]:
    store = Store.open(db_path)
    store.save([_doc(), Document(source="quiet.txt", body="A quiet day in the capital.", title="Quiet")])
    return store.load_documents()


def test_plover_records_point_at_their_evidence(db_path):
    docs = _stored(db_path)
    recs = [json.loads(line) for line in export_text("plover", docs).splitlines()]
    assert len(recs) == 3
    by_id = {r["id"].split("-")[-1]: r for r in recs}
    r1 = by_id["ev1"]
    assert (r1["event"], r1["mode"], r1["context"], r1["date"], r1["dead"]) == ("ASSAULT", "aerial", "military",
                                                                               "2031-04-07", "12")
    assert r1["source"] == [{"actorText": "Government aircraft", "code": "OKVMIL",
                             "name": "Okavi government military"}]
    assert r1["eventLoc"] == {"name": "Okavi", "country": "Okavia", "lat": 1.5, "lon": 2.5}
    assert r1["eventText"] == "bombed"
    assert by_id["ev3"]["negated"] is True and "dead" not in by_id["ev3"]
    for r in recs:
        ev = r["evidence"]
        assert BODY[ev["start"]:ev["end"]] == r["text"]


def test_cameo_dyads_only_primary_asserted_coded(db_path):
    docs = _stored(db_path)
    lines = export_text("cameo", docs).splitlines()
    header = lines[0].split("\t")
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
    assert len(rows) == 1                      # ev2 is not primary, ev3 is negated
    (r,) = rows
    assert (r["Date"], r["SourceActorEntity"], r["SourceActorRole"], r["TargetActorFull"], r["EventCode"],
            r["EventRootCode"], r["QuadClass"]) == ("20310407", "OKV", "MIL", "OKVCVL", "195", "19", "4")
    assert BODY[int(r["EvidenceStart"]):int(r["EvidenceEnd"])].startswith("Government aircraft bombed")
    assert all("\t" not in v and "\n" not in v for v in r.values())


def test_acled_csv_and_claims_csv_survive_quotes_and_breaks(db_path):
    docs = _stored(db_path)
    (row,) = list(csv.DictReader(io.StringIO(export_text("acled", docs))))
    assert (row["event_type"], row["sub_event_type"], row["actor1"], row["fatalities"], row["location"]) == (
        "Explosions/Remote violence", "Air/drone strike", "Military Forces of Okavia", "12", "Okavi")
    assert row["notes"] == BODY[int(row["evidence_start"]):int(row["evidence_end"])]   # the tab kept, quoted
    claims = list(csv.DictReader(io.StringIO(export_text("claims", docs))))
    assert [(c["speaker"], c["stance"]) for c in claims] == [("Lantern Front", "deny"), ("harbour authority", "silent")]
    assert claims[0]["content"] == "it had fired on the port"
    s = claims[1]
    assert BODY[int(s["evidence_start"]):int(s["evidence_end"])] == "The harbour authority declined to comment."


def test_contract_lines_are_the_stored_documents(db_path):
    docs = _stored(db_path)
    lines = export_text("contract", docs).splitlines()
    assert len(lines) == 2
    back = {d["id"]: d for d in map(json.loads, lines)}
    d = back[_doc().id]
    assert d["body"] == BODY and [e["id"] for e in d["events"]] == ["ev1", "ev2", "ev3"]


def test_quad_class_covers_every_root():
    assert sorted(QUAD_CLASS) == [f"{r:02d}" for r in range(1, 21)]
    assert {QUAD_CLASS["01"], QUAD_CLASS["04"], QUAD_CLASS["07"], QUAD_CLASS["11"], QUAD_CLASS["19"]} == {0, 1, 2, 3, 4}


def test_cli_export_writes_each_format_and_refuses_a_missing_store(db_path, tmp_path):
    _stored(db_path)
    runner = CliRunner()
    for fmt in FORMATS:
        out = tmp_path / f"x.{fmt}"
        res = runner.invoke(cli.main, ["export", "--db", db_path, "--format", fmt, "--out", str(out)])
        assert res.exit_code == 0, res.output
        assert out.read_text(encoding="utf-8").strip()
    res = runner.invoke(cli.main, ["export", "--db", str(tmp_path / "none.db")])
    assert res.exit_code == 3 and "no store" in res.output
    res = runner.invoke(cli.main, ["export", "--db", db_path, "--situation", "Snope"])
    assert res.exit_code == 3 and "no situation" in res.output


def test_cameo_statements_are_stored_and_exported_but_no_contract_events(db_path):
    # a CAMEO statement (root 01) has no PLOVER type: kept apart from the contract's events, stored,
    # and written by the CAMEO export beside the events' dyads
    d = _doc()
    at = BODY.index("The Lantern Front denied")
    d.cameo_statements = [Event(id="st1", type="STATEMENT", cameo="012", evidence=d.span("body", at, at + 40),
                                source=[Actor("Lantern Front", "OKVREB", "rebel", "The Lantern Front")],
                                target=[Actor("Okavi government", "OKVGOV", "government", "the port")],
                                date="2031-04-08")]
    store = Store.open(db_path)
    store.save([d])
    (back,) = store.load_documents()
    assert "cameo_statements" not in back.to_dict() and len(back.events) == 3
    lines = export_text("cameo", [back]).splitlines()
    header = lines[0].split("\t")
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
    assert sorted(r["EventCode"] for r in rows) == ["012", "195"]
    (st,) = [r for r in rows if r["EventCode"] == "012"]
    assert BODY[int(st["EvidenceStart"]):int(st["EvidenceEnd"])].startswith("The Lantern Front denied")
    assert store.document_summaries()[0][0]["n_cameo_statements"] == 1
