"""What python-docx cannot write and a Word document of the book needs, built with lxml on its parts:

- real footnotes: a ``word/footnotes.xml`` part (its relationship and content type come with it), the
  "footnote text" and "footnote reference" styles, and in the text a footnote reference run for each note;
- a table of contents that is populated the moment the file opens: the TOC field with its result written in
  (one entry per heading, linked to a bookmark on the heading), and ``w:updateFields`` in the settings so that
  Word rebuilds it with page numbers on opening (LibreOffice: Tools > Update > Update All).

No page number is guessed here: only the word processor that lays the pages out knows them, so the entries
written in carry none (a number estimated without that layout would be wrong as often as right).
"""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

FOOTNOTES_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTE_TEXT = "footnote text"  # Word's own style names (ids FootnoteText, FootnoteReference)
FOOTNOTE_REFERENCE = "footnote reference"
TOC_INSTRUCTION = 'TOC \\o "1-2" \\h \\z \\u'

_SEPARATORS = (
    f"<w:footnotes {nsdecls('w')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)
# Elements of w:settings that come after w:updateFields and w:footnotePr in the schema's order.
_SETTINGS_AFTER = ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids",
                   "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
                   "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions",
                   "w:readModeInkLockDown", "w:smartTagType", "w:schemaLibrary", "w:shapeDefaults",
                   "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator")


def _style(document, name: str, style_id: str, kind: WD_STYLE_TYPE):  # type: ignore[no-untyped-def]
    """Word's built-in style ``name`` with Word's own id (python-docx would derive a lower-case one)."""
    try:
        return document.styles[name]
    except KeyError:
        style = document.styles.add_style(name, kind)
        style.style_id = style_id
        return style


class WordFootnotes:
    """The footnotes of one document: :meth:`add` puts a reference in a paragraph and the note at the page foot."""

    def __init__(self, document) -> None:  # type: ignore[no-untyped-def]
        self.document = document
        self.count = 0
        self._part: XmlPart | None = None

    def _root(self):  # type: ignore[no-untyped-def]
        if self._part is None:
            self._part = XmlPart(PackURI("/word/footnotes.xml"), FOOTNOTES_CONTENT_TYPE, parse_xml(_SEPARATORS),
                                 self.document.part.package)
            self.document.part.relate_to(self._part, RELATIONSHIP_TYPE.FOOTNOTES)
            text = _style(self.document, FOOTNOTE_TEXT, "FootnoteText", WD_STYLE_TYPE.PARAGRAPH)
            text.base_style = self.document.styles["Normal"]
            text.font.size = Pt(8)
            text.paragraph_format.space_after = Pt(0)
            reference = _style(self.document, FOOTNOTE_REFERENCE, "FootnoteReference", WD_STYLE_TYPE.CHARACTER)
            reference.font.superscript = True
        return self._part.element

    def add(self, paragraph: Paragraph, text: str) -> int:
        """A footnote holding ``text``, referred to at the end of ``paragraph``; returns its number."""
        root = self._root()
        self.count += 1
        number = self.count
        reference_style = self.document.styles[FOOTNOTE_REFERENCE].style_id
        text_style = self.document.styles[FOOTNOTE_TEXT].style_id
        note = OxmlElement("w:footnote")
        note.set(qn("w:id"), str(number))
        body = OxmlElement("w:p")
        properties = OxmlElement("w:pPr")
        style = OxmlElement("w:pStyle")
        style.set(qn("w:val"), text_style)
        properties.append(style)
        body.append(properties)
        body.append(_reference_run("w:footnoteRef", reference_style))
        words = OxmlElement("w:r")
        run_text = OxmlElement("w:t")
        run_text.set(qn("xml:space"), "preserve")
        run_text.text = f" {text}"
        words.append(run_text)
        body.append(words)
        note.append(body)
        root.append(note)
        mark = _reference_run("w:footnoteReference", reference_style)
        mark[-1].set(qn("w:id"), str(number))
        paragraph._p.append(mark)
        return number


def _reference_run(tag: str, style_id: str):  # type: ignore[no-untyped-def]
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), style_id)
    properties.append(style)
    run.append(properties)
    run.append(OxmlElement(tag))
    return run


def update_fields_on_open(document) -> None:  # type: ignore[no-untyped-def]
    """``w:updateFields`` in the settings: Word updates the fields (the contents' page numbers) when it opens
    the file, at the place the schema gives it."""
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    flag = OxmlElement("w:updateFields")
    flag.set(qn("w:val"), "true")
    after = next((settings.find(qn(tag)) for tag in _SETTINGS_AFTER if settings.find(qn(tag)) is not None), None)
    if after is None:
        settings.append(flag)
    else:
        after.addprevious(flag)


class TableOfContents:
    """A TOC field whose result is written in: one paragraph per heading (style "toc 1"/"toc 2"), the heading's
    text linked to a bookmark on the heading. The styles carry the dotted right tab Word's update fills in."""

    def __init__(self, document, text_width_mm: float) -> None:  # type: ignore[no-untyped-def]
        self.document = document
        self.text_width_mm = text_width_mm
        self._anchor: Paragraph | None = None
        self._entries: list[tuple[str, int, str]] = []

    def place(self, paragraph: Paragraph) -> None:
        """Where the contents go (an empty paragraph, after the "Contents" heading)."""
        self._anchor = paragraph

    def mark(self, heading: Paragraph, text: str, level: int) -> None:
        """Bookmark a heading listed in the contents."""
        name = f"_Toc{len(self._entries) + 1:06d}"
        number = str(len(self._entries) + 1)
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), number)
        start.set(qn("w:name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), number)
        properties = heading._p.find(qn("w:pPr"))
        if properties is not None:
            properties.addnext(start)
        else:
            heading._p.insert(0, start)
        heading._p.append(end)
        self._entries.append((text, level, name))

    def write(self) -> int:
        """Fill the contents in (after the headings are known); returns the number of entries."""
        if self._anchor is None:
            return 0
        styles = [self._style(level) for level in (1, 2)]
        paragraphs: list[Paragraph] = []
        for text, level, name in self._entries:
            paragraph = Paragraph(OxmlElement("w:p"), self._anchor._parent)
            paragraph.style = styles[min(level, 2) - 1]
            link = OxmlElement("w:hyperlink")
            link.set(qn("w:anchor"), name)
            link.set(qn("w:history"), "1")
            link.append(_text_run(text))
            paragraph._p.append(link)
            paragraphs.append(paragraph)
        if not paragraphs:
            paragraphs.append(Paragraph(OxmlElement("w:p"), self._anchor._parent))
        begin, instruction, separate = _field_runs(TOC_INSTRUCTION)
        first = paragraphs[0]._p
        properties = first.find(qn("w:pPr"))
        for element in reversed((begin, instruction, separate)):
            if properties is not None:
                properties.addnext(element)
            else:
                first.insert(0, element)
        paragraphs[-1]._p.append(_fld_char("end"))
        at = self._anchor._p
        for paragraph in paragraphs:
            at.addprevious(paragraph._p)
        at.getparent().remove(at)
        return len(self._entries)

    def _style(self, level: int):  # type: ignore[no-untyped-def]
        style = _style(self.document, f"toc {level}", f"TOC{level}", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = self.document.styles["Normal"]
        form = style.paragraph_format
        form.left_indent = Mm(6 * (level - 1))
        form.space_after = Pt(3 if level == 1 else 1)
        if not len(form.tab_stops):
            form.tab_stops.add_tab_stop(Mm(self.text_width_mm), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        style.font.bold = level == 1
        return style


def _text_run(text: str):  # type: ignore[no-untyped-def]
    run = OxmlElement("w:r")
    element = OxmlElement("w:t")
    element.set(qn("xml:space"), "preserve")
    element.text = text
    run.append(element)
    return run


def _fld_char(kind: str):  # type: ignore[no-untyped-def]
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    return run


def _field_runs(instruction: str) -> list:
    """The begin, instruction and separate runs of a complex field (its result and end follow)."""
    run = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    run.append(text)
    return [_fld_char("begin"), run, _fld_char("separate")]
