"""Per-character features for the sequence labeller (`kg.nlp.ner`).

Everything is precomputed per text as plain lists, dense features are built by f-string in one
comprehension and sparse ones (lexicon and gazetteer hits) found by compiled regexes and
appended only where they fire: the tagger must keep up with jieba, so no part-of-speech pass
and no per-character function calls.

Features of character i:
  characters and character bigrams/trigram in the window -2..+2,
  the character class (digit, latin, punctuation, CJK, other) of i and its neighbours,
  the position (B/I/E/S) of i in its jieba word, the word's length bucket and the word,
  the word's part of speech and frequency band in jieba's dictionary (a lookup, not a
  posseg pass; "oov" for a word jieba's HMM made up, often a name), and its neighbours',
  the dictionary part of speech of the word before and of the word after i's word;
  lexicon hits from `ontology/lexicon` (an absent or empty lexicon fires nothing):
    i starts a known surname (its length, its word's place and part of speech) and the two
    characters after it where a given name would be;
    i is inside a title / organisation suffix / area suffix / address cue / province /
    position (B/I/E/S) or next to one;
    i is in a run of transliteration characters (克斯特: foreign names);
    i is a digit of a number followed by an address unit (12号, 3楼);
    the word after i's word is a verb that follows a speaker (说, 表示: `speech_cues`);
  the letter case of i and of the letter before, in a run of Latin letters;
  gazetteer hits (when a `Gazetteer` is given): i is inside a leftmost-longest match of an
  entity string seen in training, one B/I/E/S feature per class the string was labelled with,
  the characters just before and after a match, and a band of how often the string carried
  that class where it occurred in training (美国 is labelled in few of its occurrences);
  character clusters (when given): the fine cluster of characters -1..+1 and the coarse
  clusters of the three together (see `kg.nlp.train.char_clusters`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from .. import lexicon
from .tokens import dictionary_tags, tokenize

PAD = "#"
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


def _word_columns(n: int, tokens, entries):
    """The word columns in one pass over the tokens: per character its place in its word,
    that place with the word's length bucket (S1, B2, I4 …), the word, the word's
    dictionary part of speech, and that with the frequency band."""
    pos, wp, words = ["S"] * n, ["S1"] * n, [""] * n
    gpos, tags = ["#"] * n, ["#"] * n
    for (word, start), (p, band) in zip(tokens, entries):
        k = len(word)
        gpos[start : start + k] = [p] * k
        tags[start : start + k] = [p + band] * k
        end = start + k
        if k == 1 or end > n:
            words[start] = word
            continue
        pos[start:end] = _place_marks(k)
        wp[start:end] = _sized_place_marks(k)
        words[start:end] = [word] * k
    return pos, wp, words, gpos, tags


_PLACES = [[], ["S"]] + [["B"] + ["I"] * (k - 2) + ["E"] for k in range(2, 12)]
_SIZED_PLACES = [[p + (str(k) if k < 4 else "4") for p in marks] for k, marks in enumerate(_PLACES)]


def _sized_place_marks(k: int) -> list[str]:
    """`_place_marks` with the word's length bucket (1, 2, 3, 4 for 4 or more) after each."""
    if k < len(_SIZED_PLACES):
        return _SIZED_PLACES[k]
    return [p + "4" for p in _place_marks(k)]


def _place_marks(k: int) -> list[str]:
    """The B/I/E/S place of each character of a span of k characters (S alone for one)."""
    return _PLACES[k] if k < len(_PLACES) else ["B"] + ["I"] * (k - 2) + ["E"]


def _places(start: int, end: int):
    """(i, place) for each character i of the span start..end."""
    return zip(range(start, end), _place_marks(end - start))


_OOV, _UNKNOWN_CHAR = ("oov", ""), ("u", "")


def _token_entries(tokens) -> list[tuple[str, str]]:
    """Per token: (part of speech, frequency band) in jieba's dictionary, "oov" for a word
    it lacks, "u" for a character it lacks. Looked up once for every column that needs it."""
    get = dictionary_tags().get
    return [get(w) or (_OOV if len(w) > 1 else _UNKNOWN_CHAR) for w, _ in tokens]


@lru_cache(maxsize=None)
def _index(name: str) -> tuple[frozenset[str], frozenset[str], tuple[int, ...]]:
    """(entries, their first characters, their lengths longest first)."""
    if name == "divisions":  # short and full forms
        entries = frozenset(w for entry, fields in lexicon.table(name).items() for w in (entry,) + fields)
    else:
        entries = lexicon.words(name)
    return entries, frozenset(w[0] for w in entries), tuple(sorted({len(w) for w in entries}, reverse=True))


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


def _rate_band(labelled: int, seen: int) -> str:
    """How often a string was labelled with a class where it occurs: a band 0-3, and "1x" for
    a string labelled once, seen once."""
    if seen <= 1:
        return "1x"
    rate = labelled / seen
    return "3" if rate >= 0.75 else "2" if rate >= 0.5 else "1" if rate >= 0.25 else "0"


class Gazetteer:
    """Entity strings with the classes they were labelled with; matched leftmost-longest."""

    def __init__(self, entries: dict[str, tuple[str, ...]], rates: dict[str, tuple[str, ...]] | None = None):
        self.entries = entries
        self.rates = rates or {}
        # every prefix of every entry: a match grows while the text so far is one of them
        self.prefixes = {w[:k] for w in entries for k in range(1, len(w))}

    @classmethod
    def from_spans(cls, examples, min_length: int = 2) -> "Gazetteer":
        """From (text, [(start, end, class)]) examples."""
        found: dict[str, set[str]] = {}
        labelled: dict[tuple[str, str], int] = {}
        examples = list(examples)
        for text, spans in examples:
            for start, end, kind in spans:
                if end - start >= min_length:
                    found.setdefault(text[start:end], set()).add(kind)
                    labelled[text[start:end], kind] = labelled.get((text[start:end], kind), 0) + 1
        gazetteer = cls({w: tuple(sorted(c)) for w, c in found.items()})
        seen: dict[str, int] = {}
        for text, _ in examples:
            for start, end, _ in gazetteer.matches(text):
                seen[text[start:end]] = seen.get(text[start:end], 0) + 1
        for word, kinds in gazetteer.entries.items():
            total = max(seen.get(word, 0), sum(labelled[word, kind] for kind in kinds))
            gazetteer.rates[word] = tuple(_rate_band(labelled[word, kind], total) for kind in kinds)
        return gazetteer

    @classmethod
    def load(cls, path) -> "Gazetteer":
        entries, rates = {}, {}
        with open(path, encoding="utf-8") as f:
            for line in f:
                word, _, rest = line.rstrip("\n").partition("\t")
                kinds, _, bands = rest.partition("\t")
                if word:
                    entries[word] = tuple(kinds.split(","))
                    if bands:
                        rates[word] = tuple(bands.split(","))
        return cls(entries, rates)

    def save(self, path) -> None:
        with open(path, "w", encoding="utf-8") as f:
            for word in sorted(self.entries):
                bands = self.rates.get(word)
                f.write(
                    word
                    + "\t"
                    + ",".join(self.entries[word])
                    + ("\t" + ",".join(bands) if bands else "")
                    + "\n"
                )

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


def features(
    text: str,
    tokens: list[tuple[str, int]] | None = None,
    gazetteer: Gazetteer | None = None,
    clusters: dict[str, tuple[str, str]] | None = None,
) -> list[tuple[str, ...]]:
    """One feature tuple per character of `text`; `tokens` are (word, start) as from `tokenize`."""
    if tokens is None:
        tokens = tokenize(text)
    n = len(text)
    # one tuple per character from zipped columns, strings by f-string: several times faster
    # than a per-character loop of appends
    c = PAD * 2 + text + PAD * 2
    cm2, cm1, cp1, cp2 = c[:n], c[1 : n + 1], c[3 : n + 3], c[4 : n + 4]
    cache = _CLASS_CACHE
    k = [cache.get(ch) or char_class(ch) for ch in c]
    t3 = [a + b + d for a, b, d in zip(k[1 : n + 1], k[2 : n + 2], k[3 : n + 3])]
    entries = _token_entries(tokens)
    wpos, wp, words, gpos, g = _word_columns(n, tokens, entries)
    wpm1, wpp1 = [PAD] + wp[:-1], wp[1:] + [PAD]
    gm1, gp1 = [PAD] + g[:-1], g[1:] + [PAD]
    wbefore, wafter = _neighbour_word_tags(n, tokens, entries)
    out: list[tuple[str, ...]] = [
        (
            "b",
            f"c0={x0}",
            f"c-1={xm1}",
            f"c+1={xp1}",
            f"c-2={xm2}",
            f"c+2={xp2}",
            f"c-1c0={xm1}{x0}",
            f"c0c+1={x0}{xp1}",
            f"c-2c-1={xm2}{xm1}",
            f"c+1c+2={xp1}{xp2}",
            f"c-1c+1={xm1}{xp1}",
            f"c-1c0c+1={xm1}{x0}{xp1}",
            f"t={tt}",
            f"wp={p}",
            f"wpc={q}{x0}",
            f"w={w}",
            f"wp-1={pm}",
            f"wp+1={pp}",
            f"g={gg}",
            f"gt={gq}{p}",
            f"g-1={gm}",
            f"g+1={gp}",
            f"gw-1={wb}",
            f"gw+1={wa}",
        )
        for xm2, xm1, x0, xp1, xp2, tt, p, q, w, pm, pp, gg, gq, gm, gp, wb, wa in zip(
            cm2, cm1, text, cp1, cp2, t3, wp, wpos, words, wpm1, wpp1, g, gpos, gm1, gp1, wbefore, wafter
        )
    ]
    if clusters is not None:
        out = [a + b for a, b in zip(out, zip(*_cluster_columns(c, clusters)))]
    # sparse features: a list per character where something matches (fewer than half do)
    sparse: defaultdict[int, list[str]] = defaultdict(list)
    _surname_features(text, sparse, wp, gpos, k)
    for name, tag in _LEX_TAG.items():
        _marks(sparse, text, name, tag)
    _transliteration_features(text, sparse)
    _latin_shape_features(text, sparse, k)
    _address_features(text, sparse)
    _speech_cue_features(sparse, tokens, n)
    if gazetteer is not None:
        _gazetteer_features(text, gazetteer, sparse, n)
    for i, x in sparse.items():
        out[i] += tuple(x)
    return out


_NO_CLUSTER = ("-", "-")


def _cluster_columns(padded: str, clusters) -> list[list[str]]:
    """`padded` is the text with two PAD characters on each side."""
    fine, coarse = zip(*[clusters.get(ch, _NO_CLUSTER) for ch in padded[1:-1]])
    return [
        ["k-1=" + a for a in fine[:-2]],
        ["k0=" + a for a in fine[1:-1]],
        ["k+1=" + a for a in fine[2:]],
        ["kk=" + x + y + z for x, y, z in zip(coarse, coarse[1:], coarse[2:])],
    ]


def _neighbour_word_tags(n: int, tokens, entries=None) -> tuple[list[str], list[str]]:
    """Per character: the dictionary part of speech of the word before and after its word."""
    tags = [e[0] for e in (_token_entries(tokens) if entries is None else entries)]
    before, after = [PAD] * n, [PAD] * n
    last = len(tokens) - 1
    for t, (w, s) in enumerate(tokens):
        k = len(w)
        if t:
            before[s : s + k] = [tags[t - 1]] * k
        if t < last:
            after[s : s + k] = [tags[t + 1]] * k
    return before[:n], after[:n]


def _pattern(name: str):
    """A regex of a lexicon's entries, longest first: finditer gives leftmost-longest matches."""
    return _compile(_index(name)[0])


@lru_cache(maxsize=None)
def _compile(entries: frozenset[str], overlapping: bool = False):
    if not entries:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(entries, key=lambda w: (-len(w), w)))
    # a lookahead matches at every position: overlapping, the longest entry at each
    return re.compile(f"(?=({alternatives}))" if overlapping else alternatives)


@lru_cache(maxsize=None)
def _starts(entries: frozenset[str]):
    """A regex of one character that starts one of `entries` (the places worth looking an
    entry up at) and the entries' lengths, longest first; None for no entries."""
    if not entries:
        return None
    firsts = "".join(re.escape(ch) for ch in sorted({w[0] for w in entries}))
    return re.compile(f"[{firsts}]"), tuple(sorted({len(w) for w in entries}, reverse=True))


def _longest_at_every_start(text: str, name: str):
    """(start, length) of the longest entry of lexicon `name` that starts at each position,
    overlapping: what finditer of a lookahead of the entries, longest first, finds (as
    `_compile(entries, overlapping=True)` does), by set lookups at the characters that can
    start an entry instead of trying every alternative at every position."""
    entries = _index(name)[0]
    starts = _starts(entries)
    if starts is None:
        return
    firsts, lengths = starts
    n = len(text)
    for m in firsts.finditer(text):
        i = m.start()
        for size in lengths:
            if i + size <= n and text[i : i + size] in entries:  # a slice past the end is shorter
                yield i, size
                break


def _marks(sparse, text: str, name: str, tag: str) -> None:
    """B/I/E/S inside leftmost-longest matches of lexicon `name`, and `tag`+1 / `tag`-1 on
    the characters just before and after a match."""
    pattern = _pattern(name)
    if pattern is None:
        return
    n = len(text)
    for m in pattern.finditer(text):
        start, end = m.span()
        for i, place in _places(start, end):
            sparse[i].append(f"{tag}={place}")
        if start > 0:
            sparse[start - 1].append(tag + "+1")
        if end < n:
            sparse[end].append(tag + "-1")


def _surname_features(text: str, sparse, wp: list[str], gpos: list[str], k: list[str]) -> None:
    """i starts a known surname (1 or 2 characters): its length, its place in its jieba word
    and that word's part of speech; a mark on the character before, and on the first two
    characters after the surname when they are CJK (where a given name would be)."""
    n = len(text)
    for i, size in _longest_at_every_start(text, "surnames"):
        sparse[i] += ("sur=" + str(size), "surwp=" + wp[i], "surg=" + gpos[i])
        if i > 0:
            sparse[i - 1].append("sur+1")
        j = i + size
        if j < n and k[j + 2] == "C":
            sparse[j].append("asur1")
            if j + 1 < n and k[j + 3] == "C":
                sparse[j + 1].append("asur2")


_NUMBER = re.compile("[0-9０-９〇零一二三四五六七八九十百千万亿]+")
_NUMBER_CUES = frozenset("号楼层室栋幢座单元弄巷路街期区村组")
_LATIN = re.compile("[a-zA-Zａ-ｚＡ-Ｚ]+")


@lru_cache(maxsize=None)
def _transliteration_pattern(chars: frozenset[str]):
    if not chars:
        return None
    cls = "".join(re.escape(ch) for ch in sorted(chars))
    return re.compile(f"[{cls}][{cls}·•.・]*")


def _transliteration_features(text: str, sparse) -> None:
    """Runs of characters common in transliterated foreign names (`transliteration_chars`,
    joined by a middle dot): S for a lone one, B2/E2 or B3/E3 (3 or more) and I inside."""
    pattern = _transliteration_pattern(_index("transliteration_chars")[0])
    if pattern is None:
        return
    for m in pattern.finditer(text):
        i, j = m.span()
        size = "3" if j - i >= 3 else "2"
        for x, place in _places(i, j):
            sparse[x].append("tr=" + (place + size if place in "BE" else place))


def _latin_shape_features(text: str, sparse, k: list[str]) -> None:
    """In a run of Latin letters: the case of the letter and of the one before (or the class
    of the character before the run), so that PeterSmith's capitals mark word starts."""
    for m in _LATIN.finditer(text):
        i, j = m.span()
        prev = k[i + 1] if i else PAD
        for x in range(i, j):
            cur = "U" if text[x].isupper() else "l"
            sparse[x].append("ls=" + prev + cur)
            prev = cur


def _address_features(text: str, sparse) -> None:
    """Address and position lexicon marks (`address_cues`: roads, numbers, buildings,
    settlements; `divisions`: provinces, short and full; `positions`: jobs and offices), and
    a run of digits followed by an address unit (12号, 3楼): the unit on the digits, a mark
    on the unit."""
    _marks(sparse, text, "address_cues", "ac")
    _marks(sparse, text, "divisions", "dv")
    _marks(sparse, text, "positions", "po")
    n = len(text)
    for m in _NUMBER.finditer(text):
        i, j = m.span()
        if j < n and text[j] in _NUMBER_CUES:
            for x in range(i, j):
                sparse[x].append("num=" + text[j])
            sparse[j].append("num-1")


def _speech_cue_features(sparse, tokens, n: int) -> None:
    """The jieba word after this one is (or starts with) a verb that follows a speaker or an
    actor (`speech_cues`: 说, 表示, …): the cue on this word's characters, and a mark on
    the word before (a name jieba split in two)."""
    cues = _index("speech_cues")[0]
    if not cues:
        return
    for t in range(len(tokens) - 1):
        w, s = tokens[t]
        nxt = tokens[t + 1][0]
        cue = nxt if nxt in cues else nxt[:2] if nxt[:2] in cues else None
        if cue:
            for x in range(s, min(s + len(w), n)):
                sparse[x].append("sv+1=" + cue)
            if t > 0:
                w2, s2 = tokens[t - 1]
                for x in range(s2, min(s2 + len(w2), n)):
                    sparse[x].append("sv+2")


def _gazetteer_features(text: str, gazetteer, sparse, n: int) -> None:
    """B/I/E/S per class inside a gazetteer match, the class on the characters either side,
    and how often the string carried the class where it occurred in train (`_rate_band`)."""
    rates = gazetteer.rates
    for start, end, kinds in gazetteer.matches(text):
        for i, place in _places(start, end):
            sparse[i] += [f"gz={kind}{place}" for kind in kinds]
        if start > 0:
            sparse[start - 1] += ["gz+1=" + kind for kind in kinds]
        if end < n:
            sparse[end] += ["gz-1=" + kind for kind in kinds]
        bands = rates.get(text[start:end])
        if bands:
            extra = [f"gzr={kind}{band}" for kind, band in zip(kinds, bands)]
            for i in range(start, end):
                sparse[i] += extra
