"""Cost of one long article against a news-sized one, and the size guard.

    python benchmarks/long_article.py                 # 10 KB against 5 MB, then 50 MB
    python benchmarks/long_article.py --long-mb 1 --no-huge    # a quick look

Each article is one line (a scraped page with no line breaks) of invented district news
(benchmarks/corpus.py), built alone in a fresh process after the pipeline is warm, so its
time is extraction and store writes, not start-up. Prints the seconds per million
characters of each, their ratio (target: at most 2) and the long one's peak memory
(target: under 1 GB). Then builds a folder with a 50 MB one-line article beside two good
files with `kg build` and shows that the big one is refused in one line and the good ones
are stored.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import Words, paragraph  # noqa: E402

GOOD = "白沙镇党委书记陆文博说，要办实事。\n"


def one_line_article(size_bytes: int, seed: int) -> str:
    """A headline, a lead and invented paragraphs run together, about `size_bytes` of UTF-8."""
    w = Words(random.Random(seed))
    parts, size = [f"{w.street()}基层治理见成效　本报讯（记者 {w.person()}）"], 0
    while size < size_bytes:
        parts.append(paragraph(w))
        size += len(parts[-1].encode("utf-8"))
    return "".join(parts)


CHILD = """
import json, resource, sys, time
from kg.api import build, extract
extract("绿洲街道党工委书记韩立新走访辖区企业。")      # jieba and the NER model, loaded once
runs = []
for i in range(int(sys.argv[3])):
    s = build([sys.argv[1]], f"{sys.argv[2]}/{i}", workers=1, html=False, progress=False)
    runs.append(s.seconds_extract)
print(json.dumps({"seconds": min(runs), "characters": s.characters, "articles": s.articles,
                  "problems": [str(p) for p in s.problems]}))
"""


def measure(path: Path, scratch: Path, repeat: int) -> dict:
    """Build `path` alone in a child process; its best time and its peak memory."""
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(scratch), str(repeat)], stdout=subprocess.PIPE, text=True
    )
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if status:
        raise SystemExit(f"the build of {path} failed (status {status})")
    result = json.loads(out.strip().splitlines()[-1])
    result["peak_gb"] = usage.ru_maxrss / 2**20  # kilobytes on Linux
    return result


def huge(scratch: Path, mb: int) -> None:
    folder = scratch / "huge"
    folder.mkdir()
    (folder / "a_good.txt").write_text("春风行动启动\n\n本报讯（记者 钟一鸣）" + GOOD, encoding="utf-8")
    (folder / "z_good.jsonl").write_text(
        json.dumps({"id": "z1", "text": GOOD}, ensure_ascii=False), encoding="utf-8"
    )
    text = one_line_article(2**20, 7)
    with open(folder / "m_huge.txt", "w", encoding="utf-8") as f:
        for _ in range(mb):
            f.write(text)
    started = time.perf_counter()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kg.cli",
            "build",
            str(folder),
            "--out",
            str(scratch / "huge-out"),
            "--quiet",
            "--no-html",
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    from kg.api import open_store

    with open_store(scratch / "huge-out") as st:
        stored = st.articles()
    print(
        f"\n{mb} MB one-line article beside two good files: exit status {status >> 8}, "
        f"{seconds:.1f} s, peak {usage.ru_maxrss / 2**20:.2f} GB (the largest process)"
    )
    print(f"  messages ({len(err.splitlines())} line(s)):")
    for line in err.splitlines():
        print(f"    {line}")
    print(f"  stored: {', '.join(stored)}")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--short-kb", type=float, default=10)
    ap.add_argument("--long-mb", type=float, default=5)
    ap.add_argument("--huge-mb", type=int, default=50)
    ap.add_argument("--no-huge", action="store_true")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-long-") as tmp:
        scratch = Path(tmp)
        rows = []
        for name, size, repeat in (("short", args.short_kb * 1024, 5), ("long", args.long_mb * 2**20, 1)):
            path = scratch / f"{name}.txt"
            path.write_text(one_line_article(int(size), 1), encoding="utf-8")
            (scratch / name).mkdir()
            r = measure(path, scratch / name, repeat)
            r["us_per_char"] = 1e6 * r["seconds"] / r["characters"]
            rows.append((name, path.stat().st_size, r))
            print(
                f"{name:6} {path.stat().st_size / 1024:9.0f} KB {r['characters']:9d} characters "
                f"{r['seconds']:8.2f} s  {r['us_per_char']:6.1f} µs/character  "
                f"peak {r['peak_gb']:.2f} GB  {len(r['problems'])} problem(s)",
                flush=True,
            )
        (_, _, short), (_, _, long) = rows
        print(
            f"\ncost per character, long / short: {long['us_per_char'] / short['us_per_char']:.2f}x "
            f"(target <= 2x); long article's peak memory {long['peak_gb']:.2f} GB (target < 1 GB)"
        )
        if not args.no_huge:
            huge(scratch, args.huge_mb)


if __name__ == "__main__":
    main()
