"""Weight, privacy and JavaScript: an article costs at most 30 KB gzipped
(HTML, CSS, JS, fonts; images apart), asks nothing of other sites, and works
without JavaScript; "Salin tautan" copies the address with it."""

import gzip
import json

from .conftest import artifact

BUDGET = 30 * 1024
COUNTED = {"document", "stylesheet", "script", "font"}


def test_article_weighs_at_most_30_kb_gzipped(visit, page_urls):
    v = visit(None, width=360)
    responses = []
    v.page.on("response", lambda response: responses.append(response))
    v.go(page_urls["article"])
    v.page.wait_for_load_state("networkidle")
    sizes = {}
    for response in responses:
        kind = response.request.resource_type
        if kind in COUNTED:
            body = response.body()
            sizes[response.url] = {
                "type": kind,
                "bytes": len(body),
                "gzip": len(gzip.compress(body, compresslevel=6)),
            }
    total = sum(s["gzip"] for s in sizes.values())
    artifact("article-weight.json").write_text(
        json.dumps({"total_gzip": total, "files": sizes}, indent=2)
    )
    assert {s["type"] for s in sizes.values()} >= {"document", "stylesheet"}
    assert not [u for u, s in sizes.items() if s["type"] == "font"], "no web fonts"
    assert total <= BUDGET, f"article costs {total} bytes gzipped: {sizes}"
    assert v.third_party() == []


def test_site_works_without_javascript(visit, page_urls, server):
    v = visit("/", width=360, java_script_enabled=False)
    page = v.page
    page.locator(".warta-nav__link", has_text="Wilayah").click()
    assert page.url.endswith("/wilayah/")
    page.locator(".warta-region-directory__name a").first.click()
    page.locator(".warta-list .warta-card__link").first.click()
    assert "/berita/" in page.url
    share = page.locator(".warta-share__link")
    assert share.count() == 5
    copy = page.locator("[data-warta-copy]")
    assert copy.get_attribute("href") == page.url
    with page.expect_navigation():
        copy.click()  # without JavaScript the link simply opens the story
    assert "/berita/" in page.url
    assert v.third_party() == []


def test_copy_link_copies_the_story_address(visit, page_urls, server):
    v = visit(None, width=360)
    v.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    v.go(page_urls["article"])
    page = v.page
    page.locator("[data-warta-copy]").click()
    status = page.locator(".warta-share__status")
    status.filter(has_text="Tautan disalin.").wait_for(timeout=5000)
    assert page.url.endswith(page_urls["article"]), "the page stays"
    assert page.evaluate("navigator.clipboard.readText()") == server + page_urls["article"]
