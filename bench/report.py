"""The table `make bench` prints (and the README shows), and the targets of issue 8."""


def _fmt(value, digits=1):
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def evaluate(results: dict, targets: dict) -> list[dict]:
    """One line per target of issue 8: the figure, the target and whether it is met."""
    figures = results["figures"]
    lines = []
    for key, label in (("caseload", "Caseload consultant"), ("teamlead_list", "Team lead list")):
        large, small = figures.get(f"{key}@large"), figures.get(f"{key}@small")
        if not large:
            continue
        lines.append(
            {
                "target": f"{label}: median ≤ {targets['page_median_ms']} ms at large N",
                "value": large["median_ms"],
                "met": large["median_ms"] <= targets["page_median_ms"],
            }
        )
        lines.append(
            {
                "target": f"{label}: ≤ {targets['page_queries']} queries",
                "value": large["queries"],
                "met": large["queries"] <= targets["page_queries"],
            }
        )
        if small:
            ratio = round(large["median_ms"] / small["median_ms"], 2)
            lines.append(
                {
                    "target": f"{label}: large/small ≤ {targets['scale_ratio']}",
                    "value": ratio,
                    "met": ratio <= targets["scale_ratio"],
                }
            )
    dashboard = figures.get("dashboard@large")
    if dashboard:
        lines.append(
            {
                "target": f"Team-lead dashboard: median ≤ {targets['dashboard_median_ms']} ms",
                "value": dashboard["median_ms"],
                "met": dashboard["median_ms"] <= targets["dashboard_median_ms"],
            }
        )
    scan = figures.get("deadline_scan@large")
    if scan:
        lines.append(
            {
                "target": f"Deadline scan: ≤ {targets['scan_seconds']} s",
                "value": scan["seconds"],
                "met": scan["seconds"] <= targets["scan_seconds"],
            }
        )
        lines.append(
            {
                "target": "Deadline scan: second run writes 0 rows",
                "value": scan["second_run_rows"],
                "met": scan["second_run_rows"] == 0,
            }
        )
    beschikking = figures.get("beschikking@large")
    if beschikking:
        lines.append(
            {
                "target": f"Beschikking: ≤ {targets['beschikking_ms']} ms per document",
                "value": beschikking["median_ms"],
                "met": beschikking["median_ms"] <= targets["beschikking_ms"],
            }
        )
    return lines


def table(results: dict) -> str:
    """A Markdown table: every figure with its floor and the ratio."""
    dbs = results["databases"]
    size_label = {s: f"{d['n']:,}" for s, d in dbs.items()}
    rows = [
        "| Figure | Cases in DB | Median | p95 | Queries | Floor median | Floor p95 | Ratio |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key, figure in results["figures"].items():
        name, _, size = key.partition("@")
        cases = size_label.get(size, "—")
        if "median_ms" in figure and "floor_median_ms" in figure:
            rows.append(
                f"| {figure['label']} | {cases} | {_fmt(figure['median_ms'])} ms "
                f"| {_fmt(figure['p95_ms'])} ms | {_fmt(figure.get('queries'))} "
                f"| {_fmt(figure['floor_median_ms'])} ms | {_fmt(figure['floor_p95_ms'])} ms "
                f"| {_fmt(figure['ratio'], 2)} |"
            )
        elif name == "deadline_scan":
            floor = figure.get("floor_seconds")
            rows.append(
                f"| {figure['label']}, 1st run ({figure['rows_written']:,} rows written) "
                f"| {cases} | {_fmt(figure['seconds'], 2)} s | — | — "
                f"| {_fmt(floor, 2)} s | — | {_fmt(figure['ratio'], 2)} |"
            )
            rows.append(
                f"| {figure['label']}, 2nd run ({figure['second_run_rows']:,} rows written) "
                f"| {cases} | {_fmt(figure['second_run_seconds'], 2)} s | — | — "
                f"| {_fmt(floor, 2)} s | — | {_fmt(figure.get('second_run_ratio'), 2)} |"
            )
        elif name == "make_run":
            value = f"{_fmt(figure['seconds'], 0)} s" if figure.get("seconds") else figure["error"]
            rows.append(
                f"| `make run`, clean clone → first 200 | — | {value} | — | — | — | — | — |"
            )
    lines = ["\n".join(rows)]
    scan = next(
        (f for k, f in results["figures"].items() if k.startswith("deadline_scan") and f), None
    )
    if scan and scan.get("floor_rules"):
        lines += [
            "",
            f"Deadline scan floor: one SQL statement over the active cases computing the due "
            f"dates and states of {len(scan['floor_rules'])} of the "
            f"{scan.get('floor_rules_registered', '?')} rules (those that need only the case's "
            f"own key dates), aggregated in the database, nothing written: a floor, not an "
            f"equivalent (bench/scan_floor.py).",
        ]
    lines += ["", "| Target (issue 8) | Value | Met |", "|---|---:|---|"]
    for line in results.get("summary", []):
        met = "yes" if line["met"] else "**no**"
        lines.append(f"| {line['target']} | {_fmt(line['value'], 2)} | {met} |")
    if results.get("not_measured"):
        lines.append("")
        lines.append("Not measured:")
        for key, reason in results["not_measured"].items():
            lines.append(f"- {key}: {reason}")
    return "\n".join(lines)
