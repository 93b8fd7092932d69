"""``fogline bench`` runs end to end on the embedded demo corpus and reports what it measures (no
speed is asserted here: speed lives in the benchmark, not in tests)."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def test_bench_reports_the_event_layer_whole_and_paired(tmp_path):
    from fogline.bench import PAIR_DOCS, format_bench, run_bench

    r = run_bench(shared=str(tmp_path / "no-shared"), docs=3, repeat=2)
    assert r["corpus"].startswith("embedded demo corpus")
    assert len(r["event_layer_shares"]) == 2 and all(x > 0 for x in r["event_layer_shares"])
    paired = r["event_layer_paired"]
    assert len(paired) == 2 and all(x["spacy_s"] > 0 and x["layer_s"] > 0 for x in paired)
    shares = [x["share"] for x in paired]
    assert min(shares) <= r["event_layer_vs_parse_paired"] <= max(shares)
    text = format_bench(r)
    assert f"chunks of {PAIR_DOCS} reports" in text and "event layer (actors + events)" in text
