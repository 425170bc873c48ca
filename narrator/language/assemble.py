"""Assemble the report tree: fixed text from the config, the summary paragraph, one section per
strategic outcome with one paragraph per indicator, officer commentary, warnings as comments,
and the dashboard appendix. Words come from the realiser and the phrasebook; nothing here
decides a judgement or makes a sentence.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath

from narrator.context import Context
from narrator.errors import Location
from narrator.intake.catalogue import Catalogue, normalise_name
from narrator.intake.commentary import Commentary, SpotlightPart
from narrator.intake.config import Config
from narrator.judgement import (
    comparison_judgement,
    definition_crossed,
    direction_of,
    judgement_of,
)
from narrator.language.groups import group_roles, group_together
from narrator.language.measures import figure
from narrator.language.phrases import Phrasebook
from narrator.language.plan import ParagraphPlan, Shape, plan_paragraph
from narrator.language.plan import Role as GroupRole
from narrator.language.realise import Realiser, Sentence, opening_words, stable_index
from narrator.language.rules import apply_rules, quartile_summary
from narrator.language.trends import trend_of
from narrator.model import Indicator, Polarity, Problem, Rag, Severity
from narrator.report import (
    APPENDIX_COLUMNS,
    Appendix,
    AppendixRow,
    Block,
    Comment,
    FigureWords,
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
    see `order_contexts`). A paragraph's shape (the change with the position, or in the
    opening) is chosen by its indicator's name; within a section consecutive paragraphs never
    open with the same two words when the phrasebook offers another opening; every choice
    depends only on the data."""
    roles = group_roles(contexts, catalogue)
    out: list[IndicatorText] = []
    previous_topic: object = object()
    avoid: str | None = None
    opening_period: object = None
    for ctx in contexts:
        role = roles.get(ctx.name, GroupRole.ALONE)
        if ctx.indicator.topic != previous_topic:
            avoid = None
            realiser.new_section()
        joins = role in (GroupRole.MEMBER, GroupRole.OVERALL)
        if joins:
            same = ctx.indicator.latest_period == opening_period
            plan = plan_paragraph(apply_rules(ctx), ctx, role=role, same_period=same)
            sentences = realiser.realise_plan(plan, ctx)
        else:
            # the shape by the indicator's name alone: a corrected figure elsewhere, or a new
            # indicator, never reshapes this paragraph
            shape = (Shape.CHANGE_IN_OPENING, Shape.CHANGE_WITH_POSITION)[
                stable_index(ctx.name + " shape", 2)
            ]
            plan = plan_paragraph(apply_rules(ctx), ctx, role=role, shape=shape)
            sentences = realiser.realise_plan(plan, ctx, avoid_opening=avoid)
            avoid = opening_words(sentences[0].text) if sentences else None
            opening_period = ctx.indicator.latest_period
        previous_topic = ctx.indicator.topic
        out.append(
            IndicatorText(
                ctx,
                tuple(sentences),
                commentary.for_indicator(ctx.name),
                plan,
                joins_previous=joins,
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
    problems = list(problems)
    from babel.dates import format_date

    meeting = (
        format_date(config.meeting_date, book.report_text("date_format"), locale=book.locale)
        if config.meeting_date
        else ""
    )
    period = config.report_period.canonical() if config.report_period else ""
    common = {
        "committee": config.committee,
        "meeting_date": meeting,
        "title": config.title,
        "report_of": config.report_of,
        "area": config.area,
        "department": config.department,
        "period": period,
    }
    blocks: list[Block] = []

    def heading(name: str) -> None:
        blocks.append(Block(Role.HEADING, book.report_text(f"headings.{name}", **common)))

    def fixed(section: str, *, numbered: bool = True) -> None:
        for i, para in enumerate(config.text.get(section, ())):
            if numbered:
                blocks.append(_body(para, f"text:{section}.{i + 1}"))
            else:
                blocks.append(Block(Role.PLAIN, para))

    blocks.append(Block(Role.COMMITTEE, book.report_text("committee_line", **common).upper()))
    blocks.append(Block(Role.TITLE, book.report_text("title", **common).upper()))
    if config.report_of:
        key = "joint_report_of" if config.joint else "report_of"
        blocks.append(Block(Role.SUBTITLE, book.report_text(key, **common).upper()))

    heading("purpose")
    fixed("purpose")
    heading("policy")
    fixed("policy")
    heading("background")
    fixed("background")
    summary = realiser.sentence(quartile_summary([t.context for t in texts]), None)
    blocks.append(_body(summary.text, "summary:quartiles"))

    if spotlight:
        title = config.spotlight_title or "Spotlight"
        blocks.append(Block(Role.HEADING, title))
        for i, part in enumerate(spotlight):
            if part.heading:
                blocks.append(Block(Role.SUBHEADING, part.text))
            else:
                blocks.append(_body(part.text, f"spotlight:{i + 1}"))

    topics = [o.topic for o in config.outcomes]
    comments_for = _comments_by_indicator(problems)
    by_section: dict[int, list[IndicatorText]] = {}
    for text in texts:
        by_section.setdefault(_section_of(topics, text.context.indicator), []).append(text)
    # every outcome with indicators or with text of its own, in config order; then "other"
    sections = [i for i, o in enumerate(config.outcomes) if i in by_section or o.intro]
    sections += [i for i in sorted(by_section) if i >= len(config.outcomes)]
    for index in sections:
        outcome = config.outcomes[index] if index < len(config.outcomes) else None
        if outcome is None:
            # "Other indicators" only after outcome sections: with none (a dashboard with no
            # topics, a config with no outcomes) it would head the whole report
            if len(sections) > 1:
                heading("other")
            elif not config.outcomes and config.department:
                # a dashboard without topics, sections or themes: one heading, the department's
                blocks.append(Block(Role.HEADING, config.department))
        else:
            blocks.append(Block(Role.HEADING, outcome.heading or outcome.topic))
            for i, para in enumerate(outcome.intro):
                blocks.append(_body(para, f"intro:{normalise_name(outcome.topic)}.{i + 1}"))
        theme: object = object()
        # a group's paragraph so far: its members' sentences, then all their commentary
        said: list[str] = []
        notes: list[str] = []
        for text in by_section.get(index, []):
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
            if outcome is not None and outcome.themes and ind.theme != theme:
                theme = ind.theme
                if ind.theme:
                    blocks.append(Block(Role.SUBHEADING, ind.theme))
            block = _body(text.text, indicator_key(ind.name), ind.name)
            comments = comments_for.get(ind.name, ())
            blocks.append(
                Block(
                    block.role,
                    block.text,
                    block.key,
                    block.fingerprint,
                    block.indicator,
                    comments,
                )
            )

    if config.text.get("conclusion"):
        heading("conclusion")
        fixed("conclusion")
    for section in ("background_papers", "circulation"):
        if section == "circulation" and not config.text.get(section):
            continue  # a council's own procedure: only when its config gives the section
        heading(section)
        if config.text.get(section):
            fixed(section, numbered=False)
        else:
            blocks.append(Block(Role.PLAIN, book.report_text("none")))
    appendix_title = config.appendix_title or book.report_text("appendix.title", **common)
    heading("appendices")
    blocks.append(Block(Role.PLAIN, appendix_title))
    for extra in config.text.get("appendices", ()):
        blocks.append(Block(Role.PLAIN, extra))
    if config.officers:
        heading("officers")
        for officer in config.officers:
            person = {
                "name": officer.name,
                "role": officer.role,
                "telephone": officer.telephone,
                "email": officer.email,
            }
            # one paragraph an officer, a line each for name, telephone and email (breaks,
            # not paragraphs), so the paragraph spacing parts one officer from the next
            lines = [book.report_text("officer", **person)]
            if officer.telephone:
                lines.append(book.report_text("telephone", **person))
            if officer.email:
                lines.append(book.report_text("email", **person))
            blocks.append(Block(Role.PLAIN, "\n".join(lines)))

    properties = Properties(
        title=f"{config.committee}: {config.title}",
        subject=f"{config.department or config.area} performance report {period}".strip(),
        author=config.author or config.department or "",
        keywords="performance; overview and scrutiny",
        created=config.meeting_date,
    )
    appendix = build_appendix(
        appendix_title, [t.context for t in texts], realiser, rag_key=config.rag_key
    )
    return Report(tuple(blocks), properties, appendix)


def _target_text(ctx: Context) -> str | None:
    """The target as the dashboard wrote it; money the catalogue declares in thousands or
    millions carries its scale, as the figures beside it do ("£40,100k" beside "£20,905k",
    never a bare "£40,100" that reads as pounds). None when there is no target."""
    target = ctx.indicator.target
    if target is None:
        return None
    text = target.text
    scale = ctx.scale
    if scale and target.value and not text.rstrip().lower().endswith(scale):  # £0 stays £0
        return text.rstrip() + scale
    return text


def _progress(ctx: Context) -> str | None:
    """The appendix's direction of travel: a judgement, else a direction; for a
    single-period indicator, the judgement its comparison word makes, if any. None (N/A)
    when nothing is known, and across a declared definition change."""
    ind = ctx.indicator
    direction = direction_of(ctx)
    if direction is None:
        said = comparison_judgement(ind.polarity, ind.comparison)
        return said.value if said else None
    if definition_crossed(ctx):
        return None
    judgement = judgement_of(ind.polarity, direction)
    return judgement.value if judgement else direction.value


def _shown(ctx: Context, moved: str | None) -> str | None:
    """The appendix's word for the change: a single-period indicator's own comparison word
    ("Similar", "New"), else the change's judgement or direction."""
    if direction_of(ctx) is None and ctx.indicator.comparison is not None:
        return ctx.indicator.comparison.value
    return moved


def rag_key_text(
    book: Phrasebook, declared: str | tuple[tuple[str, str], ...] | None
) -> dict[str, str]:
    """The RAG key's meaning of each letter: the phrasebook's key of the declared name
    ("quartile", "target"), or the config's own pairs; empty when none is declared."""
    if declared is None:
        return {}
    if isinstance(declared, str):
        return book.report_table(f"appendix.rag_keys.{declared}")
    return dict(declared)


def build_appendix(
    title: str,
    contexts: list[Context],
    realiser: Realiser,
    *,
    rag_key: str | tuple[tuple[str, str], ...] | None = None,
    histories: Mapping[str, Sequence[tuple[str, Decimal | None]]] | None = None,
) -> Appendix:
    """The dashboard table (one row per indicator, grouped by area in report order), the RAG
    key (the config's `rag_key`; none when it declares none or no indicator has a rating), the
    counts the summary charts show, and a trend chart for each indicator `histories` gives a
    series for (by indicator name: (period label, value or None), oldest first, the latest
    period included; None or an absent name: no trend chart)."""
    book = realiser.book
    words = book.report_table("appendix.direction")
    quartile_names = book.report_table("appendix.quartile")
    rated = any(ctx.indicator.rag is not None for ctx in contexts)
    key_text = rag_key_text(book, rag_key) if rated else {}
    missing = book.report_text("appendix.missing")
    areas: dict[str | None, int] = {}
    for ctx in contexts:
        areas.setdefault(ctx.indicator.theme, len(areas))
    ordered = sorted(enumerate(contexts), key=lambda p: (areas[p[1].indicator.theme], p[0]))
    rows = []
    quartiles = dict.fromkeys([*quartile_names.values(), missing], 0)
    rags = dict.fromkeys(["Green", "Amber", "Red", missing], 0)
    progress = dict.fromkeys([words["improved"], words["unchanged"], words["worsened"], missing], 0)
    for _, ctx in ordered:
        ind: Indicator = ctx.indicator

        def fig(value: object, ctx: Context = ctx) -> str | None:
            return realiser.figure(figure(ctx, value)) if isinstance(value, Decimal) else None

        moved = _progress(ctx)
        quartile = quartile_names.get(ind.quartile) if ind.quartile else None
        rows.append(
            AppendixRow(
                area=ind.theme or "",
                indicator=ind.name,
                latest=fig(ind.latest),
                latest_period=ind.latest_period.label if ind.latest_period else None,
                previous=fig(ind.previous),
                previous_period=ind.previous_period.label if ind.previous_period else None,
                direction=words.get(shown) if (shown := _shown(ctx, moved)) else None,
                target=_target_text(ctx),
                rag=ind.rag,
                quartile=quartile,
            )
        )
        quartiles[quartile or missing] += 1
        rags[ind.rag.name.capitalize() if ind.rag else missing] += 1
        if ind.polarity is not Polarity.NONE and moved in ("improved", "unchanged", "worsened"):
            progress[words[moved]] += 1
        else:
            progress[missing] += 1
    key = tuple((rag, key_text[rag.value]) for rag in Rag if rag.value in key_text)
    # a column the dashboard has nothing for (no RAG column; no topic or theme to name an
    # area) is left out rather than shown "N/A" or blank on every row
    empty = {"rag"} if not rated else set()
    empty |= {"area"} if not any(row.area for row in rows) else set()
    trends = [trend_of(ctx, (histories or {}).get(ctx.name)) for _, ctx in ordered]
    return Appendix(
        title=title,
        rows=tuple(rows),
        rag_key=key,
        quartile_counts=quartiles,
        rag_counts=rags,
        progress_counts=progress,
        columns=tuple(name for name in APPENDIX_COLUMNS if name not in empty),
        missing=missing,
        trends=tuple(trend for trend in trends if trend is not None),
        figures=FigureWords(**book.report_table("appendix.figures")),
    )


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
