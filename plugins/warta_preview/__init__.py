"""Live preview: ``make devserver`` / ``invoke livereload``.

Builds the site once, then serves it from memory on http://127.0.0.1:8000/:
a change to an article is read on its own and the page is rendered when the
browser asks for it, so an edit shows in well under a second even on a site
of tens of thousands of articles. Drafts and scheduled stories show with
their banner (pelicanconf.py). Changes to the theme are picked up at once;
changes to plugins or settings restart the preview.
"""

from pathlib import Path

from .server import serve
from .site import PreviewSite

__all__ = ["PreviewSite", "start"]


def start(settings, root, host="127.0.0.1", port=8000):
    """Build, serve and follow changes until interrupted."""
    root = Path(root)
    site = PreviewSite(settings, root)
    folders = [settings["PATH"], settings["THEME"], root / "plugins"]
    folders += [path for path in root.glob("*conf.py")]
    serve(site, [str(f) for f in folders], host, port)
