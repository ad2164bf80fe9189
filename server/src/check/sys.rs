//! What std does not offer: the user this program runs as, free disk space and access rights,
//! from the C library. Elsewhere than unix these checks are left out.

#[cfg(unix)]
pub(super) use unix::*;

#[cfg(not(unix))]
pub(super) use other::*;

#[cfg(unix)]
mod unix {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    use std::path::Path;

    fn c_path(path: &Path) -> Option<CString> {
        CString::new(path.as_os_str().as_bytes()).ok()
    }

    /// The user this program runs as.
    pub fn user() -> u32 {
        // SAFETY: geteuid takes nothing, cannot fail and touches no memory of ours.
        unsafe { libc::geteuid() }
    }

    /// Bytes an unprivileged user may still write on the file system holding `path`.
    pub fn free_bytes(path: &Path) -> Option<u64> {
        let path = c_path(path)?;
        // SAFETY: statvfs is plain data, for which all zeros is a valid value.
        let mut stat: libc::statvfs = unsafe { std::mem::zeroed() };
        // SAFETY: `path` is a NUL-terminated string and `stat` a writable statvfs, both alive
        // for the call.
        if unsafe { libc::statvfs(path.as_ptr(), &mut stat) } != 0 {
            return None;
        }
        // The fields' types differ between platforms (u32 on some, u64 on others).
        #[allow(clippy::unnecessary_cast)]
        Some((stat.f_bavail as u64).saturating_mul(stat.f_frsize as u64))
    }

    /// Whether this user may create files in the folder `path`.
    pub fn writable(path: &Path) -> bool {
        let Some(path) = c_path(path) else {
            return false;
        };
        // SAFETY: `path` is a NUL-terminated string alive for the call.
        unsafe { libc::access(path.as_ptr(), libc::W_OK | libc::X_OK) == 0 }
    }

    /// The permission bits of `path`.
    pub fn mode(path: &Path) -> Option<u32> {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path)
            .ok()
            .map(|m| m.permissions().mode() & 0o777)
    }
}

#[cfg(not(unix))]
mod other {
    use std::path::Path;

    pub fn free_bytes(_path: &Path) -> Option<u64> {
        None
    }

    pub fn writable(_path: &Path) -> bool {
        true
    }

    pub fn mode(_path: &Path) -> Option<u32> {
        None
    }
}
