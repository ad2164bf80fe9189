//! The season: enquiries per week for the last 12 weeks by certificate category, as a chart the
//! server draws (inline SVG, no chart script), the same numbers as a table (for screen readers
//! and for reading exact values) and as CSV, and how far the season's enquiries have come.

use chrono::{Datelike, NaiveDate};
use maud::{html, Markup};

use super::page;
use crate::csv;
use crate::db::inbox::Season;

/// The chart's drawing box (the SVG scales to the screen's width).
const WIDTH: u32 = 360;
const HEIGHT: u32 = 200;
const LEFT: u32 = 28;
const BOTTOM: u32 = 22;
const TOP: u32 = 8;

/// The season page.
pub fn season(season: &Season, today: NaiveDate) -> String {
    let totals = season.totals();
    let first = season.weeks.first().copied().unwrap_or(today);
    let body = html! {
        header {
            a class="back" href="./" { "← 返回收件箱" }
            h1 { "本季情况" }
            p class="meta" { "最近 " (season.weeks.len()) " 周（" (first.month()) "月" (first.day()) "日起，每周从周一算起）" }
        }
        main {
            section class="panel" aria-labelledby="weekly" {
                h2 id="weekly" { "每周咨询" }
                (chart(season, &totals))
                ul class="legend" {
                    @for (i, (category, _)) in season.by_category.iter().enumerate() {
                        li { span class={ "c" (i.min(5)) } {} (category) }
                    }
                }
                div class="scroll" {
                    table {
                        caption { "每周咨询数，按证书类别" }
                        thead {
                            tr {
                                th scope="col" { "周（起始日）" }
                                @for (category, _) in &season.by_category { th scope="col" { (category) } }
                                th scope="col" { "合计" }
                            }
                        }
                        tbody {
                            @for (w, monday) in season.weeks.iter().enumerate() {
                                tr {
                                    th scope="row" { (monday.month()) "月" (monday.day()) "日" }
                                    @for (_, counts) in &season.by_category { td { (counts[w]) } }
                                    td { (totals[w]) }
                                }
                            }
                        }
                    }
                }
            }
            section class="panel" aria-labelledby="funnel" {
                h2 id="funnel" { "跟进到哪一步" }
                p { "这 " (season.weeks.len()) " 周收到 " (season.received) " 条咨询：" }
                dl class="fields" {
                    dt { "已联系（含已报名）" } dd { (season.contacted) "（" (percent(season.contacted, season.received)) "）" }
                    dt { "已报名" } dd { (season.enrolled) "（" (percent(season.enrolled, season.received)) "）" }
                    dt { "还没联系" } dd { (season.received - season.contacted.min(season.received)) }
                }
            }
            p { a class="button quiet" href="season.csv" download { "下载 CSV" } }
        }
    };
    page("", "本季情况 · 咨询收件箱", body)
}

fn percent(part: u64, whole: u64) -> String {
    (part * 100 + whole / 2)
        .checked_div(whole)
        .map_or_else(|| "—".to_string(), |p| format!("{p}%"))
}

/// Stacked bars, one per week; the table below carries the same numbers in words.
fn chart(season: &Season, totals: &[u64]) -> Markup {
    let weeks = season.weeks.len().max(1) as u32;
    let most = totals.iter().copied().max().unwrap_or(0).max(1);
    // A round top for the scale: 1, 2, 5, 10, 20, 50 …
    let top = nice_ceiling(most);
    let plot_height = HEIGHT - BOTTOM - TOP;
    let slot = (WIDTH - LEFT) / weeks;
    let bar = slot.saturating_sub(4).max(2);
    let y =
        |value: u64| -> u32 { TOP + plot_height - (value * u64::from(plot_height) / top) as u32 };
    html! {
        svg class="chart" viewBox={ "0 0 " (WIDTH) " " (HEIGHT) } role="img"
            aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg" {
            title id="chart-title" { "最近 " (weeks) " 周每周的咨询数，按证书类别堆叠；具体数字见下表。" }
            line class="axis" x1=(LEFT) y1=(y(0)) x2=(WIDTH) y2=(y(0)) {}
            line class="axis" x1=(LEFT) y1=(TOP) x2=(LEFT) y2=(y(0)) {}
            text x=(LEFT - 4) y=(y(top) + 4) text-anchor="end" { (top) }
            text x=(LEFT - 4) y=(y(0)) text-anchor="end" { "0" }
            @for (w, monday) in season.weeks.iter().enumerate() {
                @let x = LEFT + w as u32 * slot + 2;
                @for (i, segment) in stack(season, w).into_iter().enumerate() {
                    @if segment.1 > segment.0 {
                        rect class={ "c" (i.min(5)) } x=(x) y=(y(segment.1)) width=(bar)
                            height=(y(segment.0) - y(segment.1)) {}
                    }
                }
                @if w % 2 == 1 || weeks <= 6 {
                    text x=(x + bar / 2) y=(HEIGHT - 6) text-anchor="middle" {
                        (monday.month()) "/" (monday.day())
                    }
                }
            }
        }
    }
}

/// Each category's (from, to) in week `w`'s stacked bar.
fn stack(season: &Season, w: usize) -> Vec<(u64, u64)> {
    let mut base = 0;
    season
        .by_category
        .iter()
        .map(|(_, counts)| {
            let from = base;
            base += counts[w];
            (from, base)
        })
        .collect()
}

/// The smallest of 1, 2, 5, 10, 20, 50, … at least `n`.
fn nice_ceiling(n: u64) -> u64 {
    let mut step = 1;
    loop {
        for m in [1, 2, 5] {
            if step * m >= n {
                return step * m;
            }
        }
        step *= 10;
    }
}

/// The season's numbers as CSV: one row per week, a column per category and the total.
pub fn season_csv(season: &Season) -> String {
    let mut out = String::from("\u{feff}");
    let mut header = vec!["周（起始日）".to_string()];
    header.extend(season.by_category.iter().map(|(c, _)| c.clone()));
    header.push("合计".into());
    csv::line(&mut out, header.into_iter());
    for ((w, monday), total) in season.weeks.iter().enumerate().zip(season.totals()) {
        let mut row = vec![monday.to_string()];
        row.extend(season.by_category.iter().map(|(_, n)| n[w].to_string()));
        row.push(total.to_string());
        csv::line(&mut out, row.into_iter());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_are_round() {
        let table = [
            (1, 1),
            (2, 2),
            (3, 5),
            (6, 10),
            (11, 20),
            (21, 50),
            (51, 100),
            (101, 200),
        ];
        for (n, top) in table {
            assert_eq!(nice_ceiling(n), top, "{n}");
        }
    }
}
