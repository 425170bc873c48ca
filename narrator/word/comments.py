"""Word comments: written fast (`CommentWriter`), their styles defined, and narrator's own read
back and removed whole on regeneration (with their entries in Word's side parts:
commentsExtended, commentsIds, commentsExtensible).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml.etree import SubElement

from narrator.word import spliced
from narrator.word.revisions import WRAPPERS
from narrator.word.runs import add_run
from narrator.word.wordxml import Element

_P, _P_PR, _P_STYLE, _VAL = (qn(f"w:{n}") for n in ("p", "pPr", "pStyle", "val"))
_R, _R_PR, _R_STYLE, _ID = (qn(f"w:{n}") for n in ("r", "rPr", "rStyle", "id"))
_ANNOTATION_REF = qn("w:annotationRef")
_RANGE_START, _RANGE_END, _REFERENCE = (
    qn(f"w:{n}") for n in ("commentRangeStart", "commentRangeEnd", "commentReference")
)
_W14_PARA_ID = "{http://schemas.microsoft.com/office/word/2010/wordml}paraId"
_W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"
_W16CID_NS = "http://schemas.microsoft.com/office/word/2016/wordml/cid"
_W16CEX_NS = "http://schemas.microsoft.com/office/word/2018/wordml/cex"
_COMMENTS_EXTENDED = "commentsExtended"
_COMMENTS_IDS = "commentsIds"
_COMMENTS_EXTENSIBLE = "commentsExtensible"


class CommentWriter:
    """Adds Word comments anchored on runs, numbering them from the highest id already used.

    python-docx's ``Document.add_comment`` finds the next id with an XPath over every comment,
    so adding n comments costs n² (4,700 warnings on a 10,000-indicator dashboard took most of a
    build). This writes the same XML python-docx writes (a ``w:comment`` whose first paragraph is
    in the "CommentText" style and opens with the ``w:annotationRef`` run; one paragraph per line
    of text; ``w:commentRangeStart``/``End`` around the runs and a "CommentReference" run after
    them) and keeps the next id itself. The comments part is created when the document has none.
    """

    def __init__(self, document: Any, *, kept: bool = False) -> None:
        document.comments  # noqa: B018 - python-docx creates the comments part on first access
        part = document.part.part_related_by(RT.COMMENTS)
        self._comments = part.element
        used = [int(v) for v in self._comments.xpath("./w:comment/@w:id") if v.isdigit()]
        self._next_id = max(used, default=-1) + 1
        # `kept`: the comments go into the part as bytes when it is saved (a new report's, which
        # nothing reads before then but its texts): narrator.word.spliced; `close` when done
        self._kept = spliced.KeptComments(part) if kept else None
        if self._kept is not None:
            self._comments = self._kept.root

    def close(self) -> None:
        """Done adding (a `kept` writer keeps its last comments)."""
        if self._kept is not None:
            self._kept.close()

    def add(
        self,
        first_run: Element,
        last_run: Element,
        text: str,
        *,
        author: str,
        initials: str,
        when: datetime,
    ) -> int:
        """Add a comment on the runs `first_run`..`last_run` (``w:r`` elements) and return its id.

        `text` may hold several lines ("\\n"): each becomes a paragraph of the comment.
        """
        comment_id = str(self._next_id)
        self._next_id += 1
        comment = SubElement(
            self._comments,
            qn("w:comment"),
            {
                qn("w:id"): comment_id,
                qn("w:author"): author,
                qn("w:initials"): initials,
                qn("w:date"): when.strftime("%Y-%m-%dT%H:%M:%SZ"),
            },
        )
        for number, line in enumerate(text.split("\n")):
            p = SubElement(comment, _P)
            if number == 0:
                SubElement(SubElement(p, _P_PR), _P_STYLE, {_VAL: "CommentText"})
                ref = SubElement(p, _R)
                SubElement(SubElement(ref, _R_PR), _R_STYLE, {_VAL: "CommentReference"})
                SubElement(ref, _ANNOTATION_REF)
            add_run(p, line)
        first_run.addprevious(first_run.makeelement(_RANGE_START, {_ID: comment_id}))
        reference = last_run.makeelement(_R, {})
        SubElement(SubElement(reference, _R_PR), _R_STYLE, {_VAL: "CommentReference"})
        SubElement(reference, _REFERENCE, {_ID: comment_id})
        last_run.addnext(reference)
        last_run.addnext(last_run.makeelement(_RANGE_END, {_ID: comment_id}))
        if self._kept is not None:
            self._kept.added()
        return int(comment_id)


_COMMENT_STYLES = {
    "CommentText": (
        '<w:style {ns} w:type="paragraph" w:styleId="CommentText">'
        '<w:name w:val="annotation text"/>{based_on}<w:uiPriority w:val="99"/>'
        '<w:unhideWhenUsed/><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>'
    ),
    "CommentReference": (
        '<w:style {ns} w:type="character" w:styleId="CommentReference">'
        '<w:name w:val="annotation reference"/>{based_on}'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
        '<w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>'
    ),
}


def ensure_comment_styles(document: Any) -> list[str]:
    """Add Word's comment styles ("annotation text" CommentText, "annotation reference"
    CommentReference, as Word defines them) when the document has comments and lacks them;
    python-docx's comments name these style ids without defining them, so their text would
    show in the body font. Returns the style ids added (none when there are no comments)."""
    try:
        part = document.part.part_related_by(RT.COMMENTS)
    except KeyError:
        return []
    if part.element.find(qn("w:comment")) is None and not spliced.kept_comments(part):
        return []
    have = {str(v) for v in document.styles.element.xpath("./w:style/@w:styleId")}
    bases = {
        "CommentText": document.styles.default(WD_STYLE_TYPE.PARAGRAPH),
        "CommentReference": document.styles.default(WD_STYLE_TYPE.CHARACTER),
    }
    added = []
    for style_id, xml in _COMMENT_STYLES.items():
        if style_id in have:
            continue
        base = bases[style_id]
        based_on = f'<w:basedOn w:val="{base.style_id}"/>' if base is not None else ""
        document.styles.element.append(parse_xml(xml.format(ns=nsdecls("w"), based_on=based_on)))
        added.append(style_id)
    return added


def drop_comments(document: Any) -> None:
    """Remove every comment from the comments part (when there is one)."""
    try:
        comments = document.part.part_related_by(RT.COMMENTS).element
    except KeyError:
        return
    for comment in comments.findall(qn("w:comment")):
        comments.remove(comment)


def paragraph_comments(document: Any, p_element: Element) -> list[tuple[str, str, str]]:
    """(comment id, author, text) of each comment whose range starts in the paragraph, in
    order. The text is the comment's paragraphs joined by newlines. (Reads every comment:
    for many paragraphs, use one `CommentIndex`.)"""
    return CommentIndex(document).paragraph_comments(p_element)


def has_replies(document: Any, comment_id: str) -> bool:
    """True when another comment is a reply to this one (Word's commentsExtended parents)."""
    return CommentIndex(document).has_replies(comment_id)


def remove_comment(document: Any, comment_id: str) -> None:
    """Remove a comment whole: its range and reference in the body, the comment itself and
    its entries in Word's side parts (commentsExtended, commentsIds, commentsExtensible)."""
    index = CommentIndex(document)
    index.remove(comment_id)
    index.flush()


class CommentIndex:
    """A document's comments read once, for regeneration, which looks at the comments of every
    paragraph and removes some: each comment by id, the paragraphs of each (their w14:paraId),
    where each is anchored in the body, and Word's side parts parsed once (`flush` stores
    them back). Each map is read on first use; comments added since are found by reading the
    comments again, and those removed through `remove` are forgotten.
    """

    def __init__(self, document: Any) -> None:
        self._document = document
        self._by_id: dict[str, Any] | None = None  # str(int(w:id)) -> python-docx Comment
        self._count = -1  # the comments part's children when _by_id was read
        self._para_ids: dict[str, set[str]] | None = None  # raw w:id -> w14:paraIds
        self._anchors: dict[str, list[Element]] | None = None  # raw w:id -> range, reference
        self._sides: dict[str, tuple[Any, Element]] = {}  # side part name -> (part, root)
        self._parents: dict[str, int] | None = None  # w15:paraIdParent -> replies to it
        self._changed: set[str] = set()  # side parts to store back

    def paragraph_comments(self, p_element: Element) -> list[tuple[str, str, str]]:
        """As the module's `paragraph_comments`."""
        wanted = [str(i) for i in p_element.xpath(".//w:commentRangeStart/@w:id")]
        if not wanted:
            return []
        by_id = self._comments()
        if any(i not in by_id for i in wanted) and self._stale():
            by_id = self._comments(again=True)
        return [(i, str(by_id[i].author), str(by_id[i].text)) for i in wanted if i in by_id]

    def has_replies(self, comment_id: str) -> bool:
        """As the module's `has_replies`."""
        para_ids = self._paras().get(comment_id, set())
        if self._side(_COMMENTS_EXTENDED) is None or not para_ids:
            return False
        parents = self._reply_parents()
        return any(parents.get(para_id, 0) > 0 for para_id in para_ids)

    def remove(self, comment_id: str) -> None:
        """As the module's `remove_comment`, but the side parts are stored only by `flush`."""
        para_ids = set(self._paras().get(comment_id, set()))
        self._remove_anchors(comment_id)
        comments = self._document.part.part_related_by(RT.COMMENTS).element
        for comment in comments.findall(qn("w:comment")):
            if comment.get(qn("w:id")) == comment_id:
                comments.remove(comment)
        self._forget(comment_id, comments)
        self._drop_side_entries(para_ids)

    def flush(self) -> None:
        """Store the side parts changed by `remove` (python-docx keeps them as bytes)."""
        for name in sorted(self._changed):
            part, root = self._sides[name]
            _store_side_root(part, root)
        self._changed.clear()

    def _comments(self, *, again: bool = False) -> dict[str, Any]:
        if self._by_id is None or again:
            comments = self._document.comments  # python-docx creates the part when absent
            self._by_id = {str(c.comment_id): c for c in comments}
            self._count = len(self._document.part.part_related_by(RT.COMMENTS).element)
        return self._by_id

    def _stale(self) -> bool:
        """True when comments were added (or removed) since they were read."""
        return len(self._document.part.part_related_by(RT.COMMENTS).element) != self._count

    def _forget(self, comment_id: str, comments: Element) -> None:
        """Drop a removed comment from the maps read so far."""
        if self._by_id is not None:
            key = str(int(comment_id)) if comment_id.strip().lstrip("-").isdigit() else None
            found = self._by_id.get(key) if key is not None else None
            if found is not None and found._comment_elm.getparent() is None:
                del self._by_id[str(key)]
            self._count = len(comments)
        if self._para_ids is not None:
            self._para_ids.pop(comment_id, None)

    def _paras(self) -> dict[str, set[str]]:
        """Raw comment id -> the w14:paraId of each of its paragraphs."""
        if self._para_ids is None:
            self._para_ids = {}
            try:
                comments = self._document.part.part_related_by(RT.COMMENTS).element
            except KeyError:
                return self._para_ids
            for comment in comments.findall(qn("w:comment")):
                ids = self._para_ids.setdefault(str(comment.get(qn("w:id"))), set())
                ids.update(
                    str(p.get(_W14_PARA_ID))
                    for p in comment.iter(qn("w:p"))
                    if p.get(_W14_PARA_ID) is not None
                )
        return self._para_ids

    def _remove_anchors(self, comment_id: str) -> None:
        """Remove the comment's range and reference runs from the body."""
        body = self._document.element.body
        if self._anchors is None:
            self._anchors = {}
            for element in body.iter(_RANGE_START, _RANGE_END, _REFERENCE):
                self._anchors.setdefault(str(element.get(_ID)), []).append(element)
        known = self._anchors.pop(comment_id, [])
        if not known or not all(_inside(element, body) for element in known):
            known = body.xpath(
                f'.//w:commentRangeStart[@w:id="{comment_id}"] | '
                f'.//w:commentRangeEnd[@w:id="{comment_id}"] | '
                f'.//w:commentReference[@w:id="{comment_id}"]'
            )
        for element in [e for e in known if e.tag != _REFERENCE]:
            element.getparent().remove(element)
        for reference in [e for e in known if e.tag == _REFERENCE]:
            run = reference.getparent()
            run.remove(reference)
            if all(child.tag == qn("w:rPr") for child in run):
                wrapper = run.getparent()
                wrapper.remove(run)
                if wrapper.tag in WRAPPERS and not len(wrapper):
                    wrapper.getparent().remove(wrapper)

    def _side(self, name: str) -> Element | None:
        """The root of the side part `name`, parsed once; None when the document has none."""
        if name not in self._sides:
            part = _comment_side_part(self._document, name)
            if part is None:
                return None
            self._sides[name] = (part, _side_root(part))
        return self._sides[name][1]

    def _reply_parents(self) -> dict[str, int]:
        if self._parents is None:
            self._parents = {}
            root = self._side(_COMMENTS_EXTENDED)
            for entry in root.iter(f"{{{_W15_NS}}}commentEx") if root is not None else ():
                parent = entry.get(f"{{{_W15_NS}}}paraIdParent")
                self._parents[parent] = self._parents.get(parent, 0) + 1
        return self._parents

    def _drop_side_entries(self, para_ids: set[str]) -> None:
        """Remove the side-part entries of the comment paragraphs `para_ids`."""
        if not para_ids:
            return
        durable: set[str] = set()
        for name, namespace, tag in (
            (_COMMENTS_EXTENDED, _W15_NS, "commentEx"),
            (_COMMENTS_IDS, _W16CID_NS, "commentId"),
        ):
            root = self._side(name)
            if root is None:
                continue
            for entry in list(root.iter(f"{{{namespace}}}{tag}")):
                if entry.get(f"{{{namespace}}}paraId") in para_ids:
                    durable.add(str(entry.get(f"{{{namespace}}}durableId")))
                    if name == _COMMENTS_EXTENDED and self._parents is not None:
                        parent = entry.get(f"{{{_W15_NS}}}paraIdParent")
                        self._parents[parent] = self._parents.get(parent, 0) - 1
                    entry.getparent().remove(entry)
            self._changed.add(name)
        root = self._side(_COMMENTS_EXTENSIBLE)
        if root is not None and durable:
            for entry in list(root.iter(f"{{{_W16CEX_NS}}}commentExtensible")):
                if entry.get(f"{{{_W16CEX_NS}}}durableId") in durable:
                    entry.getparent().remove(entry)
            self._changed.add(_COMMENTS_EXTENSIBLE)


def _inside(element: Element, body: Element) -> bool:
    """True when `element` is still in the tree under `body` (not removed with a run split)."""
    parent = element.getparent()
    while parent is not None and parent is not body:
        parent = parent.getparent()
    return parent is body


def _comment_side_part(document: Any, name: str) -> Any:
    """The comments part's sibling part `name` (e.g. commentsExtended); None when absent."""
    for rel in document.part.rels.values():
        if not rel.is_external and rel.reltype.endswith("/" + name):
            return rel.target_part
    return None


def _side_root(part: Any) -> Element:
    """A side part's root element (python-docx keeps these parts as bytes)."""
    from docx.opc.part import XmlPart
    from docx.oxml import parse_xml

    return part.element if isinstance(part, XmlPart) else parse_xml(part.blob)


def _store_side_root(part: Any, root: Element) -> None:
    from docx.opc.oxml import serialize_part_xml
    from docx.opc.part import XmlPart

    if not isinstance(part, XmlPart):
        part._blob = serialize_part_xml(root)  # a generic Part holds its bytes; no setter
