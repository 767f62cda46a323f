"""Input readers: files and folders in, `Document`s and `Problem`s out.

`read_inputs` never stops at a bad input (unless `strict`): whatever cannot be read becomes a
`Problem` that names the file (and line), says what is wrong and what kg did, and the batch
goes on. Folders are walked recursively in sorted order, hidden entries skipped, so two runs
over the same tree read the same documents in the same order.
"""

from __future__ import annotations

import json
import os
import re
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Iterator, Literal

from .. import errors
from ..model import Document, Problem
from ..registry import Registry

MAX_BYTES = 200 * 1024 * 1024
JSONL_FIELDS = ("id", "title", "date", "source", "author", "region")
_SAMPLE = 65536  # characters looked at to decide "mostly non-text"
_MAX_CONTROL = 0.05  # more control characters than this in the sample: binary


class InputError(errors.InputError):
    """Raised by `read_inputs(strict=True)` at the first problem."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


class _Skip(Exception):
    """A whole file cannot be read; the message says why."""


@dataclass(frozen=True)
class Reader:
    """An input format: the file suffixes it reads and `func(path, data)`, which gives the
    file's `Document`s and `Problem`s from its bytes (already checked for size)."""

    name: str
    suffixes: tuple[str, ...]
    func: Callable[[Path, bytes], Iterable[Document | Problem]]


READERS: Registry[Reader] = Registry("input reader", "kg.readers")


def reader(name: str, suffixes: Iterable[str]):
    """`@reader("notes", suffixes=(".note",))` on `func(path, data)`: kg reads those files."""
    return READERS.decorator(name, lambda func: Reader(name, tuple(s.lower() for s in suffixes), func))


def suffixes() -> tuple[str, ...]:
    """Every suffix a registered reader reads, in registration order."""
    return tuple(s for r in READERS.values() for s in r.suffixes)


def reader_for(path: Path) -> Reader | None:
    suffix = path.suffix.lower()
    return next((r for r in READERS.values() if suffix in r.suffixes), None)


def read_inputs(paths: Iterable[str | os.PathLike], strict: bool = False) -> Iterator[Document | Problem]:
    for item in _read_all(paths):
        if strict and isinstance(item, Problem):
            raise InputError(item)
        yield item


def _read_all(paths) -> Iterator[Document | Problem]:
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield Problem(str(path), "no such file or folder; skipped")
        elif path.is_dir():
            yield from _read_folder(path, seen)
        elif not path.is_file():
            yield _special(path)
        elif reader_for(path) is None:
            yield Problem(
                str(path),
                f"unsupported file type {path.suffix or '(none)'!r}, kg reads {', '.join(suffixes())}; skipped",
            )
        elif _first_visit(path, seen):
            yield from _read_file(path)


def _special(path: Path) -> Problem:
    """A FIFO, a device or a socket: reading one could block for ever or never end."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:  # a link to nothing
        return Problem(str(path), f"cannot read ({exc.strerror or exc}); skipped")
    kind = (
        "a named pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "not a regular file"
    )
    return Problem(str(path), f"{kind}, not a regular file; skipped")


def _first_visit(path: Path, seen: set[Path]) -> bool:
    """A file named twice (directly and inside a named folder) is read once."""
    key = path.resolve()
    if key in seen:
        return False
    seen.add(key)
    return True


def _read_folder(folder: Path, seen: set[Path]) -> Iterator[Document | Problem]:
    files = list(_walk(folder, set()))
    if not any(isinstance(f, Path) for f in files):
        yield Problem(str(folder), f"folder holds no readable file ({', '.join(suffixes())}); nothing read")
    for path in files:
        if isinstance(path, Problem):
            yield path
        elif _first_visit(path, seen):
            yield from _read_file(path)


def _walk(folder: Path, visited: set[Path]) -> Iterator[Path | Problem]:
    real = folder.resolve()
    if real in visited:  # a symlink loop
        return
    visited.add(real)
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry, visited)
        elif reader_for(entry) is not None:
            yield entry if entry.is_file() else _special(entry)


def _read_file(path: Path) -> Iterator[Document | Problem]:
    found = reader_for(path)
    if found is None:  # pragma: no cover - callers pick readable files
        return
    try:
        yield from found.func(path, _load_bytes(path))
    except _Skip as exc:
        yield Problem(str(path), str(exc))
    except Exception as exc:  # a plugin's reader failing is one problem: the batch goes on
        yield Problem(str(path), f"the {found.name} reader failed ({type(exc).__name__}: {exc}); skipped")


def _text_document(path: Path, data: bytes, html: bool) -> Iterator[Document | Problem]:
    text, warning = decode(data)
    if warning:
        yield Problem(str(path), warning)
    title = day = None
    if html:
        text, title, day = html_to_text(text)
    else:
        text = normalise_newlines(text)
    if not text.strip():
        yield Problem(str(path), "no text; skipped")
        return
    yield Document(source=str(path), text=text, kind="page", title=title, date=day)


@reader("page", suffixes=(".txt", ".md"))
def read_page(path: Path, data: bytes) -> Iterator[Document | Problem]:
    """A page or an article as plain text (Markdown read as text)."""
    return _text_document(path, data, html=False)


@reader("html", suffixes=(".html", ".htm"))
def read_html(path: Path, data: bytes) -> Iterator[Document | Problem]:
    """A web page: its text, title and date (see `html_to_text`)."""
    return _text_document(path, data, html=True)


def _load_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _Skip(f"{size / 2**20:.0f} MB is over the {MAX_BYTES / 2**20:.0f} MB limit; skipped")
        data = path.read_bytes()
    except OSError as exc:
        raise _Skip(f"cannot read ({exc.strerror or exc}); skipped") from exc
    if not data.strip():
        raise _Skip("empty file; skipped")
    return data


# --- decoding -------------------------------------------------------------------------------

_UTF16_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def decode(data: bytes) -> tuple[str, str | None]:
    """Text of `data` and a warning (or None): UTF-8 (BOM stripped), UTF-16 with a BOM,
    else GB18030 (a superset of GBK and GB2312). Raises `_Skip` for what is not text."""
    for bom, codec in _UTF16_BOMS:
        if data.startswith(bom):
            return _checked(_strict(data[len(bom) :], codec), None)
    skipped = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    data = data[skipped:]
    if b"\x00" in data:
        raise _Skip("binary file (NUL bytes); skipped")
    try:
        return _checked(data.decode("utf-8"), None)
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(data):
            # only the last multi-byte sequence is cut off: keep what precedes it
            return _checked(
                data[: exc.start].decode("utf-8"),
                f"truncated UTF-8 sequence at byte {exc.start + skipped} (end of file); read the text before it",
            )
    return _checked(*_chinese(data))


def _chinese(data: bytes) -> tuple[str, str | None]:
    """GB18030, or Big5 when the bytes read as GB18030 are mostly characters that GB2312,
    the set of everyday simplified Chinese, lacks: Big5's traditional characters read as
    GBK come out as kana, Cyrillic, private-use and rare characters."""
    gb = _decoded(data, "gb18030")
    if gb is not None and _everyday(gb, "gb2312") >= _EVERYDAY:
        return gb, None
    big5 = _decoded(data, "big5")
    if big5 is not None and _everyday(big5, "big5") >= _EVERYDAY and _hanzi(big5) >= _EVERYDAY:
        return big5, "read as Big5 (traditional Chinese), not GB18030"
    if gb is not None:
        return gb, (
            f"read as GB18030, but only {_everyday(gb, 'gb2312'):.0%} of its Chinese "
            "is everyday text: check its encoding (kg reads UTF-8, GB18030 and Big5)"
        )
    raise _Skip("neither UTF-8, GB18030/GBK nor Big5 text (binary?); skipped")


_EVERYDAY = 0.9


def _decoded(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _everyday(text: str, codec: str) -> float:
    """The share of the sample's non-ASCII characters that `codec` can write."""
    wide = [ch for ch in text[:_SAMPLE] if ord(ch) > 127]
    if not wide:
        return 1.0
    ok = 0
    for ch in wide:
        try:
            ch.encode(codec)
            ok += 1
        except UnicodeEncodeError:
            pass
    return ok / len(wide)


def _hanzi(text: str) -> float:
    """The share of the sample's non-ASCII characters that are CJK or its punctuation."""
    wide = [ch for ch in text[:_SAMPLE] if ord(ch) > 127]
    return sum(1 for ch in wide if "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef") / max(
        1, len(wide)
    )


def _strict(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise _Skip(f"invalid {codec} at byte {exc.start} after its byte-order mark; skipped") from None


def _checked(text: str, warning: str | None) -> tuple[str, str | None]:
    sample = text[:_SAMPLE]
    control = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    if sample and control / len(sample) > _MAX_CONTROL:
        raise _Skip("binary file (mostly control characters); skipped")
    return text, warning


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- .jsonl ---------------------------------------------------------------------------------


@reader("jsonl", suffixes=(".jsonl",))
def read_jsonl(path: Path, data: bytes) -> Iterator[Document | Problem]:
    """One article a line: a JSON object with `text` and optional metadata."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data[:_SAMPLE].count(b"\x00") > _MAX_CONTROL * min(len(data), _SAMPLE):
        raise _Skip("binary file (NUL bytes); skipped")
    found = False
    # split on \n only: U+2028 and friends are legal inside a JSON string
    for lineno, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        found = True
        item = _jsonl_line(path, lineno, raw)
        yield item
    if not found:
        raise _Skip("no lines; skipped")


def _jsonl_line(path: Path, lineno: int, raw: bytes) -> Document | Problem:
    def problem(message: str) -> Problem:
        return Problem(str(path), f"{message}; line skipped", line=lineno)

    nul = raw.find(b"\x00")
    if nul >= 0:  # JSON has no raw NUL: a damaged line, not a binary file
        return problem(f"a NUL byte at byte {nul} of the line")
    try:
        obj = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return problem(f"not UTF-8 (byte {exc.start} of the line)")
    except json.JSONDecodeError as exc:
        return problem(f"malformed JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(obj, dict):
        return problem(f"a JSON {type(obj).__name__} instead of an object")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return problem("no 'text'" if text is None else "'text' is empty or not a string")
    fields: dict[str, str | None] = {}
    for name in JSONL_FIELDS:
        value = _field(obj.get(name))
        if value is False:
            return problem(f"{name!r} must be a string")
        fields[name] = value or None
    return Document(
        source=f"{path}:{lineno}",
        text=text,
        kind="article",
        id=fields["id"] or f"{path.stem}-{lineno}",
        title=fields["title"],
        date=fields["date"],
        origin=fields["source"],
        author=fields["author"],
        region=fields["region"],
    )


def _field(value) -> str | None | Literal[False]:
    """A string field's value, None when absent, False when of a wrong type.
    Numbers are taken as text (an id of 7); a list of strings (several authors) is joined."""
    if value is None or isinstance(value, str):
        return value or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "、".join(value) or None
    return False


# --- HTML -----------------------------------------------------------------------------------

_SKIPPED = {"script", "style", "template", "noscript", "svg", "iframe", "object", "canvas"}
_BLOCKS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
}
# a blank line between these, so the page splitter can see where one article ends
_SECTIONS = {"article", "section", "hr"}
_RUNS = re.compile(r"([ \t\n\r\f]*)([^ \t\n\r\f]*)")  # HTML whitespace, not NBSP


def _wide(ch: str) -> bool:
    """CJK: a line break in the source between two wide characters is no space (CSS Text 3)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


# <meta> names that carry the publication date (Open Graph, Dublin Core, news sites' own)
_DATE_META = (
    "article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "dc.date",
    "dc.date.issued",
    "date",
)


def html_to_text(html: str) -> tuple[str, str | None, str | None]:
    """Visible text of an HTML page (one line per block), its title and the publication
    date its <meta> tags give (as written; the page splitter checks it)."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return parser.text(), parser.title(), parser.meta_date


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._pending = 0  # newlines owed before the next text
        self._gap = ""  # whitespace since the last text: " ", or "\n" if it broke a line
        self._skip = 0  # depth inside skipped elements
        self._pre = 0
        self._title: list[str] | None = None
        self._titles: dict[str, str] = {}
        self._h1: list[str] | None = None
        self._dates: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        if tag == "meta":
            self._meta(dict(attrs))
        if self._title is not None and (tag in _BLOCKS or tag == "body"):
            self.handle_endtag("title")  # an unclosed <title> must not swallow the page
        if tag in _SKIPPED:
            self._skip += 1
        elif tag == "title":
            self._title = []
        elif tag == "h1" and "h1" not in self._titles:
            self._h1 = []
        if tag == "pre":
            self._pre += 1
        self._boundary(tag)

    def handle_startendtag(self, tag, attrs):
        if tag == "meta":
            self._meta(dict(attrs))
        self._boundary(tag)

    def _meta(self, attrs: dict) -> None:
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key in _DATE_META and (attrs.get("content") or "").strip():
            self._dates.setdefault(key, attrs["content"].strip())

    @property
    def meta_date(self) -> str | None:
        return next(
            (self._dates[k] for k in _DATE_META if k in self._dates), None
        )  # <br/>, <hr/>; a self-closed <script/> skips nothing

    def handle_endtag(self, tag):
        if tag in _SKIPPED:
            self._skip = max(0, self._skip - 1)
        elif tag == "title" and self._title is not None:
            self._end_title("title", self._title)
            self._title = None
        elif tag == "h1" and self._h1 is not None:
            self._end_title("h1", self._h1)
            self._h1 = None
        if tag == "pre":
            self._pre = max(0, self._pre - 1)
        self._boundary(tag)

    def handle_data(self, data):
        if self._skip:
            return
        if self._title is not None:
            self._title.append(data)
            return
        if self._h1 is not None:
            self._h1.append(data)
        if self._pre:
            self._emit(normalise_newlines(data))
            return
        for gap, word in _RUNS.findall(data):
            if gap:
                self._gap = "\n" if "\n" in gap or "\r" in gap or self._gap == "\n" else " "
            if word:
                self._emit(word)

    def _emit(self, text: str):
        if self._pending:
            self._parts.append("\n" * self._pending)
        elif (
            self._gap
            and self._parts
            and not (self._gap == "\n" and _wide(self._parts[-1][-1]) and _wide(text[0]))
        ):
            self._parts.append(" ")
        self._pending, self._gap = 0, ""
        self._parts.append(text)

    def _boundary(self, tag: str):
        if tag in _BLOCKS and self._parts:
            self._pending = max(self._pending, 2 if tag in _SECTIONS else 1)

    def _end_title(self, kind: str, parts: list[str]):
        text = " ".join("".join(parts).split())
        if text:
            self._titles.setdefault(kind, text)

    def text(self) -> str:
        return "".join(self._parts)

    def title(self) -> str | None:
        return self._titles.get("title") or self._titles.get("h1")
