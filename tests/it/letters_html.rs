//! The preview and print view of a Word letter drawn from its own layout (issue 13 item 3):
//! page size and margins, header and footer, formatting, tables (nested), images, text boxes
//! once, numbered lists, footnotes, page breaks; everything from the document escaped.

use std::io::{Cursor, Write};

use segmentti::core::docx::{letter_html, DocxTemplate, LetterHtml};
use segmentti::core::letter::MergeData;
use segmentti::core::output::print_sheets;
use zip::write::SimpleFileOptions;
use zip::ZipWriter;

const RICH_LETTER: &[u8] = include_bytes!("../fixtures/rich-letter.docx");
const LETTER_TEMPLATE: &[u8] = include_bytes!("../fixtures/letter-template.docx");

fn aino() -> MergeData {
    MergeData::new()
        .with("first_name", "Aino")
        .with("surname", "Virtanen")
        .with("name", "Aino Virtanen")
        .with("company_name", "Kalusto <b>&</b> Co Oy")
        .with(
            "mail_address",
            "Aino Virtanen\nKalusto Oy\nMannerheimintie 1\n00100 Helsinki",
        )
        .with("formal_salutation", "Dear Aino Virtanen")
        .with("document.date", "26 November 2026")
        .with("salesperson.name", "Maija Myyjä")
        .with("salesperson.job_title", "Sales Manager")
        .with("our_company.name", "Pohjoisen Kalusto Oy")
        .with("comment", "Coffee is on us.")
        .with("email", "aino@example.com")
        .with("document.subject", "Our offer")
}

fn drawn(template: &[u8]) -> LetterHtml {
    let (merged, _) = DocxTemplate::parse(template)
        .unwrap()
        .merge(&aino())
        .unwrap();
    letter_html(&merged).expect("the letter is drawn")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.05
}

#[test]
fn the_page_header_and_footer_come_from_the_section() {
    let letter = drawn(RICH_LETTER);
    // A4, 30 mm top, 20 mm sides, 25 mm bottom, header and footer 12.5 mm from the edges.
    let page = letter.page;
    assert!(
        close(page.width, 210.0) && close(page.height, 297.0),
        "{page:?}"
    );
    assert!(close(page.top, 30.0) && close(page.left, 20.0) && close(page.right, 20.0));
    assert!(close(page.bottom, 25.0) && close(page.header, 12.5) && close(page.footer, 12.5));
    assert!(
        letter.header.contains("letter to Aino Virtanen"),
        "{}",
        letter.header
    );
    assert!(letter.footer.contains("Page "), "{}", letter.footer);
    assert!(!letter.body.contains("letter to Aino Virtanen"));
}

#[test]
fn text_boxes_appear_once_and_images_are_data_urls() {
    let letter = drawn(RICH_LETTER);
    assert_eq!(
        letter.body.matches("Box one: Aino").count(),
        1,
        "{}",
        letter.body
    );
    assert_eq!(letter.body.matches("Box two: Virtanen").count(), 1);
    assert_eq!(letter.body.matches("class=\"text-box\"").count(), 2);
    assert_eq!(letter.body.matches("<img").count(), 1);
    assert!(letter
        .body
        .contains("src=\"data:image/png;base64,iVBORw0KGgo"));
}

#[test]
fn nested_tables_numbered_lists_and_footnotes_keep_their_shape() {
    let letter = drawn(RICH_LETTER);
    let body = &letter.body;
    // A table inside a cell of a table: the last cell opened before it is not yet closed.
    let outer = body.find("<table").unwrap();
    let inner = outer + 1 + body[outer + 1..].find("<table").unwrap();
    let opened = body[..inner].rfind("<td").unwrap();
    assert!(
        body[..inner]
            .rfind("</td>")
            .is_none_or(|closed| closed < opened),
        "the inner table is in a cell"
    );
    for label in ["1.", "2.", "3."] {
        assert!(
            body.contains(&format!("\">{label}</span>\t")),
            "{label}: {body}"
        );
    }
    assert!(body.contains("<sup class=\"note-ref\">1</sup>"));
    assert!(
        letter.notes.contains("Footnote for Aino Virtanen"),
        "{}",
        letter.notes
    );
    assert!(letter.notes.contains("Endnote for Aino"));
}

#[test]
fn formatting_comes_through_styles_and_direct_properties() {
    let letter = drawn(LETTER_TEMPLATE);
    let body = &letter.body;
    // The date is right-aligned, the subject line bold, the merged company escaped.
    let date = body.find("26 November 2026").unwrap();
    let date_paragraph = body[..date].rfind("<div class=\"p\"").unwrap();
    assert!(body[date_paragraph..date].contains("text-align:right"));
    let subject = body.find("Offer: office furniture").unwrap();
    assert!(body[..subject][body[..subject].rfind("<span").unwrap()..].contains("font-weight:bold"));
    assert!(body.contains("Kalusto &lt;b&gt;&amp;&lt;/b&gt; Co Oy"));
    assert!(!body.contains("<b>"));
    // The summary table has borders.
    assert!(
        body.contains("<table") && body.contains("border-top:"),
        "{body}"
    );
    assert!(letter.header.contains("Pohjoisen Kalusto Oy"));
}

fn package(document_body: &str, extra: &[(&str, &[u8])], document_rels: &str) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default();
    let mut put = |name: &str, bytes: &[u8]| {
        writer.start_file(name, options).unwrap();
        writer.write_all(bytes).unwrap();
    };
    put(
        "[Content_Types].xml",
        br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
    );
    put(
        "_rels/.rels",
        br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
    );
    put(
        "word/_rels/document.xml.rels",
        format!(r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{document_rels}</Relationships>"#).as_bytes(),
    );
    put(
        "word/document.xml",
        format!(r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><w:body>{document_body}</w:body></w:document>"#).as_bytes(),
    );
    for (name, bytes) in extra {
        put(name, bytes);
    }
    writer.finish().unwrap().into_inner()
}

fn picture(id: &str) -> String {
    format!(
        r#"<w:r><w:drawing><wp:inline><wp:extent cx="360000" cy="360000"/><a:graphic><a:graphicData><a:blip r:embed="{id}"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
    )
}

#[test]
fn nothing_from_the_document_escapes_its_place() {
    let body = format!(
        concat!(
            r#"<w:p><w:r><w:rPr><w:rFonts w:ascii="x';}}&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;"/>"#,
            r#"<w:color w:val="red;background:url(https://evil.example/)"/><w:highlight w:val="x&quot; onmouseover=&quot;alert(1)"/></w:rPr>"#,
            r#"<w:t>&lt;script&gt;alert(2)&lt;/script&gt; &amp; "quotes"</w:t></w:r></w:p>"#,
            r#"<w:p><w:hyperlink r:id="rLink"><w:r><w:t>click</w:t></w:r></w:hyperlink></w:p>"#,
            r#"<w:p>{}{}</w:p>"#
        ),
        picture("rSvg"),
        picture("rRemote")
    );
    let rels = concat!(
        r#"<Relationship Id="rLink" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="javascript:alert(3)" TargetMode="External"/>"#,
        r#"<Relationship Id="rSvg" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/evil.svg"/>"#,
        r#"<Relationship Id="rRemote" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="https://evil.example/x.png" TargetMode="External"/>"#,
    );
    let svg: &[u8] = br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(4)"/>"#;
    let docx = package(&body, &[("word/media/evil.svg", svg)], rels);
    let letter = letter_html(&docx).unwrap();
    let html = print_sheets("<title>", "en\"", &[letter]);
    for bad in [
        "<script",
        "</style><",
        "evil.example",
        "javascript:",
        "onmouseover",
        "onload",
        "url(",
        "href",
    ] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
    assert!(html.contains("&lt;script&gt;alert(2)&lt;/script&gt; &amp; &quot;quotes&quot;"));
    assert!(
        html.contains("font-family:'xstylescriptalert1script'"),
        "{html}"
    );
    assert!(html.contains("<title>&lt;title&gt;</title>"));
    assert!(html.contains("<html lang=\"en&quot;\">"));
    assert!(html.contains("default-src 'none'"));
}

#[test]
fn page_breaks_and_the_page_size_carry_into_the_print_view() {
    let body = concat!(
        r#"<w:p><w:r><w:t>First page</w:t></w:r><w:r><w:br w:type="page"/></w:r><w:r><w:t>Second page</w:t></w:r></w:p>"#,
        r#"<w:sectPr><w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720"/></w:sectPr>"#
    );
    let letter = letter_html(&package(body, &[], "")).unwrap();
    assert!(close(letter.page.width, 215.9) && close(letter.page.height, 279.4));
    let first = letter.body.find("First page").unwrap();
    let page_break = letter.body.find("class=\"page-break\"").unwrap();
    let second = letter.body.find("Second page").unwrap();
    assert!(first < page_break && page_break < second);

    let html = print_sheets("Letters", "en", &[letter.clone(), letter]);
    assert!(
        html.contains("@page { size: 215.90mm 279.40mm; margin: 0; }"),
        "{html}"
    );
    assert_eq!(html.matches("<article class=\"sheet\"").count(), 2);
    assert!(html.contains(".sheet { break-after: page;"));
    assert!(html.contains("width:215.9mm;min-height:279.4mm;padding:25.4mm 25.4mm 25.4mm 25.4mm;"));
}

#[test]
fn a_document_nested_beyond_reason_is_drawn_without_overflowing() {
    let depth = 20_000;
    let body = format!(
        "{}<w:p><w:r><w:t>deep</w:t></w:r></w:p>{}<w:p><w:r><w:t>after</w:t></w:r></w:p>",
        "<w:tbl><w:tr><w:tc>".repeat(depth),
        "</w:tc></w:tr></w:tbl>".repeat(depth)
    );
    let letter = letter_html(&package(&body, &[], "")).unwrap();
    assert!(letter.body.contains("after"));
    assert!(
        !letter.body.contains("deep"),
        "beyond the limit nothing is drawn"
    );
}
