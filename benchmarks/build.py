"""Build throughput and memory on synthetic corpora (benchmarks/corpus.py), against
jieba.posseg.lcut over the same text measured in the same run.

    python benchmarks/build.py                     # 1k and 10k articles, 1 and 2 workers
    python benchmarks/build.py --sizes 1000 --workers 1,2,4
    python benchmarks/build.py --full              # adds 100k articles

Each build runs in its own process (`kg build --no-html` through the API); its peak memory
is the ru_maxrss of that process plus the largest of its worker processes. "extract" is
the time until the last article is written to the store, "total" adds the graph.ttl
export. The targets of issue 6: the pipeline at >= 0.4x posseg; 2 workers >= 1.7x one
on 10k articles; peak memory on 10k <= 1.5x that on 1k.

"cores busy" (one worker) is the build's CPU time over its wall time until the last article
is written. One worker already keeps more than one core busy, since the store writes run on
threads of their own beside the extraction; on a machine of N cores, more workers cannot
speed the build up beyond N / that figure, which the last lines print. "the pipeline alone" is the speed-up of
two processes on the extraction without the store: the part that workers share out.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def run_one(corpus: str, out: str, workers: int) -> dict:
    """One build in this process (called in a fresh subprocess); its numbers as a dict."""
    from kg.api import build

    s = build([corpus], out, html=False, workers=workers, progress=False)
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "articles": s.articles,
        "characters": s.characters,
        "extract": s.seconds_extract,
        "cpu_extract": s.cpu_seconds_extract,
        "total": s.seconds,
        "rss_mb": (own.ru_maxrss + kids.ru_maxrss) / 1024,
        "rss_parent_mb": own.ru_maxrss / 1024,
        "rss_worker_mb": kids.ru_maxrss / 1024,
        "cpu_parent": own.ru_utime + own.ru_stime,
        "cpu_workers": kids.ru_utime + kids.ru_stime,
        "problems": len(s.problems),
    }


def measure_build(corpus: Path, workers: int, scratch: Path) -> dict:
    out = Path(tempfile.mkdtemp(prefix=f"out-{workers}-", dir=scratch))
    cmd = [sys.executable, __file__, "--one", str(corpus), str(out), str(workers)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def sample_texts(corpus: Path, characters: int) -> list[str]:
    """Article texts from the start of the corpus, about `characters` of them."""
    from kg.api import _tasks, read
    from kg.ingest.page import split_document

    texts, size = [], 0
    for doc, stem in _tasks(read([corpus]), []):
        for a in split_document(doc, stem):
            texts.append(a.text)
            size += len(a.text)
        if size >= characters:
            break
    return texts


def rate(func, texts: list[str]) -> float:
    """Characters per second of func over texts."""
    started = time.perf_counter()
    for text in texts:
        func(text)
    return sum(map(len, texts)) / (time.perf_counter() - started)


def baselines(corpus: Path, characters: int) -> dict:
    """posseg and the pipeline (split, components, mapping; no store) on the same text, in
    this process, and how each does in two processes at once."""
    texts = sample_texts(corpus, characters)
    third = texts[: len(texts) // 3]
    return {
        "posseg": _posseg_rate(texts),
        "pipeline": _pipeline_rate(texts),
        "characters": sum(map(len, texts)),
        "ceiling": two_processes(_posseg_rate, third),
        "pipeline_scaling": two_processes(_pipeline_rate, third),
    }


def _posseg_rate(texts: list[str]) -> float:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    jieba.posseg.lcut("预热")  # the dictionary loads outside the timing
    return rate(jieba.posseg.lcut, texts)


def _pipeline_rate(texts: list[str]) -> float:
    from kg.model import Document
    from kg.parallel import extract_batch, worker_pipeline
    from kg.pipeline import DEFAULT

    worker_pipeline(DEFAULT)  # the model and the dictionary load outside the timing
    return rate(lambda t: extract_batch((DEFAULT, [(Document("x", t, "article"), "x")])), texts)


def two_processes(func, texts: list[str]) -> float:
    """How much two processes running `func` (a rate over `texts`) get done together against
    one alone: 2.0 on two free cores, less when the cores are busy or are two hyperthreads of
    one core. On posseg it is the ceiling of a two-worker speed-up on this machine; on the
    pipeline without the store, the part of a build that workers share out (the store writes
    in the parent are the part they do not)."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(1) as pool:
        alone = pool.apply(func, (texts,))
    with ctx.Pool(2) as pool:
        both = pool.map(func, [texts, texts])
    return sum(both) / alone


def ensure_corpus(scratch: Path, articles: int, seed: int) -> Path:
    from corpus import write_corpus

    folder = scratch / f"corpus-{articles}-{seed}"
    if not folder.exists():
        write_corpus(folder, articles, seed)
    return folder


def table(rows: list[dict], base: dict) -> str:
    head = (
        "articles",
        "workers",
        "articles/s",
        "chars/s extract",
        "chars/s total",
        "speedup",
        "x posseg",
        "cores busy",
        "peak MB",
        "parent+worker MB",
        "extract s",
        "total s",
        "CPU s parent+workers",
    )
    lines = [" | ".join(head), " | ".join("---" for _ in head)]
    for r in rows:
        lines.append(
            " | ".join(
                str(x)
                for x in (
                    r["articles"],
                    r["workers"],
                    f"{r['articles'] / r['extract']:.1f}",
                    f"{r['characters'] / r['extract']:,.0f}",
                    f"{r['characters'] / r['total']:,.0f}",
                    f"{r['speedup']:.2f}",
                    f"{r['characters'] / r['extract'] / base['posseg']:.2f}",
                    f"{r['cpu_extract'] / r['extract']:.2f}" if r["workers"] == 1 else "",
                    f"{r['rss_mb']:.0f}",
                    f"{r['rss_parent_mb']:.0f}+{r['rss_worker_mb']:.0f}",
                    f"{r['extract']:.1f}",
                    f"{r['total']:.1f}",
                    f"{r['cpu_parent']:.1f}+{r['cpu_workers']:.1f}",
                )
            )
        )
    return "\n".join(lines)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000", help="corpus sizes in articles")
    ap.add_argument("--full", action="store_true", help="add a 100k-article corpus")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--baseline-characters",
        type=int,
        default=300_000,
        help="text for the posseg/pipeline baseline (from the first corpus)",
    )
    ap.add_argument("--scratch", help="folder for corpora and outputs (default: a new temp folder)")
    ap.add_argument("--one", nargs=3, metavar=("CORPUS", "OUT", "WORKERS"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one[0], args.one[1], int(args.one[2]))))
        return
    scratch = Path(args.scratch or tempfile.mkdtemp(prefix="kg-bench-build-"))
    sizes = [int(n) for n in args.sizes.split(",")] + ([100_000] if args.full else [])
    workers = [int(n) for n in args.workers.split(",")]
    print(f"load average at start {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores", flush=True)
    base = baselines(ensure_corpus(scratch, sizes[0], args.seed), args.baseline_characters)
    rows = []
    for size in sizes:
        corpus = ensure_corpus(scratch, size, args.seed)
        for n in workers:
            row = {**measure_build(corpus, n, scratch), "workers": n}
            one = next((r for r in rows if r["articles"] == row["articles"] and r["workers"] == 1), row)
            row["speedup"] = one["extract"] / row["extract"]
            rows.append(row)
            print(f"  {size} articles, {n} workers: {row['extract']:.1f} s", file=sys.stderr, flush=True)
    print(
        f"baseline on {base['characters']:,} characters: posseg {base['posseg']:,.0f} chars/s, "
        f"pipeline without store {base['pipeline']:,.0f} chars/s "
        f"({base['pipeline'] / base['posseg']:.2f}x posseg); two posseg processes together do "
        f"{base['ceiling']:.2f}x one alone (the ceiling of a 2-worker speed-up here)"
    )
    print(f"the pipeline alone (no store) in two processes: {base['pipeline_scaling']:.2f}x one process")
    print(table(rows, base))
    for r in rows:
        if r["workers"] == 1:
            busy = r["cpu_extract"] / r["extract"]
            print(
                f"{r['articles']} articles: one worker keeps {busy:.2f} cores busy (its pipeline, and "
                f"the store writes on their own threads), so on {os.cpu_count()} cores more workers "
                f"can give at most {os.cpu_count() / busy:.2f}x"
            )
    (scratch / "rows.json").write_text(json.dumps(rows, indent=1))
    print(f"load average at end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
