//! Why a holiday file was not used: one typed problem, with the line it is on, in English for
//! developers (`Display`) and in Chinese for the note the page shows ([`DataError::message`]).

use chrono::NaiveDate;
use thiserror::Error;

use super::Festival;
use crate::dates::{long_zh, weekday_zh};

/// A holiday file that cannot be used, and where.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[error("holiday file{}: {problem}", .line.map(|l| format!(" line {l}")).unwrap_or_default())]
pub struct DataError {
    /// 1-based line number; `None` when the problem is the file as a whole (a missing header).
    pub line: Option<usize>,
    /// What is wrong.
    pub problem: DataProblem,
}

/// What is wrong with a holiday file.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum DataProblem {
    /// A line that is neither a header, a festival line nor a notice line.
    #[error(
        "expected 'YEAR FESTIVAL OFF WORK', 'YEAR 通知 REF', '格式 N' or '截至 DATE', found '{0}'"
    )]
    BadLine(String),
    /// The first field is not a year.
    #[error("'{0}' is not a year")]
    NotAYear(String),
    /// A day that cannot be read, or does not exist (02-30).
    #[error("'{0}' is not a date")]
    NotADate(String),
    /// A range whose end comes before its start.
    #[error("range {0} ends before it starts")]
    RangeBackwards(String),
    /// A weekday listed as a 班 day (only weekend days can become working days).
    #[error("{0} is a weekday; only weekends can become 班")]
    WeekdayAsWork(NaiveDate),
    /// A day named twice (overlapping ranges, or one day both off and 班).
    #[error("{0} is listed twice")]
    ListedTwice(NaiveDate),
    /// A festival name longer than any notice uses (a line run together).
    #[error("'{0}' is too long for a festival name")]
    NameTooLong(String),
    /// A header line given twice.
    #[error("'{0}' is given twice")]
    HeaderTwice(&'static str),
    /// A header line after the first festival line.
    #[error("'{0}' must come before the first festival line")]
    HeaderTooLate(&'static str),
    /// No `格式` line.
    #[error("no '格式' (format version) line")]
    NoFormat,
    /// A format this reader does not know (written for a newer page).
    #[error("format {0} is not known here (this reader knows 1)")]
    UnknownFormat(u32),
    /// No `截至` line.
    #[error("no '截至' (as-of date) line")]
    NoAsOf,
    /// The as-of date is earlier than the year before the last year listed: the last year's
    /// notice cannot have been known by then.
    #[error("as of {as_of}, but the file lists {last_year}")]
    AsOfTooEarly {
        /// The file's as-of date.
        as_of: NaiveDate,
        /// The last year it lists.
        last_year: i32,
    },
    /// No festival line at all.
    #[error("no festival line")]
    Empty,
    /// A year the engine does not cover.
    #[error("{0} is outside the years the engine covers")]
    YearOutOfRange(i32),
    /// A day far from its line's year (only a 元旦 break may start in the December before).
    #[error("{date} does not belong to {year}'s arrangement")]
    DayOutsideYear {
        /// The day.
        date: NaiveDate,
        /// The line's year.
        year: i32,
    },
    /// A festival line whose days off are all Saturdays and Sundays, none of them its statutory
    /// day: it gives nothing.
    #[error("every day off is an ordinary weekend day")]
    OnlyWeekendsOff,
    /// Years must ascend, and within a year festivals follow their first day off.
    #[error("out of order: years ascend, and within a year festivals follow their first day off")]
    OutOfOrder,
    /// A festival the law gives that year has no line, and its days are not off either.
    #[error("{year} has no line for {}", .festival.name())]
    MissingFestival {
        /// The year.
        year: i32,
        /// The festival.
        festival: Festival,
    },
    /// A statutory holiday that the file leaves as a working day.
    #[error("{date} is a statutory day of {} but is not a day off", .festival.name())]
    StatutoryDayNotOff {
        /// The day.
        date: NaiveDate,
        /// Its festival.
        festival: Festival,
    },
    /// A year with festival lines but no `通知` line.
    #[error("{0} has no '通知' line (write '-' when none is recorded)")]
    NoNotice(i32),
    /// A `通知` line for a year without festival lines.
    #[error("a '通知' line for {0}, which has no festival line")]
    NoticeWithoutYear(i32),
}

impl DataError {
    pub(crate) fn at(line: usize, problem: DataProblem) -> DataError {
        DataError {
            line: Some(line),
            problem,
        }
    }

    pub(crate) fn whole(problem: DataProblem) -> DataError {
        DataError {
            line: None,
            problem,
        }
    }

    /// The problem in Chinese, with its line, for the person who edits the file:
    /// 第215行：2027-01-04是星期一，不能写成调休上班.
    pub fn message(&self) -> String {
        let what = self.problem.message();
        match self.line {
            Some(line) => format!("第{line}行：{what}"),
            None => what,
        }
    }
}

impl DataProblem {
    /// The problem in Chinese.
    pub fn message(&self) -> String {
        match self {
            DataProblem::BadLine(text) => format!("看不懂这一行（{text}）"),
            DataProblem::NotAYear(text) => format!("“{text}”不是年份"),
            DataProblem::NotADate(text) => format!("“{text}”不是有效日期"),
            DataProblem::RangeBackwards(text) => format!("“{text}”结束日期早于开始日期"),
            DataProblem::WeekdayAsWork(d) => format!(
                "{}是{}，不是周末，不能写成调休上班",
                long_zh(*d),
                weekday_zh(*d)
            ),
            DataProblem::ListedTwice(d) => format!("{}写了两次", long_zh(*d)),
            DataProblem::NameTooLong(name) => format!("节日名称“{name}”太长"),
            DataProblem::HeaderTwice(key) => format!("“{key}”写了两次"),
            DataProblem::HeaderTooLate(key) => format!("“{key}”要写在所有节日行的前面"),
            DataProblem::NoFormat => "缺少“格式”一行".to_string(),
            DataProblem::UnknownFormat(n) => format!("格式{n}是新版页面用的，这里读不了"),
            DataProblem::NoAsOf => "缺少“截至”一行".to_string(),
            DataProblem::AsOfTooEarly { as_of, last_year } => format!(
                "截至日期{}早于{}年的安排可能公布的时间",
                long_zh(*as_of),
                last_year
            ),
            DataProblem::Empty => "文件里没有放假安排".to_string(),
            DataProblem::YearOutOfRange(year) => format!("{year}年超出了能计算的范围"),
            DataProblem::DayOutsideYear { date, year } => {
                format!("{}不属于{year}年的安排", long_zh(*date))
            }
            DataProblem::OnlyWeekendsOff => "放假的日子全是周末，这一行不对".to_string(),
            DataProblem::OutOfOrder => {
                "顺序不对：年份要从早到晚，同一年的节日按放假日期先后排".to_string()
            }
            DataProblem::MissingFestival { year, festival } => {
                format!("{year}年缺少{}", festival.name())
            }
            DataProblem::StatutoryDayNotOff { date, festival } => format!(
                "{}是{}的法定假日，却没有写成放假",
                long_zh(*date),
                festival.name()
            ),
            DataProblem::NoNotice(year) => {
                format!("{year}年缺少“通知”一行（没有记录时写“-”）")
            }
            DataProblem::NoticeWithoutYear(year) => {
                format!("有{year}年的“通知”，却没有这一年的放假安排")
            }
        }
    }
}
