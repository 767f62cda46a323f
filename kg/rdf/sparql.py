"""Values from users enter SPARQL as bound terms, never as pasted text: a trailing
`VALUES` block whose terms rdflib serialises with every quote and backslash escaped."""
from __future__ import annotations

import re

from rdflib import Literal, URIRef

VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def term(value: str):
    """An IRI for http(s) values, else a Chinese-tagged literal (how labels are stored)."""
    if value.startswith(("http://", "https://")):
        if IRI_UNSAFE.search(value):
            raise ValueError(f"not a valid IRI: {value!r}")
        return URIRef(value)
    return Literal(value, lang="zh")


def with_values(query: str, bindings: dict[str, str]) -> str:
    """`query` with its variables bound to `bindings` (name → value)."""
    if not bindings:
        return query
    for name in bindings:
        if not VARIABLE.match(name):
            raise ValueError(f"not a SPARQL variable name: {name!r}")
    names = " ".join(f"?{n}" for n in bindings)
    values = " ".join(term(v).n3() for v in bindings.values())
    return f"{query.rstrip()}\nVALUES ({names}) {{ ({values}) }}\n"
