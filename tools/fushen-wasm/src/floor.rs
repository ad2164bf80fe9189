//! The oldest browsers the site's tools run on, as WebAssembly features.
//!
//! Rust's `wasm32-unknown-unknown` target emits, by default and in its prebuilt standard library,
//! bulk memory, reference types, multi-value, sign extension, non-trapping float-to-int and
//! mutable globals: WebAssembly 2.0 without SIMD. The last of these to reach browsers was
//! reference types, so the floor is Chrome (and Android WebView) 96, Safari (and every iOS
//! browser) 15, Firefox 79. Going lower would mean rebuilding the standard library for the MVP,
//! which the stable toolchain cannot. `static/boot.js` asks the browser the same question with a
//! small probe module (`FLOOR_PROBE`, tested here against [`FLOOR`]) and, below the floor,
//! says that the calculator cannot run there while the guide still reads.

use wasmparser::{Validator, WasmFeatures};

/// The features every module of the site may use, and no other.
pub const FLOOR: WasmFeatures = WasmFeatures::WASM1
    .union(WasmFeatures::BULK_MEMORY)
    .union(WasmFeatures::REFERENCE_TYPES)
    .union(WasmFeatures::SIGN_EXTENSION)
    .union(WasmFeatures::SATURATING_FLOAT_TO_INT)
    .union(WasmFeatures::MULTI_VALUE);

/// The browsers [`FLOOR`] means, as said in the docs and in the build's output.
pub const FLOOR_BROWSERS: &str = "Chrome/Android WebView 96+, Safari/iOS 15+, Firefox 79+";

/// Ok when `wasm` validates with the floor's features only; else the validator's reason.
pub fn check_floor(wasm: &[u8]) -> Result<(), String> {
    validate(wasm, FLOOR)
}

fn validate(wasm: &[u8], features: WasmFeatures) -> Result<(), String> {
    Validator::new_with_features(features)
        .validate_all(wasm)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The floor's features one by one, named as browsers' feature tables name them.
    const FLOOR_FEATURES: [(WasmFeatures, &str); 6] = [
        (WasmFeatures::MUTABLE_GLOBAL, "mutable-globals"),
        (WasmFeatures::BULK_MEMORY, "bulk-memory"),
        (WasmFeatures::REFERENCE_TYPES, "reference-types"),
        (WasmFeatures::SIGN_EXTENSION, "sign-ext"),
        (WasmFeatures::SATURATING_FLOAT_TO_INT, "nontrapping-fptoint"),
        (WasmFeatures::MULTI_VALUE, "multivalue"),
    ];

    /// The probe module as `static/boot.js` writes it (`const FLOOR_PROBE = [...]`).
    fn probe_in_boot_js() -> Vec<u8> {
        let boot = include_str!("../../../static/boot.js");
        let start = boot
            .find("FLOOR_PROBE = [")
            .expect("boot.js has FLOOR_PROBE")
            + 15;
        let end = start + boot[start..].find(']').expect("FLOOR_PROBE ends");
        boot[start..end]
            .split(',')
            .map(|n| n.trim().parse::<u8>().expect("a byte"))
            .collect()
    }

    #[test]
    fn the_probe_in_boot_js_validates_on_the_floor() {
        assert_eq!(check_floor(&probe_in_boot_js()), Ok(()));
    }

    #[test]
    fn the_probe_needs_every_feature_of_the_floor() {
        // A browser missing any one of them is told the truth, not "check the network".
        let probe = probe_in_boot_js();
        for (feature, name) in FLOOR_FEATURES {
            assert!(
                validate(&probe, FLOOR.difference(feature)).is_err(),
                "the probe runs without {name}"
            );
        }
    }

    #[test]
    fn a_browser_without_modules_is_told_what_boot_js_tells_one_below_the_floor() {
        // old-browser.js runs where boot.js cannot (no JavaScript modules); both say one line.
        let boot = include_str!("../../../static/boot.js");
        let old = include_str!("../../../static/old-browser.js");
        let start = boot
            .find("say('这个浏览器版本太旧")
            .expect("boot.js says it")
            + 5;
        let line = &boot[start..start + boot[start..].find('\'').unwrap()];
        assert!(line.contains("安卓 Chrome 96、苹果 iOS 15"), "{line}");
        assert!(
            old.contains(&format!("'{line}'")),
            "old-browser.js says: {line}"
        );
    }

    #[test]
    fn a_module_beyond_the_floor_is_refused() {
        // (module (func (result v128) v128.const i64x2 0 0)): SIMD, which the floor leaves out.
        let mut simd = b"\0asm\x01\0\0\0".to_vec();
        simd.extend([0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b]); // type: [] -> [v128]
        simd.extend([0x03, 0x02, 0x01, 0x00]); // one function of type 0
        let body = [
            &[0x00, 0xfd, 0x0c][..], // no locals; v128.const
            &[0; 16],
            &[0x0b], // end
        ]
        .concat();
        simd.extend([0x0a, body.len() as u8 + 2, 0x01, body.len() as u8]);
        simd.extend(body);
        assert_eq!(validate(&simd, FLOOR.union(WasmFeatures::SIMD)), Ok(()));
        let refused = check_floor(&simd).unwrap_err();
        assert!(refused.contains("SIMD"), "{refused}");
    }

    #[test]
    fn the_floor_is_webassembly_2_without_simd() {
        assert_eq!(
            FLOOR,
            WasmFeatures::WASM2.difference(WasmFeatures::SIMD),
            "a change of floor must change FLOOR_BROWSERS, boot.js's probe and the docs"
        );
    }
}
