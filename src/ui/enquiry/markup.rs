//! The form's HTML, written once as text. Its shape never changes: [`super::render`] only sets
//! texts, attributes and `hidden`, so the page never rebuilds an element (and the WebAssembly
//! carries one string builder instead of a typed view per element).

use crate::ui::html::escape;
use fushen_domain::certificate::{CATALOGUE, OTHER_NAME, OTHER_SLUG};
use fushen_domain::enquiry::catalogue::DISTRICTS;
use fushen_domain::enquiry::messages;
use fushen_domain::enquiry::notice::{notice_sections, NOTICE_DATE, NOTICE_TITLE, NOTICE_VERSION};
use fushen_domain::enquiry::phone::tel_href;
use fushen_domain::enquiry::{Field, Settings};

/// The element id of each field's control.
pub fn field_id(field: Field) -> &'static str {
    match field {
        Field::Name => "enq-name",
        Field::Phone => "enq-phone",
        Field::Certificate => "enq-cert",
        Field::CertificateOther => "enq-cert-other",
        Field::District => "enq-district",
        Field::Expiry => "enq-expiry",
        Field::Message => "enq-message",
        Field::Consent => "enq-consent",
    }
}

/// The field whose control has the id `id`.
pub fn field_of(id: &str) -> Option<Field> {
    Field::ALL.into_iter().find(|f| field_id(*f) == id)
}

/// A hint under the label, for the fields that have one.
pub fn hint(field: Field) -> Option<&'static str> {
    match field {
        Field::Phone => Some("11位手机号，可以带空格、横线或 +86"),
        Field::CertificateOther => Some("例如：特种设备焊接"),
        Field::Expiry => Some("证书上“有效期至”的日期"),
        _ => None,
    }
}

/// Ids of the other elements the renderer keeps in step.
pub mod ids {
    /// The confirmation after a delivery.
    pub const OUTCOME: &str = "enq-outcome";
    /// Its title.
    pub const OUTCOME_TITLE: &str = "enq-outcome-title";
    /// Its reference number.
    pub const OUTCOME_REFERENCE: &str = "enq-outcome-ref";
    /// Its "what happens next".
    pub const OUTCOME_NEXT: &str = "enq-outcome-next";
    /// The panel of enquiries waiting to go out.
    pub const PENDING: &str = "enq-pending";
    /// Its title.
    pub const PENDING_TITLE: &str = "enq-pending-title";
    /// Its explanation.
    pub const PENDING_BODY: &str = "enq-pending-body";
    /// Its list of reference numbers.
    pub const PENDING_LIST: &str = "enq-pending-list";
    /// "现在重试".
    pub const RETRY: &str = "enq-retry";
    /// "取消发送，修改内容".
    pub const CANCEL: &str = "enq-cancel";
    /// "你在…提交过咨询".
    pub const SENT_BEFORE: &str = "enq-sent-before";
    /// The fieldset of all fields.
    pub const FIELDS: &str = "enq-fields";
    /// The wrapper of the "其他" text field.
    pub const OTHER_WRAP: &str = "enq-cert-other-wrap";
    /// The message counter.
    pub const COUNTER: &str = "enq-message-count";
    /// The folded privacy notice.
    pub const NOTICE: &str = "enq-notice";
    /// Its summary line (takes the focus when the notice is opened from the consent label).
    pub const NOTICE_SUMMARY: &str = "enq-notice-summary";
    /// The honeypot.
    pub const HONEYPOT: &str = "enq-website";
    /// The status line's paragraph.
    pub const STATUS: &str = "enq-status";
    /// Its words.
    pub const STATUS_TEXT: &str = "enq-status-text";
    /// Its phone number.
    pub const STATUS_PHONE: &str = "enq-status-phone";
    /// Its 撤销 button.
    pub const UNDO: &str = "enq-undo";
    /// 提交咨询.
    pub const SUBMIT: &str = "enq-submit";
    /// 清空.
    pub const CLEAR: &str = "enq-clear";
    /// "the phone could not keep the draft".
    pub const UNSAVED: &str = "enq-unsaved";
}

/// What a `data-action` button or link asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Send what waits, now.
    Retry,
    /// Take the newest waiting enquiry back into the form.
    Cancel,
    /// Put back what 清空 took.
    Undo,
    /// Empty the form.
    Clear,
    /// Open the privacy notice.
    Notice,
}

impl Action {
    const ALL: [Action; 5] = [
        Action::Retry,
        Action::Cancel,
        Action::Undo,
        Action::Clear,
        Action::Notice,
    ];

    /// The `data-action` value.
    pub fn name(self) -> &'static str {
        match self {
            Action::Retry => "retry",
            Action::Cancel => "cancel",
            Action::Undo => "undo",
            Action::Clear => "clear",
            Action::Notice => "notice",
        }
    }

    /// The action named `name`.
    pub fn named(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }
}

/// The phone number as a `tel:` link after `lead`, or nothing.
fn phone_link(lead: &str, phone: Option<&str>) -> String {
    phone
        .and_then(|number| {
            tel_href(number).map(|href| {
                format!(
                    "{}<a class=\"enq-tel\" href=\"{}\">{}</a>",
                    escape(lead),
                    escape(&href),
                    escape(number)
                )
            })
        })
        .unwrap_or_default()
}

fn label(field: Field, optional: bool) -> String {
    let id = field_id(field);
    let hint = hint(field)
        .map(|text| format!("<p class=\"enq-hint\" id=\"{id}-hint\">{text}</p>"))
        .unwrap_or_default();
    format!(
        "<label for=\"{id}\">{}{}</label>{hint}",
        field.label(),
        if optional { "（选填）" } else { "" }
    )
}

fn error(field: Field) -> String {
    format!(
        "<p class=\"enq-error\" id=\"{}-error\" hidden></p>",
        field_id(field)
    )
}

/// A field: label, hint, `control`, error.
fn field(field_: Field, optional: bool, control: &str) -> String {
    format!(
        "<div class=\"enq-field\">{}{control}{}</div>",
        label(field_, optional),
        error(field_)
    )
}

fn input(field: Field, kind: &str, extra: &str) -> String {
    let id = field_id(field);
    format!("<input id=\"{id}\" name=\"{id}\" type=\"{kind}\"{extra}>")
}

fn option(value: &str, text: &str) -> String {
    format!("<option value=\"{value}\">{text}</option>")
}

fn certificate_select() -> String {
    let mut options = option("", "请选择");
    for category in CATALOGUE {
        options.push_str(&format!("<optgroup label=\"{}\">", category.name));
        for kind in category.kinds {
            options.push_str(&option(kind.slug(), kind.name()));
        }
        options.push_str("</optgroup>");
    }
    options.push_str(&option(OTHER_SLUG, OTHER_NAME));
    let id = field_id(Field::Certificate);
    format!("<select id=\"{id}\" name=\"{id}\" aria-required=\"true\">{options}</select>")
}

fn district_select() -> String {
    let mut options = option("", "不填");
    for district in DISTRICTS {
        options.push_str(&option(district, district));
    }
    let id = field_id(Field::District);
    format!("<select id=\"{id}\" name=\"{id}\">{options}</select>")
}

fn consent(settings: &Settings) -> String {
    let id = field_id(Field::Consent);
    let sections: String =
        notice_sections(settings.institution.as_deref(), settings.phone.as_deref())
            .iter()
            .map(|(heading, text)| format!("<p><strong>{heading}</strong>：{}</p>", escape(text)))
            .collect();
    format!(
        "<div class=\"enq-field enq-consent\"><div class=\"enq-check\">\
         <input id=\"{id}\" name=\"{id}\" type=\"checkbox\" aria-required=\"true\">\
         <label for=\"{id}\">我已阅读并同意<a href=\"#{notice}\" data-action=\"notice\">《{NOTICE_TITLE}》</a></label>\
         </div>{error}<details id=\"{notice}\" class=\"enq-notice\">\
         <summary id=\"{summary}\">{NOTICE_TITLE}（点开阅读）</summary>{sections}\
         <p class=\"enq-muted\">第{NOTICE_VERSION}版，{NOTICE_DATE}</p></details></div>",
        error = error(Field::Consent),
        notice = ids::NOTICE,
        summary = ids::NOTICE_SUMMARY,
    )
}

/// The whole form's inner HTML for the deployment's `settings`.
pub fn form_html(settings: &Settings) -> String {
    let phone = settings.phone.as_deref();
    let required = " aria-required=\"true\"";
    let fields = [
        field(
            Field::Name,
            false,
            &input(
                Field::Name,
                "text",
                " autocomplete=\"name\" aria-required=\"true\"",
            ),
        ),
        field(
            Field::Phone,
            false,
            &input(
                Field::Phone,
                "tel",
                " inputmode=\"numeric\" autocomplete=\"tel\" aria-required=\"true\"",
            ),
        ),
        field(Field::Certificate, false, &certificate_select()),
        format!(
            "<div id=\"{}\" hidden>{}</div>",
            ids::OTHER_WRAP,
            field(
                Field::CertificateOther,
                false,
                &input(Field::CertificateOther, "text", required)
            )
        ),
        field(Field::District, true, &district_select()),
        field(Field::Expiry, true, &input(Field::Expiry, "date", "")),
        field(
            Field::Message,
            true,
            &format!(
                "<textarea id=\"{id}\" name=\"{id}\" rows=\"4\"></textarea>\
                 <p id=\"{counter}\" class=\"enq-counter\"></p>",
                id = field_id(Field::Message),
                counter = ids::COUNTER
            ),
        ),
        consent(settings),
    ]
    .concat();
    format!(
        "<div id=\"{outcome}\" class=\"enq-done\" tabindex=\"-1\" hidden>\
           <h3 id=\"{outcome_title}\"></h3>\
           <p>{reference_label}：<strong class=\"enq-ref\" id=\"{outcome_ref}\" data-testid=\"enquiry-reference\"></strong></p>\
           <p id=\"{outcome_next}\"></p>\
         </div>\
         <div id=\"{pending}\" class=\"enq-pending\" tabindex=\"-1\" hidden>\
           <h3 id=\"{pending_title}\"></h3><p id=\"{pending_body}\"></p><p id=\"{pending_list}\"></p>\
           <div class=\"enq-actions\">\
             <button type=\"button\" class=\"enq-primary\" id=\"{retry}\" data-action=\"retry\">{retry_text}</button>\
             <button type=\"button\" class=\"enq-secondary\" id=\"{cancel}\" data-action=\"cancel\">{cancel_text}</button>\
           </div>\
           <p>{call}</p>\
         </div>\
         <p class=\"enq-muted\" id=\"{sent_before}\" hidden></p>\
         <p class=\"enq-intro\">填好下面几项，培训机构会打电话联系你。标着“选填”的可以不填。{call_instead}</p>\
         <fieldset class=\"enq-fields\" id=\"{fieldset}\"><legend class=\"enq-legend\">咨询内容</legend>{fields}</fieldset>\
         <div class=\"enq-hp\" aria-hidden=\"true\"><label for=\"{honeypot}\">网址（请不要填写）</label>\
           <input id=\"{honeypot}\" name=\"website\" type=\"text\" tabindex=\"-1\" autocomplete=\"off\"></div>\
         <div class=\"enq-status\" role=\"status\" aria-live=\"polite\" aria-atomic=\"true\">\
           <p id=\"{status}\" hidden><span id=\"{status_text}\"></span> <span id=\"{status_phone}\" hidden>{phone_only}</span>\
           <button type=\"button\" class=\"enq-link-button\" id=\"{undo}\" data-action=\"undo\" hidden>{undo_text}</button></p>\
         </div>\
         <div class=\"enq-actions\">\
           <button type=\"submit\" class=\"enq-primary\" id=\"{submit}\">提交咨询</button>\
           <button type=\"button\" class=\"enq-secondary\" id=\"{clear}\" data-action=\"clear\">清空</button>\
         </div>\
         <p class=\"enq-muted\" id=\"{unsaved}\" hidden>{unsaved_text}</p>",
        outcome = ids::OUTCOME,
        outcome_title = ids::OUTCOME_TITLE,
        outcome_ref = ids::OUTCOME_REFERENCE,
        outcome_next = ids::OUTCOME_NEXT,
        reference_label = messages::REFERENCE_LABEL,
        pending = ids::PENDING,
        pending_title = ids::PENDING_TITLE,
        pending_body = ids::PENDING_BODY,
        pending_list = ids::PENDING_LIST,
        retry = ids::RETRY,
        retry_text = messages::RETRY_NOW,
        cancel = ids::CANCEL,
        cancel_text = messages::CANCEL_QUEUED,
        call = phone_link(messages::CALL, phone),
        sent_before = ids::SENT_BEFORE,
        call_instead = phone_link(messages::CALL_INSTEAD, phone),
        fieldset = ids::FIELDS,
        honeypot = ids::HONEYPOT,
        status = ids::STATUS,
        status_text = ids::STATUS_TEXT,
        status_phone = ids::STATUS_PHONE,
        phone_only = phone_link("", phone),
        undo = ids::UNDO,
        undo_text = messages::UNDO,
        submit = ids::SUBMIT,
        clear = ids::CLEAR,
        unsaved = ids::UNSAVED,
        unsaved_text = messages::DRAFT_NOT_SAVED,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings {
            endpoint: None,
            phone: Some("0734-8123456".into()),
            institution: Some("<b>衡阳\"某\"学校</b>".into()),
        }
    }

    #[test]
    fn every_id_appears_once() {
        let html = form_html(&settings());
        let mut all: Vec<String> = Field::ALL
            .iter()
            .flat_map(|f| [field_id(*f).to_string(), format!("{}-error", field_id(*f))])
            .collect();
        all.extend(
            [
                ids::OUTCOME,
                ids::OUTCOME_TITLE,
                ids::OUTCOME_REFERENCE,
                ids::OUTCOME_NEXT,
                ids::PENDING,
                ids::PENDING_TITLE,
                ids::PENDING_BODY,
                ids::PENDING_LIST,
                ids::RETRY,
                ids::CANCEL,
                ids::SENT_BEFORE,
                ids::FIELDS,
                ids::OTHER_WRAP,
                ids::COUNTER,
                ids::NOTICE,
                ids::NOTICE_SUMMARY,
                ids::HONEYPOT,
                ids::STATUS,
                ids::STATUS_TEXT,
                ids::STATUS_PHONE,
                ids::UNDO,
                ids::SUBMIT,
                ids::CLEAR,
                ids::UNSAVED,
            ]
            .map(String::from),
        );
        for id in all {
            assert_eq!(html.matches(&format!("id=\"{id}\"")).count(), 1, "{id}");
        }
        for field in [Field::Phone, Field::CertificateOther, Field::Expiry] {
            assert!(html.contains(&format!("id=\"{}-hint\"", field_id(field))));
        }
    }

    #[test]
    fn settings_are_escaped_and_the_phone_is_a_tel_link() {
        let html = form_html(&settings());
        assert!(html.contains("&lt;b&gt;衡阳&quot;某&quot;学校&lt;/b&gt;"));
        assert!(!html.contains("<b>衡阳"));
        assert!(html.contains("href=\"tel:07348123456\""));
        let bare = form_html(&Settings::default());
        assert!(!bare.contains("tel:"));
    }

    #[test]
    fn required_fields_say_so_and_optional_ones_are_labelled() {
        let html = form_html(&settings());
        for field in [
            Field::Name,
            Field::Phone,
            Field::Certificate,
            Field::CertificateOther,
            Field::Consent,
        ] {
            let tag = html
                .split(&format!("id=\"{}\"", field_id(field)))
                .nth(1)
                .unwrap();
            let tag = &tag[..tag.find('>').unwrap()];
            assert!(tag.contains("aria-required=\"true\""), "{field:?}");
        }
        for label in ["所在区县（选填）", "证书到期日（选填）", "留言（选填）"]
        {
            assert!(html.contains(label), "{label}");
        }
        assert!(html.contains("type=\"tel\" inputmode=\"numeric\" autocomplete=\"tel\""));
        assert!(!html.contains("required>") && !html.contains(" required "));
    }

    #[test]
    fn names_round_trip() {
        for field in Field::ALL {
            assert_eq!(field_of(field_id(field)), Some(field));
        }
        assert_eq!(field_of("enq-website"), None);
        for action in Action::ALL {
            assert_eq!(Action::named(action.name()), Some(action));
        }
    }
}
