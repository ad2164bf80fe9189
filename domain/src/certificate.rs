//! The special-operation certificate types (特种作业操作证的作业类别): one grouped list for the whole
//! app, welding first (this is a welders' site), plus 其他 with the holder's own words. The
//! timeline and the enquiry form both choose from it.
//!
//! Each type has a short stable code (`w1`, `e2`, …, `ot` for 其他): it is what the timeline stores
//! and what its link carries. Enquiries name types by a readable slug instead (`fusion-welding`,
//! …, `other`), which is what the institution's back office receives. Neither is ever renumbered
//! or renamed; a new type gets a new code and a new slug.

/// A category of the catalogue (作业类别) and its operation items.
#[derive(Debug)]
pub struct Category {
    /// The category's name, e.g. 焊接与热切割作业.
    pub name: &'static str,
    /// Its items, in the order shown.
    pub kinds: &'static [CertificateKind],
}

/// One operation item of the catalogue (操作项目).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CertificateKind {
    /// 熔化焊接与热切割作业.
    FusionWelding,
    /// 压力焊作业.
    PressureWelding,
    /// 钎焊作业.
    Brazing,
    /// 低压电工作业.
    LowVoltage,
    /// 高压电工作业.
    HighVoltage,
    /// 防爆电气作业.
    ExplosionProof,
    /// 登高架设作业.
    Scaffolding,
    /// 高处安装、维护、拆除作业.
    WorkAtHeight,
    /// 制冷与空调设备运行操作作业.
    RefrigerationOperation,
    /// 制冷与空调设备安装修理作业.
    RefrigerationInstallation,
}

/// The catalogue, grouped, welding first.
pub const CATALOGUE: [Category; 4] = [
    Category {
        name: "焊接与热切割作业",
        kinds: &[
            CertificateKind::FusionWelding,
            CertificateKind::PressureWelding,
            CertificateKind::Brazing,
        ],
    },
    Category {
        name: "电工作业",
        kinds: &[
            CertificateKind::LowVoltage,
            CertificateKind::HighVoltage,
            CertificateKind::ExplosionProof,
        ],
    },
    Category {
        name: "高处作业",
        kinds: &[CertificateKind::Scaffolding, CertificateKind::WorkAtHeight],
    },
    Category {
        name: "制冷与空调作业",
        kinds: &[
            CertificateKind::RefrigerationOperation,
            CertificateKind::RefrigerationInstallation,
        ],
    },
];

/// The code of 其他 (a type the catalogue above does not list).
pub const OTHER_CODE: &str = "ot";
/// The slug of 其他 in enquiries.
pub const OTHER_SLUG: &str = "other";
/// How 其他 is shown.
pub const OTHER_NAME: &str = "其他";
/// The longest own description of a 其他 type, in characters.
pub const OTHER_MAX_CHARS: usize = 30;

impl CertificateKind {
    /// Every item, in catalogue order.
    pub const ALL: [CertificateKind; 10] = [
        CertificateKind::FusionWelding,
        CertificateKind::PressureWelding,
        CertificateKind::Brazing,
        CertificateKind::LowVoltage,
        CertificateKind::HighVoltage,
        CertificateKind::ExplosionProof,
        CertificateKind::Scaffolding,
        CertificateKind::WorkAtHeight,
        CertificateKind::RefrigerationOperation,
        CertificateKind::RefrigerationInstallation,
    ];

    /// The stable two-character code.
    pub fn code(self) -> &'static str {
        match self {
            CertificateKind::FusionWelding => "w1",
            CertificateKind::PressureWelding => "w2",
            CertificateKind::Brazing => "w3",
            CertificateKind::LowVoltage => "e1",
            CertificateKind::HighVoltage => "e2",
            CertificateKind::ExplosionProof => "e3",
            CertificateKind::Scaffolding => "h1",
            CertificateKind::WorkAtHeight => "h2",
            CertificateKind::RefrigerationOperation => "r1",
            CertificateKind::RefrigerationInstallation => "r2",
        }
    }

    /// The item's name.
    pub fn name(self) -> &'static str {
        match self {
            CertificateKind::FusionWelding => "熔化焊接与热切割作业",
            CertificateKind::PressureWelding => "压力焊作业",
            CertificateKind::Brazing => "钎焊作业",
            CertificateKind::LowVoltage => "低压电工作业",
            CertificateKind::HighVoltage => "高压电工作业",
            CertificateKind::ExplosionProof => "防爆电气作业",
            CertificateKind::Scaffolding => "登高架设作业",
            CertificateKind::WorkAtHeight => "高处安装、维护、拆除作业",
            CertificateKind::RefrigerationOperation => "制冷与空调设备运行操作作业",
            CertificateKind::RefrigerationInstallation => "制冷与空调设备安装修理作业",
        }
    }

    /// The item with this code.
    pub fn from_code(code: &str) -> Option<CertificateKind> {
        CertificateKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The readable slug that enquiries carry.
    pub fn slug(self) -> &'static str {
        match self {
            CertificateKind::FusionWelding => "fusion-welding",
            CertificateKind::PressureWelding => "pressure-welding",
            CertificateKind::Brazing => "brazing",
            CertificateKind::LowVoltage => "low-voltage",
            CertificateKind::HighVoltage => "high-voltage",
            CertificateKind::ExplosionProof => "explosion-proof",
            CertificateKind::Scaffolding => "scaffolding",
            CertificateKind::WorkAtHeight => "work-at-height",
            CertificateKind::RefrigerationOperation => "refrigeration-operation",
            CertificateKind::RefrigerationInstallation => "refrigeration-repair",
        }
    }

    /// The item with this slug.
    pub fn from_slug(slug: &str) -> Option<CertificateKind> {
        CertificateKind::ALL.into_iter().find(|k| k.slug() == slug)
    }

    /// The category (作业类别) the item belongs to.
    pub fn category(self) -> &'static str {
        CATALOGUE
            .iter()
            .find(|c| c.kinds.contains(&self))
            .map_or("", |c| c.name)
    }
}

/// A certificate type as chosen: a catalogue item, or 其他 in the holder's own words (which may
/// be empty when it came from a link: links never carry free text).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum CertificateType {
    /// An item of [`CATALOGUE`].
    Listed(CertificateKind),
    /// 其他, with the holder's description.
    Other(String),
}

impl CertificateType {
    /// The code: the item's, or [`OTHER_CODE`].
    pub fn code(&self) -> &'static str {
        match self {
            CertificateType::Listed(kind) => kind.code(),
            CertificateType::Other(_) => OTHER_CODE,
        }
    }

    /// What to show: the item's name, the holder's description, or 其他.
    pub fn name(&self) -> &str {
        match self {
            CertificateType::Listed(kind) => kind.name(),
            CertificateType::Other(text) if !text.trim().is_empty() => text.trim(),
            CertificateType::Other(_) => OTHER_NAME,
        }
    }

    /// The type with this code; 其他 gets an empty description.
    pub fn from_code(code: &str) -> Option<CertificateType> {
        if code == OTHER_CODE {
            return Some(CertificateType::Other(String::new()));
        }
        CertificateKind::from_code(code).map(CertificateType::Listed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_item_is_in_one_category_once_and_codes_are_unique() {
        let listed: Vec<_> = CATALOGUE.iter().flat_map(|c| c.kinds.iter()).collect();
        assert_eq!(listed.len(), CertificateKind::ALL.len());
        let unique: HashSet<_> = listed.iter().collect();
        assert_eq!(unique.len(), listed.len());
        let codes: HashSet<_> = CertificateKind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(codes.len(), CertificateKind::ALL.len());
        assert!(!codes.contains(OTHER_CODE));
        assert!(codes.iter().all(|c| c.len() == 2 && c.is_ascii()));
        assert_eq!(OTHER_CODE.len(), 2);
        assert_eq!(CATALOGUE[0].name, "焊接与热切割作业", "welding first");
    }

    #[test]
    fn slugs_are_unique_and_name_their_category() {
        let slugs: HashSet<_> = CertificateKind::ALL.iter().map(|k| k.slug()).collect();
        assert_eq!(slugs.len(), CertificateKind::ALL.len());
        assert!(!slugs.contains(OTHER_SLUG));
        for kind in CertificateKind::ALL {
            assert_eq!(CertificateKind::from_slug(kind.slug()), Some(kind));
            assert!(!kind.category().is_empty());
        }
        assert_eq!(CertificateKind::LowVoltage.category(), "电工作业");
        assert_eq!(CertificateKind::from_slug("other"), None);
    }

    #[test]
    fn codes_round_trip_and_other_keeps_its_words() {
        for kind in CertificateKind::ALL {
            assert_eq!(CertificateKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(CertificateKind::from_code("zz"), None);
        assert_eq!(
            CertificateType::from_code("ot"),
            Some(CertificateType::Other(String::new()))
        );
        assert_eq!(CertificateType::Other(String::new()).name(), "其他");
        assert_eq!(
            CertificateType::Other(" 金属非金属矿山安全检查作业 ".into()).name(),
            "金属非金属矿山安全检查作业"
        );
    }
}
