//! One enquiry's page: every field, the number to call (and to copy), the follow-up form, the
//! other enquiries from the same phone, and the history of who did what.

use chrono::NaiveDate;
use maud::{html, Markup};

use fushen_domain::enquiry::payload::reference_for_display;

use fushen_domain::dates::day_time_zh;

use super::super::enquiry::NOTE_MAX_CHARS;
use super::{certificate, follow_up_tag, page, spaced_phone, status_tag, typed, window_tag};
use crate::db::enquiries::{Enquiry, LeadStatus};
use crate::db::inbox::Entry;

/// What an enquiry's page shows.
pub struct EnquiryPage<'a> {
    /// The enquiry.
    pub enquiry: &'a Enquiry,
    /// The other enquiries from its phone, newest first.
    pub same_phone: &'a [Enquiry],
    /// Its history, oldest first.
    pub history: &'a [Entry],
    /// The session's form token.
    pub csrf: &'a str,
    /// Whether a change was just saved.
    pub saved: bool,
    /// Today in China.
    pub today: NaiveDate,
}

/// The page of one enquiry (at `/staff/enquiries/<id>`).
pub fn enquiry(view: &EnquiryPage<'_>) -> String {
    let e = view.enquiry;
    let today = view.today;
    let reference = reference_for_display(&e.reference);
    let body = html! {
        header {
            a class="back" href="../" { "← 返回收件箱" }
            h1 { (typed(&e.name)) }
            p class="meta" { "编号 " (reference) " · " (day_time_zh(e.received_at, today)) " 收到" }
            ul class="tags" {
                li { (status_tag(e.status)) }
                @if let Some(on) = e.follow_up_on { li { (follow_up_tag(on, today)) } }
                @if let Some(tag) = e.expiry_date.as_deref().and_then(|d| window_tag(d, today)) { li { (tag) } }
            }
        }
        main {
            div class="bar" {
                a class="button" href={ "tel:" (e.phone) } { "拨打 " (spaced_phone(&e.phone)) }
                button class="quiet" type="button" data-copy=(e.phone) aria-describedby="copied" hidden { "复制号码" }
                span id="copied" class="saved" role="status" {}
            }
            dl class="fields" {
                dt { "手机号码" } dd { (spaced_phone(&e.phone)) }
                dt { "证书" } dd { (certificate(e)) }
                dt { "证书类别" } dd { (e.cert_category) }
                dt { "所在区县" } dd { (e.district.as_deref().unwrap_or("未填")) }
                dt { "证书到期日" } dd {
                    @match e.expiry_date.as_deref() {
                        Some(date) => { (date) @if let Some(tag) = window_tag(date, today) { " " (tag) } }
                        None => { "未填" }
                    }
                }
                dt { "留言" } dd { (e.message.as_deref().map(typed).unwrap_or_else(|| "无".into())) }
                dt { "咨询编号" } dd { (reference) }
                dt { "提交时间" } dd { (e.submitted_at) }
                dt { "同意说明" } dd { (e.consent_at) "（第 " (e.privacy_notice_version) " 版）" }
                dt { "来源页面" } dd { (e.page) }
            }
            section class="panel" aria-labelledby="follow-up" {
                h2 id="follow-up" { "跟进" }
                @if view.saved { p class="saved" role="status" { "已保存" } }
                form method="post" action=(e.id) {
                    input type="hidden" name="csrf" value=(view.csrf);
                    label for="status" { "跟进状态" }
                    select id="status" name="status" {
                        @for status in LeadStatus::ALL {
                            option value=(status.as_str()) selected[status == e.status] { (status.label()) }
                        }
                    }
                    label for="follow_up_on" { "下次联系" }
                    input type="date" id="follow_up_on" name="follow_up_on"
                        value=[e.follow_up_on.map(|d| d.to_string())];
                    label for="note" { "添加备注" }
                    textarea id="note" name="note" maxlength=(NOTE_MAX_CHARS)
                        placeholder="例如：周四再打，想报下个月的班" {}
                    p { button { "保存" } }
                }
            }
            section class="panel" aria-labelledby="history" {
                h2 id="history" { "跟进记录" }
                @if view.history.is_empty() {
                    p class="meta" { "还没有人跟进。" }
                } @else {
                    ol class="history" {
                        @for entry in view.history { li { (history_entry(entry, today)) } }
                    }
                }
            }
            @if !view.same_phone.is_empty() {
                section class="panel" aria-labelledby="same-phone" {
                    h2 id="same-phone" { "这个号码的其他咨询（" (view.same_phone.len()) "）" }
                    ul class="history" {
                        @for other in view.same_phone {
                            li {
                                a href=(other.id) { (day_time_zh(other.received_at, today)) " · 编号 " (reference_for_display(&other.reference)) }
                                " " (status_tag(other.status))
                            }
                        }
                    }
                }
            }
        }
        script src="../staff.js" defer {}
    };
    page(
        "../",
        &format!("{} · 编号 {reference}", typed(&e.name)),
        body,
    )
}

/// One history entry: `12月6日 10:30 王老师：状态改为 已联系；下次联系 12月7日；备注：…`.
fn history_entry(entry: &Entry, today: NaiveDate) -> Markup {
    html! {
        p class="meta" { (day_time_zh(entry.at, today)) " · " (entry.by) }
        @if let Some(status) = entry.status { p { "状态改为 " (status_tag(status)) } }
        @match entry.follow_up_on {
            Some(Some(day)) => { p { "下次联系定在 " (fushen_domain::dates::day_zh(day, today)) } }
            Some(None) => { p { "取消了下次联系的日期" } }
            None => {}
        }
        @if let Some(note) = &entry.note { p { "备注：" (typed(note)) } }
    }
}
