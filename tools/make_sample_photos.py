#!/usr/bin/env python3
"""Draw the demo site's sample "photos" (deterministically, Pillow only).

The sample articles under ``content/berita/`` need lead photos, but the demo
must not ship real photographs whose rights are unclear.  This script paints
simple, photo-like scenes (sky gradient, horizon, sea or rice fields,
buildings, people silhouettes, film grain) and writes them as JPEG files under
``content/images/berita/<year>/<name>.jpg``.

Every picture is seeded by its name, so running the script again produces the
same pictures (given the same Pillow version).  The JPEGs are committed to the
repository; this script only documents how they were made and lets anyone
regenerate them:

    python3 tools/make_sample_photos.py            # (re)write all photos
    python3 tools/make_sample_photos.py --list     # show what would be written

One of the photos (``2018/reklamasi-kolong-muntok.jpg``) imitates a portrait
phone photo: the scene is 1200x1600 but the pixels are stored as 1600x1200
with EXIF Orientation=6 ("rotate 90 degrees clockwise to display"), plus a
fake camera make ("Contoh"), a capture date and fake GPS coordinates.  The
site's image pipeline has to honour the orientation and strip the GPS data.

Requires: Pillow (``pip install pillow``).
"""

from __future__ import annotations

import argparse
import hashlib
import math
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps
from PIL.ExifTags import GPS, IFD, Base
from PIL.TiffImagePlugin import IFDRational

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "content" / "images" / "berita"

LANDSCAPE = (1600, 1067)
PORTRAIT = (1200, 1600)
QUALITY = 80
MAX_BYTES = 150 * 1024


@dataclass
class Photo:
    year: int
    name: str
    scene: str
    size: tuple[int, int] = LANDSCAPE
    phone: bool = False  # store rotated with EXIF Orientation=6 + fake GPS
    gps: tuple[float, float] | None = None  # (lat, lon), negative = S / W
    taken: str = ""  # EXIF DateTimeOriginal, "YYYY:MM:DD HH:MM:SS"
    opts: dict = field(default_factory=dict)

    @property
    def path(self) -> Path:
        return OUT_DIR / str(self.year) / f"{self.name}.jpg"


PHOTOS = [
    Photo(2016, "kantor-gubernur-lampung", "office", opts={"crowd": 14}),
    Photo(2017, "pantai-tanjung-tinggi", "beach"),
    Photo(
        2018,
        "reklamasi-kolong-muntok",
        "mine",
        size=PORTRAIT,
        phone=True,
        gps=(-2.0631, 105.1742),
        taken="2018:07:11 15:42:10",
    ),
    Photo(2019, "nelayan-sungailiat", "harbour"),
    Photo(2019, "jembatan-saumlaki", "bridge"),
    Photo(2020, "rakor-toboali", "office", opts={"crowd": 26, "hall": True}),
    Photo(2022, "sawah-toboali", "fields"),
    Photo(2022, "festival-sumbawa", "festival"),
    Photo(2024, "panggung-musik-ambon", "bay"),
]


# --------------------------------------------------------------------------
# helpers


def rng_for(name: str) -> random.Random:
    seed = int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big")
    return random.Random(seed)


def jitter(rng: random.Random, rgb, amount=12):
    return tuple(max(0, min(255, c + rng.randint(-amount, amount))) for c in rgb)


def mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=False))


def vertical_gradient(size, top, bottom):
    w, h = size
    grad = Image.linear_gradient("L").resize((w, h))
    return ImageOps.colorize(grad, black=top, white=bottom)


def ridge(rng, w, base_y, amp, step, rough=0.5):
    """Random-walk horizon profile as a list of (x, y) points."""
    pts = []
    y = base_y
    for x in range(-step, w + 2 * step, step):
        y += rng.uniform(-amp, amp) * rough
        y = max(base_y - amp, min(base_y + amp * 0.3, y))
        pts.append((x, y))
    return pts


def draw_hills(img, rng, horizon, color, amp, step=40, haze=None):
    w, _h = img.size
    pts = ridge(rng, w, horizon - amp * 0.4, amp, step)
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    d.polygon([*pts, (w + step, horizon + 2), (-step, horizon + 2)], fill=(*color, 255))
    layer = layer.filter(ImageFilter.GaussianBlur(1.2))
    img.alpha_composite(layer)
    if haze:
        img.alpha_composite(Image.new("RGBA", img.size, haze))


def draw_clouds(img, rng, horizon, count):
    w, _ = img.size
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    for _ in range(count):
        cx = rng.uniform(-100, w + 100)
        cy = rng.uniform(horizon * 0.08, horizon * 0.7)
        scale = rng.uniform(0.5, 1.6) * (0.5 + cy / horizon)
        alpha = rng.randint(110, 200)
        for _ in range(rng.randint(5, 11)):
            rx = rng.uniform(40, 120) * scale
            ry = rx * rng.uniform(0.35, 0.6)
            ox = cx + rng.uniform(-150, 150) * scale
            oy = cy + rng.uniform(-25, 18) * scale
            d.ellipse((ox - rx, oy - ry, ox + rx, oy + ry), fill=(255, 255, 255, alpha))
    layer = layer.filter(ImageFilter.GaussianBlur(14))
    img.alpha_composite(layer)


def draw_sea(img, rng, horizon, top, bottom):
    w, h = img.size
    sea = vertical_gradient((w, h - horizon), top, bottom).convert("RGBA")
    d = ImageDraw.Draw(sea)
    for _ in range(int(w * (h - horizon) / 900)):
        y = rng.uniform(0, h - horizon)
        depth = y / max(1, h - horizon)
        length = rng.uniform(8, 60) * (0.3 + depth * 2)
        x = rng.uniform(0, w)
        shade = rng.choice([(255, 255, 255, 60), (10, 40, 60, 55)])
        d.line((x, y, x + length, y), fill=shade, width=max(1, int(1 + depth * 3)))
    img.alpha_composite(sea, (0, horizon))


def draw_building(d, rng, x, base, bw, bh, wall, roof, windows=True, roof_style="limas"):
    d.rectangle((x, base - bh, x + bw, base), fill=wall)
    rh = bh * rng.uniform(0.25, 0.45)
    if roof_style == "limas":
        d.polygon(
            [
                (x - bw * 0.08, base - bh),
                (x + bw * 0.25, base - bh - rh),
                (x + bw * 0.75, base - bh - rh),
                (x + bw * 1.08, base - bh),
            ],
            fill=roof,
        )
    else:
        d.polygon(
            [(x - bw * 0.08, base - bh), (x + bw / 2, base - bh - rh), (x + bw * 1.08, base - bh)],
            fill=roof,
        )
    if windows and bw > 30:
        cols = max(2, int(bw // 38))
        rows = max(1, int(bh // 55))
        gw = bw / (cols * 2 + 1)
        gh = bh / (rows * 2 + 1)
        win = mix(wall, (40, 50, 60), 0.65)
        for r in range(rows):
            for c in range(cols):
                wx = x + gw * (2 * c + 1)
                wy = base - bh + gh * (2 * r + 1)
                d.rectangle((wx, wy, wx + gw, wy + gh * 0.9), fill=win)


def draw_person(d, x, base, height, color):
    head = height * 0.13
    body_w = height * 0.26
    d.ellipse((x - head / 2, base - height, x + head / 2, base - height + head), fill=color)
    d.rounded_rectangle(
        (x - body_w / 2, base - height + head * 1.05, x + body_w / 2, base - height * 0.45),
        radius=body_w * 0.3,
        fill=color,
    )
    leg = body_w * 0.38
    d.rectangle((x - body_w / 2 + 1, base - height * 0.47, x - body_w / 2 + leg, base), fill=color)
    d.rectangle((x + body_w / 2 - leg, base - height * 0.47, x + body_w / 2 - 1, base), fill=color)


def draw_crowd(img, rng, y_from, y_to, count, palette, x_range=None):
    d = ImageDraw.Draw(img)
    x0, x1 = x_range or (-20, img.width + 20)
    people = sorted((rng.uniform(y_from, y_to), rng.uniform(x0, x1)) for _ in range(count))
    for base, x in people:
        t = (base - y_from) / max(1, y_to - y_from)
        height = 90 + t * 260
        draw_person(d, x, base, height, jitter(rng, rng.choice(palette), 10))


def draw_tree(d, rng, x, base, height, trunk=(70, 52, 38), leaf=(40, 92, 48), palm=False):
    d.line(
        (x, base, x + rng.uniform(-6, 6), base - height), fill=trunk, width=max(2, int(height / 22))
    )
    top = (x, base - height)
    if palm:
        for _ in range(7):
            ang = rng.uniform(math.pi * 0.9, math.pi * 2.1)
            ln = height * rng.uniform(0.3, 0.5)
            end = (top[0] + math.cos(ang) * ln, top[1] + math.sin(ang) * ln * 0.6 + ln * 0.2)
            d.line((top, end), fill=jitter(rng, leaf), width=max(2, int(height / 30)))
    else:
        for _ in range(6):
            r = height * rng.uniform(0.18, 0.3)
            cx = top[0] + rng.uniform(-height * 0.2, height * 0.2)
            cy = top[1] + rng.uniform(-height * 0.1, height * 0.15)
            d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=jitter(rng, leaf, 14))


def draw_boat(d, rng, x, y, length, hull, sail=False):
    h = length * 0.18
    d.polygon(
        [(x, y), (x + length, y), (x + length * 0.88, y + h), (x + length * 0.1, y + h)], fill=hull
    )
    d.rectangle(
        (x + length * 0.35, y - h * 1.1, x + length * 0.62, y), fill=jitter(rng, (220, 220, 210))
    )
    d.line(
        (x + length * 0.5, y - h * 3.2, x + length * 0.5, y),
        fill=(60, 50, 40),
        width=max(1, int(length / 60)),
    )
    d.line(
        (x + length * 0.1, y + h * 1.05, x + length * 0.9, y + h * 1.05), fill=(20, 40, 55), width=2
    )


def sky_and_sun(img, rng, horizon, top, low, clouds=9, sun=None):
    w, _h = img.size
    sky = vertical_gradient((w, horizon + 4), top, low).convert("RGBA")
    img.alpha_composite(sky)
    if sun:
        glow = Image.new("RGBA", img.size, (0, 0, 0, 0))
        gd = ImageDraw.Draw(glow)
        sx, sy, r = sun
        for k in range(6, 0, -1):
            gd.ellipse((sx - r * k, sy - r * k, sx + r * k, sy + r * k), fill=(255, 240, 200, 28))
        gd.ellipse((sx - r, sy - r, sx + r, sy + r), fill=(255, 250, 230, 255))
        img.alpha_composite(glow.filter(ImageFilter.GaussianBlur(6)))
    draw_clouds(img, rng, horizon, clouds)


# --------------------------------------------------------------------------
# scenes


def scene_office(img, rng, opts):
    """Government office / multi-purpose hall with people in front."""
    w, h = img.size
    horizon = int(h * rng.uniform(0.52, 0.6))
    sky_and_sun(img, rng, horizon, (74, 128, 196), (196, 218, 236), clouds=7)
    draw_hills(img, rng, horizon, (96, 126, 110), 50, haze=(190, 210, 225, 40))
    ground = vertical_gradient((w, h - horizon), (120, 128, 118), (88, 86, 80)).convert("RGBA")
    img.alpha_composite(ground, (0, horizon))
    d = ImageDraw.Draw(img)
    # trees behind
    for _ in range(10):
        draw_tree(d, rng, rng.uniform(0, w), horizon + 4, rng.uniform(80, 160))
    # main building
    bw = w * rng.uniform(0.55, 0.7)
    bx = (w - bw) / 2 + rng.uniform(-80, 80)
    bh = h * 0.22
    wall = jitter(rng, (226, 218, 196))
    roof = jitter(rng, (150, 62, 44) if opts.get("hall") else (92, 70, 56))
    draw_building(d, rng, bx, horizon + 30, bw, bh, wall, roof, roof_style="limas")
    # columns / portico
    cols = 8
    for i in range(cols + 1):
        cx = bx + bw * 0.3 + i * (bw * 0.4 / cols)
        d.rectangle(
            (cx - 5, horizon + 30 - bh * 0.75, cx + 5, horizon + 30),
            fill=mix(wall, (255, 255, 255), 0.4),
        )
    d.polygon(
        [
            (bx + bw * 0.27, horizon + 30 - bh * 0.75),
            (bx + bw * 0.5, horizon + 30 - bh * 1.05),
            (bx + bw * 0.73, horizon + 30 - bh * 0.75),
        ],
        fill=mix(roof, (0, 0, 0), 0.15),
    )
    # flag pole
    fx = bx - 60
    d.line((fx, horizon + 40, fx, horizon - bh * 1.2), fill=(200, 200, 200), width=4)
    d.rectangle((fx + 2, horizon - bh * 1.2, fx + 72, horizon - bh * 1.2 + 24), fill=(205, 30, 40))
    d.rectangle(
        (fx + 2, horizon - bh * 1.2 + 24, fx + 72, horizon - bh * 1.2 + 48), fill=(245, 245, 245)
    )
    # paved yard lines
    for i in range(14):
        y = horizon + 40 + (h - horizon) * (i / 14) ** 1.6
        d.line((0, y, w, y), fill=(104, 104, 98), width=1)
    draw_crowd(
        img,
        rng,
        horizon + 60,
        h + 40,
        opts.get("crowd", 12),
        [(40, 45, 60), (120, 40, 40), (230, 230, 225), (70, 80, 110), (170, 150, 110)],
    )


def scene_beach(img, rng, opts):
    """Tropical beach with granite boulders (Belitung)."""
    w, h = img.size
    horizon = int(h * rng.uniform(0.42, 0.5))
    sky_and_sun(img, rng, horizon, (40, 110, 190), (170, 210, 235), clouds=10)
    draw_sea(img, rng, horizon, (40, 120, 150), (90, 190, 190))
    d = ImageDraw.Draw(img)
    shore = int(horizon + (h - horizon) * rng.uniform(0.45, 0.6))
    sand = vertical_gradient((w, h - shore), (232, 220, 190), (214, 196, 160)).convert("RGBA")
    mask = Image.new("L", (w, h - shore), 0)
    md = ImageDraw.Draw(mask)
    md.polygon([*ridge(rng, w, 12, 10, 60), (w + 60, h), (-60, h)], fill=255)
    img.paste(sand, (0, shore), mask)
    # foam line
    d.line(
        [(x, shore + 10 + 6 * math.sin(x / 70)) for x in range(0, w + 20, 20)],
        fill=(245, 250, 250),
        width=4,
    )
    # boulders
    for _ in range(rng.randint(6, 10)):
        bx = rng.choice([rng.uniform(-100, w * 0.35), rng.uniform(w * 0.6, w + 100)])
        by = rng.uniform(horizon + 10, shore + 80)
        r = rng.uniform(60, 220) * (0.5 + (by - horizon) / (h - horizon))
        base = jitter(rng, (150, 140, 128), 18)
        d.ellipse((bx - r, by - r * 0.75, bx + r, by + r * 0.35), fill=base)
        d.ellipse(
            (bx - r * 0.7, by - r * 0.7, bx + r * 0.4, by - r * 0.1),
            fill=mix(base, (255, 255, 255), 0.22),
        )
    for _ in range(3):
        draw_tree(
            d,
            rng,
            rng.uniform(w * 0.75, w),
            shore + rng.uniform(0, 60),
            rng.uniform(300, 420),
            palm=True,
        )


def scene_mine(img, rng, opts):
    """Former tin-mining pit lake (kolong) being replanted."""
    w, h = img.size
    horizon = int(h * rng.uniform(0.36, 0.42))
    sky_and_sun(
        img,
        rng,
        horizon,
        (90, 140, 200),
        (220, 226, 228),
        clouds=6,
        sun=(w * 0.8, horizon * 0.3, 30),
    )
    draw_hills(img, rng, horizon, (70, 110, 72), 60, haze=(200, 210, 220, 50))
    ground = vertical_gradient((w, h - horizon), (214, 196, 150), (196, 170, 120)).convert("RGBA")
    img.alpha_composite(ground, (0, horizon))
    d = ImageDraw.Draw(img)
    # turquoise pit lake
    cx, cy = w * rng.uniform(0.35, 0.6), horizon + (h - horizon) * 0.32
    pts = []
    for i in range(24):
        a = 2 * math.pi * i / 24
        r = rng.uniform(0.75, 1.05)
        pts.append((cx + math.cos(a) * w * 0.45 * r, cy + math.sin(a) * (h - horizon) * 0.18 * r))
    d.polygon(pts, fill=(64, 178, 170))
    d.polygon([(x, y + 6) for x, y in pts[12:]], fill=(88, 196, 186))
    # rows of seedlings in the foreground
    for row in range(9):
        y = horizon + (h - horizon) * (0.55 + row * 0.05)
        for k in range(10 + row):
            x = (k + 0.5) * w / (10 + row) + rng.uniform(-10, 10)
            draw_tree(d, rng, x, y, 18 + row * 9, leaf=(56, 128, 60))
    # a few workers
    draw_crowd(
        img,
        rng,
        horizon + (h - horizon) * 0.75,
        h * 0.97,
        4,
        [(30, 70, 150), (230, 120, 30), (50, 50, 50)],
    )


def scene_harbour(img, rng, opts):
    """Fishing harbour with boats at dawn."""
    w, h = img.size
    horizon = int(h * rng.uniform(0.45, 0.52))
    sky_and_sun(
        img,
        rng,
        horizon,
        (100, 120, 170),
        (250, 200, 150),
        clouds=8,
        sun=(w * rng.uniform(0.2, 0.5), horizon - 60, 34),
    )
    draw_hills(img, rng, horizon, (80, 90, 110), 35, haze=(240, 200, 170, 50))
    draw_sea(img, rng, horizon, (120, 130, 150), (40, 80, 100))
    d = ImageDraw.Draw(img)
    boats = sorted(rng.uniform(horizon + 20, h - 60) for _ in range(9))
    for y in boats:
        t = (y - horizon) / (h - horizon)
        hull = rng.choice(
            [(40, 110, 170), (200, 60, 50), (230, 200, 60), (60, 150, 90), (240, 240, 235)]
        )
        draw_boat(d, rng, rng.uniform(-80, w - 50), y, 90 + t * 420, jitter(rng, hull, 10))
    # jetty
    jy = h - 40
    d.rectangle((0, jy, w * 0.45, h), fill=(110, 90, 70))
    for x in range(0, int(w * 0.45), 60):
        d.rectangle((x, jy, x + 10, h), fill=(80, 62, 48))
    draw_crowd(img, rng, h - 30, h + 20, 3, [(30, 30, 40), (150, 60, 40)], x_range=(20, w * 0.42))


def scene_bridge(img, rng, opts):
    """New concrete bridge over a river among coconut palms."""
    w, h = img.size
    horizon = int(h * rng.uniform(0.46, 0.52))
    sky_and_sun(img, rng, horizon, (50, 120, 200), (200, 225, 240), clouds=12)
    draw_hills(img, rng, horizon, (50, 95, 60), 70)
    draw_sea(img, rng, horizon, (70, 110, 100), (90, 120, 95))
    d = ImageDraw.Draw(img)
    # banks
    d.polygon([(0, horizon), (w * 0.3, horizon + 10), (w * 0.22, h), (0, h)], fill=(96, 120, 60))
    d.polygon([(w, horizon), (w * 0.72, horizon + 12), (w * 0.8, h), (w, h)], fill=(90, 116, 58))
    # deck with perspective
    dy0, dy1 = horizon - 40, horizon + 80
    d.polygon(
        [(-20, dy1), (w + 20, dy0), (w + 20, dy0 + 26), (-20, dy1 + 48)], fill=(188, 186, 178)
    )
    d.line([(-20, dy1 - 30), (w + 20, dy0 - 18)], fill=(230, 230, 226), width=6)
    for i in range(16):
        x = i * w / 15
        y = dy1 + (dy0 - dy1) * x / w
        d.line((x, y - 30 + 12 * x / w, x, y), fill=(220, 220, 215), width=4)
    for i in range(1, 6):
        x = i * w / 6
        top = dy1 + (dy0 - dy1) * x / w + 40 - 20 * x / w
        d.rectangle(
            (x - 18 + 6 * x / w, top, x + 18 - 6 * x / w, horizon + 200 - 60 * x / w),
            fill=(150, 148, 140),
        )
    for _ in range(8):
        x = rng.choice([rng.uniform(-20, w * 0.2), rng.uniform(w * 0.82, w + 20)])
        draw_tree(d, rng, x, horizon + rng.uniform(20, 160), rng.uniform(220, 380), palm=True)


def scene_fields(img, rng, opts):
    """Rice fields (sawah) with irrigation channel and a farmer."""
    w, h = img.size
    horizon = int(h * rng.uniform(0.34, 0.42))
    sky_and_sun(img, rng, horizon, (70, 130, 200), (215, 230, 238), clouds=11)
    draw_hills(img, rng, horizon, (60, 100, 70), 45, haze=(210, 220, 230, 60))
    field = vertical_gradient((w, h - horizon), (120, 170, 70), (70, 140, 40)).convert("RGBA")
    img.alpha_composite(field, (0, horizon))
    d = ImageDraw.Draw(img)
    vx = w * rng.uniform(0.4, 0.6)
    for i in range(-20, 40):
        x = i * w / 18
        d.line((vx, horizon, x, h), fill=(90, 140, 55), width=2)
    for k in range(1, 18):
        y = horizon + (h - horizon) * (k / 18) ** 1.8
        d.line((0, y, w, y), fill=(150, 190, 100), width=max(1, int(k / 4)))
    # water patches (flooded paddies)
    for _ in range(5):
        y = rng.uniform(horizon + 10, horizon + (h - horizon) * 0.5)
        x = rng.uniform(0, w)
        sx = rng.uniform(80, 260) * (1 + (y - horizon) / 200)
        d.polygon(
            [(x, y), (x + sx, y), (x + sx * 1.1, y + sx * 0.12), (x - sx * 0.1, y + sx * 0.12)],
            fill=(160, 190, 200),
        )
    # channel
    d.polygon(
        [(vx - 4, horizon), (vx + 4, horizon), (w * 0.85, h), (w * 0.7, h)], fill=(110, 150, 160)
    )
    for _ in range(6):
        draw_tree(
            d, rng, rng.uniform(0, w), horizon + 2, rng.uniform(60, 120), palm=rng.random() < 0.5
        )
    fx, fy = w * rng.uniform(0.2, 0.35), h * 0.9
    draw_person(d, fx, fy, 300, (60, 60, 70))
    # caping (conical farmer's hat)
    d.polygon([(fx - 70, fy - 262), (fx, fy - 318), (fx + 70, fy - 262)], fill=(214, 190, 130))


def scene_festival(img, rng, opts):
    """Open field festival with spectators and tents (Sumbawa)."""
    w, h = img.size
    horizon = int(h * rng.uniform(0.4, 0.46))
    sky_and_sun(
        img,
        rng,
        horizon,
        (60, 130, 210),
        (215, 225, 230),
        clouds=6,
        sun=(w * 0.15, horizon * 0.25, 28),
    )
    draw_hills(img, rng, horizon, (130, 120, 80), 90, haze=(220, 210, 190, 40))
    field = vertical_gradient((w, h - horizon), (178, 160, 110), (150, 130, 90)).convert("RGBA")
    img.alpha_composite(field, (0, horizon))
    d = ImageDraw.Draw(img)
    # track fence
    fy = horizon + (h - horizon) * 0.3
    d.line((0, fy, w, fy - 30), fill=(240, 240, 235), width=5)
    for x in range(0, w, 50):
        d.line((x, fy - 30 * x / w, x, fy - 30 * x / w + 30), fill=(230, 230, 225), width=3)
    # tents
    for _ in range(5):
        tx = rng.uniform(0, w - 200)
        tw = rng.uniform(160, 260)
        col = rng.choice([(200, 40, 40), (40, 90, 180), (240, 200, 40), (240, 240, 240)])
        base = horizon + rng.uniform(5, 30)
        d.rectangle((tx, base - 70, tx + tw, base), fill=mix(col, (255, 255, 255), 0.3))
        d.polygon(
            [(tx - 10, base - 70), (tx + tw / 2, base - 110), (tx + tw + 10, base - 70)], fill=col
        )
    # dust from the race track
    dust = Image.new("RGBA", img.size, (0, 0, 0, 0))
    dd = ImageDraw.Draw(dust)
    for _ in range(12):
        x = rng.uniform(w * 0.3, w * 0.8)
        r = rng.uniform(40, 110)
        dd.ellipse((x - r, fy - 40 - r / 2, x + r, fy - 40 + r / 2), fill=(220, 200, 160, 90))
    img.alpha_composite(dust.filter(ImageFilter.GaussianBlur(18)))
    draw_crowd(
        img,
        rng,
        fy + 60,
        h + 60,
        34,
        [
            (30, 30, 40),
            (200, 60, 60),
            (250, 250, 245),
            (50, 90, 160),
            (230, 190, 60),
            (120, 80, 50),
        ],
    )


def scene_bay(img, rng, opts):
    """Evening stage by the bay with city lights (Ambon)."""
    w, h = img.size
    horizon = int(h * rng.uniform(0.46, 0.52))
    sky_and_sun(img, rng, horizon, (40, 50, 110), (245, 150, 90), clouds=5)
    draw_hills(img, rng, horizon, (40, 45, 70), 110)
    d = ImageDraw.Draw(img)
    # town lights on the far shore
    for _ in range(260):
        x = rng.uniform(0, w)
        y = horizon - rng.uniform(0, 60)
        c = rng.choice([(255, 220, 140), (255, 250, 230), (255, 190, 110)])
        d.ellipse((x - 2, y - 2, x + 2, y + 2), fill=c)
    draw_sea(img, rng, horizon, (90, 70, 100), (30, 35, 60))
    # stage on the waterfront promenade
    sx0, sx1 = w * 0.3, w * 0.7
    sy = horizon + 110
    plaza = vertical_gradient((w, h - sy + 40), (60, 52, 62), (28, 26, 34)).convert("RGBA")
    img.alpha_composite(plaza, (0, sy - 40))
    d.line((0, sy - 40, w, sy - 40), fill=(150, 140, 150), width=3)
    d.rectangle((sx0, sy - 230, sx1, sy), fill=(25, 25, 35))
    d.rectangle((sx0 + 20, sy - 210, sx1 - 20, sy - 40), fill=(120, 40, 120))
    for i in range(7):
        x = sx0 + 40 + i * (sx1 - sx0 - 80) / 6
        beam = Image.new("RGBA", img.size, (0, 0, 0, 0))
        bd = ImageDraw.Draw(beam)
        bd.polygon([(x, sy - 220), (x - 90, sy), (x + 90, sy)], fill=(255, 240, 200, 45))
        img.alpha_composite(beam.filter(ImageFilter.GaussianBlur(8)))
    d = ImageDraw.Draw(img)
    for k in range(4):
        draw_person(d, sx0 + 120 + k * (sx1 - sx0 - 240) / 3, sy - 40, 120, (15, 15, 20))
    dark = [(20, 20, 30), (35, 30, 40), (45, 40, 50)]
    draw_crowd(img, rng, sy + 40, h + 80, 40, dark)


SCENES = {
    "office": scene_office,
    "beach": scene_beach,
    "mine": scene_mine,
    "harbour": scene_harbour,
    "bridge": scene_bridge,
    "fields": scene_fields,
    "festival": scene_festival,
    "bay": scene_bay,
}


# --------------------------------------------------------------------------
# finishing: grain, vignette, EXIF


def add_grain(img: Image.Image, rng: random.Random, strength: float) -> Image.Image:
    w, h = img.size
    noise = Image.frombytes("L", (w, h), rng.randbytes(w * h))
    noise = noise.filter(ImageFilter.GaussianBlur(1.0))
    noise = noise.point(lambda v: int(128 + (v - 128) * strength))
    return ImageChops.add(img, Image.merge("RGB", (noise, noise, noise)), 1.0, -128)


def add_vignette(img: Image.Image, amount: float) -> Image.Image:
    w, h = img.size
    rad = Image.radial_gradient("L").resize((w, h))
    mask = rad.point(lambda v: int(255 - max(0, v - 110) * amount))
    return ImageChops.multiply(img, Image.merge("RGB", (mask, mask, mask)))


def to_dms(value: float):
    value = abs(value)
    deg = int(value)
    minutes_f = (value - deg) * 60
    minutes = int(minutes_f)
    seconds = round((minutes_f - minutes) * 60 * 100)
    return (IFDRational(deg, 1), IFDRational(minutes, 1), IFDRational(seconds, 100))


def phone_exif(photo: Photo) -> Image.Exif:
    exif = Image.Exif()
    exif[Base.Make] = "Contoh"
    exif[Base.Model] = "Contoh Ponsel C1"
    exif[Base.Software] = "Contoh Kamera 1.0"
    exif[Base.Orientation] = 6
    exif[Base.DateTime] = photo.taken
    sub = exif.get_ifd(IFD.Exif)
    sub[Base.DateTimeOriginal] = photo.taken
    if photo.gps:
        lat, lon = photo.gps
        gps = exif.get_ifd(IFD.GPSInfo)
        gps[GPS.GPSVersionID] = b"\x02\x02\x00\x00"
        gps[GPS.GPSLatitudeRef] = "S" if lat < 0 else "N"
        gps[GPS.GPSLatitude] = to_dms(lat)
        gps[GPS.GPSLongitudeRef] = "W" if lon < 0 else "E"
        gps[GPS.GPSLongitude] = to_dms(lon)
        gps[GPS.GPSAltitudeRef] = b"\x00"
        gps[GPS.GPSAltitude] = IFDRational(12, 1)
    return exif


def render(photo: Photo) -> Image.Image:
    rng = rng_for(f"{photo.year}/{photo.name}")
    img = Image.new("RGBA", photo.size, (128, 128, 128, 255))
    SCENES[photo.scene](img, rng, photo.opts)
    rgb = img.convert("RGB").filter(ImageFilter.GaussianBlur(0.8))
    rgb = add_vignette(rgb, rng.uniform(0.5, 0.9))
    return add_grain(rgb, rng, rng.uniform(0.045, 0.06))


def save(photo: Photo, img: Image.Image) -> int:
    photo.path.parent.mkdir(parents=True, exist_ok=True)
    kwargs = {"quality": QUALITY, "optimize": True, "progressive": False}
    if photo.phone:
        # Phone sensors store landscape pixels and record how to turn them:
        # Orientation=6 means "rotate 90 degrees clockwise to display", so
        # the stored pixels are the upright scene turned counter-clockwise.
        img = img.transpose(Image.Transpose.ROTATE_90)
        kwargs["exif"] = phone_exif(photo)
    quality = QUALITY
    while True:
        kwargs["quality"] = quality
        img.save(photo.path, "JPEG", **kwargs)
        size = photo.path.stat().st_size
        if size <= MAX_BYTES or quality <= 50:
            return size
        quality -= 5


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--list", action="store_true", help="only list the photos")
    args = ap.parse_args(argv)
    for photo in PHOTOS:
        rel = photo.path.relative_to(ROOT)
        if args.list:
            print(rel)
            continue
        size = save(photo, render(photo))
        note = "  (portrait phone photo, EXIF Orientation=6, GPS)" if photo.phone else ""
        print(f"{rel}  {size // 1024} KB{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
