//! The operator commands of `fushen-server`, in the words staff read (Chinese), each working on
//! the same database as the running server (`FUSHEN_DATA`); SQLite lets both run at once.
//!
//! The commands and what each does are written once, in [`USAGE`]: `fushen-server help` prints
//! it, a mistyped command prints it after the mistake, and docs/operator.md shows the same text
//! (the docs test compares them). Every failure is a [`CliError`], which owns its sentence and
//! exit code.

mod error;

use std::io::{BufRead, Write};
use std::process::ExitCode;

use fushen_domain::enquiry::payload::reference_for_display;
use fushen_domain::enquiry::phone::normalise_phone;

use crate::clock::{china_datetime, now_ms, Clock};
use crate::config::Config;
use crate::db::{self, enquiries, staff};
use crate::{backup as backups, csv, password, private, retention, serve};

pub use error::{backup_words, database_words, restricted_words, CliError};

/// What the operator asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Serve (the default).
    Serve,
    /// CSV of every enquiry, to stdout or to a file only its owner can read.
    Export {
        /// The file to write (`-o`), instead of stdout.
        output: Option<String>,
    },
    /// Create an account or reset its password.
    StaffSet {
        /// The account.
        username: String,
        /// Read the password from stdin instead of making one.
        password_stdin: bool,
    },
    /// List the accounts.
    StaffList,
    /// Remove an account.
    StaffRemove {
        /// The account.
        username: String,
    },
    /// Delete everything about one phone number.
    Forget {
        /// The number as typed.
        phone: String,
        /// Only show what would go.
        dry_run: bool,
    },
    /// A consistent copy of the database.
    Backup {
        /// Where to write it; default a new file in the backup folder.
        file: Option<String>,
    },
    /// Put a backup in place of the database.
    Restore {
        /// The backup.
        file: String,
    },
    /// Delete what is past retention.
    Purge {
        /// Only show what would go.
        dry_run: bool,
    },
    /// Check the installation and the settings; change nothing.
    Check {
        /// Also send a test alert to the group robot.
        notify: bool,
    },
    /// Show the usage.
    Help,
}

/// The usage text: what `fushen-server help` prints, word for word the block in
/// docs/operator.md's "Operator commands" (`server/tests/it/docs.rs` compares them).
pub const USAGE: &str = "\
用法：
  fushen-server [serve]                              启动服务：网站、接收咨询、工作人员收件箱
  fushen-server export -o 咨询.csv                    导出全部咨询到文件（CSV，Excel/WPS 可直接打开；只有本用户能读）
  fushen-server export                               同上，输出到标准输出
  fushen-server staff set <用户名>                    创建工作人员账号，或重设其密码（生成新密码）
  fushen-server staff set <用户名> --password-stdin   同上，密码从标准输入读取（至少 10 个字符）
  fushen-server staff list                           列出账号
  fushen-server staff remove <用户名>                 删除账号
  fushen-server forget <手机号码> [--dry-run]          删除这个号码的全部咨询（个人信息删除请求）
  fushen-server purge [--dry-run]                    删除超过保存期限的咨询（服务运行时每天自动执行）
  fushen-server backup [文件]                         备份数据库（服务运行时也可以；默认存到备份目录）
  fushen-server restore <文件>                        用备份恢复数据库（先停止服务）
  fushen-server check [--notify]                     检查安装和设置，只报告不修改（--notify：向群机器人发一条测试通知）
设置（环境变量或 数据目录/settings.env）见 docs/operator.md 的“Settings”一节；数据目录由 FUSHEN_DATA 指定，默认 ./data。";

/// Reads the command from the arguments after the program's name.
pub fn parse(args: &[String]) -> Result<Command, CliError> {
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    let dry_run = |rest: &[&str]| match rest {
        [] => Ok(false),
        ["--dry-run"] => Ok(true),
        _ => Err(CliError::UnknownArguments(rest.join(" "))),
    };
    match words.as_slice() {
        [] | ["serve"] => Ok(Command::Serve),
        ["export"] => Ok(Command::Export { output: None }),
        ["export", "-o" | "--output", file] => Ok(Command::Export {
            output: Some(file.to_string()),
        }),
        ["staff", "set", username] => Ok(Command::StaffSet {
            username: username.to_string(),
            password_stdin: false,
        }),
        ["staff", "set", username, "--password-stdin"] => Ok(Command::StaffSet {
            username: username.to_string(),
            password_stdin: true,
        }),
        ["staff", "list"] => Ok(Command::StaffList),
        ["staff", "remove", username] => Ok(Command::StaffRemove {
            username: username.to_string(),
        }),
        // The number may come in pieces (`forget 138 0013 8000`).
        ["forget", rest @ ..] if rest.iter().any(|w| *w != "--dry-run") => Ok(Command::Forget {
            phone: rest
                .iter()
                .filter(|w| **w != "--dry-run")
                .copied()
                .collect(),
            dry_run: rest.contains(&"--dry-run"),
        }),
        ["backup"] => Ok(Command::Backup { file: None }),
        ["backup", file] => Ok(Command::Backup {
            file: Some(file.to_string()),
        }),
        ["restore", file] => Ok(Command::Restore {
            file: file.to_string(),
        }),
        ["purge", rest @ ..] => Ok(Command::Purge {
            dry_run: dry_run(rest)?,
        }),
        ["check"] => Ok(Command::Check { notify: false }),
        ["check", "--notify"] => Ok(Command::Check { notify: true }),
        ["help" | "--help" | "-h"] => Ok(Command::Help),
        _ => Err(CliError::UnknownCommand(words.join(" "))),
    }
}

/// Runs `command` with `config`, after making the data folder private (except `check`, which
/// reports the folder's modes as it finds them).
pub fn run(command: Command, config: Config) -> ExitCode {
    if command != Command::Help && !matches!(command, Command::Check { .. }) {
        match private::secure(&config) {
            Ok(changed) => {
                for change in changed {
                    if command == Command::Serve {
                        tracing::warn!(
                            path = %change.path.display(),
                            was = format!("{:o}", change.was),
                            now = format!("{:o}", change.now),
                            "others could read this; made private"
                        );
                    } else {
                        eprintln!("{}", restricted_words(&change));
                    }
                }
            }
            Err(problem) => {
                let problem = CliError::Private(problem);
                eprintln!("{problem}");
                return problem.exit_code();
            }
        }
    }
    let result = match command {
        Command::Help => {
            println!("{USAGE}");
            Ok(())
        }
        Command::Serve => serve_blocking(config, Clock::SYSTEM),
        Command::Export { output } => export(&config, output.as_deref()),
        Command::StaffSet {
            username,
            password_stdin,
        } => staff_set(&config, &username, password_stdin),
        Command::StaffList => staff_list(&config),
        Command::StaffRemove { username } => staff_remove(&config, &username),
        Command::Forget { phone, dry_run } => forget(&config, &phone, dry_run),
        Command::Purge { dry_run } => purge(&config, dry_run),
        Command::Backup { file } => backup(&config, file.as_deref()),
        Command::Restore { file } => restore(&config, &file),
        Command::Check { notify } => return crate::check::run(&config, notify),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("{problem}");
            problem.exit_code()
        }
    }
}

/// Serves with `config` until stopped, on `clock` (the system's, except in the end-to-end
/// tests' `serve_ahead`).
pub fn serve_blocking(config: Config, clock: Clock) -> Result<(), CliError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(CliError::Runtime)?;
    runtime
        .block_on(serve::serve(config, clock))
        .map_err(CliError::Start)
}

fn open(config: &Config) -> Result<rusqlite::Connection, CliError> {
    db::open(&config.db_path).map_err(|source| CliError::Open {
        path: config.db_path.clone(),
        source,
    })
}

fn export(config: &Config, output: Option<&str>) -> Result<(), CliError> {
    let conn = open(config)?;
    let rows = enquiries::all(&conn)?;
    let text = csv::export(&rows);
    match output {
        Some(path) => {
            // Never through a link at `path`: a new file, renamed into place.
            private::write_private_file(std::path::Path::new(path), text.as_bytes()).map_err(
                |source| CliError::Write {
                    path: path.to_string(),
                    source,
                },
            )?;
            eprintln!("已导出 {} 条咨询到 {path}（只有本用户能读）。", rows.len());
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|()| out.flush())
                .map_err(CliError::Stdout)?;
            eprintln!("已导出 {} 条咨询。", rows.len());
        }
    }
    Ok(())
}

fn staff_set(config: &Config, username: &str, password_stdin: bool) -> Result<(), CliError> {
    let username = username.trim();
    let sound = !username.is_empty()
        && username.chars().count() <= 32
        && !username
            .chars()
            .any(|c| c.is_whitespace() || c.is_control());
    if !sound {
        return Err(CliError::Username);
    }
    let (password, generated) = if password_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(CliError::ReadPassword)?;
        let password = line.trim_end_matches(['\r', '\n']).to_string();
        if password.chars().count() < password::MIN_CHARS {
            return Err(CliError::ShortPassword);
        }
        (password, false)
    } else {
        (password::generate(), true)
    };
    let hash = password::hash(&password).map_err(CliError::Hash)?;
    let mut conn = open(config)?;
    let created = staff::set_password(&mut conn, username, &hash, now_ms())?;
    let what = if created {
        "已创建账号"
    } else {
        "已重设密码（这个账号已登录的设备都要重新登录）"
    };
    println!("{what}：{username}");
    if generated {
        println!("密码：{password}");
        println!("请把密码交给本人，它不会再显示。登录地址：网站地址后加 /staff/");
    }
    Ok(())
}

fn staff_list(config: &Config) -> Result<(), CliError> {
    let conn = open(config)?;
    let accounts = staff::accounts(&conn)?;
    if accounts.is_empty() {
        println!("还没有账号。用 fushen-server staff set <用户名> 创建。");
    }
    for account in accounts {
        println!(
            "{}（密码设于 {}）",
            account.username,
            china_datetime(account.updated_at)
        );
    }
    Ok(())
}

fn staff_remove(config: &Config, username: &str) -> Result<(), CliError> {
    let conn = open(config)?;
    if staff::remove(&conn, username)? {
        println!("已删除账号：{username}");
        Ok(())
    } else {
        Err(CliError::NoAccount(username.to_string()))
    }
}

fn forget(config: &Config, phone: &str, dry_run: bool) -> Result<(), CliError> {
    let phone = normalise_phone(phone).map_err(|_| CliError::NotAPhone)?;
    let mut conn = open(config)?;
    let gone = enquiries::forget_phone(&mut conn, &phone, now_ms(), dry_run)?;
    let verb = if dry_run { "将删除" } else { "已删除" };
    if gone.is_empty() {
        println!("没有这个号码的咨询。");
    } else {
        println!("{verb}这个号码的 {} 条咨询：", gone.len());
        for enquiry in &gone {
            println!(
                "  编号 {}，{} 收到",
                reference_for_display(&enquiry.reference),
                china_datetime(enquiry.received_at)
            );
        }
        if !dry_run {
            println!("手机上没发出的同一条咨询再发来时，不会再保存。");
        }
    }
    // The copies are gone through even when the database no longer has the phone: an earlier
    // run may have stopped short of them.
    let copies = in_every_copy(config, verb, |conn| {
        let gone = enquiries::forget_phone(conn, &phone, now_ms(), dry_run)?;
        Ok(gone
            .into_iter()
            .map(|e| (e.reference, e.received_at))
            .collect())
    });
    if dry_run {
        println!("（试运行，什么都没删。去掉 --dry-run 才会删除。）");
    }
    copies
}

/// Runs `task` (which returns the enquiries it deleted, or would delete) in every copy of the
/// database: the backups and the databases restores kept. Says what it did in each; a copy that
/// cannot be opened or changed, or that is not exactly a database of ours (a table or trigger
/// added could keep what is deleted: [`backups::open_copy`]), is named and left unchanged, and
/// the command fails once the others are done.
fn in_every_copy(
    config: &Config,
    verb: &str,
    mut task: impl FnMut(&mut rusqlite::Connection) -> Result<Vec<(String, i64)>, db::DbError>,
) -> Result<(), CliError> {
    let mut skipped = Vec::new();
    let mut foreign = Vec::new();
    for file in backups::copies(config) {
        let done = match backups::open_copy(&file) {
            Ok(mut conn) => task(&mut conn).map_err(backups::BackupError::Db),
            Err(error @ backups::BackupError::NotOurs { .. }) => {
                foreign.push(error);
                continue;
            }
            Err(error) => Err(error),
        };
        match done {
            Ok(gone) if gone.is_empty() => {}
            Ok(gone) => {
                let in_backups = config
                    .backup_dir
                    .as_deref()
                    .is_some_and(|folder| file.starts_with(folder));
                let what = if in_backups {
                    "备份目录里的备份"
                } else {
                    "恢复前的旧数据库"
                };
                println!("{what} {}：{verb} {} 条", file.display(), gone.len());
                for (reference, received_at) in &gone {
                    println!(
                        "  编号 {}，{} 收到",
                        reference_for_display(reference),
                        china_datetime(*received_at)
                    );
                }
            }
            Err(error) => skipped.push((file, error)),
        }
    }
    if skipped.is_empty() && foreign.is_empty() {
        Ok(())
    } else {
        Err(CliError::Copies { skipped, foreign })
    }
}

fn backup(config: &Config, file: Option<&str>) -> Result<(), CliError> {
    let conn = open(config)?;
    let target = match (file, &config.backup_dir) {
        (Some(file), _) => std::path::PathBuf::from(file),
        (None, Some(folder)) => {
            private::make_private_dir(folder).map_err(|source| CliError::Folder {
                path: folder.clone(),
                source,
            })?;
            backups::new_name(folder, now_ms())
        }
        (None, None) => return Err(CliError::NoBackupFolder),
    };
    let bytes = backups::take(&conn, &target)?;
    println!(
        "已备份到 {}（{} KB，只有本用户能读）。",
        target.display(),
        bytes.div_ceil(1024)
    );
    Ok(())
}

fn restore(config: &Config, file: &str) -> Result<(), CliError> {
    let restored = backups::restore(config, std::path::Path::new(file))?;
    let (enquiries, accounts) = restored.counts;
    println!("已恢复：{enquiries} 条咨询，{accounts} 个工作人员账号。");
    println!(
        "账号和密码现在是备份里的：备份之后新建的账号、改过的密码都不算了。\
         所有人都要重新登录（用备份时的密码）。"
    );
    if !restored.skipped.is_empty() {
        println!(
            "备份里有本程序不认识的内容，没有恢复：{}。",
            restored.skipped.join("、")
        );
    }
    if let Some(previous) = restored.previous {
        println!(
            "原来的数据库保存为 {}；确认恢复无误后请删除它（里面有个人信息）。",
            previous.display()
        );
    }
    Ok(())
}

fn purge(config: &Config, dry_run: bool) -> Result<(), CliError> {
    let mut conn = open(config)?;
    let purged = retention::purge(&mut conn, config.retention_days, now_ms(), dry_run)?;
    let verb = if dry_run { "将删除" } else { "已删除" };
    println!(
        "保存期限 {} 天：{verb} {} 条到期的咨询。",
        config.retention_days,
        purged.enquiries.len()
    );
    for (reference, received_at) in &purged.enquiries {
        println!(
            "  编号 {}，{} 收到",
            reference_for_display(reference),
            china_datetime(*received_at)
        );
    }
    let now = now_ms();
    let copies = in_every_copy(config, verb, |conn| {
        let purged = retention::purge(conn, config.retention_days, now, dry_run)?;
        Ok(purged.enquiries)
    });
    if dry_run {
        println!("（试运行，什么都没删。去掉 --dry-run 才会删除。）");
    }
    copies
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The command read from `text`, or the sentence its mistake prints.
    fn parsed(text: &str) -> Result<Command, String> {
        let args: Vec<String> = text.split_whitespace().map(str::to_string).collect();
        parse(&args).map_err(|e| e.to_string())
    }

    #[test]
    fn commands_are_read() {
        assert_eq!(parsed(""), Ok(Command::Serve));
        assert_eq!(parsed("serve"), Ok(Command::Serve));
        assert_eq!(parsed("export"), Ok(Command::Export { output: None }));
        assert_eq!(
            parsed("export -o 咨询.csv"),
            Ok(Command::Export {
                output: Some("咨询.csv".into())
            })
        );
        assert!(parsed("export -o").is_err());
        assert_eq!(
            parsed("staff set 王老师 --password-stdin"),
            Ok(Command::StaffSet {
                username: "王老师".into(),
                password_stdin: true
            })
        );
        assert_eq!(parsed("staff list"), Ok(Command::StaffList));
        assert_eq!(
            parsed("forget 13800138000 --dry-run"),
            Ok(Command::Forget {
                phone: "13800138000".into(),
                dry_run: true
            })
        );
        assert_eq!(
            parsed("forget --dry-run 138 0013 8000"),
            Ok(Command::Forget {
                phone: "13800138000".into(),
                dry_run: true
            })
        );
        assert!(parsed("forget").is_err());
        assert_eq!(parsed("purge"), Ok(Command::Purge { dry_run: false }));
        assert!(parsed("purge --now").is_err());
        assert_eq!(parsed("backup"), Ok(Command::Backup { file: None }));
        assert_eq!(
            parsed("backup /tmp/b.sqlite3"),
            Ok(Command::Backup {
                file: Some("/tmp/b.sqlite3".into())
            })
        );
        assert_eq!(
            parsed("restore b.sqlite3"),
            Ok(Command::Restore {
                file: "b.sqlite3".into()
            })
        );
        assert!(parsed("restore").is_err());
        assert_eq!(
            parsed("check --notify"),
            Ok(Command::Check { notify: true })
        );
        assert!(parsed("check --fix").is_err());
        assert!(parsed("serve now").is_err());
        assert!(parsed("staff").is_err());
        // The sentences, and the exit code that goes with them.
        assert_eq!(parsed("purge --now"), Err("不认识的参数：--now".into()));
        assert_eq!(parsed("staff"), Err("不认识的命令：staff".into()));
        let unknown = parse(&["frobnicate".to_string()]).unwrap_err();
        assert!(unknown.wants_usage());
        assert_eq!(unknown.exit_code(), ExitCode::from(2));
        assert_eq!(CliError::NotAPhone.exit_code(), ExitCode::FAILURE);
    }
}
