//! Records as shared documents and back (`team.md`, "One CouchDB document per record").
//!
//! A document's id is `<kind>:<identity>`: `contact:0a1b2c3d-123` for a record with a number
//! (its global identity, `core::team::ident::Gid`), `salesperson:AV` for a set-up record with
//! a code, `our_company` for the one record of its kind. Its body is the record as format 3
//! stores it (`records::v3`, the frozen layout, so a body never changes shape with the core;
//! a template as format 4 stores it, its `emails` written only when it has any),
//! as a JSON object, with every reference to another record written as that record's global
//! identity (a string) instead of this browser's local id. A teammate's browser turns those
//! identities back into its own local ids, giving a new local id (and an alias record) to an
//! identity it has not seen before.
//!
//! Records that only make sense in one browser are never shared: the id counters, import
//! undo data, and the team's own bookkeeping records.

use crate::core::changes::{Counters, Record};
use crate::core::db::Db;
use crate::core::ids::{Code, ContactId, EntryId, LoggedSegmentId, OpportunityId, SegmentId};
use crate::core::team::ident::{Alias, Gid, IdKind, Member, Origin};
use crate::core::team::replica::Body;
use crate::storage::records::{v3, v4, Stored};
use serde_json::Value;

/// Where references of each kind sit in a record's JSON body; `*` is every item of a list.
/// These are the format-3 field names (`records::v3`), which never change.
fn references(kind: &str) -> &'static [(&'static [&'static str], IdKind)] {
    use IdKind::*;
    match kind {
        "contact" => &[(&["id"], Contact), (&["company"], Contact)],
        "segment" => &[
            (&["id"], Segment),
            (&["lines", "*", "contact"], Contact),
            (&["lines", "*", "company"], Contact),
            (&["lines", "*", "opportunity"], Opportunity),
            (&["history", "*", "action", "AddContact"], Contact),
            (&["history", "*", "action", "RemoveContact"], Contact),
            (
                &["history", "*", "action", "ReuseLogged", "logged"],
                LoggedSegment,
            ),
            (&["history", "*", "removed", "*", "contact"], Contact),
            (&["history", "*", "removed", "*", "company"], Contact),
            (
                &["history", "*", "removed", "*", "opportunity"],
                Opportunity,
            ),
        ],
        "saved_criteria" => &[
            (&["actions", "*", "AddContact"], Contact),
            (&["actions", "*", "RemoveContact"], Contact),
            (&["actions", "*", "ReuseLogged", "logged"], LoggedSegment),
        ],
        "logged_segment" => &[(&["id"], LoggedSegment)],
        "entry" => &[
            (&["id"], Entry),
            (&["contact"], Contact),
            (&["company"], Contact),
            (&["logged_segment"], LoggedSegment),
            (&["opportunity"], Opportunity),
            (&["letter", "batch"], LoggedSegment),
        ],
        "opportunity" => &[(&["id"], Opportunity), (&["contact"], Contact)],
        _ => &[],
    }
}

/// Calls `f` on every value at `path` in `value` (a missing field or a null is left alone).
fn visit(
    value: &mut Value,
    path: &[&str],
    f: &mut dyn FnMut(&mut Value) -> Result<(), String>,
) -> Result<(), String> {
    let Some((first, rest)) = path.split_first() else {
        return if value.is_null() { Ok(()) } else { f(value) };
    };
    match (*first, value) {
        ("*", Value::Array(items)) => {
            for item in items {
                visit(item, rest, f)?;
            }
            Ok(())
        }
        (key, Value::Object(map)) => match map.get_mut(key) {
            Some(inner) => visit(inner, rest, f),
            None => Ok(()),
        },
        _ => Ok(()),
    }
}

/// Turns references between local ids and global identities for one browser.
pub struct Ids<'a> {
    db: &'a Db,
    origin: Origin,
    /// Counters advanced by the local ids given to identities first seen here.
    pub counters: Counters,
    /// The alias records those new local ids need.
    pub new_aliases: Vec<Alias>,
    /// `new_aliases` by both of their keys: a received file of 600,000 documents looks up an
    /// alias for every reference, and a scan of the list made that quadratic (minutes).
    new_by_local: std::collections::HashMap<(IdKind, u32), Gid>,
    new_by_gid: std::collections::HashMap<(IdKind, Gid), u32>,
}

impl<'a> Ids<'a> {
    pub fn new(db: &'a Db, origin: Origin) -> Self {
        Ids {
            db,
            origin,
            counters: db.counters.clone(),
            new_aliases: Vec::new(),
            new_by_local: Default::default(),
            new_by_gid: Default::default(),
        }
    }

    /// The global identity of a local id.
    pub fn gid(&self, kind: IdKind, local: u32) -> Gid {
        if let Some(gid) = self.db.team.ids.foreign(kind, local) {
            return gid;
        }
        if let Some(gid) = self.new_by_local.get(&(kind, local)) {
            return *gid;
        }
        Gid {
            origin: self.origin,
            serial: local,
        }
    }

    /// The local id of a global identity, given now if this browser has never seen it.
    pub fn local(&mut self, kind: IdKind, gid: Gid) -> u32 {
        if gid.origin == self.origin {
            return gid.serial;
        }
        if let Some(local) = self.db.team.ids.local(kind, gid) {
            return local;
        }
        if let Some(local) = self.new_by_gid.get(&(kind, gid)) {
            return *local;
        }
        let local = match kind {
            IdKind::Contact => self.counters.take_contact().0,
            IdKind::Segment => self.counters.take_segment().0,
            IdKind::LoggedSegment => self.counters.take_logged_segment().0,
            IdKind::Entry => self.counters.take_entry().0,
            IdKind::Opportunity => self.counters.take_opportunity().0,
        };
        self.new_aliases.push(Alias { kind, local, gid });
        self.new_by_local.insert((kind, local), gid);
        self.new_by_gid.insert((kind, gid), local);
        local
    }
}

/// The document id of a record of a numbered kind.
pub fn numbered_doc_id(ids: &Ids, kind: IdKind, local: u32) -> String {
    format!("{}:{}", kind.doc_kind(), ids.gid(kind, local))
}

fn json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("stored records always serialise")
}

/// A record as a shared document: its id and body. `None` for records that stay in this
/// browser.
pub fn to_doc(record: &Record, ids: &Ids) -> Option<(String, Body)> {
    let (doc_id, kind, mut value) = match record {
        Record::Contact(r) => {
            let mut value = json(&v3::Contact::from_core(r));
            // Which import brought a contact in is this browser's own undo bookkeeping.
            value["import_batch"] = Value::Null;
            (
                numbered_doc_id(ids, IdKind::Contact, r.id.0),
                "contact",
                value,
            )
        }
        Record::Segment(r) => (
            numbered_doc_id(ids, IdKind::Segment, r.id.0),
            "segment",
            json(&v3::Segment::from_core(r)),
        ),
        Record::LoggedSegment(r) => (
            numbered_doc_id(ids, IdKind::LoggedSegment, r.id.0),
            "logged_segment",
            json(&v3::LoggedSegment::from_core(r)),
        ),
        Record::Entry(r) => (
            numbered_doc_id(ids, IdKind::Entry, r.id.0),
            "entry",
            json(&v3::InteractionLogEntry::from_core(r)),
        ),
        Record::Opportunity(r) => (
            numbered_doc_id(ids, IdKind::Opportunity, r.id.0),
            "opportunity",
            json(&v3::Opportunity::from_core(r)),
        ),
        Record::SavedCriteria(r) => (
            format!("saved_criteria:{}", r.code),
            "saved_criteria",
            json(&v3::SavedCriteria::from_core(r)),
        ),
        Record::Classification(kind, r) => (
            format!(
                "classification:{}:{}",
                json(&v3::ClassificationKind::from_core(kind)).as_str()?,
                r.code
            ),
            "classification",
            serde_json::json!({
                "kind": json(&v3::ClassificationKind::from_core(kind)),
                "record": json(&v3::Classification::from_core(r)),
            }),
        ),
        Record::Questionnaire(r) => (
            format!("questionnaire:{}", r.code),
            "questionnaire",
            json(&v3::ProfileQuestionnaire::from_core(r)),
        ),
        Record::Salesperson(r) => (
            format!("salesperson:{}", r.code),
            "salesperson",
            json(&v3::Salesperson::from_core(r)),
        ),
        Record::InteractionGroup(r) => (
            format!("interaction_group:{}", r.code),
            "interaction_group",
            json(&v3::InteractionGroup::from_core(r)),
        ),
        Record::Template(r) => (format!("template:{}", r.code), "template", template_body(r)),
        Record::SalutationFormula(r) => {
            let value = json(&v3::SalutationFormula::from_core(r));
            let kind = value["kind"].as_str().unwrap_or_default().to_string();
            (
                format!("salutation:{}:{}:{}", r.salutation_code, r.language, kind),
                "salutation",
                value,
            )
        }
        Record::OurCompany(r) => (
            "our_company".to_string(),
            "our_company",
            json(&v3::OurCompany::from_core(r)),
        ),
        Record::Member(m) => (
            format!("member:{}", m.origin.hex()),
            "member",
            json(&v3::Member::from_core(m)),
        ),
        Record::Counters(_)
        | Record::ImportUndo(_)
        | Record::TeamDoc(_)
        | Record::Alias(_)
        | Record::TeamSettings(_) => return None,
    };
    for (path, id_kind) in references(kind) {
        visit(&mut value, path, &mut |v| {
            let local = v.as_u64().ok_or("not a number")? as u32;
            *v = Value::String(ids.gid(*id_kind, local).to_string());
            Ok(())
        })
        .expect("a stored record's ids are numbers");
    }
    let Value::Object(body) = value else {
        unreachable!("every stored record is a JSON object")
    };
    Some((doc_id, body))
}

/// A template's body: format 4's template (`records::v4`), without the `emails` field when the
/// template has none. A teammate whose app is still on format 3 then writes the same body for
/// the same template, so the two replicas make the same revisions and see no conflict, and a
/// body that lacks the field reads as a template without e-mails.
fn template_body(template: &crate::core::model::InteractionTemplate) -> Value {
    let mut value = json(&v4::InteractionTemplate::from_core(template));
    if template.emails.is_empty() {
        if let Value::Object(fields) = &mut value {
            fields.remove("emails");
        }
    }
    value
}

/// The kind of a document id (`contact` of `contact:…`).
pub fn doc_kind(doc_id: &str) -> &str {
    doc_id.split(':').next().unwrap_or_default()
}

/// A document body as the record it holds, with this browser's local ids. The message says
/// what is wrong when the body is not a record of ours (a damaged file, a foreign document).
pub fn from_doc(doc_id: &str, body: &Body, ids: &mut Ids) -> Result<Record, String> {
    let kind = doc_kind(doc_id);
    let mut value = Value::Object(body.clone());
    for (path, id_kind) in references(kind) {
        visit(&mut value, path, &mut |v| {
            let gid = v
                .as_str()
                .and_then(Gid::parse)
                .ok_or_else(|| format!("{doc_id}: {v} is not a record identity"))?;
            *v = Value::from(ids.local(*id_kind, gid));
            Ok(())
        })?;
    }
    let bad = |e: serde_json::Error| format!("{doc_id}: {e}");
    fn read<T: serde::de::DeserializeOwned + Stored>(
        value: Value,
        bad: impl Fn(serde_json::Error) -> String,
    ) -> Result<T::Core, String> {
        serde_json::from_value::<T>(value).map_err(bad)?.into_core()
    }
    let record = match kind {
        "contact" => {
            let mut contact = read::<v3::Contact>(value, bad)?;
            // Keep this browser's own import bookkeeping for a contact it already has.
            contact.import_batch = ids
                .db
                .contacts
                .get(&contact.id)
                .and_then(|c| c.import_batch);
            Record::Contact(contact)
        }
        "segment" => Record::Segment(read::<v3::Segment>(value, bad)?),
        "logged_segment" => Record::LoggedSegment(read::<v3::LoggedSegment>(value, bad)?),
        "entry" => Record::Entry(read::<v3::InteractionLogEntry>(value, bad)?),
        "opportunity" => Record::Opportunity(read::<v3::Opportunity>(value, bad)?),
        "saved_criteria" => Record::SavedCriteria(read::<v3::SavedCriteria>(value, bad)?),
        "classification" => {
            let kind = read::<v3::ClassificationKind>(value["kind"].clone(), bad)?;
            let record = read::<v3::Classification>(value["record"].clone(), bad)?;
            Record::Classification(kind, record)
        }
        "questionnaire" => Record::Questionnaire(read::<v3::ProfileQuestionnaire>(value, bad)?),
        "salesperson" => Record::Salesperson(read::<v3::Salesperson>(value, bad)?),
        "interaction_group" => Record::InteractionGroup(read::<v3::InteractionGroup>(value, bad)?),
        "template" => Record::Template(read::<v4::InteractionTemplate>(value, bad)?),
        "salutation" => Record::SalutationFormula(read::<v3::SalutationFormula>(value, bad)?),
        "our_company" => Record::OurCompany(read::<v3::OurCompany>(value, bad)?),
        "member" => Record::Member(read::<v3::Member>(value, bad)?),
        other => return Err(format!("{doc_id}: no record kind is called {other:?}")),
    };
    check_id(doc_id, &record, ids)?;
    Ok(record)
}

/// A document whose id names one record and whose body holds another is refused: applying it
/// would put a record under the wrong identity.
fn check_id(doc_id: &str, record: &Record, ids: &mut Ids) -> Result<(), String> {
    let expected = match record {
        Record::Member(m) => format!("member:{}", m.origin.hex()),
        _ => match to_doc(record, ids) {
            Some((id, _)) => id,
            None => return Err(format!("{doc_id}: not a shared record")),
        },
    };
    if expected == doc_id {
        Ok(())
    } else {
        Err(format!("{doc_id}: the body is the record {expected}"))
    }
}

/// The document id of the record stored under `key` in this browser (what [`to_doc`] names it),
/// for a record that is gone; `None` for keys that are not shared.
pub fn doc_id_of_key(key: &crate::core::changes::RecordKey, ids: &Ids) -> Option<String> {
    use crate::core::changes::RecordKey as K;
    Some(match key {
        K::Contact(id) => numbered_doc_id(ids, IdKind::Contact, id.0),
        K::Segment(id) => numbered_doc_id(ids, IdKind::Segment, id.0),
        K::LoggedSegment(id) => numbered_doc_id(ids, IdKind::LoggedSegment, id.0),
        K::Entry(id) => numbered_doc_id(ids, IdKind::Entry, id.0),
        K::Opportunity(id) => numbered_doc_id(ids, IdKind::Opportunity, id.0),
        K::SavedCriteria(code) => format!("saved_criteria:{code}"),
        K::Classification(kind, code) => format!(
            "classification:{}:{code}",
            json(&v3::ClassificationKind::from_core(kind)).as_str()?
        ),
        K::Questionnaire(code) => format!("questionnaire:{code}"),
        K::Salesperson(code) => format!("salesperson:{code}"),
        K::InteractionGroup(code) => format!("interaction_group:{code}"),
        K::Template(code) => format!("template:{code}"),
        K::SalutationFormula(code, language, kind) => format!(
            "salutation:{code}:{language}:{}",
            json(&v3::SalutationKind::from_core(kind)).as_str()?
        ),
        K::Member(origin) => format!("member:{}", origin.hex()),
        K::ImportUndo(_) | K::TeamDoc(_) | K::Alias(..) => return None,
    })
}

/// The key a document's record has in this browser, for a document whose record is deleted.
pub fn local_key(doc_id: &str, ids: &mut Ids) -> Option<crate::core::changes::RecordKey> {
    use crate::core::changes::RecordKey as K;
    let (kind, rest) = doc_id.split_once(':').unwrap_or((doc_id, ""));
    let numbered = |kind: IdKind, ids: &mut Ids| Gid::parse(rest).map(|g| ids.local(kind, g));
    Some(match kind {
        "contact" => K::Contact(ContactId(numbered(IdKind::Contact, ids)?)),
        "segment" => K::Segment(SegmentId(numbered(IdKind::Segment, ids)?)),
        "logged_segment" => {
            K::LoggedSegment(LoggedSegmentId(numbered(IdKind::LoggedSegment, ids)?))
        }
        "entry" => K::Entry(EntryId(numbered(IdKind::Entry, ids)?)),
        "opportunity" => K::Opportunity(OpportunityId(numbered(IdKind::Opportunity, ids)?)),
        "member" => K::Member(Origin::parse_hex(rest)?),
        "saved_criteria" => K::SavedCriteria(Code::from_stored(rest.to_string())),
        "questionnaire" => K::Questionnaire(Code::from_stored(rest.to_string())),
        "salesperson" => K::Salesperson(Code::from_stored(rest.to_string())),
        "interaction_group" => K::InteractionGroup(Code::from_stored(rest.to_string())),
        "template" => K::Template(Code::from_stored(rest.to_string())),
        "classification" => {
            let (kind, code) = rest.split_once(':')?;
            let kind: v3::ClassificationKind = serde_json::from_value(Value::from(kind)).ok()?;
            K::Classification(kind.into_core().ok()?, Code::from_stored(code.to_string()))
        }
        "salutation" => {
            // The code comes first and may itself hold a colon; language and kind never do.
            let (rest, kind) = rest.rsplit_once(':')?;
            let (code, language) = rest.rsplit_once(':')?;
            let kind: v3::SalutationKind = serde_json::from_value(Value::from(kind)).ok()?;
            K::SalutationFormula(
                Code::from_stored(code.to_string()),
                language.to_string(),
                kind.into_core().ok()?,
            )
        }
        // Our company is never deleted, only changed.
        _ => return None,
    })
}

/// A member's document, as `to_doc` writes it; used where the member is not yet a record.
pub fn member_doc(member: &Member) -> (String, Body) {
    let Value::Object(body) = json(&v3::Member::from_core(member)) else {
        unreachable!()
    };
    (format!("member:{}", member.origin.hex()), body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{
        EmailAttachment, InteractionTemplate, LetterBody, TemplateEmail, TemplateLetter,
    };

    fn template(emails: Vec<TemplateEmail>) -> Record {
        Record::Template(InteractionTemplate {
            code: Code::new("SPRING"),
            language_default: "fi".into(),
            letters: vec![TemplateLetter {
                language: "fi".into(),
                subject: "Kevät".into(),
                body: LetterBody::Text("Hei {{first_name}}".into()),
            }],
            emails,
            ..Default::default()
        })
    }

    #[test]
    fn a_template_without_emails_is_the_document_a_format_3_teammate_writes() {
        let db = Db::new();
        let ids = Ids::new(&db, Origin(7));
        let record = template(Vec::new());
        let (_, body) = to_doc(&record, &ids).unwrap();
        let Record::Template(core) = &record else {
            unreachable!()
        };
        // What format 3 wrote for it: the same template without the field it could not hold.
        let v4::InteractionTemplate {
            code,
            group,
            description,
            unit_cost,
            unit_duration_min,
            information_flow,
            initiated_by,
            correspondence_type_default,
            ignore_contact_correspondence_type,
            language_default,
            letters,
            emails: _,
        } = v4::InteractionTemplate::from_core(core);
        let Value::Object(theirs) = json(&v3::InteractionTemplate {
            code,
            group,
            description,
            unit_cost,
            unit_duration_min,
            information_flow,
            initiated_by,
            correspondence_type_default,
            ignore_contact_correspondence_type,
            language_default,
            letters,
        }) else {
            unreachable!()
        };
        assert_eq!(body, theirs);
        assert!(!body.contains_key("emails"));
        let mut ids = Ids::new(&db, Origin(7));
        assert_eq!(
            from_doc("template:SPRING", &body, &mut ids).unwrap(),
            record
        );
    }

    #[test]
    fn a_templates_emails_travel_in_its_document_and_come_back_as_they_were() {
        let db = Db::new();
        let ids = Ids::new(&db, Origin(7));
        let record = template(vec![TemplateEmail {
            language: "fi".into(),
            subject: "Tarjous {{company_name}}lle".into(),
            body: "Hei {{first_name}}".into(),
            attachment: EmailAttachment::Pdf,
        }]);
        let (doc_id, body) = to_doc(&record, &ids).unwrap();
        assert_eq!(body["emails"][0]["attachment"], "Pdf");
        let mut ids = Ids::new(&db, Origin(7));
        assert_eq!(from_doc(&doc_id, &body, &mut ids).unwrap(), record);
    }
}
