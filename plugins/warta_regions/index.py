"""Region pages as URLWrappers, and the index of which articles each holds."""

from pelican.urlwrappers import URLWrapper

from .registry import Region as RegistryRegion


class Region(URLWrapper):
    """A province or regency/city page: ``/wilayah/<province>/[<regency>/]``."""

    def __init__(self, entry, province, settings):
        super().__init__(entry.name, settings)
        self.entry = entry
        self.code = entry.code
        self.slug = entry.slug
        self.province = province or self
        self.path = entry.slug if province is None else f"{province.slug}/{entry.slug}"
        self.children = []
        self.articles = []

    @property
    def is_province(self):
        return self.entry.is_province

    @property
    def short_name(self):
        return self.entry.short_name

    @property
    def timezone(self):
        return self.entry.timezone

    @property
    def feed_url(self):
        return self.settings["REGION_FEED_ATOM"].format(path=self.path)

    @property
    def count(self):
        return len(self.articles)

    def as_dict(self):
        return {"name": self.name, "slug": self.slug, "path": self.path, "code": self.code}

    def __hash__(self):
        return hash(self.code)

    def __eq__(self, other):
        return isinstance(other, Region) and other.code == self.code

    def __lt__(self, other):
        return self.code < other.code

    def __repr__(self):
        return f"<Region {self.code} {self.name!r}>"


class RegionIndex:
    """All regions of the registry, and the articles filed under each.

    A province holds its own articles and those of its regencies/cities. The
    work is one pass over the articles: each adds itself to its regions and
    their provinces, so the cost grows with the articles, not with
    articles × regions.
    """

    def __init__(self, registry, settings):
        self.registry = registry
        self._by_code = {}
        self.provinces = []
        for entry in registry.provinces:
            province = Region(entry, None, settings)
            self._by_code[entry.code] = province
            self.provinces.append(province)
            for child in registry.children(entry):
                region = Region(child, province, settings)
                self._by_code[child.code] = region
                province.children.append(region)

    def get(self, entry_or_code):
        """The Region page for a registry entry, a Region or a code."""
        code = entry_or_code if isinstance(entry_or_code, str) else entry_or_code.code
        return self._by_code[code]

    def wrap(self, article):
        """Replace the article's registry entries by Region pages."""
        entries = getattr(article, "regions", None) or []
        article.regions = [self.get(e) for e in entries if isinstance(e, (RegistryRegion, Region))]
        article.provinces = list(dict.fromkeys(r.province for r in article.regions))
        return article

    def add(self, articles):
        """File ``articles`` (newest first) under their regions and provinces."""
        for article in articles:
            targets = dict.fromkeys(article.regions)
            targets.update(dict.fromkeys(article.provinces))
            for region in targets:
                region.articles.append(article)

    def with_news(self):
        """Every region that has at least one article, provinces first."""
        for province in self.provinces:
            if province.articles:
                yield province
                yield from (c for c in province.children if c.articles)
