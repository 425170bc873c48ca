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

    def __init__(self, document: Any) -> None:
        document.comments  # noqa: B018 - python-docx creates the comments part on first access
        self._comments = document.part.part_related_by(RT.COMMENTS).element
        used = [int(v) for v in self._comments.xpath("./w:comment/@w:id") if v.isdigit()]
        self._next_id = max(used, default=-1) + 1

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
        comments = document.part.part_related_by(RT.COMMENTS).element
    except KeyError:
        return []
    if comments.find(qn("w:comment")) is None:
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
    order. The text is the comment's paragraphs joined by newlines."""
    wanted = [str(i) for i in p_element.xpath(".//w:commentRangeStart/@w:id")]
    if not wanted:
        return []
    by_id = {str(c.comment_id): c for c in document.comments}
    return [(i, str(by_id[i].author), str(by_id[i].text)) for i in wanted if i in by_id]


def has_replies(document: Any, comment_id: str) -> bool:
    """True when another comment is a reply to this one (Word's commentsExtended parents)."""
    para_ids = _comment_para_ids(document, comment_id)
    extended = _comment_side_part(document, _COMMENTS_EXTENDED)
    if extended is None or not para_ids:
        return False
    root = _side_root(extended)
    parents = {e.get(f"{{{_W15_NS}}}paraIdParent") for e in root.iter(f"{{{_W15_NS}}}commentEx")}
    return bool(para_ids & parents)


def remove_comment(document: Any, comment_id: str) -> None:
    """Remove a comment whole: its range and reference in the body, the comment itself and
    its entries in Word's side parts (commentsExtended, commentsIds, commentsExtensible)."""
    para_ids = _comment_para_ids(document, comment_id)
    body = document.element.body
    for element in body.xpath(
        f'.//w:commentRangeStart[@w:id="{comment_id}"] | .//w:commentRangeEnd[@w:id="{comment_id}"]'
    ):
        element.getparent().remove(element)
    for reference in body.xpath(f'.//w:commentReference[@w:id="{comment_id}"]'):
        run = reference.getparent()
        run.remove(reference)
        if all(child.tag == qn("w:rPr") for child in run):
            wrapper = run.getparent()
            wrapper.remove(run)
            if wrapper.tag in WRAPPERS and not len(wrapper):
                wrapper.getparent().remove(wrapper)
    comments = document.part.part_related_by(RT.COMMENTS).element
    for comment in comments.findall(qn("w:comment")):
        if comment.get(qn("w:id")) == comment_id:
            comments.remove(comment)
    _drop_side_entries(document, para_ids)


def _comment_para_ids(document: Any, comment_id: str) -> set[str]:
    try:
        comments = document.part.part_related_by(RT.COMMENTS).element
    except KeyError:
        return set()
    return {
        str(p.get(_W14_PARA_ID))
        for comment in comments.findall(qn("w:comment"))
        if comment.get(qn("w:id")) == comment_id
        for p in comment.iter(qn("w:p"))
        if p.get(_W14_PARA_ID) is not None
    }


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


def _drop_side_entries(document: Any, para_ids: set[str]) -> None:
    """Remove the side-part entries of the comment paragraphs `para_ids`."""
    if not para_ids:
        return
    durable: set[str] = set()
    for name, namespace, tag in (
        (_COMMENTS_EXTENDED, _W15_NS, "commentEx"),
        (_COMMENTS_IDS, _W16CID_NS, "commentId"),
    ):
        part = _comment_side_part(document, name)
        if part is None:
            continue
        root = _side_root(part)
        for entry in list(root.iter(f"{{{namespace}}}{tag}")):
            if entry.get(f"{{{namespace}}}paraId") in para_ids:
                durable.add(str(entry.get(f"{{{namespace}}}durableId")))
                entry.getparent().remove(entry)
        _store_side_root(part, root)
    part = _comment_side_part(document, _COMMENTS_EXTENSIBLE)
    if part is not None and durable:
        root = _side_root(part)
        for entry in list(root.iter(f"{{{_W16CEX_NS}}}commentExtensible")):
            if entry.get(f"{{{_W16CEX_NS}}}durableId") in durable:
                entry.getparent().remove(entry)
        _store_side_root(part, root)
