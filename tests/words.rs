//! One word for one thing across everything the user reads: the page and every Chinese string in
//! the app's, the domain's and the server's sources.

use std::fs;
use std::path::Path;

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).expect("readable source folder") {
        let path = entry.expect("readable entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = fs::read_to_string(&path).expect("UTF-8 source");
            out.push((path.display().to_string(), text));
        }
    }
}

#[test]
fn the_page_and_the_sources_use_one_word_per_idea() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = vec![(
        "index.html".to_string(),
        fs::read_to_string(root.join("index.html")).expect("index.html"),
    )];
    for dir in ["src", "domain/src", "server/src"] {
        sources(&root.join(dir), &mut texts);
    }
    assert!(texts.len() > 50, "the sources were found");
    // 这部手机 (not 这台手机 or 本机), 发证机关 (not 主管部门), “” quotation marks (not 「」).
    let mut found = Vec::new();
    for (name, text) in &texts {
        for other in ["这台手机", "本机", "主管部门", "「", "」"] {
            if text.contains(other) {
                found.push(format!("{name} says {other}"));
            }
        }
    }
    assert_eq!(found, Vec::<String>::new());
}
