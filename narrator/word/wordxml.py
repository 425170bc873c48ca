"""All raw WordprocessingML narrator writes or reads, where python-docx has no API for it.

Everything else in the write stage goes through python-docx's proxy objects; this module is the
only place that builds or inspects XML elements by hand:

- the body numbering list: one ``w:abstractNum`` (decimal "%1.", hanging indent) and its
  ``w:num``, attached to the "Numbered Paragraph" style through the style's ``w:numPr`` and the
  level's ``w:pStyle``, so a paragraph given that style in Word is numbered and the numbers follow;
  added to a template's numbering part beside its own lists (the part is created if missing);
- identity markers (bookmarks and the key map, below);
- table details: cell shading (``w:shd``), a repeated header row (``w:tblHeader``), rows that do
  not split across pages (``w:cantSplit``), and the borders of the "Dashboard Table" style;
- a picture's alt text (``wp:docPr/@descr``), a PAGE field for the footer, heading outline
  levels, theme fonts that would override a named font, and comments (``CommentWriter``).

Identity markers, and why this form
-----------------------------------
Each tracked paragraph (a ``Block`` with a ``key``) is wrapped in a hidden bookmark named
``_nar_<h>_<fingerprint>`` where ``<h>`` is the first 8 hex digits of the SHA-1 of the key (a
second block with the same key, or a different key with the same digits, takes the digits of
``key + "#n"``). Word hides bookmarks whose names start with "_" from its Bookmark dialog, and
names are limited to 40 letters, digits and underscores, which is why the key itself (an
indicator's name, "purpose.1") is not in the name. The map from ``<h>`` back to the key is kept in
the custom document properties (docProps/custom.xml) as text properties ``narrator:keys:000``,
``narrator:keys:001``, ...: the entries ``h=percent-encoded-key`` joined by commas, cut into
slices of at most 255 characters (Word truncates longer text properties). Percent-encoding keeps
spaces out of the slices, so no application can trim them.

Checked with LibreOffice 7.4 (``soffice --headless --convert-to docx``): the bookmarks come back
on the same paragraphs with the same names, and the custom properties come back with the same
names and values (LibreOffice keeps them as user-defined properties). A custom XML part
(customXml/item.xml) was the alternative, but custom properties are simpler, visible in Word's
File > Properties > Custom, and survive both applications.
"""

from __future__ import annotations

import copy
import hashlib
import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any
from urllib.parse import quote, unquote
from xml.sax.saxutils import escape, quoteattr

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart
from lxml.etree import SubElement

Element = Any  # an lxml element (python-docx's BaseOxmlElement); lxml ships no types here

MARKER_PREFIX = "_nar_"
KEY_PROPERTY = "narrator:keys"
_PROPERTY_SLICE = 255
_FINGERPRINT_RE = re.compile(r"[A-Za-z0-9]{1,26}")
_MARKER_RE = re.compile(r"_nar_([0-9a-f]{8})(?:_([A-Za-z0-9]{1,26}))?")
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_SECT_PR = qn("w:sectPr")
_TR_PR, _CANT_SPLIT, _TC, _TC_PR, _TC_W = (
    qn(f"w:{n}") for n in ("trPr", "cantSplit", "tc", "tcPr", "tcW")
)
_V_MERGE, _SHD, _P, _P_PR, _P_STYLE = (
    qn(f"w:{n}") for n in ("vMerge", "shd", "p", "pPr", "pStyle")
)
_TYPE, _W, _VAL, _COLOR, _FILL = (qn(f"w:{n}") for n in ("type", "w", "val", "color", "fill"))
_R, _R_PR, _R_STYLE, _ID, _T = (qn(f"w:{n}") for n in ("r", "rPr", "rStyle", "id", "t"))
_XML_SPACE = qn("xml:space")
_TAB, _BR, _CR = (qn(f"w:{n}") for n in ("tab", "br", "cr"))
_ANNOTATION_REF = qn("w:annotationRef")
_RANGE_START, _RANGE_END, _REFERENCE = (
    qn(f"w:{n}") for n in ("commentRangeStart", "commentRangeEnd", "commentReference")
)
_BOOKMARK_START, _BOOKMARK_END, _NAME = (
    qn(f"w:{n}") for n in ("bookmarkStart", "bookmarkEnd", "name")
)


# ---------------------------------------------------------------------------------------------
# body


def clear_body(document: Any) -> None:
    """Remove every paragraph, table and section break from the body, keeping the final sectPr
    (the template's page setup, headers and footers), and what only the body used: its
    comments, and its pictures' and hyperlinks' relationships (a report used as the template
    of the next one would otherwise carry them along unseen). Headers and footers the final
    section took from an earlier one ("link to previous") are kept: it gets their references."""
    body = document.element.body
    _inherit_headers_and_footers(body)
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _drop_body_comments(document)
    referenced = set(document.element.xpath("//@r:embed | //@r:link | //@r:id"))
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype in (RT.IMAGE, RT.HYPERLINK) and rel_id not in referenced:
            del document.part.rels[rel_id]


def paragraph_style_ids(document: Any, names: Iterable[str]) -> dict[str, str | None]:
    """Each paragraph style name -> the id a ``w:pStyle`` names, looked up once (python-docx
    looks a name up on every paragraph, scanning every style). None means the document's default
    paragraph style, which a paragraph gets by naming no style. Raises KeyError for a name the
    document lacks, as python-docx does."""
    from docx.enum.style import WD_STYLE_TYPE

    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    ids: dict[str, str | None] = {}
    for name in names:
        style = document.styles[name]
        if style.type != WD_STYLE_TYPE.PARAGRAPH:
            raise ValueError(f"style {name!r} is not a paragraph style")
        ids[name] = None if style == default else style.style_id
    return ids


_TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_CONTENT_TYPES = "[Content_Types].xml"


def template_as_document(data: bytes) -> bytes:
    """A Word template package (.dotx) as a document package (.docx): the same parts, with
    the main part's content type that of a document, which python-docx insists on. Anything
    else (a .docx, or bytes that are not a Word package) is returned unchanged."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            types = package.read(_CONTENT_TYPES).decode("utf-8")
            if _TEMPLATE_MAIN not in types:
                return data
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy_:
                for info in package.infolist():
                    content = package.read(info.filename)
                    if info.filename == _CONTENT_TYPES:
                        content = types.replace(_TEMPLATE_MAIN, CT.WML_DOCUMENT_MAIN).encode()
                    copy_.writestr(info, content)
            return out.getvalue()
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError):
        return data


def _inherit_headers_and_footers(body: Element) -> None:
    """Give the body's final w:sectPr a reference to each header and footer it inherits from
    an earlier section (Word's "link to previous": a section without a reference of a kind
    shows the previous section's), so removing the earlier sections keeps them."""
    final = body.find(qn("w:sectPr"))
    if final is None:
        return
    inherited: dict[tuple[str, str], Element] = {}
    for sect_pr in body.xpath("./w:p/w:pPr/w:sectPr"):
        for ref in sect_pr.xpath("./w:headerReference | ./w:footerReference"):
            inherited[(ref.tag, ref.get(qn("w:type"), "default"))] = ref
    own = {
        (ref.tag, ref.get(qn("w:type"), "default"))
        for ref in final.xpath("./w:headerReference | ./w:footerReference")
    }
    for kind, ref in inherited.items():
        if kind not in own:
            final.insert(0, copy.deepcopy(ref))


def set_paragraph_style(paragraph: Any, style_id: str | None) -> None:
    """Give a python-docx paragraph the style with `style_id` (None: the default style), as
    ``paragraph.style = name`` does once it has looked the name up."""
    paragraph._p.style = style_id


def append_paragraph(document: Any, style_id: str | None) -> Element:
    """A new, empty ``w:p`` at the end of the body (before the final ``w:sectPr``), in the
    style with `style_id` (None: the default style).

    The same XML as ``document.add_paragraph(style=name)``, in constant time: python-docx looks
    the style up by name and finds the section properties by scanning the whole body."""
    body = document.element.body
    p = _new_paragraph(style_id)
    try:
        last = body[-1]  # the last child directly (len() and find() walk every child)
    except IndexError:
        last = None
    if last is not None and last.tag == _SECT_PR:
        last.addprevious(p)
    else:
        body.append(p)
    return p


def _new_paragraph(style_id: str | None, parent: Element | None = None) -> Element:
    p = OxmlElement("w:p") if parent is None else SubElement(parent, _P)
    if style_id is not None:
        SubElement(SubElement(p, _P_PR), _P_STYLE, {_VAL: style_id})
    return p


def add_run(p_element: Element, text: str) -> Element:
    """Append a ``w:r`` holding `text` to a ``w:p`` and return it: what python-docx's
    ``paragraph.add_run(text)`` writes, without its object layer and its character-by-character
    loop (lxml's SubElement instead of python-docx's element factory: a tenth of the time)."""
    r = SubElement(p_element, _R)
    _set_run_text(r, text)
    return r


def _set_run_text(r: Element, text: str) -> None:
    """Give an empty ``w:r`` its text as python-docx does: tabs become ``w:tab``, line breaks
    ``w:br`` and the rest ``w:t`` (spaces kept when the text starts or ends with one)."""
    if "\t" in text or "\n" in text or "\r" in text:
        r.text = text
    elif text:
        t = SubElement(r, _T)
        t.text = text
        if len(text.strip()) < len(text):
            t.set(_XML_SPACE, "preserve")


def drop_thumbnail(document: Any) -> None:
    """Remove the package's thumbnail picture (python-docx's default template has a stale one)."""
    rels = document.part.package.rels
    for rel_id, rel in list(rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del rels[rel_id]


def _drop_body_comments(document: Any) -> None:
    try:
        comments = document.part.part_related_by(RT.COMMENTS).element
    except KeyError:
        return
    for comment in comments.findall(qn("w:comment")):
        comments.remove(comment)


def fold_section_break(document: Any) -> None:
    """Move the section break python-docx just added (an empty paragraph holding a w:sectPr)
    into the paragraph before it, as Word does, so the break adds no empty paragraph. Nothing
    changes when the previous body item is not a plain paragraph (a table, or a section end)."""
    body = document.element.body
    breaks = body.xpath("./w:p[w:pPr/w:sectPr][last()]")
    if not breaks:
        return
    holder = breaks[0]
    previous = holder.getprevious()
    if previous is None or previous.tag != qn("w:p") or previous.xpath("./w:pPr/w:sectPr"):
        return
    if holder.xpath("./w:r"):
        return
    sect_pr = holder.find(qn("w:pPr")).find(qn("w:sectPr"))
    previous.get_or_add_pPr().append(sect_pr)
    body.remove(holder)


# ---------------------------------------------------------------------------------------------
# numbering


def ensure_body_numbering(document: Any, style: Any, indent_twips: int = 567) -> int:
    """Make `style` (a paragraph style) numbered "1.", "2.", ... and return the w:numId it uses.

    If the style already points at a numbering instance that exists and whose first level is
    decimal, that list is kept (a template's own choice, or the list added by an earlier run).
    Otherwise a new abstractNum and num are added to the numbering part beside any lists already
    there, and the style's w:numPr is pointed at them. `indent_twips` is the hanging indent
    (567 twips = 1.0 cm).
    """
    numbering = _numbering_element(document)
    current = style_num_id(style.element)
    if current is not None and _is_decimal_list(numbering, current):
        return current
    abstract_id = 1 + max(_int_attrs(numbering, "w:abstractNum", "w:abstractNumId"), default=-1)
    num_id = 1 + max(_int_attrs(numbering, "w:num", "w:numId"), default=0)
    abstract = _abstract_num(abstract_id, style.style_id, indent_twips)
    existing_nums = numbering.findall(qn("w:num"))
    if existing_nums:
        existing_nums[0].addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}">'
            f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'
        )
    )
    num_pr = style.element.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_numId().val = num_id
    return num_id


def style_num_id(style_element: Element) -> int | None:
    """The w:numId a style's own w:pPr/w:numPr names; None when the style sets no numbering."""
    values = style_element.xpath("./w:pPr/w:numPr/w:numId/@w:val")
    return int(values[0]) if values else None


def _numbering_element(document: Any) -> Element:
    """The w:numbering root, creating word/numbering.xml when the template has none."""
    part = document.part
    try:
        return part.part_related_by(RT.NUMBERING).element
    except KeyError:
        element = parse_xml(f"<w:numbering {nsdecls('w')}/>")
        numbering_part = NumberingPart(
            PackURI("/word/numbering.xml"), CT.WML_NUMBERING, element, part.package
        )
        part.relate_to(numbering_part, RT.NUMBERING)
        return element


def _is_decimal_list(numbering: Element, num_id: int) -> bool:
    abstract_ids = numbering.xpath(f'./w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')
    if not abstract_ids:
        return False
    formats = numbering.xpath(
        f'./w:abstractNum[@w:abstractNumId="{abstract_ids[0]}"]/w:lvl[@w:ilvl="0"]/w:numFmt/@w:val'
    )
    return bool(formats) and formats[0] == "decimal"


def _int_attrs(parent: Element, tag: str, attr: str) -> list[int]:
    return [int(v) for v in parent.xpath(f"./{tag}/@{attr}") if v.lstrip("-").isdigit()]


def _abstract_num(abstract_id: int, style_id: str, indent: int) -> Element:
    nsid = f"{zlib.crc32(f'narrator-body-{abstract_id}'.encode()):08X}"
    return parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:nsid w:val="{nsid}"/>'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:name w:val="narrator body numbering"/>'
        '<w:lvl w:ilvl="0">'
        '<w:start w:val="1"/>'
        '<w:numFmt w:val="decimal"/>'
        f'<w:pStyle w:val="{style_id}"/>'
        '<w:lvlText w:val="%1."/>'
        '<w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{indent}" w:hanging="{indent}"/></w:pPr>'
        "</w:lvl>"
        "</w:abstractNum>"
    )


def paragraph_num_id(
    p_element: Element, style_num_ids: Mapping[str, int | None], default_style_id: str
) -> int | None:
    """The numbering instance in force on a paragraph: its own w:numPr, else its style's.

    `style_num_ids` maps style ids to their (inherited) numId; `default_style_id` is the style of
    a paragraph that names none. A numId of 0 means "numbering removed" and gives None, as does a
    paragraph with no numbering at all.
    """
    direct = p_element.xpath("./w:pPr/w:numPr/w:numId/@w:val")
    if direct:
        value = int(direct[0])
    else:
        style_ids = p_element.xpath("./w:pPr/w:pStyle/@w:val")
        style_id = str(style_ids[0]) if style_ids else default_style_id
        value = style_num_ids.get(style_id) or 0
    return value or None


def style_num_ids(styles_element: Element) -> dict[str, int | None]:
    """Each paragraph style id -> the numId it applies, following w:basedOn; None if none."""
    own: dict[str, int | None] = {}
    based_on: dict[str, str] = {}
    for style in styles_element.findall(qn("w:style")):
        style_id = style.get(qn("w:styleId"))
        own[style_id] = style_num_id(style)
        parent = style.xpath("./w:basedOn/@w:val")
        if parent:
            based_on[style_id] = parent[0]
    resolved: dict[str, int | None] = {}
    for style_id in own:
        seen: set[str] = set()
        current: str | None = style_id
        while current is not None and current not in seen and own.get(current) is None:
            seen.add(current)
            current = based_on.get(current)
        resolved[style_id] = own.get(current) if current is not None else None
    return resolved


# ---------------------------------------------------------------------------------------------
# identity markers


def marker_name(digits: str, fingerprint: str | None) -> str:
    """The bookmark name for a key's hash digits and a fingerprint (None: digits only).

    Raises ValueError when the fingerprint is not 1-26 letters or digits (it could not be part of
    a Word bookmark name).
    """
    if fingerprint is None:
        return f"{MARKER_PREFIX}{digits}"
    if not _FINGERPRINT_RE.fullmatch(fingerprint):
        raise ValueError(
            f"fingerprint {fingerprint!r} cannot go in a Word bookmark name; "
            "expected 1 to 26 letters or digits"
        )
    return f"{MARKER_PREFIX}{digits}_{fingerprint}"


def key_digits(key: str, taken: Mapping[str, str]) -> str:
    """8 hex digits for `key` that no other entry of `taken` (digits -> key) uses yet."""
    attempt = 0
    while True:
        source = key if attempt == 0 else f"{key}#{attempt}"
        digits = hashlib.sha1(source.encode("utf-8")).hexdigest()[:8]
        if digits not in taken:
            return digits
        attempt += 1


def parse_marker(name: str) -> tuple[str, str | None] | None:
    """(hash digits, fingerprint or None) from a marker bookmark name; None if not a marker."""
    match = _MARKER_RE.fullmatch(name)
    return (match.group(1), match.group(2)) if match else None


def add_bookmark(p_element: Element, bookmark_id: int, name: str) -> None:
    """Wrap the whole content of a ``w:p`` in a bookmark."""
    start = p_element.makeelement(_BOOKMARK_START, {_ID: str(bookmark_id), _NAME: name})
    end = p_element.makeelement(_BOOKMARK_END, {_ID: str(bookmark_id)})
    p_pr = p_element.find(_P_PR)
    if p_pr is not None:
        p_pr.addnext(start)
    else:
        p_element.insert(0, start)
    p_element.append(end)


def bookmark_names(p_element: Element) -> list[str]:
    """Names of the bookmarks that start inside a paragraph, in order."""
    return [str(n) for n in p_element.xpath(".//w:bookmarkStart/@w:name")]


def next_bookmark_id(document: Any) -> int:
    """One more than the largest bookmark id in the body."""
    ids = [int(v) for v in document.element.body.xpath(".//w:bookmarkStart/@w:id")]
    return max(ids, default=0) + 1


def encode_key_map(key_map: Mapping[str, str]) -> list[str]:
    """The key map as property values of at most 255 characters (see the module docstring)."""
    text = ",".join(f"{digits}={quote(key, safe='')}" for digits, key in key_map.items())
    return [text[i : i + _PROPERTY_SLICE] for i in range(0, len(text), _PROPERTY_SLICE)]


def decode_key_map(values: list[str]) -> dict[str, str]:
    """Inverse of encode_key_map: the slices in order -> {digits: key}."""
    text = "".join(values)
    pairs = (entry.partition("=") for entry in text.split(",") if entry)
    return {digits: unquote(key) for digits, _, key in pairs}


def write_key_map(document: Any, key_map: Mapping[str, str]) -> None:
    """Store the key map in the custom properties, replacing any earlier narrator entries and
    keeping every other custom property the template has. An empty map removes ours.

    The map holds every key narrator ever wrote into this document (regeneration keeps the
    keys of paragraphs a reviewer deleted), so a later run can tell "deleted by the reviewer"
    (key in the map, no paragraph) from "new indicator" (key not in the map)."""
    write_text_property(document, KEY_PROPERTY, "".join(encode_key_map(key_map)))


def read_key_map(document: Any) -> dict[str, str]:
    """{digits: key} from the custom properties; empty when there are none."""
    text = read_text_property(document, KEY_PROPERTY)
    return decode_key_map([text]) if text else {}


def write_text_property(document: Any, name: str, text: str) -> None:
    """Store `text` in the custom properties as `name:000`, `name:001`, ... (slices of at most
    255 characters), replacing earlier slices of `name`; empty text removes them."""
    part = _custom_properties_part(document)
    root = parse_xml(part.blob) if part is not None else _empty_custom_properties()
    for prop in root.findall(f"{{{_CUSTOM_NS}}}property"):
        if _slice_index(prop.get("name", ""), name) is not None:
            root.remove(prop)
    pid = 1 + max((int(p.get("pid", "1")) for p in root), default=1)
    slices = [text[i : i + _PROPERTY_SLICE] for i in range(0, len(text), _PROPERTY_SLICE)]
    for index, value in enumerate(slices):
        root.append(_text_property(f"{name}:{index:03d}", value, pid + index))
    blob = _serialize(root)
    if part is None:
        new_part = Part(
            PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, blob, document.part.package
        )
        document.part.package.relate_to(new_part, RT.CUSTOM_PROPERTIES)
    else:
        part._blob = blob  # a generic Part holds its bytes; python-docx has no setter


def read_text_property(document: Any, name: str) -> str | None:
    """The text stored by write_text_property under `name`; None when there is none."""
    part = _custom_properties_part(document)
    if part is None:
        return None
    slices: list[tuple[int, str]] = []
    for prop in parse_xml(part.blob).findall(f"{{{_CUSTOM_NS}}}property"):
        index = _slice_index(prop.get("name", ""), name)
        if index is not None:
            slices.append((index, "".join(prop.itertext())))
    return "".join(value for _, value in sorted(slices)) if slices else None


def _slice_index(property_name: str, name: str) -> int | None:
    """3 from "narrator:keys:003" when `name` is "narrator:keys"; None for other properties."""
    index = property_name.removeprefix(f"{name}:")
    return int(index) if property_name.startswith(f"{name}:") and index.isdigit() else None


def _custom_properties_part(document: Any) -> Any:
    for rel in document.part.package.rels.values():
        if rel.reltype == RT.CUSTOM_PROPERTIES and not rel.is_external:
            return rel.target_part
    return None


def _empty_custom_properties() -> Element:
    return parse_xml(f'<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}"/>')


def _text_property(name: str, value: str, pid: int) -> Element:
    prop = parse_xml(
        f'<property xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}" fmtid="{_CUSTOM_FMTID}" '
        f'pid="{pid}" name="{name}"><vt:lpwstr/></property>'
    )
    prop[0].text = value
    return prop


def _serialize(element: Element) -> bytes:
    return bytes(serialize_part_xml(element))


# ---------------------------------------------------------------------------------------------
# tables


@dataclass(frozen=True)
class TableCell:
    """One cell of a row `append_row` adds.

    text:     the cell's text; None leaves its paragraph empty (a cell merged into the one above)
    style_id: the paragraph style id (None: the default style)
    width:    the cell width in twips
    fill:     background colour "RRGGBB"; None for none
    merge:    "restart" for the first cell of a vertical merge, "continue" for the cells merged
              into it, None for a cell that is not merged
    """

    text: str | None
    style_id: str | None
    width: int
    fill: str | None = None
    merge: str | None = None


def append_row(table: Any, cells: Iterable[TableCell]) -> Element:
    """Add one row to a python-docx table (see `append_rows`) and return its ``w:tr``."""
    return append_rows(table, [cells])[-1]


def append_rows(table: Any, rows: Iterable[Iterable[TableCell]]) -> list[Element]:
    """Add rows to a python-docx table, each one that does not split across pages
    (``w:cantSplit``), and return their ``w:tr`` elements.

    The XML python-docx writes for ``add_row``, cell styles, text, widths, shading and
    ``merge``. It is written as text and parsed once: python-docx walks every cell of the table
    for each cell it touches (a table of n rows costs n squared), and even lxml's SubElement
    makes a Python object per element, 60 a row; parsed XML makes them only when touched."""
    xml = "".join(_row_xml(cells) for cells in rows)
    fragment = parse_xml(f"<w:tbl {nsdecls('w')}>{xml}</w:tbl>")
    trs = list(fragment)
    table._tbl.extend(trs)
    return trs


def _row_xml(cells: Iterable[TableCell]) -> str:
    parts = ["<w:tr><w:trPr><w:cantSplit/></w:trPr>"]
    for cell in cells:
        parts.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{cell.width:d}"/>')
        if cell.merge == "restart":
            parts.append('<w:vMerge w:val="restart"/>')
        elif cell.merge == "continue":
            parts.append("<w:vMerge/>")
        if cell.fill is not None:
            parts.append(f'<w:shd w:val="clear" w:color="auto" w:fill={_attr(cell.fill)}/>')
        parts.append("</w:tcPr>")
        parts.append(_paragraph_open(cell.style_id))
        if cell.text is not None:
            parts.append(run_xml(cell.text))
        parts.append("</w:p></w:tc>")
    parts.append("</w:tr>")
    return "".join(parts)


@lru_cache(maxsize=64)
def _attr(value: str) -> str:
    return quoteattr(value)


@lru_cache(maxsize=64)
def _paragraph_open(style_id: str | None) -> str:
    if style_id is None:
        return "<w:p>"
    return f"<w:p><w:pPr><w:pStyle w:val={quoteattr(style_id)}/></w:pPr>"


_RUN_BREAKS = re.compile(r"([\t\n\r])")
_BREAK_OR_EDGE_SPACE = re.compile(r"[\t\n\r]|^\s|\s$")


def run_xml(text: str) -> str:
    """The ``w:r`` python-docx writes for ``paragraph.add_run(text)``, as XML text: tabs become
    ``w:tab``, line breaks ``w:br`` and the rest ``w:t`` (spaces kept when a piece starts or
    ends with one). An empty text gives an empty run."""
    if not _BREAK_OR_EDGE_SPACE.search(text):
        return f"<w:r><w:t>{escape(text)}</w:t></w:r>" if text else "<w:r></w:r>"
    parts = ["<w:r>"]
    for piece in _RUN_BREAKS.split(text):
        if piece == "\t":
            parts.append("<w:tab/>")
        elif piece in ("\n", "\r"):
            parts.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            parts.append(f"<w:t{space}>{escape(piece)}</w:t>")
    parts.append("</w:r>")
    return "".join(parts)


def grid_widths(tbl_element: Element) -> list[int]:
    """The widths in twips of a w:tbl's grid columns (w:tblGrid/w:gridCol), in order; a column
    without a width counts as 0."""
    values = tbl_element.xpath("./w:tblGrid/w:gridCol")
    return [int(v.get(qn("w:w"), "0")) for v in values]


def shade_cell(cell: Any, fill: str) -> None:
    """Give a table cell a solid background `fill` (hex "RRGGBB")."""
    tc_pr = cell._tc.get_or_add_tcPr()
    for old in tc_pr.findall(qn("w:shd")):
        tc_pr.remove(old)
    shd = OxmlElement("w:shd", {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill})
    _insert_in_order(tc_pr, shd, _TC_PR_ORDER)


def cell_fill(tc_element: Element) -> str | None:
    """The w:shd fill of a w:tc element; None when unshaded."""
    fills = tc_element.xpath("./w:tcPr/w:shd/@w:fill")
    return str(fills[0]) if fills else None


def repeat_as_header(row: Any) -> None:
    """Repeat this row at the top of each page the table runs onto."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))


def keep_row_together(row: Any) -> None:
    """Do not split this row across a page break."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.insert(0, OxmlElement("w:cantSplit"))


def set_table_borders(style: Any, size_eighths: int = 4) -> None:
    """Give a table style single black borders on every edge and inside line."""
    tbl_pr = style.element.find(qn("w:tblPr"))
    if tbl_pr is None:
        tbl_pr = OxmlElement("w:tblPr")
        p_pr = style.element.find(qn("w:pPr"))
        anchor = p_pr if p_pr is not None else style.element.find(qn("w:rPr"))
        if anchor is not None:
            anchor.addnext(tbl_pr)
        else:
            style.element.append(tbl_pr)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(
            OxmlElement(
                f"w:{edge}",
                {
                    qn("w:val"): "single",
                    qn("w:sz"): str(size_eighths),
                    qn("w:space"): "0",
                    qn("w:color"): "000000",
                },
            )
        )
    tbl_pr.append(borders)
    tbl_pr.append(
        parse_xml(
            f'<w:tblCellMar {nsdecls("w")}><w:left w:w="85" w:type="dxa"/>'
            '<w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        )
    )


_TC_PR_ORDER = (
    "cnfStyle",
    "tcW",
    "gridSpan",
    "hMerge",
    "vMerge",
    "tcBorders",
    "shd",
    "noWrap",
    "tcMar",
    "textDirection",
    "tcFitText",
    "vAlign",
    "hideMark",
)


def _insert_in_order(parent: Element, child: Element, order: tuple[str, ...]) -> None:
    """Insert `child` before the first sibling that the schema orders after it."""
    local = child.tag.rsplit("}", 1)[-1]
    later = {qn(f"w:{name}") for name in order[order.index(local) + 1 :]}
    for sibling in parent:
        if sibling.tag in later:
            sibling.addprevious(child)
            return
    parent.append(child)


# ---------------------------------------------------------------------------------------------
# styles, pictures, fields, comments


def set_outline_level(style: Any, level: int) -> None:
    """Make a paragraph style a heading at `level` (0 = top) for the navigation pane and TOC."""
    p_pr = style.element.get_or_add_pPr()
    for old in p_pr.findall(qn("w:outlineLvl")):
        p_pr.remove(old)
    p_pr.append(OxmlElement("w:outlineLvl", {qn("w:val"): str(level)}))


def drop_theme_fonts(r_pr: Element | None) -> None:
    """Remove theme font references from a w:rPr (they win over a named font in Word)."""
    if r_pr is None:
        return
    for fonts in r_pr.findall(qn("w:rFonts")):
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{attr}"), None)


def set_all_fonts(r_pr: Element, name: str) -> None:
    """Name one font for every script in a w:rPr, dropping theme references."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    drop_theme_fonts(r_pr)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), name)


def default_run_properties(document: Any) -> Element:
    """The w:docDefaults/w:rPrDefault/w:rPr of the styles part (created if missing)."""
    styles = document.styles.element
    r_pr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if r_pr is None:
        defaults = styles.find(qn("w:docDefaults"))
        if defaults is None:
            defaults = OxmlElement("w:docDefaults")
            styles.insert(0, defaults)
        r_pr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, r_pr_default)
        r_pr = OxmlElement("w:rPr")
        r_pr_default.append(r_pr)
    return r_pr


def add_page_number(paragraph: Any) -> None:
    """Append a PAGE field (the current page number) to a paragraph."""
    paragraph._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        )
    )


def set_alt_text(inline_shape: Any, description: str) -> None:
    """Alt text for a picture, read by screen readers (wp:docPr/@descr)."""
    inline_shape._inline.docPr.set("descr", description)


def set_picture_name(inline_shape: Any, name: str) -> None:
    """A picture's name (wp:docPr/@name, shown in Word's Selection Pane)."""
    inline_shape._inline.docPr.set("name", name)


def find_picture(document: Any, name: str, style: str) -> Any:
    """The inline picture named `name` (see set_picture_name); failing that, the last one in a
    paragraph of style `style` (reports written before pictures were named). None when there
    is neither, so a picture someone else added is never taken for it."""
    from docx.text.paragraph import Paragraph

    shapes = list(document.inline_shapes)
    for shape in shapes:
        if shape._inline.docPr.get("name") == name:
            return shape
    for shape in reversed(shapes):
        p = shape._inline.getparent()
        while p is not None and p.tag != _P:
            p = p.getparent()
        paragraph_style = Paragraph(p, document._body).style if p is not None else None
        if paragraph_style is not None and paragraph_style.name == style:
            return shape
    return None


def picture_alt_texts(p_element: Element) -> list[str]:
    """The alt texts of the pictures in a paragraph."""
    return [str(v) for v in p_element.xpath(".//wp:docPr/@descr")]


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


def body_children(document_element: Element) -> Iterator[Element]:
    """The w:p and w:tbl children of a w:body, in order (content controls are looked into)."""
    body = document_element.find(qn("w:body"))
    yield from _block_items(body)


def _block_items(parent: Element) -> Iterator[Element]:
    for child in parent:
        if child.tag in (qn("w:p"), qn("w:tbl")):
            yield child
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _block_items(content)


def paragraph_text(p_element: Element) -> str:
    """The visible text of a paragraph: text in every run, however deeply wrapped (hyperlinks,
    fields, tracked insertions), tabs as "\\t" and breaks as "\\n"; deleted text, field codes
    and text boxes are left out."""
    pieces: list[str] = []
    for element in p_element.iter(_T, _TAB, _BR, _CR):
        run = element.getparent()
        if run.tag != _R:
            continue
        if run.getparent() is not p_element and _owning_paragraph(element) is not p_element:
            continue  # in a paragraph of its own (a text box's)
        if element.tag == _T:
            pieces.append(element.text or "")
        elif element.tag == _TAB:
            pieces.append("\t")
        elif element.get(_TYPE, "textWrapping") == "textWrapping":
            pieces.append("\n")
    return "".join(pieces)


def _owning_paragraph(element: Element) -> Element:
    parent = element.getparent()
    while parent is not None and parent.tag != _P:
        parent = parent.getparent()
    return parent


def cell_texts(tr_element: Element) -> list[str]:
    """Each cell's text in a table row (paragraphs joined by newlines; merged-on cells "")."""
    texts: list[str] = []
    for tc in tr_element.findall(qn("w:tc")):
        if tc.xpath('./w:tcPr/w:vMerge[not(@w:val) or @w:val="continue"]'):
            texts.append("")
            continue
        texts.append("\n".join(paragraph_text(p) for p in tc.findall(qn("w:p"))))
    return texts


# ---------------------------------------------------------------------------------------------
# regeneration: markers rewritten in place, every text of a document, the chart picture


def marker_digits(p_element: Element) -> str | None:
    """The key digits of the first identity marker in a paragraph; None when it has none."""
    for name in bookmark_names(p_element):
        parsed = parse_marker(name)
        if parsed is not None:
            return parsed[0]
    return None


def set_marker_fingerprint(p_element: Element, fingerprint: str) -> None:
    """Point a paragraph's identity marker at a new fingerprint (the key digits stay). Nothing
    changes when the paragraph has no marker."""
    for start in p_element.iter(qn("w:bookmarkStart")):
        parsed = parse_marker(start.get(qn("w:name"), ""))
        if parsed is not None:
            start.set(qn("w:name"), marker_name(parsed[0], fingerprint))
            return


def document_texts(document: Any) -> list[str]:
    """Every paragraph text of the body (table cells included) in order, then those of the
    comments, as paragraph_text reads them. The comments are taken in the order of their texts,
    not of the comments part: Word keeps them in the order they were made, LibreOffice rewrites
    them in the order they are anchored, and a re-save must not read as a change."""
    texts = [paragraph_text(p) for p in document.element.body.iter(qn("w:p"))]
    try:
        comments = document.part.part_related_by(RT.COMMENTS).element
    except KeyError:
        return texts
    each = [[paragraph_text(p) for p in c.iter(qn("w:p"))] for c in comments.iter(qn("w:comment"))]
    return texts + [text for comment in sorted(each) for text in comment]


def replace_picture(document: Any, inline_shape: Any, png: bytes, description: str) -> None:
    """Give an inline picture new image bytes and alt text, keeping its size and place."""
    rel_id = inline_shape._inline.graphic.graphicData.pic.blipFill.blip.embed
    document.part.related_parts[rel_id]._blob = png
    set_alt_text(inline_shape, description)


_LEGACY_CORE_PROPERTIES = (
    "http://schemas.openxmlformats.org/officedocument/2006/relationships/metadata/core-properties"
)


def adopt_core_properties(document: Any) -> None:
    """Make python-docx use a core-properties part saved under the relationship type LibreOffice
    writes (``officedocument/...``, lower-case d); without this it adds a second
    docProps/core.xml and the saved package holds the name twice."""
    for rel in document.part.package.rels.values():
        if rel.reltype == _LEGACY_CORE_PROPERTIES and not rel.is_external:
            rel._reltype = RT.CORE_PROPERTIES  # python-docx has no setter
