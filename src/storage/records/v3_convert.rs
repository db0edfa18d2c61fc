//! Format 3's own records to and from the core types: the team's records `v3.rs` defines, which
//! format 4 still uses. Format 3's records, record keys and journal entries are no longer
//! converted from the core (only the newest format is written); reading them goes through the
//! upgrade step to format 4 (`v4_convert.rs`). The types it shares with earlier formats convert
//! in `v1_convert.rs` and `v2_convert.rs`.
//!
//! As there, every conversion names every field of both sides and matches every variant, with
//! no `..` and no wildcard arm: a stored core type that changes is a compile error here until
//! someone decides what it means on disk (usually: a new format version, see `records/mod.rs`).

use super::v3;
use super::Stored;
use crate::core::team::ident as team;
use crate::core::team::replica::DocState;
use crate::core::team::revision::Rev;

impl Stored for v3::TeamDoc {
    type Core = DocState;
    fn from_core(core: &DocState) -> Self {
        let DocState {
            id,
            seq,
            leaves,
            bodies,
        } = core;
        v3::TeamDoc {
            id: id.clone(),
            seq: *seq,
            leaves: leaves
                .iter()
                .map(|(path, deleted)| (path.iter().map(Rev::to_string).collect(), *deleted))
                .collect(),
            bodies: bodies
                .iter()
                .map(|(rev, body)| {
                    (
                        rev.to_string(),
                        serde_json::to_string(body).expect("a JSON object always encodes"),
                    )
                })
                .collect(),
        }
    }
    fn into_core(self) -> Result<DocState, String> {
        let v3::TeamDoc {
            id,
            seq,
            leaves,
            bodies,
        } = self;
        let rev = |text: &str| {
            text.parse::<Rev>()
                .map_err(|_| format!("document {id}: not a revision: {text}"))
        };
        let leaves = leaves
            .iter()
            .map(|(path, deleted)| {
                let path = path.iter().map(|r| rev(r)).collect::<Result<Vec<_>, _>>()?;
                Ok((path, *deleted))
            })
            .collect::<Result<Vec<_>, String>>()?;
        let bodies = bodies
            .iter()
            .map(|(r, body)| {
                let body = serde_json::from_str(body)
                    .map_err(|e| format!("document {id}: body of {r} is not a JSON object: {e}"))?;
                Ok((rev(r)?, body))
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(DocState {
            id,
            seq,
            leaves,
            bodies,
        })
    }
}

impl Stored for v3::IdKind {
    type Core = team::IdKind;
    fn from_core(core: &team::IdKind) -> Self {
        match core {
            team::IdKind::Contact => v3::IdKind::Contact,
            team::IdKind::Segment => v3::IdKind::Segment,
            team::IdKind::LoggedSegment => v3::IdKind::LoggedSegment,
            team::IdKind::Entry => v3::IdKind::Entry,
            team::IdKind::Opportunity => v3::IdKind::Opportunity,
        }
    }
    fn into_core(self) -> Result<team::IdKind, String> {
        Ok(match self {
            v3::IdKind::Contact => team::IdKind::Contact,
            v3::IdKind::Segment => team::IdKind::Segment,
            v3::IdKind::LoggedSegment => team::IdKind::LoggedSegment,
            v3::IdKind::Entry => team::IdKind::Entry,
            v3::IdKind::Opportunity => team::IdKind::Opportunity,
        })
    }
}

impl Stored for v3::Alias {
    type Core = team::Alias;
    fn from_core(core: &team::Alias) -> Self {
        let team::Alias { kind, local, gid } = core;
        let team::Gid { origin, serial } = gid;
        v3::Alias {
            kind: Stored::from_core(kind),
            local: *local,
            origin: Stored::from_core(origin),
            serial: *serial,
        }
    }
    fn into_core(self) -> Result<team::Alias, String> {
        let v3::Alias {
            kind,
            local,
            origin,
            serial,
        } = self;
        Ok(team::Alias {
            kind: kind.into_core()?,
            local,
            gid: team::Gid {
                origin: origin.into_core()?,
                serial,
            },
        })
    }
}

impl Stored for v3::Member {
    type Core = team::Member;
    fn from_core(core: &team::Member) -> Self {
        let team::Member { origin, code, name } = core;
        v3::Member {
            origin: Stored::from_core(origin),
            code: code.clone(),
            name: name.clone(),
        }
    }
    fn into_core(self) -> Result<team::Member, String> {
        let v3::Member { origin, code, name } = self;
        Ok(team::Member {
            origin: origin.into_core()?,
            code,
            name,
        })
    }
}

impl Stored for v3::TeamSettings {
    type Core = team::TeamSettings;
    fn from_core(core: &team::TeamSettings) -> Self {
        let team::TeamSettings {
            origin,
            code,
            name,
            shared_seq,
        } = core;
        v3::TeamSettings {
            origin: Stored::from_core(origin),
            code: code.clone(),
            name: name.clone(),
            shared_seq: *shared_seq,
        }
    }
    fn into_core(self) -> Result<team::TeamSettings, String> {
        let v3::TeamSettings {
            origin,
            code,
            name,
            shared_seq,
        } = self;
        Ok(team::TeamSettings {
            origin: origin.into_core()?,
            code,
            name,
            shared_seq,
        })
    }
}

impl Stored for v3::Origin {
    type Core = team::Origin;
    fn from_core(core: &team::Origin) -> Self {
        v3::Origin(core.0)
    }
    /// 0 is never written, so a stored 0 is damage, not "no origin".
    fn into_core(self) -> Result<team::Origin, String> {
        if self.0 == 0 {
            return Err("a team member's origin is 0".to_string());
        }
        Ok(team::Origin(self.0))
    }
}
