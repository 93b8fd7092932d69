"""Dates: time expressions resolved against the publication date, text kept."""
from __future__ import annotations

import pytest

from fogline.extract.when import DateTracker, date_in, expressions, resolve

WED = "2016-12-14"  # a Wednesday
SUN = "2025-03-09"  # a Sunday


@pytest.mark.parametrize(("expr", "published", "future", "iso"), [
    ("Wednesday", WED, False, "2016-12-14"),          # published that weekday: that day
    ("Wednesday", WED, True, "2016-12-14"),
    ("Thursday morning", WED, True, "2016-12-15"),    # a schedule: the next one
    ("Thursday morning", WED, False, "2016-12-08"),   # a report: the last one
    ("Monday", WED, False, "2016-12-12"),
    ("last Wednesday", WED, False, "2016-12-07"),
    ("next Wednesday", WED, False, "2016-12-21"),
    ("Tuesday at 06:00", SUN, True, "2025-03-11"),
    ("Friday", WED, None, "2016-12-16"),              # None: the nearest
    ("yesterday", WED, False, "2016-12-13"),
    ("last night", WED, False, "2016-12-13"),
    ("overnight", WED, False, "2016-12-13"),
    ("today", WED, False, "2016-12-14"),
    ("this morning", WED, False, "2016-12-14"),
    ("tomorrow", WED, True, "2016-12-15"),
    ("the day before yesterday", WED, False, "2016-12-12"),
    ("three days ago", WED, False, "2016-12-11"),
    ("last week", WED, False, "2016-12-07"),          # convention: seven days before
    ("next week", WED, True, "2016-12-21"),
    ("earlier this month", WED, False, None),         # too vague for a day
    ("last year", WED, False, None),
    ("on 3 May", WED, False, "2016-05-03"),           # no year: the publication year
    ("March 11", SUN, False, "2025-03-11"),
    ("the 2nd of February", SUN, False, "2025-02-02"),
    ("Dec. 20", WED, False, "2016-12-20"),            # within a month after: this year
    ("20 February", WED, False, "2016-02-20"),
    ("20 January", WED, True, "2017-01-20"),          # a schedule long before: next year
    ("30 December", "2017-01-03", False, "2016-12-30"),  # far after publication: last year
    ("11 March 2025", WED, False, "2025-03-11"),
    ("March 11, 2025", None, False, "2025-03-11"),
    ("Tuesday, March 11, 2025", None, False, "2025-03-11"),
    ("2016-12-14", None, False, "2016-12-14"),
    ("Wednesday", None, False, None),                 # no publication date: only absolute dates
    ("3 May", None, False, None),
    ("yesterday", None, False, None),
    ("30 February 2016", None, False, None),
    ("since October", WED, False, None),
])
def test_resolve(expr, published, future, iso):
    assert resolve(expr, published, future=future) == iso


def test_resolve_falls_back_to_dateparser_for_other_absolute_forms():
    assert resolve("14.12.2016", None) == "2016-12-14"
    assert resolve("nothing here", WED) is None


@pytest.fixture(scope="module")
def parse(nlp):
    return lambda text: nlp(text)[:]


@pytest.mark.model
@pytest.mark.parametrize(("text", "published", "expected"), [
    # past schedule: "was to begin" is past, so Wednesday is the publication day
    ("The handover of the prisoners was to begin Wednesday morning under a plan brokered by Qatar.",
     WED, ("Wednesday morning", "2016-12-14")),
    ("The mediators now say the new plan will see the buses leave on Thursday morning.",
     WED, ("Thursday morning", "2016-12-15")),
    ("The truce is to begin on Tuesday at 06:00 local time.", SUN, ("Tuesday at 06:00", "2025-03-11")),
    ("The truce is due to begin on Tuesday.", SUN, ("Tuesday", "2025-03-11")),
    ("The truce was due to begin on Sunday.", SUN, ("Sunday", "2025-03-09")),
    ("She said medics would travel with the trucks on Friday.", WED, ("Friday", "2016-12-16")),
    ("Militia fighters shelled the northern suburbs on Monday.", WED, ("Monday", "2016-12-12")),
    ("Police said they had detained the suspects last week.", WED, ("last week", "2016-12-07")),
    ("The accord was signed in Doha on 3 May.", WED, ("3 May", "2016-05-03")),
    ("The accord was signed in Doha on 3 May.", None, ("3 May", None)),
    ("Talks opened in Geneva on 11 March 2025.", None, ("11 March 2025", "2025-03-11")),
    ("Clashes flared again earlier this month.", WED, ("earlier this month", None)),
    # present tense that is no timetable, a participle, a possessive: all look back
    ("The death toll from Monday's raid on the depot is still in dispute.", WED, ("Monday's", "2016-12-12")),
    ("The request, first made on Friday, is understood to be under review.", WED, ("Friday", "2016-12-09")),
    ("The new truce begins on Friday.", WED, ("Friday", "2016-12-16")),
    ("The two sides exchanged fire along the front line.", WED, (None, None)),
])
def test_date_in(parse, text, published, expected):
    assert date_in(parse(text), published) == expected


@pytest.mark.model
def test_date_in_override_and_anchor(parse):
    span = parse("The army, which took the town on Sunday, said it would withdraw on Thursday.")
    assert date_in(span, WED, future=False)[1] == "2016-12-08"
    took = next(t for t in span if t.text == "took")
    withdraw = next(t for t in span if t.text == "withdraw")
    assert date_in(span, WED, anchor=took) == ("Sunday", "2016-12-11")
    assert date_in(span, WED, anchor=withdraw) == ("Thursday", "2016-12-15")


@pytest.mark.model
def test_no_date_words_cost_nothing(parse):
    assert expressions(parse("May God protect them, the march went on.")) == []  # not a month without a day


@pytest.mark.model
def test_tracker_carries_the_narrative_date_not_a_schedule(nlp):
    doc = nlp("The handover was to begin on Wednesday. It did not happen, with both sides shooting instead. "
              "A new plan will see it start on Thursday. Each side blames the other.")
    track = DateTracker(WED)
    got = [track(s) for s in doc.sents]
    assert got == [("Wednesday", WED), ("Wednesday", WED), ("Thursday", "2016-12-15"), ("Wednesday", WED)]


@pytest.mark.shared
@pytest.mark.model
def test_seed_dates(nlp, seed_path):
    """expected.yaml: E2 and E7 are dated 2016-12-14 (the narrative's Wednesday), and the revised
    deal starts on 2016-12-15 ("Thursday morning", a schedule)."""
    yaml = pytest.importorskip("yaml")
    expected = yaml.safe_load((seed_path.parent / "expected.yaml").read_text())
    text = seed_path.read_text()
    body = text[text.index(expected["document"]["body_starts_with"]):]
    body = body[:body.index(expected["document"]["body_ends_with"]) + len(expected["document"]["body_ends_with"])]
    doc = nlp(body)
    track = DateTracker("2016-12-14")
    dates = [(s.text, *track(s)) for s in doc.sents]
    for ev in expected["events"]:
        if "date" in ev:
            (hit,) = [d for d in dates if ev["evidence_contains"] in d[0]]
            assert hit[2] == ev["date"], ev["id"]
    future = [d for d in dates if d[2] and d[2] > "2016-12-14"]
    assert [d[2] for d in future] == [expected["agreement"]["revised_start_date"]]
    assert future[0][1] == "Thursday morning"


def test_date_gate_answers_as_the_regular_expression():
    """The substring shortcuts in front of _GATE may skip it, never change its answer."""
    import re

    from fogline.extract.when import _FOLDS, _GATE, _gate

    texts = ["Fighting resumed on Monday.", "The talks failed.", "no date here at all", "It happened 3 days ago.",
             "Chicago", "in Sept. last", "last  night", "this week", "the past year", "2016-12-14", "12-14",
             "Rebels said this morning", "the Mayor", "mid-March", "yeſterday", "THIS WEEK", "Today's vote",
             "\u0130stanbul this month", "overnight shelling", "Dec", "Decision", "tomorrow's vote", "ago",
             "the previous weekend", "2016\u201312\u201314", "\u0661\u0662\u0663\u0664-\u0661\u0662-\u0661\u0662"]
    for t in texts:
        assert _gate(t) == bool(_GATE.search(t)), t
    # every non-ASCII character that IGNORECASE matches to an ASCII letter is in _FOLDS (checked
    # over the planes where such characters live)
    letters = [re.compile("(?i)" + c) for c in "abcdefghijklmnopqrstuvwxyz"]
    for cp in list(range(0x80, 0x2000)) + list(range(0x2100, 0x2200)):
        ch = chr(cp)
        if any(p.fullmatch(ch) for p in letters):
            assert ch in _FOLDS, hex(cp)


def test_may_hold_date_holds_for_every_stretch_of_a_text(nlp):
    """may_hold_date answers False only where no stretch of the text (a clause of a sentence) holds a
    date expression: events skip a clause's date search on it, so a False must never hide one."""
    from fogline.extract.when import _gate, may_hold_date

    texts = ["Rebels shelled the town and troops answered with artillery fire.",
             "The ministry said on Monday that the convoy had left.",
             "Aid workers left three days ago, the agency said.",
             "The vote, set for 2016-12-14, was put off.",
             "Officials met in Geneva to discuss the ceasefire."]
    answers = []
    for text in texts:
        doc = nlp(text)
        whole = doc[:]
        answers.append(may_hold_date(whole))
        for i in range(len(doc)):
            for j in range(i + 1, len(doc) + 1):
                part = doc[i:j]
                if not may_hold_date(whole):
                    assert not may_hold_date(part) and not _gate(part.text), part.text
                    assert date_in(part, WED) == (None, None)
                if may_hold_date(part):
                    assert may_hold_date(whole)
    assert answers == [False, True, True, True, False]
