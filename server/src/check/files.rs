//! The checks of what lies on disk: the data folder's privacy, the database, the site folder,
//! free space and the backups.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rusqlite::{Connection, OpenFlags};

use super::{advice, fine, must_fix, shell_word, shown, sys, Finding};
use crate::backup as backups;
use crate::clock::{china_datetime, DAY_MS};
use crate::config::{Config, SETTINGS_FILE};
use crate::db;
use crate::private;

/// Below this much free space the server cannot be trusted to store the next enquiry.
const DISK_MUST: u64 = 100 * 1024 * 1024;
/// Below this much, a few backups or a log burst fill the disk.
const DISK_ADVISE: u64 = 1024 * 1024 * 1024;
/// A serving server backs up daily: a newest backup older than this means it is not doing so.
const BACKUP_STALE: Duration = Duration::from_secs(2 * 24 * 60 * 60);

/// The data folder and its files must be private: names and phone numbers, the robot's secret.
/// Every other command fixes their modes at start ([`private::secure`]); this one only says so,
/// or says that it cannot be fixed by this user.
#[cfg(unix)]
pub(super) fn permissions(config: &Config) -> Vec<Finding> {
    use std::os::unix::fs::MetadataExt;

    let Ok(folder) = std::fs::metadata(&config.data_dir) else {
        return vec![fine(format!(
            "数据目录 {} 还没有：serve 第一次启动时会创建（只有本用户能读写）。",
            config.data_dir.display()
        ))];
    };
    let me = sys::user();
    let mut found = Vec::new();
    if me != 0 && folder.uid() != me {
        found.push(must_fix(format!(
            "数据目录 {} 属于另一个用户（uid {}），而这次以 uid {me} 运行：请用运行服务的那个用户\
             来运行本程序的命令（如 sudo -u 那个用户 fushen-server check）。",
            config.data_dir.display(),
            folder.uid()
        )));
    }
    for (path, wanted) in private::private_paths(config) {
        let Ok(metadata) = std::fs::metadata(&path) else {
            continue;
        };
        let mode = metadata.mode() & 0o777;
        if mode & 0o077 == 0 {
            continue;
        }
        let what = if metadata.is_dir() {
            "目录"
        } else {
            "文件"
        };
        let fix = format!("chmod {wanted:o} {}", shell_word(&path));
        found.push(if me == 0 || me == metadata.uid() {
            advice(format!(
                "{what} {} 别的用户也能读（权限 {mode:o}）。fushen-server serve 启动时会自动改为 \
                 {wanted:o}；也可以现在改：{fix}",
                path.display()
            ))
        } else {
            must_fix(format!(
                "{what} {} 别的用户也能读（权限 {mode:o}），它属于另一个用户，这个用户改不了，\
                 serve 会拒绝启动：请用它的所有者运行 {fix}",
                path.display()
            ))
        });
    }
    if found.is_empty() {
        found.push(fine(format!(
            "数据目录 {} 和里面的数据库、{SETTINGS_FILE} 只有本用户能读写。",
            config.data_dir.display()
        )));
    }
    found
}

#[cfg(not(unix))]
pub(super) fn permissions(_config: &Config) -> Vec<Finding> {
    Vec::new()
}

/// The database: it must open and be of a schema this program knows; says how much it holds,
/// and whether anyone can sign in to the inbox. It is opened without creating or migrating
/// (that is `serve`'s job).
pub(super) fn database(config: &Config) -> Vec<Finding> {
    let path = &config.db_path;
    let no_staff = || {
        advice(
            "还没有工作人员账号，收件箱没人能登录。创建一个（会显示密码）：\
             fushen-server staff set 用户名",
        )
    };
    if !path.exists() {
        return vec![
            fine(format!(
                "数据库 {} 还没有：serve 第一次启动时会创建。",
                path.display()
            )),
            no_staff(),
        ];
    }
    let opened = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .and_then(|conn| {
        // A running server may be writing: wait for it as the other commands do.
        conn.busy_timeout(Duration::from_secs(5))?;
        let version: usize = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        Ok((conn, version))
    });
    let (conn, version) = match opened {
        Ok(opened) => opened,
        Err(e) => {
            return vec![must_fix(format!(
                "数据库 {} 打不开（{e}）：它是本程序的数据库吗？运行服务的用户能读写它吗？",
                path.display()
            ))]
        }
    };
    let known = db::schema_version();
    if version > known {
        let newer = db::newer(&conn, version);
        return vec![must_fix(format!(
            "数据库 {}：{}",
            path.display(),
            crate::cli::database_words(&newer)
        ))];
    }
    if version == 0 {
        return vec![
            fine(format!(
                "数据库 {} 是空的：serve 启动时会建好数据表。",
                path.display()
            )),
            no_staff(),
        ];
    }
    let count = |table: &str| -> rusqlite::Result<i64> {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
    };
    let (enquiries, accounts) = match count("enquiries").and_then(|e| Ok((e, count("staff")?))) {
        Ok(counts) => counts,
        Err(e) => {
            return vec![must_fix(format!(
                "数据库 {} 读不出来（{e}）：请用 fushen-server restore 恢复最近的备份。",
                path.display()
            ))]
        }
    };
    let upgrade = if version < known {
        format!("，serve 启动时会升级到第 {known} 版")
    } else {
        String::new()
    };
    let mut found = vec![fine(format!(
        "数据库 {} 能打开（数据结构第 {version} 版{upgrade}）：{enquiries} 条咨询，\
         {accounts} 个工作人员账号。",
        path.display()
    ))];
    if accounts == 0 {
        found.push(no_staff());
    }
    found
}

/// The built site: `serve` quietly serves no page without its `index.html`; `cn-holidays.txt`
/// is what staff edit when a new holiday year is published.
pub(super) fn site(config: &Config) -> Vec<Finding> {
    let Some(dir) = &config.site_dir else {
        let mut found = vec![fine(
            "FUSHEN_SITE 为空：不提供网页，只接收咨询和提供收件箱（网站放在别处时这样设）。",
        )];
        if config.site_origin.is_none() {
            found.push(advice(
                "网站在别的网址时，请把它设为 FUSHEN_SITE_ORIGIN（如 https://www.example.org），\
                 否则浏览器会拦下它发来的咨询；网站和本服务在同一个网址下时不用设。",
            ));
        }
        return found;
    };
    let put_it_there = "请把构建好的网站（trunk build --release 生成的 dist 目录）放到这里，\
                        或用 FUSHEN_SITE 指向它；不提供网页时设 FUSHEN_SITE 为空。";
    if !dir.is_dir() {
        return vec![must_fix(format!(
            "网站目录 {} 不存在，serve 将不提供网页。{put_it_there}",
            shown(dir)
        ))];
    }
    if !dir.join("index.html").is_file() {
        return vec![must_fix(format!(
            "网站目录 {} 里没有 index.html，serve 将不提供网页。{put_it_there}",
            shown(dir)
        ))];
    }
    if !dir.join("cn-holidays.txt").is_file() {
        return vec![advice(format!(
            "网站目录 {} 里没有 cn-holidays.txt：网页会用构建时内置的节假日安排，\
             新一年的安排公布后没法在服务器上更新。请从源码的 static/cn-holidays.txt 复制过来。",
            shown(dir)
        ))];
    }
    vec![fine(format!(
        "网站目录 {} 有 index.html 和 cn-holidays.txt。",
        shown(dir)
    ))]
}

/// Free space where the database and the backups grow: a full disk loses enquiries.
pub(super) fn disk(config: &Config) -> Option<Finding> {
    let folder = existing_ancestor(&config.data_dir);
    let free = sys::free_bytes(&folder)?;
    let said = format!("数据目录所在的磁盘还有 {} 可用", size_text(free));
    Some(if free < DISK_MUST {
        must_fix(format!(
            "{said}：写不下时会收不到咨询、做不了备份。请马上清理磁盘，或把数据目录移到空间更大的磁盘。"
        ))
    } else if free < DISK_ADVISE {
        advice(format!("{said}：不多了，建议清理磁盘。"))
    } else {
        fine(format!("{said}。"))
    })
}

/// The daily backups: on, writable, private, and recent.
pub(super) fn backup_folder(config: &Config) -> Vec<Finding> {
    let Some(folder) = &config.backup_dir else {
        return vec![advice(
            "每日备份已关闭（FUSHEN_BACKUP_DIR=off）：硬盘坏了，咨询就全没了。建议去掉这个设置\
             （默认备份到 数据目录/backups），最好指向另一块硬盘上的目录。",
        )];
    };
    if !folder.exists() {
        let parent = existing_ancestor(folder);
        return vec![if sys::writable(&parent) {
            fine(format!(
                "备份目录 {} 还没有：serve 第一次备份时会创建（只有本用户能读）。",
                shown(folder)
            ))
        } else {
            must_fix(format!(
                "备份目录 {} 还没有，也建不了（{} 写不进去）：请先建好它，让运行服务的用户能写，\
                 或用 FUSHEN_BACKUP_DIR 换一个目录。",
                shown(folder),
                parent.display()
            ))
        }];
    }
    if !folder.is_dir() {
        return vec![must_fix(format!(
            "FUSHEN_BACKUP_DIR 指向的 {} 不是目录：请换成一个目录。",
            shown(folder)
        ))];
    }
    let mut found = Vec::new();
    if !sys::writable(folder) {
        found.push(must_fix(format!(
            "备份目录 {} 写不进去，每天的备份会失败：请让运行服务的用户能写它，\
             或用 FUSHEN_BACKUP_DIR 换一个目录。",
            shown(folder)
        )));
    }
    if let Some(mode) = sys::mode(folder).filter(|mode| mode & 0o077 != 0) {
        found.push(advice(format!(
            "备份目录 {} 别的用户也能读（权限 {mode:o}），备份里有姓名和电话：chmod 700 {}",
            shown(folder),
            shell_word(folder)
        )));
    }
    let now = SystemTime::now();
    let (future, all): (Vec<_>, Vec<_>) = backups::list(folder)
        .into_iter()
        .partition(|(_, taken)| backups::after_today(*taken, now));
    for (path, taken) in &future {
        found.push(advice(format!(
            "备份 {} 名字上的时间（{}）在今天之后：做这份备份时服务器的时钟不对？它不算最近的备份，\
             下次每日备份时会被删除。请检查服务器时间（timedatectl）。",
            shown(path),
            china_datetime(to_ms(*taken))
        )));
    }
    found.push(match all.first() {
        None => fine(format!(
            "备份目录 {} 里还没有备份：serve 运行时每天自动备份一次，也可以现在运行 fushen-server backup。",
            shown(folder)
        )),
        Some((_, taken)) => {
            let age = now.duration_since(*taken).unwrap_or_default();
            let when = china_datetime(to_ms(*taken));
            if age > BACKUP_STALE {
                advice(format!(
                    "最近一次备份是 {} 天前（{when}）：服务运行时每天备份一次。服务没在运行吗？\
                     还是备份出错了（日志里的 daily backup failed）？",
                    age.as_secs() / (DAY_MS as u64 / 1000)
                ))
            } else {
                fine(format!(
                    "最近一次备份：{when}（目录里共 {} 份，保留最近 {} 份）。",
                    all.len(),
                    config.backup_keep
                ))
            }
        }
    });
    found
}

/// The databases restores kept beside the database: they hold personal data until deleted.
pub(super) fn before_restore(config: &Config) -> Option<Finding> {
    let kept = backups::before_restore_files(&config.db_path);
    if kept.is_empty() {
        return None;
    }
    let names: Vec<String> = kept.iter().map(|path| shown(path)).collect();
    Some(advice(format!(
        "恢复前的旧数据库还留着：{}。里面有个人信息（forget 和 purge 也会处理它们）：\
         确认恢复无误、不再需要其中恢复之后收到的咨询后，请删除。",
        names.join("、")
    )))
}

/// `path`, or the nearest folder above it that exists (the current folder at worst).
fn existing_ancestor(path: &Path) -> PathBuf {
    path.ancestors()
        .find(|p| !p.as_os_str().is_empty() && p.is_dir())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// `123 MB`, `4.5 GB`.
fn size_text(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= 1024 * MB {
        format!("{:.1} GB", bytes as f64 / (1024 * MB) as f64)
    } else {
        format!("{} MB", bytes / MB)
    }
}

fn to_ms(time: SystemTime) -> i64 {
    time.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_in_mb_or_gb() {
        assert_eq!(size_text(50 * 1024 * 1024), "50 MB");
        assert_eq!(size_text(3 * 1024 * 1024 * 1024 / 2), "1.5 GB");
    }
}
