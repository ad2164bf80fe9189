//! The fixed lists of the form: certificate types of the special-operation catalogue (grouped,
//! welding first, since this is a welders' site) and Hengyang's districts and counties.

/// A category of the special-operation catalogue, with its operation items.
#[derive(Debug, PartialEq, Eq)]
pub struct Category {
    /// The category's name, e.g. 焊接与热切割作业.
    pub name: &'static str,
    /// Its items, in catalogue order.
    pub items: &'static [CertificateType],
}

/// One operation item: a stable code (what drafts keep) and its name.
#[derive(Debug, PartialEq, Eq)]
pub struct CertificateType {
    /// Stable, ASCII; what a draft stores and the payload carries.
    pub code: &'static str,
    /// The item's name, e.g. 熔化焊接与热切割作业.
    pub name: &'static str,
}

/// The code of "其他" (the user names the type in a text field).
pub const OTHER_CODE: &str = "other";
/// The label of "其他".
pub const OTHER_NAME: &str = "其他";
/// The longest name the user may type for "其他".
pub const OTHER_MAX_CHARS: usize = 30;

const fn item(code: &'static str, name: &'static str) -> CertificateType {
    CertificateType { code, name }
}

/// The categories, welding first; "其他" is not among them ([`OTHER_CODE`]).
pub const CATEGORIES: &[Category] = &[
    Category {
        name: "焊接与热切割作业",
        items: &[
            item("fusion-welding", "熔化焊接与热切割作业"),
            item("pressure-welding", "压力焊作业"),
            item("brazing", "钎焊作业"),
        ],
    },
    Category {
        name: "电工作业",
        items: &[
            item("low-voltage", "低压电工作业"),
            item("high-voltage", "高压电工作业"),
            item("explosion-proof", "防爆电气作业"),
        ],
    },
    Category {
        name: "高处作业",
        items: &[
            item("scaffolding", "登高架设作业"),
            item("work-at-height", "高处安装、维护、拆除作业"),
        ],
    },
    Category {
        name: "制冷与空调作业",
        items: &[
            item("refrigeration-operation", "制冷与空调设备运行操作作业"),
            item("refrigeration-repair", "制冷与空调设备安装修理作业"),
        ],
    },
];

/// The listed item with `code`, with its category.
pub fn certificate_type(code: &str) -> Option<(&'static Category, &'static CertificateType)> {
    CATEGORIES.iter().find_map(|category| {
        category
            .items
            .iter()
            .find(|item| item.code == code)
            .map(|item| (category, item))
    })
}

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
    use std::collections::HashSet;

    #[test]
    fn welding_comes_first_and_codes_are_unique() {
        assert_eq!(CATEGORIES[0].name, "焊接与热切割作业");
        assert_eq!(CATEGORIES[0].items[0].name, "熔化焊接与热切割作业");
        let codes: Vec<_> = CATEGORIES
            .iter()
            .flat_map(|c| c.items.iter().map(|i| i.code))
            .chain([OTHER_CODE])
            .collect();
        assert_eq!(codes.len(), 11);
        assert_eq!(codes.iter().collect::<HashSet<_>>().len(), codes.len());
        assert!(codes.iter().all(|c| !c.is_empty() && c.is_ascii()));
    }

    #[test]
    fn lookups_find_listed_entries_only() {
        let (category, item) = certificate_type("low-voltage").unwrap();
        assert_eq!((category.name, item.name), ("电工作业", "低压电工作业"));
        assert_eq!(certificate_type(OTHER_CODE), None);
        assert_eq!(certificate_type(""), None);
        assert_eq!(district("耒阳市"), Some("耒阳市"));
        assert_eq!(district("长沙市"), None);
        assert_eq!(DISTRICTS.len(), 13);
        assert_eq!(DISTRICTS.last(), Some(&"其他地区"));
    }
}
