//! Reading a file the user picked (`<input type="file">`), with every failure as a value.

use thiserror::Error;

/// The largest file read (a full timeline backup is well under 100 KB).
pub const MAX_BYTES: f64 = 1_000_000.0;

/// Why a picked file was not read.
#[derive(Clone, Copy, Debug, Error, PartialEq, Eq)]
pub enum FileError {
    /// No file was picked.
    #[error("no file")]
    None,
    /// Larger than [`MAX_BYTES`].
    #[error("too large")]
    TooLarge,
    /// The browser could not read it as text.
    #[error("unreadable")]
    Unreadable,
}

impl FileError {
    /// The message for the user.
    pub fn message(self) -> &'static str {
        match self {
            FileError::None => "没有选中文件",
            FileError::TooLarge => "文件太大，不是本工具导出的备份",
            FileError::Unreadable => "这个文件读不出来，请换一个文件",
        }
    }
}

/// The text of the first file picked in `input`.
pub async fn read_text(input: &web_sys::HtmlInputElement) -> Result<String, FileError> {
    let file = input
        .files()
        .and_then(|files| files.get(0))
        .ok_or(FileError::None)?;
    if file.size() > MAX_BYTES {
        return Err(FileError::TooLarge);
    }
    wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|text| text.as_string())
        .ok_or(FileError::Unreadable)
}
