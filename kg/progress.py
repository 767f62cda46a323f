"""Build progress: documents done of those found, articles, characters/s and ETA. A tqdm bar
when stderr is a terminal, a plain line every few seconds when it is not (a log file, CI),
nothing when turned off."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Iterable

from .closing import Closing

LOG_EVERY = 5.0  # seconds between log lines


def count_documents(inputs: Iterable[str]) -> int:
    """How many documents the readers will yield, for the ETA: a file is one, a .jsonl one
    per non-blank line. Walks the tree as the readers do (hidden entries skipped)."""
    from .ingest.readers import suffixes

    total = 0
    for path in _files(inputs, suffixes()):
        if path.suffix.lower() == ".jsonl":
            total += _jsonl_lines(path)
        else:
            total += 1
    return total


def _files(inputs: Iterable[str], suffixes: tuple[str, ...]):
    for raw in inputs:
        path = Path(raw)
        if path.is_file():
            yield path
        elif path.is_dir():
            for folder, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in files:
                    if not name.startswith(".") and name.lower().endswith(suffixes):
                        yield Path(folder, name)


def _jsonl_lines(path: Path) -> int:
    try:
        with open(path, "rb") as f:
            return sum(1 for line in f if line.strip())
    except OSError:
        return 0


class Progress(Closing):
    """Counts what the build has done; subclasses show it."""

    def __init__(self, total: int | None = None):
        self.total = total
        self.documents = self.articles = self.characters = 0
        self.started = time.perf_counter()

    def advance(self, articles: int, characters: int) -> None:
        self.documents += 1
        self.articles += articles
        self.characters += characters
        self.show()

    def rate(self) -> float:
        return self.characters / max(time.perf_counter() - self.started, 1e-9)

    def eta(self) -> str:
        elapsed = time.perf_counter() - self.started
        if not self.total or not self.documents or self.documents >= self.total:
            return "?"
        left = elapsed * (self.total - self.documents) / self.documents
        return time.strftime("%H:%M:%S", time.gmtime(left))

    def show(self) -> None:
        pass


class LogProgress(Progress):
    def __init__(self, total=None, stream=None, every: float = LOG_EVERY):
        super().__init__(total)
        self.stream = stream or sys.stderr
        self.every = every
        self.last = self.started

    def show(self) -> None:
        now = time.perf_counter()
        if now - self.last >= self.every:
            self.last = now
            self.stream.write(self.line() + "\n")
            self.stream.flush()

    def line(self) -> str:
        of = f"/{self.total}" if self.total else ""
        return (
            f"kg: {self.documents}{of} documents, {self.articles} articles, "
            f"{self.rate():,.0f} characters/s, ETA {self.eta()}"
        )


class BarProgress(Progress):
    def __init__(self, total=None, stream=None):
        from tqdm import tqdm

        super().__init__(total)
        self.bar = tqdm(total=total, unit="doc", file=stream or sys.stderr, dynamic_ncols=True, smoothing=0.1)
        self.shown = self.started

    def show(self) -> None:
        self.bar.update(1)
        now = time.perf_counter()
        if now - self.shown >= 0.5:
            self.shown = now
            self.postfix()

    def postfix(self) -> None:
        self.bar.set_postfix_str(f"{self.articles} articles, {self.rate():,.0f} chars/s", refresh=False)

    def close(self) -> None:
        self.postfix()
        self.bar.close()


def open_progress(enabled: bool | None, inputs: Iterable[str], stream=None) -> Progress:
    """None: a bar on a terminal, log lines otherwise; False: nothing; True: as None."""
    if enabled is False:
        return Progress()
    stream = stream or sys.stderr
    total = count_documents(inputs)
    if stream.isatty():
        try:
            return BarProgress(total, stream)
        except ImportError:
            pass
    return LogProgress(total, stream)
