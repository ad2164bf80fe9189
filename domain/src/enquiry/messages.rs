//! Every Chinese message of the enquiry form in one place: field names, field errors and what
//! the form says after a submit. The UI shows these strings; it never writes its own.

use thiserror::Error;

use crate::dates::DateError;
use crate::enquiry::draft::Field;

/// Why a field's value was not accepted. Each variant has exactly one message ([`Self::message`]).
#[derive(Clone, Copy, Debug, Error, PartialEq, Eq)]
pub enum FieldError {
    /// A required field is blank.
    #[error("empty")]
    Empty,
    /// A name with something other than letters, `·` and spaces inside.
    #[error("name characters")]
    NameCharacters,
    /// More than [`crate::enquiry::hygiene::MAX_MARKS_IN_A_ROW`] combining marks in a row: the
    /// "zalgo" text that spills over the lines around it.
    #[error("stacked combining marks")]
    StackedMarks,
    /// Longer than `max` characters (`len` now).
    #[error("too long: {len} > {max}")]
    TooLong {
        /// The limit.
        max: usize,
        /// The length now.
        len: usize,
    },
    /// Not a mainland mobile number.
    #[error("phone")]
    Phone,
    /// No certificate type chosen (or one the list no longer has).
    #[error("no certificate type")]
    NoCertificate,
    /// A district the list does not have (only a damaged draft can say so).
    #[error("district not in list")]
    UnknownDistrict,
    /// The expiry date could not be read.
    #[error("date: {0}")]
    Date(DateError),
    /// The expiry date is implausibly far from today (a mistyped year).
    #[error("date out of range")]
    DateOutOfRange,
    /// The consent box is not ticked.
    #[error("no consent")]
    NoConsent,
}

impl FieldError {
    /// The message shown under the field.
    pub fn message(self) -> String {
        match self {
            FieldError::Empty => "不能为空".into(),
            FieldError::NameCharacters => "姓名只能填文字，名字中间可以有“·”或空格".into(),
            FieldError::StackedMarks => "有好几个符号叠在同一个字上，请删掉后重新输入".into(),
            FieldError::TooLong { max, len } => format!("最多{max}个字，现在是{len}个字"),
            FieldError::Phone => "请输入有效的手机号码".into(),
            FieldError::NoCertificate => "请先选择证书类型".into(),
            FieldError::UnknownDistrict => "请从列表里重新选择区县".into(),
            FieldError::Date(DateError::Empty) => "请选择日期".into(),
            FieldError::Date(e) => e.message().into(),
            FieldError::DateOutOfRange => "这个日期不太对，请检查年份".into(),
            FieldError::NoConsent => "请先阅读并勾选同意《个人信息说明》".into(),
        }
    }
}

impl Field {
    /// The field's name, as its label says it.
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "姓名",
            Field::Phone => "手机号码",
            Field::Certificate => "证书类型",
            Field::CertificateOther => "其他证书类型",
            Field::District => "所在区县",
            Field::Expiry => "证书到期日",
            Field::Message => "留言",
            Field::Consent => "同意《个人信息说明》",
        }
    }

    /// The hint under the label, for the fields that have one.
    pub fn hint(self) -> Option<&'static str> {
        match self {
            Field::Phone => Some("11位手机号，可以带空格、横线或 +86"),
            Field::CertificateOther => Some("例如：特种设备焊接"),
            Field::Expiry => Some("证书上“有效期至”的日期"),
            _ => None,
        }
    }
}

/// Announced (and shown) when a submit finds mistakes: how many, and where.
pub fn invalid_summary(fields: &[Field]) -> String {
    let names: Vec<&str> = fields.iter().map(|f| f.label()).collect();
    format!("还有{}处需要修改：{}。", fields.len(), names.join("、"))
}

/// The message counter: "还能写 120 字" or, past the limit, "超出 3 字".
pub fn counter(len: usize, max: usize) -> String {
    if len <= max {
        format!("{len}/{max}，还能写{}字", max - len)
    } else {
        format!("{len}/{max}，超出{}字", len - max)
    }
}

/// What the form says while a submit is on its way.
pub const SENDING: &str = "正在提交，请稍候…";
/// After a 2xx: the enquiry reached the institution.
pub const DELIVERED_TITLE: &str = "提交成功";
/// After a 2xx, in the background (a saved enquiry went out on a later visit or when the
/// network came back).
pub const DELIVERED_LATER_TITLE: &str = "之前保存的咨询已经发出";
/// The reference number's label.
pub const REFERENCE_LABEL: &str = "咨询编号";

/// What happens next, after a delivery; `institution` when configured, `tail` the last four
/// digits of the user's phone.
pub fn next_steps(institution: Option<&str>, tail: Option<&str>) -> String {
    let who = institution.unwrap_or("培训机构");
    match tail {
        Some(tail) => format!(
            "{who}会在工作时间打电话联系你，请留意尾号{tail}的来电。打电话询问时报上咨询编号即可。"
        ),
        None => format!("{who}会在工作时间打电话联系你。打电话询问时报上咨询编号即可。"),
    }
}

/// After a network failure, timeout or 5xx, with the enquiry kept in the outbox.
pub const QUEUED_TITLE: &str = "暂时没有发出去，已保存在这部手机上";
/// What happens to a queued enquiry.
pub const QUEUED_BODY: &str = "网络恢复后会自动发送，下次打开这个页面也会再试，不用重新填写。发出去之前，下面填的内容先不能改；要改，请点“取消发送，修改内容”。";
/// After a failure when the phone cannot keep data either: only this open page holds it.
pub const QUEUED_IN_MEMORY_TITLE: &str = "暂时没有发出去，这个浏览器也不能把它保存在手机上";
/// What to do then.
pub const QUEUED_IN_MEMORY_BODY: &str =
    "请先不要关闭这个页面，网络恢复后会自动发送；也可以直接打电话咨询。";
/// The button that sends queued enquiries now.
pub const RETRY_NOW: &str = "现在重试";
/// The button that takes a queued enquiry back into the form.
pub const CANCEL_QUEUED: &str = "取消发送，修改内容";

/// A 4xx: the receiver refused the enquiry. `server` is its own short explanation, if any.
pub fn rejected(status: u16, server: Option<&str>) -> String {
    match server {
        Some(reason) => {
            format!("提交没有被接收：{reason}（{status}）。请修改后再提交，或直接打电话咨询。")
        }
        None => format!("提交没有被接收（{status}）。请检查填写的内容后再提交，或直接打电话咨询。"),
    }
}

/// No endpoint configured: nothing can be sent from this page. `saved`: the draft is on the
/// phone; `has_phone`: a phone number follows.
pub fn no_endpoint(saved: bool, has_phone: bool) -> String {
    let kept = if saved {
        "你填写的内容已保存在这部手机上"
    } else {
        "这个浏览器不能保存你填写的内容，请先不要关闭页面"
    };
    let then = if has_phone {
        "请直接打电话咨询："
    } else {
        "请直接联系培训机构。"
    };
    format!("本页面暂时不能在线提交。{kept}，{then}")
}
/// The honeypot was filled: not sent (a person never sees that field).
pub const NOT_SENT: &str = "这次没有提交成功，请直接打电话咨询。";
/// After 清空.
pub const CLEARED: &str = "已清空填写的内容。";
/// Undo for 清空.
pub const UNDO: &str = "撤销";
/// The draft could not be kept on the phone.
pub const DRAFT_NOT_SAVED: &str = "这个浏览器不能在手机上保存草稿，刷新页面前请先提交。";
/// A previous visit's delivery (at `at_ms`, with `reference`), shown above the form.
pub fn sent_before(at_ms: i64, reference: &str, today: chrono::NaiveDate) -> String {
    let date = crate::dates::china_date_from_unix_ms(at_ms as f64)
        .map(|d| crate::dates::short_zh(d, today))
        .unwrap_or_default();
    let reference = crate::enquiry::payload::reference_for_display(reference);
    format!("你在{date}提交过咨询，编号 {reference}。")
}
/// The invitation to call instead, when a phone number is configured.
pub const CALL_INSTEAD: &str = "不想填表？直接打电话：";
/// Before the phone number, wherever the form suggests calling.
pub const CALL: &str = "也可以直接打电话咨询：";

/// When a queued enquiry was saved: "11月26日 19:30" (with the year when not this year).
pub fn saved_at(at_ms: i64, today: chrono::NaiveDate) -> String {
    crate::dates::day_time_zh(at_ms, today)
}

/// A queued enquiry in the list: its number and when it was saved.
pub fn queued_item(reference: &str, saved: &str) -> String {
    format!("咨询编号 {reference}，{saved}保存")
}

/// [`queued_item`] for a waiting enquiry, its reference spaced for reading out.
pub fn queued_entry(entry: &crate::enquiry::OutboxEntry, today: chrono::NaiveDate) -> String {
    queued_item(
        &crate::enquiry::payload::reference_for_display(&entry.reference),
        &saved_at(entry.queued_at_ms, today),
    )
}
