"""The README's rdflib/oxrdflib snippet runs as written on a build (only the path changed)."""

import contextlib
import io
import re

from conftest import ROOT


def snippet(after: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.search(r"```python\n(.*?)```", text[text.index(after) :], re.DOTALL)[1]


def test_the_rdflib_snippet_runs_as_written(sample_build):
    out, _ = sample_build
    code = snippet("**From rdflib.**").replace('"out/store"', repr(str(out / "store")))
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "README.md", "exec"), {})
    names = printed.getvalue().split()
    assert len(names) >= 5 and all(re.search(r"[\u4e00-\u9fff]", n) for n in names)
