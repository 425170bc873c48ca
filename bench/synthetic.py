"""Synthetic dashboards for the benchmark: a CSV with the dashboard's own column names, a
catalogue and a config, for any number of indicators, the same every time for the same size.

The mix follows the sample dashboard: percentages, counts, rates per 10,000 and scores; high- and
low-is-good indicators and some with no polarity; quarterly, termly and annual periods; missing
previous values (new indicators), missing quartiles and targets, a few missing latest values, and
about one indicator in ten without a catalogue entry (a warning and a Word comment each).
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

COLUMNS = (
    "Topic",
    "Theme",
    "Indicator",
    "Polarity",
    "Frequency",
    "Previous Period",
    "Previous Value",
    "Latest Period",
    "Latest Value",
    "Trend",
    "Target",
    "Status RAG",
    "National benchmark (quartile 1 = top)",
    "Previous Quartile",
    "Most recent Statistical Neighbour average",
    "England average",
    "Numerator",
    "Denominator",
    "Previous Numerator",
    "Previous Denominator",
)

TOPICS = (
    (
        "Help children to live in safe, stable environments and have secure attachments",
        ("Social Care", "Children in Care"),
    ),
    ("Help families build strength, resilience, confidence and capacity", ("SEND", "Early Help")),
    ("Help every child to get the best possible start in life", ("Early Years", "Health")),
    (
        "Help every child to have access to good quality education",
        ("Education", "Attendance", "Inclusion"),
    ),
)

_SUBJECTS = (
    "assessments completed within 45 days",
    "child protection cases reviewed within timescales",
    "care leavers in suitable accommodation",
    "eligible 2 year olds taking up their funded place",
    "primary schools rated good or outstanding",
    "pupils persistently absent",
    "re-referrals within 12 months",
    "children in care with an up to date health assessment",
)
_NOUNS = ("children", "young people", "assessments", "families", "pupils")
_PERIODS = {
    "Quarter": ("Q4 2023/24", "Q1 2024/25"),
    "Term": ("Spring Term 2024", "Summer Term 2024"),
    "Annual": ("2022/23", "2023/24"),
}


@dataclass(frozen=True)
class Synthetic:
    """The files of one synthetic report: `config` names the other two."""

    config: Path
    dashboard: Path
    catalogue: Path
    indicators: int


def _value(rng: random.Random, unit: str) -> tuple[float, str]:
    if unit == "percentage":
        v = round(rng.uniform(1, 99), 1)
        return v, f"{v:.1f}%"
    if unit == "count":
        v = float(rng.randint(5, 15000))
        return v, f"{int(v)}"
    if unit == "rate":
        v = round(rng.uniform(5, 600), 1)
        return v, f"{v:.1f}"
    v = round(rng.uniform(80, 120), 2)
    return v, f"{v:.2f}"


def _row(rng: random.Random, i: int, topic: str, theme: str) -> tuple[list[str], dict[str, object]]:
    unit = rng.choices(("percentage", "count", "rate", "score"), (55, 20, 15, 10))[0]
    polarity = rng.choices(("High = Good", "Low = Good", "N/A"), (50, 35, 15))[0]
    frequency = rng.choices(tuple(_PERIODS), (60, 20, 20))[0]
    name = f"{rng.choice(_SUBJECTS).capitalize()} (set {i + 1})"
    latest, latest_text = _value(rng, unit)
    new = rng.random() < 0.1
    if new:
        previous, previous_text, previous_period = None, "", ""
    elif rng.random() < 0.1:
        previous, previous_text, previous_period = latest, latest_text, _PERIODS[frequency][0]
    else:
        previous, previous_text = _value(rng, unit)
        previous_period = _PERIODS[frequency][0]
    if previous is None:
        trend = "New"
    else:
        trend = (
            "Increase" if latest > previous else "Decrease" if latest < previous else "No Change"
        )
    target, rag = "N/A", "N/A"
    if polarity != "N/A" and rng.random() < 0.5:
        goal, _ = _value(rng, unit)
        sign = ">" if polarity == "High = Good" else "<"
        target = f"{sign}{goal:.1f}{'%' if unit == 'percentage' else ''}"
        rag = rng.choice(("Green", "Amber", "Red"))
    quartile = str(rng.randint(1, 4)) if polarity != "N/A" and rng.random() < 0.6 else "N/A"
    previous_quartile = str(rng.randint(1, 4)) if quartile != "N/A" and rng.random() < 0.3 else ""
    neighbour = england = ""
    if unit == "percentage" and rng.random() < 0.3:
        neighbour = f"{rng.uniform(1, 99):.1f}%"
        england = f"{rng.uniform(1, 99):.1f}%"
    numerator = denominator = previous_numerator = ""
    if unit == "percentage" and rng.random() < 0.6:
        denominator_n = rng.randint(20, 4000)
        denominator = str(denominator_n)
        numerator = str(round(latest / 100 * denominator_n))
        if previous is not None and rng.random() < 0.3:
            previous_numerator = str(round(previous / 100 * denominator_n))
    if rng.random() < 0.03:
        latest_text, trend = "", "N/A"
    row = [
        topic,
        theme,
        name,
        polarity,
        frequency,
        previous_period,
        previous_text,
        _PERIODS[frequency][1],
        latest_text,
        trend,
        target,
        rag,
        quartile,
        previous_quartile,
        neighbour,
        england,
        numerator,
        denominator,
        previous_numerator,
        "",
    ]
    entry: dict[str, object] = {
        "name": name,
        "subject": f"the {unit} of {name.lower()}",
        "unit": unit,
        "decimals": 0 if unit == "count" else 2 if unit == "score" else 1,
        "noun": rng.choice(_NOUNS),
    }
    if unit == "rate":
        entry["per"] = 10000
    if frequency == "Annual":
        entry["year_type"] = rng.choice(("academic", "financial"))
    return row, entry


def _yaml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_synthetic(
    folder: Path, indicators: int, *, seed: int = 6, area: str = "Synthetica"
) -> Synthetic:
    """Write dashboard.csv, catalogue.yaml and config.yaml for `indicators` rows into `folder`.

    The same size and seed always give the same files."""
    rng = random.Random(f"{seed}:{indicators}")
    folder.mkdir(parents=True, exist_ok=True)
    rows: list[list[str]] = []
    entries: list[dict[str, object]] = []
    for i in range(indicators):
        topic, themes = TOPICS[i * len(TOPICS) // max(indicators, 1)]
        theme = themes[i % len(themes)]
        row, entry = _row(rng, i, topic, theme)
        rows.append(row)
        if rng.random() < 0.9:
            entries.append(entry)
    dashboard = folder / "dashboard.csv"
    with dashboard.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    catalogue = folder / "catalogue.yaml"
    lines = ["indicators:"]
    for entry in entries:
        lines.append(f"  - name: {_yaml_text(str(entry['name']))}")
        for key, value in entry.items():
            if key != "name":
                shown = _yaml_text(value) if isinstance(value, str) else str(value)
                lines.append(f"    {key}: {shown}")
    catalogue.write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = folder / "config.yaml"
    outcomes = "\n".join(
        f"  - topic: {_yaml_text(topic)}" + ("\n    themes: true" if i == 2 else "")
        for i, (topic, _) in enumerate(TOPICS)
    )
    config.write_text(
        f"area: {area}\n"
        "committee: Children and Family Services Overview and Scrutiny Committee\n"
        "meeting_date: 2024-09-03\n"
        "title: Quarter 1 2024/25 Performance Report\n"
        "department: Children and Family Services\n"
        "report_period: Q1 2024/25\n"
        "dashboard: dashboard.csv\n"
        "catalogue: catalogue.yaml\n"
        f"outcomes:\n{outcomes}\n"
        "text:\n"
        "  purpose: [The purpose of this report is to present the Committee with an update.]\n"
        "  background: [Quartile positions are added where comparative data is available.]\n"
        "  conclusion: [The report summarises performance at the end of Quarter 1 2024/25.]\n",
        encoding="utf-8",
    )
    return Synthetic(config, dashboard, catalogue, indicators)
