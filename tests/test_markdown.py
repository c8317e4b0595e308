"""The reader's faster Markdown (warta_reader.fastpath) writes what Python-Markdown does."""

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from conftest import ROOT
from warta_reader.fastpath import BlockParser, InlineProcessor, convert, speed_up

set_hypothesis_home_dir(ROOT / ".pytest_cache" / "hypothesis")
EXTENSIONS = ["markdown.extensions.extra", "markdown.extensions.sane_lists"]
# Pieces of Markdown that start, end or break inline patterns and blocks.
TOKENS = (
    "kata", "Bupati", " ", "  ", "\n", "  \n", "\n\n", "*", "**", "_", "__", "`", "``",
    "\\", "\\*", "[", "]", "(", ")", "![", "[^1]", "\n\n[^1]: catatan", "[a]: http://a.id",
    "<", ">", "<b>", "</b>", "<https://bangka.go.id>", "<humas@bangka.go.id>", "&",
    "&amp;", "&copy;", "&#169;", "#", "- ", "1. ", "> ", "|", "---", "{: #x}", "*[HTML]: x",
    "Rp1.000", "snake_case_kata", "2*3*4",
    "    ", "\n    ", "\t", "\n: ", ": ", "* ", "+ ", "12. ", "\n===", "\n---", "***", "___",
    "## ", "\n> ", "\n- ", "\n1. ", "| a | b |\n|---|---|\n", "```\n", "~~~\n",
    '<div markdown="1">\n\n', "\n\n</div>", "<p>\n", "</p>",
)  # fmt: skip
CASES = (
    "Bupati **Riza Herdavid** meresmikan *jalan* baru.",
    "__init__ dan _miring_ dan *a* _b_ **c** __d__",
    "Kode `x = [1]` dan \\*bukan miring\\*.",
    '[Tautan](https://babelprov.go.id "judul") dan ![foto](a.jpg) dan [ref][1]\n\n[1]: /a/',
    "<https://bangka.go.id> dan <humas@bangka.go.id> dan <b>tebal</b> &amp; &copy;",
    "Baris satu  \nbaris dua",
    "Catatan[^1].\n\n[^1]: Sumber: Diskominfo.",
    "*[PAD]: Pendapatan Asli Daerah\n\nPAD naik.",
    "| a | b |\n|---|---|\n| *1* | [2](/x) |",
    "**tebal [tautan](/x) di dalam** lalu `kode` *miring*",
    "## Anggaran\n\nJudul\n=====\n\nSub\n---\n\n***\n\n> kutipan\n> *dua*",
    "1. satu\n2. dua\n    - anak\n\n- a\n+ b\n\n3) bukan daftar",
    "Paragraf.\n\n  1. satu\n  2. dua\n\n   * tiga",
    "- butir\n\n    lanjutan butir\n\nIstilah\n: arti\n\n    lanjutan arti",
    "Istilah\n: arti pertama\n\n    kode()\n\n```\nfenced\n```",
    '<div markdown="1">\n\n**tebal** di dalam HTML\n\n</div>\n\nSesudahnya.',
    "Hak cipta &#169 2024 dan &copy 2025",  # the HTML step completes a character reference
    "## Anggaran {: #anggaran}\n\nParagraf\n{: .catatan}",
    "~~~\nkode\n~~~\n\nSesudahnya.",
)


def stock():
    return markdown.Markdown(extensions=EXTENSIONS, output_format="html5")


def render(md, text):
    return md.reset().convert(text)


@pytest.fixture(scope="module")
def pair():
    return stock(), speed_up(stock())


def test_speed_up_installs_the_parser_and_processor(pair):
    _, fast = pair
    assert type(fast.parser) is BlockParser
    assert type(fast.treeprocessors["inline"]) is InlineProcessor
    names = [type(p).__name__ for p in fast.treeprocessors]
    assert names == [type(p).__name__ for p in stock().treeprocessors]


@pytest.mark.parametrize("text", CASES)
def test_same_html_as_python_markdown(pair, text):
    slow, fast = pair
    assert render(fast, text) == render(slow, text)
    assert render(fast, text) != f"<p>{text}</p>"  # every case uses an inline pattern


@settings(max_examples=800, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(st.lists(st.sampled_from(TOKENS), max_size=60).map("".join))
def test_same_html_for_any_mix_of_markup(pair, text):
    slow, fast = pair
    assert render(fast, text) == render(slow, text)


def test_unknown_patterns_are_always_tried(pair):
    _, fast = pair
    md = speed_up(stock())
    md.inlinePatterns.register(
        markdown.inlinepatterns.SimpleTagInlineProcessor(r"()~~(.+?)~~", "del"), "del", 65
    )
    assert render(md, "a ~~b~~ c") == "<p>a <del>b</del> c</p>"
    processor = md.treeprocessors["inline"]
    patterns = [pattern for pattern, _ in processor._steps]
    assert patterns == list(md.inlinePatterns)  # in order of priority
    assert processor._steps[patterns.index(md.inlinePatterns["del"])][1] is None
    assert render(fast, "a ~~b~~ c") == "<p>a ~~b~~ c</p>"


# Summaries: plain one-line prose skips Python-Markdown.
SUMMARY_PIECES = (*"abcXYZéÀß019 .,;:?!'\"()-+=/%@$^\xa0“–\t\n", "  ", "\n\n", "*", "_", "# ", "- ")


@settings(max_examples=600, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(st.lists(st.sampled_from(SUMMARY_PIECES), min_size=1, max_size=30).map("".join))
def test_a_summary_converts_as_python_markdown_would(pair, text):
    slow, fast = pair
    assert convert(fast, text) == render(slow, text)


@pytest.mark.parametrize(
    "text",
    [
        "Bupati meresmikan jembatan: 1.200 warga hadir.",
        "Jalan 12 km (Rp3 miliar) dibuka 'hari ini'",
    ],
)
def test_a_plain_summary_skips_python_markdown(pair, text, monkeypatch):
    _, fast = pair
    monkeypatch.setattr(fast, "convert", None)  # not called
    assert convert(fast, text) == f"<p>{text}</p>"
