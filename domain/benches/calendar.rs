//! The working-day engine's speed (`cargo bench -p fushen-domain`): the questions the page asks
//! it, in a year whose arrangement is published and across one that is projected, plus reading
//! the holiday file the page fetches at every visit. `scripts/test.sh` runs each once
//! (`cargo test --benches`) so that they keep compiling and answering.

use chrono::NaiveDate;
use divan::{black_box, Bencher};
use fushen_domain::calendar::{CalendarChoice, HolidayData, WorkingCalendar, DATA};

fn main() {
    divan::main();
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("a real date")
}

/// From Mon 2025-01-06 every count stays within published years (250 working days reach 2026).
/// The answers are those of Python's `chinesecalendar` (`find_workday(n, date(2025, 1, 6))`),
/// which docs/benchmarks.md compares with.
#[divan::bench(args = [15, 30, 250])]
fn nth_working_day_published(bencher: Bencher, n: u32) {
    let calendar = WorkingCalendar::china();
    let from = d(2025, 1, 6);
    let answer = calendar.add_working_days(from, n).unwrap();
    assert!(answer.is_exact());
    let expected = match n {
        15 => d(2025, 1, 26), // Sun 01-26 is a 班 day before 春节
        30 => d(2025, 2, 21),
        _ => d(2026, 1, 8),
    };
    assert_eq!(answer.likely, expected);
    bencher.bench(|| calendar.add_working_days(black_box(from), black_box(n)));
}

/// From Tue 2026-12-01 every count runs into 2027, whose arrangement is not published: the
/// engine works out the likely date and the range (three walks instead of one).
#[divan::bench(args = [15, 30, 250])]
fn nth_working_day_across_unpublished(bencher: Bencher, n: u32) {
    let calendar = WorkingCalendar::china();
    let from = d(2026, 12, 1);
    assert!(!calendar
        .add_working_days(from, n)
        .unwrap()
        .unpublished
        .is_empty());
    bencher.bench(|| calendar.add_working_days(black_box(from), black_box(n)));
}

/// Ten years of working days: 2016-01-04 to 2026-01-04 (published), 2020 to 2030 (projected
/// from 2027 on).
#[divan::bench(args = [2016, 2020])]
fn working_days_between_ten_years(bencher: Bencher, first_year: i32) {
    let calendar = WorkingCalendar::china();
    let (from, to) = (d(first_year, 1, 4), d(first_year + 10, 1, 4));
    bencher.bench(|| calendar.working_days_between(black_box(from), black_box(to)));
}

/// Every day of a year with its kind: 2026 (published) and 2027 (projected).
#[divan::bench(args = [2026, 2027])]
fn a_year_of_day_kinds(bencher: Bencher, year: i32) {
    let calendar = WorkingCalendar::china();
    let (first, last) = (d(year, 1, 1), d(year, 12, 31));
    assert_eq!(calendar.days(first, last).unwrap().len(), 365);
    bencher.bench(|| calendar.days(black_box(first), black_box(last)));
}

/// What the page does with the served file once per visit: read and check it, then build the
/// calendar (projections for every unpublished year 2000–2050 included).
#[divan::bench]
fn read_and_choose_the_served_file(bencher: Bencher) {
    let today = d(2026, 12, 9);
    bencher.bench(|| CalendarChoice::choose(Some(black_box(DATA)), today));
}

/// Reading and checking alone.
#[divan::bench]
fn read_and_check_the_holiday_file(bencher: Bencher) {
    bencher.bench(|| HolidayData::parse(black_box(DATA)));
}
