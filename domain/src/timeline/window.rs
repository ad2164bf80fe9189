//! Where a holder stands by the regulation's 60-day rule (Art. 22), given only the date their
//! certificate is due (the 证书到期日 an enquiry carries): not yet in the application window,
//! in it, or past the date. The window opens on [`window_opens`], the same day the timeline
//! counts with.

use chrono::NaiveDate;

use crate::timeline::dues::window_opens;

/// Where a holder stands on `today` for a review due on some date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewWindow {
    /// The window opens in this many days (at least 1).
    OpensIn(i64),
    /// The window is open; this many days are left until the due date (0: due today).
    Open(i64),
    /// The due date passed this many days ago (at least 1).
    Expired(i64),
}

impl ReviewWindow {
    /// Where a holder whose review is due on `due` stands on `today`.
    pub fn on(due: NaiveDate, today: NaiveDate) -> ReviewWindow {
        let opens = window_opens(due);
        if today < opens {
            ReviewWindow::OpensIn((opens - today).num_days())
        } else if today <= due {
            ReviewWindow::Open((due - today).num_days())
        } else {
            ReviewWindow::Expired((today - due).num_days())
        }
    }

    /// True while the holder can apply now: the calls to make first.
    pub fn is_open(self) -> bool {
        matches!(self, ReviewWindow::Open(_))
    }

    /// What staff read: "可以申请复审，还剩 N 天", "N 天后可以申请", "已过期 N 天".
    pub fn message(self) -> String {
        match self {
            ReviewWindow::OpensIn(days) => format!("{days} 天后可以申请"),
            ReviewWindow::Open(0) => "可以申请复审，今天到期".to_string(),
            ReviewWindow::Open(days) => format!("可以申请复审，还剩 {days} 天"),
            ReviewWindow::Expired(days) => format!("已过期 {days} 天"),
        }
    }

    /// The latest due date whose window is open on `today`: a database query finds the open
    /// windows as `today <= due <= last_due_open(today)`.
    pub fn last_due_open(today: NaiveDate) -> NaiveDate {
        today + chrono::Duration::days(crate::rules::APPLY_WITHIN_DAYS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn the_window_at_its_edges() {
        let due = day("2027-03-01");
        let table = [
            // 61 days before: not yet; the 60th day before: open, 60 days left.
            ("2026-12-30", ReviewWindow::OpensIn(1), "1 天后可以申请"),
            (
                "2026-12-31",
                ReviewWindow::Open(60),
                "可以申请复审，还剩 60 天",
            ),
            (
                "2027-02-28",
                ReviewWindow::Open(1),
                "可以申请复审，还剩 1 天",
            ),
            (
                "2027-03-01",
                ReviewWindow::Open(0),
                "可以申请复审，今天到期",
            ),
            ("2027-03-02", ReviewWindow::Expired(1), "已过期 1 天"),
            ("2026-01-01", ReviewWindow::OpensIn(364), "364 天后可以申请"),
        ];
        for (today, expected, words) in table {
            let found = ReviewWindow::on(due, day(today));
            assert_eq!(found, expected, "{today}");
            assert_eq!(found.message(), words);
            assert_eq!(found.is_open(), matches!(expected, ReviewWindow::Open(_)));
        }
    }

    #[test]
    fn leap_years_count_their_29th() {
        // 2028 is a leap year: 60 days before 2028-03-01 is 2028-01-01 (31 + 29 days).
        let due = day("2028-03-01");
        assert_eq!(
            ReviewWindow::on(due, day("2028-01-01")),
            ReviewWindow::Open(60)
        );
        assert_eq!(
            ReviewWindow::on(due, day("2027-12-31")),
            ReviewWindow::OpensIn(1)
        );
        assert_eq!(
            ReviewWindow::on(due, day("2028-02-29")),
            ReviewWindow::Open(1)
        );
        // Due on the 29th itself.
        let leap = day("2028-02-29");
        assert_eq!(
            ReviewWindow::on(leap, day("2027-12-31")),
            ReviewWindow::Open(60)
        );
        assert_eq!(
            ReviewWindow::on(leap, day("2028-03-01")),
            ReviewWindow::Expired(1)
        );
    }

    #[test]
    fn the_query_bound_agrees_with_the_rule() {
        let today = day("2026-12-06");
        let last = ReviewWindow::last_due_open(today);
        assert!(ReviewWindow::on(last, today).is_open());
        assert!(!ReviewWindow::on(last.succ_opt().unwrap(), today).is_open());
        assert!(ReviewWindow::on(today, today).is_open());
        assert!(!ReviewWindow::on(today.pred_opt().unwrap(), today).is_open());
    }
}
