"""Turn the runs into a summary (JSON) and a plain-text table."""

import os
import platform
from importlib.metadata import version

from .runner import TAXONOMY

TITLES = {
    "cold_build": "cold build",
    "warm_rebuild": "warm rebuild, nothing changed",
    "edit_rebuild": "edit one article, full rebuild",
    "preview_save": "edit one article, live preview",
    "check": "content check alone",
    "vanilla_cold_build": "vanilla Pelican cold build",
}
# Phases shown in the table when they take at least this share of the build.
PHASE_MIN_SHARE = 0.005


def summarise(runs, corpus_stats, settings):
    """Everything measured, as plain data for the JSON file."""
    scenarios = {name: scenario_summary(name_runs) for name, name_runs in runs.items()}
    cold = best_run(runs.get("cold_build"))
    summary = {
        "corpus": corpus_stats,
        "settings": settings,
        "machine": machine(),
        "scenarios": scenarios,
        "articles_per_second": _rate(corpus_stats["articles"], scenarios.get("cold_build")),
        "vanilla_ratio": _ratio(scenarios.get("cold_build"), scenarios.get("vanilla_cold_build")),
        "taxonomy": taxonomy_share(cold),
        "phases": phase_table(cold),
        "phases_vanilla": phase_table(best_run(runs.get("vanilla_cold_build"))),
    }
    summary["targets"] = targets(summary)
    return summary


def machine():
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "pelican": version("pelican"),
        "markdown": version("markdown"),
    }


def scenario_summary(runs):
    summary = {
        "seconds": [round(run.seconds, 3) for run in runs],
        "best": round(min(run.seconds for run in runs), 3),
        "peak_mb": [round(run.peak_mb) for run in runs if run.peak_mb],
        "tree_mb": [round(run.tree_mb) for run in runs if run.tree_mb],
        "load": [round(run.load, 2) for run in runs if run.load is not None],
    }
    inner = [run.result.get("build_seconds") or run.result.get("check_seconds") for run in runs]
    if all(inner):
        summary["inner_seconds"] = inner
        summary["inner_best"] = min(inner)
    if runs[-1].output:
        summary["output"] = runs[-1].output
    if "start_seconds" in runs[-1].result:
        summary["start_seconds"] = [run.result["start_seconds"] for run in runs]
    if "errors" in runs[-1].result:
        summary["problems"] = {k: runs[-1].result[k] for k in ("errors", "warnings")}
    return summary


def best_run(runs):
    return min(runs, key=lambda run: run.seconds) if runs else None


def save_to_preview_seconds(summary):
    """The live preview's time when measured, else the full rebuild's."""
    for name in ("preview_save", "edit_rebuild"):
        if name in summary["scenarios"]:
            return summary["scenarios"][name]["best"]
    return None


def _rate(articles, cold):
    return round(articles / cold["best"], 1) if cold else None


def _ratio(warta, vanilla):
    return round(warta["best"] / vanilla["best"], 2) if warta and vanilla else None


def taxonomy_share(run):
    """Seconds and share of the build spent on region and topic pages."""
    if run is None:
        return None
    seconds = run.result.get("seconds", {})
    parts = {label: round(seconds.get(label, 0.0), 3) for label in TAXONOMY}
    total = sum(parts.values())
    build = run.result["build_seconds"]
    return {"seconds": round(total, 3), "share": round(total / build, 3), "parts": parts}


def phase_table(run):
    """[(phase, seconds, calls, share of build)] of the best cold build, largest first."""
    if run is None:
        return []
    build = run.result["build_seconds"]
    seconds, calls = run.result.get("seconds", {}), run.result.get("calls", {})
    rows = [
        {"phase": label, "seconds": round(value, 3), "calls": calls.get(label, 0),
         "share": round(value / build, 3)}
        for label, value in seconds.items()
        if value / build >= PHASE_MIN_SHARE
    ]  # fmt: skip
    return sorted(rows, key=lambda row: -row["seconds"])


def targets(summary):
    """The issue's targets: value, limit, and whether met (None: not judged here)."""
    articles = summary["corpus"]["articles"]

    def measured(name, key):
        return summary["scenarios"].get(name, {}).get(key)

    peaks = [
        peak
        for name in ("cold_build", "warm_rebuild")
        for key in ("peak_mb", "tree_mb")
        for peak in measured(name, key) or []
    ]
    rows = [
        ("cold build / vanilla Pelican", summary["vanilla_ratio"], 0.5, "x", True),
        ("warm rebuild", measured("warm_rebuild", "best"), 5, "s", True),
        ("save -> preview", save_to_preview_seconds(summary), 1, "s", True),
        ("peak memory at 50,000 articles", max(peaks, default=None), 1024, "MB", articles >= 50000),
        (
            "content check at 10,000 articles",
            measured("check", "inner_best"),
            3,
            "s",
            articles >= 10000,
        ),
    ]
    return [
        {"target": name, "value": value, "limit": limit, "unit": unit,
         "met": (value <= limit) if judged and value is not None else None}
        for name, value, limit, unit, judged in rows
    ]  # fmt: skip


# --- text ----------------------------------------------------------------------


def table(rows, headers, align):
    """A plain-text table; ``align`` is a string of 'l'/'r' per column."""
    cells = [headers] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for number, row in enumerate(cells):
        parts = [
            c.ljust(w) if a == "l" else c.rjust(w)
            for c, w, a in zip(row, widths, align, strict=True)
        ]
        lines.append("  ".join(parts).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def render(summary):
    """The summary as text for the terminal."""
    corpus, settings = summary["corpus"], summary["settings"]
    loads = [load for s in summary["scenarios"].values() for load in s["load"]]
    blocks = [
        f"Warta benchmark: {corpus['articles']:,} articles ({corpus['mb']} MB of Markdown, "
        f"seed {settings['seed']}), {settings['repeat']} run(s) per scenario, "
        f"{summary['machine']['cpus']} CPUs, load average at the runs' start "
        + (f"{min(loads):.1f}–{max(loads):.1f}" if loads else "n/a"),
        scenario_table(summary["scenarios"]),
        derived_lines(summary),
        phase_block(summary["phases"]),
        "Targets:\n" + target_text(summary["targets"]),
    ]
    return "\n\n".join(block for block in blocks if block) + "\n"


def scenario_table(scenarios):
    rows = []
    for name, s in scenarios.items():
        output = s.get("output", {})
        rows.append(
            [
                TITLES.get(name, name),
                f"{s['best']:.2f}",
                " / ".join(f"{x:.2f}" for x in s["seconds"]),
                f"{s.get('inner_best', 0):.2f}" if "inner_best" in s else "",
                str(max(s["peak_mb"])) if s["peak_mb"] else "",
                str(max(s["tree_mb"])) if s["tree_mb"] else "",
                f"{output['pages']:,}" if output else "",
                f"{output['written']:,}" if output else "",
                str(output["mb"]) if output else "",
            ]
        )
    headers = [
        "scenario", "best s", "all runs s", "in-process s", "peak MB", "tree MB", "pages",
        "files written", "MB out",
    ]  # fmt: skip
    return table(rows, headers, "lrrrrrrrr")


def derived_lines(summary):
    lines = []
    if summary["articles_per_second"]:
        lines.append(f"articles/second (cold build): {summary['articles_per_second']}")
    if summary["vanilla_ratio"]:
        lines.append(f"cold build / vanilla Pelican: {summary['vanilla_ratio']}")
    preview = summary["scenarios"].get("preview_save", {})
    if preview.get("start_seconds"):
        starts = " / ".join(f"{s:.2f}" for s in preview["start_seconds"])
        lines.append(f"live preview start-up (a full build, then serving): {starts} s")
    tax = summary["taxonomy"]
    if tax:
        parts = ", ".join(f"{k} {v:.2f}" for k, v in tax["parts"].items())
        lines.append(
            f"taxonomy work: {tax['seconds']:.2f} s = {tax['share']:.1%} of the build ({parts})"
        )
    return "\n".join(lines)


def phase_block(phases):
    if not phases:
        return ""
    return (
        "Phases of the best cold build (they nest: jinja.render is inside writer.write_file,\n"
        "which is inside articles.write; shares do not add up to 100 %):\n" + phase_text(phases)
    )


def phase_text(phases):
    rows = [
        [p["phase"], f"{p['seconds']:.2f}", f"{p['share']:.1%}", f"{p['calls']:,}"] for p in phases
    ]
    return table(rows, ["phase", "seconds", "of build", "calls"], "lrrr")


def target_text(rows):
    def verdict(row):
        if row["value"] is None:
            return "not measured"
        return {True: "met", False: "NOT met", None: "not judged at this size"}[row["met"]]

    lines = [
        [r["target"], f"{r['value']}" if r["value"] is not None else "-",
         f"<= {r['limit']} {r['unit']}", verdict(r)]
        for r in rows
    ]  # fmt: skip
    return table(lines, ["target", "value", "limit", "verdict"], "lrrl")
