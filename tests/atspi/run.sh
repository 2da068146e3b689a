#!/usr/bin/env bash
# Check Continuum's accessibility tree with the real AT-SPI client (as Orca sees it).
#
#   tests/atspi/run.sh [BINARY] [-- check.py options: --dump, --interact, --no-menus]
#   tests/atspi/run.sh tests/atspi/selftest_app.py    # a GTK stand-in that passes every check
#
# ATSPI_TIMEOUT (50 s) bounds the run, ATSPI_WAIT (25 s) the wait for the app on the desktop;
# ATSPI_SCRIPT runs another python script in check.py's place (for poking at the tree);
# ATSPI_PROJECT=FILE starts the program on a COPY of FILE in the run's temp dir (FILE itself is never
# touched), whose path the script finds in ATSPI_PROJECT_COPY (tests/atspi/walkthrough.py saves it).
#
# Starts BINARY (default target/debug/continuum; build it first) on the bundled sample project
# (or ATSPI_PROJECT's copy)
# under Xvfb, in a private D-Bus session (dbus-run-session) with the AT-SPI bus launcher, sets
# org.a11y.Status IsEnabled to true (AccessKit's Linux adapter only exposes the tree once that
# property is true: accesskit_unix src/context.rs, run_event_loop / bus_after_status_change), waits
# for the app on the AT-SPI desktop, runs check.py, kills everything it started and exits with
# check.py's status (0 pass, 1 a check failed, 2 the app never appeared, 3 missing packages,
# 124 timeout). The whole run is bounded by `timeout` (ATSPI_TIMEOUT, default 50 s).
#
# Debian/Ubuntu packages (installs nothing itself; lists what is missing):
#   xvfb dbus-daemon dbus-bin at-spi2-core python3-gi gir1.2-atspi-2.0
#   plus what the window itself needs, as in .ci/run: libgl1-mesa-dri libegl1 libxkbcommon-x11-0
#   libxcursor1 libxrandr2 libxi6
#   apt-get install -y --no-install-recommends xvfb dbus-daemon dbus-bin at-spi2-core python3-gi gir1.2-atspi-2.0
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [[ "${1:-}" == "--inner" ]]; then
  # ---- inside dbus-run-session: everything below dies with this shell
  shift
  bin="$1"; shift
  pids=()
  cleanup() {
    local p
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
      p=${pids[i]}
      kill "$p" 2>/dev/null
    done
    sleep 0.3
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
    wait 2>/dev/null
  }
  trap cleanup EXIT
  trap 'exit 143' TERM INT

  # a free X display, chosen by Xvfb itself
  dispfile="$work/display"
  Xvfb -displayfd 9 -screen 0 1400x900x24 -nolisten tcp >"$work/xvfb.log" 2>&1 9>"$dispfile" &
  pids+=($!)
  for _ in $(seq 100); do [[ -s "$dispfile" ]] && break; sleep 0.05; done
  [[ -s "$dispfile" ]] || { echo "run.sh: Xvfb did not start"; cat "$work/xvfb.log"; exit 2; }
  export DISPLAY=":$(head -n1 "$dispfile")"

  /usr/libexec/at-spi-bus-launcher --launch-immediately >"$work/launcher.log" 2>&1 &
  pids+=($!)
  has_owner() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
      org.freedesktop.DBus.NameHasOwner "string:$1" 2>/dev/null | grep -q 'boolean true'
  }
  for _ in $(seq 100); do has_owner org.a11y.Bus && break; sleep 0.05; done
  has_owner org.a11y.Bus || { echo "run.sh: at-spi-bus-launcher did not take org.a11y.Bus"; cat "$work/launcher.log"; exit 2; }
  dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus org.freedesktop.DBus.Properties.Set \
    string:org.a11y.Status string:IsEnabled variant:boolean:true >/dev/null ||
    { echo "run.sh: could not set org.a11y.Status IsEnabled"; exit 2; }

  if [[ -n "${ATSPI_PROJECT_COPY:-}" ]]; then
    "$bin" "$ATSPI_PROJECT_COPY" >"$work/app.log" 2>&1 &
  else
    "$bin" >"$work/app.log" 2>&1 &
  fi
  pids+=($!)
  app_pid=$!

  /usr/bin/python3 ${ATSPI_SCRIPT:-$here/check.py} --wait "${ATSPI_WAIT:-25}" "$@"
  status=$?
  if ! kill -0 "$app_pid" 2>/dev/null; then
    echo "run.sh: the program exited early; its log:"; tail -20 "$work/app.log"
    ((status == 0)) && status=1
  fi
  exit "$status"
fi

# ---- outside: check packages, make a private home, run the inner part in a fresh D-Bus session
bin="$root/target/debug/continuum"
if [[ $# -gt 0 && "$1" != "--" && "$1" != -* ]]; then bin="$1"; shift; fi
[[ "${1:-}" == "--" ]] && shift
[[ -x "$bin" ]] || { echo "run.sh: no program at $bin (cargo build --bin continuum)"; exit 2; }
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

missing=()
for pkg in xvfb dbus-daemon dbus-bin at-spi2-core python3-gi gir1.2-atspi-2.0; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "run.sh: missing packages: ${missing[*]}"
  echo "        apt-get install -y --no-install-recommends ${missing[*]}"
  exit 3
fi

work="$(mktemp -d -t continuum-atspi.XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home/data" "$work/home/config" "$work/home/cache" "$work/runtime"
chmod 700 "$work/runtime"
export work
if [[ -n "${ATSPI_PROJECT:-}" ]]; then
  [[ -f "$ATSPI_PROJECT" ]] || { echo "run.sh: ATSPI_PROJECT: no file at $ATSPI_PROJECT"; exit 2; }
  mkdir -p "$work/project"
  # the same file name, so the window's title names it as it would the original
  export ATSPI_PROJECT_COPY="$work/project/$(basename "$ATSPI_PROJECT")"
  cp "$ATSPI_PROJECT" "$ATSPI_PROJECT_COPY" || exit 2
  ATSPI_PROJECT="$(cd "$(dirname "$ATSPI_PROJECT")" && pwd)/$(basename "$ATSPI_PROJECT")"
  export ATSPI_PROJECT
else
  unset ATSPI_PROJECT_COPY
fi
# A private home for the program's settings and recent files, and for GSettings/dconf (the bus
# launcher writes the accessibility flag there): nothing leaks into the user's own.
export XDG_DATA_HOME="$work/home/data" XDG_CONFIG_HOME="$work/home/config" XDG_CACHE_HOME="$work/home/cache"
export XDG_RUNTIME_DIR="$work/runtime" GSETTINGS_BACKEND=memory
unset WAYLAND_DISPLAY DISPLAY AT_SPI_BUS_ADDRESS DBUS_SESSION_BUS_ADDRESS

start=$EPOCHREALTIME
# (the session bus's harmless complaint about the fd limit is filtered from stderr)
timeout -k 3 "${ATSPI_TIMEOUT:-50}" dbus-run-session -- bash "$0" --inner "$bin" "$@" \
  2> >(grep -v --line-buffered 'Failed to set fd limit' >&2)
status=$?
awk -v a="$start" -v b="$EPOCHREALTIME" -v s="$status" 'BEGIN { printf "run.sh: done in %.1f s, status %d\n", b - a, s }'
((status == 124)) && echo "run.sh: timed out after ${ATSPI_TIMEOUT:-50} s"
exit "$status"
