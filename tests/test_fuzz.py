"""Whatever a journalist saves, the reader and the check explain it; they never crash.

Property-based (hypothesis): random bytes, random YAML values under the real
field names, and YAML-looking noise go through the reader and the check. The
only exception allowed out of the reader is ContentError (the file's problems,
each with a line); the check returns problems and raises nothing.
"""

import string

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from conftest import ROOT, copy_site, site_settings
from warta_check import check_site
from warta_reader.fields import ARTICLE_FIELDS, IMAGE_KEYS
from warta_reader.problems import ContentError
from warta_reader.reader import WartaReader

# Hypothesis keeps a cache; put it with pytest's, which git ignores.
set_hypothesis_home_dir(ROOT / ".pytest_cache" / "hypothesis")
EXAMPLES = settings(
    max_examples=250,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
GOOD = (
    b"---\ntitle: Judul\ndate: 2020-01-21T10:00+07:00\nauthor: Ani\n"
    b"region: Bangka Selatan\ntags: [pemerintahan]\n---\n\nIsi.\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fuzz")
    content = copy_site("basic", tmp)
    config = site_settings(content, tmp / "out")
    return content / "berita" / "acak.md", config, WartaReader(config)


def read_and_check(site, raw):
    """Run ``raw`` through the reader and the check; return the check's problems."""
    path, config, reader = site
    path.write_bytes(raw)
    try:
        reader.read(str(path))
    except ContentError as error:
        assert error.problems, "a ContentError must carry its problems"
        assert all(p.line >= 1 for p in error.problems)
    problems = check_site(config, [path])
    for problem in problems:
        assert problem.line >= 1
        assert str(problem).startswith(f"{problem.path}:{problem.line}: ")
    return problems


tricky = st.sampled_from(
    [
        "2020-01-21",
        "2020-02-30",
        "21/01/2020",
        "2020-01-21T10:00+07:00",
        "0001-01-01T00:00+14:00",
        "9999-12-31T23:59-12:00",
        "2020-01-21T25:61",
        "Bangka Selatan",
        "Gorontalo",
        "19.03",
        "draft",
        "published",
        "images/rakor.jpg",
        "images/" + "a" * 300 + ".jpg",
        "../../etc/passwd",
        "a\x00b",
        "Â€",
        "",
        " ",
    ]
)
scalars = st.one_of(
    tricky,
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from([*IMAGE_KEYS, "date", "note", "x"]), inner, max_size=4),
    ),
    max_leaves=8,
)
front_matters = st.dictionaries(
    st.one_of(st.sampled_from(ARTICLE_FIELDS), st.text(min_size=1, max_size=12)),
    values,
    max_size=len(ARTICLE_FIELDS),
)
yaml_noise = st.text(alphabet=string.ascii_letters + string.digits + ":-[]{}&*!|>'\"#%@`,?\n \t.")


@EXAMPLES
@given(st.binary(max_size=400))
def test_random_bytes(site, raw):
    read_and_check(site, raw)


@EXAMPLES
@given(st.binary(max_size=200), st.integers(min_value=0, max_value=len(GOOD)))
def test_random_bytes_inside_a_good_article(site, noise, at):
    read_and_check(site, GOOD[:at] + noise + GOOD[at:])


@EXAMPLES
@given(front_matters, st.text(max_size=200))
def test_random_yaml_values_under_real_field_names(site, fields, body):
    matter = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
    read_and_check(site, f"---\n{matter}---\n\n{body}".encode("utf-8", "surrogatepass"))


@EXAMPLES
@given(
    st.dictionaries(
        st.sampled_from(ARTICLE_FIELDS),
        st.one_of(
            tricky,
            values,
            st.fixed_dictionaries({"src": tricky, "alt": scalars}),
            st.lists(st.fixed_dictionaries({"date": tricky, "note": scalars}), max_size=3),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_random_values_in_a_good_article(site, changes):
    fields = {
        "title": "Judul",
        "date": "2020-01-21T10:00+07:00",
        "author": "Ani",
        "region": "Bangka Selatan",
        "tags": ["pemerintahan"],
        **changes,
    }
    matter = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
    read_and_check(site, f"---\n{matter}---\n\nIsi.\n".encode())


@EXAMPLES
@given(yaml_noise, st.booleans())
def test_yaml_looking_noise(site, text, fenced):
    raw = f"---\n{text}\n---\n\nIsi.\n" if fenced else text
    read_and_check(site, raw.encode())


@EXAMPLES
@given(st.lists(st.sampled_from(ARTICLE_FIELDS), max_size=8), yaml_noise)
def test_old_key_value_headers(site, keys, noise):
    header = "".join(f"{key.title()}: {noise[: 20 + i]}\n" for i, key in enumerate(keys))
    read_and_check(site, f"{header}{noise}\n\nIsi.\n".encode())


def test_a_good_article_has_no_problem(site):
    assert read_and_check(site, GOOD) == []
