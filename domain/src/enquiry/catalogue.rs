//! The form's own fixed list: Hengyang's districts and counties. (Certificate types come from
//! the app's one catalogue, [`crate::certificate`], shared with the timeline.)

/// Hengyang's districts and counties, then "其他地区" for people working elsewhere.
pub const DISTRICTS: &[&str] = &[
    "珠晖区",
    "雁峰区",
    "石鼓区",
    "蒸湘区",
    "南岳区",
    "衡阳县",
    "衡南县",
    "衡山县",
    "衡东县",
    "祁东县",
    "耒阳市",
    "常宁市",
    "其他地区",
];

/// The listed district named `name`.
pub fn district(name: &str) -> Option<&'static str> {
    DISTRICTS.iter().copied().find(|d| *d == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn districts_are_hengyangs_then_elsewhere() {
        assert_eq!(district("耒阳市"), Some("耒阳市"));
        assert_eq!(district("长沙市"), None);
        assert_eq!(DISTRICTS.len(), 13);
        assert_eq!(DISTRICTS.last(), Some(&"其他地区"));
    }
}
