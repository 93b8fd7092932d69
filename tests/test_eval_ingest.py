"""Ingest quality gate: fogline against pinned floors and against plain trafilatura, one run.

The gate runs :func:`fogline.eval.ingest.evaluate` over the Dragnet test split and the
scrapinghub benchmark in ``../shared`` (skipped when absent). Floors live in
``tests/eval_floors.json`` under ``"ingest"``, set a little under the measured figures.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fogline.eval.ingest import (
    SharedDataMissing,
    evaluate,
    find_shared,
    format_report,
    overlap_counts,
    prf,
    split_dragnet_gold,
    tokens,
)

FLOORS: dict[str, Any] = json.loads((Path(__file__).parent / "eval_floors.json").read_text())["ingest"]


# --------------------------------------------------------------------------- the metric itself


def test_tokens_are_lowercased_word_runs() -> None:
    assert tokens("The cat, the HAT!") == {"the": 2, "cat": 1, "hat": 1}


def test_multiset_overlap_and_prf() -> None:
    assert overlap_counts("a a b", "a b b c") == (3, 4, 2)
    p, r, f = prf(3, 4, 2)
    assert (round(p, 3), round(r, 3), round(f, 3)) == (0.667, 0.5, 0.571)
    assert prf(0, 0, 0) == (1.0, 1.0, 1.0)
    assert prf(0, 5, 0) == (0.0, 0.0, 0.0) and prf(5, 0, 0) == (0.0, 0.0, 0.0)


def test_dragnet_gold_split() -> None:
    body, comments = split_dragnet_gold("Title\n\nBody text.\n!@#$%^&*()  COMMENTS\nA reader: nice.\n")
    assert body.strip() == "Title\n\nBody text." and comments.strip() == "A reader: nice."
    assert split_dragnet_gold("No comments here.") == ("No comments here.", "")


def test_missing_shared_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SharedDataMissing, match="../shared not found"):
        find_shared(tmp_path / "nowhere")


# --------------------------------------------------------------------------- the gate


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    try:
        res = evaluate()
    except SharedDataMissing as err:
        pytest.skip(f"skipped: {err}")
    print("\n" + format_report(res))
    return res


@pytest.mark.shared
def test_dragnet_body_floor_and_baseline(result: dict[str, Any]) -> None:
    body = result["datasets"]["dragnet"]["body"]
    floors = FLOORS["dragnet_test"]
    assert body["fogline"]["f1"] >= floors["body_f1"], body
    assert body["fogline"]["f1"] >= body["trafilatura"]["f1"], body
    assert body["fogline"]["f1"] >= body["trafilatura_no_comments"]["f1"], body


@pytest.mark.shared
def test_dragnet_comment_floor_and_baseline(result: dict[str, Any]) -> None:
    ds = result["datasets"]["dragnet"]
    floors = FLOORS["dragnet_test"]
    with_gold = ds["comments_on_pages_with_gold_comments"]
    all_pages = ds["comments_on_all_pages"]
    assert with_gold["fogline"]["f1"] >= floors["comments_f1_pages_with_gold_comments"], with_gold
    assert all_pages["fogline"]["f1"] >= floors["comments_f1_all_pages"], all_pages
    assert with_gold["fogline"]["f1"] > with_gold["trafilatura"]["f1"], with_gold
    assert all_pages["fogline"]["f1"] > all_pages["trafilatura"]["f1"], all_pages


@pytest.mark.shared
def test_scrapinghub_body_floor(result: dict[str, Any]) -> None:
    body = result["datasets"]["scrapinghub_aeb"]["body"]
    assert body["fogline"]["f1"] >= FLOORS["scrapinghub_aeb"]["body_f1"], body


@pytest.mark.shared
def test_every_page_is_scored(result: dict[str, Any]) -> None:
    # Speed is the benchmark's business (fogline bench), not a test's: only coverage here.
    assert result["datasets"]["dragnet"]["pages"] >= 400
    assert result["datasets"]["scrapinghub_aeb"]["pages"] >= 180
