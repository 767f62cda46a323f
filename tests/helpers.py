"""Run the pipeline over a text written for a test."""

from kg.model import Article
from kg.pipeline import Pipeline


def analyse(text: str, **fields) -> Article:
    article = Article(id="t", text=text, **fields)
    Pipeline()(article)
    return article


def labels(article: Article, cls: str | None = None) -> set[str]:
    return {
        m.label for m in article.mentions if m.label and m.type != "Title" and (cls is None or m.type == cls)
    }


def facts(article: Article) -> set[tuple[str, str, str]]:
    return {
        (article.mentions[r.subject].label, r.predicate, article.mentions[r.object].label)
        for r in article.relations
    }
