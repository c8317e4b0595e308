"""Mobile first: no horizontal scroll at 320 px, tap targets of 24 px, a
print stylesheet, reduced motion respected."""

import pytest

from .conftest import PAGE_TYPES, artifact

# Everything a finger may need to hit, apart from links inside running text.
TARGETS = (
    ".warta-header__brand, .warta-nav__link, .warta-breadcrumbs__link, .warta-chips__link, "
    ".warta-share__link, .warta-pagination__link, .warta-region-list__link, "
    ".warta-footer__link, summary, .warta-byline__author, .warta-more a"
)


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_horizontal_scroll_at_320px(visit, page_urls, name):
    page = visit(page_urls[name], width=320).page
    overflow = page.evaluate(
        """() => {
            const root = document.documentElement;
            const wide = [...document.querySelectorAll("body *")]
                .filter(el => el.getBoundingClientRect().right > root.clientWidth + 0.5)
                .filter(el => getComputedStyle(el).position !== "absolute")
                .slice(0, 5)
                .map(el => el.tagName.toLowerCase() + "." + [...el.classList].join("."));
            return {scroll: root.scrollWidth, client: root.clientWidth, wide};
        }"""
    )
    assert overflow["scroll"] <= overflow["client"], f"{name} scrolls sideways: {overflow}"


@pytest.mark.parametrize("name", ["home", "article", "regions", "page-2"])
def test_tap_targets_are_at_least_24px(visit, page_urls, name):
    page = visit(page_urls[name], width=320).page
    small = page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
            .filter(el => el.offsetParent !== null)
            .map(el => [el, el.getBoundingClientRect()])
            .filter(([el, box]) => box.width < 24 || box.height < 24)
            .map(([el, box]) => `${el.textContent.trim()} ${box.width}x${box.height}`)""",
        TARGETS,
    )
    assert small == [], f"targets smaller than 24x24 px on {name}: {small[:10]}"


def test_article_prints_without_navigation_and_with_its_address(visit, page_urls, server):
    v = visit(page_urls["article"], width=1280)
    page = v.page
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => [".warta-nav", ".warta-footer", ".warta-share", ".warta-breadcrumbs",
                  ".warta-related", ".warta-skip-link"]
            .filter(s => document.querySelector(s))
            .map(s => [s, getComputedStyle(document.querySelector(s)).display])"""
    )
    assert hidden and all(display == "none" for _, display in hidden), hidden
    after = page.evaluate(
        "() => getComputedStyle(document.querySelector('.warta-article'), '::after').content"
    )
    assert server + page_urls["article"] in after
    assert page.evaluate("getComputedStyle(document.querySelector('.warta-article__body')).display")
    page.pdf(path=artifact("article-print.pdf"), format="A4")


@pytest.mark.parametrize(("motion", "behaviour"), [("reduce", "auto"), ("no-preference", "smooth")])
def test_reduced_motion_turns_off_smooth_scrolling(visit, motion, behaviour):
    page = visit("/", width=360, reduced_motion=motion).page
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == behaviour


def test_dark_mode_follows_the_system_setting(visit):
    light = visit("/", color_scheme="light").page
    dark = visit("/", color_scheme="dark").page
    background = "getComputedStyle(document.body).backgroundColor"
    assert light.evaluate(background) == "rgb(255, 255, 255)"
    assert dark.evaluate(background) != light.evaluate(background)
