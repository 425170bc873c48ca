"""What a paragraph has already said, so that it is not said again (issue 23: "reference like an
officer"). The planner hands its sentences here once they are arranged:

- a history span ("in the eight years published (since 2015/16)") is said once: a later record
  over the same span is said as "also the highest in that time" (its clause gets `again`).

No English here: a finding's values are marked, and the phrasebook words the mark.
"""

from __future__ import annotations

from dataclasses import replace

from narrator.language.findings import Clause, Finding, NationalFact

Span = tuple[object, object, object]


def _span(values: dict[str, object]) -> Span:
    return (values.get("since"), values.get("years"), values.get("first"))


def _record_span(finding: Finding) -> Span | None:
    """The span of the area's own record (a national table's record fact); None otherwise."""
    fact = finding.fact
    if isinstance(fact, NationalFact) and fact.measure == "record":
        return _span(finding.values)
    return None


def spans_once(findings: list[Finding]) -> list[Finding]:
    """`findings` in paragraph order, a record's span said once: a nested record clause
    (`extreme`, England's) over a span already said is marked `again`."""
    seen: set[Span] = set()
    out: list[Finding] = []
    for finding in findings:
        own = _record_span(finding)
        if own is not None:
            seen.add(own)
        extreme = finding.values.get("extreme")
        if isinstance(extreme, Clause):
            span = _span(extreme.values)
            if span in seen:
                again = Clause(extreme.key, {**extreme.values, "again": True})
                finding = replace(finding, values={**finding.values, "extreme": again})
            seen.add(span)
        out.append(finding)
    return out
