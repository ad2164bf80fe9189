//! The timeline as a calendar file: every date from today on, each important one with two
//! reminders (7 days and 1 day before, at 09:00), and the same reminders again as separate
//! all-day events for calendar apps that drop alarms. Private words (labels, notes, 其他
//! descriptions typed by the holder) stay out; a certificate is named by its type and 初领日期.

use chrono::{Duration, NaiveDate};

use crate::calendar::WorkingCalendar;
use crate::dates::{iso, long_zh, short_zh};
use crate::estimate::Assumptions;
use crate::ics::{date_value, Alarm, AllDayEvent, Calendar};
use crate::rules;
use crate::timeline::link::date_code;
use crate::timeline::model::{Certificate, EventKind, Timeline};
use crate::timeline::schedule::{plan_with, What};

/// Days before an important date that reminders fall on.
pub const REMIND_DAYS_BEFORE: [u32; 2] = [7, 1];
/// The hour reminders go off.
const REMIND_HOUR: u32 = 9;

/// The file's name for an export made on `today`.
pub fn file_name(today: NaiveDate) -> String {
    format!("fushen-timeline-{}.ics", iso(today))
}

/// The certificate as the calendar names it: a 其他 type is written 其他, never with the words the
/// holder typed for it (they stay on the phone, like labels and notes). Not `messages`'s name.
fn public_name(c: &Certificate) -> String {
    let name = match &c.data.kind {
        crate::certificate::CertificateType::Listed(kind) => kind.name(),
        crate::certificate::CertificateType::Other(_) => crate::certificate::OTHER_NAME,
    };
    format!("{name}（{}初领）", long_zh(c.data.first_issued))
}

/// [`calendar_with`] the built-in holiday data ([`WorkingCalendar::china`]), for tests.
#[cfg(test)]
pub fn calendar(timeline: &Timeline, today: NaiveDate, assumptions: Assumptions) -> Calendar {
    calendar_with(WorkingCalendar::china(), timeline, today, assumptions)
}

/// The calendar file of `timeline` from `today` on, its dates counted with `working_days`.
pub fn calendar_with(
    working_days: &WorkingCalendar,
    timeline: &Timeline,
    today: NaiveDate,
    assumptions: Assumptions,
) -> Calendar {
    let mut events = Vec::new();
    for (index, c) in timeline.certificates.iter().enumerate() {
        let name = public_name(c);
        let key = format!(
            "{}{}{}",
            c.data.kind.code(),
            date_code(c.data.first_issued),
            index
        );
        let uid = |what: &str, date: NaiveDate| format!("{}-{what}-{key}@fushen", date_value(date));
        for item in plan_with(working_days, c, today, assumptions).items {
            if item.date < today {
                continue;
            }
            let (title, code, remind, detail) = match &item.what {
                What::Milestone { kind, range } => (
                    kind.title(),
                    kind.code().to_string(),
                    kind.remind(),
                    range.map(|(low, high)| super::messages::range_message(low, high, today)),
                ),
                What::Event { data, .. } if data.kind == EventKind::Note => continue,
                What::Event { data, .. } => (
                    data.kind.label().to_string(),
                    format!("event-{}", data.kind.code()),
                    data.kind == EventKind::Exam,
                    data.kind.detail(),
                ),
            };
            let description = [
                Some(format!("证书：{name}")),
                detail,
                Some(rules::RULES_CAVEAT.to_string()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("\n");
            let alarms = if remind {
                REMIND_DAYS_BEFORE
                    .iter()
                    .map(|&days_before| Alarm {
                        days_before,
                        hour: REMIND_HOUR,
                        description: format!("{days_before}天后：{title}"),
                    })
                    .collect()
            } else {
                Vec::new()
            };
            events.push(AllDayEvent {
                uid: uid(&code, item.date),
                date: item.date,
                summary: format!("{title}：{name}"),
                description: description.clone(),
                alarms,
            });
            if !remind {
                continue;
            }
            for days_before in REMIND_DAYS_BEFORE {
                let date = item.date - Duration::days(i64::from(days_before));
                if date < today {
                    continue;
                }
                events.push(AllDayEvent {
                    uid: uid(
                        &format!("remind{days_before}-{code}-{}", date_value(item.date)),
                        date,
                    ),
                    date,
                    summary: format!(
                        "提醒：{}（{}）{title}：{name}",
                        if days_before == 1 {
                            "明天".to_string()
                        } else {
                            format!("{days_before}天后")
                        },
                        short_zh(item.date, today)
                    ),
                    description: description.clone(),
                    alarms: Vec::new(),
                });
            }
        }
    }
    Calendar {
        name: "焊工证复审时间线".to_string(),
        events,
    }
}
