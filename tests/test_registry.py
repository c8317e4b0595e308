"""Tests for the region registry data and its resolver."""

import csv
import re
from collections import Counter

import pytest

from warta_regions.registry import (
    DEFAULT_PATH,
    TIMEZONES,
    AmbiguousRegionError,
    Region,
    RegionError,
    RegionRegistry,
    UnknownRegionError,
    load_registry,
    normalise,
    read_regions,
)


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def make_region(code, name, capital, kind="kabupaten", province_code="99"):
    short_name = name.split(" ", 1)[1] if kind != "provinsi" else name
    return Region(
        code=code,
        kind=kind,
        name=name,
        short_name=short_name,
        province_code=province_code if kind != "provinsi" else "",
        capital=capital,
        timezone="WIB",
    )


@pytest.fixture
def tiny():
    return RegionRegistry(
        [
            make_region("99", "Contoh", "Alpha", kind="provinsi"),
            make_region("99.01", "Kabupaten Satu", "Alpha"),
            make_region("99.02", "Kabupaten Dua", "Beta"),
            make_region("99.03", "Kabupaten Tiga", "Beta"),
            make_region("99.71", "Kota Satu", "Satu", kind="kota"),
        ]
    )


# --- the data ---------------------------------------------------------------


def test_counts(registry):
    others = [region for region in registry if not region.is_province]
    assert len(registry.provinces) == 38
    assert len(others) == 514
    assert len(registry) == 552


def test_kinds_count(registry):
    kinds = Counter(region.kind for region in registry)
    assert kinds == {"provinsi": 38, "kabupaten": 416, "kota": 98}


def test_csv_codes_unique_and_sorted():
    with open(DEFAULT_PATH, encoding="utf-8", newline="") as handle:
        codes = [row["code"] for row in csv.DictReader(handle)]
    assert len(codes) == len(set(codes))
    assert codes == sorted(codes)


def test_code_format(registry):
    for region in registry:
        if region.is_province:
            assert re.fullmatch(r"\d{2}", region.code), region
        else:
            assert re.fullmatch(r"\d{2}\.\d{2}", region.code), region
            assert region.code.startswith(region.province_code + "."), region


def test_every_region_has_an_existing_province(registry):
    province_codes = {province.code for province in registry.provinces}
    for region in registry:
        assert region.province_code in province_codes, region


def test_slugs_unique_within_province(registry):
    for province in registry.provinces:
        slugs = [region.slug for region in registry.children(province)]
        assert len(slugs) == len(set(slugs)), province.name
    province_slugs = [province.slug for province in registry.provinces]
    assert len(province_slugs) == len(set(province_slugs))


def test_slugs_are_url_safe(registry):
    for region in registry:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", region.slug), region


def test_every_capital_non_empty(registry):
    for region in registry:
        assert region.capital.strip(), region


def test_timezones_valid(registry):
    for region in registry:
        assert region.timezone in TIMEZONES, region
        assert region.timezone == registry.province_of(region).timezone, region


@pytest.mark.parametrize(
    ("code", "timezone"),
    [
        ("11", "WIB"),
        ("61", "WIB"),  # Kalimantan Barat
        ("62", "WIB"),  # Kalimantan Tengah
        ("63", "WITA"),  # Kalimantan Selatan
        ("64", "WITA"),
        ("65", "WITA"),
        ("51", "WITA"),  # Bali
        ("52", "WITA"),
        ("53", "WITA"),
        ("73", "WITA"),
        ("81", "WIT"),  # Maluku
        ("82", "WIT"),
        ("91", "WIT"),  # Papua
        ("96", "WIT"),
    ],
)
def test_province_timezone(registry, code, timezone):
    assert registry.get(code).timezone == timezone


def test_names_match_kind(registry):
    prefixes = {"kabupaten": "Kabupaten ", "kota": "Kota "}
    for region in registry:
        if region.is_province:
            continue
        assert region.name.startswith(prefixes[region.kind]), region
        assert region.name.endswith(" " + region.short_name), region
        assert not region.short_name.startswith(("Kabupaten", "Kota ")), region


@pytest.mark.parametrize(
    ("code", "field", "expected"),
    [
        ("81.03", "capital", "Saumlaki"),
        ("16.74", "capital", "Prabumulih"),
        ("94", "capital", "Nabire"),
        ("95", "capital", "Wamena"),
        ("62", "capital", "Palangka Raya"),
        ("62.71", "name", "Kota Palangka Raya"),
        ("74.72", "name", "Kota Baubau"),
        ("74.72", "capital", "Baubau"),
        ("31.71", "capital", "Jakarta Pusat"),
        ("71.09", "name", "Kabupaten Kepulauan Siau Tagulandang Biaro"),
        ("12.22", "capital", "Kota Pinang"),
        ("64.01", "capital", "Tanah Grogot"),
        ("74.05", "capital", "Andoolo"),
    ],
)
def test_corrections(registry, code, field, expected):
    assert getattr(registry.get(code), field) == expected


@pytest.mark.parametrize(
    ("code", "name", "short_name", "slug"),
    [
        (
            "19",
            "Kepulauan Bangka Belitung",
            "Kepulauan Bangka Belitung",
            "kepulauan-bangka-belitung",
        ),
        ("31", "Daerah Khusus Ibukota Jakarta", "DKI Jakarta", "dki-jakarta"),
        ("34", "Daerah Istimewa Yogyakarta", "DI Yogyakarta", "di-yogyakarta"),
        (
            "19.03",
            "Kabupaten Bangka Selatan",
            "Bangka Selatan",
            "kabupaten-bangka-selatan",
        ),
        ("19.71", "Kota Pangkal Pinang", "Pangkal Pinang", "kota-pangkal-pinang"),
        (
            "31.01",
            "Kabupaten Administrasi Kepulauan Seribu",
            "Kepulauan Seribu",
            "kabupaten-administrasi-kepulauan-seribu",
        ),
        (
            "31.71",
            "Kota Administrasi Jakarta Pusat",
            "Jakarta Pusat",
            "kota-administrasi-jakarta-pusat",
        ),
    ],
)
def test_names_and_slugs(registry, code, name, short_name, slug):
    region = registry.get(code)
    assert (region.name, region.short_name, region.slug) == (name, short_name, slug)


# --- the registry API -------------------------------------------------------


def test_region_properties(registry):
    assert registry.get("19").is_province
    assert not registry.get("19.03").is_province
    assert registry.get("19").province_code == "19"
    assert registry.get("19.03").tz_name == "Asia/Jakarta"
    assert registry.get("51").tz_name == "Asia/Makassar"
    assert registry.get("91.71").tz_name == "Asia/Jayapura"


def test_get_accepts_compact_code(registry):
    assert registry.get("1903") is registry.get("19.03")


def test_get_unknown_code(registry):
    with pytest.raises(KeyError):
        registry.get("19.99")


def test_provinces_sorted(registry):
    codes = [province.code for province in registry.provinces]
    assert codes == sorted(codes)
    assert codes[0] == "11"
    assert codes[-1] == "96"


def test_iteration_sorted(registry):
    codes = [region.code for region in registry]
    assert codes == sorted(codes)


def test_children(registry):
    expected = ["19.01", "19.02", "19.03", "19.04", "19.05", "19.06", "19.71"]
    assert [region.code for region in registry.children("19")] == expected
    babel = registry.get("19")
    assert registry.children(babel) == registry.children("Babel")
    assert registry.children(registry.get("19.03")) == []


def test_province_of(registry):
    babel = registry.get("19")
    assert registry.province_of(registry.get("19.03")) == babel
    assert registry.province_of(babel) == babel
    assert registry.province_of("Bangka Selatan") == babel


def test_load_registry_is_cached():
    assert load_registry() is load_registry()
    assert load_registry(DEFAULT_PATH) is load_registry(str(DEFAULT_PATH))


# --- resolving names --------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Kabupaten Bangka Selatan", "19.03"),  # official name
        ("Bangka Selatan", "19.03"),  # short name
        ("Kab. Bangka Selatan", "19.03"),
        ("kab bangka-selatan", "19.03"),
        ("  KABUPATEN   bangka selatan ", "19.03"),
        ("19.03", "19.03"),
        ("1903", "19.03"),
        ("Basel", "19.03"),
        ("Babel", "19"),  # alias
        ("Kepulauan Bangka Belitung", "19"),
        ("Prov. Kepulauan Bangka Belitung", "19"),
        ("19", "19"),
        ("Pangkalpinang", "19.71"),
        ("Pangkal Pinang", "19.71"),
        ("Kota Pangkal Pinang", "19.71"),
        ("kota pangkal-pinang", "19.71"),
        ("Kota Bandung", "32.73"),
        ("Kabupaten Bandung", "32.04"),
        ("Kab. Bandung", "32.04"),
        ("Lampung", "18"),
        ("Provinsi Gorontalo", "75"),
        ("Kota Gorontalo", "75.71"),
        ("Kotabaru", "63.02"),
        ("DKI Jakarta", "31"),
        ("Jakarta", "31"),
        ("Kota Jakarta Pusat", "31.71"),
        ("Jakarta Pusat", "31.71"),
        ("Kepulauan Seribu", "31.01"),
        ("Palangkaraya", "62.71"),
        ("Palangka Raya", "62.71"),
        ("Bau-Bau", "74.72"),
        ("Tojo Una Una", "72.09"),
        ("Maluku Tenggara Barat", "81.03"),
        ("DIY", "34"),
        ("Solo", "33.72"),
    ],
)
def test_resolve(registry, query, code):
    assert registry.resolve(query).code == code


def test_resolve_ambiguous_bandung(registry):
    with pytest.raises(AmbiguousRegionError) as caught:
        registry.resolve("Bandung")
    error = caught.value
    assert error.query == "Bandung"
    assert [region.code for region in error.choices] == ["32.04", "32.73"]
    message = str(error)
    assert "'Kabupaten Bandung' (32.04)" in message
    assert "'Kota Bandung' (32.73)" in message


def test_resolve_ambiguous_gorontalo(registry):
    with pytest.raises(AmbiguousRegionError) as caught:
        registry.resolve("Gorontalo")
    codes = [region.code for region in caught.value.choices]
    assert codes == ["75", "75.01", "75.71"]


def test_resolve_typo_suggests(registry):
    with pytest.raises(UnknownRegionError) as caught:
        registry.resolve("Bangka Selatn")
    error = caught.value
    assert error.query == "Bangka Selatn"
    assert error.suggestions[0].code == "19.03"
    assert len(error.suggestions) <= 3
    assert "did you mean 'Kabupaten Bangka Selatan'" in str(error)


def test_resolve_unknown_without_suggestions(registry):
    with pytest.raises(UnknownRegionError) as caught:
        registry.resolve("Atlantis Raya Permai")
    assert caught.value.suggestions == []
    assert str(caught.value) == "unknown region 'Atlantis Raya Permai'"


@pytest.mark.parametrize("query", ["", "   ", "--", None, 42, ["Babel"]])
def test_resolve_rejects_empty_or_non_text(registry, query):
    with pytest.raises(RegionError) as caught:
        registry.resolve(query)
    assert not isinstance(caught.value, UnknownRegionError)


def test_errors_are_value_errors(registry):
    with pytest.raises(ValueError):
        registry.resolve("Bandung")


def test_resolve_many(registry):
    regions = registry.resolve_many(["Babel", "Bangka Selatan", "19.03", "Pangkalpinang"])
    assert [region.code for region in regions] == ["19", "19.03", "19.71"]


def test_resolve_many_single(registry):
    assert registry.resolve_many("Kota Bandung") == [registry.get("32.73")]
    assert registry.resolve_many([]) == []


def test_resolve_many_errors(registry):
    with pytest.raises(UnknownRegionError):
        registry.resolve_many(["Babel", "Bangka Selatn"])
    with pytest.raises(RegionError):
        registry.resolve_many(42)


# --- datelines --------------------------------------------------------------


@pytest.mark.parametrize(
    ("city", "code"),
    [
        ("Toboali", "19.03"),
        ("TOBOALI", "19.03"),
        ("Tanjungpandan", "19.02"),
        ("Pangkal Pinang", "19.71"),
        ("Saumlaki", "81.03"),
        ("Prabumulih", "16.74"),
        ("Bau-Bau", "74.72"),
    ],
)
def test_from_dateline(registry, city, code):
    assert registry.from_dateline(city).code == code


@pytest.mark.parametrize(
    "city",
    [
        "Atlantis",
        "",
        "Tebing Tinggi",  # Kota Tebing Tinggi and Kabupaten Empat Lawang
        "Martapura",  # OKU Timur and Kabupaten Banjar
        "Jakarta",  # a province capital, not a regency's
        "Menteng",  # the old, wrong "capital" of Jakarta Pusat
    ],
)
def test_from_dateline_none(registry, city):
    assert registry.from_dateline(city) is None


def test_from_dateline_tiny(tiny):
    assert tiny.from_dateline("Alpha").code == "99.01"  # the province is ignored
    assert tiny.from_dateline("Beta") is None  # two regencies share it
    assert tiny.from_dateline("satu").code == "99.71"


# --- building a registry ----------------------------------------------------


def test_tiny_registry(tiny):
    assert len(tiny) == 5
    assert [region.code for region in tiny.provinces] == ["99"]
    with pytest.raises(AmbiguousRegionError):
        tiny.resolve("Satu")
    assert tiny.resolve("Kab. Satu").code == "99.01"
    assert tiny.resolve("kota satu").code == "99.71"


def test_registry_rejects_duplicate_codes():
    region = make_region("99", "Contoh", "Alpha", kind="provinsi")
    with pytest.raises(RegionError, match="duplicate"):
        RegionRegistry([region, region])


def test_registry_rejects_unknown_province():
    with pytest.raises(RegionError, match="unknown province"):
        RegionRegistry([make_region("98.01", "Kabupaten Yatim", "Gamma", province_code="98")])


def test_region_rejects_bad_timezone():
    with pytest.raises(RegionError, match="timezone"):
        Region("99", "provinsi", "Contoh", "Contoh", "", "Alpha", "CET", ())


def test_read_regions_rejects_bad_header(tmp_path):
    path = tmp_path / "regions.csv"
    path.write_text("code,name\n19,Babel\n", encoding="utf-8")
    with pytest.raises(RegionError, match="expected columns"):
        read_regions(path)


def test_read_regions_reports_line(tmp_path):
    path = tmp_path / "regions.csv"
    path.write_text(
        "code,kind,name,short_name,province_code,capital,timezone,aliases\n"
        "99,provinsi,Contoh,Contoh,,Alpha,WIB,\n"
        "99.01,desa,Desa Satu,Satu,99,Alpha,WIB,\n",
        encoding="utf-8",
    )
    with pytest.raises(RegionError, match=r":3: .*unknown kind 'desa'"):
        read_regions(path)


def test_read_regions_splits_aliases(tmp_path):
    path = tmp_path / "regions.csv"
    path.write_text(
        "code,kind,name,short_name,province_code,capital,timezone,aliases\n"
        "99,provinsi,Contoh,Contoh,,Alpha,WIT,Cth; Conto ;\n",
        encoding="utf-8",
    )
    (region,) = read_regions(path)
    assert region.aliases == ("Cth", "Conto")
    assert region.province_code == "99"
    assert load_registry(path).resolve("conto") == region


# --- normalise --------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Pangkal Pinang", "Pangkalpinang"),
        ("Kab. Bangka-Selatan", "kab bangka selatan"),
        ("BAU-BAU", "baubau"),
        ("Sèrang", "Serang"),
        ("19.03", "1903"),
    ],
)
def test_normalise_equal(left, right):
    assert normalise(left) == normalise(right)


def test_normalise_keeps_letters_and_digits():
    assert normalise("Kota Bandung!") == "kotabandung"
    assert normalise("Bandung") != normalise("Bandung Barat")
