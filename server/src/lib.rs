//! `fushen-server`: the training institution's whole deployment of 焊工证复审助手 in one program.
//! It serves the built site, receives the enquiry form's JSON and stores each enquiry once in
//! SQLite (checked by the form's own rules from `fushen-domain`), gives staff a phone-friendly
//! inbox, tells their group chat of new leads, and has the operator commands for export, staff
//! accounts and the privacy duties (deletion on request, retention).
//!
//! Layout: [`config`] (settings), [`db`] (the one way to the database, with its migrations),
//! [`app`] (router and layers), [`routes`] (thin handlers), [`site`] (the static site),
//! [`notify`] (group robots), [`cli`] (operator commands), [`check`] (is the installation
//! right?), and small helpers.
//!
//! One error type per boundary, each owning its Chinese words: [`error::ApiError`] (the
//! receiver's JSON), [`routes::staff::StaffError`] (the staff pages, in HTML) and
//! [`cli::CliError`] (the command line: a sentence and an exit code). The errors inside
//! ([`db::DbError`], [`backup::BackupError`], [`serve::StartError`]) carry none: their Display
//! is for the log, which is in English throughout.

pub mod app;
pub mod backup;
pub mod check;
pub mod cli;
pub mod clock;
pub mod config;
pub mod csv;
pub mod db;
pub mod error;
pub mod html;
pub mod limit;
pub mod notify;
pub mod password;
pub mod private;
pub mod retention;
pub mod routes;
pub mod serve;
pub mod site;
pub mod url;
