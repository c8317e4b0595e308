"""Related articles: stories that share a region or a topic, newest first.

Signal: ``all_generators_finalized`` (after the region plugin has turned each
article's regions into Region pages). Each article gets ``article.related``,
a sequence of WARTA_RELATED_COUNT articles computed when a page first uses it
(the live preview re-indexes often and renders few pages).

Scoring: a shared regency/city counts 3, a shared topic 2, a shared province
1. Ties go to the newer story (then to the file name, as the build reads
files in sorted order). Only the newest few stories of each region and topic are
candidates, so the work grows with the number of articles, not with
articles × stories per topic.
"""

from collections import Counter, defaultdict

from pelican import signals
from pelican.generators import ArticlesGenerator

from warta_settings import get_setting

WEIGHTS = {"region": 3, "topic": 2, "province": 1}
CANDIDATES_PER_KEY = 5


def article_keys(article):
    """(kind, key) pairs that link an article to others, each once."""
    keys = [("topic", tag.slug) for tag in getattr(article, "tags", [])]
    regions = getattr(article, "regions", [])
    keys += [("region", r.code) for r in regions if not r.is_province]
    keys += [("province", p.code) for p in getattr(article, "provinces", [])]
    return list(dict.fromkeys(keys))


def build_index(articles):
    """Each key's articles as places in ``articles`` (newest first), in that order."""
    index = defaultdict(list)
    for place, article in enumerate(articles):
        for key in article_keys(article):
            index[key].append(place)
    return index


def related_to(article, index, count, rank):
    """The ``count`` best related articles for ``article``.

    ``rank`` maps each article to its place in the newest-first list (the
    list ``index`` was built from), which breaks ties between equal scores
    the same way every time.
    """
    articles, places = rank
    me = places.get(article)
    limit = count * CANDIDATES_PER_KEY
    scores = Counter()
    for key in article_keys(article):
        taken = index.get(key, [])[: limit + 1]
        if me in taken:  # there once at most: keys are unique per article
            taken.remove(me)
        for _ in range(WEIGHTS[key[0]]):  # counted in C, weight times over
            scores.update(taken[:limit])
    total = len(articles)
    best = sorted(scores, key=lambda place: place - scores[place] * total)[:count]
    return [articles[place] for place in best]


class Related:
    """An article's related stories, worked out the first time a page asks."""

    def __init__(self, article, index, count, rank):
        self._args = (article, index, count, rank)
        self._items = None

    def _list(self):
        if self._items is None:
            self._items = related_to(*self._args)
            self._args = None
        return self._items

    def __iter__(self):
        return iter(self._list())

    def __len__(self):
        return len(self._list())

    def __getitem__(self, position):
        return self._list()[position]


def add_related(generators):
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            count = get_setting(generator.settings, "WARTA_RELATED_COUNT")
            articles = generator.articles
            index = build_index(articles)
            rank = (articles, {article: n for n, article in enumerate(articles)})
            for article in [*generator.articles, *generator.drafts]:
                article.related = Related(article, index, count, rank)


def register():
    signals.all_generators_finalized.connect(add_related)
