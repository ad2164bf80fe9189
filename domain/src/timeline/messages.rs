//! Every Chinese word the timeline's rules produce: statuses, countdowns, next actions, milestone
//! titles, warnings, and each error as the holder reads it. The UI shows these; it does not word
//! its own.

use chrono::NaiveDate;

use crate::dates::{long_zh, relative_zh, short_zh};
use crate::rules;
use crate::timeline::drafts::{Field as FormField, Target};
use crate::timeline::forms::{CertField, EventField, FieldError};
use crate::timeline::link::LinkError;
use crate::timeline::model::{
    Certificate, CertificateData, EventKind, Place, Problem, MAX_CERTIFICATES, MAX_EVENTS,
};
use crate::timeline::schedule::{Action, Countdown, MilestoneKind, Status, Warning};
use crate::timeline::store::{Field, Issue, IssueKind, LoadError};

impl Status {
    /// The status as shown.
    pub fn label(self) -> &'static str {
        match self {
            Status::Normal => "正常",
            Status::WindowOpen => "申请窗口已开启",
            Status::DueSoon => "即将逾期",
            Status::Overdue => "已逾期",
            Status::InReview => "复审中",
            Status::Done => "已完成",
        }
    }

    /// A stable name for styles and tests.
    pub fn code(self) -> &'static str {
        match self {
            Status::Normal => "normal",
            Status::WindowOpen => "window",
            Status::DueSoon => "soon",
            Status::Overdue => "overdue",
            Status::InReview => "review",
            Status::Done => "done",
        }
    }
}

impl Countdown {
    /// The countdown in days, as read on `today`.
    pub fn message(self, today: NaiveDate) -> String {
        let days = |d: NaiveDate| (d - today).num_days();
        match self {
            Countdown::WindowOpens(d) if days(d) > 0 => {
                format!("距申请窗口开启还有{}天", days(d))
            }
            Countdown::WindowOpens(_) => "申请窗口已开启".to_string(),
            Countdown::Due(d) if days(d) > 0 => format!("距复审到期还有{}天", days(d)),
            Countdown::Due(d) if days(d) == 0 => "今天到期".to_string(),
            Countdown::Due(d) => format!("已逾期{}天", -days(d)),
            Countdown::Action(d) if days(d) == 0 => "下一步就在今天".to_string(),
            Countdown::Action(d) => format!("下一步：{}", relative_zh(d, today)),
        }
    }
}

impl Action {
    /// The next action, e.g. 4月10日前提交复审申请.
    pub fn message(self, today: NaiveDate) -> String {
        let day = |d| short_zh(d, today);
        match self {
            Action::ApplyFrom(d) => format!("{}起可以提交复审申请", day(d)),
            Action::ApplyBy(d) => format!("{}前提交复审申请", day(d)),
            Action::Overdue(d) => format!(
                "复审期限（{}）已过：请尽快联系发证机关或培训机构。如果已经复审，记下“查到结果”的日期",
                day(d)
            ),
            Action::SitExam(d) => format!("{}参加复审考试", day(d)),
            Action::QueryFrom(d) => format!("{}起可以查询复审结果", day(d)),
            Action::QueryNow(Some(d)) => {
                format!("现在可以查询复审结果，没查到就{}再查", day(d))
            }
            Action::QueryNow(None) => "现在可以查询复审结果".to_string(),
            Action::AskInstitution => "已超过通常能查到的时间，建议问问培训机构进度".to_string(),
            Action::AwaitExam(Some(d)) => {
                format!("等待考试安排；发证机关应在{}前办结", day(d))
            }
            Action::AwaitExam(None) => "等待考试安排".to_string(),
        }
    }
}

impl MilestoneKind {
    /// The milestone's title.
    pub fn title(self) -> String {
        match self {
            MilestoneKind::FirstIssued => "初次领证".to_string(),
            MilestoneKind::WindowOpens => "复审申请窗口开启".to_string(),
            MilestoneKind::ReviewDue { done: true, .. } => "复审（已完成）".to_string(),
            MilestoneKind::ReviewDue { expires: true, .. } => "复审到期 · 证书有效期至".to_string(),
            MilestoneKind::ReviewDue { .. } => "复审到期".to_string(),
            MilestoneKind::ValidUntil => "证书有效期至".to_string(),
            MilestoneKind::EarliestQuery => "最早可查复审结果".to_string(),
            MilestoneKind::UsualQuery => "偏慢时能查到结果（含平台同步）".to_string(),
            MilestoneKind::NextCheck => "建议再查一次".to_string(),
            MilestoneKind::LegalDeadline { from_application } => format!(
                "发证机关办结期限（{}后{}个工作日{}）",
                if from_application { "提交" } else { "受理" },
                rules::AUTHORITY_WORKING_DAYS,
                if from_application {
                    "，按提交日估算"
                } else {
                    ""
                }
            ),
        }
    }

    /// A stable name for styles, tests and calendar UIDs.
    pub fn code(self) -> &'static str {
        match self {
            MilestoneKind::FirstIssued => "issued",
            MilestoneKind::WindowOpens => "window",
            MilestoneKind::ReviewDue { .. } => "due",
            MilestoneKind::ValidUntil => "valid",
            MilestoneKind::EarliestQuery => "earliest",
            MilestoneKind::UsualQuery => "usual",
            MilestoneKind::NextCheck => "check",
            MilestoneKind::LegalDeadline { .. } => "deadline",
        }
    }
}

/// The spread of a projected date.
pub fn range_message(low: NaiveDate, high: NaiveDate, today: NaiveDate) -> String {
    format!(
        "预估：放假安排未公布，可能在{}至{}之间",
        short_zh(low, today),
        short_zh(high, today)
    )
}

impl EventKind {
    /// The kind's name.
    pub fn label(self) -> &'static str {
        match self {
            EventKind::Applied => "提交复审申请",
            EventKind::Accepted => "申请已受理",
            EventKind::Training { .. } => "参加安全培训",
            EventKind::Exam => "复审考试",
            EventKind::ResultFound => "查到复审结果",
            EventKind::Note => "备注",
        }
    }

    /// The kind's detail (training hours).
    pub fn detail(self) -> Option<String> {
        match self {
            EventKind::Training { hours } => Some(format!("{hours}学时")),
            _ => None,
        }
    }
}

impl Warning {
    /// The warning as shown.
    pub fn message(self) -> String {
        match self {
            Warning::TrainingShort(h) => format!(
                "这次复审记下的培训共{h}学时，规定至少{}学时",
                rules::MIN_TRAINING_HOURS
            ),
            Warning::StartedAfterDue => {
                "复审是在到期日之后才开始的：证书是否还有效，请向发证机关确认".to_string()
            }
            Warning::ValidUntilMoved(d) => format!(
                "证书期满的延期复审合格后会重新发证，新证有效期按{}年推算约到{}，请对照新证改一下“有效期至”",
                rules::VALID_YEARS,
                long_zh(d)
            ),
            Warning::NoWorkingDays => {
                "日期超出了工作日的计算范围（2000–2050年），查询时间没法估算".to_string()
            }
        }
    }
}

/// A certificate form error as shown under `field`.
pub fn certificate_field_error(field: CertField, error: FieldError) -> String {
    match (field, error) {
        (CertField::Kind, _) => "请选择证书类型".to_string(),
        (CertField::Other, FieldError::Required) => {
            "请写上作业类别，例如：金属非金属矿山安全检查作业".to_string()
        }
        (CertField::FirstIssued, FieldError::Required) => "请填写初领日期".to_string(),
        (CertField::FirstIssued, FieldError::InFuture) => "初领日期不能晚于今天".to_string(),
        (CertField::ValidUntil, FieldError::TooFarAhead) => {
            "有效期至太远了，请对照证书再看一下".to_string()
        }
        (CertField::ValidUntil, FieldError::NotAfterIssue) => {
            "有效期至应该晚于初领日期".to_string()
        }
        (_, error) => field_error(error),
    }
}

/// An event form error as shown under `field`.
pub fn event_field_error(field: EventField, error: FieldError) -> String {
    match (field, error) {
        (EventField::Kind, _) => "请选择要记的事".to_string(),
        (EventField::Date, FieldError::Required) => "请填写日期".to_string(),
        (EventField::Date, FieldError::InFuture) => "查到结果的日期不能晚于今天".to_string(),
        (EventField::Date, FieldError::TooFarAhead) => {
            format!(
                "只能记{}年以内的安排",
                crate::timeline::forms::PLAN_AHEAD_YEARS
            )
        }
        (EventField::Hours, FieldError::Required) => "请填写培训学时".to_string(),
        (EventField::Note, FieldError::Required) => "请写上备注内容".to_string(),
        (_, error) => field_error(error),
    }
}

fn field_error(error: FieldError) -> String {
    match error {
        FieldError::Required => "请填写这一项".to_string(),
        FieldError::Date(e) => e.message().to_string(),
        FieldError::TooEarly => "日期不能早于1970年".to_string(),
        FieldError::InFuture => "日期不能晚于今天".to_string(),
        FieldError::TooFarAhead => "日期超出了能记录的范围".to_string(),
        FieldError::NotAfterIssue => "应该晚于初领日期".to_string(),
        FieldError::BeforeIssue => "不能早于这本证书的初领日期".to_string(),
        FieldError::TooLong(n) => format!("最多{n}个字"),
        FieldError::Hours => "学时请填1到99的整数".to_string(),
    }
}

impl FormField {
    /// The field's label.
    pub fn label(self) -> String {
        match self {
            FormField::Cert(CertField::Kind) => "证书类型（作业类别）".to_string(),
            FormField::Cert(CertField::Other) => "作业类别名称".to_string(),
            FormField::Cert(CertField::FirstIssued) => "初领日期".to_string(),
            FormField::Cert(CertField::ValidUntil) => "有效期至（选填）".to_string(),
            FormField::Cert(CertField::Label) => "自己的备注名（选填）".to_string(),
            FormField::Cycle => format!(
                "每{}年复审一次（连续从事本工种{}年以上、没有违章，经发证机关同意）",
                rules::EXTENDED_REVIEW_EVERY_YEARS,
                rules::EXTENDED_AFTER_YEARS
            ),
            FormField::Event(EventField::Kind) => "记什么".to_string(),
            FormField::Event(EventField::Date) => "日期".to_string(),
            FormField::Event(EventField::Hours) => "学时".to_string(),
            FormField::Event(EventField::Note) => "备注".to_string(),
        }
    }

    /// The hint under the label, if any.
    pub fn hint(self) -> Option<String> {
        Some(match self {
            FormField::Cert(CertField::FirstIssued) => {
                "证书上印的第一次领证日期，例如 2020-05-10".to_string()
            }
            FormField::Cert(CertField::ValidUntil) => {
                format!("不填就按初领日期加{}年算", rules::VALID_YEARS)
            }
            FormField::Cert(CertField::Label) => {
                "例如证号后四位。只保存在这部手机上，不会放进链接".to_string()
            }
            FormField::Event(EventField::Hours) => {
                format!("复审前至少要培训{}学时", rules::MIN_TRAINING_HOURS)
            }
            FormField::Event(EventField::Note) => {
                "只保存在这部手机上，不会放进链接和日历".to_string()
            }
            _ => return None,
        })
    }

    /// The error shown under the field.
    pub fn error_message(self, error: FieldError) -> String {
        match self {
            FormField::Cert(f) => certificate_field_error(f, error),
            FormField::Event(f) => event_field_error(f, error),
            FormField::Cycle => field_error(error),
        }
    }
}

impl Target {
    /// The form's title (also its accessible name).
    pub fn title(self) -> &'static str {
        match self {
            Target::NewCertificate => "添加证书",
            Target::Certificate(_) => "修改证书信息",
            Target::NewEvent(_) => "记一笔",
            Target::Event(..) => "修改记录",
        }
    }

    /// The remove button's words, before and after the first tap.
    pub fn remove_words(self, confirming: bool) -> &'static str {
        match (self, confirming) {
            (Target::Event(..), false) => "删除这条记录",
            (Target::Event(..), true) => "确定删除这条记录",
            (_, false) => "删除这本证书",
            (_, true) => "确定删除这本证书和它的记录",
        }
    }
}

/// A certificate named by type and 初领日期, e.g. 熔化焊接与热切割作业（2020年5月10日初领）.
pub fn certificate_name(c: &Certificate) -> String {
    format!(
        "{}（{}初领）",
        c.data.kind.name(),
        long_zh(c.data.first_issued)
    )
}

/// The line under a card's heading: 初领日期, and the private label when there is one.
pub fn issued_line(data: &CertificateData) -> String {
    let issued = format!("{}初领", long_zh(data.first_issued));
    if data.label.is_empty() {
        issued
    } else {
        format!("{issued} · {}", data.label)
    }
}

/// How many fields need fixing, for the live region.
pub fn fix_count(n: usize) -> String {
    format!("有{n}项需要修改")
}

impl Problem {
    /// The problem as shown.
    pub fn message(self) -> String {
        match self {
            Problem::DateOutOfRange => "日期超出了能记录的范围（1970–2096年）".to_string(),
            Problem::ValidBeforeIssue => "有效期至早于初领日期".to_string(),
            Problem::LabelTooLong => "自己的备注名太长".to_string(),
            Problem::OtherTooLong => "作业类别的说明太长".to_string(),
            Problem::NoteTooLong => "备注太长".to_string(),
            Problem::EmptyNote => "备注是空的".to_string(),
            Problem::HoursOutOfRange => "学时应为1到99".to_string(),
            Problem::TooManyEvents => format!("记录太多（每本证书最多{MAX_EVENTS}条）"),
            Problem::TooManyCertificates => format!("证书太多（最多{MAX_CERTIFICATES}本）"),
        }
    }
}

fn place_message(place: Place) -> String {
    match (place.certificate, place.event) {
        (Some(c), Some(e)) => format!("第{}本证书的第{}条记录", c + 1, e + 1),
        (Some(c), None) => format!("第{}本证书", c + 1),
        _ => "文件".to_string(),
    }
}

fn field_name(field: Field) -> &'static str {
    match field {
        Field::Certificates => "证书列表",
        Field::Type => "证书类型",
        Field::Other => "作业类别说明",
        Field::Label => "备注名",
        Field::FirstIssued => "初领日期",
        Field::ValidUntil => "有效期至",
        Field::Cycle => "复审周期",
        Field::Events => "记录列表",
        Field::Kind => "记录类型",
        Field::Date => "日期",
        Field::Hours => "学时",
        Field::Note => "备注",
    }
}

impl Issue {
    /// The issue as shown, e.g. 第2本证书：初领日期不是有效日期.
    pub fn message(self) -> String {
        let what = match self.problem {
            IssueKind::Missing => "缺失或格式不对".to_string(),
            IssueKind::BadDate => "不是有效日期".to_string(),
            IssueKind::Unknown => "无法识别".to_string(),
            IssueKind::Rule(p) => p.message(),
            IssueKind::Malformed { line, column } => {
                format!("第{line}行第{column}个字符处的内容格式不对")
            }
        };
        let field = self.field.map(field_name).unwrap_or_default();
        format!("{}：{field}{what}", place_message(self.place))
    }
}

impl LoadError {
    /// Why a backup file was not imported.
    pub fn import_message(&self) -> String {
        match self {
            LoadError::NotJson | LoadError::NotOurs => {
                "这个文件不是本工具导出的时间线备份".to_string()
            }
            LoadError::Newer(_) => "这个备份来自更新版本的页面，请刷新页面后再导入".to_string(),
            LoadError::Invalid(issues) => format!(
                "备份文件里有{}处问题，没有导入：{}",
                issues.len(),
                issues
                    .iter()
                    .map(|i| i.message())
                    .collect::<Vec<_>>()
                    .join("；")
            ),
        }
    }

    /// Why the timeline kept on this phone could not be read.
    pub fn storage_message(&self) -> &'static str {
        match self {
            LoadError::Newer(_) => {
                "这部手机上保存的时间线来自更新版本的页面，这里读不了。请刷新页面；在那之前，这里的修改不会覆盖它。"
            }
            _ => "这部手机上保存的时间线读不出来（数据可能损坏了）。原来的数据已原样保留，可以导出交给培训机构查看，或者重新开始。",
        }
    }
}

impl LinkError {
    /// Why the link's timeline was not used.
    pub fn message(self) -> &'static str {
        match self {
            LinkError::Newer => {
                "这个链接来自更新版本的页面，这里读不了，请刷新页面后再打开。这部手机上保存的时间线没有改动。"
            }
            LinkError::Garbled => {
                "链接不完整或被改动过，读不出里面的证书日期。这部手机上保存的时间线没有改动。"
            }
            LinkError::Invalid => {
                "链接里的证书日期有误，没有采用。这部手机上保存的时间线没有改动。"
            }
        }
    }
}

impl crate::timeline::schedule::ExamOutcome {
    /// What the estimator says after "add to timeline".
    pub fn message(self) -> String {
        use crate::timeline::schedule::ExamOutcome;
        match self {
            ExamOutcome::Added => "已记到下面的证书时间线里".to_string(),
            ExamOutcome::AlreadyThere => "时间线里已经有这次考试了".to_string(),
            ExamOutcome::ChooseCertificate => "请在下面的时间线里选一下是哪本证书".to_string(),
            ExamOutcome::NeedCertificate => {
                "请先在下面添加证书，保存后会一并记上考试日期".to_string()
            }
            ExamOutcome::Refused(problem) => format!("没能记上：{}", problem.message()),
        }
    }
}
