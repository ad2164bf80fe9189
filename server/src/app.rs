//! The web service: its shared state, its routes, and the layers every response passes through
//! (time limit, security headers, CORS for a site hosted elsewhere, compression of the inbox).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::clock::Clock;
use crate::config::{Config, CookieSecure};
use crate::db::Database;
use crate::error::ApiError;
use crate::limit::RateLimiter;
use crate::routes::{enquiries, health, staff};
use crate::site::Site;

/// No request may take longer (the form gives up after 10 s and retries).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// Sign-in attempts allowed per client address and minute (each costs an argon2 hash).
pub const SIGN_IN_PER_MINUTE: u32 = 10;
/// The staff's other form posts (follow-ups, sign-out) allowed per client address and minute.
pub const STAFF_FORMS_PER_MINUTE: u32 = 120;
/// Password checks running at once, from every client together: each takes about 19 MiB and
/// a core for tens of milliseconds, so many addresses cannot add up to an unbounded cost.
pub const PASSWORD_CHECKS_AT_ONCE: usize = 2;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The settings.
    pub config: Arc<Config>,
    /// The clock every handler reads (the system's, except in tests).
    pub clock: Clock,
    /// The database.
    pub db: Database,
    /// The built site.
    pub site: Arc<Site>,
    /// The limit on enquiry posts.
    pub enquiry_limit: Arc<RateLimiter>,
    /// The limit on sign-in attempts.
    pub sign_in_limit: Arc<RateLimiter>,
    /// The limit on the staff's other forms.
    pub staff_limit: Arc<RateLimiter>,
    /// How many password checks may run at once.
    pub password_checks: Arc<tokio::sync::Semaphore>,
    /// Set once the log has said that `X-Forwarded-For` arrives from an untrusted proxy.
    proxy_warned: Arc<AtomicBool>,
}

impl AppState {
    /// State for `config`, with the database and site already opened, on the system's clock.
    pub fn new(config: Config, db: Database, site: Arc<Site>) -> AppState {
        AppState {
            clock: Clock::SYSTEM,
            enquiry_limit: Arc::new(RateLimiter::new(config.rate_limit_per_minute)),
            sign_in_limit: Arc::new(RateLimiter::new(SIGN_IN_PER_MINUTE)),
            staff_limit: Arc::new(RateLimiter::new(STAFF_FORMS_PER_MINUTE)),
            password_checks: Arc::new(tokio::sync::Semaphore::new(PASSWORD_CHECKS_AT_ONCE)),
            proxy_warned: Arc::new(AtomicBool::new(false)),
            config: Arc::new(config),
            db,
            site,
        }
    }

    /// The same state on `clock`.
    pub fn with_clock(self, clock: Clock) -> AppState {
        AppState { clock, ..self }
    }

    /// Says once, in the log, that requests carry `X-Forwarded-For` while the proxy is not
    /// trusted: every client then looks like the proxy and they share one rate limit.
    fn warn_untrusted_proxy(&self, peer: Option<IpAddr>) {
        if self.proxy_warned.swap(true, Ordering::Relaxed) {
            return;
        }
        let peer = peer.map_or_else(|| "unknown".to_string(), |ip| ip.to_string());
        tracing::warn!(
            %peer,
            "requests carry X-Forwarded-For but FUSHEN_TRUST_PROXY is not set: every client \
             counts as the proxy's address and all share one rate limit, for sign-ins too. \
             Behind a reverse proxy (Nginx, Caddy), add FUSHEN_TRUST_PROXY=true to settings.env \
             and restart; without one, someone is forging the header and this can be ignored \
             (said once)"
        );
    }
}

/// Every route of the server.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/api/enquiries", post(enquiries::receive))
        .layer(DefaultBodyLimit::max(enquiries::BODY_LIMIT))
        .method_not_allowed_fallback(|| async { ApiError::Method("POST") });
    let api = match cors(&state.config) {
        Some(cors) => api.layer(cors),
        None => api,
    };
    let staff = staff::router().layer(CompressionLayer::new());
    Router::new()
        .merge(api)
        .route("/healthz", get(health::check))
        .merge(staff)
        .fallback(site)
        .layer(middleware::from_fn_with_state(state.clone(), headers))
        .layer(middleware::from_fn(time_limit))
        .with_state(state)
}

/// CORS for a site hosted on another origin (`FUSHEN_SITE_ORIGIN`): that origin may POST JSON
/// with the enquiry's `Idempotency-Key`; no cookies are involved.
fn cors(config: &Config) -> Option<CorsLayer> {
    let origin = HeaderValue::from_str(config.site_origin.as_deref()?).ok()?;
    Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::exact(origin))
            .allow_methods([Method::POST])
            .allow_headers([
                header::CONTENT_TYPE,
                HeaderName::from_static("idempotency-key"),
            ])
            .max_age(Duration::from_secs(24 * 60 * 60)),
    )
}

/// The built site, for whatever no route claims.
async fn site(State(state): State<AppState>, method: Method, request: Request) -> Response {
    let head = method == Method::HEAD;
    if method != Method::GET && !head {
        return ApiError::Method("GET, HEAD").into_response();
    }
    state
        .site
        .respond(request.uri().path(), head, request.headers())
        .unwrap_or_else(|| ApiError::NotFound.into_response())
}

/// Answers 408 when a request (including reading its body) takes too long: a staff page to
/// the staff side, a JSON message to the rest.
async fn time_limit(request: Request, next: Next) -> Response {
    let staff_path =
        staff::is_staff_path(request.uri().path()).then(|| request.uri().path().to_string());
    match tokio::time::timeout(REQUEST_TIMEOUT, next.run(request)).await {
        Ok(response) => response,
        Err(_) => match staff_path {
            Some(path) => staff::page_at(&path, staff::StaffError::Timeout),
            None => ApiError::Timeout.into_response(),
        },
    }
}

/// The security headers docs/developer.md's "Deploy" section lists, on every response.
async fn headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !state.config.trust_proxy && request.headers().contains_key("x-forwarded-for") {
        let peer = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip().to_canonical());
        state.warn_untrusted_proxy(peer);
    }
    let https = is_https(&state.config, request.headers());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in [
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "no-referrer"),
        ("x-frame-options", "DENY"),
        (
            "permissions-policy",
            "camera=(), microphone=(), geolocation=()",
        ),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    response
}

/// Whether the browser reached us over HTTPS: only a trusted proxy can say so.
pub fn is_https(config: &Config, headers: &HeaderMap) -> bool {
    config.trust_proxy
        && headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"))
}

/// Whether cookies set for this request carry `Secure`.
pub fn secure_cookies(config: &Config, headers: &HeaderMap) -> bool {
    match config.cookie_secure {
        CookieSecure::Always => true,
        CookieSecure::Never => false,
        CookieSecure::Auto => is_https(config, headers),
    }
}

/// The client's address: the connection's peer, or, behind a trusted reverse proxy, the
/// address that proxy added last to `X-Forwarded-For`. Only that last one is the proxy's own
/// word: anything before it came from the client. When the last one cannot be read, the peer
/// (the proxy) is used, never an earlier, client-written entry. IPv4 addresses written as IPv6
/// (`::ffff:a.b.c.d`) are read as IPv4.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<ClientIp, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip().to_canonical());
        let forwarded = parts.headers.get_all("x-forwarded-for").iter().next_back();
        let from_proxy = match (state.config.trust_proxy, forwarded) {
            (true, Some(value)) => value
                .to_str()
                .ok()
                .and_then(|v| v.rsplit(',').next())
                .and_then(forwarded_address),
            _ => None,
        };
        Ok(ClientIp(
            from_proxy
                .or(peer)
                .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED)),
        ))
    }
}

/// One `X-Forwarded-For` entry: `203.0.113.7`, `2001:db8::1`, and the forms with a port some
/// proxies write (`203.0.113.7:5678`, `[2001:db8::1]:443`).
fn forwarded_address(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    let ip = entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|address| address.ip()))?;
    Some(ip.to_canonical())
}

/// A client address as the log shows it: enough to tell an attack's source network, not the
/// person (IPv4 to its /24, IPv6 to its /48).
pub fn masked(ip: IpAddr) -> String {
    match ip.to_canonical() {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            format!("{a}.{b}.{c}.x")
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2])
        }
    }
}
