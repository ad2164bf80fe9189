//! The built site (`dist/`), held in memory and served the way docs/developer.md's "Deploy" asks a
//! host to: the right content types, brotli or gzip compressed once, hashed files cached for a
//! year, the rest revalidated every time (ETag → 304), and the deployment's name and phone number
//! put into the page's `<meta>` tags so that staff need not edit HTML.
//!
//! Brotli runs at its best quality (the first load on slow 4G is what counts), which takes
//! seconds for the wasm; so the server starts at once and [`Site::compress`] runs on a thread of
//! its own, the files going out uncompressed, then gzip, then brotli as each becomes ready.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;

use crate::db::sha256_hex;
use crate::html::esc;

/// What a response carries for one file.
#[derive(Debug)]
struct Asset {
    content_type: &'static str,
    cache_control: &'static str,
    /// Strong validator of the file's content (each encoding gets its own suffix).
    etag: String,
    raw: Bytes,
    compressible: bool,
    /// Filled by [`Site::compress`]; `None` inside when compressing did not make it smaller.
    br: OnceLock<Option<Bytes>>,
    gzip: OnceLock<Option<Bytes>>,
}

/// The site, by URL path (`/index.html`, `/fushen-0123456789abcdef.js`, …).
#[derive(Debug, Default)]
pub struct Site {
    files: HashMap<String, Asset>,
}

/// The settings put into the served page.
#[derive(Clone, Debug, Default)]
pub struct PageSettings {
    /// `fushen-institution`.
    pub institution: Option<String>,
    /// `fushen-phone`.
    pub phone: Option<String>,
}

impl Site {
    /// Reads every file under `dir` and fills `settings` into `index.html` (compression is
    /// [`Site::compress`]'s).
    pub fn load(dir: &Path, settings: &PageSettings) -> std::io::Result<Site> {
        let mut files = HashMap::new();
        let mut pending = vec![dir.to_path_buf()];
        while let Some(folder) = pending.pop() {
            for entry in std::fs::read_dir(&folder)? {
                let path = entry?.path();
                if path.is_dir() {
                    pending.push(path);
                    continue;
                }
                let Ok(relative) = path.strip_prefix(dir) else {
                    continue;
                };
                let url: String = relative
                    .components()
                    .map(|c| format!("/{}", c.as_os_str().to_string_lossy()))
                    .collect();
                let mut bytes = std::fs::read(&path)?;
                if url == "/index.html" {
                    let html = String::from_utf8_lossy(&bytes);
                    bytes = inject_settings(&html, settings).into_bytes();
                }
                files.insert(url.clone(), asset(&url, bytes));
            }
        }
        Ok(Site { files })
    }

    /// Serves `bytes` at `url` instead of the built file (or in addition to the site's files).
    pub fn replace(&mut self, url: &str, bytes: Vec<u8>) {
        self.files.insert(url.to_string(), asset(url, bytes));
    }

    /// How many files the site has.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when there is no site to serve.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Compresses every file worth it, gzip first (fast) then brotli (best); each version is
    /// served from the moment it is ready.
    pub fn compress(&self) {
        for asset in self.files.values().filter(|a| a.compressible) {
            asset
                .gzip
                .get_or_init(|| smaller(compress_gzip(&asset.raw), &asset.raw));
        }
        for asset in self.files.values().filter(|a| a.compressible) {
            asset
                .br
                .get_or_init(|| smaller(compress_br(&asset.raw), &asset.raw));
        }
    }

    /// The answer to `GET`/`HEAD` of `path`, or `None` when there is no such file.
    pub fn respond(&self, path: &str, head: bool, request: &HeaderMap) -> Option<Response> {
        let key = if path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        };
        let asset = self.files.get(&key)?;
        let accept = request
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let br = asset.br.get().and_then(Option::as_ref);
        let gzip = asset.gzip.get().and_then(Option::as_ref);
        let (body, encoding) = match (br, gzip) {
            (Some(br), _) if accepts(accept, "br") => (br, Some("br")),
            (_, Some(gzip)) if accepts(accept, "gzip") => (gzip, Some("gzip")),
            _ => (&asset.raw, None),
        };
        let etag = match encoding {
            Some(e) => format!("\"{}-{e}\"", asset.etag),
            None => format!("\"{}\"", asset.etag),
        };
        let fresh = request
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|tags| tags.split(',').any(|t| t.trim() == etag || t.trim() == "*"));

        let mut response = Response::new(if fresh || head {
            Body::empty()
        } else {
            Body::from(body.clone())
        });
        *response.status_mut() = if fresh {
            StatusCode::NOT_MODIFIED
        } else {
            StatusCode::OK
        };
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(asset.content_type),
        );
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(asset.cache_control),
        );
        if let Ok(value) = HeaderValue::from_str(&etag) {
            headers.insert(header::ETAG, value);
        }
        if asset.compressible {
            headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
        if let Some(encoding) = encoding {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
        }
        if !fresh {
            headers.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
        }
        Some(response)
    }
}

fn asset(url: &str, raw: Vec<u8>) -> Asset {
    let extension = url.rsplit_once('.').map_or("", |(_, ext)| ext);
    let (content_type, compressible) = content_type(extension);
    let cache_control = if is_hashed(url) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let etag = sha256_hex(&raw)[..20].to_string();
    Asset {
        content_type,
        cache_control,
        etag,
        compressible: compressible && raw.len() > 256,
        raw: Bytes::from(raw),
        br: OnceLock::new(),
        gzip: OnceLock::new(),
    }
}

/// `compressed` when it is smaller than `raw`.
fn smaller(compressed: Option<Vec<u8>>, raw: &[u8]) -> Option<Bytes> {
    compressed.filter(|c| c.len() < raw.len()).map(Bytes::from)
}

/// The content type of a file extension, and whether compressing it pays.
fn content_type(extension: &str) -> (&'static str, bool) {
    match extension {
        "html" => ("text/html; charset=utf-8", true),
        "js" | "mjs" => ("text/javascript; charset=utf-8", true),
        "css" => ("text/css; charset=utf-8", true),
        "wasm" => ("application/wasm", true),
        "json" => ("application/json", true),
        "webmanifest" => ("application/manifest+json", true),
        "svg" => ("image/svg+xml", true),
        "txt" => ("text/plain; charset=utf-8", true),
        "png" => ("image/png", false),
        "ico" => ("image/x-icon", false),
        "woff2" => ("font/woff2", false),
        _ => ("application/octet-stream", false),
    }
}

/// Trunk's content-hashed names, `name-0123456789abcdef.js` and `…_bg.wasm`: they never change,
/// so browsers may keep them for a year.
fn is_hashed(url: &str) -> bool {
    let Some((stem, extension)) = url.rsplit_once('.') else {
        return false;
    };
    if !matches!(extension, "js" | "wasm" | "css") {
        return false;
    }
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.len() > 17
        && stem.as_bytes()[stem.len() - 17] == b'-'
        && stem[stem.len() - 16..]
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn accepts(accept_encoding: &str, coding: &str) -> bool {
    accept_encoding.split(',').any(|part| {
        let mut pieces = part.split(';');
        let name = pieces.next().unwrap_or("").trim();
        let refused = pieces.any(|p| {
            let p = p.trim().replace(' ', "");
            p == "q=0" || p == "q=0.0" || p == "q=0.00" || p == "q=0.000"
        });
        name.eq_ignore_ascii_case(coding) && !refused
    })
}

fn compress_br(raw: &[u8]) -> Option<Vec<u8>> {
    // A window as large as the file (no larger: it would only cost memory).
    let window = raw.len().next_power_of_two().trailing_zeros().clamp(16, 24);
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: i32::try_from(window).unwrap_or(22),
        size_hint: raw.len(),
        ..Default::default()
    };
    let mut out = Vec::with_capacity(raw.len() / 3);
    brotli::BrotliCompress(&mut &raw[..], &mut out, &params).ok()?;
    Some(out)
}

fn compress_gzip(raw: &[u8]) -> Option<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(raw.len() / 3),
        flate2::Compression::best(),
    );
    encoder.write_all(raw).ok()?;
    encoder.finish().ok()
}

/// `html` with the `<meta name="fushen-institution">` and `<meta name="fushen-phone">` tags set
/// to the configured values (tags left as they are when a value is not configured). Works on the
/// minified page too, where the tag reads `<meta name=fushen-phone>`.
pub fn inject_settings(html: &str, settings: &PageSettings) -> String {
    let mut out = html.to_string();
    for (name, value) in [
        ("fushen-institution", &settings.institution),
        ("fushen-phone", &settings.phone),
    ] {
        if let Some(value) = value {
            out = replace_meta(&out, name, value);
        }
    }
    out
}

fn replace_meta(html: &str, name: &str, value: &str) -> String {
    let mut out = String::with_capacity(html.len() + value.len());
    let mut rest = html;
    while let Some(start) = rest.find("<meta") {
        let Some(length) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start..=start + length];
        out.push_str(&rest[..start]);
        if names(tag, name) {
            out.push_str(&format!(
                "<meta name=\"{name}\" content=\"{}\">",
                esc(value)
            ));
        } else {
            out.push_str(tag);
        }
        rest = &rest[start + length + 1..];
    }
    out.push_str(rest);
    out
}

/// Whether a `<meta …>` tag has the attribute `name="…"` (quoted or not) with this value.
fn names(tag: &str, name: &str) -> bool {
    [
        format!("name=\"{name}\""),
        format!("name='{name}'"),
        format!("name={name} "),
        format!("name={name}>"),
        format!("name={name}/"),
    ]
    .iter()
    .any(|form| tag.contains(form.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_trunks() {
        assert!(is_hashed("/fushen-0123456789abcdef.js"));
        assert!(is_hashed("/fushen-0123456789abcdef_bg.wasm"));
        assert!(is_hashed("/style-0123456789abcdef.css"));
        assert!(!is_hashed("/index.html"));
        assert!(!is_hashed("/sw.js"));
        assert!(!is_hashed("/fushen-0123456789abcdeg.js"));
        assert!(!is_hashed("/icons/icon-0123456789abcdef.svg"));
    }

    #[test]
    fn files_go_out_at_once_and_compressed_once_ready() {
        let files = HashMap::from([(
            "/a-0123456789abcdef.js".to_string(),
            asset("/a-0123456789abcdef.js", b"export let a = 1;\n".repeat(100)),
        )]);
        let site = Site { files };
        let mut request = HeaderMap::new();
        request.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("gzip, br"),
        );
        let encoding = |site: &Site| {
            let response = site
                .respond("/a-0123456789abcdef.js", false, &request)
                .unwrap();
            assert_eq!(response.headers()[header::VARY], "accept-encoding");
            response.headers().get(header::CONTENT_ENCODING).cloned()
        };
        assert_eq!(encoding(&site), None);
        site.compress();
        assert_eq!(encoding(&site), Some(HeaderValue::from_static("br")));
        assert!(site.respond("/missing.js", false, &request).is_none());
    }

    #[test]
    fn encodings_are_read_with_their_weights() {
        assert!(accepts("gzip, deflate, br, zstd", "br"));
        assert!(accepts("GZIP", "gzip"));
        assert!(!accepts("gzip;q=0, br", "gzip"));
        assert!(accepts("gzip;q=0.5", "gzip"));
        assert!(!accepts("identity", "br"));
        assert!(!accepts("", "br"));
    }

    #[test]
    fn settings_go_into_the_meta_tags_source_or_minified() {
        let settings = PageSettings {
            institution: Some("衡阳\"示例\"<培训>学校".into()),
            phone: Some("0734-8123456".into()),
        };
        let source = "<meta name=\"fushen-endpoint\" content=\"api/enquiries\">\n  <meta name=\"fushen-phone\" content=\"\">\n  <meta name=\"fushen-institution\" content=\"\">";
        assert_eq!(
            inject_settings(source, &settings),
            "<meta name=\"fushen-endpoint\" content=\"api/enquiries\">\n  <meta name=\"fushen-phone\" content=\"0734-8123456\">\n  <meta name=\"fushen-institution\" content=\"衡阳&quot;示例&quot;&lt;培训&gt;学校\">"
        );
        let minified = "<meta name=fushen-endpoint content=api/enquiries><meta name=fushen-phone><meta name=fushen-phone-extra><meta name=fushen-institution>";
        assert_eq!(
            inject_settings(minified, &settings),
            "<meta name=fushen-endpoint content=api/enquiries><meta name=\"fushen-phone\" content=\"0734-8123456\"><meta name=fushen-phone-extra><meta name=\"fushen-institution\" content=\"衡阳&quot;示例&quot;&lt;培训&gt;学校\">"
        );
        // Nothing configured: the page is served as built.
        assert_eq!(
            inject_settings(minified, &PageSettings::default()),
            minified
        );
    }
}
