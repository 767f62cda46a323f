"""Word tokens from jieba, with the project's lexicons loaded as a user dictionary.

Only word boundaries are computed here (jieba.tokenize, about 5x faster than posseg):
the rules and the sequence model need boundaries, and the throughput target rules out
a part-of-speech pass over every article."""

from __future__ import annotations

import logging
import threading
from functools import lru_cache
from math import log

import jieba
from jieba import finalseg

from ..components import component
from ..model import Article

jieba.setLogLevel(logging.WARNING)
_lock = threading.Lock()
_ready = False
_RE_HAN, _RE_SKIP = getattr(jieba, "re_han_default", None), getattr(jieba, "re_skip_default", None)


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
    if _MIRRORED:
        return _cut(text)
    return [(w, s) for w, s, _ in jieba.tokenize(text)]


# jieba releases whose `Tokenizer.cut` (default mode, HMM on) `_cut` reproduces word for word.
# `_cut` is adapted from jieba 0.42 (jieba/__init__.py: get_DAG, calc, __cut_DAG), MIT licence,
# copyright (c) 2013 Sun Junyi; kg uses it only where that release is installed.
_MIRRORED = getattr(jieba, "__version__", "") in ("0.42", "0.42.1") and _RE_HAN is not None


def _cut(text: str) -> list[tuple[str, int]]:
    """jieba.tokenize(text) of jieba 0.42, in one function and without its generators: the
    same dictionary (jieba.dt.FREQ, with the user words), the same scores summed in the same
    order, the same tie-break (the longer word), and jieba's own HMM for the runs of single
    characters it does not know. A quarter faster; tests/test_ner_model.py checks it against
    jieba.tokenize."""
    freq = jieba.dt.FREQ
    get = freq.get
    logtotal = log(jieba.dt.total)
    hmm = finalseg.cut
    words: list[str] = []
    add = words.append
    han, skip = _RE_HAN, _RE_SKIP
    assert han is not None and skip is not None  # _MIRRORED says so
    for blk in han.split(text):
        if not blk:
            continue
        if not han.match(blk):
            for piece in skip.split(blk):
                if skip.match(piece):
                    add(piece)
                else:
                    words.extend(piece)  # one character at a time
            continue
        n = len(blk)
        # the best route from each position to the end (jieba's calc), found backwards, the
        # words that start at a position (jieba's DAG) found as they are scored
        score: list[float] = [0.0] * n + [0]
        nxt = [0] * (n + 1)
        for idx in range(n - 1, -1, -1):
            best: float | None = None
            end = -1
            i, frag = idx, blk[idx]
            while i < n and frag in freq:
                f = freq[frag]
                if f:
                    sc = log(f) - logtotal + score[i + 1]
                    if best is None or sc > best or (sc == best and i > end):
                        best, end = sc, i
                i += 1
                frag = blk[idx : i + 1]
            if best is None:
                best, end = log(get(blk[idx]) or 1) - logtotal + score[idx + 1], idx
            score[idx], nxt[idx] = best, end
        x, buf = 0, ""
        while x < n:
            y = nxt[x] + 1
            if y - x == 1:
                buf += blk[x]
            else:
                if buf:
                    _flush(buf, words, get, hmm)
                    buf = ""
                add(blk[x:y])
            x = y
        if buf:
            _flush(buf, words, get, hmm)
    out, start = [], 0
    for w in words:
        out.append((w, start))
        start += len(w)
    return out


def _flush(buf: str, words: list[str], get, hmm) -> None:
    """A run of single characters: one alone, a dictionary word split into its characters,
    else what jieba's HMM makes of it."""
    if len(buf) == 1:
        words.append(buf)
    elif not get(buf):
        words.extend(hmm(buf))
    else:
        words.extend(buf)


@component("tokens", requires=("text",), provides=("tokens",))
def tokens(article: Article) -> None:
    article.tokens = [(w, "", s) for w, s in tokenize(article.text)]
