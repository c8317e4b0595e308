"""The benchmark's synthetic corpus: reproducible, valid for Warta, same for vanilla Pelican."""

import pytest
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from bench.corpus import generate
from bench.measure import Run
from bench.scenarios import Bench, empty_trash, save_to_preview
from conftest import site_settings
from warta_check import check_site, content_files
from warta_reader.reader import load_matter

ARTICLES = 30


def snapshot(folder):
    """{relative path: bytes} of every file under ``folder``."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("corpus"), ARTICLES)


@pytest.fixture(scope="module")
def problems(corpus, tmp_path_factory):
    settings = site_settings(corpus.warta, tmp_path_factory.mktemp("output"))
    return settings, check_site(settings)


def test_same_seed_gives_the_same_bytes(corpus, tmp_path):
    again = generate(tmp_path, ARTICLES)
    assert snapshot(again.root) == snapshot(corpus.root)


def test_another_seed_gives_another_corpus(corpus, tmp_path):
    other = generate(tmp_path, ARTICLES, seed=8)
    assert snapshot(other.warta) != snapshot(corpus.warta)


def test_corpus_has_every_kind_of_story(corpus):
    stats = corpus.stats
    assert stats["articles"] == ARTICLES
    assert stats["two_regions"] > 0
    assert stats["region_from_dateline"] > 0
    assert stats["tags_outside_registry"] > 0
    assert 450 <= stats["words"] / ARTICLES <= 750


def test_every_article_passes_the_content_check(corpus, problems):
    settings, found = problems
    checked = content_files(settings)
    assert len(checked) == ARTICLES + 3  # the articles and three pages
    assert [str(p) for p in found if p.is_error] == []


def test_only_warnings_are_the_unregistered_tags(problems):
    _, found = problems
    unexpected = [str(p) for p in found if "not in the topic registry" not in p.message]
    assert unexpected == []


def test_key_value_copy_has_the_same_titles(corpus):
    reader = MarkdownReader(read_settings(None, override={"PATH": str(corpus.vanilla)}))
    for spec in corpus.articles:
        _, metadata = reader.read(str(corpus.vanilla / spec.path))
        yaml_title = load_matter(corpus.warta / spec.path).fields["title"]
        assert metadata["title"] == yaml_title == spec.title


def test_save_to_preview_edits_one_article_and_times_the_refresh(tmp_path):
    bench = Bench(generate(tmp_path / "corpus", ARTICLES), tmp_path)
    saved = []
    run = save_to_preview(bench, saved.append)
    assert len(saved) == 1
    assert "Pembaruan 1:" in saved[0].read_text(encoding="utf-8")
    assert run.seconds >= 0


def test_save_to_preview_keeps_the_time_of_a_measured_build(tmp_path):
    bench = Bench(generate(tmp_path / "corpus", ARTICLES), tmp_path)
    run = save_to_preview(bench, lambda path: Run(12.5))
    assert run.seconds == 12.5  # the build process's own time, not the bookkeeping around it


def test_clean_sets_the_outputs_aside_until_the_trash_is_emptied(tmp_path):
    bench = Bench(None, tmp_path)
    for round_ in (1, 2):
        for folder in (bench.output("warta"), bench.cache("warta")):
            folder.mkdir()
            (folder / "index.html").write_text(f"round {round_}", encoding="utf-8")
        bench.clean("warta")
        assert not bench.output("warta").exists()
        assert not bench.cache("warta").exists()
    kept = sorted(path.read_text(encoding="utf-8") for path in (tmp_path / "trash").rglob("*.html"))
    assert kept == ["round 1", "round 1", "round 2", "round 2"]
    empty_trash(tmp_path)
    assert not (tmp_path / "trash").exists()
