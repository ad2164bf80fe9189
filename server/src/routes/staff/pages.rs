//! The staff pages as HTML text: sign-in and the inbox. Plain forms, no script, one small style
//! sheet inside the page, readable on a phone; every value from an enquiry is escaped.

use std::fmt::Write;

use chrono::NaiveDate;

use fushen_domain::enquiry::payload::reference_for_display;

use crate::db::enquiries::{Enquiry, LeadStatus};
use crate::html::esc;
use fushen_domain::dates::day_time_zh;

/// The longest note staff can keep on an enquiry, in characters.
pub const NOTE_MAX_CHARS: usize = 1000;

const STYLE: &str = "\
*{box-sizing:border-box}\
body{margin:0;font:16px/1.5 system-ui,-apple-system,'PingFang SC','Noto Sans CJK SC','Microsoft YaHei',sans-serif;color:#1f2328;background:#f6f7f9}\
header,main,footer{max-width:720px;margin:0 auto;padding:12px 16px}\
header{background:#fff;border-bottom:1px solid #d8dee4}\
h1{font-size:1.25rem;margin:0 0 4px}h2{font-size:1.1rem;margin:0 0 8px}\
a{color:#0b57d0}\
.bar{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin-top:8px}\
.bar form{margin:0}\
nav{display:flex;flex-wrap:wrap;gap:6px;margin-top:10px}\
nav a{display:inline-flex;align-items:center;padding:4px 14px;border:1px solid #d8dee4;border-radius:22px;text-decoration:none;background:#fff;min-height:44px}\
nav a[aria-current]{background:#0b57d0;color:#fff;border-color:#0b57d0}\
.group{background:#fff;border:1px solid #d8dee4;border-radius:8px;padding:12px;margin:12px 0}\
.group h2 a{font-variant-numeric:tabular-nums}\
.enq{border-top:1px solid #eaeef2;padding-top:10px;margin-top:10px}\
.enq:first-of-type{border-top:0;margin-top:0;padding-top:0}\
.meta{color:#57606a;font-size:.9rem;margin:0}\
.who{font-weight:600;margin:4px 0}\
dl{display:grid;grid-template-columns:auto 1fr;gap:2px 12px;margin:6px 0}dt{color:#57606a}dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}\
.st{display:inline-block;padding:0 8px;border-radius:10px;font-size:.85rem}\
.st-new{background:#fff1c2}.st-contacted{background:#d6ecff}.st-enrolled{background:#d2f4d3}.st-invalid{background:#eaeef2}\
label{display:block;margin:8px 0 2px;font-size:.9rem;color:#57606a}\
select,textarea,input{font:inherit;width:100%;padding:8px;border:1px solid #afb8c1;border-radius:6px;background:#fff}\
textarea{min-height:3.5em}\
button,.button{font:inherit;min-height:44px;padding:8px 16px;border:0;border-radius:6px;background:#0b57d0;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}\
.quiet{background:#eaeef2;color:#1f2328}\
.saved{color:#1a7f37;font-weight:600}.error{color:#cf222e;font-weight:600}\
.by{color:#57606a;font-size:.85rem;margin:4px 0 0}\
";

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <meta name=\"referrer\" content=\"no-referrer\"><meta name=\"robots\" content=\"noindex\">\
         <title>{}</title><style>{STYLE}</style></head><body>{body}</body></html>",
        esc(title)
    )
}

/// The sign-in page; `problem` when the last attempt failed.
pub fn sign_in(institution: Option<&str>, csrf: &str, problem: Option<&str>) -> String {
    let mut body = String::new();
    let _ = write!(
        body,
        "<header><h1>咨询收件箱</h1><p class=\"meta\">{}</p></header><main>",
        esc(institution.unwrap_or("工作人员登录"))
    );
    if let Some(problem) = problem {
        let _ = write!(
            body,
            "<p class=\"error\" role=\"alert\">{}</p>",
            esc(problem)
        );
    }
    let _ = write!(
        body,
        "<form method=\"post\" action=\"login\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{}\">\
         <label for=\"username\">用户名</label>\
         <input id=\"username\" name=\"username\" autocomplete=\"username\" required>\
         <label for=\"password\">密码</label>\
         <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>\
         <p><button>登录</button></p></form>\
         <p class=\"meta\">账号由管理员在服务器上用 <code>fushen-server staff set 用户名</code> 创建。</p></main>",
        esc(csrf)
    );
    page("登录 · 咨询收件箱", &body)
}

/// What the inbox shows.
pub struct Inbox<'a> {
    /// The institution's name.
    pub institution: Option<&'a str>,
    /// Who is signed in.
    pub username: &'a str,
    /// The session's form token.
    pub csrf: &'a str,
    /// The enquiries shown, newest first.
    pub enquiries: &'a [Enquiry],
    /// How many enquiries each status has.
    pub counts: &'a [(LeadStatus, u64)],
    /// The status shown, or all.
    pub filter: Option<LeadStatus>,
    /// The reference of the enquiry just saved.
    pub saved: Option<&'a str>,
    /// Whether more enquiries exist than are shown.
    pub truncated: bool,
    /// Today in China.
    pub today: NaiveDate,
}

/// One phone number's enquiries, newest first.
#[derive(Debug, PartialEq, Eq)]
pub struct Group<'a> {
    /// The phone number.
    pub phone: &'a str,
    /// Its enquiries.
    pub enquiries: Vec<&'a Enquiry>,
}

/// `enquiries` (newest first) grouped by phone number; the group with the newest enquiry first.
pub fn group_by_phone(enquiries: &[Enquiry]) -> Vec<Group<'_>> {
    let mut groups: Vec<Group<'_>> = Vec::new();
    for enquiry in enquiries {
        match groups.iter_mut().find(|g| g.phone == enquiry.phone) {
            Some(group) => group.enquiries.push(enquiry),
            None => groups.push(Group {
                phone: &enquiry.phone,
                enquiries: vec![enquiry],
            }),
        }
    }
    groups
}

/// `13800138000` as `138 0013 8000`.
fn spaced_phone(phone: &str) -> String {
    match (phone.get(..3), phone.get(3..7), phone.get(7..)) {
        (Some(a), Some(b), Some(c)) if phone.len() == 11 => format!("{a} {b} {c}"),
        _ => phone.to_string(),
    }
}

/// The inbox page.
pub fn inbox(view: &Inbox<'_>) -> String {
    let mut body = String::new();
    let total: u64 = view.counts.iter().map(|(_, n)| n).sum();
    let _ = write!(
        body,
        "<header><h1>咨询收件箱</h1><p class=\"meta\">{}{}</p>\
         <div class=\"bar\"><a class=\"button quiet\" href=\"export.csv\" download>导出 CSV</a>\
         <form method=\"post\" action=\"logout\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">\
         <button class=\"quiet\">退出登录（{}）</button></form></div><nav aria-label=\"按状态查看\">",
        view.institution.map(|i| format!("{} · ", esc(i))).unwrap_or_default(),
        format_args!("共 {total} 条"),
        esc(view.csrf),
        esc(view.username),
    );
    let current = |status: Option<LeadStatus>| {
        if status == view.filter {
            " aria-current=\"page\""
        } else {
            ""
        }
    };
    let _ = write!(body, "<a href=\"./\"{}>全部 {total}</a>", current(None));
    for (status, n) in view.counts {
        let _ = write!(
            body,
            "<a href=\"?status={}\"{}>{} {n}</a>",
            status.as_str(),
            current(Some(*status)),
            status.label()
        );
    }
    body.push_str("</nav></header><main>");

    let groups = group_by_phone(view.enquiries);
    if groups.is_empty() {
        body.push_str("<p>还没有咨询。</p>");
    }
    for group in &groups {
        let _ = write!(
            body,
            "<article class=\"group\"><h2><a href=\"tel:{}\">{}</a>",
            esc(group.phone),
            esc(&spaced_phone(group.phone)),
        );
        if group.enquiries.len() > 1 {
            let _ = write!(
                body,
                " <small class=\"meta\">同一号码 {} 次咨询</small>",
                group.enquiries.len()
            );
        }
        body.push_str("</h2>");
        for enquiry in &group.enquiries {
            enquiry_card(&mut body, enquiry, view);
        }
        body.push_str("</article>");
    }
    if view.truncated {
        body.push_str("<p class=\"meta\">只显示最新的咨询；全部咨询请导出 CSV。</p>");
    }
    body.push_str("</main>");
    page("咨询收件箱", &body)
}

fn enquiry_card(body: &mut String, enquiry: &Enquiry, view: &Inbox<'_>) {
    let reference = &enquiry.reference;
    let status = enquiry.status;
    let _ = write!(
        body,
        "<section class=\"enq\" id=\"e-{r}\" aria-label=\"咨询 {shown}\">\
         <p class=\"meta\">{when} · 编号 {shown} · <span class=\"st st-{word}\">{label}</span></p>\
         <p class=\"who\">{name}</p><dl><dt>证书</dt><dd>{cert}</dd>",
        r = esc(reference),
        shown = esc(&reference_for_display(reference)),
        when = day_time_zh(enquiry.received_at, view.today),
        word = status.as_str(),
        label = status.label(),
        name = esc(&enquiry.name),
        cert = if enquiry.cert_category == fushen_domain::certificate::OTHER_NAME {
            format!("其他：{}", esc(&enquiry.cert_name))
        } else {
            esc(&enquiry.cert_name)
        },
    );
    for (term, value) in [
        ("区县", &enquiry.district),
        ("到期", &enquiry.expiry_date),
        ("留言", &enquiry.message),
    ] {
        if let Some(value) = value {
            let _ = write!(body, "<dt>{term}</dt><dd>{}</dd>", esc(value));
        }
    }
    let _ = write!(
        body,
        "</dl><form method=\"post\" action=\"enquiries/{id}\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{csrf}\">\
         <label for=\"status-{r}\">跟进状态</label><select id=\"status-{r}\" name=\"status\">",
        id = esc(&enquiry.id),
        csrf = esc(view.csrf),
        r = esc(reference),
    );
    for option in LeadStatus::ALL {
        let _ = write!(
            body,
            "<option value=\"{}\"{}>{}</option>",
            option.as_str(),
            if option == status { " selected" } else { "" },
            option.label()
        );
    }
    let _ = write!(
        body,
        "</select><label for=\"note-{r}\">备注</label>\
         <textarea id=\"note-{r}\" name=\"note\" maxlength=\"{NOTE_MAX_CHARS}\">{note}</textarea>\
         <p><button>保存</button>{saved}</p></form>",
        r = esc(reference),
        note = esc(&enquiry.note),
        saved = if view.saved == Some(reference.as_str()) {
            "<span class=\"saved\" role=\"status\"> 已保存</span>"
        } else {
            ""
        },
    );
    if let Some((at, by)) = &enquiry.updated {
        let _ = write!(
            body,
            "<p class=\"by\">{} 于 {} 更新</p>",
            esc(by),
            day_time_zh(*at, view.today)
        );
    }
    body.push_str("</section>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enquiry(id: &str, phone: &str, received_at: i64) -> Enquiry {
        Enquiry {
            id: id.into(),
            reference: format!("1108650{}", &id[..1]),
            received_at,
            submitted_at: String::new(),
            page: String::new(),
            name: "<b>张三</b>".into(),
            phone: phone.into(),
            cert_category: "焊接与热切割作业".into(),
            cert_name: "熔化焊接与热切割作业".into(),
            district: None,
            expiry_date: Some("2027-03-01".into()),
            message: Some("<script>alert(1)</script>".into()),
            consent_at: String::new(),
            notice_version: 1,
            status: LeadStatus::New,
            note: String::new(),
            updated: None,
        }
    }

    #[test]
    fn repeat_enquiries_from_one_phone_are_grouped_newest_first() {
        let list = [
            enquiry("3", "13900001111", 30),
            enquiry("2", "13800138000", 20),
            enquiry("1", "13900001111", 10),
        ];
        let groups = group_by_phone(&list);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].phone, "13900001111");
        let ids: Vec<&str> = groups[0].enquiries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["3", "1"]);
        assert_eq!(groups[1].enquiries.len(), 1);
    }

    #[test]
    fn the_inbox_escapes_what_strangers_typed_and_keeps_links_relative() {
        let list = [enquiry("1", "13800138000", 1_795_692_605_123)];
        let counts = [(LeadStatus::New, 1)];
        let html = inbox(&Inbox {
            institution: Some("衡阳示例培训学校"),
            username: "wang",
            csrf: "token\"x",
            enquiries: &list,
            counts: &counts,
            filter: None,
            saved: Some("11086501"),
            truncated: false,
            today: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        });
        assert!(html.contains("&lt;b&gt;张三&lt;/b&gt;"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!html.contains("<script>"));
        assert!(html.contains("value=\"token&quot;x\""));
        assert!(html.contains("<a href=\"tel:13800138000\">138 0013 8000</a>"));
        assert!(html.contains("11月26日 19:30 · 编号 1108 6501"));
        assert!(html.contains("已保存"));
        // Every link and form stays under the inbox's own folder, so a sub-path works.
        for attribute in ["href=\"/", "action=\"/"] {
            assert!(!html.contains(attribute), "{attribute}");
        }
    }
}
