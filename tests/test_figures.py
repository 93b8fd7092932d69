"""Figures: numbers the text states about people, with qualifier and unit."""
from __future__ import annotations

import pytest

from fogline.extract.figures import figures_in

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def figs(nlp):
    def run(text):
        return [(f.value, f.qualifier, f.unit, f.text) for f in figures_in(nlp(text)[:])]
    return run


@pytest.mark.parametrize(("text", "expected"), [
    ("A truck bomb tore through the bazaar, killing at least 80 people and wounding four other people.",
     [(80, "at_least", "killed", "at least 80 people"), (4, None, "injured", "four other people")]),
    ("By evening the toll had risen to 95, the ministry said.", [(95, None, "killed", "95")]),
    ("The monitoring group gave a toll of nine.", [(9, None, "killed", "nine")]),
    # the governing verb decides over the adjective: carried to hospitals is an evacuation
    ("Up to 45 wounded people are to be taken by bus to clinics across the border.",
     [(45, "up_to", "evacuated", "Up to 45 wounded people")]),
    ("As many as 30 wounded people remain in the town.", [(30, "up_to", "injured", "As many as 30 wounded people")]),
    ("Border guards said 14 men had been detained overnight.", [(14, None, "arrested", "14 men")]),
    ("Around 1,500 fighters remain inside the old city.", [(1500, "about", "fighters", "Around 1,500 fighters")]),
    ("Nearly 70 civilians were evacuated from the camp.", [(70, "about", "evacuated", "Nearly 70 civilians")]),
    ("More than 3,000 families fled the district.", [(3000, "at_least", "displaced", "More than 3,000 families")]),
    ("Some 12,000 residents were displaced by the shelling.", [(12000, "about", "displaced", "Some 12,000 residents")]),
    ("Exactly 19 prisoners were freed.", [(19, "exactly", "arrested", "Exactly 19 prisoners")]),
    ("Twelve soldiers died in the ambush.", [(12, None, "killed", "Twelve soldiers")]),
    ("The raid left two dozen people injured.", [(24, None, "injured", "two dozen people")]),
    ("At least 2.5 million people have been displaced.", [(2_500_000, "at_least", "displaced",
                                                           "At least 2.5 million people")]),
    ("Gunmen seized seven aid workers on the road.", [(7, None, "arrested", "seven aid workers")]),
    ("Unknown men kidnapped three journalists.", [(3, None, "abducted", "three journalists")]),
    ("The blast killed one guard.", [(1, None, "killed", "one guard")]),
    ("Thirty-five people marched to the governor's office.", [(35, None, "people", "Thirty-five people")]),
])
def test_figures(figs, text, expected):
    assert figs(text) == [(float(v), q, u, t) for v, q, u, t in expected]


@pytest.mark.parametrize("text", [
    "Dozens of people were wounded in the clashes.",                 # vague: no figure
    "Several hundred people gathered outside the hospital.",
    "Thousands of families have fled since the spring.",
    "The convoy of 14 trucks travelled 80 km in six hours.",          # not people; distance; time
    "A 9-year-old girl was among the victims of a 48-hour siege.",    # age; hyphenated compound
    "The talks began on 3 May 2016 at 06:00.",                        # date; time
    "The fund pledged $20 million, about 15 percent of the appeal.",  # money; percentage
    "He was the first to speak, aged 61.",                            # ordinal; age
    "One of its allies said the deal was off.",                       # "one" as a pronoun
])
def test_not_figures(figs, text):
    assert figs(text) == []


def test_figures_text_is_a_slice(nlp):
    doc = nlp("Rebels said 40 fighters and about 200 civilians had left, while 12 others were killed.")
    for f in figures_in(doc[:]):
        assert f.text in doc.text
    assert [f.unit for f in figures_in(doc[:])] == ["fighters", "people", "killed"]


@pytest.mark.parametrize(("text", "expected"), [
    # a fate reported as the complement of a verb of reporting
    ("At least 14 villagers were confirmed killed after the flood.",
     [(14, "at_least", "killed", "At least 14 villagers")]),
    ("Nine fishermen are feared dead off the coast.", [(9, None, "killed", "Nine fishermen")]),
    # "the lives of N" after a verb that takes them
    ("The landslide claimed the lives of 31 workers.", [(31, None, "killed", "31 workers")]),
    ("The fire took the lives of at least six children.", [(6, "at_least", "killed", "at least six children")]),
    # a resultative complement: "left N dead"
    ("The blast left at least 40 people dead and 90 wounded.",
     [(40, "at_least", "killed", "at least 40 people"), (90, None, "injured", "90")]),
    # a participle right after the counted people is their fate, whatever verb the parser hangs them on
    ("The shelling left at least 30 people killed and over 200 wounded, according to medics.",
     [(30, "at_least", "killed", "at least 30 people"), (200, "at_least", "injured", "over 200")]),
    # a verb of harm right before the count is its verb, even when the parser hangs the noun elsewhere
    ("The strikes also wounded more than 60 people said the Observatory a British-based monitoring group.",
     [(60, "at_least", "injured", "more than 60 people")]),
    # two numbers in digits side by side are two numbers (a scraped copy lost the comma between
    # them), the first still a toll where the parser hung it on the second
    ("The toll from the gas attack has climbed to 73 25 of them children a rights group said.",
     [(73, None, "killed", "73"), (25, None, "people", "25 of them")]),
])
def test_figures_reported_fates_and_lives(figs, text, expected):
    assert figs(text) == [(float(v), q, u, t) for v, q, u, t in expected]


def test_saved_lives_are_not_deaths(figs):
    assert figs("The rescuers saved the lives of 12 passengers.") == [(12.0, None, "people", "12 passengers")]


def test_digit_numbers_do_not_run_together_but_words_and_scales_do(figs):
    assert [f[0] for f in figs("The raids killed 41 12 of them in the market.")] == [41.0, 12.0]
    assert [f[0] for f in figs("Twenty five people died and 1.5 million people fled.")] == [25.0, 1_500_000.0]


def test_people_after_a_reduced_passive_are_the_subject_of_the_harm_verb_after_them(figs):
    # "those killed at least 45 people were wounded" (its comma lost): "those killed" takes no object;
    # the people are the subject of "were wounded"
    assert figs("Besides those killed at least 45 people were wounded in the raid.") == [
        (45.0, "at_least", "injured", "at least 45 people")]
    # a relative clause with its own object is left as the parser reads it
    assert figs("Gunmen who killed 5 people were arrested on Monday.") == [(5.0, None, "killed", "5 people")]
