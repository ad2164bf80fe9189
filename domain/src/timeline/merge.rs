//! When a timeline arrives (from a link or a backup file) and the phone already holds one: is it
//! new, the same, or different — and, if the holder asks, the two merged. Deciding never changes
//! the stored timeline; only the holder's choice does.

use crate::certificate::CertificateType;
use crate::timeline::link::{self, LinkError};
use crate::timeline::model::{Certificate, EventData, Timeline, MAX_CERTIFICATES, MAX_EVENTS};

/// What to do with an arriving timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arrival {
    /// Nothing arrived (no `t` in the link, or an empty timeline).
    Nothing,
    /// The phone holds the same already.
    Same,
    /// The phone holds none: take it.
    Adopt(Timeline),
    /// The phone holds a different one: ask (replace, merge, or keep mine).
    Conflict(Timeline),
    /// The link could not be read; the stored timeline stays as it is.
    Unreadable(LinkError),
}

fn arrive(stored: &Timeline, incoming: Timeline, same: bool) -> Arrival {
    if incoming.is_empty() {
        Arrival::Nothing
    } else if stored.is_empty() {
        Arrival::Adopt(incoming)
    } else if same {
        Arrival::Same
    } else {
        Arrival::Conflict(incoming)
    }
}

/// Decides about the link value `t` (if any) given the `stored` timeline. The same means the
/// same in the link's terms: the stored timeline's private words are not in any link.
pub fn from_link(stored: &Timeline, t: Option<&str>) -> Arrival {
    let Some(text) = t else {
        return Arrival::Nothing;
    };
    match link::decode(text) {
        Err(e) => Arrival::Unreadable(e),
        Ok(incoming) => {
            let same = link::encode(stored) == link::encode(&incoming);
            arrive(stored, incoming, same)
        }
    }
}

/// Decides about a timeline read from a backup file.
pub fn from_file(stored: &Timeline, incoming: Timeline) -> Arrival {
    let same = stored.parts() == incoming.parts();
    arrive(stored, incoming, same)
}

/// Two certificates are the same one when type and 初领日期 agree (a 其他 description may be
/// missing from a link).
fn same_certificate(a: &Certificate, b: &Certificate) -> bool {
    a.data.kind.code() == b.data.kind.code() && a.data.first_issued == b.data.first_issued
}

/// Two events are the same when kind and date agree (training hours and notes aside); notes
/// also need the same words.
fn same_event(a: &EventData, b: &EventData) -> bool {
    a.date == b.date
        && a.kind.code() == b.kind.code()
        && (a.kind != crate::timeline::EventKind::Note || a.note.trim() == b.note.trim())
}

/// Everything in `mine`, plus what `theirs` adds: its certificates that `mine` lacks, and the
/// events of shared certificates that `mine` lacks. Where both say something different about
/// the same thing (a cycle, hours), `mine` wins; where `mine` says nothing (有效期至, a 其他
/// description), `theirs` fills in. Limits are kept: beyond them, nothing more is added.
pub fn merge(mine: &Timeline, theirs: &Timeline) -> Timeline {
    let mut parts = mine.parts();
    // Each of mine matches at most one of theirs, in order, so that twins stay twins.
    let mut matched = vec![false; mine.certificates.len()];
    for incoming in &theirs.certificates {
        let found = mine
            .certificates
            .iter()
            .enumerate()
            .position(|(i, c)| !matched[i] && same_certificate(c, incoming));
        match found {
            Some(i) => {
                matched[i] = true;
                let (data, events) = &mut parts[i];
                if data.valid_until.is_none() {
                    data.valid_until = incoming.data.valid_until;
                }
                if let (CertificateType::Other(words), CertificateType::Other(theirs)) =
                    (&mut data.kind, &incoming.data.kind)
                {
                    if words.trim().is_empty() && !theirs.trim().is_empty() {
                        words.clone_from(theirs);
                    }
                }
                for e in &incoming.events {
                    if events.len() < MAX_EVENTS && !events.iter().any(|m| same_event(m, &e.data)) {
                        events.push(e.data.clone());
                    }
                }
            }
            None if parts.len() < MAX_CERTIFICATES => parts.push((
                incoming.data.clone(),
                incoming.events.iter().map(|e| e.data.clone()).collect(),
            )),
            None => {}
        }
    }
    Timeline::from_parts(parts)
}
