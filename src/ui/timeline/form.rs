//! An open add/edit form as the page holds it: what was typed (the domain's [`Draft`]), which
//! errors show, and what the form says. Pure and host-tested; [`super::entry_form`] holds one
//! in a signal, and [`super::drafts`] keeps the open ones across a reload.

use chrono::NaiveDate;

use fushen_domain::timeline::drafts::{Draft, Field, Target};
use fushen_domain::timeline::Timeline;

/// An open form: what it is for, what was typed, and what it says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    /// What it is for.
    pub target: Target,
    /// What was typed.
    pub draft: Draft,
    /// The certificate's 初领日期 (events cannot be earlier); today for certificate forms.
    pub first_issued: NaiveDate,
    /// Today in China.
    pub today: NaiveDate,
    /// Fields the holder has left (their errors show).
    pub left: Vec<Field>,
    /// Submitted once: every error shows.
    pub submitted: bool,
    /// The remove button was tapped once.
    pub confirm_remove: bool,
    /// The form's status line.
    pub status: String,
}

impl Form {
    /// A form for `target`, filled from what the timeline holds.
    pub fn open(target: Target, timeline: &Timeline, today: NaiveDate) -> Form {
        let first_issued = match target {
            Target::NewEvent(c) | Target::Event(c, _) => timeline
                .certificate(c)
                .map_or(today, |c| c.data.first_issued),
            Target::NewCertificate | Target::Certificate(_) => today,
        };
        Form {
            target,
            draft: Draft::open(target, timeline),
            first_issued,
            today,
            left: Vec::new(),
            submitted: false,
            confirm_remove: false,
            status: String::new(),
        }
    }

    /// The element id of `field`'s control (unique while the page is open: one form per target).
    pub fn id(&self, field: Field) -> String {
        format!("{}-{}", self.target.key(), field.name())
    }

    /// The error shown under `field`: once it has been left, or the form submitted.
    pub fn error(&self, field: Field) -> Option<String> {
        if !self.submitted && !self.left.contains(&field) {
            return None;
        }
        self.draft
            .check(field, self.first_issued, self.today)
            .err()
            .map(|e| field.error_message(e))
    }

    /// The holder left `field`; false when it had been left before (nothing changes).
    pub fn leave(&mut self, field: Field) -> bool {
        let first = !self.left.contains(&field);
        if first {
            self.left.push(field);
        }
        first
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fushen_domain::certificate::CertificateKind::FusionWelding;
    use fushen_domain::timeline::forms::{CertField, EventField};
    use fushen_domain::timeline::model::EventKind;
    use fushen_domain::timeline::testing::{cert, d, event};

    #[test]
    fn errors_show_once_a_field_is_left_or_the_form_submitted() {
        let t = Timeline::default();
        let mut form = Form::open(Target::NewCertificate, &t, d(2026, 3, 1));
        let first = Field::Cert(CertField::FirstIssued);
        form.draft.set(first, "2027-01-01".into());
        assert_eq!(form.error(first), None);
        assert!(form.leave(first));
        assert!(!form.leave(first));
        assert_eq!(form.error(first).as_deref(), Some("初领日期不能晚于今天"));
        let kind = Field::Cert(CertField::Kind);
        assert_eq!(form.error(kind), None);
        form.submitted = true;
        assert_eq!(form.error(kind).as_deref(), Some("请选择证书类型"));
        assert_eq!(form.id(kind), "cert-new-kind");
    }

    #[test]
    fn an_event_cannot_be_dated_before_its_certificate() {
        let t = Timeline::from_parts(vec![(
            cert(FusionWelding, d(2020, 5, 10)),
            vec![event(EventKind::Exam, d(2026, 2, 1))],
        )]);
        let mut form = Form::open(Target::Event(1, 2), &t, d(2026, 3, 1));
        assert_eq!(form.first_issued, d(2020, 5, 10));
        assert_eq!(form.id(Field::Event(EventField::Date)), "ev-1-2-date");
        let date = Field::Event(EventField::Date);
        form.draft.set(date, "2019-01-01".into());
        form.submitted = true;
        assert_eq!(
            form.error(date).as_deref(),
            Some("不能早于这本证书的初领日期")
        );
    }
}
