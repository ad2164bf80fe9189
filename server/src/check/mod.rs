//! `fushen-server check [--notify]`: tells the person who installs the server, before a welder's
//! enquiry depends on it, whether the installation is right. It lists every setting in force and
//! where it came from, then one line per finding, each marked with how much it matters
//! ([`Severity`]), and exits 1 when anything must be changed, so that scripts can use it.
//!
//! It reports and never fixes: it does not make the data folder private (every other command
//! does, see [`crate::private`]), does not create or migrate the database, and does not print the
//! robot's key or secret. With `--notify` it sends one real test alert to the group robot.
//!
//! Each check is a small function returning its findings (`settings` for `settings.env`, `files`
//! for the data folder, database, site, disk and backups, `network` for the listen address and
//! the proxy, `robot` for the group robot); [`render`] is the one place that words the report.

mod files;
mod network;
mod robot;
mod settings;
mod sys;

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use crate::config::{Config, SETTINGS_FILE};

pub(crate) use robot::robot_name;
pub use robot::TEST_ALERT;

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The server will not work as it should until this is changed.
    MustFix,
    /// Works, but better changed.
    Advice,
    /// Checked and fine (said, so that the reader sees what was checked).
    Fine,
}

impl Severity {
    /// The word at the start of the line.
    pub fn label(self) -> &'static str {
        match self {
            Severity::MustFix => "[必须修改]",
            Severity::Advice => "[建议]",
            Severity::Fine => "[正常]",
        }
    }
}

/// One line of the report: what was found and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// How much it matters.
    pub severity: Severity,
    /// What was found and what to do, in Chinese.
    pub text: String,
}

fn must_fix(text: impl Into<String>) -> Finding {
    Finding {
        severity: Severity::MustFix,
        text: text.into(),
    }
}

fn advice(text: impl Into<String>) -> Finding {
    Finding {
        severity: Severity::Advice,
        text: text.into(),
    }
}

fn fine(text: impl Into<String>) -> Finding {
    Finding {
        severity: Severity::Fine,
        text: text.into(),
    }
}

/// A setting in force, for the first part of the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setting {
    /// What it is, in Chinese.
    pub label: &'static str,
    /// Its value as shown (secrets never).
    pub value: String,
    /// Where the value came from: `环境变量 NAME`, `settings.env` or `默认`.
    pub source: String,
}

/// Runs every check with `config`, prints the report, and exits 1 when anything must be changed.
pub fn run(config: &Config, notify: bool) -> ExitCode {
    let sources = settings::Sources::read(config);
    let findings = findings(config, notify);
    let report = render(&settings::settings(config, &sources), &findings);
    // A closed pipe (`check | head`) is not worth a panic.
    let _ = std::io::stdout().lock().write_all(report.as_bytes());
    if findings.iter().any(|f| f.severity == Severity::MustFix) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Every finding, in the order the report lists them.
pub fn findings(config: &Config, notify: bool) -> Vec<Finding> {
    let mut all = Vec::new();
    all.extend(settings::settings_file(config));
    all.extend(files::permissions(config));
    all.extend(files::database(config));
    all.extend(files::site(config));
    all.extend(network::listen(config));
    all.push(network::proxy(config));
    all.extend(files::disk(config));
    all.extend(files::backup_folder(config));
    all.extend(files::before_restore(config));
    all.push(robot::robot(config, notify));
    all
}

/// The whole report: the settings, the findings, and the count of what needs doing.
pub fn render(settings: &[Setting], findings: &[Finding]) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "设置（括号里是来源：环境变量、数据目录里的 {SETTINGS_FILE}，或默认值）："
    );
    for setting in settings {
        let _ = writeln!(
            text,
            "  {}：{}（{}）",
            setting.label, setting.value, setting.source
        );
    }
    let _ = writeln!(text, "\n检查结果：");
    for finding in findings {
        let _ = writeln!(text, "{} {}", finding.severity.label(), finding.text);
    }
    let count = |severity| findings.iter().filter(|f| f.severity == severity).count();
    let _ = writeln!(
        text,
        "\n检查完成：{} 项必须修改，{} 项建议。",
        count(Severity::MustFix),
        count(Severity::Advice)
    );
    text
}

/// A path as the reader can find it: a relative one also as the absolute path it means.
pub(crate) fn shown(path: &Path) -> String {
    match std::path::absolute(path) {
        Ok(absolute) if path.is_relative() => {
            format!("{}（即 {}）", path.display(), absolute.display())
        }
        _ => path.display().to_string(),
    }
}

/// A path as one word for a shell command to copy.
fn shell_word(path: &Path) -> String {
    let text = path.display().to_string();
    let plain = text
        .chars()
        .all(|c| c.is_alphanumeric() || "/._-+,:@%".contains(c));
    if plain && !text.is_empty() {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_counts_what_needs_doing() {
        let report = render(
            &[Setting {
                label: "监听地址",
                value: "127.0.0.1:8080".into(),
                source: "默认".into(),
            }],
            &[must_fix("一"), advice("二"), advice("三"), fine("四")],
        );
        assert!(
            report.contains("\n  监听地址：127.0.0.1:8080（默认）\n"),
            "{report}"
        );
        assert!(report.contains("\n[必须修改] 一\n[建议] 二\n[建议] 三\n[正常] 四\n"));
        assert!(report.ends_with("\n检查完成：1 项必须修改，2 项建议。\n"));
    }

    #[test]
    fn paths_are_shown_to_be_found_and_copied() {
        assert_eq!(
            shell_word(Path::new("/srv/fushen/data")),
            "/srv/fushen/data"
        );
        assert_eq!(shell_word(Path::new("/srv/my data")), "'/srv/my data'");
        assert!(shown(Path::new("data")).starts_with("data（即 /"));
        assert_eq!(shown(Path::new("/srv/data")), "/srv/data");
    }
}
