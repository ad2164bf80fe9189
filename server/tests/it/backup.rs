//! Backups and upgrades, as the operator runs them: `backup` while serving, `restore` into a new
//! folder and back to serving, byte-for-byte the same export; the refusals that protect a
//! restore; the daily backups' pruning; and a database written by the first schema, frozen in
//! `tests/fixtures/`, opened by this version with nothing lost.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::util::*;
use axum::http::StatusCode;
use fushen_server::backup;
use fushen_server::clock::now_ms;
use fushen_server::db::enquiries::LeadStatus as LeadStatusOf;
use fushen_server::db::{self, enquiries, staff};

/// Receives the enquiry `(body, id)` through the API, as a browser sends it; its id.
async fn receive(app: &TestApp, (body, id): (String, String)) -> String {
    assert_eq!(
        post(&app.router, &body, &id).await.status,
        StatusCode::CREATED
    );
    id
}

/// Takes a backup with the operator's command, into the test's folder as `name`.
fn backed_up(app: &TestApp, name: &str) -> PathBuf {
    let file = app.dir.path().join(name);
    let taken = run(&app.config.data_dir, &["backup", file.to_str().unwrap()]);
    assert!(taken.status.success(), "{}", said(&taken));
    file
}

#[cfg(unix)]
#[tokio::test]
async fn backup_while_serving_then_restore_elsewhere_keeps_everything() {
    let app = app_with(&[("FUSHEN_RATE_LIMIT", "1000")]);
    with_account(&app).await;
    for seed in 0..5u64 {
        let (body, id) = body_of(&draft("张三", &format!("138 0013 800{seed}")), seed);
        assert_eq!(
            post(&app.router, &body, &id).await.status,
            StatusCode::CREATED
        );
    }
    let rows = app.db.call(|c| Ok(enquiries::all(c)?)).await.unwrap();
    let (first, second) = (rows[0].id.clone(), rows[1].id.clone());
    app.db
        .call(move |c| {
            let change = |status, note: &str, day: Option<&str>| enquiries::Change {
                status,
                note: note.to_string(),
                follow_up_on: day.map(|d| d.parse().unwrap()),
            };
            let first_change = change(LeadStatusOf::Contacted, "周四再打", Some("2026-12-10"));
            enquiries::follow_up(c, &first, &first_change, USER, 1)?;
            let second_change = change(LeadStatusOf::Enrolled, "已交费\n下周上课", None);
            enquiries::follow_up(c, &second, &second_change, USER, 2)?;
            Ok(())
        })
        .await
        .unwrap();
    let data = app.config.data_dir.clone();
    let before = run(&data, &["export"]);
    assert!(before.status.success());

    // While the server's connections are open and writing.
    let file = app.dir.path().join("fushen-backup.sqlite3");
    let taken = run(&data, &["backup", file.to_str().unwrap()]);
    assert!(taken.status.success(), "{}", said(&taken));
    assert!(said(&taken).contains("已备份到"));
    #[cfg(unix)]
    assert_eq!(mode(&file), 0o600);

    // Into a new folder, then served from there.
    let elsewhere = TempDir::new();
    let new_data = elsewhere.path().join("data");
    let restored = run(&new_data, &["restore", file.to_str().unwrap()]);
    assert!(restored.status.success(), "{}", said(&restored));
    assert!(
        said(&restored).contains("已恢复：5 条咨询，1 个工作人员账号"),
        "{}",
        said(&restored)
    );
    let after = run(&new_data, &["export"]);
    assert!(after.status.success());
    assert_eq!(after.stdout, before.stdout, "the export, byte for byte");

    let served = app_in(elsewhere, &[("FUSHEN_DATA", new_data.to_str().unwrap())]);
    assert_eq!(count(&served.db).await, 5);
    let signed_in = sign_in(&served, PASSWORD).await;
    assert_eq!(
        signed_in.status,
        StatusCode::SEE_OTHER,
        "the account came along"
    );
    let (session, _) = set_cookie(&signed_in, "fushen_staff");
    let first = enquiries::all(&db::open(&new_data.join("fushen.sqlite3")).unwrap()).unwrap()[0]
        .id
        .clone();
    let page = get(
        &served.router,
        &format!("/staff/enquiries/{first}"),
        &[("cookie", &session)],
    )
    .await;
    assert!(
        page.text().contains("备注：周四再打"),
        "the history came along"
    );
}

#[tokio::test]
async fn restore_refuses_under_a_running_server_and_files_not_ours() {
    let app = app();
    receive(&app, enquiry(1)).await;
    let data = app.config.data_dir.clone();
    let file = backed_up(&app, "b.sqlite3");

    // A server holds the folder: restoring under it is refused, and so is a second server.
    let lock = backup::DataLock::take(&data).unwrap();
    let refused = run(&data, &["restore", file.to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(
        said(&refused).contains("服务正在运行"),
        "{}",
        said(&refused)
    );
    assert!(backup::DataLock::take(&data).is_err());
    drop(lock);

    let elsewhere = TempDir::new();
    let target = elsewhere.path().join("data");
    // Not SQLite at all.
    let text = elsewhere.path().join("notes.txt");
    std::fs::write(&text, "这不是数据库，只是一段足够长的文字。").unwrap();
    let refused = run(&target, &["restore", text.to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(
        said(&refused).contains("不是 SQLite 数据库文件"),
        "{}",
        said(&refused)
    );
    // SQLite, but another program's.
    let other = elsewhere.path().join("other.sqlite3");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); PRAGMA user_version = 1;")
        .unwrap();
    let refused = run(&target, &["restore", other.to_str().unwrap()]);
    assert!(
        said(&refused).contains("缺少本程序的数据表"),
        "{}",
        said(&refused)
    );
    // Ours, from a newer version.
    let newer = elsewhere.path().join("newer.sqlite3");
    std::fs::copy(&file, &newer).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let refused = run(&target, &["restore", newer.to_str().unwrap()]);
    assert!(said(&refused).contains("第 99 版"), "{}", said(&refused));
    // Nothing was put in place by any of them.
    assert!(!target.join("fushen.sqlite3").exists());
}

#[tokio::test]
async fn daily_backups_are_taken_once_a_day_kept_few_and_never_past_retention() {
    let app = app();
    receive(&app, enquiry(1)).await;
    let folder = app.dir.path().join("backups");
    let take = |keep: u32| {
        let folder = folder.clone();
        let db = app.db.clone();
        async move {
            db.call(move |c| Ok(backup::daily(c, &folder, keep, 30)))
                .await
                .unwrap()
                .unwrap()
        }
    };
    let first = take(7).await.expect("the first one is due");
    #[cfg(unix)]
    {
        assert_eq!(mode(&folder), 0o700);
        assert_eq!(mode(&first), 0o600);
    }
    assert!(take(7).await.is_none(), "one a day");
    // Named as taken some days ago (the name, not the file's time, says when).
    let days_ago = |days: i64| backup::new_name(&folder, now_ms() - days * 24 * 60 * 60 * 1000);
    let two_days = days_ago(2);
    std::fs::rename(&first, &two_days).unwrap();
    let second = take(7)
        .await
        .expect("the newest is two days old: due again");
    assert!(take(7).await.is_none());
    let (three_days, a_month) = (days_ago(3), days_ago(31));
    std::fs::copy(&second, &three_days).unwrap();
    std::fs::copy(&second, &a_month).unwrap();
    let listed =
        |folder: &Path| -> Vec<_> { backup::list(folder).into_iter().map(|(p, _)| p).collect() };
    // Past the 30-day retention: gone, however many are kept.
    backup::prune(&folder, 7, 30, SystemTime::now());
    assert_eq!(
        listed(&folder),
        vec![second.clone(), two_days.clone(), three_days]
    );
    // Past `keep`: the oldest go.
    backup::prune(&folder, 2, 30, SystemTime::now());
    assert_eq!(listed(&folder), vec![second.clone(), two_days.clone()]);
    // What passes retention leaves the backups kept too, with the next day's backup.
    let rows = |file: &Path| -> i64 {
        rusqlite::Connection::open(file)
            .unwrap()
            .query_row("SELECT count(*) FROM enquiries", [], |r| r.get(0))
            .unwrap()
    };
    rusqlite::Connection::open(&two_days)
        .unwrap()
        .execute("UPDATE enquiries SET received_at = 0", [])
        .unwrap();
    let yesterday = days_ago(1);
    std::fs::rename(&second, &yesterday).unwrap();
    assert_eq!((rows(&two_days), rows(&yesterday)), (1, 1));
    take(7).await.expect("a day old: due");
    assert_eq!((rows(&two_days), rows(&yesterday)), (0, 1));
}

#[tokio::test]
async fn forget_reaches_the_backups() {
    let app = app();
    receive(&app, body_of(&draft("诸葛亮", "139 8765 4321"), 9)).await;
    let data = app.config.data_dir.clone();
    assert!(run(&data, &["backup"]).status.success());
    let backups = backup::list(&data.join("backups"));
    assert_eq!(backups.len(), 1);
    #[cfg(unix)]
    assert_eq!(
        mode(&data.join("backups")),
        0o700,
        "made by the command, private"
    );
    let bytes = std::fs::read(&backups[0].0).unwrap();
    assert!(bytes.windows(11).any(|w| w == b"13987654321"));
    let gone = run(&data, &["forget", "13987654321"]);
    assert!(gone.status.success(), "{}", said(&gone));
    assert!(said(&gone).contains("备份目录"), "{}", said(&gone));
    let bytes = std::fs::read(&backups[0].0).unwrap();
    assert!(!bytes.windows(11).any(|w| w == b"13987654321"));
    assert!(!bytes
        .windows("诸葛亮".len())
        .any(|w| w == "诸葛亮".as_bytes()));
}

/// A database written by schema 1 (the first release), frozen: every later version opens it,
/// migrates it forward and keeps every row.
const SCHEMA_1: &[u8] = include_bytes!("../fixtures/schema-1.sqlite3");

#[test]
fn a_database_of_the_first_schema_opens_with_nothing_lost() {
    let dir = TempDir::new();
    let path = dir.path().join("fushen.sqlite3");
    std::fs::write(&path, SCHEMA_1).unwrap();
    assert_eq!(backup::verify(&path).unwrap(), 1);
    let conn = db::open(&path).unwrap();
    let version: usize = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, db::schema_version());
    let rows = enquiries::all(&conn).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].name, "张三");
    assert_eq!(rows[0].phone, "13800138000");
    assert_eq!(rows[0].status, LeadStatusOf::Contacted);
    assert_eq!(rows[0].note, "周四再打");
    assert_eq!(rows[1].message.as_deref(), Some("想参加下个月的复审培训"));
    assert_eq!(rows[2].cert_name, "锅炉司炉");
    let accounts = staff::accounts(&conn).unwrap();
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0].username, "wang");
    let forgotten: i64 = conn
        .query_row("SELECT count(*) FROM forgotten", [], |r| r.get(0))
        .unwrap();
    assert_eq!(forgotten, 1);
    let _ = now_ms();
}

#[test]
fn a_database_of_a_newer_version_is_refused_with_its_version() {
    let dir = TempDir::new();
    let path = dir.path().join("fushen.sqlite3");
    std::fs::write(&path, SCHEMA_1).unwrap();
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 7)
        .unwrap();
    let error = fushen_server::cli::database_words(&db::open(&path).unwrap_err());
    assert!(error.contains("更新版本的 fushen-server 写的"), "{error}");
    assert!(error.contains("第 7 版"), "{error}");
    // A database says which version last opened it; an older program names that version.
    let by_newer = dir.path().join("newer.sqlite3");
    std::fs::write(&by_newer, SCHEMA_1).unwrap();
    let conn = db::open(&by_newer).unwrap();
    let recorded: String = conn
        .query_row("SELECT value FROM meta WHERE key = 'written_by'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(recorded, env!("CARGO_PKG_VERSION"));
    conn.execute("UPDATE meta SET value = '9.9.9'", []).unwrap();
    conn.pragma_update(None, "user_version", 7).unwrap();
    drop(conn);
    let refused = db::open(&by_newer).unwrap_err();
    assert!(
        matches!(&refused, db::DbError::Newer { found: 7, written_by: Some(v), .. } if v == "9.9.9"),
        "{refused:?}"
    );
    // What the operator reads: the command line's words for it.
    let error = fushen_server::cli::database_words(&refused);
    assert!(
        error.contains("这个数据库是 fushen-server 9.9.9 写的（数据结构第 7 版）"),
        "{error}"
    );
    assert!(
        error.contains(&format!("只认识到第 {} 版", db::schema_version())),
        "{error}"
    );
    // The server says so at start and stops, the file untouched.
    let before = std::fs::read(&path).unwrap();
    let started = program(dir.path())
        .arg("serve")
        .env("FUSHEN_SITE", "")
        .env("FUSHEN_LISTEN", "127.0.0.1:0")
        .output()
        .unwrap();
    assert!(!started.status.success());
    assert!(said(&started).contains("第 7 版"), "{}", said(&started));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// Every table, index, trigger and view of a database, as `sqlite_schema` names them.
fn schema_of(file: &Path) -> Vec<(String, String, Option<String>)> {
    let conn = rusqlite::Connection::open(file).unwrap();
    let mut statement = conn
        .prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")
        .unwrap();
    let rows = statement
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

/// Whether the database and its `-wal` hold `needle` anywhere, in any byte.
fn files_hold(db: &Path, needle: &[u8]) -> bool {
    ["", "-wal"].iter().any(|suffix| {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        std::fs::read(&name)
            .map(|bytes| bytes.windows(needle.len()).any(|w| w == needle))
            .unwrap_or(false)
    })
}

#[tokio::test]
async fn restore_takes_only_our_schema_from_a_tampered_backup() {
    let app = app();
    let id = receive(&app, body_of(&draft("诸葛亮", "139 8765 4321"), 31)).await;
    // One history entry, for the trigger that keeps it append-only to guard.
    app.db
        .call(move |c| {
            let change = enquiries::Change {
                status: LeadStatusOf::Contacted,
                note: "周四再打".into(),
                follow_up_on: None,
            };
            enquiries::follow_up(c, &id, &change, USER, 1)?;
            Ok(())
        })
        .await
        .unwrap();
    let file = backed_up(&app, "tampered.sqlite3");
    // The attacker's additions: a table and triggers that keep a copy of every enquiry deleted
    // or stored, the history made editable, a trigger on `meta` (written at every open), a view.
    rusqlite::Connection::open(&file)
        .unwrap()
        .execute_batch(
            "CREATE TABLE spy (name TEXT, phone TEXT);
             CREATE TRIGGER keep_deleted AFTER DELETE ON enquiries
             BEGIN INSERT INTO spy VALUES (old.name, old.phone); END;
             CREATE TRIGGER keep_stored AFTER INSERT ON enquiries
             BEGIN INSERT INTO spy VALUES (new.name, new.phone); END;
             DROP TRIGGER history_is_append_only;
             CREATE TRIGGER on_open AFTER UPDATE ON meta
             BEGIN INSERT INTO spy VALUES ('open', 'open'); END;
             CREATE VIEW everyone AS SELECT name, phone FROM enquiries;",
        )
        .unwrap();

    let elsewhere = TempDir::new();
    let new_data = elsewhere.path().join("data");
    let restored = run(&new_data, &["restore", file.to_str().unwrap()]);
    assert!(restored.status.success(), "{}", said(&restored));
    let words = said(&restored);
    assert!(words.contains("已恢复：1 条咨询"), "{words}");
    // What was left behind is named.
    for foreign in ["spy", "keep_deleted", "keep_stored", "on_open", "everyone"] {
        assert!(words.contains(foreign), "{foreign} not named: {words}");
    }
    // The restored database has exactly the schema our migrations make.
    let db_file = new_data.join("fushen.sqlite3");
    let fresh = elsewhere.path().join("fresh.sqlite3");
    drop(db::open(&fresh).unwrap());
    assert_eq!(schema_of(&db_file), schema_of(&fresh));
    // History cannot be edited, and forget leaves no byte of the phone.
    let conn = db::open(&db_file).unwrap();
    assert_eq!(enquiries::all(&conn).unwrap().len(), 1);
    let edited = conn.execute("UPDATE history SET note = 'x'", []);
    assert!(
        edited.is_err(),
        "history_is_append_only is back in place: {edited:?}"
    );
    drop(conn);
    let gone = run(&new_data, &["forget", "13987654321"]);
    assert!(gone.status.success(), "{}", said(&gone));
    assert!(!files_hold(&db_file, b"13987654321"));
    assert!(!files_hold(&db_file, "诸葛亮".as_bytes()));
}

#[tokio::test]
async fn restore_refuses_a_file_whose_size_is_not_what_its_header_says() {
    let app = app();
    receive(&app, enquiry(32)).await;
    let file = backed_up(&app, "padded.sqlite3");
    let size = std::fs::metadata(&file).unwrap().len();
    // Padded past its last page (`truncate -s 300M`), here by 8 MB.
    std::fs::OpenOptions::new()
        .write(true)
        .open(&file)
        .unwrap()
        .set_len(size + 8 * 1024 * 1024)
        .unwrap();
    let elsewhere = TempDir::new();
    let target = elsewhere.path().join("data");
    let refused = run(&target, &["restore", file.to_str().unwrap()]);
    assert!(!refused.status.success(), "{}", said(&refused));
    assert!(said(&refused).contains("文件大小"), "{}", said(&refused));
    // Cut short by a page: refused the same way.
    std::fs::OpenOptions::new()
        .write(true)
        .open(&file)
        .unwrap()
        .set_len(size - 4096)
        .unwrap();
    let refused = run(&target, &["restore", file.to_str().unwrap()]);
    assert!(!refused.status.success(), "{}", said(&refused));
    assert!(said(&refused).contains("文件大小"), "{}", said(&refused));
    assert!(!target.join("fushen.sqlite3").exists());
}

#[tokio::test]
async fn restore_ends_every_session_and_says_everyone_signs_in_again() {
    let app = app();
    with_account(&app).await;
    let signed_in = sign_in(&app, PASSWORD).await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    let (session, _) = set_cookie(&signed_in, "fushen_staff");
    let inbox = get(&app.router, "/staff/", &[("cookie", &session)]).await;
    assert_eq!(inbox.status, StatusCode::OK, "signed in before the backup");
    let file = backed_up(&app, "with-session.sqlite3");

    let elsewhere = TempDir::new();
    let new_data = elsewhere.path().join("data");
    let restored = run(&new_data, &["restore", file.to_str().unwrap()]);
    assert!(restored.status.success(), "{}", said(&restored));
    assert!(
        said(&restored).contains("账号和密码现在是备份里的"),
        "{}",
        said(&restored)
    );
    assert!(
        said(&restored).contains("所有人都要重新登录"),
        "{}",
        said(&restored)
    );
    let served = app_in(elsewhere, &[("FUSHEN_DATA", new_data.to_str().unwrap())]);
    let inbox = get(&served.router, "/staff/", &[("cookie", &session)]).await;
    assert_eq!(
        inbox.status,
        StatusCode::SEE_OTHER,
        "a session from the backup does not sign anyone in"
    );
    let sessions: i64 = db::open(&new_data.join("fushen.sqlite3"))
        .unwrap()
        .query_row("SELECT count(*) FROM sessions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sessions, 0);
    // The account came along: its password signs in.
    assert_eq!(
        sign_in(&served, PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn forget_and_purge_reach_every_copy_and_name_what_they_cannot_open() {
    let app = app();
    receive(&app, body_of(&draft("诸葛亮", "139 8765 4321"), 41)).await;
    let data = app.config.data_dir.clone();
    let folder = data.join("backups");
    assert!(run(&data, &["backup"]).status.success());
    let first = backup::list(&folder)[0].0.clone();
    // A backup of a newer schema (the documented downgrade leaves one), the database a restore
    // kept, and a copy set aside for later.
    let newer = folder.join("fushen-2026-12-02-10-00-00.sqlite3");
    std::fs::copy(&first, &newer).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let kept = data.join("fushen.sqlite3.before-restore-2026-12-03-10-00-00");
    std::fs::copy(&first, &kept).unwrap();
    let aside = app.dir.path().join("aside.sqlite3");
    std::fs::copy(&first, &aside).unwrap();
    let phone = b"13987654321";

    // `check` names the database a restore kept.
    let checked = run(&data, &["check"]);
    assert!(
        said(&checked).contains(&kept.display().to_string()),
        "{}",
        said(&checked)
    );

    // A dry run (an access request) reports what every copy holds.
    let dry = run(&data, &["forget", "13987654321", "--dry-run"]);
    let words = said(&dry);
    assert!(!dry.status.success(), "{words}");
    assert!(words.contains(&first.display().to_string()), "{words}");
    assert!(words.contains(&kept.display().to_string()), "{words}");
    assert!(words.contains(&newer.display().to_string()), "{words}");
    assert!(files_hold(&kept, phone) && files_hold(&first, phone));

    // The deletion goes through every copy it can open, names the one it cannot, and fails.
    let gone = run(&data, &["forget", "13987654321"]);
    let words = said(&gone);
    assert!(!gone.status.success(), "{words}");
    assert!(words.contains("打不开"), "{words}");
    assert!(words.contains(&newer.display().to_string()), "{words}");
    for file in [&app.config.db_path, &first, &kept] {
        assert!(
            !files_hold(file, phone),
            "{} holds the phone",
            file.display()
        );
    }

    // A rerun still scans the copies, though the database no longer has the phone.
    let late = folder.join("fushen-2026-12-04-10-00-00.sqlite3");
    std::fs::rename(&aside, &late).unwrap();
    let again = run(&data, &["forget", "13987654321"]);
    let words = said(&again);
    assert!(!again.status.success(), "{words}");
    assert!(words.contains("没有这个号码的咨询"), "{words}");
    assert!(words.contains(&late.display().to_string()), "{words}");
    assert!(!files_hold(&late, phone));
    std::fs::remove_file(&newer).unwrap();
    let done = run(&data, &["forget", "13987654321"]);
    assert!(done.status.success(), "{}", said(&done));

    // The retention purge reaches the backups and the kept database too.
    receive(&app, body_of(&draft("司马懿", "137 1111 2222"), 42)).await;
    let second = folder.join("fushen-2026-12-05-10-00-00.sqlite3");
    assert!(run(&data, &["backup", second.to_str().unwrap()])
        .status
        .success());
    std::fs::copy(&second, &kept).unwrap();
    std::fs::copy(&second, &newer).unwrap();
    for file in [&second, &kept] {
        rusqlite::Connection::open(file)
            .unwrap()
            .execute("UPDATE enquiries SET received_at = 0", [])
            .unwrap();
    }
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let purged = run(&data, &["purge"]);
    let words = said(&purged);
    assert!(!purged.status.success(), "{words}");
    assert!(words.contains(&newer.display().to_string()), "{words}");
    for file in [&second, &kept] {
        assert!(
            !files_hold(file, b"13711112222"),
            "{} holds the phone",
            file.display()
        );
    }
    assert_eq!(count(&app.db).await, 1, "the database's own row is recent");
}

#[tokio::test]
async fn forget_and_purge_leave_a_tampered_backup_unchanged_name_it_and_fail() {
    let app = app();
    receive(&app, body_of(&draft("诸葛亮", "139 8765 4321"), 71)).await;
    let data = app.config.data_dir.clone();
    let folder = data.join("backups");
    // The genuine copies: a backup in the folder and a database a restore kept.
    assert!(run(&data, &["backup"]).status.success());
    let genuine = backup::list(&folder)[0].0.clone();
    let kept = data.join("fushen.sqlite3.before-restore-2026-12-03-10-00-00");
    std::fs::copy(&genuine, &kept).unwrap();
    // The attacker's: a backup of ours with a table and a trigger that keeps a copy of every
    // enquiry deleted, put in the backup folder; and one whose append-only trigger is gone.
    let taken = backed_up(&app, "tampered.sqlite3");
    rusqlite::Connection::open(&taken)
        .unwrap()
        .execute_batch(
            "CREATE TABLE spy (name TEXT, phone TEXT);
             CREATE TRIGGER keep_deleted AFTER DELETE ON enquiries
             BEGIN INSERT INTO spy VALUES (old.name, old.phone); END;",
        )
        .unwrap();
    // Named as taken a day and two days ago, so that the daily backup's pruning keeps them.
    let days_ago = |days: i64| backup::new_name(&folder, now_ms() - days * 24 * 60 * 60 * 1000);
    let tampered = days_ago(1);
    std::fs::rename(&taken, &tampered).unwrap();
    let taken = backed_up(&app, "unguarded.sqlite3");
    rusqlite::Connection::open(&taken)
        .unwrap()
        .execute_batch("DROP TRIGGER history_is_append_only;")
        .unwrap();
    let unguarded = days_ago(2);
    std::fs::rename(&taken, &unguarded).unwrap();
    let as_placed = |file: &Path| std::fs::read(file).unwrap();
    let (tampered_bytes, unguarded_bytes) = (as_placed(&tampered), as_placed(&unguarded));
    let phone = b"13987654321";
    for file in [&app.config.db_path, &genuine, &kept, &tampered] {
        assert!(
            files_hold(file, phone),
            "{} lacks the phone",
            file.display()
        );
    }

    for args in [
        &["forget", "13987654321", "--dry-run"][..],
        &["forget", "13987654321"],
        &["purge"],
    ] {
        let done = run(&data, args);
        let words = said(&done);
        assert!(!done.status.success(), "{args:?}: {words}");
        assert!(words.contains("不是本程序原样的数据库"), "{words}");
        assert!(words.contains("确认后删除"), "{words}");
        assert!(words.contains(&tampered.display().to_string()), "{words}");
        assert!(words.contains("表 spy"), "{words}");
        assert!(words.contains("触发器 keep_deleted"), "{words}");
        assert!(words.contains(&unguarded.display().to_string()), "{words}");
        assert!(words.contains("触发器 history_is_append_only"), "{words}");
        // Compared whole, not printed: the bytes hold the phone.
        assert!(
            as_placed(&tampered) == tampered_bytes,
            "{args:?} changed it"
        );
        assert!(
            as_placed(&unguarded) == unguarded_bytes,
            "{args:?} changed it"
        );
    }
    // The genuine copies were gone through all the same.
    for file in [&app.config.db_path, &genuine, &kept] {
        assert!(
            !files_hold(file, phone),
            "{} holds the phone",
            file.display()
        );
    }

    // The serving server's daily purge inside the backups leaves them unchanged too, and fails
    // naming one (its log says so).
    std::fs::rename(&genuine, days_ago(3)).unwrap();
    let daily = folder.clone();
    let purged = app
        .db
        .call(move |c| Ok(backup::daily(c, &daily, 7, 365).map_err(|e| e.to_string())))
        .await
        .unwrap();
    let error = purged.expect_err("the daily purge names a tampered backup");
    // The log says it in English; the operator's commands say it in Chinese.
    assert!(error.contains("is not a backup of this program"), "{error}");
    assert!(
        error.contains(&tampered.display().to_string())
            || error.contains(&unguarded.display().to_string()),
        "{error}"
    );
    assert!(
        as_placed(&tampered) == tampered_bytes,
        "the daily purge changed it"
    );
    assert!(
        as_placed(&unguarded) == unguarded_bytes,
        "the daily purge changed it"
    );
}

#[test]
fn a_copy_of_the_first_schema_is_ours_to_forget_in() {
    let dir = TempDir::new();
    let path = dir
        .path()
        .join("fushen.sqlite3.before-restore-2026-01-01-08-00-00");
    std::fs::write(&path, SCHEMA_1).unwrap();
    let mut conn = backup::open_copy(&path).unwrap();
    let gone = enquiries::forget_phone(&mut conn, "13800138000", now_ms(), false).unwrap();
    assert!(!gone.is_empty());
    drop(conn);
    assert!(!files_hold(&path, b"13800138000"));
}

#[tokio::test]
async fn a_backup_dated_after_today_is_stale_and_does_not_stop_the_daily_backups() {
    let app = app();
    receive(&app, enquiry(51)).await;
    let data = app.config.data_dir.clone();
    let folder = data.join("backups");
    assert!(run(&data, &["backup"]).status.success());
    // Taken while the clock was wrong (the first backup is taken at start).
    let future = folder.join("fushen-2099-01-01-08-00-00.sqlite3");
    std::fs::rename(&backup::list(&folder)[0].0, &future).unwrap();

    let checked = run(&data, &["check"]);
    let words = said(&checked);
    let flagged = words
        .lines()
        .find(|l| l.contains("2099-01-01"))
        .unwrap_or_else(|| panic!("{words}"));
    assert!(flagged.contains("[建议]"), "{flagged}");
    assert!(flagged.contains("今天之后"), "{flagged}");

    let db = app.db.clone();
    let daily = folder.clone();
    let taken = db
        .call(move |c| Ok(backup::daily(c, &daily, 7, 30)))
        .await
        .unwrap()
        .unwrap();
    let taken = taken.expect("a backup dated after today does not count as the newest");
    let listed: Vec<_> = backup::list(&folder).into_iter().map(|(p, _)| p).collect();
    assert_eq!(listed, vec![taken], "the one dated after today was pruned");
}

#[cfg(unix)]
#[tokio::test]
async fn the_backup_folder_is_made_private_even_when_it_exists_and_so_is_a_restored_data_folder() {
    use std::os::unix::fs::PermissionsExt;
    let app = app();
    receive(&app, enquiry(61)).await;
    let data = app.config.data_dir.clone();
    let folder = data.join("backups");
    let open_to_all = |path: &Path| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap()
    };
    // Made by hand (`mkdir -p`, umask 022) before the first backup.
    std::fs::create_dir_all(&folder).unwrap();
    open_to_all(&folder);
    let taken = run(&data, &["backup"]);
    assert!(taken.status.success(), "{}", said(&taken));
    assert_eq!(mode(&folder), 0o700, "by `backup`");
    // And by the daily backup.
    open_to_all(&folder);
    let first = backup::list(&folder)[0].0.clone();
    std::fs::rename(&first, folder.join("fushen-2026-01-01-08-00-00.sqlite3")).unwrap();
    let daily = folder.clone();
    let taken = app
        .db
        .call(move |c| Ok(backup::daily(c, &daily, 7, 365)))
        .await
        .unwrap()
        .unwrap();
    assert!(taken.is_some());
    assert_eq!(mode(&folder), 0o700, "by the daily backup");

    // A restore into a data folder that is not there yet makes it private.
    let file = app.dir.path().join("b.sqlite3");
    assert!(run(&data, &["backup", file.to_str().unwrap()])
        .status
        .success());
    let elsewhere = TempDir::new();
    let new_data = elsewhere.path().join("data");
    let restored = run(&new_data, &["restore", file.to_str().unwrap()]);
    assert!(restored.status.success(), "{}", said(&restored));
    assert_eq!(mode(&new_data), 0o700);
    assert_eq!(mode(&new_data.join("fushen.sqlite3")), 0o600);
}
