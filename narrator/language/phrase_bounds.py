"""The bounds on what a phrase may write, shared by Jinja's sandbox (narrator.language.sandbox)
and the phrase-tree interpreter (narrator.language.phrase_tree); importing this module imports
no Jinja."""

from __future__ import annotations

from narrator.limits import MAX_PHRASE_CHARS


class PhraseLimit(Exception):
    """A phrase went past one of the sandbox's bounds; the message says which."""


def check_size(n: int) -> None:
    """Raise PhraseLimit when a text or list of `n` items is more than a phrase may hold."""
    if n > MAX_PHRASE_CHARS:
        raise PhraseLimit(
            f"builds a text or list of {n:,} items; a phrase may hold at most "
            f"{MAX_PHRASE_CHARS:,} characters"
        )


def check_length(text: str) -> str:
    """`text`, after checking it is no longer than a phrase may write."""
    if len(text) > MAX_PHRASE_CHARS:
        raise PhraseLimit(
            f"writes {len(text):,} characters; a phrase may write {MAX_PHRASE_CHARS:,}"
        )
    return text


def bounded_join(parts: tuple[object, ...]) -> str:
    """The `~` operator's text: the parts as text, joined, after checking the total length."""
    texts = [str(part) for part in parts]
    check_size(sum(map(len, texts)))
    return "".join(texts)
