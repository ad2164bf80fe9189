//! The inbox: a search field, filters kept in the address, counts per status, one page of
//! enquiries in the order of the day's work, and the pages before and after.

use chrono::NaiveDate;
use maud::{html, Markup};

use fushen_domain::certificate::{CATALOGUE, OTHER_NAME, OTHER_SLUG};
use fushen_domain::enquiry::payload::reference_for_display;

use fushen_domain::dates::day_time_zh;

use super::super::inbox::InboxParams;
use super::{certificate, follow_up_tag, page, spaced_phone, status_tag, typed, window_tag};
use crate::db::enquiries::{Enquiry, LeadStatus};
use crate::db::inbox::{Page, PAGE_SIZE};

/// What the inbox shows.
pub struct InboxPage<'a> {
    /// The institution's name.
    pub institution: Option<&'a str>,
    /// Who is signed in.
    pub username: &'a str,
    /// The session's form token.
    pub csrf: &'a str,
    /// The search as typed, the filters as given (the address's parameters).
    pub params: &'a InboxParams,
    /// The page of enquiries.
    pub page: &'a Page,
    /// Today in China.
    pub today: NaiveDate,
}

/// The address of the inbox with `params`, the status and page replaced.
fn query_string(params: &InboxParams, status: Option<&str>, page: usize) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    for (key, value) in [
        ("q", &params.q),
        ("cert", &params.cert),
        ("from", &params.from),
        ("to", &params.to),
        ("window", &params.window),
    ] {
        if let Some(value) = value.as_deref().filter(|v| !v.trim().is_empty()) {
            pairs.push((key, value.to_string()));
        }
    }
    if let Some(status) = status {
        pairs.push(("status", status.to_string()));
    }
    if page > 1 {
        pairs.push(("page", page.to_string()));
    }
    if pairs.is_empty() {
        return "./".to_string();
    }
    let encoded: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", crate::url::encode(v)))
        .collect();
    format!("?{}", encoded.join("&"))
}

/// The inbox page.
pub fn inbox(view: &InboxPage<'_>) -> String {
    let params = view.params;
    let current_page = params.page.unwrap_or(1).max(1);
    let pages = (view.page.total as usize).div_ceil(PAGE_SIZE).max(1);
    let all: u64 = view.page.counts.iter().map(|(_, n)| n).sum();
    let status = params.status.as_deref().and_then(LeadStatus::parse);
    let body = html! {
        header {
            h1 { "咨询收件箱" }
            p class="meta" {
                @if let Some(institution) = view.institution { (institution) " · " }
                (view.username)
            }
            div class="bar" {
                a class="button quiet" href="season" { "本季情况" }
                a class="button quiet" href="export.csv" download { "导出 CSV" }
                form method="post" action="logout" {
                    input type="hidden" name="csrf" value=(view.csrf);
                    button class="quiet" { "退出登录" }
                }
            }
            form class="search" method="get" action="./" role="search" {
                label for="q" class="visually-hidden" { "搜索" }
                input type="search" id="q" name="q" value=[params.q.as_deref()]
                    placeholder="咨询编号、手机号或尾号、姓名、证书" enterkeyhint="search";
                @if let Some(status) = status { input type="hidden" name="status" value=(status.as_str()); }
                button { "搜索" }
            }
            details class="filters" open[params.filtering()] {
                summary { "筛选" }
                form method="get" action="./" {
                    input type="hidden" name="q" value=[params.q.as_deref()];
                    @if let Some(status) = status { input type="hidden" name="status" value=(status.as_str()); }
                    label for="cert" { "证书类型" }
                    select id="cert" name="cert" {
                        option value="" { "全部证书" }
                        @for category in CATALOGUE {
                            optgroup label=(category.name) {
                                @for kind in category.kinds {
                                    option value=(kind.slug()) selected[params.cert.as_deref() == Some(kind.slug())] { (kind.name()) }
                                }
                            }
                        }
                        option value=(OTHER_SLUG) selected[params.cert.as_deref() == Some(OTHER_SLUG)] { (OTHER_NAME) }
                    }
                    div class="two" {
                        div {
                            label for="from" { "收到日期从" }
                            input type="date" id="from" name="from" value=[params.from.as_deref()];
                        }
                        div {
                            label for="to" { "到" }
                            input type="date" id="to" name="to" value=[params.to.as_deref()];
                        }
                    }
                    label class="check" {
                        input type="checkbox" name="window" value="1" checked[params.window.as_deref() == Some("1")];
                        "只看现在可以申请复审的"
                    }
                    div class="bar" {
                        button { "筛选" }
                        a class="button quiet" href="./" { "全部清除" }
                    }
                }
            }
            nav class="chips" aria-label="按跟进状态" {
                a href=(query_string(params, None, 1)) aria-current=[status.is_none().then_some("page")] { "全部 " (all) }
                @for (each, n) in &view.page.counts {
                    a href=(query_string(params, Some(each.as_str()), 1))
                        aria-current=[(status == Some(*each)).then_some("page")] { (each.label()) " " (n) }
                }
            }
        }
        main {
            p class="meta" role="status" {
                @if view.page.total == 0 { "没有找到咨询。" }
                @else { "共 " (view.page.total) " 条，第 " (current_page) " / " (pages) " 页" }
            }
            ol class="cards" {
                @for enquiry in &view.page.enquiries { (card(enquiry, view.today)) }
            }
            @if pages > 1 {
                nav class="pages" aria-label="翻页" {
                    @if current_page > 1 {
                        a class="button quiet" href=(query_string(params, status.map(LeadStatus::as_str), current_page - 1)) { "上一页" }
                    } @else { span {} }
                    span class="meta" { (current_page) " / " (pages) }
                    @if current_page < pages {
                        a class="button quiet" href=(query_string(params, status.map(LeadStatus::as_str), current_page + 1)) { "下一页" }
                    } @else { span {} }
                }
            }
        }
    };
    page("", "咨询收件箱", body)
}

/// One enquiry in the list: who, how to call, where it stands.
fn card(enquiry: &Enquiry, today: NaiveDate) -> Markup {
    let reference = reference_for_display(&enquiry.reference);
    html! {
        li class="card" id={ "e-" (enquiry.reference) } {
            h2 {
                a href={ "enquiries/" (enquiry.id) } {
                    (typed(&enquiry.name)) " · 编号 " (reference)
                }
            }
            a class="tel" href={ "tel:" (enquiry.phone) } { (spaced_phone(&enquiry.phone)) }
            p class="meta" { (day_time_zh(enquiry.received_at, today)) " 收到 · " (certificate(enquiry)) }
            ul class="tags" {
                li { (status_tag(enquiry.status)) }
                @if let Some(on) = enquiry.follow_up_on { li { (follow_up_tag(on, today)) } }
                @if let Some(tag) = enquiry.expiry_date.as_deref().and_then(|e| window_tag(e, today)) { li { (tag) } }
            }
        }
    }
}
