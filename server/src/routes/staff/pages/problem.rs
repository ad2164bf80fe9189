//! A staff form that could not be taken: what was wrong, in Chinese, and the way back.

use maud::html;

use super::page;

/// The page for a form that was refused: `root` leads back to `/staff/` (for the style sheet),
/// `back` is the address to return to and `back_label` its words.
pub fn problem(root: &str, title: &str, message: &str, back: &str, back_label: &str) -> String {
    let body = html! {
        header {
            h1 { (title) }
        }
        main {
            p class="error" role="alert" { (message) }
            p { a class="button" href=(back) { (back_label) } }
        }
    };
    page(root, &format!("{title} · 咨询收件箱"), body)
}
