"""The W3C Nu HTML Checker (vnu-jar) finds no error in any page the site
writes, nor in the component gallery."""

import json
import subprocess

from .conftest import VNU, require


def test_every_page_is_valid_html(site):
    require(java=True)
    files = sorted(str(p) for p in site.rglob("*.html"))
    assert len(files) > 50
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    errors = [
        f"{m.get('url', '').split(str(site))[-1]}:{m.get('lastLine', '?')}: {m.get('message')}"
        f"  [{m.get('extract', '').strip()[:80]}]"
        for m in report["messages"]
        if m.get("type") in ("error", "non-document-error")
    ]
    assert errors == [], f"{len(errors)} HTML errors:\n" + "\n".join(errors[:40])
