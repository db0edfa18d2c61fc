//! Unit tests of .docx filling, on small documents written inline.

use std::io::{Cursor, Read, Write};

use proptest::prelude::*;
use zip::write::SimpleFileOptions;

use super::*;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    )
}

/// A package with the given parts after the usual content types and package relationships.
fn package(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default();
    let mut all = vec![
        ("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
        ("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"),
    ];
    all.extend_from_slice(parts);
    for (name, content) in all {
        writer.start_file(name, options).unwrap();
        writer.write_all(content.as_bytes()).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

fn docx(body: &str) -> Vec<u8> {
    package(&[("word/document.xml", &document(body))])
}

fn read_part(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut out = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    out
}

fn data(values: &[(&str, &str)]) -> MergeData {
    values.iter().copied().collect()
}

/// Merges a body and returns the merged document.xml, checked to be well-formed, and warnings.
fn merge_body(body: &str, values: &[(&str, &str)]) -> (String, Vec<Warning>) {
    let (bytes, warnings) = merge(&docx(body), &data(values)).unwrap();
    let xml = read_part(&bytes, "word/document.xml");
    xml::tokenize("merged", &xml).unwrap();
    (xml, warnings)
}

fn body_of(xml: &str) -> &str {
    let start = xml.find("<w:body>").unwrap() + "<w:body>".len();
    let end = xml.find("<w:sectPr/>").unwrap();
    &xml[start..end]
}

fn texts(bytes: &[u8]) -> Vec<String> {
    paragraph_texts(bytes, "word/document.xml").unwrap()
}

fn check(body: &str, values: &[(&str, &str)], expected_body: &str) {
    let (xml, _) = merge_body(body, values);
    assert_eq!(body_of(&xml), expected_body);
}

#[test]
fn a_tag_in_one_run_is_replaced_in_place() {
    check(
        "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">Dear {{first_name}},</w:t></w:r></w:p>",
        &[("first_name", "Aino")],
        "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">Dear Aino,</w:t></w:r></w:p>",
    );
}

#[test]
fn a_split_tag_lands_in_its_first_run_with_that_runs_formatting() {
    check(
        "<w:p><w:r><w:t>{{first</w:t></w:r><w:proofErr w:type=\"spellStart\"/><w:r><w:rPr><w:b/></w:rPr><w:t>_name}}!</w:t></w:r><w:proofErr w:type=\"spellEnd\"/></w:p>",
        &[("first_name", "Aino")],
        "<w:p><w:r><w:t xml:space=\"preserve\">Aino</w:t></w:r><w:proofErr w:type=\"spellStart\"/><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">!</w:t></w:r><w:proofErr w:type=\"spellEnd\"/></w:p>",
    );
}

#[test]
fn a_tag_split_over_three_runs_and_a_bookmark_still_merges() {
    let body = "<w:p><w:r><w:rPr><w:color w:val=\"1F3864\"/></w:rPr><w:t>{</w:t></w:r><w:bookmarkStart w:id=\"0\" w:name=\"x\"/><w:r w:rsidR=\"004F3D2B\"><w:rPr><w:i/></w:rPr><w:t>{company_</w:t></w:r><w:bookmarkEnd w:id=\"0\"/><w:r w:rsidR=\"00A91C07\"><w:rPr><w:b/><w:i/></w:rPr><w:t>name}}</w:t></w:r></w:p>";
    let (xml, _) = merge_body(body, &[("company_name", "Kalusto & Co")]);
    assert!(body_of(&xml).starts_with(
        "<w:p><w:r><w:rPr><w:color w:val=\"1F3864\"/></w:rPr><w:t xml:space=\"preserve\">Kalusto &amp; Co</w:t></w:r><w:bookmarkStart"
    ));
    assert!(body_of(&xml).contains("<w:bookmarkEnd w:id=\"0\"/>"));
    let (bytes, _) = merge(&docx(body), &data(&[("company_name", "Kalusto & Co")])).unwrap();
    assert_eq!(texts(&bytes), vec!["Kalusto & Co"]);
}

#[test]
fn multi_line_values_become_line_breaks_and_values_are_escaped() {
    check(
        "<w:p><w:r><w:t>{{mail_address}}</w:t></w:r></w:p>",
        &[("mail_address", "Aino <Virtanen>\r\nKatu 1\n00100 Helsinki")],
        "<w:p><w:r><w:t xml:space=\"preserve\">Aino &lt;Virtanen&gt;</w:t><w:br/><w:t xml:space=\"preserve\">Katu 1</w:t><w:br/><w:t xml:space=\"preserve\">00100 Helsinki</w:t></w:r></w:p>",
    );
}

#[test]
fn a_missing_value_prints_nothing_and_warns() {
    let (xml, warnings) = merge_body(
        "<w:p><w:r><w:t>Hi {{first_name}} {{city}}</w:t></w:r></w:p>",
        &[("first_name", " ")],
    );
    assert_eq!(
        body_of(&xml),
        "<w:p><w:r><w:t xml:space=\"preserve\">Hi  </w:t></w:r></w:p>"
    );
    assert_eq!(
        warnings,
        vec![
            Warning::MissingValue {
                field: "first_name".into()
            },
            Warning::MissingValue {
                field: "city".into()
            }
        ]
    );
}

#[test]
fn an_if_block_inside_one_paragraph_spans_runs() {
    let body = "<w:p><w:r><w:t>Bye.</w:t></w:r><w:r><w:t>{{#if comment}}</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\">P.S. </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>{{comment}}</w:t></w:r><w:r><w:t>{{/if}}</w:t></w:r></w:p>";
    let (with, _) = merge_body(body, &[("comment", "See you")]);
    assert_eq!(
        body_of(&with),
        "<w:p><w:r><w:t>Bye.</w:t></w:r><w:r><w:t xml:space=\"preserve\"></w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\">P.S. </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\">See you</w:t></w:r><w:r><w:t xml:space=\"preserve\"></w:t></w:r></w:p>"
    );
    let (without, warnings) = merge_body(body, &[]);
    assert_eq!(
        body_of(&without),
        "<w:p><w:r><w:t>Bye.</w:t></w:r><w:r><w:t xml:space=\"preserve\"></w:t></w:r><w:r><w:t xml:space=\"preserve\"></w:t></w:r></w:p>"
    );
    assert_eq!(
        warnings,
        vec![],
        "a field in a branch not taken is not missing"
    );
}

#[test]
fn if_else_in_one_run_picks_a_branch() {
    let body = "<w:p><w:r><w:t>{{#if company_name}}at {{company_name}}{{else}}privately{{/if}}.</w:t></w:r></w:p>";
    let (xml, _) = merge_body(body, &[("company_name", "Oy")]);
    assert!(body_of(&xml).contains(">at Oy.<"));
    let (xml, _) = merge_body(body, &[]);
    assert!(body_of(&xml).contains(">privately.<"));
}

#[test]
fn a_false_block_keeps_the_formatting_of_the_text_after_it() {
    // The block ends inside the bold run: the run's properties must stay for " tail".
    let body = "<w:p><w:r><w:t>{{#if x}}a</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:tab/><w:t>b{{/if}} tail</w:t></w:r></w:p>";
    let (xml, _) = merge_body(body, &[]);
    assert_eq!(
        body_of(&xml),
        "<w:p><w:r><w:t xml:space=\"preserve\"></w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\"> tail</w:t></w:r></w:p>"
    );
}

#[test]
fn a_block_over_paragraphs_removes_them_and_its_own_tag_paragraphs() {
    let body = "<w:p><w:r><w:t>Start</w:t></w:r></w:p><w:p><w:r><w:t>{{#if comment}}</w:t></w:r></w:p><w:p><w:r><w:t>Note: {{comment}}</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>{{else}}</w:t></w:r></w:p><w:p><w:r><w:t>No note</w:t></w:r></w:p><w:p><w:proofErr w:type=\"gramStart\"/><w:r><w:t xml:space=\"preserve\"> {{/if}} </w:t></w:r></w:p><w:p><w:r><w:t>End</w:t></w:r></w:p>";
    let (bytes, _) = merge(&docx(body), &data(&[("comment", "hi")])).unwrap();
    assert_eq!(texts(&bytes), vec!["Start", "Note: hi", "cell", "End"]);
    let (bytes, _) = merge(&docx(body), &data(&[])).unwrap();
    assert_eq!(texts(&bytes), vec!["Start", "No note", "End"]);
    let report = check_template(&docx(body)).unwrap();
    assert_eq!(report.problems, vec![]);
}

#[test]
fn a_block_over_paragraphs_with_text_around_its_tags_keeps_both_ends() {
    let body = "<w:p><w:r><w:t>Intro {{#if x}}yes</w:t></w:r></w:p><w:p><w:r><w:t>middle</w:t></w:r></w:p><w:p><w:r><w:t>more{{/if}} outro</w:t></w:r></w:p>";
    let (bytes, _) = merge(&docx(body), &data(&[])).unwrap();
    assert_eq!(texts(&bytes), vec!["Intro ", " outro"]);
    let (bytes, _) = merge(&docx(body), &data(&[("x", "1")])).unwrap();
    assert_eq!(texts(&bytes), vec!["Intro yes", "middle", "more outro"]);
}

#[test]
fn a_block_across_table_cells_cannot_be_merged() {
    let body = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>{{#if city}}a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b{{/if}}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
    let report = check_template(&docx(body)).unwrap();
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert_eq!(
        report.problems[0].code(),
        "docx.cannot_merge.block_across_containers"
    );
    assert_eq!(report.problems[0].location.paragraph, 1);
    // Merging still gives a well-formed document, without the tags.
    let (xml, _) = merge_body(body, &[]);
    assert!(!xml.contains("{{"));
}

#[test]
fn problems_are_reported_with_part_paragraph_and_column() {
    let body = "<w:p><w:r><w:t>Hello</w:t></w:r></w:p><w:p><w:r><w:t xml:space=\"preserve\">Dear {{frist</w:t></w:r><w:r><w:t>_name}} {{#if city}}</w:t></w:r></w:p><w:p><w:r><w:t>{{/if}}{{/if}} {{name</w:t></w:r></w:p>";
    let report = check_template(&docx(body)).unwrap();
    let problems: Vec<(&str, &str, usize, usize)> = report
        .problems
        .iter()
        .map(|p| {
            (
                p.code().as_str(),
                p.location.part.as_str(),
                p.location.paragraph,
                p.location.column,
            )
        })
        .collect();
    assert_eq!(
        problems,
        vec![
            ("letter.unknown_field", "word/document.xml", 2, 6),
            ("letter.unclosed_tag", "word/document.xml", 3, 16),
            ("letter.stray_close", "word/document.xml", 3, 8),
        ]
    );
    let found: Vec<&str> = report.tags.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(
        found,
        vec!["{{frist_name}}", "{{#if city}}", "{{/if}}", "{{/if}}"]
    );
    assert!(!report.is_mergeable());
}

#[test]
fn an_unclosed_block_is_reported() {
    let report = check_template(&docx("<w:p><w:r><w:t>{{#if city}}x</w:t></w:r></w:p>")).unwrap();
    assert_eq!(report.problems[0].code(), "letter.unbalanced_if");
}

const MERGE_FIELDS: &str = "<w:p><w:r><w:t xml:space=\"preserve\">Dear </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> MERGEFIELD Last_</w:instrText></w:r><w:r><w:instrText xml:space=\"preserve\">Name \\* Upper </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>«Last_Name»</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t>, at </w:t></w:r><w:fldSimple w:instr=\" MERGEFIELD Company \"><w:r><w:rPr><w:i/></w:rPr><w:t>«Company»</w:t></w:r></w:fldSimple><w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>";

#[test]
fn merge_fields_become_plain_runs_with_the_results_formatting() {
    check(
        MERGE_FIELDS,
        &[("surname", "Virtanen"), ("company_name", "Oy")],
        "<w:p><w:r><w:t xml:space=\"preserve\">Dear </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">VIRTANEN</w:t></w:r><w:r><w:t>, at </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\">Oy</w:t></w:r><w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p>",
    );
    let report = check_template(&docx(MERGE_FIELDS)).unwrap();
    assert_eq!(report.problems, vec![]);
    assert_eq!(
        report.fields().into_iter().collect::<Vec<_>>(),
        vec!["company_name".to_string(), "surname".to_string()]
    );
}

#[test]
fn unknown_and_nested_merge_fields_are_reported() {
    let body = "<w:p><w:fldSimple w:instr=\" MERGEFIELD Shoe_Size \"><w:r><w:t>«Shoe_Size»</w:t></w:r></w:fldSimple><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> IF </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> MERGEFIELD City </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:instrText> = \"\" \"a\" \"b\" </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>";
    let report = check_template(&docx(body)).unwrap();
    let codes: Vec<&str> = report.problems.iter().map(|p| p.code().as_str()).collect();
    assert_eq!(
        codes,
        vec![
            "docx.cannot_merge.nested_merge_field",
            "docx.unknown_merge_field"
        ]
    );
    let (xml, warnings) = merge_body(body, &[]);
    assert!(!xml.contains("Shoe_Size"));
    assert!(
        xml.contains("MERGEFIELD City"),
        "the IF field is left as it was"
    );
    assert_eq!(
        warnings,
        vec![Warning::UnknownMergeField {
            name: "Shoe_Size".into()
        }]
    );
}

#[test]
fn text_boxes_are_filled_in_both_of_their_copies() {
    let text_box = "<w:txbxContent><w:p><w:r><w:t>{{city}}</w:t></w:r></w:p></w:txbxContent>";
    let body = format!("<w:p><w:r><w:t>{{{{name}}}} </w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx>{text_box}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict>{text_box}</w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>after {{{{name}}}}</w:t></w:r></w:p>");
    let (bytes, warnings) =
        merge(&docx(&body), &data(&[("city", "Oulu"), ("name", "Aino")])).unwrap();
    assert_eq!(warnings, vec![]);
    assert_eq!(texts(&bytes), vec!["Aino after Aino", "Oulu", "Oulu"]);
    let report = check_template(&docx(&body)).unwrap();
    let paragraphs: Vec<usize> = report.tags.iter().map(|t| t.location.paragraph).collect();
    assert_eq!(paragraphs, vec![1, 1, 2, 3]);
}

#[test]
fn headers_footers_and_footnotes_are_filled() {
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>"#;
    let header = format!(
        r#"<w:hdr xmlns:w="{W}"><w:p><w:r><w:t>{{{{our_company.name}}}}</w:t></w:r></w:p></w:hdr>"#
    );
    let footnotes = format!(
        r#"<w:footnotes xmlns:w="{W}"><w:footnote w:id="1"><w:p><w:r><w:t>{{{{segment.no}}}}</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let bytes = package(&[
        ("word/document.xml", &document("<w:p/>")),
        ("word/_rels/document.xml.rels", rels),
        ("word/header1.xml", &header),
        ("word/footnotes.xml", &footnotes),
    ]);
    let (merged, _) = merge(
        &bytes,
        &data(&[("our_company.name", "Kalusto"), ("segment.no", "SEG1")]),
    )
    .unwrap();
    assert_eq!(
        paragraph_texts(&merged, "word/header1.xml").unwrap(),
        vec!["Kalusto"]
    );
    assert_eq!(
        paragraph_texts(&merged, "word/footnotes.xml").unwrap(),
        vec!["SEG1"]
    );
    assert_eq!(
        read_part(&merged, "word/document.xml"),
        read_part(&bytes, "word/document.xml")
    );
}

#[test]
fn a_document_with_another_prefix_gets_markup_in_that_prefix() {
    let src = r#"<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:body><x:p><x:r><x:t>{{mail_address}}</x:t></x:r></x:p></x:body></x:document>"#;
    let bytes = package(&[("word/document.xml", src)]);
    let (merged, _) = merge(&bytes, &data(&[("mail_address", "a\nb")])).unwrap();
    assert_eq!(
        read_part(&merged, "word/document.xml"),
        r#"<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:body><x:p><x:r><x:t xml:space="preserve">a</x:t><x:br/><x:t xml:space="preserve">b</x:t></x:r></x:p></x:body></x:document>"#
    );
}

#[test]
fn unreadable_files_are_clear_errors() {
    assert_eq!(
        check_template(b"PK not really").unwrap_err().code(),
        "docx.not_a_zip"
    );
    let no_document = package(&[("word/other.xml", "<a/>")]);
    assert_eq!(
        check_template(&no_document).unwrap_err(),
        DocxError::MissingPart {
            part: "word/document.xml".into()
        }
    );
    let broken = package(&[("word/document.xml", "<w:document><w:body></w:document>")]);
    let error = check_template(&broken).unwrap_err();
    assert_eq!(
        (error.code().as_str(), error.part()),
        ("docx.broken_xml", Some("word/document.xml"))
    );
    let latin1 = package(&[("word/document.xml", "")]);
    assert!(
        check_template(&latin1).is_ok(),
        "an empty part is well-formed enough to copy"
    );
}

#[test]
fn a_document_without_tags_is_copied_entry_for_entry() {
    let bytes = docx("<w:p><w:r><w:t>Plain</w:t></w:r></w:p>");
    let (merged, warnings) = merge(&bytes, &MergeData::new()).unwrap();
    assert_eq!(warnings, vec![]);
    for name in ["[Content_Types].xml", "_rels/.rels", "word/document.xml"] {
        assert_eq!(read_part(&merged, name), read_part(&bytes, name));
    }
}

#[test]
fn a_merge_field_that_leaves_a_hyperlink_is_not_cut_in_half() {
    let body = "<w:p><w:hyperlink r:id=\"rId9\"><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> MERGEFIELD City </w:instrText></w:r></w:hyperlink><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>";
    let report = check_template(&docx(body)).unwrap();
    assert_eq!(
        report.problems[0].code(),
        "docx.cannot_merge.field_across_elements"
    );
    let (xml, _) = merge_body(body, &[("city", "Oulu")]);
    assert!(xml.contains("MERGEFIELD City"));
}

/// One paragraph of runs cut from `text` at `cuts`, with spell-check marks between some runs.
fn split_paragraph(text: &str, cuts: &[usize]) -> String {
    let mut bounds: Vec<usize> = cuts
        .iter()
        .map(|cut| cut % (text.len() + 1))
        .filter(|cut| text.is_char_boundary(*cut))
        .collect();
    bounds.extend([0, text.len()]);
    bounds.sort_unstable();
    bounds.dedup();
    let mut out = String::from("<w:p>");
    for (index, pair) in bounds.windows(2).enumerate() {
        if index % 2 == 1 {
            out.push_str("<w:proofErr w:type=\"spellStart\"/>");
        }
        let style = if index % 3 == 0 {
            "<w:rPr><w:b/></w:rPr>"
        } else {
            ""
        };
        out.push_str(&format!(
            "<w:r w:rsidR=\"00{index:06}\">{style}<w:t xml:space=\"preserve\">"
        ));
        xml::escape_into(&mut out, &text[pair[0]..pair[1]]);
        out.push_str("</w:t></w:r>");
    }
    out.push_str("</w:p>");
    out
}

/// A piece of letter text with balanced blocks, for generating letters.
#[derive(Debug, Clone)]
enum Item {
    Text(&'static str),
    Block(&'static str, Vec<Item>, Option<Vec<Item>>),
}

impl Item {
    fn write(&self, out: &mut String) {
        match self {
            Item::Text(text) => out.push_str(text),
            Item::Block(field, then, otherwise) => {
                out.push_str(&format!("{{{{#if {field}}}}}"));
                then.iter().for_each(|item| item.write(out));
                if let Some(otherwise) = otherwise {
                    out.push_str("{{else}}");
                    otherwise.iter().for_each(|item| item.write(out));
                }
                out.push_str("{{/if}}");
            }
        }
    }
}

fn letter_item() -> impl Strategy<Value = Item> {
    let leaf = prop::sample::select(vec![
        "{{first_name}}",
        "{{city}}",
        "{{comment}}",
        "Dear ",
        "a",
        " & ",
        "{ ",
        "}",
        ",",
        "}}",
    ])
    .prop_map(Item::Text);
    leaf.prop_recursive(3, 24, 4, |inner| {
        (
            prop::sample::select(vec!["comment", "city", "first_name"]),
            proptest::collection::vec(inner.clone(), 0..4),
            proptest::option::of(proptest::collection::vec(inner, 0..3)),
        )
            .prop_map(|(field, then, otherwise)| Item::Block(field, then, otherwise))
    })
}

proptest! {
    /// Within one paragraph, however Word splits the runs, the merged text is exactly what the
    /// plain-text letter renderer makes of the same text.
    #[test]
    fn split_runs_merge_like_plain_text(
        items in proptest::collection::vec(letter_item(), 0..6),
        cuts in proptest::collection::vec(0usize..200, 0..6),
        with_comment in any::<bool>(),
    ) {
        let mut text = String::new();
        for item in &items {
            item.write(&mut text);
        }
        let (template, diagnostics) = crate::core::letter::parse(&text);
        prop_assume!(diagnostics.is_empty());
        let mut values = vec![("first_name", "Aino"), ("city", "")];
        if with_comment {
            values.push(("comment", "c <b>"));
        }
        let data = data(&values);
        let (expected, expected_warnings) = crate::core::letter::render(&template, &data);
        let (bytes, warnings) = merge(&docx(&split_paragraph(&text, &cuts)), &data).unwrap();
        let texts = texts(&bytes);
        prop_assert_eq!(texts, vec![expected]);
        prop_assert_eq!(warnings, expected_warnings);
    }

    #[test]
    fn any_value_keeps_the_document_well_formed(value in "\\PC*", control in "[\\x00-\\x1f]{0,3}") {
        let body = "<w:p><w:r><w:t>{{first</w:t></w:r><w:r><w:t>_name}}</w:t></w:r></w:p><w:p><w:fldSimple w:instr=\" MERGEFIELD City \"><w:r><w:t>x</w:t></w:r></w:fldSimple></w:p>";
        let value = format!("{value}{control}");
        let (bytes, _) = merge(&docx(body), &data(&[("first_name", &value), ("city", &value)])).unwrap();
        let xml = read_part(&bytes, "word/document.xml");
        prop_assert!(xml::tokenize("merged", &xml).is_ok());
    }

    #[test]
    fn any_paragraph_text_parses_without_panicking(text in "[{}#/a-z_. ]{0,40}") {
        let mut escaped = String::new();
        xml::escape_into(&mut escaped, &text);
        let body = format!("<w:p><w:r><w:t>{escaped}</w:t></w:r></w:p><w:p><w:r><w:t>{escaped}</w:t></w:r></w:p>");
        let (bytes, _) = merge(&docx(&body), &data(&[("name", "N")])).unwrap();
        let xml = read_part(&bytes, "word/document.xml");
        prop_assert!(xml::tokenize("merged", &xml).is_ok());
    }
}

#[test]
fn thousands_of_nested_blocks_in_a_word_document_are_refused_instead_of_overflowing_the_stack() {
    let depth = 10_000;
    let text = format!(
        "{}x{}",
        "{{#if name}}".repeat(depth),
        "{{/if}}".repeat(depth)
    );
    let body = format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>");
    let report = check_template(&docx(&body)).unwrap();
    assert!(report
        .problems
        .iter()
        .any(|p| p.code() == "letter.too_deeply_nested"));
    // Merging what is left must not overflow either; the letter prints the innermost text once.
    let (xml, _) = merge_body(&body, &[("name", "Anna")]);
    assert!(body_of(&xml).contains(">x<"), "{}", body_of(&xml));
}

#[test]
fn a_block_tag_in_a_link_target_is_reported_and_prints_nothing() {
    let src = r#"<Relationships xmlns="x"><Relationship Id="rId1" Type="t/hyperlink" Target="mailto:{{#if email}}{{email}}" TargetMode="External"/></Relationships>"#;
    let analysis = part::analyse_rels("word/_rels/document.xml.rels", src).unwrap();
    let codes: Vec<&str> = analysis
        .problems
        .iter()
        .map(|p| p.code().as_str())
        .collect();
    assert_eq!(codes, vec!["docx.cannot_merge.block_in_link"]);
    assert_eq!(analysis.problems[0].location.column, 8);
    let part = analysis.part.unwrap();
    let mut warnings = crate::core::letter::Warnings::default();
    let data = crate::core::letter::MergeData::new().with("email", "a b@x.fi");
    assert!(part
        .render(&data, &mut warnings)
        .contains(r#"Target="mailto:a%20b@x.fi""#));
}
