"""Warta's tasks: build, preview, check and test the site (run with invoke).

The Makefile only creates the virtual environment and calls these.
"""

import shutil
import sys
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
PELICAN = str(BIN / "pelican")
CONFIG = {
    "content": "content",
    "settings": "pelicanconf.py",
    "publish": "publishconf.py",
    "output": "output",
    "host": "127.0.0.1",
    "port": 8000,
}


def _pelican(c, settings, output, extra=""):
    command = f"{PELICAN} {CONFIG['content']} -s {settings} -o {output} --fatal errors {extra}"
    result = c.run(command, warn=True, pty=False)
    if not result.ok:
        raise Exit("Build failed: see the messages above.", code=1)


@task(
    help={
        "output": "folder to write the site to (default: output)",
        "force": "build even when nothing changed since the last build",
    }
)
def build(c, output=CONFIG["output"], force=False):
    """Build the local preview of the site (drafts included) into output/."""
    _pelican(c, CONFIG["settings"], output, "-e WARTA_SKIP_UNCHANGED=false" if force else "")
    print(
        f"\nSite built in {output}/. To read it, run `make serve` and open "
        f"http://{CONFIG['host']}:{CONFIG['port']}/ (or `make devserver` to rebuild on change)."
    )


@task(help={"output": "folder to write the site to (default: output)"})
def publish(c, output=CONFIG["output"]):
    """Build the site for publication with publishconf.py."""
    _pelican(c, CONFIG["publish"], output)
    print(f"\nPublished build written to {output}/")


@task
def preview(c):
    """Build with publishconf.py and serve it, to see exactly what goes out."""
    publish(c)
    serve(c)


@task
def clean(c):
    """Remove the generated site and caches."""
    for name in (CONFIG["output"], "cache", ".pytest_cache"):
        path = ROOT / name
        if path.exists():
            shutil.rmtree(path)
            print(f"removed {name}/")


@task(help={"port": "port to serve on", "host": "address to bind"})
def serve(c, host=CONFIG["host"], port=CONFIG["port"]):
    """Serve output/ at http://127.0.0.1:8000/ (no rebuild)."""
    c.run(
        f"{PELICAN} --listen --bind {host} --port {port} -o {CONFIG['output']}",
        pty=False,
    )


@task(help={"port": "port to serve on", "host": "address to bind"})
def livereload(c, host=CONFIG["host"], port=CONFIG["port"]):
    """Preview with drafts, served from memory; pages reload on every change."""
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / CONFIG["settings"]))
    from warta_preview import start

    start(settings, ROOT, host, int(port))


@task(
    iterable=["path"],
    help={
        "path": "file or folder to check (repeatable; default: all content)",
        "strict": "treat warnings as errors",
    },
)
def check(c, path=None, strict=False):
    """Check the content and report every problem (path:line: what; how to fix)."""
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / CONFIG["settings"]))
    from warta_check import check_site, report

    if report(check_site(settings, path or ()), stream=sys.stdout, strict=strict):
        raise Exit(code=1)


@task
def lint(c):
    """Lint the Python code with ruff."""
    c.run(f"{BIN / 'ruff'} check .", pty=False)


@task(help={"k": "only run tests matching this expression", "x": "stop at the first failure"})
def test(c, k="", x=False):
    """Run the whole test suite (pytest) and the linter."""
    args = ["-q"]
    if k:
        args += ["-k", repr(k)]
    if x:
        args.append("-x")
    c.run(f"{BIN / 'python'} -m pytest {' '.join(args)}", pty=False)
    lint(c)


# --- theme tasks -------------------------------------------------------------


CHROMIUM_FLAGS = (
    "--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
    "--disable-component-update --disable-sync"
)


def _serve_folder(folder):
    """Serve ``folder`` on 127.0.0.1 (free port) in a thread; return (server, url)."""
    import threading
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _write_gallery(output):
    """Write the component gallery to <output>/komponen/index.html."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from warta_assets.examples import image_sources, render_gallery

    output = Path(output)
    sheet = next((output / "theme" / "css").glob("warta.*.css"))
    page = output / "komponen" / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(render_gallery("/" + sheet.relative_to(output).as_posix()), encoding="utf-8")
    for src in image_sources():
        source, target = ROOT / CONFIG["content"] / src, output / src
        if source.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return page


@task(help={"output": "folder to build into (default: output)"})
def gallery(c, output=CONFIG["output"]):
    """Build the site and add the component gallery at /komponen/ (every example)."""
    build(c, output)
    page = _write_gallery(output)
    print(f"Component gallery: {page} (run `make serve`, open /komponen/)")


@task(help={"output": "folder for the reports (default: tests/artifacts/lighthouse)"})
def lighthouse(c, output="tests/artifacts/lighthouse"):
    """Lighthouse (mobile) on the home page and an article. A report, not a gate.

    Lighthouse is not in package.json (it is large): npx fetches it on first
    use. Chromium is Debian's (/usr/bin/chromium).
    """
    import json
    import os
    import tempfile
    from shlex import quote

    site = Path(tempfile.mkdtemp(prefix="warta-lighthouse-")) / "output"
    _pelican(c, CONFIG["settings"], site)
    articles = sorted(site.glob("berita/*/*/*/index.html"), reverse=True)
    if not articles:
        raise Exit("No article was built.", code=1)
    article = "/" + articles[0].parent.relative_to(site).as_posix() + "/"
    reports = ROOT / output
    reports.mkdir(parents=True, exist_ok=True)
    server, base = _serve_folder(site)
    env = {"CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    try:
        for name, path in (("home", "/"), ("article", article)):
            target = reports / name
            c.run(
                f"npx --yes lighthouse@12 {quote(base + path)} --quiet"
                f" --chrome-flags={quote(CHROMIUM_FLAGS)}"
                " --only-categories=performance,accessibility,best-practices,seo"
                f" --output=html --output=json --output-path={quote(str(target))}",
                env=env,
                pty=False,
            )
            result = json.loads((reports / f"{name}.report.json").read_text())
            scores = ", ".join(
                f"{cat['title']} {round(cat['score'] * 100)}"
                for cat in result["categories"].values()
                if cat.get("score") is not None
            )
            print(f"{name}: {scores} -> {target}.report.html")
    finally:
        server.shutdown()
        shutil.rmtree(site.parent, ignore_errors=True)


# --- newsroom tasks ----------------------------------------------------------


@task(
    help={
        "title": "the headline, in quotes",
        "region": "region of the story: name, short name, alias or code ('Bangka Selatan')",
        "author": "author's name (default: git config user.name)",
        "tags": "topics, comma-separated: 'umkm, dana desa'",
    }
)
def new(c, title, region, author="", tags=""):
    """Start an article (status: draft) in content/berita/YYYY/MM/<slug>.md."""
    from pelican.settings import read_settings

    settings = read_settings(
        str(ROOT / CONFIG["settings"]), override={"PATH": str(ROOT / CONFIG["content"])}
    )
    from warta_check import check_site, report
    from warta_newsroom.new_article import NewArticleError, new_article
    from warta_reader.reader import display_path

    if not author:
        author = c.run("git config user.name", hide=True, warn=True).stdout.strip()
    try:
        path = new_article(settings, title, region, author, tags)
    except NewArticleError as exc:
        raise Exit(f"error: {exc}", code=1) from None
    print(f"Created {display_path(path)} (status: draft).")
    report(check_site(settings, [path]), stream=sys.stdout)


# --- benchmark tasks ---------------------------------------------------------
@task(
    help={
        "articles": "number of synthetic articles (default 1000)",
        "json": "also write the summary as JSON to this file",
        "repeat": "runs per scenario (default 2)",
        "seed": "random seed of the corpus (default 7)",
        "photos": "give 40% of the articles a photo",
        "drafts": "make 1% of the articles drafts (--no-drafts: publish them all)",
        "only": "comma-separated scenarios, e.g. cold_build,check",
        "profile": "also profile one cold build into this .prof file",
        "workdir": "keep the corpus, outputs and logs in this folder",
    }
)
def bench(
    c,
    articles=1000,
    json="",
    repeat=2,
    seed=7,
    photos=False,
    drafts=True,
    only="",
    profile="",
    workdir="",
):
    """Benchmark build, rebuild and check on a synthetic corpus (see bench/README.md)."""
    from shlex import quote

    args = [f"--articles {articles}", f"--repeat {repeat}", f"--seed {seed}"]
    if photos:
        args.append("--photos")
    if not drafts:
        args.append("--no-drafts")
    for flag, value in (("json", json), ("only", only), ("profile", profile), ("workdir", workdir)):
        if value:
            args.append(f"--{flag} {quote(str(value))}")
    c.run(f"{BIN / 'python'} -m bench {' '.join(args)}", pty=False)
