//! The one short form of the timeline: add or change a certificate, record or change an event.
//! Fields, checks and messages come from `crate::timeline::forms`; this file lays them out and
//! carries the result to the timeline.

use leptos::prelude::*;

use super::kit::{focus, Action, Buttons, Control, FormField, OptionGroup, Shown};
use super::state::TimelineCtx;
use crate::certificate::{CATALOGUE, OTHER_CODE, OTHER_NAME};
use crate::rules;
use crate::timeline::forms::{CertField, CertificateDraft, EventDraft, EventField, FieldError};
use crate::timeline::messages::{certificate_field_error, event_field_error, fix_count};
use crate::timeline::model::Problem;
use crate::timeline::{EventKind, Id};

/// What the form is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Add a certificate.
    NewCertificate,
    /// Change certificate `id`.
    Certificate(Id),
    /// Record an event of certificate `id`.
    NewEvent(Id),
    /// Change event `.1` of certificate `.0`.
    Event(Id, Id),
}

/// A field of either form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Cert(CertField),
    /// The 6-year review cycle switch.
    Cycle,
    Event(EventField),
}

/// The form as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Draft {
    Cert(CertificateDraft),
    Event(EventDraft),
}

impl Draft {
    fn value(&self, field: Field) -> String {
        match (self, field) {
            (Draft::Cert(d), Field::Cert(f)) => d.value(f).to_string(),
            (Draft::Cert(d), Field::Cycle) if d.extended => "1".to_string(),
            (Draft::Event(d), Field::Event(f)) => d.value(f).to_string(),
            _ => String::new(),
        }
    }

    fn set(&mut self, field: Field, text: String) {
        match (self, field) {
            (Draft::Cert(d), Field::Cert(f)) => d.set(f, text),
            (Draft::Cert(d), Field::Cycle) => d.extended = !text.is_empty(),
            (Draft::Event(d), Field::Event(f)) => d.set(f, text),
            _ => {}
        }
    }

    fn visible(&self, field: Field) -> bool {
        match (self, field) {
            (Draft::Cert(d), Field::Cert(CertField::Other)) => d.wants_other(),
            (Draft::Event(d), Field::Event(EventField::Hours)) => d.wants_hours(),
            _ => true,
        }
    }
}

/// Checks, messages and ids of one form.
#[derive(Clone, Copy)]
struct Rules {
    target: Target,
    first_issued: chrono::NaiveDate,
    today: chrono::NaiveDate,
}

impl Rules {
    fn error(self, draft: &Draft, field: Field) -> Option<String> {
        match (draft, field) {
            (Draft::Cert(d), Field::Cert(f)) => d
                .check(f, self.today)
                .err()
                .map(|e| certificate_field_error(f, e)),
            (Draft::Event(d), Field::Event(f)) => d
                .check(f, self.first_issued, self.today)
                .err()
                .map(|e| event_field_error(f, e)),
            _ => None,
        }
    }

    fn id(self, field: Field) -> String {
        let prefix = match self.target {
            Target::NewCertificate => "cert-new".to_string(),
            Target::Certificate(c) => format!("cert-{c}"),
            Target::NewEvent(c) => format!("ev-{c}-new"),
            Target::Event(c, e) => format!("ev-{c}-{e}"),
        };
        let name = match field {
            Field::Cert(CertField::Kind) | Field::Event(EventField::Kind) => "kind",
            Field::Cert(CertField::Other) => "other",
            Field::Cert(CertField::FirstIssued) => "first",
            Field::Cert(CertField::ValidUntil) => "valid",
            Field::Cert(CertField::Label) => "label",
            Field::Cycle => "cycle",
            Field::Event(EventField::Date) => "date",
            Field::Event(EventField::Hours) => "hours",
            Field::Event(EventField::Note) => "note",
        };
        format!("{prefix}-{name}")
    }
}

/// A field's label, hint and control.
fn spec(field: Field) -> (String, Option<String>, Control) {
    let input = |kind, numeric| Control::Input { kind, numeric };
    let fixed = |s: &str| s.to_string();
    match field {
        Field::Cert(CertField::Kind) => {
            let mut groups: Vec<OptionGroup> = CATALOGUE
                .iter()
                .map(|c| OptionGroup {
                    label: Some(c.name),
                    options: c.kinds.iter().map(|k| (k.code(), k.name())).collect(),
                })
                .collect();
            groups.push(OptionGroup {
                label: None,
                options: vec![(OTHER_CODE, OTHER_NAME)],
            });
            (fixed("证书类型（作业类别）"), None, Control::Select(groups))
        }
        Field::Cert(CertField::Other) => (fixed("作业类别名称"), None, input("text", false)),
        Field::Cert(CertField::FirstIssued) => (
            fixed("初领日期"),
            Some(fixed("证书上印的第一次领证日期，例如 2020-05-10")),
            input("date", false),
        ),
        Field::Cert(CertField::ValidUntil) => (
            fixed("有效期至（选填）"),
            Some(format!("不填就按初领日期加{}年算", rules::VALID_YEARS)),
            input("date", false),
        ),
        Field::Cert(CertField::Label) => (
            fixed("自己的备注名（选填）"),
            Some(fixed("例如证号后四位。只保存在这台手机上，不会放进链接")),
            input("text", false),
        ),
        Field::Cycle => (
            format!(
                "每{}年复审一次（连续从事本工种{}年以上、没有违章，经发证机关同意）",
                rules::EXTENDED_REVIEW_EVERY_YEARS,
                rules::EXTENDED_AFTER_YEARS
            ),
            None,
            Control::Check,
        ),
        Field::Event(EventField::Kind) => {
            let options = EventKind::CODES
                .into_iter()
                .filter_map(|code| EventKind::from_code(code, 0).map(|k| (code, k.label())))
                .collect();
            let groups = vec![OptionGroup {
                label: None,
                options,
            }];
            (fixed("记什么"), None, Control::Select(groups))
        }
        Field::Event(EventField::Date) => (fixed("日期"), None, input("date", false)),
        Field::Event(EventField::Hours) => (
            fixed("学时"),
            Some(format!("复审前至少要培训{}学时", rules::MIN_TRAINING_HOURS)),
            input("text", true),
        ),
        Field::Event(EventField::Note) => (
            fixed("备注"),
            Some(fixed("只保存在这台手机上，不会放进链接和日历")),
            Control::TextArea,
        ),
    }
}

/// Saves the draft to the timeline; the fields to fix, or a refusal of the timeline's rules.
fn save(ctx: TimelineCtx, rules: Rules, draft: &Draft) -> Result<(), Result<Vec<Field>, Problem>> {
    let fields = |errors: Vec<(CertField, FieldError)>| {
        errors.into_iter().map(|(f, _)| Field::Cert(f)).collect()
    };
    let events = |errors: Vec<(EventField, FieldError)>| {
        errors.into_iter().map(|(f, _)| Field::Event(f)).collect()
    };
    let refused = Err;
    match (rules.target, draft) {
        (Target::NewCertificate, Draft::Cert(d)) => {
            let data = d.finish(rules.today).map_err(|e| Ok(fields(e)))?;
            ctx.add_certificate(data).map(|_| ()).map_err(refused)
        }
        (Target::Certificate(c), Draft::Cert(d)) => {
            let data = d.finish(rules.today).map_err(|e| Ok(fields(e)))?;
            ctx.change(|t| t.update_certificate(c, data))
                .map(|_| ())
                .map_err(refused)
        }
        (Target::NewEvent(c), Draft::Event(d)) => {
            let data = d
                .finish(rules.first_issued, rules.today)
                .map_err(|e| Ok(events(e)))?;
            ctx.change(|t| t.add_event(c, data))
                .map(|_| ())
                .map_err(refused)
        }
        (Target::Event(c, e), Draft::Event(d)) => {
            let data = d
                .finish(rules.first_issued, rules.today)
                .map_err(|e| Ok(events(e)))?;
            ctx.change(|t| t.update_event(c, e, data))
                .map(|_| ())
                .map_err(refused)
        }
        _ => Ok(()),
    }
}

/// The form for `target`; calls `on_done` when it closes (saved, removed or cancelled). A
/// certificate or event being changed can also be removed, after a second tap.
#[component]
pub fn RecordForm(
    /// The timeline.
    ctx: TimelineCtx,
    /// What the form is for.
    target: Target,
    /// Called when the form closes.
    on_done: Callback<()>,
) -> impl IntoView {
    let today = ctx.today;
    let (first_issued, draft) = ctx.timeline().with_untracked(|t| {
        let of = |c: Id| t.certificate(c);
        match target {
            Target::NewCertificate => (today, Draft::Cert(CertificateDraft::default())),
            Target::Certificate(c) => (
                today,
                Draft::Cert(
                    of(c)
                        .map(|c| CertificateDraft::of(&c.data))
                        .unwrap_or_default(),
                ),
            ),
            Target::NewEvent(c) | Target::Event(c, _) => {
                let event = match target {
                    Target::Event(_, e) => of(c)
                        .and_then(|c| c.events.iter().find(|x| x.id == e))
                        .map(|e| EventDraft::of(&e.data)),
                    _ => None,
                };
                (
                    of(c).map_or(today, |c| c.data.first_issued),
                    Draft::Event(event.unwrap_or_default()),
                )
            }
        }
    });
    let rules = Rules {
        target,
        first_issued,
        today,
    };
    let list: Vec<Field> = match draft {
        Draft::Cert(_) => CertField::ALL
            .into_iter()
            .map(Field::Cert)
            .chain([Field::Cycle])
            .collect(),
        Draft::Event(_) => EventField::ALL.into_iter().map(Field::Event).collect(),
    };
    let draft = RwSignal::new(draft);
    let shown = Shown::<Field>::default();
    let status = RwSignal::new(String::new());
    let confirm_remove = RwSignal::new(false);

    let fields = list
        .into_iter()
        .map(|f| {
            let (label, hint, control) = spec(f);
            view! {
                <FormField
                    id=rules.id(f)
                    label=label
                    hint=hint
                    control=control
                    value=Signal::derive(move || draft.with(|d| d.value(f)))
                    on_input=Callback::new(move |text| draft.update(|d| d.set(f, text)))
                    on_leave=Callback::new(move |()| shown.leave(f))
                    error=Signal::derive(move || {
                        shown.shows(f).then(|| draft.with(|d| rules.error(d, f))).flatten()
                    })
                    shown=Signal::derive(move || draft.with(|d| d.visible(f)))
                />
            }
        })
        .collect_view();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        shown.submit();
        match draft.with_untracked(|d| save(ctx, rules, d)) {
            Ok(()) => on_done.run(()),
            Err(Ok(fields)) => {
                status.set(fix_count(fields.len()));
                if let Some(first) = fields.first() {
                    focus(&rules.id(*first));
                }
            }
            Err(Err(problem)) => status.set(problem.message()),
        }
    };

    let mut actions = vec![
        Action::new("保存", "tl-primary", || {}),
        Action::new("取消", "", move || on_done.run(())),
    ];
    let (title, remove) = match target {
        Target::NewCertificate => ("添加证书", None),
        Target::Certificate(_) => (
            "修改证书信息",
            Some(("删除这本证书", "确定删除这本证书和它的记录")),
        ),
        Target::NewEvent(_) => ("记一笔", None),
        Target::Event(..) => ("修改记录", Some(("删除这条记录", "确定删除这条记录"))),
    };
    if let Some((first, second)) = remove {
        actions.push(Action::changing(
            move || if confirm_remove.get() { second } else { first }.to_string(),
            "tl-danger",
            move || {
                if !confirm_remove.get_untracked() {
                    confirm_remove.set(true);
                    return;
                }
                match target {
                    Target::Certificate(c) => {
                        ctx.change(|t| t.remove_certificate(c));
                    }
                    Target::Event(c, e) => {
                        ctx.change(|t| t.remove_event(c, e));
                    }
                    _ => {}
                }
                ctx.say("已删除");
                on_done.run(());
            },
        ));
    }
    view! {
        <form class="tl-form" novalidate on:submit=submit aria-label=title>
            <h4>{title}</h4>
            {fields}
            <p class="tl-form-status" role="status">{status}</p>
            <Buttons actions submit=true />
        </form>
    }
}
