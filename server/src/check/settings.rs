//! The settings in force, with where each came from, and the checks of `settings.env` itself.

use std::collections::HashSet;

use super::{advice, must_fix, Finding, Setting};
use crate::config::settings::{self, Shown};
use crate::config::{parse_settings_file, Config, SETTINGS_FILE};

/// Which names the environment and `settings.env` set, to say where each value came from the
/// way [`Config::load`] looks: the environment first, then the file.
#[derive(Debug, Default)]
pub(super) struct Sources {
    env: HashSet<String>,
    file: HashSet<String>,
}

impl Sources {
    pub(super) fn read(config: &Config) -> Sources {
        let env = std::env::vars_os()
            .filter_map(|(name, _)| name.into_string().ok())
            .collect();
        let file = std::fs::read_to_string(config.data_dir.join(SETTINGS_FILE))
            .map(|text| {
                parse_settings_file(&text)
                    .into_iter()
                    .map(|(name, _)| name)
                    .collect()
            })
            .unwrap_or_default();
        Sources { env, file }
    }

    /// The source of a setting read from `names`, the first that is set winning.
    fn of(&self, names: &[&str]) -> String {
        for name in names {
            if self.env.contains(*name) {
                return format!("环境变量 {name}");
            }
            if self.file.contains(*name) {
                return SETTINGS_FILE.to_string();
            }
        }
        "默认".into()
    }
}

/// The settings in force, secrets left out: a line for each setting of the table that has
/// one, in its order.
pub(super) fn settings(config: &Config, sources: &Sources) -> Vec<Setting> {
    let mut lines: Vec<(&'static str, String, Vec<&str>)> = Vec::new();
    for about in settings::ALL {
        match (about.check, lines.last_mut()) {
            (Shown::Line(label, show), _) => lines.push((label, show(config), vec![about.name])),
            (Shown::InLineAbove, Some((_, _, names))) => names.push(about.name),
            (Shown::InLineAbove, None) => {}
        }
    }
    lines
        .into_iter()
        .map(|(label, value, names)| Setting {
            label,
            value,
            source: sources.of(&names),
        })
        .collect()
}

/// `settings.env`: it must be readable (the server skips it silently otherwise, and its settings
/// quietly take no effect), and every name in it must be one the server reads.
pub(super) fn settings_file(config: &Config) -> Vec<Finding> {
    let path = config.data_dir.join(SETTINGS_FILE);
    if !path.exists() {
        return Vec::new();
    }
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            return vec![must_fix(format!(
                "{} 读不了（{e}），里面的设置都没有生效：请让运行服务的用户能读它。",
                path.display()
            ))]
        }
    };
    let unknown: Vec<String> = parse_settings_file(&text)
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| settings::about(name).is_none())
        .collect();
    if unknown.is_empty() {
        return Vec::new();
    }
    vec![advice(format!(
        "{} 里有不认识的设置：{}，它们没有生效。请对照 docs/operator.md 的设置表检查拼写。",
        path.display(),
        unknown.join("、")
    ))]
}
