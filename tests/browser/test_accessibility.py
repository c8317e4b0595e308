"""axe-core (WCAG 2.2 A/AA and best practices) on every page type, at 360 px
and 1280 px, in light and dark mode: no violation of any impact."""

import pytest

from .conftest import AXE, PAGE_TYPES, WIDTHS, artifact

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def run_axe(page, disable=()):
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async ([tags, disable]) => {
            const rules = Object.fromEntries(disable.map(id => [id, {enabled: false}]));
            const result = await axe.run(document, {
                runOnly: {type: "tag", values: tags},
                rules: rules,
                resultTypes: ["violations"],
            });
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: " + n.failureSummary),
            }));
        }""",
        [AXE_TAGS, list(disable)],
    )


def rules_off(name):
    """The gallery shows each component several times, so its landmarks
    (breadcrumbs, pagination, "Ralat") repeat by design; pages never do."""
    return ("landmark-unique",) if name == "components" else ()


def describe(violations):
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']}")
        lines += [f"    {node}" for node in v["nodes"]]
    return "\n".join(lines)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_axe_violations(visit, page_urls, name, width):
    v = visit(page_urls[name], width=width, color_scheme="light")
    v.page.screenshot(path=artifact(f"{name}-{width}.png"), full_page=True)
    violations = run_axe(v.page, rules_off(name))
    assert violations == [], f"{name} at {width}px:\n{describe(violations)}"
    assert v.third_party() == [], "requests to other sites"


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_axe_violations_in_dark_mode(visit, page_urls, name):
    v = visit(page_urls[name], width=360, color_scheme="dark")
    v.page.screenshot(path=artifact(f"{name}-360-dark.png"), full_page=True)
    violations = run_axe(v.page, rules_off(name))
    assert violations == [], f"{name} in dark mode:\n{describe(violations)}"
