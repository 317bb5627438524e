#!/usr/bin/env bash
# Builds the service's container image with podman, from Debian's packages and the published service; no registry
# image is needed (docs/container-image.md):
#   1. dotnet publish src/Auth.Api -c Release -r linux-x64 --self-contained (ReadyToRun) into the work folder;
#   2. a root filesystem of only what that executable loads, from Debian's packages (apt-get download + dpkg-deb -x of
#      libc6, libgcc-s1, libstdc++6, libssl3, ca-certificates, tzdata; base-files for /etc/os-release), their
#      documentation, locales, gconv modules and programs left out, plus a passwd entry for the user 10001 and its
#      empty /data;
#   3. podman build of build/Containerfile (FROM scratch, the two tar files as two layers, labels, user, port,
#      health check) in Docker format, the one that keeps HEALTHCHECK.
# Usage: bash build/image.sh [TAG]        TAG defaults to localhost/auth:VERSION (the service's version); the image is
#                                         also tagged localhost/auth:latest.
# Environment: AUTH_IMAGE_WORK, the work folder (default artifacts/image); CONTAINERS_CONF, podman's configuration
# (default: the one this script writes to the work folder, see podman_conf below).
# Needs: the .NET SDK, podman, and apt-get download (Debian or Ubuntu) for the packages. Rootful (as root) or rootless
# podman both build; the last line printed is the image's tag.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${AUTH_IMAGE_WORK:-$ROOT/artifacts/image}"
# GSSAPI (Kerberos) is for Npgsql, which asks for it on every PostgreSQL connection: without it .NET prints "Cannot
# load library libgssapi_krb5.so.2" to standard error, and Kerberos sign-in to PostgreSQL would be impossible.
PACKAGES=(libc6 libgcc-s1 libstdc++6 libssl3 ca-certificates tzdata
  libgssapi-krb5-2 libkrb5-3 libk5crypto3 libkrb5support0 libcom-err2 libkeyutils1 base-files)
APP_UID=10001

log() { printf '[image.sh] %s\n' "$*" >&2; }
fail() { log "$*"; exit 1; }

command -v dotnet >/dev/null 2>&1 || fail "the .NET SDK is missing (dotnet)"
command -v podman >/dev/null 2>&1 || fail "podman is missing: apt-get install podman runc"
command -v apt-get >/dev/null 2>&1 && command -v dpkg-deb >/dev/null 2>&1 ||
  fail "apt-get and dpkg-deb are needed to fetch Debian's packages"

mkdir -p "$WORK"
# Podman's settings for a machine like the CI sandbox: runc, cgroups without systemd, no ulimits set on containers
# (the sandbox refuses setrlimit), events to a file. Written each time; a CONTAINERS_CONF given by the caller wins.
podman_conf() {
  cat >"$WORK/containers.conf" <<'EOF'
[containers]
default_ulimits = []

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
  export CONTAINERS_CONF="${CONTAINERS_CONF:-$WORK/containers.conf}"
}
podman_conf

started=$SECONDS
VERSION="$(dotnet msbuild "$ROOT/src/Auth.Api" -getProperty:Version -nologo)"
LICENSES="$(dotnet msbuild "$ROOT/src/Auth.Api" -getProperty:PackageLicenseExpression -nologo)"
SOURCE="$(dotnet msbuild "$ROOT/src/Auth.Api" -getProperty:RepositoryUrl -nologo)"
# A remote that is a local path or an ssh address says nothing to whoever pulls the image: only a web address is kept.
if [ -z "$SOURCE" ]; then
  SOURCE="$(git -C "$ROOT" remote get-url origin 2>/dev/null || true)"
  case "$SOURCE" in https://*) ;; *) SOURCE="" ;; esac
fi
# Never a credential in a label anyone who pulls the image reads: no user:token@ and no query in the address.
SOURCE="$(printf '%s' "$SOURCE" | sed -E -e 's#^([a-z]+://)[^/@]*@#\1#' -e 's#[?#].*$##')"
REVISION="$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || true)"
TAG="${1:-localhost/auth:$VERSION}"
# Every file in the layers gets the last commit's time, so an unchanged base layer is the same layer again.
EPOCH="$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || date +%s)"

# dotnet publish copies the project's content files (*.json, *.config, ...) whether git tracks them or not: a file git
# does not know (a developer's appsettings.Local.json, say) would go into the image. Refuse rather than ship it.
stray="$(git -C "$ROOT" ls-files --others -- src/Auth.Api 2>/dev/null |
  grep -Ev '^src/Auth.Api/(bin|obj|data)/' | grep -E '\.(json|config|xml|pfx|pem|key|cshtml)$|/wwwroot/' || true)"
[ -z "$stray" ] || fail "files git does not track would be published into the image; commit or remove them first: $(echo $stray)"

log "publishing the service $VERSION (linux-x64, self-contained, ReadyToRun)"
rm -rf "$WORK/publish"
# ContinuousIntegrationBuild: the symbols name /_/src/..., not this machine's paths.
dotnet publish "$ROOT/src/Auth.Api" -c Release -r linux-x64 --self-contained -p:PublishReadyToRun=true \
  -p:ContinuousIntegrationBuild=true -o "$WORK/publish" -nologo -v q -clp:ErrorsOnly >&2 || fail "dotnet publish failed"

log "fetching Debian's packages: ${PACKAGES[*]}"
# A fresh folder each time: the one file of each package is the version apt chooses today.
rm -rf "$WORK/debs" && mkdir -p "$WORK/debs"
if ! (cd "$WORK/debs" && apt-get download -q "${PACKAGES[@]}" >/dev/null 2>&1); then
  # The package lists may be missing or stale (a fresh machine): refresh them when allowed to.
  [ "$(id -u)" -eq 0 ] && apt-get update -qq >/dev/null
  (cd "$WORK/debs" && apt-get download -q "${PACKAGES[@]}" >/dev/null) || fail "apt-get download failed"
fi

log "assembling the root filesystem"
BASE="$WORK/base"
rm -rf "$BASE" && mkdir -p "$BASE"
for package in "${PACKAGES[@]}"; do
  # apt-get download names each file package_version_arch.deb.
  deb="$(ls "$WORK/debs/${package}"_*.deb | head -n 1)"
  if [ "$package" = base-files ]; then
    # Only the system's identity, for scanners and people: /etc/os-release and /etc/debian_version.
    dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$BASE" ./etc/debian_version ./usr/lib/os-release
    ln -s ../usr/lib/os-release "$BASE/etc/os-release"
  else
    dpkg-deb -x "$deb" "$BASE"
  fi
  # What a scanner (Trivy, Grype) reads to know the image's Debian packages, as distroless images do.
  mkdir -p "$BASE/var/lib/dpkg/status.d"
  dpkg-deb -f "$deb" >"$BASE/var/lib/dpkg/status.d/$package"
done
# Left out: programs (ldd, iconv, update-ca-certificates, ...), gconv modules (.NET does not use iconv),
# documentation, manuals and translations.
rm -rf "$BASE"/{bin,sbin,usr/bin,usr/sbin,usr/libexec} "$BASE"/usr/lib/x86_64-linux-gnu/gconv \
  "$BASE"/usr/share/{doc,man,info,lintian,locale,gcc,gdb,bug,bash-completion}
# The bundle update-ca-certificates would write, and the paths where OpenSSL (and so .NET) looks for it.
mkdir -p "$BASE/etc/ssl/certs" "$BASE/usr/lib/ssl"
find "$BASE/usr/share/ca-certificates" -name '*.crt' | LC_ALL=C sort | xargs cat >"$BASE/etc/ssl/certs/ca-certificates.crt"
rm -rf "$BASE/usr/share/ca-certificates"
ln -s /etc/ssl/certs/ca-certificates.crt "$BASE/usr/lib/ssl/cert.pem"
ln -s /etc/ssl/certs "$BASE/usr/lib/ssl/certs"
ln -sf /usr/share/zoneinfo/Etc/UTC "$BASE/etc/localtime"
echo "Etc/UTC" >"$BASE/etc/timezone"
# The service's user: no shell, no password; /data is its only folder (the SQLite database and, unless the master
# key is given, master.key).
cat >"$BASE/etc/passwd" <<EOF
root:x:0:0:root:/root:/sbin/nologin
auth:x:$APP_UID:$APP_UID:auth service:/data:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
EOF
cat >"$BASE/etc/group" <<EOF
root:x:0:
auth:x:$APP_UID:
nogroup:x:65534:
EOF
printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$BASE/etc/nsswitch.conf"
mkdir -p "$BASE/data" "$BASE/tmp" "$BASE/root"
chmod 0700 "$BASE/data" "$BASE/root"
chmod 1777 "$BASE/tmp"
# The dynamic loader's cache, as ldconfig would write it on an installed system.
echo 'include /etc/ld.so.conf.d/*.conf' >"$BASE/etc/ld.so.conf"
if [ "$(id -u)" -eq 0 ] && command -v ldconfig >/dev/null 2>&1; then ldconfig -r "$BASE"; fi

APP="$WORK/app"
rm -rf "$APP" && mkdir -p "$APP/app"
cp -a "$WORK/publish/." "$APP/app/"
# The service reads its files and writes none of them: everything root's, read-only for the user.
chmod -R u=rwX,go=rX "$APP/app"
chmod 0755 "$APP/app/Auth.Api" "$APP/app/createdump"

CONTEXT="$WORK/context"
rm -rf "$CONTEXT" && mkdir -p "$CONTEXT"
cp "$ROOT/build/Containerfile" "$CONTEXT/Containerfile"
# /data belongs to the service's user; everything else to root.
tar --sort=name --mtime="@$EPOCH" --owner=0 --group=0 --numeric-owner --format=posix \
  --pax-option=delete=atime,delete=ctime -C "$BASE" -cf "$CONTEXT/base.tar" --exclude=./data .
tar --sort=name --mtime="@$EPOCH" --owner="$APP_UID" --group="$APP_UID" --numeric-owner --format=posix \
  --pax-option=delete=atime,delete=ctime -C "$BASE" -rf "$CONTEXT/base.tar" ./data
tar --sort=name --mtime="@$EPOCH" --owner=0 --group=0 --numeric-owner --format=posix \
  --pax-option=delete=atime,delete=ctime -C "$APP" -cf "$CONTEXT/app.tar" .

log "building $TAG"
previous="$(podman image inspect --format '{{.Id}}' "$TAG" 2>/dev/null || true)"
podman build --format docker --file "$CONTEXT/Containerfile" --tag "$TAG" --tag localhost/auth:latest \
  --build-arg VERSION="$VERSION" --build-arg REVISION="$REVISION" \
  --build-arg CREATED="$(date -u -d "@$EPOCH" +%Y-%m-%dT%H:%M:%SZ)" \
  --build-arg SOURCE="$SOURCE" --build-arg LICENSES="${LICENSES:-NOASSERTION}" \
  "$CONTEXT" >&2 || fail "podman build failed"
rm -rf "$CONTEXT" "$APP" "$BASE"
# The image this one replaces, unless a container still uses it: rebuilding does not pile up images.
current="$(podman image inspect --format '{{.Id}}' "$TAG")"
if [ -n "$previous" ] && [ "$previous" != "$current" ]; then podman rmi "$previous" >/dev/null 2>&1 || true; fi

size="$(podman image inspect --format '{{.Size}}' "$TAG")"
log "built $TAG in $((SECONDS - started)) s: $((size / 1000000)) MB uncompressed"
echo "$TAG"
