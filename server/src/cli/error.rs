//! Every way an operator command can fail, each with its Chinese sentence in one place (the
//! Display) and its exit code: 2 for a command or setting that cannot be read, 1 for the rest.
//! The internal errors it is made from ([`DbError`], [`BackupError`], [`StartError`],
//! [`ConfigError`], [`PrivateError`]) carry no sentence for people; their words are here, and
//! `check` borrows the same words ([`database_words`], [`backup_words`]).

use std::fmt;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::backup::{BackupError, Unlike};
use crate::config::ConfigError;
use crate::db::DbError;
use crate::password;
use crate::private::{PrivateError, Restricted};
use crate::serve::StartError;

/// An operator command that could not be done.
#[derive(Debug)]
pub enum CliError {
    /// A command the program does not have.
    UnknownCommand(String),
    /// Arguments a command does not take.
    UnknownArguments(String),
    /// A setting that cannot be used.
    Config(ConfigError),
    /// The data folder could not be made private.
    Private(PrivateError),
    /// The async runtime could not start.
    Runtime(std::io::Error),
    /// The server could not start.
    Start(StartError),
    /// The database could not be opened.
    Open { path: PathBuf, source: DbError },
    /// The database failed.
    Database(DbError),
    /// A file could not be written.
    Write {
        path: String,
        source: std::io::Error,
    },
    /// Standard output could not be written.
    Stdout(std::io::Error),
    /// A user name that is empty, too long or has spaces.
    Username,
    /// The password could not be read from standard input.
    ReadPassword(std::io::Error),
    /// A password shorter than [`password::MIN_CHARS`].
    ShortPassword,
    /// The password could not be hashed.
    Hash(argon2::password_hash::Error),
    /// No account by this name.
    NoAccount(String),
    /// Not a mobile number.
    NotAPhone,
    /// `backup` without a file while the backup folder is off.
    NoBackupFolder,
    /// The backup folder could not be made.
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A backup or a restore failed.
    Backup(BackupError),
    /// Some copies of the database were left unchanged: those that could not be opened or
    /// changed, and those that are not exactly a database of ours.
    Copies {
        skipped: Vec<(PathBuf, BackupError)>,
        foreign: Vec<BackupError>,
    },
}

impl CliError {
    /// The exit code: 2 when the command line or the settings cannot be read, 1 otherwise.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            CliError::UnknownCommand(_) | CliError::UnknownArguments(_) | CliError::Config(_) => {
                ExitCode::from(2)
            }
            _ => ExitCode::FAILURE,
        }
    }

    /// Whether the usage should follow the sentence.
    pub fn wants_usage(&self) -> bool {
        matches!(
            self,
            CliError::UnknownCommand(_) | CliError::UnknownArguments(_)
        )
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::UnknownCommand(words) => write!(f, "不认识的命令：{words}"),
            CliError::UnknownArguments(words) => write!(f, "不认识的参数：{words}"),
            CliError::Config(ConfigError { name, problem }) => {
                write!(f, "设置 {name} 不对：{problem}")
            }
            CliError::Private(error) => f.write_str(&private_words(error)),
            CliError::Runtime(e) => write!(f, "无法启动：{e}"),
            CliError::Start(error) => f.write_str(&start_words(error)),
            CliError::Open { path, source } => write!(
                f,
                "数据库打不开（{}）：{}",
                path.display(),
                database_words(source)
            ),
            CliError::Database(e) => write!(f, "数据库出错：{}", database_words(e)),
            CliError::Write { path, source } => write!(f, "写不了 {path}：{source}"),
            CliError::Stdout(e) => write!(f, "写不出去：{e}"),
            CliError::Username => f.write_str("用户名要 1 到 32 个字符，不能有空格。"),
            CliError::ReadPassword(e) => write!(f, "读不到密码：{e}"),
            CliError::ShortPassword => write!(f, "密码至少要 {} 个字符。", password::MIN_CHARS),
            CliError::Hash(e) => write!(f, "无法保存密码：{e}"),
            CliError::NoAccount(username) => write!(f, "没有这个账号：{username}"),
            CliError::NotAPhone => f.write_str("这不是有效的手机号码。"),
            CliError::NoBackupFolder => {
                f.write_str("没有设置备份目录（FUSHEN_BACKUP_DIR=off）：请写出备份文件名。")
            }
            CliError::Folder { path, source } => write!(f, "{}：{source}", path.display()),
            CliError::Backup(error) => f.write_str(&backup_words(error)),
            CliError::Copies { skipped, foreign } => {
                let mut problems = Vec::new();
                if !skipped.is_empty() {
                    let lines: Vec<String> = skipped
                        .iter()
                        .map(|(file, error)| {
                            format!("  {}：{}", file.display(), backup_words(error))
                        })
                        .collect();
                    problems.push(format!(
                        "这些副本打不开，跳过了（其余的都已处理）：\n{}\n请处理它们（换用写它们的版本，或确认后删除），再运行一次。",
                        lines.join("\n")
                    ));
                }
                if !foreign.is_empty() {
                    let lines: Vec<String> = foreign
                        .iter()
                        .map(|error| format!("  {}", backup_words(error)))
                        .collect();
                    problems.push(format!(
                        "这些副本不是本程序原样的数据库，可能被人改动过，没有动它们（其余的都已处理）：\n{}\n\
                         它们里面可能还有要删除的个人信息，多出来的内容（如触发器）还可能另存被删除的数据。\
                         请检查这些文件是从哪里来的，确认后删除它们；需要备份的话，保留正常的备份，\
                         或用 fushen-server backup 重新备份一份。处理后再运行一次。",
                        lines.join("\n")
                    ));
                }
                f.write_str(&problems.join("\n"))
            }
        }
    }
}

impl std::error::Error for CliError {}

impl From<DbError> for CliError {
    fn from(error: DbError) -> CliError {
        CliError::Database(error)
    }
}

impl From<rusqlite::Error> for CliError {
    fn from(error: rusqlite::Error) -> CliError {
        CliError::Database(DbError::Sqlite(error))
    }
}

impl From<BackupError> for CliError {
    fn from(error: BackupError) -> CliError {
        CliError::Backup(error)
    }
}

/// The operator's words for a database failure: for a database of a newer version, what to do;
/// otherwise what SQLite or the system said.
pub fn database_words(error: &DbError) -> String {
    match error {
        DbError::Newer {
            found,
            known,
            written_by,
        } => {
            let writer = written_by.as_ref().map_or_else(
                || "更新版本的 fushen-server ".to_string(),
                |version| format!(" fushen-server {version} "),
            );
            format!(
                "这个数据库是{writer}写的（数据结构第 {found} 版），这个程序（fushen-server {}）只认识到第 {known} 版。\
                 请换回写它的那个版本或更新的版本；不要用旧版本打开，数据不会被改动。",
                env!("CARGO_PKG_VERSION")
            )
        }
        other => other.to_string(),
    }
}

/// The operator's words for a failed backup or restore.
pub fn backup_words(error: &BackupError) -> String {
    match error {
        BackupError::Db(e) => format!("数据库出错：{}", database_words(e)),
        BackupError::File { path, source } => format!("{path}：{source}"),
        BackupError::Running(lock) => format!(
            "服务正在运行（{lock} 被锁住）。请先停止服务（如 systemctl stop fushen），恢复后再启动。"
        ),
        BackupError::NotOurs { path, why } => {
            format!("{path} 不是本程序的数据库备份：{}", unlike_words(why))
        }
        BackupError::Exists(path) => format!("{path}：文件已经存在"),
    }
}

/// The operator's words for what shows a file is not a copy this program made.
fn unlike_words(why: &Unlike) -> String {
    match why {
        Unlike::NotSqlite => "不是 SQLite 数据库文件".into(),
        Unlike::BadPageCount => "文件头里的页数无效".into(),
        Unlike::Size { size, declared } => format!(
            "文件大小（{size} 字节）和文件头写的（{declared} 字节）不一样：文件被截断或被填充过"
        ),
        Unlike::Unreadable => "文件损坏，读不出来".into(),
        Unlike::Damaged(check) => format!("文件损坏（{check}）"),
        Unlike::MissingTables(tables) => format!("缺少本程序的数据表（{}）", tables.join("、")),
        Unlike::UnknownTable(table) => format!("不知道怎么恢复数据表 {table}"),
        Unlike::Rows { table, error } => {
            format!("数据表 {table} 的内容和本程序的不一致（{error}）")
        }
        Unlike::ChangedWhileChecked => "检查的时候文件被改动了".into(),
        Unlike::Schema { added, changed } => {
            let mut why = Vec::new();
            if !added.is_empty() {
                why.push(format!("多了本程序没有的内容（{}）", added.join("、")));
            }
            if !changed.is_empty() {
                why.push(format!(
                    "本程序的内容被删除或改动过（{}）",
                    changed.join("、")
                ));
            }
            why.join("；")
        }
    }
}

fn start_words(error: &StartError) -> String {
    match error {
        StartError::Database { path, source } => {
            format!("数据库打不开（{path}）：{}", database_words(source))
        }
        StartError::Listen { address, source } => format!("不能在 {address} 上监听：{source}"),
        StartError::Locked(error) => backup_words(error),
        StartError::Thread(e) => format!("后台线程启动失败：{e}"),
    }
}

fn private_words(error: &PrivateError) -> String {
    match error {
        PrivateError::Unreadable { path, source } => format!("读不到 {}：{source}", path.display()),
        PrivateError::Unchangeable {
            path,
            folder,
            mode,
            wanted,
            source,
        } => format!(
            "{} {} 别的用户也能读（权限 {mode:o}），而且改不了（{source}）。\
             请用它的所有者运行：chmod {wanted:o} {}",
            folder_or_file(*folder),
            path.display(),
            path.display()
        ),
    }
}

/// The line a command prints for a folder or file it made private.
pub fn restricted_words(change: &Restricted) -> String {
    format!(
        "{} {} 别的用户也能读（权限 {:o}），已改为只有本用户能读（{:o}）",
        folder_or_file(change.folder),
        change.path.display(),
        change.was,
        change.now
    )
}

fn folder_or_file(folder: bool) -> &'static str {
    if folder {
        "目录"
    } else {
        "文件"
    }
}
