"""Property-based tests: any Unicode input runs through the page splitter and the
extractors without an exception, and every offset slices exactly the text it claims."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.ingest.page import SURROGATE, split_document
from kg.model import Document
from kg.pipeline import Pipeline

NEWSY = st.sampled_from(
    list("平城区街道社区党工委书记主任本报记者讯（）“”‘’，。！？、\n \t——访APP工作法公司小学")
)
TEXT = st.lists(st.one_of(NEWSY, st.characters()), max_size=300).map("".join)
SETTINGS = settings(
    max_examples=int(__import__("os").environ.get("KG_HYPOTHESIS_EXAMPLES", 60)),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
NLP = Pipeline()


@SETTINGS
@given(TEXT)
def test_page_splitter_takes_any_text(text):
    articles = split_document(Document(source="x.txt", text=text), "x")
    for a in articles:
        assert 0 <= a.body_start <= len(a.text)
        assert len({x.id for x in articles}) == len(articles)


@SETTINGS
@given(TEXT)
def test_offsets_slice_exactly_their_text(text):
    articles = split_document(Document(source="x.txt", text=text), "x")
    NLP(articles)
    for a in articles:
        for m in a.mentions:
            assert a.text[m.start : m.end] == m.text
        for r in a.relations:
            assert 0 <= r.start < r.end <= len(a.text)
            assert a.mentions[r.subject].label and a.mentions[r.object].label
        for s in a.sentences:
            assert a.text[s.start : s.end] == s.text


@SETTINGS
@given(TEXT)
def test_a_jsonl_article_is_never_changed(text):
    [a] = split_document(Document(source="x.jsonl:1", text=text, kind="article", id="a"), "x")
    NLP(a)
    text = SURROGATE.sub("\ufffd", text)  # a lone surrogate (a JSON escape) cannot be stored
    assert a.text == text
    assert all(text[m.start : m.end] == m.text for m in a.mentions)
