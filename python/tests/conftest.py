"""Paths and fixtures of the Python tests: the source tree, the dyad program of the
same build as the libdyad.so under test ($DYAD_BIN), and a store ingested by it."""
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("DYAD_ROOT", Path(__file__).resolve().parents[2]))
DYAD = os.environ.get("DYAD_BIN", str(ROOT / "build" / "dyad"))
SAMPLE = ROOT / "examples" / "sample-story.txt"
STORIES = ROOT / "test" / "data" / "serve" / "stories.jsonl"


def run(*args: str) -> str:
    return subprocess.run([DYAD, *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="session")
def store_path(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("store") / "events.db"
    subprocess.run([DYAD, "ingest", "-q", "--db", str(db), str(STORIES)], check=True,
                   capture_output=True)
    return db
