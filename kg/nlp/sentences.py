"""Sentence splitting: at sentence-final punctuation (keeping closing quotes with the
sentence) and at line breaks. Offsets are exact slices of the article text."""

from __future__ import annotations

import re

from ..components import component
from ..model import Article, Sentence

_END = re.compile(r"[。！？!?；;…]+[”’」』）)]*|\n+")


def split_sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    start = 0
    for m in _END.finditer(text):
        end = m.start() if m.group().startswith("\n") else m.end()
        _add(out, text, start, end)
        start = m.end()
    _add(out, text, start, len(text))
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))


@component("sentences", requires=("text",), provides=("sentences",))
def sentences(article: Article) -> None:
    article.sentences = split_sentences(article.text)
