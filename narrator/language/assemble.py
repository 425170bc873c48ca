"""Assemble the report tree: fixed text from the config, the summary paragraph, one section per
strategic outcome with one paragraph per indicator, officer commentary, warnings as comments,
and the dashboard appendix. Words come from the realiser and the phrasebook; nothing here
decides a judgement or makes a sentence.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import PurePath

from narrator.context import Context
from narrator.errors import Location
from narrator.language.appendix import build_appendix
from narrator.language.findings import Finding
from narrator.language.groups import group_roles, group_together
from narrator.language.phrases import Phrasebook
from narrator.language.plan import GroupRole, ParagraphPlan, plan_paragraph
from narrator.language.realise import Realiser, Sentence, opening_words
from narrator.language.rules import apply_rules
from narrator.language.summary import quartile_summary, summary_parts, target_summary
from narrator.language.trends import series_of
from narrator.model import Indicator, Problem, Severity
from narrator.officer_files import (
    Catalogue,
    Commentary,
    Config,
    Officer,
    SpotlightPart,
    normalise_name,
)
from narrator.report import (
    Block,
    Comment,
    Properties,
    Report,
    Role,
)


@dataclass(frozen=True)
class IndicatorText:
    """One indicator's realised paragraph, kept for `explain` and for tests."""

    context: Context
    sentences: tuple[Sentence, ...]
    commentary: str | None
    plan: ParagraphPlan | None = None
    joins_previous: bool = False  # a later member of a catalogue group: same paragraph
    findings: tuple[Finding, ...] = ()  # every rule's finding, as the appendix reads them

    @property
    def text(self) -> str:
        parts = [s.text for s in self.sentences]
        if self.commentary:
            parts.append(self.commentary)
        return " ".join(parts)


def fingerprint(text: str) -> str:
    """A short, stable hash of a paragraph's text: changes exactly when the words change."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def indicator_key(name: str) -> str:
    return "indicator:" + normalise_name(name)


def _body(text: str, key: str | None, indicator: str | None = None) -> Block:
    return Block(
        Role.BODY,
        text,
        key=key,
        fingerprint=fingerprint(text) if key else None,
        indicator=indicator,
    )


def _section_of(outcomes: list[str], indicator: Indicator) -> int:
    """Index of the outcome an indicator's topic belongs to (its theme when it has no topic: a
    dashboard without a Topic column, whose outcomes are its themes); len(outcomes) for
    "other indicators"."""
    topic = indicator.topic if indicator.topic is not None else indicator.theme
    if topic is not None:
        wanted = normalise_name(topic)
        for i, outcome in enumerate(outcomes):
            if normalise_name(outcome) == wanted:
                return i
    return len(outcomes)


def realise_indicators(
    contexts: list[Context],
    realiser: Realiser,
    commentary: Commentary,
    catalogue: Catalogue | None = None,
) -> list[IndicatorText]:
    """Every indicator's paragraph, in the given order (a group's members already together,
    see `order_contexts`). What leads a paragraph (the change with the position, or in the
    opening) is chosen by its own findings' salience; within a section consecutive paragraphs never
    open with the same two words when the phrasebook offers another opening; every choice
    depends only on the data."""
    roles = group_roles(contexts, catalogue)
    out: list[IndicatorText] = []
    previous_topic: object = object()
    avoid: str | None = None
    opening_period: object = None
    opening_previous: object = None
    for ctx in contexts:
        role = roles.get(ctx.name, GroupRole.ALONE)
        findings = apply_rules(ctx)
        if ctx.indicator.topic != previous_topic:
            avoid = None
            realiser.new_section()
        joins = role in (GroupRole.MEMBER, GroupRole.OVERALL)
        if joins:
            same = ctx.indicator.latest_period == opening_period
            # the previous period too: named once in the paragraph, by its opening member
            before = same and ctx.indicator.previous_period == opening_previous
            plan = plan_paragraph(findings, ctx, role=role, same_period=same, same_previous=before)
            sentences = realiser.realise_plan(plan, ctx)
        else:
            # the shape by the paragraph's own facts (narrator.language.salience): a corrected
            # figure elsewhere, or a new indicator, never reshapes this paragraph
            plan = plan_paragraph(findings, ctx, role=role)
            sentences = realiser.realise_plan(plan, ctx, avoid_opening=avoid)
            avoid = opening_words(sentences[0].text) if sentences else None
            opening_period = ctx.indicator.latest_period
            opening_previous = ctx.indicator.previous_period
        previous_topic = ctx.indicator.topic
        out.append(
            IndicatorText(
                ctx,
                tuple(sentences),
                commentary.for_indicator(ctx.name),
                plan,
                joins_previous=joins,
                findings=tuple(findings),
            )
        )
    return out


def order_contexts(
    contexts: list[Context], config: Config, catalogue: Catalogue | None = None
) -> list[Context]:
    """Indicators in report order: by outcome as the config lists them, then (inside an outcome
    that asks for theme headings) by theme in dashboard order, then dashboard order; a
    catalogue group's later members move up to follow its opening member, in group order."""
    topics = [o.topic for o in config.outcomes]
    themes: dict[str | None, int] = {}
    for ctx in contexts:
        themes.setdefault(ctx.indicator.theme, len(themes))

    def key(item: tuple[int, Context]) -> tuple[int, int, int]:
        index, ctx = item
        section = _section_of(topics, ctx.indicator)
        by_theme = section < len(topics) and config.outcomes[section].themes
        return (section, themes[ctx.indicator.theme] if by_theme else 0, index)

    ordered = [ctx for _, ctx in sorted(enumerate(contexts), key=key)]
    return group_together(ordered, catalogue)


def _comments_by_indicator(problems: Iterable[Problem]) -> dict[str | None, tuple[Comment, ...]]:
    """Each indicator's warnings as comments, in problem order (one pass over the problems):
    where in the dashboard (file name, row or cell, column), what, the value and what was
    expected, so the reviewer can check the figure without running narrator."""
    found: dict[str | None, list[Comment]] = {}
    for p in problems:
        if p.severity is Severity.WARNING:
            file = PurePath(p.location.file).name if p.location.file else None
            where = p.location._replace(file=file, indicator=None).describe()
            text = f"narrator: {where}: {p.message}" if where else f"narrator: {p.message}"
            text += f" (found {p.value!r})" if p.value else ""
            text += f"; expected {p.expected}" if p.expected else ""
            found.setdefault(p.location.indicator, []).append(Comment(text))
    return {name: tuple(comments) for name, comments in found.items()}


@dataclass
class _Blocks:
    """The report's blocks being laid out, with the config and the phrasebook's fixed words."""

    config: Config
    book: Phrasebook
    common: dict[str, object]
    blocks: list[Block] = field(default_factory=list)

    def heading(self, name: str) -> None:
        text = self.book.report_text(f"headings.{name}", **self.common)
        self.blocks.append(Block(Role.HEADING, text))

    def fixed(self, section: str, *, numbered: bool = True) -> None:
        for i, para in enumerate(self.config.text.get(section, ())):
            if numbered:
                self.blocks.append(_body(para, f"text:{section}.{i + 1}"))
            else:
                self.blocks.append(Block(Role.PLAIN, para))

    def front(self) -> None:
        """The committee line, title and report-of line, then purpose, policy and background."""
        book, common, config = self.book, self.common, self.config
        self.blocks.append(
            Block(Role.COMMITTEE, book.report_text("committee_line", **common).upper())
        )
        self.blocks.append(Block(Role.TITLE, book.report_text("title", **common).upper()))
        if config.report_of:
            key = "joint_report_of" if config.joint else "report_of"
            self.blocks.append(Block(Role.SUBTITLE, book.report_text(key, **common).upper()))
        for section in ("purpose", "policy", "background"):
            self.heading(section)
            self.fixed(section)

    def spotlight(self, spotlight: tuple[SpotlightPart, ...]) -> None:
        if not spotlight:
            return
        self.blocks.append(Block(Role.HEADING, self.config.spotlight_title or "Spotlight"))
        for i, part in enumerate(spotlight):
            if part.heading:
                self.blocks.append(Block(Role.SUBHEADING, part.text))
            else:
                self.blocks.append(_body(part.text, f"spotlight:{i + 1}"))

    def outcomes(self, texts: list[IndicatorText], problems: list[Problem]) -> None:
        """One section per outcome with indicators or text of its own, in config order; then
        "Other indicators"."""
        config = self.config
        topics = [o.topic for o in config.outcomes]
        comments_for = _comments_by_indicator(problems)
        by_section: dict[int, list[IndicatorText]] = {}
        for text in texts:
            section = _section_of(topics, text.context.indicator)
            by_section.setdefault(section, []).append(text)
        sections = [i for i, o in enumerate(config.outcomes) if i in by_section or o.intro]
        sections += [i for i in sorted(by_section) if i >= len(config.outcomes)]
        for index in sections:
            outcome = config.outcomes[index] if index < len(config.outcomes) else None
            if outcome is None:
                # "Other indicators" only after outcome sections: with none (a dashboard with
                # no topics, a config with no outcomes) it would head the whole report
                if len(sections) > 1:
                    self.heading("other")
                elif not config.outcomes and config.department:
                    # a dashboard without topics, sections or themes: one heading, the
                    # department's
                    self.blocks.append(Block(Role.HEADING, config.department))
            else:
                self.blocks.append(Block(Role.HEADING, outcome.heading or outcome.topic))
                for i, para in enumerate(outcome.intro):
                    key = f"intro:{normalise_name(outcome.topic)}.{i + 1}"
                    self.blocks.append(_body(para, key))
            themed = outcome is not None and outcome.themes
            self.paragraphs(by_section.get(index, []), comments_for, themed=themed)

    def paragraphs(
        self,
        texts: list[IndicatorText],
        comments_for: dict[str | None, tuple[Comment, ...]],
        *,
        themed: bool,
    ) -> None:
        """One section's indicator paragraphs (a group's later members joined to its opening
        member's paragraph), under theme subheadings when the outcome asks for them."""
        theme: object = object()
        # a group's paragraph so far: its members' sentences, then all their commentary
        said: list[str] = []
        notes: list[str] = []
        blocks = self.blocks
        for text in texts:
            ind = text.context.indicator
            if text.joins_previous and blocks and blocks[-1].indicator is not None:
                # a later member of a group: the same paragraph, keyed by its opening member
                last = blocks[-1]
                said.extend(s.text for s in text.sentences)
                notes.extend([text.commentary] if text.commentary else [])
                joined = " ".join([*said, *notes])
                more = comments_for.get(ind.name, ())
                blocks[-1] = Block(
                    last.role,
                    joined,
                    last.key,
                    fingerprint(joined),
                    last.indicator,
                    (*last.comments, *more),
                    (*last.members, ind.name),
                )
                continue
            said = [s.text for s in text.sentences]
            notes = [text.commentary] if text.commentary else []
            if themed and ind.theme != theme:
                theme = ind.theme
                if ind.theme:
                    blocks.append(Block(Role.SUBHEADING, ind.theme))
            block = _body(text.text, indicator_key(ind.name), ind.name)
            comments = comments_for.get(ind.name, ())
            blocks.append(replace(block, comments=comments))

    def back(self, appendix_title: str) -> None:
        """Conclusion, background papers, circulation, the appendix's title and contacts."""
        config, book = self.config, self.book
        if config.text.get("conclusion"):
            self.heading("conclusion")
            self.fixed("conclusion")
        for section in ("background_papers", "circulation"):
            if section == "circulation" and not config.text.get(section):
                continue  # a council's own procedure: only when its config gives the section
            self.heading(section)
            if config.text.get(section):
                self.fixed(section, numbered=False)
            else:
                self.blocks.append(Block(Role.PLAIN, book.report_text("none")))
        self.heading("appendices")
        self.blocks.append(Block(Role.PLAIN, appendix_title))
        for extra in config.text.get("appendices", ()):
            self.blocks.append(Block(Role.PLAIN, extra))
        if config.officers:
            self.heading("officers")
            for officer in config.officers:
                self.blocks.append(Block(Role.PLAIN, self._officer(officer)))

    def _officer(self, officer: Officer) -> str:
        """One paragraph an officer, a line each for name, telephone and email (breaks, not
        paragraphs), so the paragraph spacing parts one officer from the next."""
        book = self.book
        person = {
            "name": officer.name,
            "role": officer.role,
            "telephone": officer.telephone,
            "email": officer.email,
        }
        lines = [book.report_text("officer", **person)]
        if officer.telephone:
            lines.append(book.report_text("telephone", **person))
        if officer.email:
            lines.append(book.report_text("email", **person))
        return "\n".join(lines)


def meeting_date(day: date, pattern: str, locale: str) -> str:
    """`day` written by babel with the CLDR `pattern` in `locale` ("3 September 2024"), kept
    by narrator.load_cache.remembered: a later build need not load babel's locale data."""
    from narrator.load_cache import remembered

    def answer() -> str:
        from babel.dates import format_date

        return str(format_date(day, pattern, locale=locale))

    question = f"format_date {day.isoformat()} {pattern!r} {locale}"
    return str(remembered("babel", question, answer))


def _common(config: Config, book: Phrasebook) -> dict[str, object]:
    """The values every fixed phrase of the report may use."""
    meeting = (
        meeting_date(config.meeting_date, book.report_text("date_format"), book.locale)
        if config.meeting_date
        else ""
    )
    return {
        "committee": config.committee,
        "meeting_date": meeting,
        "title": config.title,
        "report_of": config.report_of,
        "area": config.area,
        "department": config.department,
        "period": config.report_period.canonical() if config.report_period else "",
    }


def _summary(config: Config, texts: list[IndicatorText], realiser: Realiser) -> str:
    """The Background's summary paragraph: the parts the config's `summary` names, or those
    the dashboard holds (summary_parts), each said as its own sentences."""
    contexts = [t.context for t in texts]
    findings: list[Finding] = []
    for part in summary_parts(config.summary, contexts):
        if part == "targets":
            findings += target_summary([t.findings for t in texts])
        else:
            findings.append(quartile_summary(contexts))
    return " ".join(realiser.alone(f, None).text for f in findings)


def assemble(
    config: Config,
    texts: list[IndicatorText],
    realiser: Realiser,
    *,
    spotlight: tuple[SpotlightPart, ...] = (),
    problems: Iterable[Problem] = (),
) -> Report:
    """The whole report tree, in reading order. `texts` must already be in report order."""
    book = realiser.book
    common = _common(config, book)
    out = _Blocks(config, book, common)
    out.front()
    out.blocks.append(_body(_summary(config, texts, realiser), "summary:quartiles"))
    out.spotlight(spotlight)
    out.outcomes(texts, list(problems))
    appendix_title = config.appendix_title or book.report_text("appendix.title", **common)
    out.back(appendix_title)
    period = common["period"]
    properties = Properties(
        title=f"{config.committee}: {config.title}",
        subject=f"{config.department or config.area} performance report {period}".strip(),
        author=config.author or config.department or "",
        keywords="performance; overview and scrutiny",
        created=config.meeting_date,
    )
    appendix = build_appendix(
        appendix_title,
        [t.context for t in texts],
        realiser,
        rag_key=config.rag_key,
        findings={t.context.name: t.findings for t in texts},
        histories={t.context.name: s for t in texts if (s := series_of(t.context)) is not None},
    )
    return Report(tuple(out.blocks), properties, appendix)


def commentary_problems(commentary: Commentary, names: Iterable[str]) -> list[Problem]:
    """A warning for each commentary entry whose indicator is not in the data."""
    present = {normalise_name(n) for n in names}
    return [
        Problem(
            Severity.WARNING,
            "commentary-unknown-indicator",
            Location(file=commentary.source, indicator=commentary.names[key]),
            "commentary for an indicator that is not in the dashboard: not used",
            expected="the name of an indicator in the dashboard",
        )
        for key in commentary.texts
        if key not in present
    ]
