"""Settings for the published site: pelicanconf.py plus the public URL."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("WARTA_SITEURL", "https://warta.example.go.id")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
# Drafts and future-dated articles, and images only they use, stay out; a leak
# scan after the build fails it if any trace of them is in the output.
WARTA_SHOW_DRAFTS = False
