"""Situations: grouping into stories, wire copies counted once, figures across sources, the
brief, and incremental placing in the store. Texts are invented for these tests."""
from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from fogline.model import Document
from fogline.situation import stories
from fogline.situation.stories import DUP_JACCARD, group_documents, jaccard, minhash_of, name_key

FLOOD_1 = ("Floodwaters swept through the river town of Varnesk on Monday after the Lorin dam gave way, "
           "and rescue crews said at least 40 people were killed. The regional governor said the dam had "
           "been inspected in spring. Residents of Varnesk waded through mud to reach the stranded.")
FLOOD_2 = ("Rescuers in Varnesk pulled more survivors from the mud on Tuesday, a day after the Lorin dam burst. "
           "The Red Crescent said 62 people were killed in the flood, while the regional governor put the "
           "toll at 35. The governor denied that the dam had been neglected.")
STRIKE_1 = ("Dock workers in the port city of Ostrava Nova walked off the job on Monday over unpaid wages, "
            "halting grain shipments. The dockers union said 3,000 members joined the strike, and the port "
            "authority said talks would resume on Thursday.")
STRIKE_2 = ("The dockers strike in Ostrava Nova entered its second day as grain ships queued offshore. The union "
            "leader said the port authority had refused to pay the wages owed to dockers since summer.")
WIRE = FLOOD_1 + " Aid convoys were expected to arrive by nightfall."


def _doc(body, published, outlet, title=None):
    return Document(source=f"{outlet}.txt", body=body, title=title, published=published, outlet=outlet)


def test_name_key_tolerates_transliteration():
    assert name_key("Khan Sheikhoun") == name_key("Khan Shaykhun") == name_key("Khan Shaikhoun")
    assert name_key("Aleppo") != name_key("Idlib")


def test_minhash_tells_a_copy_from_another_report():
    a, b, c = minhash_of(FLOOD_1), minhash_of(WIRE), minhash_of(FLOOD_2)
    assert jaccard(a.hashvalues, b.hashvalues) >= DUP_JACCARD
    assert jaccard(a.hashvalues, c.hashvalues) < DUP_JACCARD


def test_grouping_by_story_without_analysis():
    docs = [_doc(FLOOD_1, "2025-05-05", "a"), _doc(STRIKE_1, "2025-05-05", "b"),
            _doc(FLOOD_2, "2025-05-06", "c"), _doc(STRIKE_2, "2025-05-06", "d"),
            _doc(WIRE, "2025-05-05", "e")]
    index, _ = group_documents(docs)
    groups = sorted(sorted(d.outlet for d in docs if d.id in m) for m in index.groups().values())
    assert groups == [["a", "c", "e"], ["b", "d"]]
    assert index.duplicates == {docs[4].id: docs[0].id}


def test_a_reports_grouping_terms_do_not_move_with_its_claims():
    """Claims' speakers are no grouping terms: a retrained attribution model or claim filter must not
    regroup a month of reports. Events' actors are."""
    from fogline.model import Actor, Claim, Event, Span

    doc = _doc(FLOOD_2, "2025-05-06", "c")
    bare = stories.signature(doc)["terms"]
    where = Span("body", 0, 10, FLOOD_2[:10])
    doc.claims = [Claim(id="c1", speaker=Actor(name="Red Crescent", kind="ngo"), cue="said", stance="assert",
                        content="62 people were killed", proposition="62 people were killed", evidence=where,
                        cue_span=where, content_span=where)]
    assert stories.signature(doc)["terms"] == bare
    doc.events = [Event(id="e1", type="ASSAULT", evidence=where, source=[Actor(name="Lorin Militia")])]
    assert "#lorin militia" in stories.signature(doc)["terms"]


def test_far_apart_in_time_is_another_situation():
    docs = [_doc(FLOOD_1, "2025-05-05", "a"), _doc(FLOOD_2, "2025-09-01", "c")]
    index, _ = group_documents(docs)
    assert len(index.groups()) == 2


@pytest.mark.parametrize("head, day", [
    ("Published June 3 2025 Floodwaters swept through the town.", "2025-06-03"),
    ("Date of publication 3 June 2025 Floodwaters swept through the town.", "2025-06-03"),
    ("Floods in Varnesk kill 40 Monitor AFP Tuesday 3 Jun 2025 Floodwaters swept through the town.", "2025-06-03"),
    ("Tue Jun 3 2025 Floodwaters swept through the town.", "2025-06-03"),
    ("03-06-2025 Floodwaters swept through the town.", "2025-06-03"),
    ("03.06.2025(updated 1830 03.06.2025) Floodwaters swept through the town.", "2025-06-03"),
    ("Last updated at Jun 032025 VARNESK Floodwaters swept through the town.", "2025-06-03"),
    ("Floodwaters swept through the town on Monday, the governor said.", None),
    ("Floodwaters swept through the town on 3 June, the worst since 12-14 May.", None),
])
def test_a_report_is_placed_on_the_day_its_head_gives(head, day):
    doc = _doc(head, "2025-07-20", "a")
    assert stories.head_date(doc) == day
    assert stories.report_day(doc) == (day or "2025-07-20")


def test_a_dateline_keeps_a_misdated_report_in_its_story():
    # a dataset whose date column is weeks off the report's own dateline (FA-KES rows often are)
    misdated = _doc("Published May 6 2025 " + FLOOD_2, "2025-06-20", "c")
    undated = _doc(FLOOD_2, "2025-06-20", "c")
    for doc, together in ((misdated, True), (undated, False)):
        index, sigs = group_documents([_doc(FLOOD_1, "2025-05-05", "a"), doc])
        assert (len(index.groups()) == 1) is together
    assert sigs[undated.id]["published"] == "2025-06-20"


@pytest.mark.model
def test_lead_event_days_are_counted_from_the_dateline():
    from fogline.api import analyse_documents

    # published (by the date column) on Saturday 17 May; its dateline says Wednesday 7 May
    doc = _doc("Published May 7 2025. Shells fired by militants killed three civilians in Varnesk on Monday, "
               "the police said.", "2025-05-17", "a")
    (a,) = analyse_documents([doc])
    assert "^!2025-05-12|ASSAULT" in stories.lead_event_marks(a)     # Monday counted from the 17th
    assert "^!2025-05-05|ASSAULT" in stories.lead_event_marks(a, "2025-05-07")
    assert "^!2025-05-05|ASSAULT" in stories.signature(a)["terms"]


@pytest.fixture(scope="module")
def analysed():
    from fogline.api import analyse_documents

    docs = [_doc(FLOOD_1, "2025-05-05", "herald", "Dam bursts over Varnesk"),
            _doc(STRIKE_1, "2025-05-05", "courier", "Dockers strike in Ostrava Nova"),
            _doc(FLOOD_2, "2025-05-06", "gazette", "Varnesk toll rises after dam burst"),
            _doc(WIRE, "2025-05-05", "wire", "Dam bursts over Varnesk")]
    return list(analyse_documents(docs))


@pytest.mark.model
def test_situations_in_the_analysis_output(analysed):
    from fogline.situation import build_situations

    sits = build_situations(analysed)
    assert len(sits) == 2
    flood = sits[0]
    assert len(flood["documents"]) == 3 and len(flood["duplicates"]) == 1
    names = {a["name"]: a["mentions"] for a in flood["actors"]}
    assert names and all(n >= 1 for n in names.values())
    assert flood["timeline"] == sorted(flood["timeline"], key=lambda x: (x["date"] or "9999", x["kind"]))


@pytest.mark.model
def test_figures_side_by_side_and_disagreeing(analysed):
    from fogline.situation import build_situations

    flood = build_situations(analysed)[0]
    killed = next(g for g in flood["figures"] if g["unit"] == "killed")
    values = {v["value"] for v in killed["values"]}
    assert {62.0, 35.0} <= values and killed["disagree"]
    # the wire copy's "at least 40" is counted once (its original's), not twice
    assert sum(1 for v in killed["values"] if v["value"] == 40.0) == 1
    for v in killed["values"]:
        doc = next(d for d in analysed if d.id == v["document"])
        ev = v["evidence"]
        assert doc.part_text(ev["part"])[ev["start"]:ev["end"]] == ev["text"]


@pytest.mark.model
def test_store_places_reports_incrementally(analysed, db_path):
    from fogline.store import Store

    store = Store.open(db_path)
    assert store.version() >= 2
    store.save(analysed[:2])
    with sqlite3.connect(db_path) as c:
        before = dict(c.execute("SELECT doc_id, minhash FROM doc_signatures").fetchall())
    assert len(store.situations()) == 2
    store.save(analysed[2:])
    with sqlite3.connect(db_path) as c:
        after = dict(c.execute("SELECT doc_id, minhash FROM doc_signatures").fetchall())
    assert {k: after[k] for k in before} == before          # old reports' signatures untouched
    sits = store.situations()
    assert [s["documents"] for s in sits] == [3, 1] and sits[0]["duplicates"] == 1
    pic = store.load_situation(sits[0]["id"])
    assert any(g["unit"] == "killed" and g["disagree"] for g in pic["figures"])


@pytest.mark.model
def test_v1_store_is_migrated_and_placed(analysed, db_path):
    from fogline.store import Store
    from fogline.store.migrations import MIGRATIONS

    with sqlite3.connect(db_path) as c:   # a store as fogline wrote it before schema 2
        c.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
                  " applied_at TEXT NOT NULL)")
        for stmt in MIGRATIONS[0][2]:
            c.execute(stmt)
        c.execute("INSERT INTO schema_version VALUES (1, 'v1', 'then')")
    store = Store.open(db_path)
    assert store.version() == MIGRATIONS[-1][0]
    assert store.place_unplaced() == 0
    store.save(analysed)
    assert sum(s["documents"] for s in store.situations()) == 4


@pytest.mark.model
def test_report_brief_points_at_evidence(analysed, db_path):
    from fogline.cli import main
    from fogline.store import Store

    Store.open(db_path).save(analysed)
    r = CliRunner().invoke(main, ["report", "--db", db_path])
    assert r.exit_code == 0, r.output
    for section in ("What happened:", "What was agreed", "What is contested", "Who stays silent:", "Figures by source:"):
        assert section in r.output
    assert "DISAGREE" in r.output and "copy of" in r.output
    assert "body " in r.output and "“" in r.output          # pointers: part, offsets, quoted words
    listing = CliRunner().invoke(main, ["report", "--db", db_path, "--list"])
    sid = listing.output.split()[0]
    one = CliRunner().invoke(main, ["report", "--db", db_path, "--situation", sid, "--format", "json"])
    assert one.exit_code == 0 and '"figures"' in one.output
    missing = CliRunner().invoke(main, ["report", "--db", db_path + ".absent"])
    assert missing.exit_code == 3


def test_same_words_other_place_is_another_situation():
    a = ("Airstrikes on the city of Raqqa killed at least 12 civilians on Monday, residents of Raqqa said, "
         "and rescue workers searched the rubble of two buildings for survivors of the airstrikes.")
    b = ("Airstrikes on the city of Homs killed at least 9 civilians on Monday, residents of Homs said, "
         "and rescue workers searched the rubble of a school for survivors of the airstrikes.")
    c = ("Rescue workers in Raqqa found four more bodies on Tuesday in the rubble left by the airstrikes, "
         "bringing the toll in Raqqa to 16 civilians.")
    docs = [_doc(a, "2025-06-02", "a"), _doc(b, "2025-06-02", "b"), _doc(c, "2025-06-03", "c")]
    index, sigs = group_documents(docs)
    assert "@" + name_key("Raqqa") in sigs[docs[0].id]["terms"]
    groups = sorted(sorted(d.outlet for d in docs if d.id in m) for m in index.groups().values())
    assert groups == [["a", "c"], ["b"]]


WATER = ("Water engineers began repairing the pumping station of {town} on Monday after weeks of outages left "
         "the town's families queuing at tanker trucks. The municipal council said the station would run again "
         "by Thursday if spare parts arrived from the coast.")
SIT_IN = "Dozens of families in {town} staged a sit-in on Wednesday, complaining that tanker prices had tripled."


@pytest.mark.parametrize("town, together", [("Tarhuna", True), ("Tripoli", False)])
def test_a_shared_specific_lead_place_counts_more(town, together, monkeypatch):
    # two reports of one town's water crisis in one week, in few common words: a small town both leads
    # name joins them; a capital city (1.3 million inhabitants) is no such link
    docs = [_doc(WATER.format(town=town), "2025-06-02", "herald", "Pumping station repairs begin"),
            _doc(SIT_IN.format(town=town), "2025-06-04", "courier", f"{town} families protest")]
    index, _ = group_documents(docs)
    assert (len(index.groups()) == 1) is together
    monkeypatch.setattr(stories, "SPECIFIC_PLACE", 1.0)
    index, _ = group_documents(docs)
    assert len(index.groups()) == 2


def test_a_place_named_as_a_region_is_no_specific_place():
    places, regions = stories.scan_places("Air strikes hit Idlib province and rural Hama on Monday; the town of Saraqib was spared, "
                                          "and so was Aleppo's northern countryside.")
    assert {"Idlib", "Saraqib", "Aleppo"} <= set(places) and regions >= {"Idlib", "Aleppo"} and "Saraqib" not in regions
    assert stories.focus_of({stories.focus_term("Saraqib"): 1})[0][4] is True
    assert stories.focus_of({stories.focus_term("Idlib", region=True): 1})[0][4] is False
    assert stories.focus_of({stories.focus_term("Aleppo"): 1})[0][4] is False       # 2 million inhabitants
    assert stories.focus_of({"^lp|Syria|36.20|37.16": 1})[0][4] is False            # stored before the field


def _marked(marks, published="2025-06-05"):
    terms = {"rocket": 3, "shells": 2, "militants": 2, "karvel": 2, "police": 1, **{m: 1 for m in marks}}
    return {"doc": "x", "published": published, "outlet": "o", "terms": terms}


def test_lead_events_days_apart_count_less():
    a = _marked(["^!2025-06-02|ASSAULT"])
    same_day = _marked(["^!2025-06-02|ASSAULT", "^?2025-06-05|ASSAULT"])   # an undated mention: the told day wins
    other_day = _marked(["^!2025-06-05|ASSAULT"])
    undated = _marked(["^?2025-06-05|ASSAULT"])
    other_type = _marked(["^!2025-06-05|PROTEST"])
    v = stories.term_vector(a["terms"], 10, {})
    sim = {k: stories.pair_similarity(a, v, b, v) for k, b in
           {"same": same_day, "other": other_day, "undated": undated, "type": other_type}.items()}
    assert sim["same"] == pytest.approx(sim["type"]) and sim["same"] > 0
    assert sim["other"] < sim["same"] and sim["other"] == pytest.approx(sim["same"] * stories.EVENT_DAY2)
    assert sim["undated"] == pytest.approx(sim["same"] * stories.EVENT_DAY2)   # published three days after
    assert stories.event_gap(stories.event_days(a["terms"]), stories.event_days(other_day["terms"])) == 3


@pytest.mark.model
def test_lead_event_marks_keep_the_day_the_text_gives():
    from fogline.api import analyse_documents

    told = _doc("Shells fired by militants killed three civilians in Varnesk on Monday, the police said.", "2025-05-07", "a")
    undated = _doc("Shelling killed three civilians in Varnesk, the police said.", "2025-05-07", "b")
    a, b = analyse_documents([told, undated])
    assert "^!2025-05-05|ASSAULT" in stories.lead_event_marks(a)
    assert stories.lead_event_marks(b) == {"^?2025-05-07|ASSAULT"}


def test_the_day_of_a_saying_is_not_the_day_of_the_event_it_reports():
    # "declared Wednesday that an attack ...": Wednesday is the day of the saying, the attack is undated
    lead = "The president declared Wednesday that a gas attack in Varnesk cannot be tolerated."
    assert stories._day_of_saying("Wednesday", "a gas attack in Varnesk", lead)
    # a round-up's own news told before its attribution keeps the day ("... the reporter said on Monday")
    lead = "Six civilians were killed in rocket attacks on the Green Belt area, the reporter said on Monday."
    assert not stories._day_of_saying("Monday", "Six civilians were killed in rocket attacks", lead)
    # a day within the event's own words is its day
    lead = "The mayor said a gas attack on Monday killed four people."
    assert not stories._day_of_saying("Monday", "a gas attack on Monday", lead)


@pytest.mark.model
def test_an_event_in_what_was_said_on_a_day_is_marked_undated():
    from fogline.api import analyse_documents

    (a,) = analyse_documents([_doc("The president declared on Wednesday that the gas attack in Varnesk that killed "
                                   "dozens of villagers cannot be tolerated.", "2025-05-07", "a")])
    marks = stories.lead_event_marks(a)
    assert not any(m.startswith("^!") and m.endswith("|ASSAULT") for m in marks), marks


@pytest.mark.parametrize("figure, text, scoped", [
    ("more than 320,000 people", "The war has killed more than 320,000 people since 2011.", True),
    ("320,000 people", "More than 320,000 people have been killed since March 2011, the monitor says.", True),
    ("400,000", "Some 400,000 people have died in the six-year conflict.", True),
    ("half a million", "Half a million people have been killed in the civil war, according to estimates.", True),
    ("1,200 people", "The uprising's death toll now stands at 1,200 people.", True),
    ("1,200 people", "The attack's death toll now stands at 1,200 people.", False),
    ("1,200 people", "The uprising's toll: 1,200 people dead since the uprising began.", True),
    ("320,000 people", "More than 320,000 people have been killed since Ruritania's war started in 2011.", True),
    # an incident's toll, even beside a comparison with the past or a war total in the next sentence
    ("58 people", "The strike killed 58 people, the deadliest chemical attack since 2013.", False),
    ("58 people", "The strike killed 58 people on Tuesday. The war has killed more than 320,000 people since 2011.", False),
    ("12 civilians", "Air strikes killed 12 civilians in the town on Monday, a monitor said.", False),
    ("12 people", "The fighting that has killed 12 people this week spread to the port.", False),
    ("4,000 civilians", "Its jets have killed 4,000 civilians since it first intervened in the war.", True),
    ("11 children", "The monitor, which follows the country's five-year conflict, said 11 children were killed.", False),
    ("200,000 people", "The bombing of the capital marked the worst of a four-year war that began with protests and has since killed 200,000 people.", True),
])
def test_war_scope_of_a_figure(figure, text, scoped):
    from fogline.situation.picture import war_scope

    assert war_scope(figure, text) is scoped


@pytest.mark.model
def test_war_totals_are_background_not_compared():
    from fogline.api import analyse_documents
    from fogline.situation import build_situations

    a = ("Shelling killed 14 people in the market of Varnesk on Monday, rescuers said. The war has killed "
         "more than 90,000 people since 2019, according to the monitor.")
    b = ("The toll from Monday's shelling of the Varnesk market rose to 19 people killed, the health office said. "
         "Some 120,000 people have died in the five-year conflict.")
    docs = list(analyse_documents([_doc(a, "2025-05-05", "herald"), _doc(b, "2025-05-06", "gazette")]))
    sit = build_situations(docs)[0]
    assert len(sit["documents"]) == 2
    killed = next(g for g in sit["figures"] if g["unit"] == "killed")
    values = {v["value"] for v in killed["values"]}
    assert {14.0, 19.0} <= values and not values & {90000.0, 120000.0}
    back = {v["value"] for v in sit["background_figures"]}
    assert {90000.0, 120000.0} <= back, sit["background_figures"]
    for v in sit["background_figures"]:
        assert v["scope"] == "war" and v["evidence"]["text"] and v["source"]["name"]
    from fogline.report import situation_brief

    brief = situation_brief(sit, docs)
    background = brief[brief.index("Background (war-wide"):]
    assert "90000" in background and "120000" in background
    killed_line = next(ln for ln in brief.splitlines() if ln.strip().startswith("# killed"))
    assert "90000" not in killed_line and "120000" not in killed_line


# Grouping on months of FA-KES (tests/gold/*_grouping.yaml: every row of the month assigned to a story by
# hand before fogline was run on them). Pinned at what the grouping reaches, measured 2026-11-25 after
# the report-to-report grouping. October 2016 and October 2017 were used to choose that grouping's
# parameters (in-sample now). November 2016 was written before any change and measured before
# (P 0.035, R 1.000, largest 15), once midway (P 0.031, R 0.750, largest 14: its output was looked at,
# and the 7-day cap on a situation and the weight of one outlet's other-day reports came after) and
# at the end: held out, but no longer blind.
# With candidates from the posting table (schema 3) all three months are unchanged (identical groups to a
# full scan of the window). Strong links beyond the 7-day span (stories.strong_links, chosen on Khan
# Sheikhoun and the October months) were measured once on November 2016: P 0.056 R 0.500 largest 7, and
# are off.
# Before the report-to-report grouping: October 2016 P 0.078 R 0.711 largest 35; October 2017 P 0.194
# R 0.650 largest 8. Recall pins went down with the catch-alls (October 2016: 0.69 -> 0.27).
# Lead events' days (stories.event_gap: another day's incident counts 0.7) and a shared specific lead place
# (x1.6), chosen on October 2016, October 2017, November 2016 and Khan Sheikhoun (all in-sample), measured
# 2026-11-25: October 2016 P/R/largest 0.386/0.289/6 -> 0.500/0.342/6, October 2017 0.267/0.800/8 ->
# 0.372/0.800/6, November 2016 0.143/0.750/4 -> 0.231/0.750/4. August 2016 (tests/gold/august_2016_grouping.yaml)
# is the held-out month: written and committed before any run on it, measured once before these changes
# (P 0.316 R 0.758 largest 7) and once after (P 0.375 R 0.455 largest 5; its per-story output not read):
# precision up, recall down, pairwise F1 0.446 -> 0.411 on it.
# 2026-11-26 (stories.py: report days from the text's dateline, the weights of lead events' days apart, a
# situation's size bonus; chosen on these four months, all in-sample now, and on Khan Sheikhoun): October
# 2016 0.500/0.342/6 -> 0.765/0.513/8, October 2017 0.372/0.800/6 -> 0.667/1.000/5, November 2016
# 0.231/0.750/4 -> 0.600/0.750/2, August 2016 0.375/0.455/5 -> 0.636/0.636/7 (August 2016 was looked at
# while choosing: no longer held out). All four reach the target below; the fresh month is June 2016.
# (The dict keeps its old name: these are the months' pins, in-sample and held out alike.)
HELD_OUT = {"october_2016_grouping.yaml": {"precision": 0.75, "recall": 0.5, "largest": 8},
            "october_2017_grouping.yaml": {"precision": 0.65, "recall": 0.93, "largest": 5},
            "november_2016_grouping.yaml": {"precision": 0.58, "recall": 0.73, "largest": 2},
            "august_2016_grouping.yaml": {"precision": 0.62, "recall": 0.62, "largest": 7},
            # held out, blind: tests/gold/june_2016_grouping.yaml written and committed (342c524) before any run
            # of fogline on its rows and before this session's changes; measured once with the final code
            # (5030bdd): P 0.960 (24 of 25 pairs) R 0.727 (24 of 33) largest 5. The grouping before this
            # session's changes, run on it afterwards for comparison only: P 0.214 R 0.273 largest 7.
            # Measured a second time on main after merging that session's actor-resolution work (dated roles,
            # surnames, sentence countries change the actors in reports' signatures; nothing tuned on June):
            # P 0.955 R 0.636 largest 5 (October 2017 0.667/1.000 -> 0.655/0.950 with it); pins moved with them.
            # A third time (2026-11-27) when claims' speakers stopped being grouping terms (stories.actor_names:
            # a retrained attribution tagger broke October 2016, 0.526 -> 0.461 recall). The four other months
            # group exactly as before; June 21/22 pairs -> 23/25, P 0.955 -> 0.920, R 0.636 -> 0.697 (pairwise
            # F1 0.756 -> 0.793). Its pins moved with it: precision down, recall up.
            "june_2016_grouping.yaml": {"precision": 0.9, "recall": 0.68, "largest": 5}}


def _pairwise(labels: dict[str, str], found: dict[str, str]) -> tuple[float, float]:
    from itertools import combinations

    def pairs(lab):
        return {frozenset((a, b)) for a, b in combinations(sorted(lab), 2) if lab[a] == lab[b]}
    g, f = pairs(labels), pairs(found)
    return (len(g & f) / len(f) if f else 1.0), (len(g & f) / len(g) if g else 1.0)


_HELD_OUT_SCORES: dict[str, tuple[float, float, int]] = {}


def _held_out_scores(shared, name: str) -> tuple[float, float, int]:
    """Pairwise precision, recall and the largest situation's size over one held-out month."""
    if name not in _HELD_OUT_SCORES:
        from pathlib import Path

        import yaml

        from fogline.api import analyse_documents
        from fogline.situation.fakes import fakes_documents

        gold = yaml.safe_load((Path(__file__).parent / "gold" / name).read_text())
        labels = {i: story for story, ids in gold["stories"].items() for i in ids}
        docs = list(analyse_documents(fakes_documents(shared, list(labels))))
        assert len(docs) == len(labels)
        index, _ = group_documents(docs)
        row = {d.id: d.source.split(":", 1)[1] for d in docs}
        found = {row[d]: s for d, s in index.doc_situation.items()}
        p, r = _pairwise(labels, found)
        _HELD_OUT_SCORES[name] = (p, r, max(len(m) for m in index.groups().values()))
        print(name, {"precision": round(p, 3), "recall": round(r, 3), "largest": _HELD_OUT_SCORES[name][2]})
    return _HELD_OUT_SCORES[name]


@pytest.mark.shared
@pytest.mark.model
@pytest.mark.parametrize("name", sorted(HELD_OUT))
def test_grouping_on_held_out_months(shared, name):
    p, r, largest = _held_out_scores(shared, name)
    pin = HELD_OUT[name]
    assert p >= pin["precision"] and r >= pin["recall"] and largest <= pin["largest"]


@pytest.mark.shared
@pytest.mark.model
@pytest.mark.parametrize("name", sorted(HELD_OUT))
def test_grouping_on_months_target(shared, name):
    # the target of issue #5, met on the four tuning months since 2026-11-26 (was an xfail: October 2016 P 0.500
    # R 0.342, October 2017 P 0.372, November 2016 P 0.231, August 2016 P 0.375 R 0.455) and on the held-out
    # June 2016 (P 0.960 R 0.727 largest 5, measured once)
    p, r, largest = _held_out_scores(shared, name)
    assert p >= 0.5 and r >= 0.5 and largest <= 10


def test_a_description_resolves_to_the_one_named_actor_that_fits():
    from fogline.situation.picture import resolve_description

    monitor = {"name": "monitoring group", "code": None, "kind": "unknown", "text": "a monitoring group"}
    named = [{"name": "Varnesk Rights Observatory", "code": None, "kind": "ngo", "text": "the Observatory"},
             {"name": "Varnesk", "code": None, "kind": "state", "text": "Varnesk"}]
    got = resolve_description(monitor, named)
    assert got["name"] == "Varnesk Rights Observatory" and got["text"] == "a monitoring group"
    ministry = {"name": "ministry", "code": None, "kind": "unknown", "text": "the ministry"}
    assert resolve_description(ministry, named + [{"name": "Lorin Health Ministry", "code": None,
                                                   "kind": "government", "text": "Lorin Health Ministry"}]
                               )["name"] == "Lorin Health Ministry"
    # two that fit: left as written; a name is never replaced
    two = named + [{"name": "Lorin Aid Watch", "code": None, "kind": "ngo", "text": "Lorin Aid Watch"}]
    assert resolve_description(monitor, two) == monitor
    assert resolve_description(named[1], named) == named[1]
    # "the observatory" is one named so, never another NGO of the report; a name with the head
    # noun wins over one of the kind only
    obs = {"name": "observatory", "code": None, "kind": "unknown", "text": "it"}
    inquiry = [{"name": "Lorin Inquiry Commission", "code": None, "kind": "ngo", "text": "the commission"}]
    assert resolve_description(obs, inquiry) == obs
    assert resolve_description(obs, inquiry + named)["name"] == "Varnesk Rights Observatory"
    group = {"name": "rights group", "code": None, "kind": "unknown", "text": "the rights group"}
    assert resolve_description(group, inquiry + [{"name": "Lorin Rights Group", "code": None, "kind": "ngo",
                                                  "text": "Lorin Rights Group"}])["name"] == "Lorin Rights Group"


# A small invented fortnight of news: several stories told by several outlets, and one-off reports.
TALKS_1 = ("Envoys of Dravina and the Kestral Front met in the desert town of Tessalit on Monday for ceasefire "
           "talks brokered by the Amberland foreign ministry. In Tessalit the Kestral Front demanded the release "
           "of prisoners.")
TALKS_2 = ("Ceasefire talks in Tessalit between Dravina and the Kestral Front stalled on Tuesday over the "
           "prisoner release, Amberland mediators said. Dravina's envoy accused the Front of shelling villages "
           "near Tessalit.")
TALKS_3 = ("Dravina and the Kestral Front agreed in Tessalit on Thursday to a ceasefire and an exchange of "
           "prisoners, the Amberland foreign minister announced after four days of talks in Tessalit.")
FIRE_1 = ("A fire swept through the covered market of Kelmor overnight, destroying some 200 stalls. Firefighters "
          "said faulty wiring in a spice shop was the likely cause; no one was hurt.")
FIRE_2 = ("Traders in Kelmor counted their losses on Saturday after the fire that gutted the covered market. The "
          "mayor of Kelmor promised compensation for the stall owners.")
ONE_OFFS = [
    "The central bank of Amberland raised its main interest rate by half a point to curb inflation in food prices.",
    "A cargo train derailed near the mountain pass of Vesk, spilling grain across the tracks; the line was closed.",
    "Voters in the province of Tamsin elect a new governor on Sunday after a campaign dominated by road building.",
    "Scientists at the Halvard observatory reported a bright comet visible to the naked eye before dawn this week.",
]


def _fortnight():
    docs = [_doc(FLOOD_1, "2025-05-05", "herald"), _doc(STRIKE_1, "2025-05-05", "courier"),
            _doc(FLOOD_2, "2025-05-06", "gazette"), _doc(STRIKE_2, "2025-05-06", "tribune"),
            _doc(WIRE, "2025-05-05", "wire"), _doc(TALKS_1, "2025-05-12", "herald"),
            _doc(TALKS_2, "2025-05-13", "courier"), _doc(TALKS_3, "2025-05-15", "gazette"),
            _doc(FIRE_1, "2025-05-16", "tribune"), _doc(FIRE_2, "2025-05-17", "herald")]
    docs += [_doc(t, f"2025-05-{8 + i:02d}", "post") for i, t in enumerate(ONE_OFFS)]
    return docs


def _partition(index, docs):
    return sorted(sorted(d.outlet + d.published for d in docs if d.id in m) for m in index.groups().values())


def test_posting_candidates_group_as_a_full_scan_does():
    docs = _fortnight()
    full, _ = group_documents(docs, full_scan=True)
    posted, _ = group_documents(docs)
    assert _partition(posted, docs) == _partition(full, docs)
    assert posted.duplicates == full.duplicates == {docs[4].id: docs[0].id}
    stories = [m for m in posted.groups().values() if len(m) > 1]
    assert len(stories) == 4     # flood (with its wire copy), strike, talks, market fire


def test_posting_candidates_leave_out_unrelated_reports():
    from fogline.situation.stories import candidate_reports, signature

    docs = _fortnight()
    index, _ = group_documents([d for d in docs if d.body != TALKS_3])
    sig = signature(next(d for d in docs if d.body == TALKS_3))
    compared = {x["doc"] for x in candidate_reports(index, sig)[0]}
    within_week = {x["doc"] for x in index.signatures_near(sig["published"])}
    talks = {d.id for d in docs if d.body in (TALKS_1, TALKS_2)}
    fire = {d.id for d in docs if d.body in (FIRE_1, FIRE_2)}
    assert fire <= within_week and talks <= within_week
    assert talks <= compared and not fire & compared and len(compared) < len(within_week)


@pytest.mark.model
def test_store_posting_candidates_group_as_in_memory(db_path):
    from fogline.store import Store

    docs = _fortnight()
    store = Store.open(db_path)
    for d in sorted(docs, key=lambda d: (d.published, d.id)):
        store.save([d])                                   # one report at a time, as they arrive
    full, _ = group_documents(docs, full_scan=True)
    stored = {s["id"]: store.situation_members(s["id"])[0] for s in store.situations()}
    by_id = {d.id: d for d in docs}
    got = sorted(sorted(by_id[i].outlet + by_id[i].published for i in m) for m in stored.values())
    assert got == _partition(full, docs)


def test_store_migrated_from_schema_2_keeps_its_situations_and_posts_their_terms(db_path):
    from fogline.store import Store
    from fogline.store.situations import posted_terms

    docs = _fortnight()
    store = Store.open(db_path)
    store.save([d for d in docs if d.body != TALKS_3])
    before = store.situations()
    store.close()
    with sqlite3.connect(db_path) as c:      # the store as schema 2 left it: no posting table, no date indexes
        c.execute("DROP TABLE doc_terms")
        for ix in ("doc_signatures_published", "doc_signatures_situation_published"):
            c.execute(f"DROP INDEX {ix}")
        c.execute("DELETE FROM schema_version WHERE version > 2")
        sigs = c.execute("SELECT doc_id, terms FROM doc_signatures").fetchall()
    store = Store.open(db_path)
    assert store.version() == 3 and store.situations() == before
    import json
    with sqlite3.connect(db_path) as c:
        posted = set(c.execute("SELECT term, doc_id FROM doc_terms").fetchall())
    assert posted == {(t, d) for d, terms in sigs for t in posted_terms(json.loads(terms))}
    talks3 = next(d for d in docs if d.body == TALKS_3)
    store.save([talks3])                    # found through the migrated posting table
    talks = {d.id for d in docs if d.body in (TALKS_1, TALKS_2, TALKS_3)}
    assert len({store.situation_of(i) for i in talks}) == 1


TALKS_LATE = ("Two weeks after the Tessalit ceasefire, Dravina released the first 40 prisoners to the Kestral "
              "Front under the exchange brokered by Amberland, and the Front freed 25 soldiers near Tessalit.")
TESSALIT_OTHER = ("The council of Tessalit voted on Thursday to rename the main square after a local poet, and the "
                  "mayor opened a new library in Tessalit.")


def test_a_strong_specific_link_joins_beyond_the_week(monkeypatch):
    """With strong links on (off by default: they cost precision on a held-out month), eleven days after
    the talks a report on the same town and parties still joins them; a report on the same town eleven
    days after them about something else does not."""
    import fogline.situation.stories as st

    monkeypatch.setattr(st, "LONG_DAYS", 21)
    for late in (_doc(TALKS_LATE, "2025-05-26", "tribune"), _doc(TESSALIT_OTHER, "2025-05-26", "post")):
        docs = _fortnight() + [late]
        index, _ = group_documents(docs)
        sit = {d.body: index.doc_situation[d.id] for d in docs}
        assert sit[TALKS_1] == sit[TALKS_3]
        assert (sit[late.body] == sit[TALKS_1]) == (late.body == TALKS_LATE)
        full, _ = group_documents(docs, full_scan=True)
        assert _partition(full, docs) == _partition(index, docs)


def test_without_a_strong_link_a_situation_stays_within_its_span():
    docs = _fortnight() + [_doc(TALKS_LATE, "2025-05-26", "tribune")]
    index, _ = group_documents(docs)
    sit = {d.body: index.doc_situation[d.id] for d in docs}
    assert sit[TALKS_LATE] != sit[TALKS_1]


def test_story_scorer_alias_takes_a_possessive_with_or_without_its_apostrophe():
    from fogline.situation.goldcheck import _alias_hit

    alias = ["united nations international children"]
    assert _alias_hit(alias, {"name": "United Nations International Children's Emergency Fund"})
    assert _alias_hit(alias, {"name": "United Nations International Childrens Emergency Fund"})
    assert not _alias_hit(alias, {"name": "United Nations International Childhood Fund"})
    assert not _alias_hit(["who"], {"name": "Whoever"})


def test_story_scorer_alias_matches_a_state_or_its_government_by_code():
    from fogline.situation.goldcheck import _alias_hit

    # a government speaks for its state: "Norwegian government" (written "It") is the gold's "norway"
    assert _alias_hit(["norway"], {"name": "Norwegian government", "code": "NORGOV", "text": "It"})
    assert _alias_hit(["norway"], {"name": "Oslo", "code": "NOR", "text": "Oslo"})
    # its military is not the state; a code-less actor matches by its words only
    assert not _alias_hit(["norway"], {"name": "Norwegian military", "code": "NORMIL", "text": "the army"})
    assert not _alias_hit(["norway"], {"name": "fishermen", "code": None, "text": "they"})
