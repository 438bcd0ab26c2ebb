# shellcheck shell=bash
# Sourced by scripts/run, scripts/test and bench/run: installs the Debian packages QMP needs
# when they are missing. As root it runs apt-get; otherwise sudo; otherwise it says what to run.

qmp_missing_packages() {
    local pkg missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    echo "${missing[@]}"
}

# qmp_need PACKAGE...: make sure every named Debian package is installed.
qmp_need() {
    local missing
    missing=$(qmp_missing_packages "$@")
    [ -z "$missing" ] && return 0
    echo "qmp: installing missing Debian packages: $missing" >&2
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo="sudo"
        else
            echo "qmp: these packages are missing and I am neither root nor have sudo:" >&2
            echo "     apt-get update && apt-get install -y $missing" >&2
            return 1
        fi
    fi
    # shellcheck disable=SC2086
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 &&
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >&2 || {
        echo "qmp: apt-get could not install: $missing" >&2
        return 1
    }
}

# What building libqmp, qmp-studio, the qmp command, their tests and examples needs. Qt Charts'
# CMake package needs the OpenGL development files; the SQLite driver holds the task history;
# qt6-tools-dev + qt6-l10n-tools compile the translations (lrelease).
QMP_BUILD_PACKAGES=(cmake ninja-build g++ qt6-base-dev qt6-charts-dev libqt6opengl6-dev
    libqt6sql6-sqlite qt6-tools-dev qt6-l10n-tools)

# qmp_configure BUILD_DIR [CMAKE ARGS...]: configure once, with Ninja, in BUILD_DIR.
qmp_configure() {
    local dir=$1
    shift
    if [ ! -f "$dir/build.ninja" ]; then
        cmake -S "$QMP_ROOT" -B "$dir" -G Ninja "$@" >&2
    elif [ $# -gt 0 ]; then
        cmake "$dir" "$@" >/dev/null
    fi
}

QMP_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
QMP_JOBS=${QMP_JOBS:-2}

# The Slurm tests (tests/slurm, label slurm) start a local single-node cluster; as root this
# installs what it needs. The packages' init scripts must not start system-wide daemons: a
# temporary policy-rc.d (as in Docker images) stops their postinst from doing so.
QMP_SLURM_PACKAGES=(slurmctld slurmd slurm-client munge)
qmp_need_slurm() {
    [ -z "$(qmp_missing_packages "${QMP_SLURM_PACKAGES[@]}")" ] && return 0
    [ "$(id -u)" -eq 0 ] || { echo "qmp: not root: the Slurm tests will be skipped" >&2; return 0; }
    local policy=/usr/sbin/policy-rc.d own=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && own=1
    fi
    local rc=0
    qmp_need "${QMP_SLURM_PACKAGES[@]}" || rc=$?
    [ "$own" = 1 ] && rm -f "$policy"
    return $rc
}
