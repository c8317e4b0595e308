"""Build the full demo content: no warning, no error, every link resolves."""

import logging

import pytest

from conftest import ROOT, broken_links, build_site, soup


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    output = tmp_path_factory.mktemp("demo") / "output"
    handler = _Collector()
    logging.getLogger().addHandler(handler)
    try:
        build_site(ROOT / "content", output)
    finally:
        logging.getLogger().removeHandler(handler)
    return output, handler.records


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)


def test_demo_builds_without_warnings_or_errors(demo):
    _, records = demo
    assert [r.getMessage() for r in records] == []


def test_demo_has_the_promised_spread(demo):
    output, _ = demo
    articles = list((output / "berita").glob("*/*/*/index.html"))
    assert len(articles) >= 24
    directory = soup(output / "wilayah/index.html")
    provinces = directory.select(".warta-region-directory__name a")
    assert len(provinces) >= 3
    regencies = {a["href"] for a in directory.select(".warta-region-directory__children a")}
    assert len(regencies) >= 8
    assert len(list((output / "penulis").glob("*/index.html"))) >= 3
    assert len(list((output / "topik").glob("*/index.html"))) >= 15
    years = {p.parts[-4] for p in articles}
    assert len(years) >= 4
    for page in ("tentang", "kontak", "kebijakan-privasi"):
        assert (output / page / "index.html").is_file()


def test_demo_home_paginates_without_collisions(demo):
    output, _ = demo
    assert (output / "page/2/index.html").is_file()
    assert not list(output.glob("index2.html"))


def test_every_internal_link_in_the_demo_resolves(demo):
    output, _ = demo
    assert broken_links(output) == []
