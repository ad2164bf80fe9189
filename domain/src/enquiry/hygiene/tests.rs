//! The character rule, class by class, through every normaliser that uses it; and property tests
//! over arbitrary Unicode mixed with the characters the rule names: whatever a normaliser accepts
//! is clean and normalises to itself, and nothing panics.

use proptest::prelude::*;

use super::*;
use crate::enquiry::text::{
    message_len, normalise_message, normalise_name, normalise_note, normalise_short_text,
    NAME_MAX_CHARS,
};

/// Every removed character the module doc names: both ends of each range, and a few inside.
const REMOVED: &[char] = &[
    // Controls: C0, DEL, C1 (those that are not line ends or tabs anywhere).
    '\0',
    '\u{1}',
    '\u{7}',
    '\u{8}',
    '\u{1b}',
    '\u{1c}',
    '\u{1f}',
    '\u{7f}',
    '\u{80}',
    '\u{9b}',
    '\u{9f}',
    // Invisible and formatting characters.
    '\u{ad}',
    '\u{34f}',
    '\u{61c}',
    '\u{115f}',
    '\u{1160}',
    '\u{17b4}',
    '\u{17b5}',
    '\u{180b}',
    '\u{180e}',
    '\u{180f}',
    '\u{200b}',
    '\u{200c}',
    '\u{200d}',
    '\u{200e}',
    '\u{200f}',
    '\u{202a}',
    '\u{202b}',
    '\u{202c}',
    '\u{202d}',
    '\u{202e}',
    '\u{2060}',
    '\u{2064}',
    '\u{2066}',
    '\u{2067}',
    '\u{2068}',
    '\u{2069}',
    '\u{206a}',
    '\u{206f}',
    '\u{3164}',
    '\u{fe00}',
    '\u{fe0f}',
    '\u{feff}',
    '\u{ffa0}',
    '\u{fff9}',
    '\u{fffb}',
    '\u{1bca0}',
    '\u{1bca3}',
    '\u{1d173}',
    '\u{1d17a}',
    '\u{e0000}',
    '\u{e0001}',
    '\u{e0041}',
    '\u{e007f}',
    '\u{e0100}',
    '\u{e0fff}',
];

/// Neighbours of the removed ranges, and look-alikes, that show something and are kept.
const KEPT: &[char] = &[
    '-',
    '\u{ac}',
    '\u{ae}',
    '\u{2010}',
    '\u{180a}',
    '\u{2065}',
    '\u{2070}',
    '\u{3165}',
    '\u{fe10}',
    '\u{fffc}',
    '\u{1bca4}',
    '\u{1d172}',
    '\u{1d17b}',
    '\u{e1000}',
    '\u{1f600}',
];

/// The combining-mark blocks the stacked-marks rule counts, both ends of each.
const MARKS: &[char] = &[
    '\u{300}', '\u{36f}', '\u{483}', '\u{489}', '\u{1ab0}', '\u{1aff}', '\u{1dc0}', '\u{1dff}',
    '\u{20d0}', '\u{20ff}', '\u{fe20}', '\u{fe2f}',
];

#[test]
fn removed_characters_are_removed_from_every_field() {
    for &c in REMOVED {
        let what = format!("U+{:04X}", c as u32);
        assert_eq!(
            normalise_name(&format!("张{c}三")),
            Ok("张三".into()),
            "{what}"
        );
        assert_eq!(
            normalise_short_text(&format!("锅炉{c}司炉"), 30),
            Ok("锅炉司炉".into()),
            "{what}"
        );
        assert_eq!(
            normalise_message(&format!("你好{c}请问")),
            Ok(Some("你好请问".into())),
            "{what}"
        );
        assert_eq!(note(&format!("{c}回电{c}")), Ok("回电".into()), "{what}");
        assert_eq!(message_len(&format!("你好{c}")), 2, "{what}");
        assert_eq!(strip_removed(&format!(" a{c}b ")), " ab ", "{what}");
        assert!(!is_clean(&c.to_string(), true), "{what}");
        assert!(!is_clean(&c.to_string(), false), "{what}");
        // Alone, it leaves nothing.
        assert_eq!(
            normalise_name(&c.to_string()),
            Err(FieldError::Empty),
            "{what}"
        );
        assert_eq!(
            normalise_short_text(&format!("{c} {c}"), 30),
            Err(FieldError::Empty),
            "{what}"
        );
        assert_eq!(normalise_message(&c.to_string()), Ok(None), "{what}");
    }
}

/// A note with the message's limit.
fn note(input: &str) -> Result<String, FieldError> {
    normalise_note(input, 500)
}

#[test]
fn their_visible_neighbours_are_kept() {
    for &c in KEPT.iter().chain(MARKS) {
        let what = format!("U+{:04X}", c as u32);
        let text = format!("锅炉{c}司炉");
        assert_eq!(normalise_short_text(&text, 30), Ok(text.clone()), "{what}");
        assert_eq!(normalise_message(&text), Ok(Some(text.clone())), "{what}");
        assert_eq!(strip_removed(&text), text, "{what}");
        assert!(is_clean(&text, false), "{what}");
    }
}

#[test]
fn the_bidi_trick_reads_in_its_true_order() {
    // Shown with the override, this reads as another number; without it, as it is stored.
    assert_eq!(
        normalise_message("回电 \u{202E}0008 3100 831\u{202C}"),
        Ok(Some("回电 0008 3100 831".into()))
    );
    assert_eq!(
        normalise_short_text("\u{202E}炉司炉锅\u{202C}", 30),
        Ok("炉司炉锅".into())
    );
    assert_eq!(normalise_name("\u{2067}张三\u{2069}"), Ok("张三".into()));
}

#[test]
fn line_ends_and_tabs() {
    // The message keeps lines and tabs, every line end made \n; other controls go.
    assert_eq!(
        normalise_message("a\u{2028}b\u{2029}c\r\nd\re\n\tf"),
        Ok(Some("a\nb\nc\nd\ne\n\tf".into()))
    );
    assert_eq!(
        normalise_message("a\u{b}b\u{c}c\u{85}d"),
        Ok(Some("abcd".into()))
    );
    assert_eq!(strip_removed("a\r\nb\rc\u{2028}d"), "a\nb\nc\nd");
    // Single-line fields: a line end or a tab separates words like a space.
    for separator in [
        "\t", "\n", "\r\n", "\u{2028}", "\u{2029}", "\u{85}", "\u{3000}",
    ] {
        assert_eq!(
            normalise_name(&format!("欧阳{separator}娜娜")),
            Ok("欧阳 娜娜".into()),
            "{separator:?}"
        );
        assert_eq!(
            normalise_short_text(&format!("锅炉{separator}司炉"), 30),
            Ok("锅炉 司炉".into()),
            "{separator:?}"
        );
    }
}

#[test]
fn more_than_three_marks_in_a_row_make_a_field_invalid() {
    for &mark in MARKS {
        let what = format!("U+{:04X}", mark as u32);
        let three = format!("e{}", mark.to_string().repeat(3));
        let four = format!("e{}", mark.to_string().repeat(4));
        assert_eq!(normalise_message(&three), Ok(Some(three.clone())), "{what}");
        assert_eq!(
            normalise_short_text(&three, 30),
            Ok(three.clone()),
            "{what}"
        );
        assert_eq!(note(&three), Ok(three.clone()), "{what}");
        assert_eq!(
            normalise_message(&four),
            Err(FieldError::StackedMarks),
            "{what}"
        );
        assert_eq!(
            normalise_short_text(&four, 30),
            Err(FieldError::StackedMarks),
            "{what}"
        );
        assert_eq!(note(&four), Err(FieldError::StackedMarks), "{what}");
    }
    // Mixed blocks count together; a removed character between them does not break the run
    // (it is gone once normalised), a letter or a space does.
    let table: &[(&str, Result<(), FieldError>)] = &[
        (
            "a\u{300}\u{1dc0}\u{20d0}\u{fe20}",
            Err(FieldError::StackedMarks),
        ),
        (
            "a\u{300}\u{300}\u{200b}\u{300}\u{300}",
            Err(FieldError::StackedMarks),
        ),
        (
            "a\u{300}\u{300}\u{0}\u{300}\u{300}",
            Err(FieldError::StackedMarks),
        ),
        ("a\u{300}\u{300}b\u{300}\u{300}", Ok(())),
        ("a\u{300}\u{300}\u{300} \u{300}", Ok(())),
        // Vietnamese, decomposed: two marks on one letter.
        ("Vie\u{302}\u{323}t", Ok(())),
        (
            "H\u{336}\u{334}\u{30d}\u{352}\u{34a}e\u{315}\u{31b}",
            Err(FieldError::StackedMarks),
        ),
    ];
    for (input, expected) in table {
        assert_eq!(normalise_message(input).map(drop), *expected, "{input:?}");
    }
    // Zalgo in a name is named as such, not as a wrong character.
    assert_eq!(
        normalise_name("张\u{345}\u{345}\u{345}\u{345}"),
        Err(FieldError::StackedMarks)
    );
    assert_eq!(
        normalise_name("Ze\u{300}\u{301}\u{302}\u{303}"),
        Err(FieldError::StackedMarks)
    );
    assert_eq!(
        FieldError::StackedMarks.message(),
        "有好几个符号叠在同一个字上，请删掉后重新输入"
    );
}

#[test]
fn a_name_needs_a_letter_that_shows() {
    let table: &[(&str, Result<&str, FieldError>)] = &[
        ("\u{3164}", Err(FieldError::Empty)),
        ("\u{3164}\u{3164}\u{3164}", Err(FieldError::Empty)),
        ("\u{3164} \u{3164}", Err(FieldError::Empty)),
        ("\u{115f}\u{1160}\u{ffa0}", Err(FieldError::Empty)),
        ("\u{200b}\u{ad}\u{feff}", Err(FieldError::Empty)),
        ("\u{e0041}\u{e0042}", Err(FieldError::Empty)),
        ("\0", Err(FieldError::Empty)),
        // A combining letter alone has nothing to sit on.
        ("\u{345}", Err(FieldError::NameCharacters)),
        ("\u{3164}张三\u{3164}", Ok("张三")),
        ("김\u{3164}철수", Ok("김철수")),
    ];
    for (input, expected) in table {
        assert_eq!(
            normalise_name(input),
            expected.map(str::to_string),
            "{input:?}"
        );
    }
}

#[test]
fn notes_follow_the_message_rules_and_may_be_empty() {
    assert_eq!(normalise_note("", 10), Ok(String::new()));
    assert_eq!(normalise_note(" \r\n\u{200b} ", 10), Ok(String::new()));
    assert_eq!(
        normalise_note(" 已回电\r\n\t约周五来 ", 20),
        Ok("已回电\n\t约周五来".into())
    );
    assert_eq!(normalise_note(&"字".repeat(10), 10), Ok("字".repeat(10)));
    assert_eq!(
        normalise_note(&"字".repeat(11), 10),
        Err(FieldError::TooLong { max: 10, len: 11 })
    );
    // Removed characters do not count towards the limit.
    assert_eq!(
        normalise_note(&"字\u{200b}".repeat(10), 10),
        Ok("字".repeat(10))
    );
    assert_eq!(normalise_note("已回电\u{202e}", 10), Ok("已回电".into()));
    assert_eq!(
        normalise_note("a\u{300}\u{300}\u{300}\u{300}", 10),
        Err(FieldError::StackedMarks)
    );
}

#[test]
fn clean_means_nothing_to_remove() {
    let table: &[(&str, bool, bool)] = &[
        // (text, multiline, clean)
        ("", false, true),
        ("张三", false, true),
        ("a\nb", true, true),
        ("a\tb", true, true),
        ("a\nb", false, false),
        ("a\tb", false, false),
        ("a\r\nb", true, false),
        ("a\u{2028}b", true, false),
        ("a\u{2029}b", false, false),
        ("a\u{85}b", true, false),
        ("a\u{ad}b", true, false),
        ("回电 \u{202e}0008", false, false),
        ("e\u{301}", false, true),
    ];
    for (text, multiline, clean) in table {
        assert_eq!(is_clean(text, *multiline), *clean, "{text:?} {multiline}");
    }
    // Old rows are cleaned without being trimmed.
    assert_eq!(
        strip_removed(" a\u{202e}b\0c\r\nd\u{2028}e\tf "),
        " abc\nd\ne\tf "
    );
}

/// A character from anywhere, or (more often) one the rule names: removed, kept neighbours,
/// marks, line ends, spaces, dots and letters.
fn any_char() -> impl Strategy<Value = char> {
    let named: Vec<char> = REMOVED
        .iter()
        .chain(KEPT)
        .chain(MARKS)
        .copied()
        .chain([
            '\u{345}', '\t', '\n', '\r', '\u{2028}', '\u{2029}', '\u{85}', '\u{b}',
        ])
        .chain([
            ' ', '\u{3000}', '\u{a0}', '·', '・', '张', '三', 'a', 'Z', 'é', '1', '<',
        ])
        .collect();
    prop_oneof![
        1 => any::<char>(),
        3 => proptest::sample::select(named),
    ]
}

fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(any_char(), 0..40).prop_map(|c| c.into_iter().collect()),
    ]
}

proptest! {
    /// Whatever a normaliser accepts is clean, free of stacked marks, within its limit, and
    /// normalises to itself (the receiver refuses anything else).
    #[test]
    fn accepted_text_is_clean_and_normalises_to_itself(input in hostile_text()) {
        if let Ok(name) = normalise_name(&input) {
            prop_assert!(is_clean(&name, false), "{:?}", name);
            prop_assert!(check_marks(name.chars()).is_ok());
            prop_assert!(!name.is_empty() && name.chars().count() <= NAME_MAX_CHARS);
            prop_assert_eq!(normalise_name(&name), Ok(name.clone()));
        }
        if let Ok(text) = normalise_short_text(&input, 30) {
            prop_assert!(is_clean(&text, false), "{:?}", text);
            prop_assert!(check_marks(text.chars()).is_ok());
            prop_assert_eq!(normalise_short_text(&text, 30), Ok(text.clone()));
        }
        if let Ok(message) = normalise_message(&input) {
            let message = message.unwrap_or_default();
            prop_assert!(is_clean(&message, true), "{:?}", message);
            prop_assert!(check_marks(message.chars()).is_ok());
            prop_assert_eq!(message_len(&message), message.chars().count());
            let again = normalise_message(&message).map(Option::unwrap_or_default);
            prop_assert_eq!(again, Ok(message.clone()));
        }
        if let Ok(text) = note(&input) {
            prop_assert!(is_clean(&text, true), "{:?}", text);
            prop_assert_eq!(note(&text), Ok(text.clone()));
        }
    }

    /// Cleaning old text leaves it clean, once is enough, and clean text is left alone.
    #[test]
    fn strip_removed_cleans_once(input in hostile_text()) {
        let stripped = strip_removed(&input);
        prop_assert!(is_clean(&stripped, true), "{:?}", stripped);
        prop_assert_eq!(strip_removed(&stripped), stripped.clone());
        if is_clean(&input, true) {
            prop_assert_eq!(stripped, input);
        }
    }

    /// A removed character anywhere changes nothing a normaliser accepts.
    #[test]
    fn removed_characters_change_nothing(
        text in "[\\p{Han}a-z]{1,10}",
        removed in proptest::sample::select(REMOVED),
        at in any::<proptest::sample::Index>(),
    ) {
        let mut chars: Vec<char> = text.chars().collect();
        chars.insert(at.index(chars.len() + 1), removed);
        let dirty: String = chars.into_iter().collect();
        prop_assert_eq!(normalise_name(&dirty), normalise_name(&text));
        prop_assert_eq!(normalise_short_text(&dirty, 30), normalise_short_text(&text, 30));
        prop_assert_eq!(normalise_message(&dirty), normalise_message(&text));
    }
}
