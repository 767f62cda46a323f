"""Per-character features for the sequence labeller (`kg.nlp.ner`).

Everything is precomputed per text as plain lists, and each character's features are
built by string concatenation: the tagger must keep up with jieba, so no part-of-speech
pass and no per-feature function calls.

Features of character i:
  characters and character bigrams/trigram in the window -2..+2,
  the character class (digit, latin, punctuation, CJK, other) of i and its neighbours,
  the position (B/I/E/S) of i in its jieba word, the word's length bucket and the word,
  the word's part of speech and frequency band in jieba's dictionary (a lookup, not a
  posseg pass; "oov" for a word jieba's HMM made up, often a name), and its neighbours',
  lexicon hits: i starts a known surname; i is inside a title / organisation suffix /
  area suffix from `ontology/lexicon` (B/I/E/S). An absent or empty lexicon fires nothing.
  gazetteer hits (when a `Gazetteer` is given): i is inside a leftmost-longest match of an
  entity string seen in training, one B/I/E/S feature per class the string was labelled with,
  and the characters just before and after a match;
  character clusters (when given): the fine cluster of characters -1..+1 and the coarse
  clusters of the three together (see `kg.nlp.train.char_clusters`).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path


from .. import lexicon
from .tokens import dictionary_tags, tokenize

PAD = "#"
LEXICONS = ("titles", "org_suffixes", "area_suffixes")
_LEX_TAG = {"titles": "ti", "org_suffixes": "os", "area_suffixes": "as"}


_CLASS_CACHE: dict[str, str] = {}


def char_class(ch: str) -> str:
    cls = _CLASS_CACHE.get(ch)
    if cls is None:
        cls = _CLASS_CACHE[ch] = _classify(ch)
    return cls


def _classify(ch: str) -> str:
    if "0" <= ch <= "9" or "０" <= ch <= "９" or ch in "〇零一二三四五六七八九十百千万亿":
        return "D"
    if "a" <= ch <= "z" or "A" <= ch <= "Z" or "ａ" <= ch <= "ｚ" or "Ａ" <= ch <= "Ｚ":
        return "L"
    if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf":
        return "C"
    if ch.isspace():
        return "S"
    return "P" if not ch.isalnum() else "O"


def _word_positions(n: int, tokens) -> tuple[list[str], list[str], list[str]]:
    """For each character: its B/I/E/S place in its word, the word's length bucket, the word."""
    pos, lens, words = ["S"] * n, ["1"] * n, [""] * n
    for word, start in tokens:
        k = len(word)
        end = start + k
        if k == 1 or end > n:
            words[start] = word
            continue
        pos[start:end] = _PLACES[k] if k < len(_PLACES) else ["B"] + ["I"] * (k - 2) + ["E"]
        lens[start:end] = [str(k) if k < 4 else "4"] * k
        words[start:end] = [word] * k
    return pos, lens, words


_PLACES = [None, ["S"]] + [["B"] + ["I"] * (k - 2) + ["E"] for k in range(2, 12)]


_OOV, _UNKNOWN_CHAR = ("oov", ""), ("u", "")


def _word_tags(n: int, tokens) -> tuple[list[str], list[str]]:
    """Per character: the dictionary part of speech of its word, and that plus the band."""
    table = dictionary_tags()
    pos, tags = ["#"] * n, ["#"] * n
    for word, start in tokens:
        k = len(word)
        p, band = table.get(word) or (_OOV if k > 1 else _UNKNOWN_CHAR)
        pos[start:start + k] = [p] * k
        tags[start:start + k] = [p + band] * k
    return pos, tags


@lru_cache(maxsize=None)
def _index(name: str) -> tuple[frozenset[str], frozenset[str], tuple[int, ...]]:
    """(entries, their first characters, their lengths longest first)."""
    entries = lexicon.words(name)
    return entries, frozenset(w[0] for w in entries), tuple(sorted({len(w) for w in entries}, reverse=True))


def _lexicon_marks(text: str, name: str) -> list[str]:
    """B/I/E/S for characters inside lexicon matches, leftmost longest first."""
    entries, firsts, lengths = _index(name)
    n = len(text)
    marks = [""] * n
    i = 0
    while i < n:
        k = _match(text, i, n, entries, firsts, lengths)
        if k == 1:
            marks[i] = "S"
        elif k:
            marks[i:i + k] = _PLACES[k] if k < len(_PLACES) else ["B"] + ["I"] * (k - 2) + ["E"]
        i += k or 1
    return marks


def _match(text, i, n, entries, firsts, lengths) -> int:
    """Length of the longest entry at text[i:], 0 if none."""
    if text[i] in firsts:
        for k in lengths:
            if i + k <= n and text[i:i + k] in entries:
                return k
    return 0


def _surname_starts(text: str) -> list[str]:
    entries, firsts, lengths = _index("surnames")
    n = len(text)
    marks = [""] * n
    for i, ch in enumerate(text):
        if ch in firsts:
            for k in lengths:
                if i + k <= n and text[i:i + k] in entries:
                    marks[i] = str(k)
                    break
    return marks


def gazetteer_path(model_path) -> Path:
    """Where the gazetteer of a model lives: `ner.crfsuite` -> `ner_gazetteer.txt`."""
    model_path = Path(model_path)
    return model_path.with_name(model_path.stem + "_gazetteer.txt")


def clusters_path(model_path) -> Path:
    """Where the character clusters of a model live: `ner.crfsuite` -> `ner_clusters.txt`."""
    model_path = Path(model_path)
    return model_path.with_name(model_path.stem + "_clusters.txt")


def load_clusters(path) -> dict[str, tuple[str, str]]:
    """character -> (fine cluster, coarse cluster), from `char<TAB>fine<TAB>coarse` lines."""
    table = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            ch, fine, coarse = line.rstrip("\n").split("\t")
            table[ch] = (fine, coarse)
    return table


def save_clusters(table: dict[str, tuple[str, str]], path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for ch in sorted(table):
            f.write(ch + "\t" + "\t".join(table[ch]) + "\n")


class Gazetteer:
    """Entity strings with the classes they were labelled with; matched leftmost-longest."""

    def __init__(self, entries: dict[str, tuple[str, ...]]):
        self.entries = entries
        # every prefix of every entry: a match grows while the text so far is one of them
        self.prefixes = {w[:k] for w in entries for k in range(1, len(w))}

    @classmethod
    def from_spans(cls, examples, min_length: int = 2) -> "Gazetteer":
        """From (text, [(start, end, class)]) examples."""
        found: dict[str, set[str]] = {}
        for text, spans in examples:
            for start, end, kind in spans:
                if end - start >= min_length:
                    found.setdefault(text[start:end], set()).add(kind)
        return cls({w: tuple(sorted(c)) for w, c in found.items()})

    @classmethod
    def load(cls, path) -> "Gazetteer":
        entries = {}
        with open(path, encoding="utf-8") as f:
            for line in f:
                word, _, kinds = line.rstrip("\n").partition("\t")
                if word:
                    entries[word] = tuple(kinds.split(","))
        return cls(entries)

    def save(self, path) -> None:
        with open(path, "w", encoding="utf-8") as f:
            for word in sorted(self.entries):
                f.write(word + "\t" + ",".join(self.entries[word]) + "\n")

    def matches(self, text: str) -> list[tuple[int, int, tuple[str, ...]]]:
        """(start, end exclusive, classes), leftmost longest, not overlapping."""
        entries, prefixes, n = self.entries, self.prefixes, len(text)
        out, i = [], 0
        while i < n:
            end, j = 0, i + 1
            while j <= n:
                piece = text[i:j]
                if piece in entries:
                    end = j
                if piece not in prefixes:
                    break
                j += 1
            if end:
                out.append((i, end, entries[text[i:end]]))
                i = end
            else:
                i += 1
        return out


def features(text: str, tokens: list[tuple[str, int]] | None = None,
             gazetteer: Gazetteer | None = None,
             clusters: dict[str, tuple[str, str]] | None = None) -> list[tuple[str, ...]]:
    """One feature tuple per character of `text`; `tokens` are (word, start) as from `tokenize`."""
    if tokens is None:
        tokens = tokenize(text)
    n = len(text)
    # columns built by comprehension and zipped: several times faster than a per-char loop
    c = PAD * 2 + text + PAD * 2
    cm2, cm1, c0, cp1, cp2 = c[:n], c[1:n + 1], text, c[3:n + 3], c[4:n + 4]
    cache = _CLASS_CACHE
    k = [cache.get(ch) or char_class(ch) for ch in c]
    wpos, wlen, words = _word_positions(n, tokens)
    wp = [a + b for a, b in zip(wpos, wlen)]
    wpm1, wpp1 = [PAD] + wp[:-1], wp[1:] + [PAD]
    gpos, g = _word_tags(n, tokens)
    gm1, gp1 = [PAD] + g[:-1], g[1:] + [PAD]
    columns = [
        ["b"] * n,
        ["c0=" + a for a in c0], ["c-1=" + a for a in cm1], ["c+1=" + a for a in cp1],
        ["c-2=" + a for a in cm2], ["c+2=" + a for a in cp2],
        ["c-1c0=" + a + b for a, b in zip(cm1, c0)], ["c0c+1=" + a + b for a, b in zip(c0, cp1)],
        ["c-2c-1=" + a + b for a, b in zip(cm2, cm1)], ["c+1c+2=" + a + b for a, b in zip(cp1, cp2)],
        ["c-1c+1=" + a + b for a, b in zip(cm1, cp1)],
        ["c-1c0c+1=" + a + b + d for a, b, d in zip(cm1, c0, cp1)],
        ["t=" + a + b + d for a, b, d in zip(k[1:n + 1], k[2:n + 2], k[3:n + 3])],
        ["wp=" + a for a in wp], ["wpc=" + a + b for a, b in zip(wpos, c0)], ["w=" + a for a in words],
        ["wp-1=" + a for a in wpm1], ["wp+1=" + a for a in wpp1],
        ["g=" + a for a in g], ["gt=" + a + b for a, b in zip(gpos, wp)],
        ["g-1=" + a for a in gm1], ["g+1=" + a for a in gp1]]
    if clusters is not None:
        columns += _cluster_columns(c, clusters)
    out = list(zip(*columns))
    _add_lexicon_features(text, out, wp)
    if EXTRA:
        _add_extra_features(text, out, k, tokens, gpos)
    if gazetteer is not None:
        _add_gazetteer_features(gazetteer.matches(text), out, n)
    return out


_NO_CLUSTER = ("-", "-")


def _cluster_columns(padded: str, clusters) -> list[list[str]]:
    """`padded` is the text with two PAD characters on each side."""
    fine, coarse = zip(*[clusters.get(ch, _NO_CLUSTER) for ch in padded[1:-1]])
    return [["k-1=" + a for a in fine[:-2]], ["k0=" + a for a in fine[1:-1]],
            ["k+1=" + a for a in fine[2:]],
            ["kk=" + x + y + z for x, y, z in zip(coarse, coarse[1:], coarse[2:])]]


def _add_gazetteer_features(found, out: list[tuple[str, ...]], n: int) -> None:
    for start, end, kinds in found:
        marks = _PLACES[end - start] if end - start < len(_PLACES) else \
            ["B"] + ["I"] * (end - start - 2) + ["E"]
        for i, mark in zip(range(start, end), marks):
            out[i] += tuple("gz=" + kind + mark for kind in kinds)
        if start > 0:
            out[start - 1] += tuple("gz+1=" + kind for kind in kinds)
        if end < n:
            out[end] += tuple("gz-1=" + kind for kind in kinds)


def _add_lexicon_features(text: str, out: list[tuple[str, ...]], wp: list[str]) -> None:
    """Sparse features, appended only where a lexicon matches."""
    n = len(text)
    for i, k in enumerate(_surname_starts(text)):
        if k:
            out[i] += ("sur=" + k, "surwp=" + wp[i])
            if i > 0:
                out[i - 1] += ("sur+1",)
    for name in LEXICONS:
        tag = _LEX_TAG[name]
        for i, mark in enumerate(_lexicon_marks(text, name)):
            if not mark:
                continue
            out[i] += (tag + "=" + mark,)
            if mark in ("B", "S") and i > 0:
                out[i - 1] += (tag + "+1",)
            if mark in ("E", "S") and i + 1 < n:
                out[i + 1] += (tag + "-1",)


EXTRA: set[str] = set()
_NUMBER_CUES = frozenset("号楼层室栋幢座单元弄巷路街期区村组")


@lru_cache(maxsize=None)
def _division_index():
    names = frozenset(w for fields in lexicon.table("divisions").items()
                      for w in (fields[0],) + fields[1])
    return names, frozenset(w[0] for w in names), tuple(sorted({len(w) for w in names}, reverse=True))


def _marks_with(text, index):
    entries, firsts, lengths = index
    n = len(text)
    marks = [""] * n
    i = 0
    while i < n:
        k = _match(text, i, n, entries, firsts, lengths)
        if k == 1:
            marks[i] = "S"
        elif k:
            marks[i:i + k] = _PLACES[k] if k < len(_PLACES) else ["B"] + ["I"] * (k - 2) + ["E"]
        i += k or 1
    return marks


def _add_marks(out, marks, tag, n):
    for i, mark in enumerate(marks):
        if not mark:
            continue
        out[i] += (tag + "=" + mark,)
        if mark in ("B", "S") and i > 0:
            out[i - 1] += (tag + "+1",)
        if mark in ("E", "S") and i + 1 < n:
            out[i + 1] += (tag + "-1",)


def _add_extra_features(text, out, k, tokens, gpos):
    n = len(text)
    if "tr" in EXTRA:
        chars = lexicon.words("transliteration_chars")
        i = 0
        while i < n:
            if text[i] in chars:
                j = i + 1
                while j < n and (text[j] in chars or text[j] in "·•.・"):
                    j += 1
                length = j - i
                if length == 1:
                    out[i] += ("tr=S",)
                else:
                    out[i] += ("tr=B" + ("3" if length >= 3 else "2"),)
                    for m in range(i + 1, j - 1):
                        out[m] += ("tr=I",)
                    out[j - 1] += ("tr=E" + ("3" if length >= 3 else "2"),)
                i = j
            else:
                i += 1
    if "ls" in EXTRA:
        prev = "#"
        for i, ch in enumerate(text):
            if k[i + 2] == "L":
                cur = "U" if ch.isupper() else "l"
                out[i] += ("ls=" + prev + cur,)
                prev = cur
            else:
                prev = k[i + 2]
    if "addr" in EXTRA:
        _add_marks(out, _marks_with(text, _index("address_cues")), "ac", n)
        _add_marks(out, _marks_with(text, _division_index()), "dv", n)
    if "num" in EXTRA:
        i = 0
        while i < n:
            if k[i + 2] == "D":
                j = i + 1
                while j < n and k[j + 2] == "D":
                    j += 1
                if j < n and text[j] in _NUMBER_CUES:
                    for m in range(i, j):
                        out[m] += ("num=" + text[j],)
                    out[j] += ("num-1",)
                i = j
            else:
                i += 1
    if "pos" in EXTRA:
        _add_marks(out, _marks_with(text, _index("positions")), "po", n)
    if "wctx" in EXTRA:
        table = dictionary_tags()
        tags = [(table.get(w) or (_OOV if len(w) > 1 else _UNKNOWN_CHAR))[0] for w, _ in tokens]
        for t, (w, s) in enumerate(tokens):
            before = "gw-1=" + (tags[t - 1] if t else "#")
            after = "gw+1=" + (tags[t + 1] if t + 1 < len(tokens) else "#")
            for m in range(s, min(s + len(w), n)):
                out[m] += (before, after)
