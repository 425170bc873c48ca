"""Catalogue groups (seed 004 paragraph 23): which indicators share a paragraph, in what
order, with which role, and a warning when a declared group cannot be written as one."""

from __future__ import annotations

from narrator.context import Context
from narrator.errors import Location
from narrator.language.plan import GroupRole
from narrator.model import Problem, Severity
from narrator.officer_files import Catalogue


def _present(
    contexts: list[Context], catalogue: Catalogue, names: tuple[str, ...]
) -> list[Context]:
    """The contexts of `names` that the dashboard has, in the group's order."""
    entries = [catalogue.lookup(n) for n in names]
    return [c for e in entries for c in contexts if e is not None and c.entry is e]


def group_roles(contexts: list[Context], catalogue: Catalogue | None) -> dict[str, GroupRole]:
    """Each grouped indicator's role in its group's paragraph, by dashboard name: the first
    present member opens it, later members follow, the overall member closes it. Members under
    another outcome than the first keep their own paragraph (one paragraph sits in one
    section); a group with one member left is an ordinary paragraph (no role)."""
    if catalogue is None or not catalogue.groups:
        return {}
    roles: dict[str, GroupRole] = {}
    for group in catalogue.groups:
        present = _present(contexts, catalogue, group.names)
        present = [c for c in present if c.indicator.topic == present[0].indicator.topic]
        if len(present) < 2:
            continue
        overall = catalogue.lookup(group.overall) if group.overall else None
        for i, ctx in enumerate(present):
            if i == 0:
                roles[ctx.name] = GroupRole.OPENING
            else:
                roles[ctx.name] = GroupRole.OVERALL if ctx.entry is overall else GroupRole.MEMBER
    return roles


def group_together(ordered: list[Context], catalogue: Catalogue | None) -> list[Context]:
    """`ordered` with each group's later members moved up to follow its opening member, in
    the group's order; everything else keeps its place."""
    roles = group_roles(ordered, catalogue)
    if not roles:
        return ordered
    assert catalogue is not None
    result: list[Context] = []
    placed: set[str] = set()
    for ctx in ordered:
        if ctx.name in placed or roles.get(ctx.name) in (GroupRole.MEMBER, GroupRole.OVERALL):
            continue  # a later member that comes first in the dashboard: placed with its opening
        group = catalogue.group_of(ctx.name) if roles.get(ctx.name) is GroupRole.OPENING else None
        if group is None:
            result.append(ctx)
            placed.add(ctx.name)
            continue
        members = [c for c in _present(ordered, catalogue, group.names) if c.name in roles]
        result.extend(members)
        placed.update(c.name for c in members)
    return result


def group_problems(contexts: list[Context], catalogue: Catalogue) -> list[Problem]:
    """A warning for each member of a catalogue group that is under another outcome than the
    group's first member: it keeps a paragraph of its own."""
    problems = []
    for group in catalogue.groups:
        present = _present(contexts, catalogue, group.names)
        for ctx in present[1:]:
            if ctx.indicator.topic != present[0].indicator.topic:
                problems.append(
                    Problem(
                        Severity.WARNING,
                        "group-split",
                        Location(file=catalogue.source, indicator=ctx.name),
                        f"in a catalogue group with {present[0].name!r} but under another "
                        "topic: it keeps a paragraph of its own",
                        value=ctx.indicator.topic,
                        expected=f"the topic of {present[0].name!r}: {present[0].indicator.topic}",
                    )
                )
    return problems
