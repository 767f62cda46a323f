"""Lexicons are data files under `ontology/lexicon/`, one entry a line, `#` for comments.
A user adds a title, a suffix or a cue word by editing a file, not code.

A line may carry tab-separated fields after the entry (e.g. the class an organisation
suffix gives); `table()` returns those, `words()` only the entries."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


def ontology_dir() -> Path:
    """The ontology folder (lexicons, OWL, shapes): `kg/ontology` in an installed wheel
    (pyproject.toml maps the package kg.ontology onto the repository's `ontology/`), the
    repository's `ontology/` in a source tree or an editable install. Every reader of
    ontology files goes through here."""
    here = Path(__file__).resolve().parent
    for folder in (here / "ontology", here.parent / "ontology"):
        if (folder / "kg.ttl").is_file():
            return folder
    raise FileNotFoundError(f"no ontology folder beside {here} (a broken installation)")


LEXICON_DIR = ontology_dir() / "lexicon"


def _lines(name: str):
    path = LEXICON_DIR / f"{name}.txt"
    if not path.exists():
        return
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if line.strip():
            yield [f.strip() for f in line.split("\t")]


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    return frozenset(fields[0] for fields in _lines(name))


@lru_cache(maxsize=None)
def table(name: str) -> dict[str, tuple[str, ...]]:
    return {fields[0]: tuple(fields[1:]) for fields in _lines(name)}


@lru_cache(maxsize=None)
def ordered(name: str) -> tuple[str, ...]:
    """Entries longest first, for greedy suffix matching."""
    return tuple(sorted(words(name), key=lambda w: (-len(w), w)))


def user_words() -> list[str]:
    """Words jieba should keep whole: titles and organisation suffixes."""
    return sorted(words("titles") | words("org_suffixes") | words("area_suffixes"))
