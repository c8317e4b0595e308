"""Indonesian-like news text from templates: titles, summaries and Markdown bodies.

Every function takes a ``random.Random`` and returns the same text for the same
random state, so the corpus is reproducible byte for byte.
"""

from dataclasses import dataclass, field

from . import words

WORDS_PER_ARTICLE = (480, 640)


@dataclass
class Story:
    """What one article is about; the text functions fill their slots from it."""

    place: str  # "Kabupaten Bangka Selatan"
    short: str  # "Bangka Selatan"
    kind: str  # provinsi, kabupaten or kota
    dateline: str
    day: str  # "Selasa (21/1/2020)"
    action: tuple  # ("Salurkan", "menyalurkan")
    thing: str  # "bantuan pangan"
    goal: str
    topics: list = field(default_factory=list)  # [(slug, name)]
    see_also: list = field(default_factory=list)  # [(title, source path)]


def person(rng):
    return f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}"


def number(value):
    """2000 -> '2.000' (Indonesian thousands separator)."""
    return f"{value:,}".replace(",", ".")


def headline(text):
    """Capitalise each word, keeping acronyms: 'pelatihan UMKM' -> 'Pelatihan UMKM'."""
    return " ".join(word[:1].upper() + word[1:] for word in text.split())


def government(story):
    """'Pemkab Bangka Selatan', 'Pemkot Ambon' or 'Pemprov Lampung'."""
    prefix = {"provinsi": "Pemprov", "kabupaten": "Pemkab", "kota": "Pemkot"}[story.kind]
    return f"{prefix} {story.short}"


def title(rng, story):
    bare, _ = story.action
    forms = (
        f"{government(story)} {bare} {headline(story.thing)} {rng.choice(words.PLACES)}",
        f"{bare} {headline(story.thing)}, {government(story)} Libatkan "
        f"{number(rng.randint(2, 40) * 50)} Warga",
        f"{story.short} {bare} {headline(story.thing)} {rng.choice(words.TIMES)}",
        f"{story.thing.capitalize()} di {story.short} Ditargetkan Rampung "
        f"{rng.choice(words.TIMES)}",
    )
    return rng.choice(forms)


def summary(rng, story):
    _, verb = story.action
    return (
        f"{government(story)} {verb} {story.thing} {rng.choice(words.PLACES)} "
        f"{rng.choice(words.TIMES)} untuk {story.goal}. Warga menyambut baik langkah itu."
    )


def _slots(rng, story):
    _, verb = story.action
    _, other_verb = rng.choice(words.ACTIONS)
    return {
        "gov": government(story),
        "place": story.place,
        "short": story.short,
        "verb": verb,
        "other_verb": other_verb,
        "thing": story.thing,
        "other_thing": rng.choice(words.OBJECTS),
        "where": rng.choice(words.PLACES),
        "when": rng.choice(words.TIMES),
        "goal": story.goal,
        "other_goal": rng.choice(words.GOALS),
        "connector": rng.choice(words.CONNECTORS),
        "role": rng.choice(words.ROLES),
        "official": person(rng),
        "witness": rng.choice(words.WITNESSES),
        "witness_name": person(rng),
        "money": rng.randint(2, 95),
        "count": number(rng.randint(3, 240) * 25),
        "small": rng.randint(2, 14),
        "percent": rng.randint(3, 38),
        "dateline": story.dateline,
        "day": story.day,
    }


SENTENCES = (
    "{connector} {role} {short}, {official}, mengatakan {other_thing} akan {other_goal} {when}.",
    "Tahun ini pemerintah daerah menyiapkan anggaran sekitar Rp{money} miliar untuk "
    "{other_thing} {where}.",
    "Sebanyak {count} warga dari {small} kecamatan tercatat sebagai penerima manfaat {thing}.",
    "{connector} kegiatan tersebut melibatkan {small} organisasi perangkat daerah dan "
    "pemerintah desa.",
    "Pelaksanaan {thing} {where} ditargetkan rampung {when}, sehingga manfaatnya bisa segera "
    "dirasakan warga.",
    "Data dinas mencatat capaian program naik {percent} persen dibandingkan tahun sebelumnya.",
    "Pemerintah juga {other_verb} {other_thing} agar dapat {other_goal}.",
    "{connector} warga diminta aktif melaporkan kendala melalui kanal pengaduan resmi "
    "pemerintah daerah.",
    "Evaluasi dilakukan setiap bulan bersama camat, kepala desa dan pendamping program.",
    "Kegiatan ini merupakan bagian dari rencana pembangunan jangka menengah daerah yang "
    "disusun bersama DPRD {short}.",
    "Menurut {official}, keberhasilan {thing} sangat bergantung pada kerja sama antara "
    "pemerintah, dunia usaha dan masyarakat.",
    "Hingga pekan lalu, realisasi anggaran untuk {other_thing} sudah mencapai {percent} persen.",
)

QUOTES = (
    '"Kami ingin {thing} ini benar-benar {goal}," kata {official} di {dateline}, {day}.',
    '"Selama ini warga harus menunggu lama, sekarang jauh lebih mudah," ujar {witness_name}, '
    "{witness} di {short}.",
    '"Kami berharap program {other_thing} terus berlanjut {when}," kata {witness_name}, {witness}.',
    '"Tidak ada desa yang boleh tertinggal. Semua harus merasakan manfaatnya," tegas {official}.',
)

LIST_ITEMS = (
    "{other_thing} {where};",
    "pendataan ulang penerima {thing};",
    "pelatihan petugas lapangan di {small} kecamatan;",
    "penyediaan anggaran Rp{money} miliar dari APBD;",
    "pengawasan bersama inspektorat dan DPRD;",
    "kanal pengaduan warga yang buka setiap hari;",
    "kerja sama dengan perguruan tinggi setempat;",
)


def sentence(rng, story, templates=SENTENCES):
    return rng.choice(templates).format(**_slots(rng, story))


def sentences(rng, story, count):
    """``count`` sentences from different templates."""
    return [t.format(**_slots(rng, story)) for t in rng.sample(SENTENCES, count)]


def lead(rng, story):
    slots = _slots(rng, story)
    return (
        "{gov} {verb} {thing} {where} {when}. Langkah itu diambil untuk {goal} di {place}, "
        "kata {official} di {dateline}, {day}."
    ).format(**slots)


def paragraph(rng, story):
    parts = sentences(rng, story, rng.randint(3, 5))
    if rng.random() < 0.35:
        parts.append(sentence(rng, story, QUOTES))
    return " ".join(parts)


def item_list(rng, story):
    chosen = rng.sample(LIST_ITEMS, rng.randint(3, 6))
    ordered = rng.random() < 0.5
    lines = []
    for position, template in enumerate(chosen, start=1):
        marker = f"{position}." if ordered else "-"
        lines.append(f"{marker} {template.format(**_slots(rng, story))}")
    intro = f"Program {story.thing} mencakup beberapa kegiatan:"
    return intro + "\n\n" + "\n".join(lines)


def link_paragraph(rng, story):
    """A paragraph with links: a topic page, another article, an open-data page."""
    parts = []
    if story.topics:
        slug, name = rng.choice(story.topics)
        parts.append(f"Berita lain tentang [{name.lower()}](/topik/{slug}/) dapat dibaca di Warta.")
    if story.see_also:
        other_title, source = rng.choice(story.see_also)
        parts.append(f"Baca juga: [{other_title}]({{filename}}/{source}).")
    host = rng.choice(words.LINK_HOSTS)
    parts.append(
        f"Dokumen lengkap program tersedia di [laman resmi]({host}/dokumen/"
        f"{rng.randint(100, 999)}) pemerintah daerah."
    )
    return " ".join(parts)


def body(rng, story):
    """A Markdown body of about 600 words: lead, headings, a list, links, quotes."""
    target = rng.randint(*WORDS_PER_ARTICLE)
    blocks = [lead(rng, story), paragraph(rng, story)]
    headings = rng.sample(words.HEADINGS, 2)
    list_at = rng.randint(2, 6) if rng.random() < 0.6 else None
    while _word_count(blocks) < target:
        if len(blocks) in (4, 8) and headings:
            blocks.append(f"## {headings.pop()}")
        if len(blocks) == list_at:
            blocks.append(item_list(rng, story))
        blocks.append(paragraph(rng, story))
    blocks.append(link_paragraph(rng, story))
    return "\n\n".join(blocks) + "\n"


def _word_count(blocks):
    return sum(len(block.split()) for block in blocks)
