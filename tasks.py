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


@task(help={"output": "folder to write the site to (default: output)"})
def build(c, output=CONFIG["output"]):
    """Build the local preview of the site (drafts included) into output/."""
    _pelican(c, CONFIG["settings"], output)
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
    """Build, serve and rebuild on every change, reloading the browser."""
    from livereload import Server

    def rebuild():
        c.run(
            f"{PELICAN} {CONFIG['content']} -s {CONFIG['settings']} -o {CONFIG['output']}",
            warn=True,
            pty=False,
        )

    rebuild()
    server = Server()
    for pattern in ("content/**/*", "theme/**/*", "plugins/**/*.py", "*.py"):
        server.watch(pattern, rebuild)
    print(f"Serving on http://{host}:{port}/ (Ctrl+C to stop)")
    server.serve(host=host, port=port, root=CONFIG["output"])


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


# --- newsroom tasks ----------------------------------------------------------


# --- benchmark tasks ---------------------------------------------------------
