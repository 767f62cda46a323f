"""Training the CRF sequence labeller on CLUENER2020 (`kg train-ner`).

Only train.json is read; hyperparameters were chosen on a held-out slice of it
(`split`), never on dev. crfsuite's L-BFGS is deterministic, and `seed` fixes the
hold-out shuffle, so the same data and seed give the same model.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import jieba
import numpy as np
import pycrfsuite

from .features import Gazetteer, clusters_path, features, gazetteer_path, save_clusters
from .tokens import tokenize

# the classes the graph uses; the model also learns the other four, which tells a
# scenic spot or a film title from an address or a company (held-out macro-F1 +0.6 points)
CLASSES = ("name", "position", "government", "organization", "company", "address")
TRAIN_CLASSES = CLASSES + ("book", "game", "movie", "scene")
# c1 0.15 (was 0.05): a sparser model, as good on the held-out slice and faster to tag;
# c1 0.3, c2 0.05 and 300 iterations did no better (see kg/models/MODEL_CARD.md)
C1 = 0.15
C2 = 0.01
MAX_ITERATIONS = 150
# The shipped model uses the gazetteer (held-out +0.2 points). BIOES and character clusters
# stay off: BIOES doubles the labels (slower) and lost 0.6 held-out points with the present
# features; clusters cost speed for +0.2 (see kg/models/MODEL_CARD.md).
SCHEME = "BIO"
GAZETTEER = True
CLUSTERS = False
# gazetteer features of a training sentence come from the entities of the other folds, so
# the model sees them miss and mislead about as often as they will on new text
FOLDS = 5
FINE_CLUSTERS, COARSE_CLUSTERS, CLUSTER_DIMS, CONTEXT_CHARS = 200, 30, 50, 400


def read_examples(path, classes=CLASSES) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """(text, [(start, end exclusive, class)]) for each line, keeping only `classes`."""
    examples = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            spans = [
                (s, e + 1, cls)
                for cls, entities in row.get("label", {}).items()
                if cls in classes
                for positions in entities.values()
                for s, e in positions
            ]
            examples.append((row["text"], sorted(spans)))
    return examples


def bio(n: int, spans, scheme: str = "BIO") -> list[str]:
    """BIO labels, or BIOES (single-character spans S-, last characters E-)."""
    labels = ["O"] * n
    for start, end, cls in spans:
        if any(label != "O" for label in labels[start:end]):
            continue  # CLUENER has a few nested spans; keep the first
        labels[start] = "B-" + cls
        for j in range(start + 1, end):
            labels[j] = "I-" + cls
        if scheme == "BIOES":
            labels[end - 1] = ("S-" if end - start == 1 else "E-") + cls
    return labels


def fold_gazetteers(examples, folds: int = FOLDS) -> list[Gazetteer]:
    """For each example, a gazetteer built from the examples outside its fold."""
    gazetteers = [
        Gazetteer.from_spans(ex for i, ex in enumerate(examples) if i % folds != k) for k in range(folds)
    ]
    return [gazetteers[i % folds] for i in range(len(examples))]


def split(examples, seed: int = 0, holdout: float = 0.1):
    """(train, held-out), both in the order of a seeded shuffle."""
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    k = int(len(order) * holdout)
    return [examples[i] for i in order[k:]], [examples[i] for i in order[:k]]


def char_clusters(texts, seed: int = 0) -> dict[str, tuple[str, str]]:
    """Characters clustered by their left and right neighbours (k-means over an SVD of the
    positive PMI), in `texts` and in the words of jieba's dictionary, so that a rare given-name
    or transliteration character shares a feature with the common ones."""
    with jieba.get_dict_file() as f:
        words = [line.split()[0] for line in f.read().decode("utf-8").splitlines() if line.strip()]
    vocab, counts = _neighbour_counts(list(texts) + words)
    x = _ppmi_svd(counts, CLUSTER_DIMS)
    fine, coarse = _kmeans(x, FINE_CLUSTERS, seed), _kmeans(x, COARSE_CLUSTERS, seed)
    return {ch: (str(a), str(b)) for ch, a, b in zip(vocab, fine, coarse)}


def _neighbour_counts(texts, min_count: int = 2):
    """(characters seen min_count times, counts of their left|right neighbour among the
    CONTEXT_CHARS commonest, another character, or the edge of the text)."""
    codes = np.frombuffer("\n".join(texts).encode("utf-32-le"), dtype=np.uint32)
    edge = codes == ord("\n")
    chars, inverse, freq = np.unique(codes, return_inverse=True, return_counts=True)
    order = np.lexsort((chars, -freq))  # commonest first, ties by code point
    order = order[(freq[order] >= min_count) & (chars[order] != ord("\n"))]
    rank = np.full(len(chars), -1)
    rank[order] = np.arange(len(order))
    row = rank[inverse]
    width = CONTEXT_CHARS + 2
    context = np.where((row >= 0) & (row < CONTEXT_CHARS), row, CONTEXT_CHARS)
    context[edge] = width - 1
    left = np.concatenate(([width - 1], context[:-1]))
    right = np.concatenate((context[1:], [width - 1]))
    kept = row >= 0
    cells = np.concatenate((row[kept] * 2 * width + left[kept], row[kept] * 2 * width + width + right[kept]))
    counts = np.bincount(cells, minlength=len(order) * 2 * width).astype(float)
    return [chr(c) for c in chars[order]], counts.reshape(len(order), 2 * width)


def _ppmi_svd(counts, dims: int):
    total, rows, cols = counts.sum(), counts.sum(1, keepdims=True), counts.sum(0, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(counts * total / (rows * cols))
    pmi = np.maximum(np.nan_to_num(pmi, nan=0.0, neginf=0.0, posinf=0.0), 0.0)
    # the top right singular vectors from the small Gram matrix: far cheaper than a full SVD
    _, vectors = np.linalg.eigh(pmi.T @ pmi)
    x = pmi @ vectors[:, ::-1][:, :dims]
    return x / (np.linalg.norm(x, axis=1, keepdims=True) + 1e-9)


def _kmeans(x, k: int, seed: int, iterations: int = 25):
    """Spherical k-means from a seeded choice of starting points."""
    k = min(k, len(x))
    centres = x[np.random.default_rng(seed).choice(len(x), k, replace=False)]
    for _ in range(iterations):
        assigned = np.argmax(x @ centres.T, axis=1)
        for j in range(k):
            members = x[assigned == j]
            if len(members):
                mean = members.mean(0)
                centres[j] = mean / (np.linalg.norm(mean) + 1e-9)
    return np.argmax(x @ centres.T, axis=1)


def fit(
    examples,
    model_path,
    c1: float = C1,
    c2: float = C2,
    max_iterations: int = MAX_ITERATIONS,
    scheme: str = SCHEME,
    gazetteer: bool = GAZETTEER,
    clusters: bool = CLUSTERS,
    verbose: bool = False,
) -> None:
    """Train the CRF and write it, with the gazetteer of all `examples` and the character
    clusters beside it when those are asked for."""
    table = char_clusters(text for text, _ in examples) if clusters else None
    gazetteers = fold_gazetteers(examples) if gazetteer else [None] * len(examples)
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=verbose)
    for (text, spans), fold_gazetteer in zip(examples, gazetteers):
        trainer.append(features(text, tokenize(text), fold_gazetteer, table), bio(len(text), spans, scheme))
    trainer.set_params(
        {"c1": c1, "c2": c2, "max_iterations": max_iterations, "feature.possible_transitions": True}
    )
    Path(model_path).parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))
    # a stale companion file would be read by the tagger of the new model
    gazetteer_path(model_path).unlink(missing_ok=True)
    clusters_path(model_path).unlink(missing_ok=True)
    if gazetteer:
        Gazetteer.from_spans(examples).save(gazetteer_path(model_path))
    if table is not None:
        save_clusters(table, clusters_path(model_path))


def train(
    data_dir,
    model_path,
    seed: int = 0,
    c1: float = C1,
    c2: float = C2,
    max_iterations: int = MAX_ITERATIONS,
    holdout: float = 0.0,
    scheme: str = SCHEME,
    gazetteer: bool = GAZETTEER,
    clusters: bool = CLUSTERS,
    verbose: bool = False,
) -> dict:
    """Train on `data_dir/train.json` (less a held-out slice if `holdout` > 0); return a summary."""
    path = Path(data_dir) / "train.json"
    if not path.exists():
        raise FileNotFoundError(f"no training data at {path} (expected CLUENER2020 train.json)")
    examples = read_examples(path, TRAIN_CLASSES)
    train_set, held = split(examples, seed, holdout)
    started = time.perf_counter()
    fit(train_set, model_path, c1, c2, max_iterations, scheme, gazetteer, clusters, verbose)
    summary = {
        "sentences": len(train_set),
        "seconds": round(time.perf_counter() - started, 1),
        "model": str(model_path),
        "bytes": Path(model_path).stat().st_size,
        "c1": c1,
        "c2": c2,
        "max_iterations": max_iterations,
        "seed": seed,
        "scheme": scheme,
        "gazetteer": gazetteer,
        "clusters": clusters,
    }
    if held:
        summary["held_out"] = len(held)
    return summary
