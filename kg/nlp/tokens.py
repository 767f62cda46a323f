"""Word tokens from jieba, with the project's lexicons loaded as a user dictionary.

Only word boundaries are computed here (jieba.tokenize, about 5x faster than posseg):
the rules and the sequence model need boundaries, and the throughput target rules out
a part-of-speech pass over every article."""

from __future__ import annotations

import logging
import threading
from functools import lru_cache

import jieba

from ..components import component
from ..model import Article

jieba.setLogLevel(logging.WARNING)
_lock = threading.Lock()
_ready = False


def _initialise() -> None:
    global _ready
    with _lock:
        if _ready:
            return
        from .. import lexicon

        for word in lexicon.user_words():
            jieba.add_word(word, freq=50000)
        jieba.initialize()
        _ready = True


@lru_cache(maxsize=None)
def dictionary_tags() -> dict[str, tuple[str, str]]:
    """word -> (its part of speech in jieba's dictionary, a frequency band h/m/l). Read once
    from the dictionary file: a table lookup instead of a posseg pass."""
    with jieba.get_dict_file() as f:
        parts = f.read().decode("utf-8").split()
    tags = {}
    for i in range(0, len(parts) - 2, 3):
        freq = int(parts[i + 1])
        tags[parts[i]] = (parts[i + 2], "h" if freq > 1000 else "m" if freq > 50 else "l")
    return tags


def word_tag(word: str | None) -> str | None:
    """The part of speech jieba's dictionary gives `word`, or None for a word it lacks."""
    entry = dictionary_tags().get(word) if word else None
    return entry[0] if entry else None


def tokenize(text: str) -> list[tuple[str, int]]:
    """(word, start offset) for every jieba word of `text`."""
    _initialise()
    return [(w, s) for w, s, _ in jieba.tokenize(text)]


@component("tokens", requires=("text",), provides=("tokens",))
def tokens(article: Article) -> None:
    article.tokens = [(w, "", s) for w, s in tokenize(article.text)]
