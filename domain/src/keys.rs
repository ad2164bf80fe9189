//! Every name the app stores or puts in a link, in one place.

/// Keys of the app's entries in `localStorage`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageKey {
    /// The personal timeline (versioned JSON).
    Timeline,
    /// A stored timeline that could not be read, kept untouched for export.
    TimelineBackup,
    /// The timeline's add/edit forms open when the page was left, as typed.
    TimelineDraft,
    /// The enquiry being typed.
    EnquiryDraft,
    /// Enquiries waiting to be delivered.
    Outbox,
    /// Enquiries delivered (reference numbers shown to the user).
    Sent,
    /// The estimator's last inputs (exam date, acceptance date, working-day counts).
    Estimator,
    /// Stored enquiry data that could not be read, kept untouched rather than overwritten.
    EnquiryUnreadable,
}

impl StorageKey {
    /// Every key, for "clear my data".
    pub const ALL: [StorageKey; 8] = [
        StorageKey::Timeline,
        StorageKey::TimelineBackup,
        StorageKey::TimelineDraft,
        StorageKey::EnquiryDraft,
        StorageKey::Outbox,
        StorageKey::Sent,
        StorageKey::Estimator,
        StorageKey::EnquiryUnreadable,
    ];

    /// The key as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            StorageKey::Timeline => "fushen.timeline",
            StorageKey::TimelineBackup => "fushen.timeline.backup",
            StorageKey::TimelineDraft => "fushen.timeline.draft",
            StorageKey::EnquiryDraft => "fushen.enquiry.draft",
            StorageKey::Outbox => "fushen.enquiry.outbox",
            StorageKey::Sent => "fushen.enquiry.sent",
            StorageKey::Estimator => "fushen.estimator",
            StorageKey::EnquiryUnreadable => "fushen.enquiry.unreadable",
        }
    }
}

/// Parameters of the page link's fragment (`#exam=2026-09-14&t=1.…`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlParam {
    /// The exam date, YYYY-MM-DD.
    Exam,
    /// The date the review application was accepted (受理日期), YYYY-MM-DD.
    Accepted,
    /// Working days to the earliest query date (default 15).
    Earliest,
    /// Working days to the usual latest query date (default 30).
    Usual,
    /// Extra working days for the national platform's batch sync (default 2).
    Sync,
    /// The compact timeline.
    Timeline,
}

impl UrlParam {
    /// Every parameter.
    pub const ALL: [UrlParam; 6] = [
        UrlParam::Exam,
        UrlParam::Accepted,
        UrlParam::Earliest,
        UrlParam::Usual,
        UrlParam::Sync,
        UrlParam::Timeline,
    ];

    /// The name in the fragment.
    pub fn as_str(self) -> &'static str {
        match self {
            UrlParam::Exam => "exam",
            UrlParam::Accepted => "acc",
            UrlParam::Earliest => "e",
            UrlParam::Usual => "u",
            UrlParam::Sync => "s",
            UrlParam::Timeline => "t",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_are_unique() {
        let keys: HashSet<_> = StorageKey::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(keys.len(), StorageKey::ALL.len());
        let params: HashSet<_> = UrlParam::ALL.iter().map(|p| p.as_str()).collect();
        assert_eq!(params.len(), UrlParam::ALL.len());
    }
}
