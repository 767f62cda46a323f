import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "seeds" / "000_c2ede23c11b13d34.txt"
GOLD = ROOT / "tests" / "gold" / "000_c2ede23c11b13d34.gold.json"


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The sample page built once for the whole session (no HTML)."""
    import kg

    out = tmp_path_factory.mktemp("sample")
    summary = kg.build([str(SAMPLE)], out, html=False)
    return out, summary
