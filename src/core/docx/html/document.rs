//! What the HTML drawing (the parent module) and the PDF layout (`layout`) both read from a
//! merged Word letter, written once so that the two cannot drift apart: which parts a letter
//! has and in which order they are read, how a paragraph's and a run's formatting comes
//! together from the style chain, how note references are numbered, which elements hold a
//! part's paragraphs and tables, and what a picture, a text box or a table grid is made of.
//!
//! Each side then turns what is read here into its own output: the drawing writes HTML text
//! and leaves line breaking to the browser, the layout builds a model the PDF breaks into lines
//! and pages itself. What only one side needs stays with that side.

use std::collections::HashMap;

use super::package::{self, Archive};
use super::{
    emu_to_mm, note_mark, number, page_of, parse, read_bytes, relationships, Borders, DocxError,
    El, Numbering, PageLayout, ParaProps, RunProps, Styles,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NoteKind {
    Footnote,
    Endnote,
}

/// A footnote or endnote reference in the order a part makes them: (kind, id, number shown).
pub(super) type NoteReference = (NoteKind, String, usize);

/// What reading one part of a letter needs beside the part's tree.
pub(super) struct PartContext<'a, 'b> {
    pub archive: &'a mut Archive<'b>,
    pub styles: &'a Styles,
    /// Shared by all the parts of a letter, so that a list goes on counting where it left off.
    pub numbering: &'a mut Numbering,
    pub page: PageLayout,
    /// The part's relationships, for its images.
    pub rels: HashMap<String, (String, bool)>,
    pub notes: &'a mut Vec<NoteReference>,
}

/// A paragraph's formatting after the style chain, the list level and the direct formatting.
pub(super) struct ParagraphFormat {
    pub ppr: ParaProps,
    /// The run properties of the paragraph's style chain: what each of its runs starts from.
    pub base: RunProps,
    /// The list label (`3.`, `b)`, `•`) when the paragraph is a list item.
    pub label: Option<String>,
    /// The paragraph mark's own run properties, which style the label, as in Word.
    pub mark: Option<RunProps>,
    /// A section break that ends with this paragraph starts a new page, unless it is a
    /// continuous one.
    pub page_break_after: bool,
}

impl PartContext<'_, '_> {
    /// Reads a paragraph's formatting. A list item takes its list's next number, so each
    /// paragraph is read once and in document order.
    pub fn paragraph(&mut self, p: &El) -> ParagraphFormat {
        let ppr_el = p.child("pPr");
        let direct = ppr_el.map(ParaProps::read).unwrap_or_default();
        let (mut ppr, base) = self.styles.paragraph(direct.style.as_deref());
        let mut numbering = ppr.numbering.clone();
        if direct.numbering.is_some() {
            numbering = direct.numbering.clone();
        }
        let label = numbering.and_then(|(id, level)| {
            let (label, level_ppr) = self.numbering.next(&id, level)?;
            ppr.overlay(&level_ppr);
            Some(label)
        });
        ppr.overlay(&direct);
        ParagraphFormat {
            ppr,
            base,
            label,
            mark: ppr_el.and_then(|p| p.child("rPr")).map(RunProps::read),
            page_break_after: ppr_el
                .and_then(|p| p.child("sectPr"))
                .is_some_and(|s| s.val("type") != Some("continuous")),
        }
    }

    /// A run's properties: the paragraph's, then the run's character style, then its own.
    pub fn run(&self, base: &RunProps, r: &El) -> RunProps {
        let mut rpr = base.clone();
        let direct = r.child("rPr");
        if let Some(style) = direct.and_then(|d| d.val("rStyle")) {
            rpr.overlay(&self.styles.run(style));
        }
        if let Some(direct) = direct {
            rpr.overlay(&RunProps::read(direct));
        }
        rpr
    }

    /// Numbers a `w:footnoteReference` or `w:endnoteReference` after the ones before it of its
    /// kind and returns the mark it shows.
    pub fn note_reference(&mut self, el: &El) -> String {
        let kind = if el.name == "footnoteReference" {
            NoteKind::Footnote
        } else {
            NoteKind::Endnote
        };
        let id = el.attr("id").unwrap_or_default().to_string();
        let shown = self.notes.iter().filter(|n| n.0 == kind).count() + 1;
        self.notes.push((kind, id, shown));
        note_mark(kind, shown)
    }

    /// The bytes of the image part a relationship names, when `format` takes its file
    /// extension (in lower case); an external image is never fetched.
    pub fn image<F>(
        &mut self,
        id: &str,
        format: impl FnOnce(&str) -> Option<F>,
    ) -> Option<(F, Vec<u8>)> {
        let (target, external) = self.rels.get(id)?.clone();
        if external {
            return None;
        }
        let format = format(&target.rsplit('.').next()?.to_ascii_lowercase())?;
        Some((format, read_bytes(self.archive, &target)?))
    }
}

/// The paragraphs and tables of a body, cell, note or text box in order. Content controls,
/// custom XML, smart tags and tracked insertions hold ordinary content and are looked through;
/// of an `mc:AlternateContent` only the `mc:Choice` counts, never also its fallback.
pub(super) fn block_elements(parent: &El) -> Vec<&El> {
    let mut out = Vec::new();
    for el in parent.elements() {
        match el.name.as_str() {
            "p" | "tbl" => out.push(el),
            "sdt" => {
                if let Some(content) = el.child("sdtContent") {
                    out.extend(block_elements(content));
                }
            }
            "customXml" | "ins" | "smartTag" => out.extend(block_elements(el)),
            "AlternateContent" => {
                if let Some(choice) = el.child("Choice") {
                    out.extend(block_elements(choice));
                }
            }
            _ => {}
        }
    }
    out
}

/// Where the runs of an element inside a paragraph are, when it holds runs: hyperlinks, simple
/// fields (their result), tracked insertions, smart tags, custom XML and text direction hold
/// them directly, a content control in its `w:sdtContent`, an `mc:AlternateContent` in its
/// `mc:Choice` (never also its fallback).
pub(super) fn inline_content(el: &El) -> Option<&El> {
    match el.name.as_str() {
        "hyperlink" | "fldSimple" | "ins" | "smartTag" | "customXml" | "bdo" | "dir" => Some(el),
        "sdt" => el.child("sdtContent"),
        "AlternateContent" => el.child("Choice"),
        _ => None,
    }
}

/// The character of a `w:sym`, unless it lies in the private use area, where a symbol font's
/// glyphs live that no other font draws.
pub(super) fn symbol(sym: &El) -> Option<char> {
    sym.attr("char")
        .and_then(|c| u32::from_str_radix(c, 16).ok())
        .and_then(char::from_u32)
        .filter(|c| !('\u{E000}'..='\u{F8FF}').contains(c))
}

/// The pictures and text boxes a run's child stands for: a DrawingML `w:drawing`, a VML
/// `w:pict` or `w:object`, or the `w:drawing` and `w:pict` of an `mc:AlternateContent`'s
/// `mc:Choice` (never also its fallback, which draws the same object again).
pub(super) fn objects(el: &El) -> Vec<&El> {
    match el.name.as_str() {
        "drawing" | "pict" | "object" => vec![el],
        "AlternateContent" => el
            .child("Choice")
            .into_iter()
            .flat_map(|choice| choice.elements())
            .filter(|el| el.name == "drawing" || el.name == "pict")
            .collect(),
        _ => Vec::new(),
    }
}

/// A DrawingML object, inline or anchored.
pub(super) struct Frame<'e> {
    /// `wp:anchor` for an object placed on the page or by its paragraph, `wp:inline` for one
    /// in the line.
    pub el: &'e El,
    /// Millimetres.
    pub width: f64,
    pub height: f64,
    pub object: FrameObject<'e>,
}

pub(super) enum FrameObject<'e> {
    /// A picture and the relationship of its image part.
    Picture(Option<&'e str>),
    /// A text box's content, its insets in millimetres (top, right, bottom, left) and its
    /// outline when one is drawn.
    TextBox {
        content: &'e El,
        padding: [f64; 4],
        outline: Option<&'e El>,
    },
}

/// The picture or text box a `w:drawing` holds, or `None` for any other drawing.
pub(super) fn frame(drawing: &El) -> Option<Frame<'_>> {
    let el = drawing
        .elements()
        .find(|el| el.name == "inline" || el.name == "anchor")?;
    let extent = el.child("extent");
    let size = |name: &str| {
        emu_to_mm(number(extent.and_then(|e| e.attr(name))).unwrap_or(0.0)).clamp(0.0, 2000.0)
    };
    let object = if let Some(blip) = el.find("blip") {
        FrameObject::Picture(blip.attr("r:embed"))
    } else {
        let content = el.find("txbxContent")?;
        let body = el.find("bodyPr");
        // DrawingML's default insets: 0.1 inch at the sides, 0.05 inch above and below.
        let inset = |name: &str, default: f64| {
            emu_to_mm(number(body.and_then(|b| b.attr(name))).unwrap_or(default))
        };
        FrameObject::TextBox {
            content,
            padding: [
                inset("tIns", 45720.0),
                inset("rIns", 91440.0),
                inset("bIns", 45720.0),
                inset("lIns", 91440.0),
            ],
            outline: el
                .find("spPr")
                .and_then(|sp| sp.child("ln"))
                .filter(|ln| ln.child("noFill").is_none()),
        }
    };
    Some(Frame {
        el,
        width: size("cx"),
        height: size("cy"),
        object,
    })
}

/// An anchored object's offset on one axis (`positionH` or `positionV`): what it is measured
/// from (`page`, `margin`, `column`, `paragraph`, …) and how far, in millimetres.
pub(super) fn anchor_offset(anchor: &El, axis: &str) -> Option<(String, f64)> {
    let position = anchor.child(axis)?;
    let from = position.attr("relativeFrom")?.to_string();
    let value = number(position.child("posOffset").map(|o| o.text()).as_deref())?;
    Some((from, emu_to_mm(value)))
}

/// A table's properties and its grid, with the style's borders and cell margins under the
/// table's own.
pub(super) struct TableGrid<'e> {
    pub borders: Borders,
    /// Cell margins in points: top, right, bottom, left.
    pub padding: [f64; 4],
    /// Column widths in twips, as the grid gives them.
    pub columns: Vec<f64>,
    /// Twips from the left edge of the text.
    pub indent: f64,
    /// `w:jc` of the table.
    pub align: Option<&'e str>,
    /// How many grid columns the table spans: the grid's, or more when a row reaches further.
    pub width: usize,
    pub rows: Vec<GridRow<'e>>,
}

pub(super) struct GridRow<'e> {
    pub el: &'e El,
    /// The cells that start in this row; a cell merged down from the row above is left out.
    pub cells: Vec<GridCell<'e>>,
}

pub(super) struct GridCell<'e> {
    pub el: &'e El,
    pub tcpr: Option<&'e El>,
    /// The grid column the cell starts at and how many it spans.
    pub column: usize,
    pub span: usize,
    /// How many rows it spans: 1 unless it starts a vertical merge.
    pub rows: usize,
}

impl<'e> TableGrid<'e> {
    pub fn read(tbl: &'e El, styles: &Styles) -> TableGrid<'e> {
        let tblpr = tbl.child("tblPr");
        let style_pr = tblpr
            .and_then(|t| t.val("tblStyle"))
            .and_then(|s| styles.table(s));
        let borders_of =
            |pr: Option<&El>| pr.and_then(|p| p.child("tblBorders")).map(Borders::read);
        let mut borders = borders_of(style_pr).unwrap_or_default();
        if let Some(direct) = borders_of(tblpr) {
            borders.overlay(&direct);
        }
        let margins = tblpr
            .and_then(|t| t.child("tblCellMar"))
            .or_else(|| style_pr.and_then(|s| s.child("tblCellMar")));
        // Word's default cell margins: none above and below, 0.075 inch at the sides.
        let cell_margin = |side: &str, default: f64| {
            margins
                .and_then(|m| m.child(side).or_else(|| m.child(alt_side(side))))
                .and_then(|m| number(m.attr("w")))
                .unwrap_or(default)
                / 20.0
        };
        let columns: Vec<f64> = tbl
            .child("tblGrid")
            .map(|grid| {
                grid.elements()
                    .filter(|c| c.name == "gridCol")
                    .map(|c| number(c.attr("w")).unwrap_or(0.0))
                    .collect()
            })
            .unwrap_or_default();

        // Merged cells: the grid column each cell starts at, and how many rows a cell that
        // starts a vertical merge spans.
        let rows: Vec<&El> = tbl.elements().filter(|r| r.name == "tr").collect();
        let grid: Vec<Vec<(usize, &El)>> = rows
            .iter()
            .map(|row| {
                let mut column = 0;
                row.elements()
                    .filter(|c| c.name == "tc")
                    .map(|cell| {
                        let at = column;
                        column += span_of(cell);
                        (at, cell)
                    })
                    .collect()
            })
            .collect();
        let width = grid
            .iter()
            .flat_map(|row| row.iter().map(|(c, cell)| c + span_of(cell)))
            .max()
            .unwrap_or(0)
            .max(columns.len());
        let merge = |cell: &'e El| cell.child("tcPr").and_then(|t| t.child("vMerge"));
        let continues =
            |cell: &'e El| merge(cell).is_some_and(|m| m.attr("val") != Some("restart"));
        let rows = rows
            .iter()
            .zip(&grid)
            .enumerate()
            .map(|(r, (el, row))| GridRow {
                el,
                cells: row
                    .iter()
                    .filter(|(_, cell)| !continues(cell))
                    .map(|&(column, el)| GridCell {
                        el,
                        tcpr: el.child("tcPr"),
                        column,
                        span: span_of(el),
                        rows: if merge(el).is_some() {
                            1 + grid[r + 1..]
                                .iter()
                                .take_while(|next| {
                                    next.iter()
                                        .any(|(c, next_cell)| *c == column && continues(next_cell))
                                })
                                .count()
                        } else {
                            1
                        },
                    })
                    .collect(),
            })
            .collect();
        TableGrid {
            borders,
            padding: [
                cell_margin("top", 0.0),
                cell_margin("right", 108.0),
                cell_margin("bottom", 0.0),
                cell_margin("left", 108.0),
            ],
            columns,
            indent: tblpr
                .and_then(|t| t.child("tblInd"))
                .and_then(|i| number(i.attr("w")))
                .unwrap_or(0.0),
            align: tblpr.and_then(|t| t.val("jc")),
            width,
            rows,
        }
    }
}

impl GridCell<'_> {
    /// The cell's own borders, over those it would otherwise have.
    pub fn borders(&self, mut under: Borders) -> Borders {
        if let Some(own) = self.tcpr.and_then(|t| t.child("tcBorders")) {
            under.overlay(&Borders::read(own));
        }
        under
    }

    /// The cell's fill as six hex digits.
    pub fn fill(&self) -> Option<String> {
        self.tcpr
            .and_then(|t| t.child("shd"))
            .and_then(|s| s.attr("fill"))
            .and_then(super::hex_colour)
    }
}

fn span_of(cell: &El) -> usize {
    cell.child("tcPr")
        .and_then(|t| t.val("gridSpan"))
        .and_then(|s| s.parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, 64)
}

/// The logical name of a side (`start` for `left`), which newer documents write instead.
pub(super) fn alt_side(side: &str) -> &str {
    match side {
        "left" => "start",
        "right" => "end",
        other => other,
    }
}

/// A letter's parts, each read by the caller into what it makes of a part.
pub(super) struct LetterParts<T> {
    pub page: PageLayout,
    /// The default header of the letter's (last) section.
    pub header: T,
    pub body: T,
    pub footer: T,
    /// The footnotes the body refers to, in the order referred to, each with its mark; `None`
    /// when the body refers to none or the document has no footnotes part.
    pub footnotes: Option<Vec<(String, T)>>,
    /// The endnotes, likewise.
    pub endnotes: Option<Vec<(String, T)>>,
}

/// Opens a letter and reads its parts with `read`: the body first, so that its note
/// references are numbered, then the header and the footer, then the notes the body refers to.
/// The parts share one list numbering, read in that order; a header's or a note's own note
/// references are not numbered with the body's. A header, footer or notes part the letter
/// does not have reads as `T::default()`.
pub(super) fn read_letter<T: Default>(
    docx: &[u8],
    mut read: impl FnMut(PartContext<'_, '_>, &El) -> T,
) -> Result<LetterParts<T>, DocxError> {
    let mut archive = package::open(docx)?;
    let main = package::main_part(&mut archive)?;
    let src = package::read_text(&mut archive, &main)?;
    let document = parse(&main, &src)?;
    let styles = read_tree(&mut archive, "word/styles.xml")?
        .map(|root| Styles::read(&root))
        .unwrap_or_default();
    let mut numbering = read_tree(&mut archive, "word/numbering.xml")?
        .map(|root| Numbering::read(&root))
        .unwrap_or_default();
    let body = document.child("body");
    let sect = body.and_then(|b| b.child("sectPr"));
    let page = page_of(sect);
    let main_rels = relationships(&mut archive, &main);
    let mut notes = Vec::new();

    let mut read_part = |archive: &mut Archive<'_>,
                         numbering: &mut Numbering,
                         notes: &mut Vec<NoteReference>,
                         part: &str,
                         root: &El| {
        let rels = relationships(archive, part);
        read(
            PartContext {
                archive,
                styles: &styles,
                numbering,
                page,
                rels,
                notes,
            },
            root,
        )
    };

    let body = match body {
        Some(body) => read_part(&mut archive, &mut numbering, &mut notes, &main, body),
        None => T::default(),
    };
    let mut sides = Vec::new();
    for kind in ["header", "footer"] {
        let side = match header_part(sect, kind, &main_rels) {
            Some(part) => match read_tree(&mut archive, &part)? {
                Some(root) => {
                    let mut own_notes = Vec::new();
                    read_part(&mut archive, &mut numbering, &mut own_notes, &part, &root)
                }
                None => T::default(),
            },
            None => T::default(),
        };
        sides.push(side);
    }
    let footer = sides.pop().unwrap_or_default();
    let header = sides.pop().unwrap_or_default();

    let mut read_notes = |kind: NoteKind| -> Result<Option<Vec<(String, T)>>, DocxError> {
        let (element, relation) = match kind {
            NoteKind::Footnote => ("footnote", "footnotes"),
            NoteKind::Endnote => ("endnote", "endnotes"),
        };
        let referred: Vec<(String, usize)> = notes
            .iter()
            .filter(|n| n.0 == kind)
            .map(|n| (n.1.clone(), n.2))
            .collect();
        if referred.is_empty() {
            return Ok(None);
        }
        let Some(part) = main_rels
            .values()
            .find(|(target, external)| {
                !external && target.rsplit('/').next() == Some(&format!("{relation}.xml"))
            })
            .map(|(target, _)| target.clone())
        else {
            return Ok(None);
        };
        let Some(root) = read_tree(&mut archive, &part)? else {
            return Ok(None);
        };
        let mut read = Vec::new();
        for (id, shown) in referred {
            let Some(note) = root
                .elements()
                .find(|n| n.name == element && n.attr("id") == Some(id.as_str()))
            else {
                continue;
            };
            let mut own_notes = Vec::new();
            let note = read_part(&mut archive, &mut numbering, &mut own_notes, &part, note);
            read.push((note_mark(kind, shown), note));
        }
        Ok(Some(read))
    };
    let footnotes = read_notes(NoteKind::Footnote)?;
    let endnotes = read_notes(NoteKind::Endnote)?;
    Ok(LetterParts {
        page,
        header,
        body,
        footer,
        footnotes,
        endnotes,
    })
}

/// A part's tree, or `None` when the package has no such part.
fn read_tree(archive: &mut Archive<'_>, part: &str) -> Result<Option<El>, DocxError> {
    match package::read_text(archive, part) {
        Ok(src) => parse(part, &src).map(Some),
        Err(DocxError::MissingPart { .. }) => Ok(None),
        Err(other) => Err(other),
    }
}

/// The part a section's default header or footer reference names.
fn header_part(
    sect: Option<&El>,
    kind: &str,
    rels: &HashMap<String, (String, bool)>,
) -> Option<String> {
    let sect = sect?;
    let references: Vec<&El> = sect
        .elements()
        .filter(|el| el.name == format!("{kind}Reference"))
        .collect();
    let chosen = references
        .iter()
        .find(|r| r.attr("type") == Some("default"))
        .or(references.first())?;
    let (target, external) = rels.get(chosen.attr("r:id")?)?;
    (!external).then(|| target.clone())
}
