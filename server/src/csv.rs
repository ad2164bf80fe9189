//! The CSV export: every enquiry, one row each, for the institution's records. UTF-8 with a byte
//! order mark (so that Excel and WPS show Chinese), a header row, CRLF line ends, and any cell
//! that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, their full-width
//! forms `＝＋－＠`, a tab, a CR or a LF) neutralised with a leading `'`. Invisible and control
//! characters (other than line ends and tabs) that an older row may hold are left out.

use fushen_domain::enquiry::hygiene::strip_removed;

use crate::clock::china_datetime;
use crate::db::enquiries::Enquiry;

const HEADER: [&str; 18] = [
    "咨询编号",
    "收到时间",
    "提交时间",
    "姓名",
    "手机号码",
    "证书类别",
    "证书类型",
    "所在区县",
    "证书到期日",
    "留言",
    "跟进状态",
    "备注",
    "更新时间",
    "更新人",
    "同意说明时间",
    "说明版本",
    "来源页面",
    "咨询ID",
];

/// The CSV text of `rows`.
pub fn export(rows: &[Enquiry]) -> String {
    let mut out = String::from("\u{feff}");
    line(&mut out, HEADER.iter().map(|h| h.to_string()));
    for e in rows {
        let (updated_at, updated_by) = e
            .updated
            .as_ref()
            .map(|(at, by)| (china_datetime(*at), by.clone()))
            .unwrap_or_default();
        line(
            &mut out,
            [
                e.reference.clone(),
                china_datetime(e.received_at),
                e.submitted_at.clone(),
                e.name.clone(),
                e.phone.clone(),
                e.cert_category.clone(),
                e.cert_name.clone(),
                e.district.clone().unwrap_or_default(),
                e.expiry_date.clone().unwrap_or_default(),
                e.message.clone().unwrap_or_default(),
                e.status.label().to_string(),
                e.note.clone(),
                updated_at,
                updated_by,
                e.consent_at.clone(),
                e.privacy_notice_version.to_string(),
                e.page.clone(),
                e.id.clone(),
            ]
            .into_iter(),
        );
    }
    out
}

/// Appends one CSV line of `cells` (each made safe by [`cell`]).
pub fn line(out: &mut String, cells: impl Iterator<Item = String>) {
    for (i, value) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&cell(&value));
    }
    out.push_str("\r\n");
}

/// What a spreadsheet may take for the start of a formula (WPS and Excel also read the
/// full-width forms a Chinese keyboard types).
pub const FORMULA_STARTS: [char; 11] =
    ['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠'];

/// One cell: neutralised if a spreadsheet would read it as a formula, quoted when needed.
pub fn cell(value: &str) -> String {
    let value = strip_removed(value);
    let neutral = if value.starts_with(FORMULA_STARTS) {
        format!("'{value}")
    } else {
        value
    };
    if neutral.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_quotes_doubled() {
        let table = [
            ("张三", "张三"),
            (
                "=HYPERLINK(\"http://x\")",
                "\"'=HYPERLINK(\"\"http://x\"\")\"",
            ),
            ("+86", "'+86"),
            ("-1+1", "'-1+1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "\"'\n=1\""),
            ("第一行\n第二行", "\"第一行\n第二行\""),
            ("a,b", "\"a,b\""),
            ("13800138000", "13800138000"),
            ("", ""),
            ("＝HYPERLINK(1)", "'＝HYPERLINK(1)"),
            ("＋86", "'＋86"),
            ("－1", "'－1"),
            ("＠SUM(A1)", "'＠SUM(A1)"),
            ("\n=1", "\"'\n=1\""),
            ("a\u{0}b", "ab"),
            ("\u{202e}=1", "'=1"),
        ];
        for (value, written) in table {
            assert_eq!(cell(value), written, "{value:?}");
        }
    }

    #[test]
    fn an_empty_export_is_the_bom_and_the_header() {
        let text = export(&[]);
        assert!(text.starts_with("\u{feff}咨询编号,收到时间,"));
        assert!(text.ends_with("咨询ID\r\n"));
        assert_eq!(text.matches("\r\n").count(), 1);
    }
}
