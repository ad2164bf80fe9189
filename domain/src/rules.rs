//! Every number the app's rules rest on, in one place, so that a correction is one edit.
//!
//! The regulation numbers are those of the former rules, 《特种作业人员安全技术培训考核管理规定》
//! (原国家安全生产监督管理总局令第30号, as amended). A new version (应急管理部令第19号) is in force
//! from 2026-06-01 and its text was not available to us: the page says so ([`RULES_CAVEAT`]).
//!
//! The estimator's working-day counts are not law: training institutions in Hengyang publish them
//! as what usually happens, and the user may change them.

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
/// The authority completes the review within this many working days of accepting the
/// application (Art. 24).
pub const AUTHORITY_WORKING_DAYS: u32 = 20;

/// Our own threshold, not law: with the window open and this many days or fewer left before the
/// due date, the timeline says 即将逾期 (the authority may need 20 working days, about 28 days).
pub const DUE_SOON_DAYS: i64 = 30;

/// Usual first query date: this many working days after the exam (training institutions).
pub const DEFAULT_EARLIEST_WORKING_DAYS: u32 = 15;
/// Usually queryable by this many working days after the exam.
pub const DEFAULT_USUAL_WORKING_DAYS: u32 = 30;
/// The national platform updates in batches: this many more working days.
pub const DEFAULT_SYNC_WORKING_DAYS: u32 = 2;
/// Check again every 5 to 10 working days, never many times a day.
pub const CHECK_GAP_WORKING_DAYS: (u32, u32) = (5, 10);
/// Largest working-day count a user may set (about a year).
pub const MAX_WORKING_DAYS: u32 = 250;

/// Shown wherever a rule above is applied.
pub const RULES_CAVEAT: &str = "以上按原《特种作业人员安全技术培训考核管理规定》（原安监总局令第30号）计算。2026年6月1日起施行新规定（应急管理部令第19号），具体以当地主管部门的现行要求为准。";
