"""SPARQL text that kg takes from users, handled as tokens, never by pasting:

- `with_values` binds variables to values as escaped terms in a `VALUES` block that joins the
  query's WHERE pattern (so GROUP BY and aggregates see it), whatever the query form;
- `refuse_outbound` refuses SERVICE, the one query feature that makes the evaluator fetch a URL;
- `explain` turns a parser error into one line that names an undeclared prefix.

The lexer below knows exactly what hides a keyword from the parser (strings, IRIs, comments),
so that a keyword in any case, spacing or comment placement is still seen.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from rdflib import Literal, URIRef

VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
MAX_QUERY_CHARS = 100_000

_PN = r"[^\W\d_][\w.\-]*"  # a prefix (SPARQL's PN_PREFIX, near enough)
_TOKEN = re.compile(
    r"""
    (?P<string>'''(?:'{0,2}(?:[^'\\]|\\.))*'''|\"\"\"(?:"{0,2}(?:[^"\\]|\\.))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<comment>\#[^\n\r]*)
  | (?P<var>[?$]\w+)
  | (?P<pname>(?:_|"""
    + _PN
    + r""")?:(?:[\w\-.:%]|\\.)*)
  | (?P<word>[^\W\d]\w*)
  | (?P<space>\s+)
  | (?P<other>.)
""",
    re.VERBOSE | re.DOTALL,
)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


@dataclass(frozen=True)
class Token:
    kind: str  # string, iri, comment, var, pname, word, space, other
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def is_word(self, *words: str) -> bool:
        return self.kind == "word" and self.text.upper() in words


def tokens(query: str) -> list[Token]:
    """The query's tokens, whitespace and comments left out."""
    return [
        Token(m.lastgroup or "other", m[0], m.start())
        for m in _TOKEN.finditer(query)
        if m.lastgroup not in ("space", "comment")
    ]


class RefusedQuery(ValueError):
    """A query kg will not run (one line saying why)."""


# --- SERVICE -------------------------------------------------------------------------------
def refuse_outbound(query: str) -> None:
    """Raise RefusedQuery for SERVICE (in any case, spacing or comment placement, and after
    SPARQL's \\u escapes, which some parsers expand before they read keywords)."""
    expanded = _CODEPOINT.sub(lambda m: chr(int(m[1] or m[2], 16)), query)
    if any(t.is_word("SERVICE") for text in {query, expanded} for t in tokens(text)):
        raise RefusedQuery(
            "SERVICE is refused: this endpoint makes no outbound requests (query the other endpoint directly)"
        )


def check_size(query: str, limit: int = MAX_QUERY_CHARS) -> None:
    if len(query) > limit:
        raise RefusedQuery(f"the query has {len(query)} characters; at most {limit} are accepted")


# --- bindings ------------------------------------------------------------------------------
def term(value: str):
    """An IRI for http(s) values, else a Chinese-tagged literal (how labels are stored)."""
    if value.startswith(("http://", "https://")):
        if IRI_UNSAFE.search(value):
            raise ValueError(f"not a valid IRI: {value!r}")
        return URIRef(value)
    return Literal(value, lang="zh")


def with_values(query: str, bindings: dict[str, str]) -> str:
    """`query` with its variables bound to `bindings` (name → value)."""
    return apply(query, binding_edits(query, bindings))


def apply(query: str, edits: list[tuple[int, str]]) -> str:
    out, last = [], 0
    for pos, text in sorted(edits, key=lambda e: e[0]):
        out += [query[last:pos], text]
        last = pos
    return "".join(out) + query[last:]


def binding_edits(query: str, bindings: dict[str, str]) -> list[tuple[int, str]]:
    """Insertions (offset, text) that put the values first in the WHERE pattern P of the
    query, and of each sub-SELECT whose pattern uses a bound variable, as
    `{ VALUES (...) {...} P }`: they join the pattern before any grouping, aggregate or
    solution modifier, and P's own FILTERs and BINDs see them."""
    if not bindings:
        return []
    toks = tokens(query)
    used = {t.text[1:] for t in toks if t.kind == "var"}
    for name in bindings:
        if not VARIABLE.match(name):
            raise ValueError(f"not a SPARQL variable name: {name!r}")
        if name not in used:
            raise ValueError(f"--bind {name}: the query has no ?{name}")
    terms = {name: term(value).n3() for name, value in bindings.items()}
    form = next((i for i, t in enumerate(toks) if t.is_word(*FORMS)), None)
    if form is None:
        raise ValueError("--bind needs a SELECT, CONSTRUCT, DESCRIBE or ASK query")
    where = _where_group(toks, form)
    if where is None:  # DESCRIBE ?x with no WHERE clause: give it one
        return [(_describe_end(toks, form), f" WHERE {{ {_values(terms)} }} ")]
    edits = _wrap(query, toks, where, terms)
    for i in range(where[0] + 1, where[1]):
        if toks[i].is_word("SELECT"):
            inner = _where_group(toks, i)
            names = {t.text[1:] for t in toks[inner[0] : inner[1]] if t.kind == "var"} if inner else ()
            if names & terms.keys():
                edits += _wrap(query, toks, inner, {n: v for n, v in terms.items() if n in names})
    return edits


def _values(terms: dict[str, str]) -> str:
    return f"VALUES ({' '.join(f'?{n}' for n in terms)}) {{ ({' '.join(terms.values())}) }}"


def _wrap(query: str, toks: list[Token], where, terms: dict[str, str]) -> list[tuple[int, str]]:
    open_, close, template = where
    if toks[open_ + 1].is_word("SELECT"):  # { SELECT … }: the sub-SELECT needs braces of its own
        edits = [(toks[open_].end, f" {_values(terms)} {{"), (toks[close].start, "} ")]
    else:  # first in the group: its FILTERs and BINDs see them
        edits = [(toks[open_].end, f" {_values(terms)} ")]
    if template:  # CONSTRUCT WHERE { T }: the template T becomes explicit
        edits.append((toks[open_ - 1].start, f"{query[toks[open_].start : toks[close].end]} "))
    return edits


def _matching(toks: list[Token], i: int) -> int:
    depth = 0
    for j in range(i, len(toks)):
        if toks[j].text == "{":
            depth += 1
        elif toks[j].text == "}":
            depth -= 1
            if depth == 0:
                return j
    raise ValueError("the query's braces do not balance")


def _where_group(toks: list[Token], form: int):
    """(index of the WHERE pattern's `{`, index of its `}`, whether it is CONSTRUCT WHERE's
    template too), or None when there is none. Braces inside parentheses (EXISTS in a
    projection) are not the pattern."""
    depth, i = 0, form + 1
    construct = toks[form].is_word("CONSTRUCT")
    while i < len(toks):
        t = toks[i]
        depth += (t.text == "(") - (t.text == ")")
        if t.text == "{" and depth == 0:
            if construct and not toks[i - 1].is_word("WHERE"):
                i = _matching(toks, i) + 1  # the template
                construct = False
                continue
            return i, _matching(toks, i), construct
        i += 1
    return None


def _describe_end(toks: list[Token], form: int) -> int:
    """Where a DESCRIBE's targets end: before its solution modifiers, or at the end."""
    for t in toks[form + 1 :]:
        if t.is_word("ORDER", "LIMIT", "OFFSET", "GROUP", "HAVING", "VALUES"):
            return t.start
    return toks[-1].end


def original_offset(edits: list[tuple[int, str]], offset: int) -> int:
    """Where an offset of the edited text was in the text before `apply(query, edits)`."""
    shift = 0
    for pos, text in sorted(edits, key=lambda e: e[0]):
        if offset < pos + shift:
            break
        if offset < pos + shift + len(text):
            return pos
        shift += len(text)
    return offset - shift


# --- errors --------------------------------------------------------------------------------
_POSITION = re.compile(r"^line (\d+), column (\d+): ")
_EXPECTED = re.compile(r'"((?:[^"\\]|\\.)*)"|\b([A-Z][A-Z_]+)\b')


def undeclared_prefixes(query: str, known=()) -> list[Token]:
    """The first use of each prefix that neither the query nor `known` declares."""
    toks = tokens(query)
    declared = set(known) | {
        t.text.split(":")[0]
        for i, t in enumerate(toks)
        if t.kind == "pname" and i and toks[i - 1].is_word("PREFIX")
    }
    first: dict[str, Token] = {}
    for t in toks:
        prefix = t.text.split(":")[0]
        if t.kind == "pname" and prefix != "_" and prefix not in declared:
            first.setdefault(prefix, t)
    return list(first.values())


def position(query: str, offset: int) -> tuple[int, int]:
    before = query[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def offset_of(query: str, line: int, column: int) -> int:
    starts = [0] + [m.end() for m in re.finditer(r"\n", query)]
    return starts[min(line, len(starts)) - 1] + column - 1


def looks_like_a_path(text: str) -> bool:
    stripped = text.strip()
    return (
        "{" not in stripped
        and "\n" not in stripped
        and (os.path.exists(stripped) or stripped.endswith((".rq", ".sparql")))
    )


def explain(message: str, query: str, known=(), edits=()) -> str:
    """A parser's message ('line L, column C: expected one of …' with its character classes)
    as one short line: the undeclared prefix named, the expected tokens without the Unicode
    ranges, what the parser met instead, and a hint when the query text is a file name."""
    hint = (
        " (this looks like a file name: add -f to read the query from it)" if looks_like_a_path(query) else ""
    )
    missing = undeclared_prefixes(query, known)
    if missing:
        t = missing[0]
        line, col = position(query, t.start)
        return (
            f"line {line}, column {col}: undeclared prefix {t.text.split(':')[0]}: "
            f"(add PREFIX {t.text.split(':')[0]}: <IRI> before the query){hint}"
        )
    match = _POSITION.match(message)
    if not match:
        return _shorten(message) + hint
    sent = apply(query, list(edits))
    at = original_offset(list(edits), offset_of(sent, int(match[1]), int(match[2])))
    line, col = position(query, at)
    rest = message[match.end() :]
    found = query[at:].split()[0][:20] if query[at:].strip() else ""
    met = f'; found "{found}"' if found else "; the query ends too early"
    return f"line {line}, column {col}: {_expected(rest)}{met}{hint}"


def _expected(rest: str) -> str:
    if not rest.startswith("expected"):
        return _shorten(rest)
    items = []
    for m in _EXPECTED.finditer(re.sub(r"\[[^\]]*\]", "", rest[len("expected") :])):
        item = m[1] if m[1] is not None else m[2]
        if item not in items and item != "Prefix":
            items.append(item)
    shown = ", ".join(f'"{i}"' for i in items[:8]) + (", …" if len(items) > 8 else "")
    return f"expected {shown}" if items else "syntax error"


def _shorten(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
