"""Whether a figure is a flow (what was done during its period: "in Quarter 3") or a snapshot
(what stood at its end: "at the end of Quarter 3"), when the catalogue's `timing` does not say.

Two guesses, made once here for `narrator init` (which writes its guess into the catalogue with
why) and for a build (an entry that declares no `timing`, or no entry at all):

- an average time or duration ("the average time to remove fly-tipping", "Average days to
  complete a Care Act assessment"): averaged over the cases completed in the period, a flow;
- a count of events ("the number of fly-tipping incidents", "complaints received"): the events
  of the period, a flow; not a count of what is open or held at the end ("open referrals",
  "children on a plan"), nor of people or things, which stand at the end.

Everything else is a snapshot unless its name says "in the quarter" or the catalogue says
`timing: flow`; a catalogue's `timing: snapshot` overrides either guess (an average waiting
time of the people still waiting is a snapshot).
"""

from __future__ import annotations

import re

from narrator.lazy_re import lazy
from narrator.units import DURATIONS, Unit

# an average, mean or median time, or a time taken: "the average time to ...", "days taken to
# ..." (not "the average age", which is no time a case took)
_AVERAGE = lazy(
    r"\b(?:average|mean|median)\s+(?:(?:no\.?|number)\s+of\s+)?"
    r"(?:time|days|weeks|hours|minutes|months|length|duration|wait)\b"
    r"|\btimes?\s+(?:taken\s+)?to\b|\btimes?\s+taken\b"
    r"|\b(?:days|weeks|hours|minutes)\s+(?:taken\s+)?(?:to|from|between)\b",
    re.I,
)
# what a count of events counts: things that happen, each once, in a period
_EVENTS = re.compile(
    r"\b(?:incidents?|complaints?|crimes?|offences?|collisions?|casualties|calls?|call-outs?|"
    r"contacts?|applications?|claims?|requests?|enquiries|referrals?|re-referrals?|"
    r"admissions?|starts?|adoptions?|entrants?|visits?|inspections?|prosecutions?|evictions?|"
    r"notices?|reports?|fly-?tips?|missed\s+(?:bins?|collections?)|repairs?|removals?|"
    r"arrests?|presentations?|approaches|notifications?|assessments|conferences?|"
    r"exclusions?|suspensions?|permanent\s+exclusions?)\b",
    re.I,
)
# what is held at the end of the period, however its noun reads: "open referrals", "on a plan"
_HELD = re.compile(
    r"\b(?:open|current|active|outstanding|awaiting|waiting|on\s+(?:the\s+|a\s+)?"
    r"(?:list|register|plan|books?)|in\s+(?:care|temporary\s+accommodation)|backlog|"
    r"caseloads?|held)\b",
    re.I,
)


def flow_reason(text: str, unit: Unit, word: str | None) -> str | None:
    """Why a figure described by `text` (its subject or dashboard name), in `unit` with the
    word `word` after each figure ("days"; None: none), is a flow: an average time, or a count
    of events; None when neither (a snapshot, unless its name says otherwise)."""
    if word in DURATIONS and (m := _AVERAGE.search(text)):
        return f"an average time ('{m.group(0)}', in {word}): over what was done in the period"
    held = _HELD.search(text) is not None
    if unit is Unit.COUNT and word is None and not held and (m := _EVENTS.search(text)):
        return f"'{m.group(0)}' counted: the events of the period"
    return None
