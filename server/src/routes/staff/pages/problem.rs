//! A staff request that could not be carried out: what happened, in Chinese, and the way back
//! to the inbox (and, when there is one, to the page the form came from).

use maud::html;

use super::page;

/// The page for a refused or failed request: `root` leads back to `/staff/` from the page's
/// own address (`""` or `"../"`); `back` is another way back (its address and words), such as
/// the enquiry whose form was refused.
pub fn problem(root: &str, title: &str, message: &str, back: Option<(&str, &str)>) -> String {
    let inbox = if root.is_empty() { "./" } else { root };
    let body = html! {
        header {
            h1 { (title) }
        }
        main {
            p class="error" role="alert" { (message) }
            @if let Some((href, label)) = back {
                p { a class="button" href=(href) { (label) } }
            }
            p { a href=(inbox) { "返回收件箱" } }
        }
    };
    page(root, &format!("{title} · 咨询收件箱"), body)
}
