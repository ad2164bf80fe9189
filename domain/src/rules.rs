//! Every number the app's rules rest on, in one place, so that a correction is one edit.
//!
//! The regulation numbers are those of the former rules, 《特种作业人员安全技术培训考核管理规定》
//! (原国家安全生产监督管理总局令第30号, as amended). A new version (应急管理部令第19号) is in force
//! from 2026-06-01 and its text was not available to us: the page says so ([`RULES_CAVEAT`]).
//!
//! The estimator's working-day counts are not law: training institutions publish them on their
//! websites as what usually happens (one site quotes the same figure for several cities; others
//! quote other ranges, [`OTHER_QUOTED_WAITS`]), and the user may change them.
//!
//! The guide (index.html) states these numbers with the article they come from; `tests/page.rs`
//! checks each sentence against the constants here.

/// The articles of the former rules the guide cites, by what they say.
pub mod article {
    /// Validity (6 years, nationwide).
    pub const VALIDITY: u32 = 19;
    /// The review cycle (every 3 years; every 6 after 10 years without violations).
    pub const CYCLE: u32 = 21;
    /// The application and its materials (within 60 days; the training-and-exam record);
    /// the 延期复审 when the validity ends.
    pub const APPLICATION: u32 = 22;
    /// Training (at least 8 学时) and its exam before the review.
    pub const TRAINING: u32 = 23;
    /// The authority's 20 working days; signed and registered on the certificate; a new
    /// certificate after a 延期复审; reasons given for a refusal.
    pub const REVIEW: u32 = 24;
    /// After a failed review: retraining, a second review; when the certificate lapses.
    pub const FAILED: u32 = 26;
}

/// The regulation the numbers come from, as the page names it.
pub const OLD_RULES: &str =
    "原《特种作业人员安全技术培训考核管理规定》（原国家安全生产监督管理总局令第30号）";
/// The new version, whose text we could not check.
pub const NEW_RULES_ORDER: &str = "应急管理部令第19号";
/// The day the new version took effect, as the page writes it.
pub const NEW_RULES_IN_FORCE: &str = "2026年6月1日";

/// The certificate is valid for this many years (Art. 19).
pub const VALID_YEARS: u32 = 6;
/// It is reviewed every this many years (Art. 21)…
pub const REVIEW_EVERY_YEARS: u32 = 3;
/// …or, after this many years of work in the same trade without violations, the authority may
/// review it only every [`EXTENDED_REVIEW_EVERY_YEARS`] (Art. 21).
pub const EXTENDED_AFTER_YEARS: u32 = 10;
/// See [`EXTENDED_AFTER_YEARS`].
pub const EXTENDED_REVIEW_EVERY_YEARS: u32 = 6;
/// The review application goes in within this many days before the review is due (Art. 22).
pub const APPLY_WITHIN_DAYS: i64 = 60;
/// At least this many hours (学时) of safety training before the review (Art. 23).
pub const MIN_TRAINING_HOURS: u32 = 8;
/// The authority completes the review within this many working days of receiving the
/// application (Art. 24; the estimator counts from the acceptance date the holder knows).
pub const AUTHORITY_WORKING_DAYS: u32 = 20;

/// Our own threshold, not law: with the window open and this many days or fewer left before the
/// due date, the timeline says 即将逾期 (the authority may need 20 working days, about 28 days).
pub const DUE_SOON_DAYS: i64 = 30;

/// Usual first query date: this many working days after the exam (training institutions).
pub const DEFAULT_EARLIEST_WORKING_DAYS: u32 = 15;
/// Usually queryable by this many working days after the exam.
pub const DEFAULT_USUAL_WORKING_DAYS: u32 = 30;
/// The national platform updates in batches: this many more working days.
pub const DEFAULT_SYNC_WORKING_DAYS: u32 = SYNC_WORKING_DAYS.1;
/// The batch sync adds this range of working days (the default takes the upper end).
pub const SYNC_WORKING_DAYS: (u32, u32) = (1, 2);
/// What other sites quote for the wait, said the same way on the page and in the tool.
pub const OTHER_QUOTED_WAITS: &str = "有说10到15个工作日的，也有说30天、1到3个月的";
/// Check again every 5 to 10 working days, never many times a day.
pub const CHECK_GAP_WORKING_DAYS: (u32, u32) = (5, 10);
/// Largest working-day count a user may set (about a year).
pub const MAX_WORKING_DAYS: u32 = 250;

/// Shown wherever a rule above is applied.
pub const RULES_CAVEAT: &str = "以上按原《特种作业人员安全技术培训考核管理规定》（原国家安全生产监督管理总局令第30号）计算。2026年6月1日起施行新规定（应急管理部令第19号），现行要求请向发证机关或培训机构确认。";
