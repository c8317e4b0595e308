"""Time Warta's image pipeline on phone photos: ``python -m bench.images``.

Draws ``--count`` phone-sized photos (4000×3000 JPEG, EXIF with GPS, every
other one stored sideways with orientation 6), then runs
:func:`warta_images.catalog.publish_photos` twice with the settings of
pelicanconf.py:

- cold: empty cache, every copy is encoded (all cores);
- warm: same cache, new output folder: nothing is encoded, files are linked.

Prints the seconds of each run, the files made and the bytes published, and
checks that no published file carries EXIF. The photos are kept in
``--workdir`` (default: a temporary folder) and reused when present.
"""

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from PIL import ExifTags, Image, ImageDraw  # noqa: E402
from PIL.TiffImagePlugin import IFDRational  # noqa: E402

SIZE = (4000, 3000)


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.images", description=__doc__)
    parser.add_argument("--count", type=int, default=100, help="photos (default 100)")
    parser.add_argument("--workdir", type=Path, help="keep photos, cache and outputs here")
    return parser.parse_args(argv)


def scene():
    """A 4000×3000 photo-like picture: sky, hills, ground and sensor noise."""
    small = Image.new("RGB", (SIZE[0] // 8, SIZE[1] // 8))
    draw = ImageDraw.Draw(small)
    width, height = small.size
    for y in range(height):
        t = y / height
        sky = (int(90 + 110 * t), int(150 + 60 * t), int(215 - 40 * t))
        ground = (int(150 - 60 * t), int(130 - 30 * t), int(70 - 20 * t))
        draw.line([(0, y), (width, y)], fill=sky if t < 0.55 else ground)
    for i in range(60):
        x, y, r = (i * 137) % width, height // 2 + (i * 53) % (height // 2), 6 + (i * 7) % 40
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(40 + i * 3 % 200, 120, 60 + i % 90))
    photo = small.resize(SIZE, Image.Resampling.BICUBIC)
    noise = Image.effect_noise(SIZE, 28).convert("RGB")
    return Image.blend(photo, noise, 0.10)


def exif(number):
    data = Image.Exif()
    data[ExifTags.Base.Make] = "Contoh"
    data[ExifTags.Base.Model] = "Ponsel Contoh"
    data[ExifTags.Base.Orientation] = 6 if number % 2 else 1
    gps = data.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = (IFDRational(2, 1), IFDRational(number % 60, 1), IFDRational(0))
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (IFDRational(106, 1), IFDRational(7, 1), IFDRational(0))
    return data


def draw_photos(folder, count):
    """``count`` different phone photos in ``folder``; returns their names."""
    folder.mkdir(parents=True, exist_ok=True)
    names = [f"foto-{n:03d}.jpg" for n in range(count)]
    missing = [n for n, name in enumerate(names) if not (folder / name).exists()]
    if missing:
        base = scene()
        for number in missing:
            photo = base.copy()
            draw = ImageDraw.Draw(photo)
            x = 200 + (number * 331) % 3200
            draw.rectangle([x, 300, x + 500, 900], fill=((number * 47) % 256, 60, 160))
            draw.text((x + 40, 400), f"{number:03d}", fill="white", font_size=220)
            if number % 2:  # stored sideways, as a phone held upright writes it
                photo = photo.rotate(90, expand=True)
            photo.save(folder / names[number], "JPEG", quality=88, exif=exif(number))
    return names


def folder_bytes(folder):
    by_type = {}
    for path in Path(folder).rglob("*"):
        if path.is_file():
            by_type[path.suffix] = by_type.get(path.suffix, 0) + path.stat().st_size
    return by_type


def check_clean(folder):
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file():
            with Image.open(path) as image:
                if image.getexif() or {"exif", "xmp", "icc_profile"} & set(image.info):
                    raise SystemExit(f"{path} carries metadata")


def _cpu():
    """CPU seconds of this process and its finished children (the encoders)."""
    own, children = (
        resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(argv=None):
    from pelican.settings import read_settings

    from warta_images.catalog import publish_photos

    args = parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="warta-bench-images-"))
    content = work / "content"
    started = time.perf_counter()
    names = draw_photos(content / "images" / "bench", args.count)
    print(f"{len(names)} photos of {SIZE[0]}×{SIZE[1]} in {content / 'images/bench'} "
          f"({time.perf_counter() - started:.0f} s to draw)")  # fmt: skip
    paths = [f"images/bench/{name}" for name in names]
    cache = work / "cache"
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={"PATH": str(content), "WARTA_IMAGE_CACHE": str(cache)},
    )
    shutil.rmtree(cache, ignore_errors=True)
    results = {}
    for run in ("cold", "warm"):
        output = work / f"output-{run}"
        shutil.rmtree(output, ignore_errors=True)
        started, cpu = time.perf_counter(), _cpu()
        stats = publish_photos(settings, paths, output)
        seconds, cpu = time.perf_counter() - started, _cpu() - cpu
        if stats["problems"]:
            raise SystemExit("\n".join(stats["problems"]))
        results[run] = seconds
        print(
            f"{run}: {seconds:.1f} s ({cpu:.1f} s of CPU), {stats['encoded']} files encoded, "
            f"{stats['files']} published ({stats['processes']} processes)"
        )
    source = sum(folder_bytes(content / "images").values())
    published = folder_bytes(work / "output-warm")
    total = sum(published.values())
    print(f"source photos: {source / 1e6:.1f} MB; published: {total / 1e6:.1f} MB in all")
    for suffix, size in sorted(published.items()):
        print(f"  {suffix}: {size / 1e6:.1f} MB")
    check_clean(work / "output-warm")
    print("no published file carries EXIF, XMP or an ICC profile")
    print(f"per photo: cold {results['cold'] / len(names) * 1000:.0f} ms, "
          f"warm {results['warm'] / len(names) * 1000:.1f} ms")  # fmt: skip
    return results


if __name__ == "__main__":
    main()
