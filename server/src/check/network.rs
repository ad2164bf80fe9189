//! The checks of the network side: the listen address and what trusting a proxy means there.

use std::net::IpAddr;

use super::{advice, fine, must_fix, Finding};
use crate::backup::{BackupError, DataLock, LOCK_FILE};
use crate::config::Config;

/// The listen address: free, or held by this data folder's own running server; and whether the
/// world reaches it directly.
pub(super) fn listen(config: &Config) -> Vec<Finding> {
    let address = config.listen;
    let port = address.port();
    let mut found = vec![match std::net::TcpListener::bind(address) {
        Ok(_) => fine(format!("{address} 现在空闲，serve 可以在这里监听。")),
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => match server_running(config) {
            Ok(true) => fine(format!(
                "{address} 已被占用：这个数据目录的 fushen-server 正在运行（数据目录被它锁住）。"
            )),
            Ok(false) => must_fix(format!(
                "{address} 被别的程序占用（不是这个数据目录的 fushen-server），serve 启动不了：\
                 请停掉那个程序，或用 FUSHEN_LISTEN 换一个端口。查看是谁占用：ss -ltnp 'sport = :{port}'"
            )),
            Err(e) => must_fix(format!(
                "{address} 已被占用，而且看不出是不是这个数据目录的 fushen-server（{}）。",
                crate::cli::backup_words(&e)
            )),
        },
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => must_fix(format!(
            "不能在 {address} 上监听（{e}）：1024 以下的端口要管理员权限。请用 1024 以上的端口\
             （默认 8080），由反向代理对外提供 80 和 443。"
        )),
        Err(e) if e.kind() == std::io::ErrorKind::AddrNotAvailable => must_fix(format!(
            "不能在 {address} 上监听（{e}）：这台机器没有这个 IP 地址。前面有反向代理时用 \
             127.0.0.1:{port}。"
        )),
        Err(e) => must_fix(format!("不能在 {address} 上监听：{e}")),
    }];
    if !address.ip().is_loopback() {
        found.push(advice(format!(
            "监听 {address}：别的机器能直接连上，连接也不加密。建议 FUSHEN_LISTEN=127.0.0.1:{port}，\
             前面放一个提供 HTTPS 的反向代理（Caddy 或 nginx，见 docs/operator.md）。"
        )));
    }
    found
}

/// Whether a server holds the data folder's lock. A folder without the lock file has never had
/// a server, so nothing is created to find out.
fn server_running(config: &Config) -> Result<bool, BackupError> {
    if !config.data_dir.join(LOCK_FILE).is_file() {
        return Ok(false);
    }
    match DataLock::take(&config.data_dir) {
        Ok(_) => Ok(false),
        Err(BackupError::Running(_)) => Ok(true),
        Err(other) => Err(other),
    }
}

/// What trusting the proxy means where the server listens: only a proxy's own word about the
/// client may be believed, so the server must be reachable through the proxy only.
pub(super) fn proxy(config: &Config) -> Finding {
    let address = config.listen;
    match (config.trust_proxy, address.ip()) {
        (false, ip) if ip.is_loopback() => fine(
            "不信任代理头（FUSHEN_TRUST_PROXY=false）：按连接的对方地址限流。如果前面有这台服务器上的\
             反向代理，请设 FUSHEN_TRUST_PROXY=true，否则所有访客算作同一个地址（共用提交限额），\
             登录 Cookie 也看不出是否 HTTPS。",
        ),
        (false, _) => fine(
            "不信任代理头（FUSHEN_TRUST_PROXY=false）：访客直接连到本服务，按连接的对方地址限流。",
        ),
        (true, ip) if ip.is_loopback() => fine(
            "信任反向代理（FUSHEN_TRUST_PROXY=true）：只有这台服务器上的程序能连到这里，\
             按代理写的 X-Forwarded-For 限流，按 X-Forwarded-Proto 判断 HTTPS。",
        ),
        (true, ip) if reachable_from_internet(ip) => must_fix(format!(
            "FUSHEN_TRUST_PROXY=true，而服务在 {address} 上直接对外：谁都能连上来伪造 \
             X-Forwarded-For（绕过提交限额）和 X-Forwarded-Proto。请设 \
             FUSHEN_LISTEN=127.0.0.1:{}，只让这台服务器上的反向代理连过来。",
            address.port()
        )),
        (true, _) => advice(format!(
            "FUSHEN_TRUST_PROXY=true，服务在内网地址 {address} 上：请用防火墙保证只有反向代理\
             能连到这个端口，否则内网里的人能伪造 X-Forwarded-For（绕过提交限额）。"
        )),
    }
}

/// Whether listening on `ip` may be reached from outside the local network: every address
/// (`0.0.0.0`, `::`) or a public one.
fn reachable_from_internet(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => !(v4.is_loopback() || v4.is_private() || v4.is_link_local()),
        IpAddr::V6(v6) => !(v6.is_loopback() || v6.is_unique_local() || v6.is_unicast_link_local()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_addresses_are_told_from_private_ones() {
        for public in ["0.0.0.0", "::", "203.0.113.7", "2001:db8::1"] {
            assert!(reachable_from_internet(public.parse().unwrap()), "{public}");
        }
        for private in [
            "127.0.0.1",
            "192.168.1.10",
            "10.0.0.5",
            "::1",
            "fd00::1",
            "fe80::1",
        ] {
            assert!(
                !reachable_from_internet(private.parse().unwrap()),
                "{private}"
            );
        }
    }
}
