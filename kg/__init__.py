"""kg: knowledge graphs from Chinese news articles and newspaper pages.

import kg
summary = kg.build(["seeds/"], "out/")       # out/graph.ttl, out/graph.html, out/store
articles = kg.extract("…一篇新闻…")           # mentions and relations, no store
"""

from .api import Summary, build, extract, open_store  # noqa: F401

__all__ = ["build", "extract", "open_store", "Summary"]
