//! The staff pages, as maud templates: every value is escaped unless a template says otherwise
//! (none does), so a text typed by a stranger cannot come out as markup. One style sheet
//! (`staff.css`) and one small script (`staff.js`, the copy button) are served beside them as
//! files, which the pages' CSP allows; everything else works without script.
//!
//! Addresses are relative (`root` is the way back to `/staff/` from the page's own address), so
//! the inbox works under any sub-path a reverse proxy mounts it at.

mod enquiry;
mod inbox;
mod problem;
mod season;
mod sign_in;

pub use enquiry::{enquiry, EnquiryPage};
pub use inbox::{inbox, InboxPage};
pub use problem::problem;
pub use season::{season, season_csv};
pub use sign_in::sign_in;

use chrono::NaiveDate;
use maud::{html, Markup, DOCTYPE};

use fushen_domain::dates::{short_zh, weekday_zh};
use fushen_domain::enquiry::hygiene::strip_removed;
use fushen_domain::timeline::window::ReviewWindow;

use crate::db::enquiries::{Enquiry, LeadStatus};

/// A whole page: `root` leads back to `/staff/` (`""` or `"../"`).
fn page(root: &str, title: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="zh-CN" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width,initial-scale=1";
                meta name="referrer" content="no-referrer";
                meta name="robots" content="noindex";
                title { (title) }
                link rel="stylesheet" href={ (root) "staff.css" };
            }
            body { (body) }
        }
    }
    .into_string()
}

/// Text typed by a stranger, as shown: invisible and direction-changing characters an older row
/// may hold are left out (maud escapes the rest).
fn typed(text: &str) -> String {
    strip_removed(text)
}

/// `13800138000` as `138 0013 8000`.
fn spaced_phone(phone: &str) -> String {
    match (phone.get(..3), phone.get(3..7), phone.get(7..)) {
        (Some(a), Some(b), Some(c)) if phone.len() == 11 => format!("{a} {b} {c}"),
        _ => phone.to_string(),
    }
}

/// The status as a tag.
fn status_tag(status: LeadStatus) -> Markup {
    html! { span class={ "tag st-" (status.as_str()) } { (status.label()) } }
}

/// The certificate as staff read it.
fn certificate(enquiry: &Enquiry) -> String {
    if enquiry.cert_category == fushen_domain::certificate::OTHER_NAME {
        format!("其他：{}", typed(&enquiry.cert_name))
    } else {
        enquiry.cert_name.clone()
    }
}

/// 下次联系 as a tag: due today, overdue (marked), or ahead.
fn follow_up_tag(on: NaiveDate, today: NaiveDate) -> Markup {
    let days = (on - today).num_days();
    let day = format!("{} {}", short_zh(on, today), weekday_zh(on));
    html! {
        @if days < 0 {
            span class="tag overdue" { "已逾期 " (-days) " 天 · 下次联系 " (day) }
        } @else if days == 0 {
            span class="tag due" { "今天联系" }
        } @else {
            span class="tag" { "下次联系 " (day) }
        }
    }
}

/// Where the welder stands by the 60-day rule, from the 证书到期日 he gave.
fn window_tag(expiry: &str, today: NaiveDate) -> Option<Markup> {
    let due: NaiveDate = expiry.parse().ok()?;
    let window = ReviewWindow::on(due, today);
    let class = match window {
        ReviewWindow::Open(_) => "tag window",
        ReviewWindow::Expired(_) => "tag expired",
        ReviewWindow::OpensIn(_) => "tag",
    };
    Some(html! { span class=(class) { (window.message()) } })
}
