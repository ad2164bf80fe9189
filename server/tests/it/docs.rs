//! README.md, CHANGELOG.md and docs/*.md against the code, so that the documentation cannot
//! drift: every `fushen-server` command line they show is one the program accepts, every
//! `FUSHEN_…` name they mention is a setting the server reads (and every setting is in the
//! operator's guide), every script they name exists, every link between them reaches a file and
//! a heading, every test README names for a promise exists, the CHANGELOG has this version, the
//! developer's layout names real paths and every source file, and the operator's guide shows the
//! usage the program prints.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fushen_server::cli;

/// The repository's root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("server/ has a parent")
        .to_path_buf()
}

/// README.md, CHANGELOG.md and every docs/*.md, as (path relative to the root, text).
fn documents() -> Vec<(String, String)> {
    let root = root();
    let mut names = vec!["README.md".to_string(), "CHANGELOG.md".to_string()];
    let mut in_docs: Vec<String> = std::fs::read_dir(root.join("docs"))
        .expect("docs/ exists")
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".md"))
        .map(|name| format!("docs/{name}"))
        .collect();
    in_docs.sort();
    names.extend(in_docs);
    names
        .into_iter()
        .map(|name| {
            let text =
                std::fs::read_to_string(root.join(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, text)
        })
        .collect()
}

/// One line of a fenced code block: its language, its block's whole info string (`text
/// fushen-server help`), its line number (from 1) and its text.
struct CodeLine<'a> {
    lang: &'a str,
    info: &'a str,
    number: usize,
    text: &'a str,
}

/// The lines inside fenced code blocks (also indented ones, inside list items).
fn code_lines(text: &str) -> Vec<CodeLine<'_>> {
    let mut lines = Vec::new();
    let mut open: Option<(&str, &str, &str)> = None; // (fence, language, info string)
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        match open {
            None => {
                if let Some(fence) = ["```", "~~~"].into_iter().find(|f| trimmed.starts_with(f)) {
                    let info = trimmed
                        .trim_start_matches(fence.chars().next().unwrap())
                        .trim();
                    open = Some((fence, info.split_whitespace().next().unwrap_or(""), info));
                }
            }
            Some((fence, lang, info)) => {
                if trimmed.starts_with(fence) && trimmed.trim_start_matches(['`', '~']).is_empty() {
                    open = None;
                } else {
                    lines.push(CodeLine {
                        lang,
                        info,
                        number: i + 1,
                        text: line,
                    });
                }
            }
        }
    }
    assert!(open.is_none(), "a code block is never closed");
    lines
}

/// The text outside fenced code blocks, line by line (line number from 1).
fn prose_lines(text: &str) -> Vec<(usize, &str)> {
    let inside: BTreeSet<usize> = code_lines(text).iter().map(|l| l.number).collect();
    let fence_lines: BTreeSet<usize> = text
        .lines()
        .enumerate()
        .filter(|(i, line)| {
            let trimmed = line.trim_start();
            (trimmed.starts_with("```") || trimmed.starts_with("~~~")) && !inside.contains(&(i + 1))
        })
        .map(|(i, _)| i + 1)
        .collect();
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line))
        .filter(|(n, _)| !inside.contains(n) && !fence_lines.contains(n))
        .collect()
}

/// A shell word or operator.
#[derive(Debug, PartialEq)]
enum Token {
    Word(String),
    /// `|`, `||`, `&&`, `;`, `&`: the end of one command.
    Separator,
    /// `>`, `>>`, `<`, `2>`: takes the next word as its file.
    Redirect,
    /// `2>&1`, `>&2`: complete in itself.
    RedirectDone,
}

/// Splits one shell line into words and operators, the way sh would for the simple lines the
/// documentation shows: quotes group and are removed, `#` at the start of a word begins a
/// comment, `\` escapes the next character.
fn shell_tokens(line: &str) -> Vec<Token> {
    let chars: Vec<char> = line.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c == '#' {
            break;
        }
        // Operators, including a redirection that starts with a file descriptor's digits.
        let digits = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let after = chars.get(i + digits).copied();
        if matches!(c, '>' | '<') || (digits > 0 && matches!(after, Some('>' | '<'))) {
            let mut j = i + digits + 1;
            if chars.get(j) == Some(&'>') {
                j += 1;
            }
            if chars.get(j) == Some(&'&') {
                j += 1;
                while chars
                    .get(j)
                    .is_some_and(|c| c.is_ascii_digit() || *c == '-')
                {
                    j += 1;
                }
                tokens.push(Token::RedirectDone);
            } else {
                tokens.push(Token::Redirect);
            }
            i = j;
            continue;
        }
        if matches!(c, '|' | '&' | ';') {
            let next = chars.get(i + 1).copied();
            i += if next == Some(c) && c != ';' { 2 } else { 1 };
            tokens.push(Token::Separator);
            continue;
        }
        let mut word = String::new();
        while i < chars.len() {
            let c = chars[i];
            if c.is_whitespace() || matches!(c, '|' | '&' | ';' | '>' | '<') {
                break;
            }
            match c {
                '\'' => {
                    i += 1;
                    while i < chars.len() && chars[i] != '\'' {
                        word.push(chars[i]);
                        i += 1;
                    }
                }
                '"' => {
                    i += 1;
                    while i < chars.len() && chars[i] != '"' {
                        if chars[i] == '\\' && i + 1 < chars.len() {
                            i += 1;
                        }
                        word.push(chars[i]);
                        i += 1;
                    }
                }
                '\\' if i + 1 < chars.len() => {
                    i += 1;
                    word.push(chars[i]);
                }
                _ => word.push(c),
            }
            i += 1;
        }
        tokens.push(Token::Word(word));
    }
    tokens
}

/// `NAME=value` (a variable assignment before a command).
fn is_assignment(word: &str) -> bool {
    match word.split_once('=') {
        Some((name, _)) => {
            !name.is_empty()
                && !name.starts_with(|c: char| c.is_ascii_digit())
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        }
        None => false,
    }
}

/// The arguments of every `fushen-server` invocation on one shell line: `sudo -u user`, `env`
/// and `NAME=value` before it are skipped, a path before the program's name is dropped,
/// redirections and what other commands of a pipe do are left out.
fn fushen_invocations(line: &str) -> Vec<Vec<String>> {
    let line = line.trim_start();
    let line = line.strip_prefix("$ ").unwrap_or(line);
    let mut commands: Vec<Vec<String>> = vec![Vec::new()];
    let mut tokens = shell_tokens(line).into_iter();
    while let Some(token) = tokens.next() {
        match token {
            Token::Word(word) => commands.last_mut().unwrap().push(word),
            Token::Separator => commands.push(Vec::new()),
            Token::Redirect => {
                tokens.next(); // the file
            }
            Token::RedirectDone => {}
        }
    }
    let mut found = Vec::new();
    for words in commands {
        let mut words = words.as_slice();
        loop {
            match words {
                [sudo, rest @ ..] if sudo == "sudo" => {
                    words = rest;
                    while let [flag, rest @ ..] = words {
                        if flag == "-u" || flag == "-g" {
                            words = rest.get(1..).unwrap_or(&[]);
                        } else if flag.starts_with('-') {
                            words = rest;
                        } else {
                            break;
                        }
                    }
                }
                [env, rest @ ..] if env == "env" => words = rest,
                [assignment, rest @ ..] if is_assignment(assignment) => words = rest,
                _ => break,
            }
        }
        if let [program, args @ ..] = words {
            if program.rsplit('/').next() == Some("fushen-server") {
                found.push(args.to_vec());
            }
        }
    }
    found
}

/// The info string of the block in docs/operator.md that shows what `fushen-server help` prints:
/// its `[serve]` and `<用户名>` are notation, not command lines.
const USAGE_BLOCK: &str = "text fushen-server help";

/// Every `fushen-server` command line in the documents' code blocks, as (file:line, arguments).
fn documented_commands() -> Vec<(String, Vec<String>)> {
    let mut commands = Vec::new();
    for (name, text) in documents() {
        let lines: Vec<CodeLine> = code_lines(&text)
            .into_iter()
            .filter(|line| line.info != USAGE_BLOCK)
            .collect();
        let mut i = 0;
        while i < lines.len() {
            let CodeLine { lang, number, .. } = lines[i];
            // A line ending in `\` goes on in the next one.
            let mut joined = lines[i].text.to_string();
            while joined.ends_with('\\') && i + 1 < lines.len() {
                joined.pop();
                i += 1;
                joined.push(' ');
                joined.push_str(lines[i].text);
            }
            i += 1;
            let shell = match lang {
                "" | "sh" | "bash" | "shell" | "console" | "text" => Some(joined.as_str()),
                "ini" | "systemd" => joined.trim_start().strip_prefix("ExecStart="),
                _ => None,
            };
            if let Some(shell) = shell {
                for args in fushen_invocations(shell) {
                    commands.push((format!("{name}:{number}"), args));
                }
            }
        }
    }
    commands
}

#[test]
fn the_command_line_reader_strips_what_the_shell_would() {
    let args = |line: &str| fushen_invocations(line);
    let words = |list: &[&str]| list.iter().map(|w| w.to_string()).collect::<Vec<_>>();
    assert_eq!(
        args(
            "sudo -u fushen FUSHEN_DATA=/var/lib/fushen /opt/fushen/fushen-server staff set 王老师"
        ),
        vec![words(&["staff", "set", "王老师"])]
    );
    assert_eq!(
        args("echo '…' | fushen-server staff set 王老师 --password-stdin"),
        vec![words(&["staff", "set", "王老师", "--password-stdin"])]
    );
    assert_eq!(
        args("fushen-server export > 咨询.csv                  # the same to stdout"),
        vec![words(&["export"])]
    );
    assert_eq!(
        args("$ target/release/fushen-server purge --dry-run 2>&1 >log.txt"),
        vec![words(&["purge", "--dry-run"])]
    );
    assert_eq!(args("./fushen-server"), vec![words(&[])]);
    assert_eq!(
        args("cargo build --release -p fushen-server"),
        Vec::<Vec<String>>::new()
    );
    assert_eq!(
        args("systemctl stop fushen && fushen-server restore a.sqlite3; systemctl start fushen"),
        vec![words(&["restore", "a.sqlite3"])]
    );
    // And the reader of the program refuses what it should, so the check below can fail.
    assert!(cli::parse(&words(&["staff", "sett", "王老师"])).is_err());
}

#[test]
fn every_documented_command_line_is_one_the_program_accepts() {
    let commands = documented_commands();
    let refused: Vec<String> = commands
        .iter()
        .filter_map(|(place, args)| {
            cli::parse(args)
                .err()
                .map(|problem| format!("{place}: fushen-server {} → {problem}", args.join(" ")))
        })
        .collect();
    assert!(
        refused.is_empty(),
        "command lines fushen-server does not accept:\n{}",
        refused.join("\n")
    );
    assert!(
        commands.len() >= 10,
        "only {} fushen-server command lines found in the documentation: {commands:?}",
        commands.len()
    );
    println!("{} documented fushen-server command lines", commands.len());
}

/// The names of the settings the server reads: its table of settings.
fn settings_in_config() -> BTreeSet<String> {
    fushen_server::config::settings::ALL
        .iter()
        .map(|about| about.name.to_string())
        .collect()
}

/// Every `FUSHEN_[A-Z_]+` name in `text`.
fn fushen_names(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (i, _) in text.match_indices("FUSHEN_") {
        let before = text[..i].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue; // part of a longer name
        }
        let name: String = text[i..]
            .chars()
            .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_')
            .collect();
        let name = name.trim_end_matches('_');
        if name.len() > "FUSHEN_".len() {
            names.insert(name.to_string());
        }
    }
    names
}

#[test]
fn every_setting_named_in_the_documentation_is_read_by_the_server() {
    let settings = settings_in_config();
    for expected in [
        "PORT",
        "FUSHEN_DATA",
        "FUSHEN_WEBHOOK_URL",
        "FUSHEN_BACKUP_KEEP",
    ] {
        assert!(
            settings.contains(expected),
            "the table of settings no longer names {expected}: {settings:?}"
        );
    }
    let mut unknown = Vec::new();
    let mut mentioned = BTreeSet::new();
    for (name, text) in documents() {
        for (number, line) in text.lines().enumerate() {
            for setting in fushen_names(line) {
                if !settings.contains(&setting) {
                    unknown.push(format!("{name}:{}: {setting}", number + 1));
                }
                mentioned.insert(setting);
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "names the server does not read (server/src/config/settings.rs):\n{}",
        unknown.join("\n")
    );
    println!(
        "{} settings in the table, {} FUSHEN_ names in the documentation",
        settings.len(),
        mentioned.len()
    );
}

#[test]
fn every_setting_of_the_server_is_in_the_operators_guide_with_its_default() {
    let guide = std::fs::read_to_string(root().join("docs/operator.md")).unwrap();
    // A row of the settings table: | `NAME` | default | what |
    let rows: BTreeMap<String, String> = guide
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| {
            let (name, rest) = rest.split_once('`')?;
            let default = rest.trim_start().strip_prefix('|')?.split(" | ").next()?;
            Some((name.to_string(), default.trim().to_string()))
        })
        .collect();
    let mut wrong = Vec::new();
    for about in fushen_server::config::settings::ALL {
        match rows.get(about.name) {
            None => wrong.push(format!("{}: no row", about.name)),
            Some(default) if default != about.default => wrong.push(format!(
                "{}: the guide says {default}, the table {}",
                about.name, about.default
            )),
            Some(_) => {}
        }
    }
    assert!(
        wrong.is_empty(),
        "docs/operator.md's settings table against server/src/config/settings.rs:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn every_script_named_in_the_documentation_exists() {
    let root = root();
    let mut missing = Vec::new();
    let mut named = BTreeSet::new();
    for (name, text) in documents() {
        for (number, line) in text.lines().enumerate() {
            for (i, _) in line.match_indices("scripts/") {
                let script: String = line[i + "scripts/".len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
                    .collect();
                let Some(stem) = script.strip_suffix(".sh") else {
                    continue;
                };
                let path = format!("scripts/{stem}.sh");
                if !root.join(&path).is_file() {
                    missing.push(format!("{name}:{}: {path}", number + 1));
                }
                named.insert(path);
            }
        }
    }
    assert!(
        missing.is_empty(),
        "scripts named but missing:\n{}",
        missing.join("\n")
    );
    for must in ["scripts/serve.sh", "scripts/test.sh"] {
        assert!(named.contains(must), "the documentation lost {must}");
    }
    println!("{} scripts named, all present", named.len());
}

/// GitHub's anchor for a heading: lower case, punctuation dropped (letters, digits, `-`, `_`
/// and spaces stay, in any script), spaces turned into `-`; a repeated one gets `-1`, `-2`, ….
fn anchors(text: &str) -> BTreeSet<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut anchors = BTreeSet::new();
    for (_, line) in prose_lines(text) {
        let hashes = line.chars().take_while(|c| *c == '#').count();
        if !(1..=6).contains(&hashes) || !line[hashes..].starts_with(' ') {
            continue;
        }
        let slug: String = line[hashes..]
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
        let count = seen.entry(slug.clone()).or_insert(0);
        let anchor = if *count == 0 {
            slug.clone()
        } else {
            format!("{slug}-{count}")
        };
        *count += 1;
        anchors.insert(anchor);
    }
    anchors
}

/// Every `](target)` link outside code blocks, as (line number, target).
fn links(text: &str) -> Vec<(usize, String)> {
    let mut links = Vec::new();
    for (number, line) in prose_lines(text) {
        for (i, _) in line.match_indices("](") {
            let rest = &line[i + 2..];
            if let Some(end) = rest.find(')') {
                links.push((number, rest[..end].trim().to_string()));
            }
        }
    }
    links
}

#[test]
fn every_link_between_the_documents_reaches_a_file_and_a_heading() {
    let root = root();
    let documents = documents();
    let mut broken = Vec::new();
    let mut checked = 0;
    for (name, text) in &documents {
        let folder = Path::new(name).parent().unwrap_or(Path::new(""));
        for (number, target) in links(text) {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            checked += 1;
            let (path, anchor) = match target.split_once('#') {
                Some((path, anchor)) => (path, Some(anchor)),
                None => (target.as_str(), None),
            };
            let file = if path.is_empty() {
                root.join(name)
            } else {
                root.join(folder).join(path)
            };
            if !file.exists() {
                broken.push(format!("{name}:{number}: {target}: no such file"));
                continue;
            }
            if let Some(anchor) = anchor {
                let is_markdown = file.extension().is_some_and(|e| e == "md");
                let text = std::fs::read_to_string(&file).unwrap_or_default();
                if !(is_markdown && anchors(&text).contains(anchor)) {
                    broken.push(format!("{name}:{number}: {target}: no such heading"));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    assert!(checked >= 10, "only {checked} relative links found");
    println!("{checked} relative links checked");
}

#[test]
fn heading_anchors_are_made_the_way_github_makes_them() {
    let text = "# Running fushen-server: the operator's guide\n\
                ## Check the setup: `fushen-server check`\n\
                ```sh\n# not a heading\n```\n\
                ### The link (`#t=1.…`)\n## Build, load and how far one machine goes\n## Notes\n## Notes\n";
    let expected: BTreeSet<String> = [
        "running-fushen-server-the-operators-guide",
        "check-the-setup-fushen-server-check",
        "the-link-t1",
        "build-load-and-how-far-one-machine-goes",
        "notes",
        "notes-1",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(anchors(text), expected);
}

/// Every file and folder of the repository, relative to its root, folders ending in `/`; what
/// git ignores, hidden folders and what builds and tests leave behind are left out.
fn repository_paths() -> BTreeSet<String> {
    fn walk(root: &Path, folder: &Path, paths: &mut BTreeSet<String>) {
        let mut entries: Vec<_> = std::fs::read_dir(folder)
            .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
            .map(|entry| entry.unwrap())
            .collect();
        entries.sort_by_key(|entry| entry.file_name());
        // What .gitignore names: builds, the local data folder, benchmark and test output.
        let left_out = [
            "dist",
            "data",
            "bench/out",
            "playwright-report",
            "tests/e2e/artifacts",
            "tests/e2e/test-results",
        ];
        for entry in entries {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            let relative = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let hidden = name.starts_with('.') || name == "target" || name == "node_modules";
            if hidden || left_out.contains(&relative.as_str()) {
                continue;
            }
            if entry.file_type().unwrap().is_dir() {
                paths.insert(format!("{relative}/"));
                walk(root, &path, paths);
            } else {
                paths.insert(relative);
            }
        }
    }
    let root = root();
    let mut paths = BTreeSet::new();
    walk(&root, &root, &mut paths);
    paths
}

/// The source files the layout must account for: the app's, the rules', the server's, the
/// build tools' and the scripts, each with the folder it sits in (its source root).
fn source_files(paths: &BTreeSet<String>) -> Vec<(&'static str, String)> {
    const ROOTS: [(&str, &[&str]); 5] = [
        ("src/", &["rs"]),
        ("domain/src/", &["rs"]),
        ("server/src/", &["rs"]),
        ("tools/", &["rs", "mjs", "js", "toml"]),
        ("scripts/", &["sh"]),
    ];
    let mut files = Vec::new();
    for path in paths.iter().filter(|p| !p.ends_with('/')) {
        for (source_root, extensions) in ROOTS {
            let extension = Path::new(path).extension().and_then(|e| e.to_str());
            if path.starts_with(source_root) && extension.is_some_and(|e| extensions.contains(&e)) {
                files.push((source_root, path.clone()));
            }
        }
    }
    files
}

/// The rows of docs/developer.md's layout table, as (line number, path cell, what cell).
fn layout_rows(text: &str) -> Vec<(usize, String, String)> {
    let mut rows = Vec::new();
    let mut inside = false;
    for (number, line) in prose_lines(text) {
        if line.starts_with("## ") {
            inside = line == "## Layout";
            continue;
        }
        let Some(row) = line.strip_prefix('|') else {
            continue;
        };
        if !inside {
            continue;
        }
        let cells: Vec<&str> = row.trim_end().trim_end_matches('|').split('|').collect();
        let (path, what) = (cells[0].trim(), cells[1..].join("|"));
        if path == "path" || path.starts_with("---") {
            continue; // the header and its line
        }
        rows.push((number, path.to_string(), what.trim().to_string()));
    }
    rows
}

/// The words between backticks in `cell` that name a path: no spaces, and a folder or path
/// (with a `/`) or a file name with an extension.
fn named_paths(cell: &str) -> Vec<String> {
    const EXTENSIONS: &str =
        "rs mjs js ts sh toml md txt html css sql sqlite3 service json example webmanifest";
    cell.split('`')
        .skip(1)
        .step_by(2)
        .filter(|word| !word.is_empty() && !word.contains(char::is_whitespace))
        .filter(|word| {
            word.contains('/')
                || Path::new(word)
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| EXTENSIONS.split(' ').any(|known| known == e))
        })
        .map(str::to_string)
        .collect()
}

/// What `name` stands for in a row whose own folders are `bases`: the path itself when it is
/// one from the root, the files a `*` matches, or else every path that ends in it under the
/// first of `bases` that has one (`sign_in.rs` in the server's row, `fragment.rs` after
/// `domain/src/dates.rs`).
fn resolve(paths: &BTreeSet<String>, bases: &[String], name: &str) -> Vec<String> {
    if let Some((before, after)) = name.split_once('*') {
        return paths
            .iter()
            .filter(|p| p.len() >= before.len() + after.len())
            .filter(|p| p.starts_with(before) && p.ends_with(after))
            .filter(|p| !p[before.len()..p.len() - after.len()].contains('/'))
            .cloned()
            .collect();
    }
    let folder = format!("{}/", name.trim_end_matches('/'));
    if paths.contains(name) || paths.contains(&folder) {
        let exact = if paths.contains(name) { name } else { &folder };
        return vec![exact.to_string()];
    }
    let file = format!("/{}", name.trim_end_matches('/'));
    let folder = format!("{file}/");
    // The first of the row's folders that holds it: `mod.rs` beside `src/app/` is that folder's.
    bases
        .iter()
        .map(|base| {
            paths
                .iter()
                .filter(|p| p.starts_with(base.as_str()))
                .filter(|p| p.ends_with(&folder) || (!name.ends_with('/') && p.ends_with(&file)))
                .cloned()
                .collect::<Vec<String>>()
        })
        .find(|found| !found.is_empty())
        .unwrap_or_default()
}

/// Where the layout's row at line `number` is, for messages.
fn layout_place(number: usize) -> String {
    format!("docs/developer.md:{number}")
}

#[test]
fn the_developers_layout_names_only_real_paths_and_every_source_file() {
    let paths = repository_paths();
    let text = std::fs::read_to_string(root().join("docs/developer.md")).unwrap();
    let rows = layout_rows(&text);
    assert!(rows.len() >= 20, "only {} rows in the layout", rows.len());
    let mut missing = Vec::new();
    let mut named: BTreeSet<String> = BTreeSet::new();
    for (number, path_cell, what_cell) in &rows {
        // The row's own folders: those its path cell names from the root (a file's folder),
        // where the shorter names after them and in its description are looked for.
        let bases: Vec<String> = named_paths(path_cell)
            .iter()
            .flat_map(|name| resolve(&paths, &[], name))
            .filter_map(|path| match path.strip_suffix('/') {
                Some(_) => Some(path),
                None => path
                    .rsplit_once('/')
                    .map(|(folder, _)| format!("{folder}/")),
            })
            .collect();
        for name in named_paths(path_cell)
            .into_iter()
            .chain(named_paths(what_cell))
        {
            let found = resolve(&paths, &bases, &name);
            if found.is_empty() {
                missing.push(format!("{}: `{name}`", layout_place(*number)));
            }
            named.extend(found);
        }
    }
    assert!(
        missing.is_empty(),
        "the layout names paths that do not exist:\n{}",
        missing.join("\n")
    );
    // A source file is accounted for when a row names it, or names a folder it is in, below
    // its source root: `server/` or `scripts/` alone say nothing about a file in them.
    let files = source_files(&paths);
    assert!(
        files.len() >= 100,
        "only {} source files found: {files:?}",
        files.len()
    );
    let unnamed: Vec<&str> = files
        .iter()
        .filter(|(source_root, file)| {
            !named.contains(file)
                && !named.iter().any(|folder| {
                    folder.ends_with('/')
                        && folder.len() > source_root.len()
                        && file.starts_with(folder.as_str())
                })
        })
        .map(|(_, file)| file.as_str())
        .collect();
    assert!(
        unnamed.is_empty(),
        "source files the layout in docs/developer.md does not name (by themselves or by a \
         folder below src/, domain/src/, server/src/, tools/ or scripts/):\n{}",
        unnamed.join("\n")
    );
    println!(
        "{} layout rows, {} paths named, {} source files accounted for",
        rows.len(),
        named.len(),
        files.len()
    );
}

#[test]
fn the_layout_check_resolves_names_as_a_reader_would() {
    let paths: BTreeSet<String> = [
        "server/",
        "server/src/",
        "server/src/routes/",
        "server/src/routes/staff/",
        "server/src/routes/staff/sign_in.rs",
        "server/src/clock.rs",
        "domain/",
        "domain/src/",
        "domain/src/dates.rs",
        "domain/src/keys.rs",
        "tools/",
        "tools/bench-a.mjs",
        "tools/bench-b.mjs",
        "tools/serve.mjs",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    let server = vec!["server/".to_string()];
    let dates = vec!["domain/src/".to_string()];
    let words = |list: &[&str]| list.iter().map(|w| w.to_string()).collect::<Vec<_>>();
    assert_eq!(resolve(&paths, &[], "server/"), words(&["server/"]));
    assert_eq!(resolve(&paths, &[], "server"), words(&["server/"]));
    assert_eq!(
        resolve(&paths, &server, "sign_in.rs"),
        words(&["server/src/routes/staff/sign_in.rs"])
    );
    assert_eq!(
        resolve(&paths, &server, "routes/staff/"),
        words(&["server/src/routes/staff/"])
    );
    assert_eq!(
        resolve(&paths, &dates, "keys.rs"),
        words(&["domain/src/keys.rs"])
    );
    // A name is looked for only under its row's folders, and must be there.
    assert!(resolve(&paths, &dates, "clock.rs").is_empty());
    assert!(resolve(&paths, &server, "words.rs").is_empty());
    assert!(resolve(&paths, &server, "clock.rs/").is_empty());
    assert_eq!(
        resolve(&paths, &[], "tools/bench-*.mjs"),
        words(&["tools/bench-a.mjs", "tools/bench-b.mjs"])
    );
    assert_eq!(
        named_paths("`domain/src/dates.rs`, `fragment.rs`, `TimelineInlet`, `fushen-server check`, `routes/`"),
        words(&["domain/src/dates.rs", "fragment.rs", "routes/"])
    );
    let table = "## Layout\n\n| path | what |\n| --- | --- |\n| `a/` | the `b.rs` |\n\n## Next\n\n| `c/` | d |\n";
    assert_eq!(
        layout_rows(table),
        vec![(5, "`a/`".to_string(), "the `b.rs`".to_string())]
    );
}

#[test]
fn every_test_readme_names_for_a_promise_exists() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut inside = false;
    let mut missing = Vec::new();
    let mut named = 0;
    for (number, line) in prose_lines(&readme) {
        if line.starts_with("## ") {
            inside = line.starts_with("## What the server promises");
            continue;
        }
        let Some(row) = line.strip_prefix('|').filter(|_| inside) else {
            continue;
        };
        // | promise | tested by |: in the second cell, `file.rs`: `test`, `test`; `other.rs`: ….
        let Some((_, tested_by)) = row.split_once('|') else {
            continue;
        };
        let mut file: Option<(String, String)> = None;
        for word in tested_by.split('`').skip(1).step_by(2) {
            if word.ends_with(".rs") {
                let path = format!("server/tests/it/{word}");
                let text = std::fs::read_to_string(root().join(&path))
                    .unwrap_or_else(|e| panic!("README.md:{number}: {path}: {e}"));
                file = Some((path, text));
            } else if let Some((path, text)) = &file {
                named += 1;
                // `fn name(` right after an attribute (`#[test]`, `#[tokio::test]`).
                let is_test = text.match_indices(&format!("fn {word}(")).any(|(at, _)| {
                    let before = text[..at].trim_end();
                    let before = before.strip_suffix("async").unwrap_or(before);
                    before.trim_end().ends_with(']')
                });
                if !is_test {
                    missing.push(format!("README.md:{number}: {path} has no test {word}"));
                }
            } else {
                missing.push(format!(
                    "README.md:{number}: `{word}` comes before any test file"
                ));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    assert!(
        named >= 20,
        "only {named} tests named for the promises in README.md"
    );
    println!("{named} tests named for the promises, all present");
}

#[test]
fn the_changelog_has_an_entry_for_this_version_naming_its_schema() {
    let changelog = std::fs::read_to_string(root().join("CHANGELOG.md")).unwrap();
    let version = env!("CARGO_PKG_VERSION");
    let heading = format!("## {version} ");
    let entry = changelog
        .split("\n## ")
        .find(|entry| format!("## {entry}").starts_with(&heading))
        .unwrap_or_else(|| panic!("CHANGELOG.md has no entry `{heading}…` for this version"));
    let schema = format!("schema version {}", fushen_server::db::schema_version());
    assert!(
        entry.contains(&schema),
        "CHANGELOG.md's entry for {version} does not say \"{schema}\":\n{entry}"
    );
    // The newest release comes first.
    let first = changelog
        .lines()
        .find(|line| line.starts_with("## "))
        .unwrap();
    assert!(
        first.starts_with(&heading),
        "the first entry is {first:?}, not {version}"
    );
}

#[test]
fn the_operators_guide_shows_the_usage_the_program_prints() {
    let guide = std::fs::read_to_string(root().join("docs/operator.md")).unwrap();
    assert_eq!(
        guide.matches(&format!("```{USAGE_BLOCK}\n")).count(),
        1,
        "docs/operator.md should have one block ```{USAGE_BLOCK}"
    );
    let shown: Vec<&str> = code_lines(&guide)
        .into_iter()
        .filter(|line| line.info == USAGE_BLOCK)
        .map(|line| line.text)
        .collect();
    assert_eq!(
        shown.join("\n"),
        cli::USAGE,
        "docs/operator.md's usage differs from what the program prints (cli::USAGE)"
    );
    // And the program prints exactly that, for `help` and after a mistyped command.
    let nowhere = std::env::temp_dir().join("fushen-docs-test-no-such-folder");
    let run = |args: &[&str]| crate::util::run(&nowhere, args);
    let help = run(&["help"]);
    assert!(help.status.success(), "{help:?}");
    assert_eq!(
        String::from_utf8_lossy(&help.stdout),
        format!("{}\n", cli::USAGE)
    );
    let mistake = run(&["exprot"]);
    assert_eq!(mistake.status.code(), Some(2), "{mistake:?}");
    assert!(
        String::from_utf8_lossy(&mistake.stderr).ends_with(&format!("\n\n{}\n", cli::USAGE)),
        "{mistake:?}"
    );
}
