"""The command line: contract JSON, text summary, --out, exit codes, stdin."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from fogline.cli import main

REPORT = ("Pause Agreed for the Valley\n\nTalks Ended Late on Sunday\n\nThe two sides agreed on Sunday to a pause in "
          "the fighting, mediators said. Trucks are to enter on Tuesday.\n\nAuthor: Kim Ode\n\nKim Ode reports on the "
          "valley.\n\n  • reader_x\n\n    Believe it when I see it.\n")
CONTRACT_DOC_KEYS = {"id", "source", "outlet", "title", "subtitle", "authors", "published", "body", "comments",
                     "events", "claims", "silences", "agreements"}


@pytest.fixture
def report(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(REPORT)
    return p


@pytest.mark.model
def test_analyze_json_follows_the_contract(report, tmp_path):
    out = tmp_path / "out.json"
    db = tmp_path / "x.db"
    r = CliRunner().invoke(main, ["analyze", str(report), "--published", "2025-03-09", "--format", "json",
                                  "--out", str(out), "--db", str(db)])
    assert r.exit_code == 0, r.output
    data = json.loads(out.read_text())
    assert data["fogline"] == "1" and data["rejected"] == []
    (doc,) = data["documents"]
    assert CONTRACT_DOC_KEYS <= set(doc)
    assert doc["title"] == "Pause Agreed for the Valley" and doc["subtitle"] == "Talks Ended Late on Sunday"
    assert doc["authors"] == ["Kim Ode"] and doc["published"] == "2025-03-09"
    assert doc["comments"] == [{"id": "c1", "text": "Believe it when I see it.", "author": "reader_x", "parent": None}]
    assert set(data["situation"]) >= {"documents", "actors", "propositions", "agreements", "timeline"}
    assert data["situation"]["documents"] == [doc["id"]]
    assert db.exists()


@pytest.mark.model
def test_text_summary_and_rejection_exit_code(report, tmp_path):
    r = CliRunner().invoke(main, ["analyze", str(report), str(tmp_path / "missing.txt"), "--no-store"])
    assert r.exit_code == 1
    assert "Pause Agreed for the Valley" in r.output and "FL100" in r.output


@pytest.mark.model
def test_stdin(tmp_path):
    r = CliRunner().invoke(main, ["analyze", "-", "--format", "json", "--no-store"], input=REPORT.encode())
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["documents"][0]["source"] == "<stdin>"


@pytest.mark.parametrize("args", [["analyze"], ["analyze", "x.txt", "--published", "14/12/2016"],
                                  ["analyze", "x.txt", "--format", "xml"], ["nonsense"]])
def test_usage_errors_exit_2(args):
    assert CliRunner().invoke(main, args).exit_code == 2


def test_a_mistyped_tagger_precision_is_a_usage_error(report, monkeypatch):
    monkeypatch.setenv("FOGLINE_NEURAL_PRECISION", "fp8")
    r = CliRunner().invoke(main, ["analyze", str(report), "--no-store"])
    assert r.exit_code == 2 and "FOGLINE_NEURAL_PRECISION='fp8'" in r.output and "auto, bf16, fp32" in r.output


def test_store_error_exits_3(report, tmp_path):
    r = CliRunner().invoke(main, ["analyze", str(report), "--db", str(tmp_path / "no" / "dir" / "x.db")])
    assert r.exit_code == 3 and "FL300" in r.output


@pytest.mark.model
def test_demo_analyses_every_demo_report(tmp_path):
    from fogline.demo import demo_paths

    db = tmp_path / "demo.db"
    r = CliRunner().invoke(main, ["demo", "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert "0 inputs rejected" in r.output
    from fogline.store import Store

    counts = Store.open(str(db)).counts()
    n_reports = sum(1 if p.suffix != ".jsonl" else len(p.read_text().splitlines()) for p in demo_paths())
    assert counts["documents"] == n_reports >= 6
    assert counts["comments"] > 0
    again = CliRunner().invoke(main, ["demo", "--db", str(db)])
    assert again.exit_code == 0 and Store.open(str(db)).counts() == counts


@pytest.mark.parametrize("harness", ["ingest", "events", "claims"])
def test_eval_without_shared_is_a_clear_skip(harness, tmp_path):
    r = CliRunner().invoke(main, ["eval", harness, "--shared", str(tmp_path / "nowhere")])
    assert r.exit_code == 0 and r.output.startswith("skipped: shared gold sets not found")
