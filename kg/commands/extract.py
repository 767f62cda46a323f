"""`kg extract INPUT… --format jsonl`: mentions and relations per article, no store."""

from __future__ import annotations

import json
import sys


def add_parser(sub) -> None:
    p = sub.add_parser(
        "extract",
        help="print the mentions and relations of each article as JSON lines",
        description="One JSON object per article, in input order, with offsets into the article "
        "text (for a .jsonl input, the text exactly as given).\n\n"
        "example:\n  kg extract news.jsonl --format jsonl > mentions.jsonl",
        formatter_class=__import__("argparse").RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("--format", choices=["jsonl"], default="jsonl")
    p.add_argument("--text", action="store_true", help="include each article's text")
    p.set_defaults(run=run)


def article_record(a, with_text: bool = False) -> dict:
    mentions = [
        {
            "text": m.text,
            "start": m.start,
            "end": m.end,
            "type": m.type,
            "score": round(m.score, 3),
            "extractor": m.extractor,
            **({"label": m.label} if m.label else {}),
            **({"refers_to": m.refers_to} if m.refers_to is not None else {}),
        }
        for m in a.mentions
    ]
    relations = [
        {
            "subject": r.subject,
            "object": r.object,
            "subject_label": a.mentions[r.subject].label,
            "object_label": a.mentions[r.object].label,
            "predicate": r.predicate,
            "evidence": a.text[r.start : r.end],
            "start": r.start,
            "end": r.end,
            "confidence": r.confidence,
            "extractor": r.extractor,
            **({"title": r.title} if r.title else {}),
        }
        for r in a.relations
    ]
    rec = {
        "id": a.id,
        "source": a.source,
        "headline": a.headline,
        "authors": a.authors,
        "interviewees": a.interviewees,
        "mentions": mentions,
        "relations": relations,
    }
    if with_text:
        rec["text"] = a.text
    return rec


def run(args) -> int:
    from ..api import process, read

    problems: list = []
    for article in process(read(args.inputs), problems=problems):
        print(json.dumps(article_record(article, args.text), ensure_ascii=False))
    for p in problems:
        print(f"kg: {p}", file=sys.stderr)
    return 1 if problems else 0
