"""Registry of Indonesian provinces, regencies and cities, and a name resolver.

The data lives in ``data/regions.csv`` beside this module (see the README
there for its source and the corrections made to it). This module is pure
Python and does not depend on Pelican.
"""

from __future__ import annotations

import csv
import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

TIMEZONES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}
KINDS = ("provinsi", "kabupaten", "kota")
COLUMNS = (
    "code",
    "kind",
    "name",
    "short_name",
    "province_code",
    "capital",
    "timezone",
    "aliases",
)
DEFAULT_PATH = Path(__file__).parent / "data" / "regions.csv"

# A leading "Kabupaten", "Kab.", "Kota", "Provinsi", "Prov." word, optionally
# followed by "Administrasi"/"Adm.", and the text after it.
_PREFIX_RE = re.compile(
    r"^\s*(?P<word>kabupaten|kab|kota|provinsi|prov)\b\.?\s*"
    r"(?:(?:administrasi|adm)\b\.?\s*)?(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_PREFIX_KINDS = {
    "kabupaten": "kabupaten",
    "kab": "kabupaten",
    "kota": "kota",
    "provinsi": "provinsi",
    "prov": "provinsi",
}
_SUGGESTION_CUTOFF = 0.75
_MAX_SUGGESTIONS = 3


def normalise(text: str) -> str:
    """Casefold, strip accents and drop everything but letters and digits."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if char.isalnum())


def slugify(text: str) -> str:
    """Lowercase ASCII slug: "Kota Pangkal Pinang" -> "kota-pangkal-pinang"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def split_prefix(text: str) -> tuple[str | None, str]:
    """Split a leading kind word off a name: ("kabupaten", "Bangka Selatan").

    Returns (None, text) when the text has no such prefix.
    """
    match = _PREFIX_RE.match(text)
    if match is None:
        return None, text
    return _PREFIX_KINDS[match.group("word").casefold()], match.group("rest")


class RegionError(ValueError):
    """A region could not be found or the input was invalid (user-facing message)."""


class UnknownRegionError(RegionError):
    """No region matches the query."""

    def __init__(self, query: str, suggestions: list[Region]):
        self.query = query
        self.suggestions = suggestions
        message = f"unknown region '{query}'"
        if suggestions:
            labels = [f"'{_label(region)}'" for region in suggestions]
            message += f"; did you mean {_join_or(labels)}?"
        super().__init__(message)


class AmbiguousRegionError(RegionError):
    """Several regions match the query."""

    def __init__(self, query: str, choices: list[Region]):
        self.query = query
        self.choices = choices
        labels = [f"'{_label(region)}' ({region.code})" for region in choices]
        super().__init__(
            f"ambiguous region '{query}': could be {_join_or(labels)}; "
            "write the full name or the code"
        )


def _label(region: Region) -> str:
    """Name that resolves unambiguously ("Provinsi Gorontalo", "Kota Gorontalo")."""
    if region.is_province:
        return f"Provinsi {region.name}"
    return region.name


def _join_or(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " or " + items[-1]


@dataclass(frozen=True)
class Region:
    """A province (provinsi), regency (kabupaten) or city (kota)."""

    code: str
    kind: str
    name: str
    short_name: str
    province_code: str
    capital: str
    timezone: str
    aliases: tuple[str, ...] = ()
    slug: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "aliases", tuple(self.aliases))
        if self.kind not in KINDS:
            raise RegionError(f"region {self.code}: unknown kind '{self.kind}'")
        if self.timezone not in TIMEZONES:
            raise RegionError(f"region {self.code}: unknown timezone '{self.timezone}'")
        if self.is_province and not self.province_code:
            object.__setattr__(self, "province_code", self.code)
        if not self.slug:
            source = (self.short_name or self.name) if self.is_province else self.name
            object.__setattr__(self, "slug", slugify(source))

    @property
    def is_province(self) -> bool:
        return self.kind == "provinsi"

    @property
    def tz_name(self) -> str:
        """IANA time zone name, e.g. "Asia/Jakarta"."""
        return TIMEZONES[self.timezone]


def _add(index: dict[str, list[Region]], key: str, region: Region) -> None:
    if not key:
        return
    regions = index.setdefault(key, [])
    if region not in regions:
        regions.append(region)


def _dotted(code: str) -> str:
    """Expand a compact code ("1903" to "19.03"); other codes are unchanged."""
    if len(code) == 4 and code.isdigit():
        return f"{code[:2]}.{code[2:]}"
    return code


class RegionRegistry:
    """All regions, with lookups by code, name, alias and capital."""

    def __init__(self, regions: Iterable[Region]):
        self._regions = sorted(regions, key=lambda region: region.code)
        self._by_code: dict[str, Region] = {}
        for region in self._regions:
            if region.code in self._by_code:
                raise RegionError(f"duplicate region code {region.code}")
            self._by_code[region.code] = region
        self.provinces = [region for region in self._regions if region.is_province]
        self._children = self._group_children()
        self._exact: dict[str, list[Region]] = {}
        self._stripped: dict[str, list[Region]] = {}
        self._capitals: dict[str, list[Region]] = {}
        for region in self._regions:
            self._index(region)
        self._keys = sorted(set(self._exact) | set(self._stripped))

    def _group_children(self) -> dict[str, list[Region]]:
        children: dict[str, list[Region]] = {p.code: [] for p in self.provinces}
        for region in self._regions:
            if region.is_province:
                continue
            if region.province_code not in children:
                raise RegionError(f"region {region.code}: unknown province {region.province_code}")
            children[region.province_code].append(region)
        return children

    def _index(self, region: Region) -> None:
        for text in (region.name, region.short_name, region.code, *region.aliases):
            _add(self._exact, normalise(text), region)
        for text in (region.name, *region.aliases):
            kind, rest = split_prefix(text)
            if kind is not None:
                _add(self._stripped, normalise(rest), region)
        if not region.is_province:
            _add(self._capitals, normalise(region.capital), region)

    def __len__(self) -> int:
        return len(self._regions)

    def __iter__(self) -> Iterator[Region]:
        return iter(self._regions)

    def get(self, code: str) -> Region:
        """Region by code ("19.03" or "1903"); KeyError if absent."""
        return self._by_code[_dotted(code)]

    def children(self, province: Region | str) -> list[Region]:
        """Regencies and cities of a province, sorted by code."""
        return list(self._children.get(self._coerce(province).code, []))

    def province_of(self, region: Region | str) -> Region:
        """The province a region belongs to (itself for a province)."""
        return self._by_code[self._coerce(region).province_code]

    def _coerce(self, value: Region | str) -> Region:
        if isinstance(value, Region):
            return value
        return self.resolve(value)

    def resolve(self, text: str) -> Region:
        """Region by name, short name, alias or code; raises RegionError."""
        if not isinstance(text, str):
            raise RegionError(f"region name must be text, not {type(text).__name__}")
        query = text.strip()
        if not normalise(query):
            raise RegionError("region name is empty")
        matches = self._matches(query)
        if not matches:
            raise UnknownRegionError(query, self._suggest(query))
        if len(matches) > 1:
            raise AmbiguousRegionError(query, sorted(matches, key=lambda r: r.code))
        return matches[0]

    def _matches(self, query: str) -> list[Region]:
        exact = self._exact.get(normalise(query))
        if exact:
            return exact
        kind, rest = split_prefix(query)
        if kind is None:
            return self._stripped.get(normalise(query), [])
        key = normalise(rest)
        candidates = self._exact.get(key, []) + self._stripped.get(key, [])
        return list({r.code: r for r in candidates if r.kind == kind}.values())

    def _suggest(self, query: str) -> list[Region]:
        kind, rest = split_prefix(query)
        probes = [normalise(rest), normalise(query)] if kind else [normalise(query)]
        found: dict[str, Region] = {}
        for probe in probes:
            keys = difflib.get_close_matches(probe, self._keys, n=10, cutoff=_SUGGESTION_CUTOFF)
            for key in keys:
                for region in self._exact.get(key, []) + self._stripped.get(key, []):
                    found.setdefault(region.code, region)
        return list(found.values())[:_MAX_SUGGESTIONS]

    def resolve_many(self, value: str | list[str]) -> list[Region]:
        """Resolve one name or a list of names; order kept, duplicates dropped."""
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, (list, tuple)):
            raise RegionError(f"regions must be text or a list, not {type(value).__name__}")
        found: dict[str, Region] = {}
        for text in value:
            region = self.resolve(text)
            found.setdefault(region.code, region)
        return list(found.values())

    def from_dateline(self, city: str) -> Region | None:
        """The regency or city whose capital is ``city``, if exactly one is."""
        if not isinstance(city, str):
            return None
        matches = self._capitals.get(normalise(city), [])
        if len(matches) != 1:
            return None
        return matches[0]


def read_regions(path: str | Path) -> list[Region]:
    """Read regions from a CSV file with the columns in COLUMNS."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise RegionError(f"{path}: expected columns {', '.join(COLUMNS)}")
        return [_row_to_region(row, path, reader.line_num) for row in reader]


def _row_to_region(row: dict[str, str], path: str | Path, line: int) -> Region:
    try:
        return Region(
            code=row["code"],
            kind=row["kind"],
            name=row["name"],
            short_name=row["short_name"],
            province_code=row["province_code"],
            capital=row["capital"],
            timezone=row["timezone"],
            aliases=tuple(a.strip() for a in row["aliases"].split(";") if a.strip()),
        )
    except RegionError as error:
        raise RegionError(f"{path}:{line}: {error}") from error


def load_registry(path: str | Path | None = None) -> RegionRegistry:
    """The registry from ``path`` (default: data/regions.csv), cached per path."""
    return _load_cached(Path(path or DEFAULT_PATH).resolve())


@functools.lru_cache(maxsize=8)
def _load_cached(path: Path) -> RegionRegistry:
    return RegionRegistry(read_regions(path))
