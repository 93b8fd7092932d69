"""Event quality: the scoring rules of ``fogline eval events`` on fabricated records, and the
quality gate against the floors pinned under ``"events"`` in ``tests/eval_floors.json``.

The unit tests need neither the spaCy model nor ../shared: every gold record and prediction here
is made up for the test (no text from the gold sets, no ACLED text or labels).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fogline.eval import events as ev
from fogline.eval.event_sets import (
    AcledRow,
    GoldActor,
    MucDoc,
    Petr2Event,
    Petr2Sentence,
    PloverRecord,
    clean_sentence,
    load_petr2,
    load_plover,
    modernise_plover,
    spread,
    unwrap,
)
from fogline.eval.events import (
    Names,
    actor_matches,
    code_key,
    evaluate,
    format_report,
    max_matching,
    names_match,
    place_matches,
    prf,
    role_matches,
    score_acled,
    score_muc4,
    score_petr2,
    score_plover,
)
from fogline.model import Actor, Document, Event, Location, Span
from fogline.shared import SharedMissing

_SPAN = Span("body", 0, 1, "x")


def event(type_: str = "ASSAULT", *, cameo: str | None = None, mode: str | None = None,
          src: list[Actor] | None = None, tgt: list[Actor] | None = None, acled: dict[str, str] | None = None,
          loc: str | None = None, negated: bool = False) -> Event:
    return Event(id="e", type=type_, evidence=_SPAN, cameo=cameo, mode=mode, source=src or [], target=tgt or [],
                 acled=acled, location=Location(loc) if loc else None, negated=negated)


def actor(name: str, code: str | None = None, text: str = "") -> Actor:
    return Actor(name=name, code=code, text=text or name)


# --------------------------------------------------------------------------- PLOVER names


@pytest.mark.parametrize(("old", "mode", "new"), [
    ("DEMAND", None, ("REQUEST", None)),
    ("DISAPPROVE", None, ("ACCUSE", None)),
    ("INVESTIGATE", "", ("ACCUSE", "investigate")),
    ("FIGHT", "heavy-weapons", ("ASSAULT", "heavy-weapons")),
    ("FIGHT", "other", ("ASSAULT", None)),          # not a current mode: unscored
    ("FIGHT", "deport", ("COERCE", "deport")),      # deportation is COERCE now
    ("COERCE", "destroy", ("ASSAULT", "destroy")),
    ("PROTEST", "strike-hun", ("PROTEST", "hunger")),
    ("PROTEST", "demo-org", ("PROTEST", "demo")),
    ("CONSULT", "host", ("CONSULT", "visit")),
    ("COERCE", "firearms", ("COERCE", None)),
    ("AGREE", None, ("AGREE", None)),
    ("RETREAT", "", ("RETREAT", None)),
])
def test_old_plover_names_are_modernised(old: str, mode: str | None, new: tuple[str, str | None]) -> None:
    assert modernise_plover(old, mode) == new


def test_plover_loader_skips_header_and_maps_names(tmp_path: Path) -> None:
    recs = [
        {"id": "DOC", "event": "DOCUMENT", "eventText": "header"},
        {"id": "X-1", "event": "FIGHT", "mode": "firearms", "text": "Rebels  fired on ``the'' camp.",
         "source": [{"actorText": "Rebels", "code": "ABC", "sector": "REB"}], "target": ""},
        {"id": "X-1", "event": "DEMAND", "text": "Zedland urged talks.", "source": None},
    ]
    p = tmp_path / "gsr.json"
    p.write_text(json.dumps(recs))
    records, notes = load_plover(p)
    assert [r.type for r in records] == ["ASSAULT", "REQUEST"]
    assert records[0].text == 'Rebels fired on "the" camp.'
    assert records[0].source == (GoldActor("Rebels", "ABC"),) and records[0].target == ()
    assert records[1].source == ()
    assert notes["duplicate_ids"] == ["X-1"]
    assert notes["renamed"] == {"DEMAND/- -> REQUEST/-": 1, "FIGHT/firearms -> ASSAULT/firearms": 1}


# --------------------------------------------------------------------------- matching rules


def test_code_keys_and_aliases() -> None:
    assert code_key("RUSGOV") == "RUS" and code_key("JAP") == "JPN" and code_key("ITL") == "ITA"
    assert code_key("---REB") == "REB" and code_key("---") == "" and code_key(None) == ""


@pytest.mark.parametrize(("gold", "pred", "same"), [
    ("GUERRILLAS", "the guerrillas", True),
    ("URBAN GUERRILLAS", "guerrillas", True),
    ("police", "Egyptian police", True),
    ("Salvadoran army", "Salvadoran guerrillas", False),      # role classes differ
    ("Sudanese government", "Iraqi government", False),       # names differ
    ("Antonio Ruiz Pardo", "Antonio Lopez", False),           # one shared first name is not enough
    ("Yeltsin", "Russian President Boris Yeltsin", True),
    ("Protesters", "demonstrators", True),                    # same role class
    ("Protesters", "rioters", False),
    ("Al Shabaab", "al-Shabab", True),                        # rapidfuzz
    ("U.N.", "UN", True),
    ("Military Forces of Zedland (2015-)", "Zedland army", True),
])
def test_names_match(gold: str, pred: str, same: bool) -> None:
    assert names_match(gold, pred) is same


def test_demonyms_join_country_and_people() -> None:
    names = Names(words={"zedland": "cty_zed", "zedlander": "cty_zed"})
    assert not names_match("Military Forces of Zedland", "Zedlander troops")
    assert names_match("Military Forces of Zedland", "Zedlander troops", names)


def test_place_match_ignores_place_words() -> None:
    assert place_matches("Ostrava", "Ostrava District") and place_matches("Cuauhtémoc", "Cuauhtemoc")
    assert not place_matches("North Province", "South Province")


def test_actor_match_by_code_prefix_or_text() -> None:
    assert actor_matches(actor("Zedland government", "ZEDGOV"), GoldActor("the cabinet", "ZED"))
    assert actor_matches(actor("Japan", "JPN"), GoldActor("Tokyo", "JAP"))       # legacy code in the gold
    assert actor_matches(actor("Zed Liberation Army", None), GoldActor("Zed Liberation Army rebels", "ZED"))
    assert not actor_matches(actor("Yland", "YLD"), GoldActor("Zedland", "ZED"))


def test_petr2_role_rules() -> None:
    assert role_matches("ZEDGOV", [actor("a", "ZEDMIL")])
    assert not role_matches("ZEDGOV", [actor("a", "YLDGOV")])
    assert role_matches("---REB", [actor("a", "ZEDREB")]) and role_matches("---REB", [actor("a", "REB")])
    assert not role_matches("---REB", [actor("a", "ZEDGOV")])
    assert role_matches("---", []) and role_matches("", [actor("a", "ZED")])
    assert not role_matches("ZED", [actor("a", None)])


# --------------------------------------------------------------------------- PLOVER scoring


def test_plover_scoring() -> None:
    recs = [
        PloverRecord("r1", "s1", "ASSAULT", "heavy-weapons", "FIGHT", "heavy-weapons", (GoldActor("Zed army", "ZED"),)),
        PloverRecord("r2", "s1", "ACCUSE", None, "DISAPPROVE", None, (GoldActor("Yland", "YLD"),)),
        PloverRecord("r3", "s2", "AGREE", None, "AGREE", None, (GoldActor("Xland", "XLD"),)),
        PloverRecord("r4", "s3", "REQUEST", None, "DEMAND", None, ()),
    ]
    pred = {
        "s1": [event("ASSAULT", mode="aerial", src=[actor("Zed forces", "ZEDMIL")]),
               event("ACCUSE", src=[actor("Zed", "ZED")])],          # wrong source for r2
        "s2": [event("AGREE", negated=True, src=[actor("Xland", "XLD")])],   # negated: not a prediction
        "s3": [event("SUPPORT"), event("REQUEST")],
    }
    res = score_plover(recs, pred)
    assert res["type"] == 0.75 and res["first"] == 0.25            # r1, r2, r4 found; only r1 first
    assert res["source"] == round(1 / 3, 4) and res["source_records"] == 3
    assert res["mode"] == 1.0 and res["mode_records"] == 1          # aerial accepted for heavy-weapons
    assert res["per_type"]["AGREE"]["type"] == 0.0
    assert res["misses"] == [{"id": "r3", "gold": "AGREE", "predicted": []}]


# --------------------------------------------------------------------------- PETR2


def test_prf_math() -> None:
    assert prf(2, 4, 3) == {"precision": 0.5, "recall": 0.6667, "f1": 0.5714}
    assert prf(0, 0, 5) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_max_matching_is_one_to_one_and_maximal() -> None:
    # greedy would give gold 0 prediction 0 and leave gold 1 unmatched
    assert max_matching(2, 2, lambda i, j: (i, j) in {(0, 0), (0, 1), (1, 0)}) == 2
    assert max_matching(2, 1, lambda i, j: True) == 1


def test_petr2_scoring_counts_no_event_false_positives() -> None:
    sents = [
        Petr2Sentence("a", "t", None, (Petr2Event("042", "ZED", "YLD"), Petr2Event("190", "---REB", "ZEDGOV"))),
        Petr2Sentence("b", "t", None, ()),                               # "no event"
        Petr2Sentence("c", "t", None, (Petr2Event("0841", "ZEDGOV", "---"),)),
    ]
    pred = {
        "a": [event(cameo="043", src=[actor("z", "ZEDGOV")], tgt=[actor("y", "YLD")]),   # root 04: match
              event(cameo="193", src=[actor("r", "ZEDREB")], tgt=[actor("y", "YLDGOV")])],  # wrong target
        "b": [event(cameo="111", src=[actor("z", "ZED")], tgt=[actor("y", "YLD")])],   # false positive
        # an uncoded target is written "---"; no CAMEO code, or no target at all: not exported
        "c": [event(cameo="084", src=[actor("z", "ZED")], tgt=[actor("the team")]), event("AGREE"),
              event(cameo="111", src=[actor("z", "ZED")])],
    }
    res = score_petr2(sents, pred)
    assert (res["gold_events"], res["predicted_events"], res["true_positives"]) == (3, 4, 2)
    assert res["false_positives_on_no_event"] == 1
    assert res["f1"] == prf(2, 4, 3)["f1"] and res["root_f1"] == prf(3, 4, 3)["f1"]


def test_petr2_scores_the_cameo_export_dyads() -> None:
    """PETR2 predictions are PETRARCH-style dyads: compound actors split, repeats written once,
    events without a coded source or marked non-primary left out."""
    sents = [Petr2Sentence("a", "t", None, (Petr2Event("141", "ZEDOPP", "YLD"), Petr2Event("141", "XLDOPP", "YLD")))]
    both = event(cameo="141", src=[actor("z", "ZEDOPP"), actor("x", "XLDOPP")], tgt=[actor("y", "YLD")])
    again = event(cameo="141", src=[actor("z", "ZEDOPP")], tgt=[actor("y", "YLD")])
    nominal = event(cameo="190", src=[actor("z", "ZEDOPP")], tgt=[actor("y", "YLD")])
    nominal.primary = False
    unnamed = event(cameo="190", src=[actor("gunmen")], tgt=[actor("y", "YLD")])
    res = score_petr2(sents, {"a": [both, again, nominal, unnamed]})
    assert (res["predicted_events"], res["true_positives"]) == (2, 2)


def test_petr2_loader_reads_the_malformed_xml(tmp_path: Path) -> None:
    xml = """<?xml version='1.0'?>
<Validation>
# banner with <EventCoding eventcode="999"/> in it
<Sentences>
<Sentence category="T" date="20010203" id="S1" evaluate="true"/>
<EventCoding eventcode="042" sourcecode="ZED" targetcode="YLD" />
<Text>
Zedland  visited
Yland.
</Text>
<Parse>1 x</Parse>
</Sentence>
<Sentence category="T" date="1234" id="S2" evaluate="true">
<!-- <EventCoding eventcode="010" sourcecode="A" targetcode="B" /> -->
<EventCoding noevents="True" />
<Text>Nothing ``happened''.</Text>
</Sentence>
</Sentences>
</Validation>"""
    p = tmp_path / "v.xml"
    p.write_text(xml)
    sents, notes = load_petr2(p)
    assert [s.id for s in sents] == ["S1", "S2"]
    assert sents[0].text == "Zedland visited Yland." and sents[0].date == "2001-02-03"
    assert sents[0].events == (Petr2Event("042", "ZED", "YLD"),) and sents[1].events == ()
    assert sents[1].text == 'Nothing "happened".' and notes["bad_dates"] == ["S2=1234"]
    assert notes["no_event_sentences"] == 1


# --------------------------------------------------------------------------- ACLED and MUC-4


def test_acled_scoring_uses_first_coded_event() -> None:
    rows = [AcledRow("R1", 0, "t", "2020-01-01", "Battles", "Armed clash", "Military Forces of Zedland (2001-)",
                     ("Ztown", "North Province")),
            AcledRow("R2", 1, "t", None, "Protests", "Peaceful protest", "Protesters (Zedland)", ("Ycity",))]
    clash = {"event_type": "Battles", "sub_event_type": "Armed clash"}
    pred = {"R1": [event("CONSULT"), event(src=[actor("Zedland army")], acled=clash, loc="Ztown"),
                   event(acled={"event_type": "Riots", "sub_event_type": "Mob violence"})],
            "R2": [event("PROTEST", acled={"event_type": "Protests", "sub_event_type": "Protest with intervention"},
                         src=[actor("demonstrators")], loc="North Province")]}
    res = score_acled(rows, pred)
    assert res["sub_event_type"] == 0.5 and res["event_type"] == 1.0 and res["coded"] == 1.0
    assert res["actor1"] == 1.0
    assert res["location"] == 0.5 and res["location_first"] == 0.5


def test_acled_actor1_also_matches_the_acled_style_name() -> None:
    rows = [AcledRow("R1", 0, "t", None, "Protests", "Peaceful protest", "Protesters (Zedland)", ("Ycity",)),
            AcledRow("R2", 1, "t", None, "Battles", "Armed clash", "Military Forces of Zedland (2001-)", ("Ycity",))]
    demo = {"event_type": "Protests", "sub_event_type": "Peaceful protest"}
    pred = {"R1": [event("PROTEST", acled=demo | {"actor1": "Protesters (Zedland)"}, src=[actor("nurses")])],
            "R2": [event(acled={"event_type": "Battles", "sub_event_type": "Armed clash",
                                "actor1": "Protesters (Zedland)"}, src=[actor("nurses")])]}
    res = score_acled(rows, pred)
    assert res["actor1"] == 0.5  # the protest's ACLED name counts; a wrong one does not
    pred["R1"][0].acled = demo
    assert score_acled(rows, pred)["actor1"] == 0.0


def test_muc4_scoring() -> None:
    roles = {"perp_individual_id": (("URBAN TERRORISTS", "TERRORISTS"),), "perp_organization_id": (("ZLF",),),
             "phys_tgt_id": (("POWER PYLON",),), "hum_tgt_name": (("JUAN ZED",),)}
    doc = MucDoc("D1", "t", perpetrators=roles["perp_individual_id"] + roles["perp_organization_id"],
                 targets=roles["phys_tgt_id"] + roles["hum_tgt_name"], roles=roles)
    pred = {"D1": [event(src=[actor("terrorists")], tgt=[actor("Juan Zed")]),
                   event(src=[actor("power pylon")])]}                    # right words, wrong role
    res = score_muc4([doc], pred)
    assert res["perpetrator"] == 0.5 and res["target"] == 0.5
    assert res["by_role"]["perp_individual_id"] == 1.0 and res["by_role"]["phys_tgt_id"] == 0.0


def test_spread_and_text_helpers() -> None:
    assert spread(list(range(10)), 3) == [0, 3, 6] and spread([1, 2], None) == [1, 2] and spread([1, 2], 5) == [1, 2]
    assert unwrap("A B\nC.\n\n   D\nE.") == "A B C.\n\nD E."
    assert clean_sentence(" a\n b ``c'' ") == 'a b "c"'


# --------------------------------------------------------------------------- the harness end to end


def test_missing_event_sets_raise(tmp_path: Path) -> None:
    with pytest.raises(SharedMissing):
        evaluate(tmp_path)


def test_evaluate_end_to_end_on_fabricated_sets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    d = tmp_path / "data" / "events"
    d.mkdir(parents=True)
    (d / "plover_gsr_cameo.json").write_text(json.dumps([
        {"id": "DOC", "event": "DOCUMENT"},
        {"id": "P1", "event": "FIGHT", "text": "Zed troops shelled Ytown.", "source": [{"actorText": "Zed troops", "code": "ZED"}]},
    ]))
    (d / "petr2_gsr_validation.xml").write_text(
        '<Sentences>\n<Sentence date="20200101" id="Q1" evaluate="true"/>\n<EventCoding noevents="True" />\n'
        "<Text>Nothing.</Text>\n</Sentence>\n</Sentences>")
    (d / "acled_2020_outside_middle_east.csv").write_text(
        "event_id_cnty,event_date,event_type,sub_event_type,actor1,location,admin1,admin2,admin3,notes\n"
        "Z1,1-May-20,Battles,Armed clash,Zed rebels,Ztown,,,,Zed rebels fought near Ztown.\n")
    (d / "muc4_dev.json").write_text(json.dumps({"M1": {"doc": "ZED REBELS\nBURNED A BUS.", "roles": {
        "perp_individual_id": [["ZED REBELS"]], "perp_organization_id": [], "phys_tgt_id": [["BUS"]],
        "hum_tgt_name": [], "incident_instrument_id": []}}}))
    seen: list[list[tuple[str, str | None]]] = []

    def fake(texts: list[tuple[str, str | None]], n_process: int) -> list[Document]:
        seen.append(texts)
        docs = []
        for text, published in texts:
            doc = Document(source="t", body=text, published=published)
            if "Zed" in text or "ZED" in text:
                doc.events = [event("ASSAULT", cameo="190", src=[actor("Zed rebels", "ZEDREB")], tgt=[actor("bus")],
                                    acled={"event_type": "Battles", "sub_event_type": "Armed clash"}, loc="Ztown")]
            docs.append(doc)
        return docs

    monkeypatch.setattr(ev, "_analyse", fake)
    res = evaluate(tmp_path)
    m = res["metrics"]
    assert m["plover_type"] == 1.0 and m["plover_source"] == 1.0
    assert m["petr2_f1"] == 0.0 and res["sets"]["petr2"]["false_positives_on_no_event"] == 0
    assert m["acled_sub_event_type"] == 1.0 and m["acled_actor1"] == 1.0 and m["acled_location"] == 1.0
    assert m["muc4_perpetrator"] == 1.0 and m["muc4_target"] == 1.0
    assert seen[2] == [("Zed rebels fought near Ztown.", "2020-05-01")]      # ACLED date as published
    assert seen[3] == [("ZED REBELS BURNED A BUS.", None)]                    # MUC wraps joined
    report = format_report(res)
    assert "FIGHT/- -> ASSAULT/-: 1" in report and "PETR2 GSR: 1 sentences" in report
    only = evaluate(tmp_path, sets=["petr2"])
    assert list(only["sets"]) == ["petr2"]
    with pytest.raises(ValueError, match="unknown event sets"):
        evaluate(tmp_path, sets=["nope"])


# --------------------------------------------------------------------------- the gate


@pytest.mark.shared
@pytest.mark.model
@pytest.mark.slow
def test_events_quality_gate(shared: Path, pinned_floors) -> None:
    if not (shared / "data" / "events").is_dir():
        pytest.skip(f"needs ../shared/data/events (not in {shared})")
    floors = pinned_floors("events")
    sets = sorted({k.split("_", 1)[0] for k in floors} & set(ev.SETS), key=ev.SETS.index)
    res = evaluate(shared, sets=sets)
    print("\n" + format_report(res))
    unknown = sorted(set(floors) - set(res["metrics"]))
    assert not unknown, f"floors name unknown metrics {unknown}; known: {sorted(res['metrics'])}"
    low = {k: f"{res['metrics'][k]} < {f}" for k, f in floors.items() if res["metrics"][k] < f}
    assert not low, f"events below their floors: {low}"
    errors = [e for r in res["sets"].values() for e in r["extractor_errors"]]
    assert not errors, f"extractors raised on {len(errors)} texts: {errors[:3]}"
