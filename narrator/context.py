"""`Context`: one indicator with everything a rule may look at, resolved once by intake
(`narrator.intake.resolve`) and plain data from then on: no stage works any of it out again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from narrator.model import CatalogueEntry, Indicator
from narrator.periods import Period
from narrator.published import Benchmark
from narrator.settings import RuleSettings, SizeTable
from narrator.units import Unit

if TYPE_CHECKING:  # in annotations only: a build without a history does not load it
    from narrator.series import Series


@dataclass(frozen=True)
class Context:
    """One indicator with what the rules need to judge and word it.

    entry:          its catalogue entry, None when the catalogue has none
    unit, decimals: resolved (catalogue first, then the data)
    area:           the council or area named in prose ("Leicestershire")
    report_period:  the period the report covers, None when the config gives none
    settings:       the config's rule settings
    comparison:     what the previous figure is, as declared (catalogue, else config):
                    "previous", "year_on_year", "last_report" or "earlier"; None: undeclared
    flow:           True when the figure counts what was done during the period ("in Quarter
                    1"), False for a snapshot at its end ("at the end of Quarter 1")
    benchmark:      what the national tables say about it (None: no national measure)
    subject:        the catalogue's subject phrase, without a "(year to date)" the latest
                    period already says; None: word it from the dashboard name
    per:            a rate's base (the catalogue's, else the one the name states); None for
                    other units
    scale:          money's scale, "k" or "m" (the catalogue's, else the one the name states:
                    "Spend (£000)"); None for pounds and for other units
    noun:           what counts count ("children"); None when the catalogue does not say
    history:        its figures in earlier dashboards, with the latest (narrator.series; None:
                    the config names no `history:`, or no earlier dashboard gives a figure
                    for it)
    sizes:          the phrasebook's size bands per unit (`sizes:`), before the config's
                    overrides (narrator.language.sizes lays `settings` over them); None: the
                    bundled phrasebook's
    """

    indicator: Indicator
    entry: CatalogueEntry | None
    unit: Unit
    decimals: int
    area: str
    report_period: Period | None
    settings: RuleSettings
    comparison: str | None = None
    flow: bool = False
    benchmark: Benchmark | None = None
    subject: str | None = None
    per: int | None = None
    scale: str | None = None
    noun: str | None = None
    history: Series | None = None
    sizes: SizeTable | None = None

    @property
    def name(self) -> str:
        """The indicator's dashboard name."""
        return self.indicator.name
