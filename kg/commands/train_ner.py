"""`kg train-ner`: train the CRF sequence labeller on CLUENER2020 train.json."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DEFAULT_DATA = Path("..") / "shared" / "data" / "cluener2020"

DESCRIPTION = """Train the character CRF used by the `crf-ner` pipeline component.
Reads DATA/train.json (CLUENER2020, JSON lines); dev.json is never read here.
Beside the model it writes the entity gazetteer drawn from train.json (NAME_gazetteer.txt;
--no-gazetteer to leave it out) and, with --clusters, the character clusters
(NAME_clusters.txt); the tagger reads them from there.
Training is deterministic for a given data set, seed, lexicons (ontology/lexicon) and
jieba version, and takes several minutes on two cores.

example:
  kg train-ner --data ../shared/data/cluener2020 --out /tmp/ner.crfsuite
then point the tagger at it:  SequenceTagger.load("/tmp/ner.crfsuite")"""


def add_parser(sub) -> None:
    from ..nlp.ner import DEFAULT_MODEL

    p = sub.add_parser(
        "train-ner",
        help="train the CRF named-entity model on CLUENER2020",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--data",
        metavar="DIR",
        type=Path,
        default=DEFAULT_DATA,
        help=f"folder holding train.json (default: {DEFAULT_DATA})",
    )
    p.add_argument(
        "--out",
        metavar="PATH",
        type=Path,
        default=DEFAULT_MODEL,
        help="where to write the model (default: the shipped model, kg/models/ner.crfsuite)",
    )
    p.add_argument("--seed", type=int, default=0, help="seed of the data shuffle (default: 0)")
    p.add_argument(
        "--gazetteer",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="gazetteer features from the training entities, 5-fold while training "
        "(default: on, as in the shipped model)",
    )
    p.add_argument("--clusters", action="store_true", help="add character-cluster features")
    p.add_argument("--bioes", action="store_true", help="BIOES labels instead of BIO")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..nlp.train import train

    if not (args.data / "train.json").exists():
        print(
            f"kg train-ner: no train.json in {args.data} (give the CLUENER2020 folder with --data)",
            file=sys.stderr,
        )
        return 2
    print(f"training on {args.data / 'train.json'} ...", file=sys.stderr)
    summary = train(
        args.data,
        args.out,
        seed=args.seed,
        gazetteer=args.gazetteer,
        clusters=args.clusters,
        scheme="BIOES" if args.bioes else "BIO",
    )
    print(
        f"wrote {summary['model']} ({summary['bytes'] / 1e6:.1f} MB) from {summary['sentences']} "
        f"sentences in {summary['seconds']} s (c1={summary['c1']}, c2={summary['c2']}, "
        f"{summary['max_iterations']} iterations, {summary['scheme']} labels)"
    )
    return 0
