"""Table rows kept as the bytes they are saved as, spliced into the document part when it is
saved, instead of as a tree of XML elements until then.

A parsed row of the appendix table holds about 80 XML nodes in memory (1.9 KiB a cell): a
10,000-indicator appendix was 186 MiB of the build's 500. Its rows are written once and never
read again before saving, so `append_rows` turns them into their serialized bytes a batch at a
time (parsed and serialized by lxml, so the bytes are exactly those the whole tree would have
given) and leaves an XML comment in the table where they go; `Splicer` puts them there when
the document part is written into the package, and `kept_texts` gives their paragraphs' texts
where the comment stands (for the content hash, narrator.word.guard). Only a document
saved with narrator.word.styles.stable_bytes has its rows: it is the only writer.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import IO, Any
from weakref import WeakKeyDictionary

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from narrator.word.wordxml import Element, paragraph_text

_BATCH = 256  # rows parsed at once: a few hundred KiB of nodes alive at a time
_P = qn("w:p")


@dataclass
class _Rows:
    """The rows spliced in at one `marker` comment: their bytes (zlib-compressed, a batch at a
    time) and their paragraphs' texts."""

    marker: Element
    data: list[bytes] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    groups: list[list[str]] = field(default_factory=list)  # each kept comment's texts

    @property
    def marker_bytes(self) -> bytes:
        return b"<!--" + str(self.marker.text).encode("ascii") + b"-->"


_PENDING: WeakKeyDictionary[Any, list[_Rows]] = WeakKeyDictionary()  # document part -> rows


def append_rows(document: Any, tbl: Element, rows_xml: Iterable[str]) -> int:
    """Add rows (each a ``w:tr`` as XML text, the ``w`` prefix undeclared) at the end of the
    table `tbl` of `document`, kept as their serialized bytes until the document is saved.
    Returns how many rows were added."""
    pending = _PENDING.setdefault(document.part, [])
    marker = etree.Comment(f"narrator-rows-{len(pending) + 1}")
    tbl.append(marker)
    rows = _Rows(marker)
    pending.append(rows)
    count = 0
    batch: list[str] = []
    for xml in rows_xml:
        batch.append(xml)
        count += 1
        if len(batch) == _BATCH:
            _serialize(batch, rows)
            batch = []
    if batch:
        _serialize(batch, rows)
    return count


def _serialize(batch: list[str], rows: _Rows) -> None:
    """Parse a batch of rows inside a ``w:tbl`` that declares the namespace, as the document's
    root does, and keep what lxml writes between its tags: the bytes the rows have in place."""
    wrapper = parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(batch)}</w:tbl>")
    rows.texts.extend(paragraph_text(p) for p in wrapper.iter(_P))
    _keep(wrapper, rows)


def _keep(wrapper: Element, rows: _Rows) -> None:
    """Keep the serialized children of `wrapper` (an element declaring only the ``w``
    namespace, which the part's root declares too), compressed."""
    data = etree.tostring(wrapper, encoding="UTF-8", xml_declaration=False)
    start = data.index(b">") + 1
    # compressed while they wait (a fifth of the size, a few milliseconds a batch)
    rows.data.append(zlib.compress(data[start : data.rindex(b"</")], 1))


class KeptComments:
    """Word comments written into a detached ``w:comments`` element (`root`, which
    narrator.word.comments.CommentWriter appends to) and moved out as bytes every _BATCH
    comments, to be spliced into the comments `part` on saving, after its own comments.
    `close` keeps the last batch; `kept_comments` gives their texts."""

    def __init__(self, part: Any) -> None:
        from docx.oxml import OxmlElement

        self._rows = _Rows(etree.Comment("narrator-comments"))
        self.root = OxmlElement("w:comments")
        part.element.append(self._rows.marker)
        _PENDING.setdefault(part, []).append(self._rows)

    def added(self) -> None:
        """A comment was appended to `root`: keep a full batch."""
        if len(self.root) >= _BATCH:
            self.close()

    def close(self) -> None:
        """Keep the comments still in `root`."""
        if len(self.root):
            self._rows.groups.extend(
                [paragraph_text(p) for p in comment.iter(_P)] for comment in self.root
            )
            _keep(self.root, self._rows)
            for comment in list(self.root):
                self.root.remove(comment)


def kept_comments(part: Any) -> list[list[str]]:
    """Each comment kept as bytes for the comments `part`: its paragraphs' texts."""
    return [group for rows in _PENDING.get(part, ()) for group in rows.groups]


def kept_texts(document: Any) -> Callable[[Element], list[str] | None]:
    """For narrator.word.wordxml.document_texts: the paragraph texts of the rows kept at an
    XML comment of `document`'s body; None for a comment that marks none."""
    kept = {id(rows.marker): rows for rows in _PENDING.get(document.part, ())}

    def texts(node: Element) -> list[str] | None:
        rows = kept.get(id(node))
        return rows.texts if rows is not None and rows.marker is node else None

    return texts


def has_rows(part: Any) -> bool:
    """True when rows are waiting to be spliced into `part`."""
    return bool(_PENDING.get(part))


class Splicer:
    """A file-like writer that passes a part's serialized XML on to `out`, each kept rows'
    marker comment replaced by the rows (a marker split across two writes is found too). Used
    as a context manager: leaving it writes what it still holds, and raises ValueError when a
    marker never came."""

    def __init__(self, part: Any, out: IO[bytes]) -> None:
        self._out = out
        self._queue = list(_PENDING.get(part, ()))
        self._held = b""

    def write(self, data: bytes) -> int:
        held = self._held + data
        while self._queue:
            marker = self._queue[0].marker_bytes
            at = held.find(marker)
            if at < 0:
                break
            self._out.write(held[:at])
            for batch in self._queue.pop(0).data:
                self._out.write(zlib.decompress(batch))
            held = held[at + len(marker) :]
        keep = len(self._queue[0].marker_bytes) - 1 if self._queue else 0
        if len(held) > keep:
            self._out.write(held[: len(held) - keep])
            held = held[len(held) - keep :]
        self._held = held
        return len(data)

    def __enter__(self) -> Splicer:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is not None:
            return
        if self._queue:
            raise ValueError("a kept rows' marker was not in the part's XML")
        self._out.write(self._held)
