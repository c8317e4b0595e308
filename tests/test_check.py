"""The content check: every mistake reported as path:line, nothing written."""

import pytest

from conftest import build_site, copy_site, site_settings
from warta_check import ContentCheckFailed, check_site, report

GOOD = """---
title: Judul Berita
date: 2020-01-21T10:00:00+07:00
author: Ani
dateline: Toboali
region: Kabupaten Bangka Selatan
tags: [pemerintahan]
---

Isi berita.
"""


@pytest.fixture
def content(tmp_path):
    return copy_site("basic", tmp_path)


def check(content, tmp_path, text, name="salah.md", encoding="utf-8"):
    path = content / "berita" / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    problems = check_site(site_settings(content, tmp_path / "out"))
    return [p for p in problems if p.path.endswith(name)]


def messages(problems):
    return [(p.line, p.severity, p.message) for p in problems]


def one(problems, needle):
    found = [p for p in problems if needle in p.message]
    assert found, f"no problem mentions {needle!r}: {messages(problems)}"
    return found[0]


def test_good_article_has_no_problem(content, tmp_path):
    assert check(content, tmp_path, GOOD) == []


@pytest.mark.parametrize(
    ("old", "new", "line", "needle"),
    [
        ("date: 2020-01-21T10:00:00+07:00", "date: 21/01/2020", 3, "'2020-01-21'"),
        ("date: 2020-01-21T10:00:00+07:00", "date: 2020-02-30", 3, "does not exist"),
        ("date: 2020-01-21T10:00:00+07:00", "date: kemarin", 3, "YYYY-MM-DD"),
        ("title: Judul Berita\n", "", 1, "'title' is missing"),
        ("author: Ani\n", "", 1, "'author' is missing"),
        ("region: Kabupaten Bangka Selatan", "region: Bangka Selatn", 6, "did you mean"),
        ("region: Kabupaten Bangka Selatan", "region: Bandung", 6, "Kota Bandung"),
        ("title: Judul Berita", "title: [Satu, Dua]", 2, "not a list"),
        ("tags: [pemerintahan]", "tags: {a: 1}", 7, "'tags' must be a list"),
        ("tags: [pemerintahan]", "status: publised", 7, "did you mean 'published'?"),
        ("author: Ani", "author: Ani\nauthor: Budi", 5, "given twice"),
        (
            "tags: [pemerintahan]",
            "image:\n  src: images/tidak-ada.jpg\n  alt: x",
            7,
            "does not exist",
        ),
        ("tags: [pemerintahan]", "image:\n  src: images/rakor.jpg", 7, "no 'alt'"),
        ("tags: [pemerintahan]", "modified: 2019-01-01", 7, "before 'date'"),
        ("Isi berita.", "Foto: ![](images/rakor.jpg)", 10, "no alt text"),
    ],
)
def test_error_is_reported_with_its_line(content, tmp_path, old, new, line, needle):
    problems = check(content, tmp_path, GOOD.replace(old, new))
    problem = one(problems, needle)
    assert problem.is_error
    assert problem.line == line
    assert str(problem).startswith(f"{problem.path}:{line}: ")


def test_region_missing_and_dateline_unknown(content, tmp_path):
    text = GOOD.replace("region: Kabupaten Bangka Selatan\n", "").replace("Toboali", "Entah")
    problem = one(check(content, tmp_path, text), "'region' is missing")
    assert "'Entah'" in problem.message


def test_every_problem_is_reported_at_once(content, tmp_path):
    text = GOOD.replace("2020-01-21T10:00:00+07:00", "21/01/2020").replace(
        "Kabupaten Bangka Selatan", "Bangka Selatn"
    )
    problems = check(content, tmp_path, text)
    assert {p.line for p in problems if p.is_error} == {3, 6}


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        ("Hanya teks tanpa kepala.\n", 1, "no front matter"),
        ("---\ntitle: x\n\nIsi tanpa penutup.\n", 1, "never closed"),
        ('---\ntitle: "tanpa tutup\ndate: 2020-01-01\n---\n', 2, "not valid YAML"),
        (b"---\ntitle: caf\xe9\n---\n", 2, "not UTF-8"),
    ],
)
def test_unreadable_files(content, tmp_path, text, line, needle):
    problem = one(check(content, tmp_path, text), needle)
    assert problem.line == line


def test_warnings_do_not_fail_but_strict_does(content, tmp_path, capsys):
    text = GOOD.replace("Isi berita.", "Isi berita Â rusak.").replace(
        "[pemerintahan]", "[pemerintahan, topik baru]"
    )
    problems = check(content, tmp_path, text)
    assert {p.severity for p in problems} == {"warning"}
    one(problems, "broken encoding")
    one(problems, "not in the topic registry")
    assert report(problems) == 0
    assert report(problems, strict=True) == 2


def test_bom_and_windows_line_endings_are_accepted(content, tmp_path):
    text = "\ufeff" + GOOD.replace("\n", "\r\n")
    assert check(content, tmp_path, text) == []


def test_two_articles_on_one_url_are_named(content, tmp_path):
    (content / "berita" / "satu.md").write_text(GOOD)
    (content / "berita" / "dua.md").write_text(GOOD.replace("---\n\n", "slug: satu\n---\n\n"))
    problems = check_site(site_settings(content, tmp_path / "out"))
    problem = one(problems, "would both be published")
    named = {problem.path.rsplit("/", 1)[-1], problem.message.split()[3].rsplit("/", 1)[-1]}
    assert named == {"satu.md", "dua.md"}


def test_build_stops_before_writing_anything(content, tmp_path, capsys):
    (content / "berita" / "salah.md").write_text(GOOD.replace("2020-01-21T10:00:00+07:00", "x"))
    output = tmp_path / "output"
    output.mkdir()
    (output / "keep.txt").write_text("previous build")
    with pytest.raises(ContentCheckFailed) as failure:
        build_site(content, output)
    assert failure.value.code == 1
    assert [p.path.endswith("salah.md") for p in failure.value.problems] == [True]
    assert sorted(p.name for p in output.iterdir()) == ["keep.txt"]
    assert "salah.md:3: error:" in capsys.readouterr().err


@pytest.mark.parametrize("processes", [1, 2])
def test_build_checks_while_reading_and_still_writes_nothing(
    content, tmp_path, capsys, caplog, processes
):
    long_title = GOOD.replace("Judul Berita", "Judul " * 30)
    (content / "berita" / "panjang.md").write_text(long_title)  # a warning only
    (content / "berita" / "salah.md").write_text(GOOD.replace("tags: [", "tags: [[x], "))
    (content / "berita" / "satu.md").write_text(GOOD)
    (content / "berita" / "dua.md").write_text(GOOD.replace("---\n\n", "slug: satu\n---\n\n"))
    (content / "pages" / "kosong.md").write_text("---\ntitle: [\n---\n")
    output = tmp_path / "output"
    output.mkdir()
    with pytest.raises(ContentCheckFailed) as failure:
        build_site(content, output, WARTA_BUILD_PROCESSES=processes, WARTA_PARALLEL_MIN_FILES=1)
    failed = sorted(p.path.rsplit("/", 1)[-1] for p in failure.value.problems)
    assert failed == ["kosong.md", "salah.md", "satu.md"]  # satu.md comes after dua.md
    assert list(output.iterdir()) == []
    err = capsys.readouterr().err
    assert "panjang.md:2: warning: the title has" in err  # the check's own warnings
    assert "Could not process" not in caplog.text  # files with errors are not read
    assert err.count("salah.md") == 1
