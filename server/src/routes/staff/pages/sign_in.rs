//! The sign-in page.

use maud::html;

use super::page;

/// The sign-in page; `problem` when the last attempt failed.
pub fn sign_in(institution: Option<&str>, csrf: &str, problem: Option<&str>) -> String {
    let body = html! {
        header {
            h1 { "咨询收件箱" }
            p class="meta" { (institution.unwrap_or("工作人员登录")) }
        }
        main {
            @if let Some(problem) = problem {
                p class="error" role="alert" { (problem) }
            }
            form method="post" action="login" {
                input type="hidden" name="csrf" value=(csrf);
                label for="username" { "用户名" }
                input id="username" name="username" autocomplete="username" required;
                label for="password" { "密码" }
                input id="password" name="password" type="password" autocomplete="current-password" required;
                p { button { "登录" } }
            }
            p class="meta" {
                "账号由管理员在服务器上用 " code { "fushen-server staff set 用户名" } " 创建。"
            }
        }
    };
    page("", "登录 · 咨询收件箱", body)
}
