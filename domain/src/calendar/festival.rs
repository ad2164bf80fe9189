//! The festivals (节日) that close offices, named as the State Council's notices name them.

use std::sync::{Mutex, PoisonError};

/// A festival that gives days off, or a one-off day off named in a notice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Festival {
    /// 元旦, 1 January.
    NewYear,
    /// 春节, the lunar new year.
    SpringFestival,
    /// 清明节, on the solar term 清明.
    Qingming,
    /// 劳动节, 1 May.
    LabourDay,
    /// 端午节, lunar 5/5.
    DragonBoat,
    /// 中秋节, lunar 8/15.
    MidAutumn,
    /// 国庆节, 1 October.
    NationalDay,
    /// A day off given once by a special notice, such as 2015's 抗战胜利70周年纪念日. Such days
    /// cannot be foreseen, so they never appear in projections.
    OneOff(&'static str),
}

impl Festival {
    /// The festivals that the law gives every year, in calendar order.
    pub const REGULAR: [Festival; 7] = [
        Festival::NewYear,
        Festival::SpringFestival,
        Festival::Qingming,
        Festival::LabourDay,
        Festival::DragonBoat,
        Festival::MidAutumn,
        Festival::NationalDay,
    ];

    /// The Chinese name, as the notices write it.
    pub fn name(self) -> &'static str {
        match self {
            Festival::NewYear => "元旦",
            Festival::SpringFestival => "春节",
            Festival::Qingming => "清明节",
            Festival::LabourDay => "劳动节",
            Festival::DragonBoat => "端午节",
            Festival::MidAutumn => "中秋节",
            Festival::NationalDay => "国庆节",
            Festival::OneOff(name) => name,
        }
    }

    /// The festival a notice's name stands for; unknown names are one-off days.
    pub fn from_name(name: &str) -> Festival {
        Festival::REGULAR
            .into_iter()
            .find(|f| f.name() == name)
            .unwrap_or_else(|| Festival::OneOff(intern(name)))
    }
}

/// One-off names read at run time (a served holiday file) live as long as the page: each
/// distinct name is kept once, so `Festival` stays `Copy` and reading the same file again costs
/// nothing. Names are short (the reader refuses long ones) and a file has one or two.
fn intern(name: &str) -> &'static str {
    static NAMES: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let mut names = NAMES.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(known) = names.iter().find(|known| **known == name) {
        return known;
    }
    let kept: &'static str = Box::leak(name.to_owned().into_boxed_str());
    names.push(kept);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for f in Festival::REGULAR {
            assert_eq!(Festival::from_name(f.name()), f);
        }
        assert_eq!(
            Festival::from_name("抗战胜利70周年纪念日"),
            Festival::OneOff("抗战胜利70周年纪念日")
        );
    }

    #[test]
    fn one_off_names_from_owned_text_are_kept_once() {
        let a = Festival::from_name(&String::from("某某纪念日"));
        let b = Festival::from_name(&String::from("某某纪念日"));
        match (a, b) {
            (Festival::OneOff(x), Festival::OneOff(y)) => {
                assert_eq!(x, "某某纪念日");
                assert!(std::ptr::eq(x, y), "the same name is not kept twice");
            }
            other => panic!("{other:?}"),
        }
    }
}
