from __future__ import annotations

import os
from pathlib import Path

import pytest

from fogline.shared import SharedMissing, shared_dir

ROOT = Path(__file__).resolve().parent.parent

if os.environ.get("PYTEST_XDIST_WORKER"):
    # `make test` runs two pytest-xdist workers on the machine's two cores: one thread each for
    # torch (the neural tagger) and BLAS, or their thread pools fight over the cores (a short text
    # measured 3x slower with two torch threads beside another busy process).
    os.environ.setdefault("OMP_NUM_THREADS", "1")


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared, or skip: the gold sets are read in place and never copied into the repo."""
    try:
        return shared_dir(os.environ.get("FOGLINE_SHARED") or ROOT.parent / "shared")
    except SharedMissing as e:
        pytest.skip(f"needs ../shared: {e}")


@pytest.fixture(scope="session")
def seed_path(shared: Path) -> Path:
    p = shared / "seed" / "aleppo-evacuation-2016.txt"
    if not p.exists():
        pytest.skip("needs ../shared/seed")
    return p


@pytest.fixture(scope="session")
def nlp():
    from fogline.nlp import load_model

    return load_model()


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    return str(tmp_path / "test.db")


@pytest.fixture(scope="session")
def pinned_floors():
    """``pinned_floors(section)``: the floors pinned in tests/eval_floors.json for one harness,
    notes (keys starting with "_") left out; skips when none are pinned."""
    import json

    data = json.loads((ROOT / "tests" / "eval_floors.json").read_text())

    def get(section: str) -> dict:
        floors = {k: v for k, v in (data.get(section) or {}).items() if not k.startswith("_")}
        if not floors:
            pytest.skip(f"no {section} floors pinned yet")
        return floors

    return get
