"""Region pages: /wilayah/, one page per province and per regency/city.

Signals: ``get_generators`` adds :class:`RegionGenerator`. Its
``generate_context`` (run after the articles are read) turns each article's
registry entries into Region pages and files the articles under them; its
``generate_output`` writes the directory, the paginated region pages and an
Atom feed per region.
"""

from functools import partial

from pelican import signals
from pelican.generators import Generator

from .index import Region, RegionIndex
from .registry import load_registry

__all__ = ["Region", "RegionGenerator", "register"]


class RegionGenerator(Generator):
    """Writes the region directory, region pages and region feeds."""

    writes_through_writer = True  # warta_build may share its pages between processes

    def generate_context(self):
        self.index = RegionIndex(load_registry(), self.settings)
        for article in self._all_articles():
            self.index.wrap(article)
        self.index.add(self.context.get("articles", []))
        self.context["regions_index"] = self.index

    def _all_articles(self):
        for key in ("articles", "drafts", "hidden_articles"):
            yield from self.context.get(key, [])

    def planned_outputs(self):
        """(path, source) of every file generate_output will write."""
        from warta_output.plan import Source, paginated

        yield self.settings["REGIONS_SAVE_AS"], Source("the region directory", "")
        for region in self.index.with_news():
            source = Source("region", region)
            yield from paginated(
                region.save_as, region.url, region.articles, self.settings, "region", source
            )
            yield region.feed_url, Source("atom feed of region", region)

    def generate_output(self, writer):
        write = partial(writer.write_file, relative_urls=self.settings["RELATIVE_URLS"])
        write(
            self.settings["REGIONS_SAVE_AS"],
            self.get_template("regions"),
            self.context,
            url=self.settings["REGIONS_URL"],
            template_name="regions",
            page_name="wilayah",
        )
        template = self.get_template("region")
        for region in self.index.with_news():
            self._write_region(write, writer, template, region)

    def _write_region(self, write, writer, template, region):
        write(
            region.save_as,
            template,
            self.context,
            region=region,
            articles=region.articles,
            dates=region.articles,
            url=region.url,
            template_name="region",
            page_name=region.page_name,
        )
        writer.write_feed(
            region.articles,
            self.context,
            region.feed_url,
            feed_title=f"{self.settings['SITENAME']} – {region.name}",
        )


def get_generators(pelican):
    del pelican  # one generator, whatever the site
    return RegionGenerator


def register():
    signals.get_generators.connect(get_generators)
