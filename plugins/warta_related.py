"""Related articles: stories that share a region or a topic, newest first.

Signal: ``all_generators_finalized`` (after the region plugin has turned each
article's regions into Region pages). Each article gets ``article.related``,
a list of WARTA_RELATED_COUNT articles.

Scoring: a shared regency/city counts 3, a shared topic 2, a shared province
1. Ties go to the newer story, then to the URL, so the result never depends on
file order. Only the newest few stories of each region and topic are
candidates, so the work grows with the number of articles, not with
articles × stories per topic.
"""

from collections import defaultdict

from pelican import signals
from pelican.generators import ArticlesGenerator

from warta_settings import get_setting

WEIGHTS = {"region": 3, "topic": 2, "province": 1}
CANDIDATES_PER_KEY = 5


def article_keys(article):
    """(kind, key) pairs that link an article to others."""
    keys = [("topic", tag.slug) for tag in getattr(article, "tags", [])]
    regions = getattr(article, "regions", [])
    keys += [("region", r.code) for r in regions if not r.is_province]
    keys += [("province", p.code) for p in getattr(article, "provinces", [])]
    return keys


def build_index(articles):
    """Each key's articles, newest first (``articles`` is newest first)."""
    index = defaultdict(list)
    for article in articles:
        for key in article_keys(article):
            index[key].append(article)
    return index


def related_to(article, index, count):
    """The ``count`` best related articles for ``article``."""
    scores = defaultdict(int)
    limit = count * CANDIDATES_PER_KEY
    for key in article_keys(article):
        taken = 0
        for other in index.get(key, ()):
            if other is article:
                continue
            scores[other] += WEIGHTS[key[0]]
            taken += 1
            if taken == limit:
                break
    ranked = sorted(scores, key=lambda o: (-scores[o], -o.date.timestamp(), o.url))
    return ranked[:count]


def add_related(generators):
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            count = get_setting(generator.settings, "WARTA_RELATED_COUNT")
            index = build_index(generator.articles)
            for article in [*generator.articles, *generator.drafts]:
                article.related = related_to(article, index, count)


def register():
    signals.all_generators_finalized.connect(add_related)
