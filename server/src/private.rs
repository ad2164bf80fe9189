//! The data folder holds the database (names, phone numbers) and `settings.env` (the robot's
//! secret): only the account that runs the server may read them. A folder the server creates
//! is made so ([`crate::db::open`]); one that already exists (made by hand, by `mkdir -p`, or
//! unpacked from a backup) is made private at every start, or the start is refused with the
//! command that fixes it.

use std::path::{Path, PathBuf};

use crate::config::{Config, SETTINGS_FILE};

/// The files next to the database that SQLite writes.
const SQLITE_SUFFIXES: [&str; 3] = ["", "-wal", "-shm"];

/// The mode of a private folder.
pub const FOLDER_MODE: u32 = 0o700;
/// The mode of a private file.
pub const FILE_MODE: u32 = 0o600;

/// A folder or file that others could use, made private.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restricted {
    /// The folder or file.
    pub path: PathBuf,
    /// Whether it is a folder.
    pub folder: bool,
    /// Its mode before.
    pub was: u32,
    /// Its mode now.
    pub now: u32,
}

/// Why the data folder could not be made private.
#[derive(Debug, thiserror::Error)]
pub enum PrivateError {
    /// Its mode could not be read.
    #[error("cannot read the mode of {}: {source}", path.display())]
    Unreadable {
        /// The folder or file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Others may use it, and this user cannot change that.
    #[error("{} has mode {mode:o} and cannot be made {wanted:o}: {source}", path.display())]
    Unchangeable {
        /// The folder or file.
        path: PathBuf,
        /// Whether it is a folder.
        folder: bool,
        /// Its mode.
        mode: u32,
        /// The mode it should have.
        wanted: u32,
        /// Why.
        source: std::io::Error,
    },
}

/// Makes the data folder (mode 700) and its files (600) private; returns each change made, or
/// why it could not be made.
pub fn secure(config: &Config) -> Result<Vec<Restricted>, PrivateError> {
    let mut changed = Vec::new();
    for (path, mode) in private_paths(config) {
        let present = if mode == FOLDER_MODE {
            path.is_dir()
        } else {
            path.is_file()
        };
        if present {
            restrict(&path, mode, &mut changed)?;
        }
    }
    Ok(changed)
}

/// Every folder ([`FOLDER_MODE`]) and file ([`FILE_MODE`]) that must be private, folders first,
/// whether or not it exists yet; `check` reports on the same list that [`secure`] fixes.
pub fn private_paths(config: &Config) -> Vec<(PathBuf, u32)> {
    let mut paths = vec![(config.data_dir.clone(), FOLDER_MODE)];
    if let Some(parent) = config.db_path.parent() {
        if !parent.as_os_str().is_empty() && parent != config.data_dir {
            paths.push((parent.to_path_buf(), FOLDER_MODE));
        }
    }
    paths.push((config.data_dir.join(SETTINGS_FILE), FILE_MODE));
    for suffix in SQLITE_SUFFIXES {
        let mut name = config.db_path.clone().into_os_string();
        name.push(suffix);
        paths.push((PathBuf::from(name), FILE_MODE));
    }
    paths
}

/// Sets `path`'s mode to `mode` when anyone but its owner may use it.
#[cfg(unix)]
fn restrict(path: &Path, mode: u32, changed: &mut Vec<Restricted>) -> Result<(), PrivateError> {
    use std::os::unix::fs::PermissionsExt;
    let metadata = std::fs::metadata(path).map_err(|source| PrivateError::Unreadable {
        path: path.to_path_buf(),
        source,
    })?;
    let current = metadata.permissions().mode() & 0o777;
    if current & 0o077 == 0 {
        return Ok(());
    }
    let folder = metadata.is_dir();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).map_err(|source| {
        PrivateError::Unchangeable {
            path: path.to_path_buf(),
            folder,
            mode: current,
            wanted: mode,
            source,
        }
    })?;
    changed.push(Restricted {
        path: path.to_path_buf(),
        folder,
        was: current,
        now: mode,
    });
    Ok(())
}

#[cfg(not(unix))]
fn restrict(_path: &Path, _mode: u32, _changed: &mut Vec<Restricted>) -> Result<(), PrivateError> {
    Ok(())
}

/// Makes `dir` and its missing parents, readable by their owner only (700), whatever the umask.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(dir)
}

/// Makes `dir` as [`create_private_dir`] does, and an existing `dir` that others may open 700
/// too (the backup folder, made by hand before the first backup).
pub fn make_private_dir(dir: &Path) -> std::io::Result<()> {
    create_private_dir(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir)?.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(FOLDER_MODE))?;
        }
    }
    Ok(())
}

/// Opens `path` for writing, creating it readable by its owner only (600) when it is not there;
/// an existing file is neither emptied nor changed.
pub fn open_private(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Creates (or empties) `path` for writing, readable by its owner only, whatever the umask.
pub fn create_private_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        let file = options.open(path)?;
        // An existing file keeps its mode when opened: set it.
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        Ok(file)
    }
    #[cfg(not(unix))]
    options.open(path)
}

/// Writes `bytes` to `path`, readable by its owner only, without ever following a link at
/// `path`: into a new file beside it (created exclusively, so never through a link), synced,
/// then renamed over `path` (a rename replaces a link, not what it points to). Nothing
/// half-written carries the name.
pub fn write_private_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "不是文件名"))?;
    let mut partial_name = std::ffi::OsString::from(".");
    partial_name.push(name);
    partial_name.push(format!(".partial-{}", std::process::id()));
    let partial = path.with_file_name(partial_name);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options.open(&partial).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    let renamed = written.and_then(|()| std::fs::rename(&partial, path));
    if renamed.is_err() {
        let _ = std::fs::remove_file(&partial);
        return renamed;
    }
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Ok(folder) = std::fs::File::open(folder) {
            let _ = folder.sync_all();
        }
    }
    Ok(())
}
