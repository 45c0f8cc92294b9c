"""bench/results.md: the machine, the data sizes, and each page and task at every size, with growth and targets."""

import datetime

from kumppani.bench.registry import pages, tasks

COUNTED = [
    ("crm.Organisation", "organisations"),
    ("crm.Contact", "contacts"),
    ("crm.Interaction", "interactions"),
    ("crm.TimelineEntry", "timeline entries"),
    ("crm.Delivery", "deliveries"),
    ("care_plans.FollowUp", "follow-ups"),
    ("leads.Lead", "leads"),
    ("leads.Offer", "offers"),
    ("segments.SegmentChange", "segment changes"),
    ("care_plans.CarePlan", "care plans"),
    ("accounts.User", "users"),
]


def _num(value) -> str:
    return f"{value:,}".replace(",", " ") if isinstance(value, int) else str(value)


def _ms(value) -> str:
    return "–" if value is None else f"{value:.1f}"


def page_verdict(targets, largest: dict, growth: float | None) -> tuple[str, list[str]]:
    misses = []
    if "error" in largest:
        return "error", [largest["error"]]
    if targets.p95_ms is not None and largest["p95_ms"] > targets.p95_ms:
        misses.append(f"p95 > {targets.p95_ms:g} ms")
    if targets.queries is not None and largest["queries"] > targets.queries:
        misses.append(f"> {targets.queries} queries")
    if targets.growth is not None and growth is not None and growth >= targets.growth:
        misses.append(f"growth ≥ {targets.growth:g}×")
    return ("pass" if not misses else "FAIL"), misses


def _target_text(targets, kind: str) -> str:
    parts = []
    if targets.p95_ms is not None:
        parts.append(f"p95 ≤ {targets.p95_ms:g} ms" + (" (first row)" if kind == "first_byte" else ""))
    if targets.queries is not None:
        parts.append(f"≤ {targets.queries} q")
    if targets.growth is not None:
        parts.append(f"< {targets.growth:g}×")
    return ", ".join(parts)


def render(results: dict[int, dict], *, note: str = "") -> str:
    """`results` maps each size (organisations) to what `measure.measure` returned for it."""
    sizes = sorted(results)
    small, large = sizes[0], sizes[-1]
    machine = results[large]["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (`manage.py bench`) on {datetime.date.today().isoformat()}. Server time is measured "
        "in-process through Django's test client with DEBUG off, the cached template loader and persistent "
        "connections; 5 warm-up requests, then the median and p95 of the measured ones. Queries are counted on "
        "the last warm-up. A page whose warm-ups take over a second is measured 5 times (n=5), not 30: it "
        "misses its target by far either way. Growth is p95 at the larger size divided by p95 at the smaller. "
        "A verdict judges "
        f"the largest size ({_num(large)} organisations).",
        "",
        "## Machine",
        "",
        f"- CPU: {machine.get('cpu', '?')}, {machine.get('cores', '?')} cores "
        f"(load average when measuring: {machine.get('load_average', '?')}; the machine is shared)",
        f"- RAM: {machine.get('ram_gb', '?')} GB",
        f"- PostgreSQL {machine.get('postgresql', '?')}, Python {machine.get('python', '?')}, "
        f"Django {machine.get('django', '?')}",
        "",
    ]
    if note:
        lines += [note, ""]
    for size in sizes:
        if results[size]["problems"]:
            lines += [f"**Not production settings at {_num(size)}:** {', '.join(results[size]['problems'])}", ""]
    lines += ["## Data", "", "| rows | " + " | ".join(_num(s) for s in sizes) + " |", "|---|" + "---:|" * len(sizes)]
    for label, name in COUNTED:
        row = [_num(results[s]["facts"].get("counts", {}).get(label, "–")) for s in sizes]
        lines.append(f"| {name} | " + " | ".join(row) + " |")
    generation = [f"{results[s]['facts'].get('generation_seconds', '–')} s" for s in sizes]
    lines += ["| generation time | " + " | ".join(generation) + " |", ""]

    lines += [
        "## Pages",
        "",
        "Times in ms: median / p95, then queries.",
        "",
        "| page | target | " + " | ".join(f"{_num(s)}" for s in sizes) + " | growth | verdict |",
        "|---|---|" + "---|" * len(sizes) + "---:|---|",
    ]
    registered = {p.name: p for p in pages()}
    by_size = {s: {r["name"]: r for r in results[s]["pages"]} for s in sizes}
    for name in [r["name"] for r in results[large]["pages"]]:
        page = registered.get(name)
        cells = []
        for s in sizes:
            r = by_size[s].get(name)
            if r is None:
                cells.append("–")
            elif "error" in r:
                cells.append(r["error"])
            else:
                fewer = f" (n={r['requests']})" if r.get("requests", 30) < 30 else ""
                cells.append(f"{_ms(r['median_ms'])} / {_ms(r['p95_ms'])}, {r['queries']} q{fewer}")
        a, b = by_size[small].get(name, {}), by_size[large][name]
        growth = b["p95_ms"] / a["p95_ms"] if a.get("p95_ms") and b.get("p95_ms") and small != large else None
        verdict, misses = page_verdict(page.targets, b, growth) if page else ("?", [])
        verdict_text = verdict + (f" ({'; '.join(misses)})" if misses else "")
        target = _target_text(page.targets, page.kind) if page else ""
        growth_text = f"{growth:.2f}×" if growth is not None else "–"
        lines.append(f"| {name} | {target} | " + " | ".join(cells) + f" | {growth_text} | {verdict_text} |")
    lines += ["", "## Tasks", "", "| task | target | " + " | ".join(_num(s) for s in sizes) + " | verdict |"]
    lines.append("|---|---|" + "---|" * len(sizes) + "---|")
    registered_tasks = {t.name: t for t in tasks()}
    task_by_size = {s: {r["name"]: r for r in results[s]["tasks"]} for s in sizes}
    for name in [r["name"] for r in results[large]["tasks"]]:
        task = registered_tasks.get(name)
        cells = []
        for s in sizes:
            r = task_by_size[s].get(name)
            figures = ", ".join(f"{k} {_num(v)}" for k, v in (r or {}).get("figures", {}).items())
            if r is None:
                cells.append("–")
            elif r.get("error"):
                cells.append(f"error: {r['error']}")
            else:
                cells.append(f"{r['seconds']:.1f} s ({figures})")
        limit = task.targets.seconds if task else None
        seconds = task_by_size[large][name]["seconds"]
        if limit is None or seconds is None:
            verdict = "–" if seconds is not None else "error"
        else:
            verdict = "pass" if seconds <= limit else f"FAIL (> {limit:g} s)"
        lines.append(f"| {name} | ≤ {limit:g} s | " + " | ".join(cells) + f" | {verdict} |")
    urls = [f"- {r['name']}: `{r['url']}`" for r in results[large]["pages"]]
    lines += ["", "## URLs (at the largest size)", "", *urls, ""]
    return "\n".join(lines)
