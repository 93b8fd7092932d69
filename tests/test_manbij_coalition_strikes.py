"""Civilians killed by US-led coalition strikes around Manbij, 18-19 July 2016, across 8 outlets (FA-KES
rows), against the gold file written before fogline was run on them (tests/gold/manbij_coalition_strikes.yaml).
Held out: nothing in fogline was tuned on these rows. Measured once (2026-11-25, branch wt-story2 at
e9fa7fa + the gold); floors are pinned at what fogline reached, and what it did not reach is an xfail
that states the measured figures. Measured again 2026-11-26 (branch wt-stories): its grouping figures were
printed beside the tuning months' while the grouping's parameters were chosen (no choice was made on
them: none was picked or dropped for its Manbij figures), so it is no longer blind."""
from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.shared, pytest.mark.model]

GOLD = Path(__file__).parent / "gold" / "manbij_coalition_strikes.yaml"


@pytest.fixture(scope="module")
def scored(shared):
    from fogline.situation.goldcheck import score_story

    return score_story(GOLD, shared)


def test_wire_copies(scored):
    # measured 2026-11-25: 2 of 4 (the Daily Sabah pair, one row with a wrong FA-KES date, and the TRT pair,
    # one row dated five weeks early), no false duplicate
    found, total = scored["duplicates"]
    assert total == 4 and found >= 2
    assert scored["false_duplicates"] == 0


@pytest.mark.xfail(reason="not met (measured 2026-11-25: 2 of 4): the Press TV text in al-Alam and al-Manar "
                          "(al-Manar's lacks two sentences and repeats its lead) and the AFP text in al-Araby and "
                          "al-Ahram (al-Ahram's is its first three sentences) sit in the main story unmarked",
                   strict=False)
def test_wire_copies_all(scored):
    assert scored["duplicates"] == (4, 4)


def test_grouping(scored):
    # measured 2026-11-25: pairwise precision 0.923 (24 of 26 pairs), recall 0.436 (24 of 55), 7 of 11 members;
    # 0.960 (24 of 25) once goldcheck stopped scoring pairs of two 'others' (the two Sputnik rows)
    # in the main story
    # 2026-11-26, reports placed on their dateline's day (the Daily Sabah and TRT rows that FA-KES dates 6 July and
    # 14 June) and the day weights and situation size bonus chosen on the four grouping months (stories.py; nothing
    # chosen on these rows): P 0.960 R 0.436 main 7 -> P 1.000 (45 of 45) R 0.818 (45 of 55) main 10 of 11
    assert scored["grouping"]["recall"] >= 0.8
    assert scored["grouping"]["precision"] >= 0.98
    assert scored["main_members"] >= 10


@pytest.mark.xfail(reason="not met (measured 2026-11-26: P 1.000, R 0.818; 2026-11-25: P 0.960, R 0.436): al-Ahram's "
                          "Tokhar report (56) stands apart; the two Sputnik rows of 20 July (Hama, Carter) are "
                          "grouped together", strict=False)
def test_grouping_exact(scored):
    assert scored["grouping"]["precision"] == 1.0 and scored["grouping"]["recall"] == 1.0


def test_positions(scored):
    # measured 2026-11-25: 3 of 7 gold positions (observatory, activists/residents, IS's Amaq on the coalition
    # killing civilians); no gold proposition is contested and none is found contested
    # 2026-11-26: 6 of 7 once the rows that held them joined the main story (the National Coalition's
    # assertion, the 'mistaken for IS' position, the US military's base capture)
    found, total = scored["positions"]
    assert total == 7 and found >= 6, scored["detail"]["positions"]
    assert scored["contested"] == (0, 0)


@pytest.mark.xfail(reason="not met (measured 2026-11-26: 6 of 7; 3 of 7 on 2026-11-25): Sputnik's 'local source' "
                          "is kept as 'source'", strict=False)
def test_positions_all(scored):
    found, total = scored["positions"]
    assert found == total, scored["detail"]["positions"]


def test_no_agreements_invented(scored):
    # none in the gold (none mentioned): 0 of 0
    assert scored["agreements"] == (0, 0)
    assert scored["main"]["agreements"] == [], scored["main"]["agreements"]


def test_figures_by_source(scored):
    # measured 2026-11-25: 8 of 13 figures with their source; the killed tolls found to disagree
    found, total = scored["figures"]
    assert total == 13 and found >= 8, scored["detail"]["figures"]
    assert scored["figures_disagree"]


@pytest.mark.xfail(reason="not met (measured 2026-11-25: 8 of 13): al-Araby's 21 is given to the dateline "
                          "('Date of publication'); sentence-final sources ('... activists and the extremist group "
                          "said', '... a local source told Sputnik') are lost, leaving an unnamed or outlet voice; "
                          "Anadolu's 'put the death toll at least at 85' yields no figure; TRT's 73 (in the main story "
                          "since 2026-11-26) is not found as the outlet's", strict=False)
def test_figures_all(scored):
    found, total = scored["figures"]
    assert found == total, scored["detail"]["figures"]


def test_war_totals_kept_apart(scored):
    # the "war has killed more than 280,000" line of the AFP copy is background, not a toll of the strikes
    # (measured 2026-11-25: moved to background with scope war; largest toll of the strikes 160)
    main = scored["main"]
    killed = next(g for g in main["figures"] if g["unit"] == "killed")
    assert max(v["value"] for v in killed["values"]) < 10_000
    back = main["background_figures"]
    assert back and all(v["value"] >= 100_000 and v["scope"] == "war" for v in back), back
