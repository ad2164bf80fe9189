//! The operator commands, run as the staff run them: the real binary, on a data folder.

use crate::util::*;
use fushen_domain::enquiry::payload::EnquiryPayload;
use fushen_domain::enquiry::receive;
use fushen_server::clock::{now_ms, DAY_MS};
use fushen_server::db::{self, enquiries};

/// Stores `body` as received `days_ago`, with a group-robot alert queued beside it.
fn store(data: &TempDir, body: &str, days_ago: i64) {
    let payload: EnquiryPayload = serde_json::from_str(body).unwrap();
    let checked = receive::check(payload, now_ms()).unwrap();
    let mut conn = db::open(&data.path().join("fushen.sqlite3")).unwrap();
    let tx = conn.transaction().unwrap();
    let alert = Some("新咨询".to_string());
    let row = enquiries::NewEnquiry::new(&checked, now_ms() - days_ago * DAY_MS, alert);
    enquiries::store(&tx, &row).unwrap();
    tx.commit().unwrap();
}

#[test]
fn staff_accounts_are_made_listed_reset_and_removed() {
    let data = TempDir::new();
    let made = stdout(&run_with(
        data.path(),
        &["staff", "set", "wang", "--password-stdin"],
        "correct horse battery\n",
        &[],
    ));
    assert_eq!(made, "已创建账号：wang\n");
    let generated = stdout(&run_with(data.path(), &["staff", "set", "li"], "", &[]));
    let password = generated
        .lines()
        .find_map(|l| l.strip_prefix("密码："))
        .unwrap();
    assert_eq!(password.len(), 19);
    let reset = stdout(&run_with(data.path(), &["staff", "set", "li"], "", &[]));
    assert!(reset.starts_with("已重设密码"), "{reset}");
    assert!(!reset.contains(password));
    let list = stdout(&run_with(data.path(), &["staff", "list"], "", &[]));
    assert!(
        list.starts_with("li（密码设于 ") && list.contains("\nwang（"),
        "{list}"
    );
    assert!(!list.contains("argon2"));
    stdout(&run_with(data.path(), &["staff", "remove", "li"], "", &[]));
    assert!(!stdout(&run_with(data.path(), &["staff", "list"], "", &[])).contains("li（"));
    let short = run_with(
        data.path(),
        &["staff", "set", "zhao", "--password-stdin"],
        "short\n",
        &[],
    );
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("至少要 10 个字符"));
}

#[test]
fn export_forget_and_purge_work_on_the_same_database() {
    let data = TempDir::new();
    let (zhang, zhang_id) = body_of(&draft("张三", "13800138000"), 1);
    let (li, _) = body_of(&draft("李四", "13900001111"), 2);
    let (old, _) = body_of(&draft("王五", "13700001111"), 3);
    store(&data, &zhang, 0);
    store(&data, &li, 1);
    store(&data, &old, 366);

    let csv = run_with(data.path(), &["export"], "", &[]);
    let text = stdout(&csv);
    assert!(text.starts_with("\u{feff}咨询编号,收到时间,"));
    assert_eq!(text.lines().count(), 4);
    assert!(
        text.contains(",张三,13800138000,焊接与热切割作业,熔化焊接与热切割作业,珠晖区,2027-03-01,")
    );
    assert!(String::from_utf8_lossy(&csv.stderr).contains("已导出 3 条咨询"));

    // Forget one phone, typed as people type it; a dry run first.
    let dry = stdout(&run_with(
        data.path(),
        &["forget", "138 0013 8000", "--dry-run"],
        "",
        &[],
    ));
    assert!(dry.starts_with("将删除这个号码的 1 条咨询："), "{dry}");
    assert_eq!(
        stdout(&run_with(data.path(), &["export"], "", &[]))
            .lines()
            .count(),
        4
    );
    let done = stdout(&run_with(
        data.path(),
        &["forget", "+86 138-0013-8000"],
        "",
        &[],
    ));
    assert!(done.starts_with("已删除这个号码的 1 条咨询："), "{done}");
    let text = stdout(&run_with(data.path(), &["export"], "", &[]));
    assert!(!text.contains("13800138000") && !text.contains("张三"));
    assert!(!text.contains(&zhang_id));
    // Its queued group-robot alert goes with it; the other two stay.
    let alerts = |data: &TempDir| -> i64 {
        db::open(&data.path().join("fushen.sqlite3"))
            .unwrap()
            .query_row("SELECT count(*) FROM notices", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(alerts(&data), 2);
    let again = stdout(&run_with(data.path(), &["forget", "13800138000"], "", &[]));
    assert_eq!(again, "没有这个号码的咨询。\n");
    let bad = run_with(data.path(), &["forget", "12345"], "", &[]);
    assert!(!bad.status.success());

    // Retention: the enquiry of 366 days ago goes; a shorter setting takes yesterday's too.
    let dry = stdout(&run_with(data.path(), &["purge", "--dry-run"], "", &[]));
    assert!(
        dry.starts_with("保存期限 365 天：将删除 1 条到期的咨询。"),
        "{dry}"
    );
    let done = stdout(&run_with(data.path(), &["purge"], "", &[]));
    assert!(
        done.starts_with("保存期限 365 天：已删除 1 条到期的咨询。"),
        "{done}"
    );
    assert_eq!(
        stdout(&run_with(data.path(), &["export"], "", &[]))
            .lines()
            .count(),
        2
    );
    let hashes: i64 = db::open(&data.path().join("fushen.sqlite3"))
        .unwrap()
        .query_row("SELECT count(*) FROM forgotten", [], |r| r.get(0))
        .unwrap();
    assert_eq!(hashes, 2);
}

#[test]
fn mistakes_are_explained_in_chinese() {
    let data = TempDir::new();
    let unknown = run_with(data.path(), &["exprot"], "", &[]);
    assert_eq!(unknown.status.code(), Some(2));
    let said = String::from_utf8_lossy(&unknown.stderr);
    assert!(said.starts_with("不认识的命令：exprot") && said.contains("用法："));
    let long = run_with(
        data.path(),
        &["export"],
        "",
        &[("FUSHEN_RETENTION_DAYS", "400")],
    );
    assert_eq!(long.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&long.stderr).contains("FUSHEN_RETENTION_DAYS"));
    // The settings file in the data folder is read too.
    std::fs::write(
        data.path().join("settings.env"),
        "FUSHEN_RETENTION_DAYS=30\n",
    )
    .unwrap();
    let dry = stdout(&run_with(data.path(), &["purge", "--dry-run"], "", &[]));
    assert!(dry.starts_with("保存期限 30 天"), "{dry}");
    let help = stdout(&run_with(data.path(), &["help"], "", &[]));
    assert!(help.contains("fushen-server forget <手机号码>"));
}

#[cfg(unix)]
#[test]
fn export_to_a_file_never_follows_a_symlink() {
    use std::os::unix::fs::PermissionsExt;
    let data = TempDir::new();
    let (zhang, _) = body_of(&draft("张三", "13800138000"), 1);
    store(&data, &zhang, 0);
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    // Where the export is to go, a link to another file of the same user.
    let victim = data.path().join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    std::fs::set_permissions(&victim, std::fs::Permissions::from_mode(0o644)).unwrap();
    let target = data.path().join("咨询.csv");
    std::os::unix::fs::symlink(&victim, &target).unwrap();

    let exported = run_with(
        data.path(),
        &["export", "-o", target.to_str().unwrap()],
        "",
        &[],
    );
    assert!(
        exported.status.success(),
        "{}",
        String::from_utf8_lossy(&exported.stderr)
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert_eq!(mode(&victim), 0o644);
    let written = std::fs::symlink_metadata(&target).unwrap();
    assert!(written.file_type().is_file(), "the link was replaced");
    assert_eq!(mode(&target), 0o600);
    assert!(std::fs::read_to_string(&target)
        .unwrap()
        .starts_with("\u{feff}咨询编号"));
    // Nothing half-written is left beside it.
    let left: Vec<_> = std::fs::read_dir(data.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("咨询.csv") && name != "咨询.csv")
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
