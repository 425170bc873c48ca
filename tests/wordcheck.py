"""What Word is known to reject in a .docx that LibreOffice opens regardless: a test helper.

LibreOffice is forgiving, so "it converts" proves little about Word. `problems(path)` looks for
the faults behind Word's "unreadable content ... recover the contents?" prompt that narrator
could plausibly write: two zip entries of one name, XML that does not parse, children out of
the order ECMA-376 gives them (pPr, rPr, tcPr, tblPr, sectPr, style, numbering levels),
``w:num`` before ``w:abstractNum``, duplicate or unpaired bookmark and comment ids, repeated
tracked-change or w14:paraId ids, duplicate bookmark names, duplicate drawing ids within a part,
an r:id naming no relationship, a ``w:tc`` with no paragraph, rows with more cells than the
table grid, a numId that points at no list, relationship targets that are not in the package,
parts without a content type, custom properties with a repeated pid or name or a text over 255
characters, and literal line breaks inside ``w:t``.

It is a list of known causes, not a schema validator: an empty list means none of these were
found. A style id that names no style is not among them: Word shows such a paragraph in the
default style without a prompt.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections import Counter
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _names(text: str) -> list[str]:
    return text.split()


# ECMA-376 Part 1 sequences (transitional), as far as narrator's output goes.
_PPR = _names(
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
)
_RPR = _names(
    "ins del moveFrom moveTo rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline "
    "shadow emboss imprint noProof snapToGrid vanish webHidden color spacing w kern position sz "
    "szCs highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout "
    "specVanish oMath rPrChange"
)
_TCPR = _names(
    "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText "
    "vAlign hideMark headers cellIns cellDel cellMerge tcPrChange"
)
_TBLPR = _names(
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
    "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption "
    "tblDescription tblPrChange"
)
_SECTPR = _names(
    "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders "
    "lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter "
    "docGrid printerSettings sectPrChange"
)
_STYLE = _names(
    "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed "
    "qFormat locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr "
    "tblStylePr"
)
_LVL = _names(
    "start numFmt lvlRestart pStyle isLgl suff lvlText lvlPicBulletId legacy lvlJc pPr rPr"
)
_ABSTRACT_NUM = _names("nsid multiLevelType tmpl name styleLink numStyleLink lvl")
_NUMBERING = _names("numPicBullet abstractNum num numIdMacAtCleanup")
_TBL = _names("bookmarkStart bookmarkEnd tblPr tblGrid tr")
_TR = _names("tblPrEx trPr tc")

# Parent -> sequence; headerReference/footerReference share the first slot of w:sectPr.
_SEQUENCES = {
    "pPr": _PPR,
    "rPr": _RPR,
    "tcPr": _TCPR,
    "tblPr": _TBLPR,
    "sectPr": _SECTPR,
    "style": _STYLE,
    "lvl": _LVL,
    "abstractNum": _ABSTRACT_NUM,
    "numbering": _NUMBERING,
    "tbl": _TBL,
    "tr": _TR,
}
# Children a parent may hold more than once; parents not named here hold each child once.
_REPEATABLE = {
    "sectPr": ("headerReference", "footerReference"),
    "style": ("tblStylePr",),
    "abstractNum": ("lvl",),
    "numbering": ("numPicBullet", "abstractNum", "num"),
    "tbl": ("bookmarkStart", "bookmarkEnd", "tr"),
    "tr": ("tc", "bookmarkStart", "bookmarkEnd", "sdt"),
}
_SAME_SLOT = {("sectPr", "footerReference"): "headerReference"}
_FIRST = {"p": "pPr", "r": "rPr", "tc": "tcPr"}


def problems(path: Path) -> list[str]:
    """Everything `path` holds that Word is known to refuse or repair; [] when none is found."""
    found: list[str] = []
    with zipfile.ZipFile(path) as package:
        listed = package.namelist()
        found += [f"{n}: {k} zip entries of this name" for n, k in Counter(listed).items() if k > 1]
        names = set(listed)
        trees: dict[str, etree._ElementTree] = {}
        for name in sorted(names):
            if name.endswith((".xml", ".rels")):
                try:
                    trees[name] = etree.fromstring(package.read(name)).getroottree()
                except etree.XMLSyntaxError as exc:
                    found.append(f"{name}: not well-formed XML: {exc}")
    found += _content_types(trees, names)
    found += _relationships(trees, names)
    for name, tree in sorted(trees.items()):
        if name.startswith("word/") and name.endswith(".xml"):
            found += [f"{name}: {p}" for p in _part_problems(tree.getroot())]
    found += _cross_part(trees)
    found += _relationship_ids(trees)
    found += _custom_properties(trees)
    return found


def _content_types(trees: dict[str, etree._ElementTree], names: set[str]) -> list[str]:
    types = trees.get("[Content_Types].xml")
    if types is None:
        return ["[Content_Types].xml is missing"]
    defaults = {
        e.get("Extension", "").lower() for e in types.getroot() if e.tag.endswith("Default")
    }
    overrides = {e.get("PartName", "") for e in types.getroot() if e.tag.endswith("Override")}
    out = []
    for name in sorted(names):
        if name == "[Content_Types].xml" or name.endswith("/"):
            continue
        extension = name.rsplit(".", 1)[-1].lower()
        if f"/{name}" not in overrides and extension not in defaults:
            out.append(f"{name}: no content type")
    out += [
        f"{o}: content type for a part that is not there"
        for o in overrides - {f"/{n}" for n in names}
    ]
    return out


def _relationships(trees: dict[str, etree._ElementTree], names: set[str]) -> list[str]:
    out = []
    for name, tree in sorted(trees.items()):
        if not name.endswith(".rels"):
            continue
        folder = posixpath.dirname(posixpath.dirname(name))
        ids = [r.get("Id") for r in tree.getroot()]
        out += [f"{name}: relationship id {i} repeated" for i, n in Counter(ids).items() if n > 1]
        for rel in tree.getroot():
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            resolved = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target))
            )
            if resolved not in names:
                out.append(f"{name}: {rel.get('Id')} targets {target}, which is not in the package")
    return out


def _order_problems(parent: etree._Element) -> list[str]:
    local = etree.QName(parent).localname
    sequence = _SEQUENCES.get(local)
    out = []
    if sequence is not None and etree.QName(parent).namespace == W:
        last = -1
        for child in parent:
            if not isinstance(child.tag, str) or etree.QName(child).namespace != W:
                continue
            name = etree.QName(child).localname
            name = _SAME_SLOT.get((local, name), name)
            if name not in sequence:
                continue
            position = sequence.index(name)
            if position < last:
                out.append(f"w:{local} has w:{etree.QName(child).localname} out of schema order")
            last = max(last, position)
        singles = Counter(
            etree.QName(c).localname
            for c in parent
            if isinstance(c.tag, str) and etree.QName(c).localname not in _REPEATABLE.get(local, ())
        )
        out += [f"w:{local} has w:{n} {k} times" for n, k in singles.items() if k > 1]
    first = _FIRST.get(local)
    if first is not None:
        children = [c for c in parent if isinstance(c.tag, str)]
        if any(etree.QName(c).localname == first for c in children[1:]):
            out.append(f"w:{local} has w:{first} after other content")
    return out


def _part_problems(root: etree._Element) -> list[str]:
    out: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        out += _order_problems(element)
    body = root.find(_w("body"))
    if body is not None:
        children = [c for c in body if isinstance(c.tag, str)]
        sect = [i for i, c in enumerate(children) if c.tag == _w("sectPr")]
        if sect and sect != [len(children) - 1]:
            out.append("w:body has w:sectPr that is not its last child")
    for tc in root.iter(_w("tc")):
        if not [c for c in tc if c.tag in (_w("p"), _w("tbl"), _w("sdt"))]:
            out.append("a w:tc has no paragraph")
    for tbl in root.iter(_w("tbl")):
        columns = len(tbl.findall(f"{_w('tblGrid')}/{_w('gridCol')}"))
        for tr in tbl.findall(_w("tr")):
            spans = sum(
                int((tc.xpath("./w:tcPr/w:gridSpan/@w:val", namespaces={"w": W}) or ["1"])[0])
                for tc in tr.findall(_w("tc"))
            )
            if spans > columns:
                out.append(f"a w:tr spans {spans} columns of a {columns}-column grid")
    for t in root.iter(_w("t")):
        if t.text and ("\n" in t.text or "\r" in t.text):
            out.append(f"w:t holds a line break: {t.text[:40]!r}")
    drawing_ids = [d.get("id") for d in root.iter(f"{{{WP}}}docPr")]
    out += [f"drawing id {i} repeated" for i, n in Counter(drawing_ids).items() if n > 1]
    return out


def _ids(tree: etree._ElementTree | None, tag: str) -> list[str]:
    if tree is None:
        return []
    return [str(e.get(_w("id"))) for e in tree.getroot().iter(_w(tag))]


def _cross_part(trees: dict[str, etree._ElementTree]) -> list[str]:
    out: list[str] = []
    document = trees.get("word/document.xml")
    if document is None:
        return ["word/document.xml is missing"]
    starts, ends = _ids(document, "bookmarkStart"), _ids(document, "bookmarkEnd")
    out += [f"bookmark id {i} starts {n} times" for i, n in Counter(starts).items() if n > 1]
    out += [f"bookmark id {i} is not both started and ended" for i in set(starts) ^ set(ends)]
    bookmark_names = [str(e.get(_w("name"))) for e in document.getroot().iter(_w("bookmarkStart"))]
    out += [f"bookmark name {b} repeated" for b, n in Counter(bookmark_names).items() if n > 1]
    out += [f"bookmark name {b} is over 40 characters" for b in bookmark_names if len(b) > 40]
    revisions = [
        i
        for tag in ("ins", "del", "moveFrom", "moveTo", "pPrChange", "rPrChange", "tcPrChange")
        for i in _ids(document, tag)
    ]
    out += [f"tracked change id {i} used {n} times" for i, n in Counter(revisions).items() if n > 1]
    w14 = "{http://schemas.microsoft.com/office/word/2010/wordml}paraId"
    para_ids = [str(p.get(w14)) for p in document.getroot().iter(_w("p")) if p.get(w14)]
    out += [f"paragraph id {i} used {n} times" for i, n in Counter(para_ids).items() if n > 1]
    comments = _ids(trees.get("word/comments.xml"), "comment")
    out += [f"comment id {i} repeated" for i, n in Counter(comments).items() if n > 1]
    references = _ids(document, "commentReference")
    out += [f"comment reference {i} has no comment" for i in set(references) - set(comments)]
    out += [
        f"comment {i} has a range start without an end"
        for i in set(_ids(document, "commentRangeStart")) ^ set(_ids(document, "commentRangeEnd"))
    ]
    numbering = trees.get("word/numbering.xml")
    num_ids: set[str] = set()
    if numbering is not None:
        num_ids = {str(e.get(_w("numId"))) for e in numbering.getroot().iter(_w("num"))}
        abstract = {
            str(e.get(_w("abstractNumId"))) for e in numbering.getroot().iter(_w("abstractNum"))
        }
        for num in numbering.getroot().iter(_w("num")):
            target = num.find(_w("abstractNumId"))
            if target is None or target.get(_w("val")) not in abstract:
                out.append(f"numbering: num {num.get(_w('numId'))} names no abstractNum")
    for name, tree in sorted(trees.items()):
        if name.startswith("word/") and name.endswith(".xml") and name != "word/numbering.xml":
            for num_id in tree.getroot().iter(_w("numId")):
                value = num_id.get(_w("val"))
                if value != "0" and value not in num_ids:
                    out.append(f"{name}: numId {value} names no w:num")
    return out


def _relationship_ids(trees: dict[str, etree._ElementTree]) -> list[str]:
    """Each r:id, r:embed or r:link in a word/ part must name one of that part's relationships."""
    r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    out = []
    for name, tree in sorted(trees.items()):
        if not name.startswith("word/") or not name.endswith(".xml"):
            continue
        rels = trees.get(
            posixpath.join(posixpath.dirname(name), "_rels", posixpath.basename(name) + ".rels")
        )
        known = {rel.get("Id") for rel in rels.getroot()} if rels is not None else set()
        for element in tree.getroot().iter():
            for attr in ("id", "embed", "link"):
                value = element.get(f"{{{r}}}{attr}")
                if value is not None and value not in known:
                    out.append(f"{name}: r:{attr} {value} names no relationship")
    return out


def _custom_properties(trees: dict[str, etree._ElementTree]) -> list[str]:
    custom = trees.get("docProps/custom.xml")
    if custom is None:
        return []
    props = [p for p in custom.getroot() if p.tag == f"{{{CUSTOM}}}property"]
    out = [
        f"custom property pid {p} repeated"
        for p, n in Counter(p.get("pid") for p in props).items()
        if n > 1
    ]
    out += [
        f"custom property {p} repeated"
        for p, n in Counter(p.get("name", "").lower() for p in props).items()
        if n > 1
    ]
    out += [
        f"custom property pid {p.get('pid')} is below 2"
        for p in props
        if int(p.get("pid", "0")) < 2
    ]
    out += [
        f"custom property {p.get('name')} holds over 255 characters"
        for p in props
        if len("".join(p.itertext())) > 255
    ]
    return out
