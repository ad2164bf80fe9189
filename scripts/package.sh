#!/usr/bin/env bash
# Builds the release archive the institution installs on its own Linux server:
#   target/package/fushen-<version>-x86_64-linux.tar.gz
# holding fushen-server linked statically with musl (it needs no Rust, Node, C compiler or even
# a particular glibc on the server), the built site (dist/), a systemd unit, an example
# settings.env and 安装说明.txt. Installs what is missing first (scripts/setup.sh package).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh package
source scripts/env.sh

target=x86_64-unknown-linux-musl
version=$(awk -F'"' '/^version = / { print $2; exit }' server/Cargo.toml)
name="fushen-$version"
out=target/package
stage="$out/$name"

if [ "${SKIP_SITE_BUILD:-0}" != 1 ]; then
  trunk build --release --offline
fi
cargo build --release --locked --target "$target" -p fushen-server
binary="target/$target/release/fushen-server"

rm -rf "$stage"
mkdir -p "$stage"
cp -R dist "$stage/dist"
strip -o "$stage/fushen-server" "$binary"
cp packaging/fushen.service packaging/settings.env.example packaging/安装说明.txt "$stage/"
chmod 755 "$stage/fushen-server"

# The same archive for the same commit: fixed owner, order and times.
stamp=$(git log -1 --format=%ct 2>/dev/null || date +%s)
archive="$out/$name-x86_64-linux.tar.gz"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$stamp" \
  -C "$out" -cf - "$name" | gzip -9n > "$archive"
rm -rf "$stage"
printf 'package: %s (%s bytes)\n' "$archive" "$(stat -c %s "$archive")"
