"""The trained sequence labeller: a linear-chain CRF over characters (CLUENER2020 classes),
and the `crf-ner` pipeline component that adds its mentions where the rules found none.

The model is trained with `kg train-ner` (see `kg.nlp.train`); `kg/models/MODEL_CARD.md`
describes the shipped one."""

from __future__ import annotations

import threading
from pathlib import Path

import pycrfsuite

from .. import lexicon
from ..components import component
from ..model import Article, Mention
from .features import Gazetteer, clusters_path, features, gazetteer_path, load_clusters
from .tokens import tokenize

DEFAULT_MODEL = Path(__file__).resolve().parent.parent / "models" / "ner.crfsuite"
EXTRACTOR = "crf-ner"
# mean marginal below this and the span is left out; chosen on a held-out slice of train
THRESHOLD = 0.5

ADMIN_SUFFIXES = ("州",)  # 怒江州: a prefecture's short form; the area suffixes list 自治州 only
CLASS_MAP = {
    "name": "Person",
    "position": "Title",
    "government": "GovernmentBody",
    "organization": "Organization",
    "company": "Company",
}


def mention_type(cls: str, text: str) -> str | None:
    """The graph-contract class of a CLUENER class (None for classes the graph ignores). An
    address takes the class of its longest area suffix (石桥小区 and 东岭蓄滞洪区 are places,
    though they end in 区)."""
    if cls == "address":
        suffix = next((s for s in lexicon.ordered("area_suffixes") if text.endswith(s)), None)
        if suffix is not None:
            return lexicon.table("area_suffixes")[suffix][0]
        return "AdministrativeArea" if text.endswith(ADMIN_SUFFIXES) else "Place"
    return CLASS_MAP.get(cls)


def spans(labels: list[str]) -> list[tuple[int, int, str]]:
    """(start, end exclusive, class) from BIO or BIOES labels; an I- or E- without its B-
    starts a span."""
    out: list[tuple[int, int, str]] = []
    start: int | None = None
    cls = ""
    for i, label in enumerate(labels + ["O"]):
        tag, _, kind = label.partition("-")
        if start is not None and (tag not in ("I", "E") or kind != cls):
            out.append((start, i, cls))
            start = None
        if tag in ("B", "S") or (tag in ("I", "E") and start is None):
            start, cls = i, kind
        if tag in ("E", "S") and start is not None:  # always: set just above if not before
            out.append((start, i + 1, cls))
            start = None
    return out


class SequenceTagger:
    _cache: dict[str, "SequenceTagger"] = {}
    _lock = threading.Lock()

    def __init__(self, path):
        self.path = Path(path)
        if not self.path.exists():
            raise FileNotFoundError(
                f"no NER model at {self.path}; run `kg train-ner` to train one "
                f"(it reads CLUENER2020 train.json, see `kg train-ner --help`)"
            )
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(self.path))
        self._tag_lock = threading.Lock()  # a crfsuite Tagger holds per-call state
        gazetteer = gazetteer_path(self.path)
        self.gazetteer = Gazetteer.load(gazetteer) if gazetteer.exists() else None
        clusters = clusters_path(self.path)
        self.clusters = load_clusters(clusters) if clusters.exists() else None

    @classmethod
    def load(cls, path=DEFAULT_MODEL) -> "SequenceTagger":
        """One tagger per model file and process. An absolute path is looked up as given
        first: the pipeline asks for every article, and resolving costs a few lstat calls."""
        tagger = cls._cache.get(path)
        if tagger is None:
            key = str(Path(path).resolve())
            with cls._lock:
                if key not in cls._cache:
                    cls._cache[key] = cls(path)
                tagger = cls._cache[key]
                if Path(path).is_absolute():
                    cls._cache[path] = tagger
        return tagger

    def tag(self, text: str, tokens: list[tuple[str, int]] | None = None) -> list[Mention]:
        if not text:
            return []
        feats = features(
            text, tokens if tokens is not None else tokenize(text), self.gazetteer, self.clusters
        )
        with self._tag_lock:
            labels = self._tagger.tag(feats)
            # a span of a class the graph ignores (game, book …) is dropped: no marginals for
            # it (a sentence with none of the others needs no forward-backward pass at all)
            kept = [(s, e, kind) for s, e, c in spans(labels) if (kind := mention_type(c, text[s:e]))]
            found = [(s, e, kind, self._score(labels, s, e)) for s, e, kind in kept]
        return [Mention(text[s:e], s, e, kind, score, EXTRACTOR) for s, e, kind, score in found]

    def _score(self, labels, start, end) -> float:
        marginal = self._tagger.marginal
        return sum(marginal(labels[i], i) for i in range(start, end)) / (end - start)


def add_mentions(article: Article, found: list[Mention], threshold: float = THRESHOLD) -> None:
    """Add each found mention above `threshold` that overlaps no mention already there."""
    taken = [(m.start, m.end) for m in article.mentions]
    for m in found:
        if m.score < threshold or any(m.start < e and s < m.end for s, e in taken):
            continue
        article.mentions.append(m)
        taken.append((m.start, m.end))


@component(
    "crf-ner",
    requires=("text", "tokens", "mentions"),
    provides=("mentions",),
    source="model",
    extractors=(EXTRACTOR,),
)
def crf_ner(article: Article) -> None:
    tokens = [(w, s) for w, _, s in article.tokens] if article.tokens else None
    add_mentions(article, SequenceTagger.load().tag(article.text, tokens))
