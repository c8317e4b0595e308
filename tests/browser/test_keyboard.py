"""Keyboard use: the skip link, the main menu, visible focus."""

FOCUS = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
        text: el.textContent.trim(), id: el.id, tag: el.tagName.toLowerCase(),
        indicator: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2
                    && style.outlineColor !== "rgba(0, 0, 0, 0)")
                   || style.backgroundColor === "rgb(255, 191, 71)",
        visible: box.width > 0 && box.height > 0 && box.top >= 0 && box.top < innerHeight,
        inMain: !!el.closest("main"),
    };
}"""


def test_skip_link_is_first_shows_on_focus_and_moves_focus_to_main(visit, page_urls):
    page = visit(page_urls["article"], width=360).page
    link = page.locator(".warta-skip-link")
    assert link.bounding_box()["y"] + link.bounding_box()["height"] <= 0  # off screen
    page.keyboard.press("Tab")
    focus = page.evaluate(FOCUS)
    assert focus["text"] == "Langsung ke konten utama"
    assert focus["visible"] and focus["indicator"], focus
    page.keyboard.press("Enter")
    assert page.url.endswith("#main-content")
    assert page.evaluate(FOCUS)["id"] == "main-content"
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS)["inMain"], "the next Tab stays in the main content"


def test_main_menu_by_keyboard(visit):
    page = visit("/", width=1280).page
    seen = []
    for _ in range(8):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        assert focus["visible"] and focus["indicator"], focus
        seen.append(focus["text"])
        if focus["text"] == "Arsip":
            break
    assert seen[0] == "Langsung ke konten utama"
    assert seen[-4:] == ["Beranda", "Wilayah", "Topik", "Arsip"]
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(FOCUS)["text"] == "Wilayah"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/wilayah/")
    current = page.locator('.warta-nav__link[aria-current="page"]')
    assert current.inner_text() == "Wilayah"


def test_current_page_is_marked_in_menu_and_breadcrumbs(visit, page_urls):
    page = visit(page_urls["regency"], width=1280).page
    assert page.locator(".warta-nav__link[aria-current]").inner_text() == "Wilayah"
    assert page.locator('.warta-breadcrumbs [aria-current="page"]').count() == 1


def test_draft_article_shows_banner_and_corrections(visit, page_urls):
    page = visit(page_urls["draft-article"], width=360).page
    assert "DRAF" in page.locator(".warta-draft-banner").inner_text()  # shown in capitals
    items = page.locator(".warta-corrections__item")
    assert items.count() == 2
    assert "Rias" in items.nth(0).inner_text()
    page.locator(".warta-article__corrected").click()
    assert page.url.endswith("#ralat")
