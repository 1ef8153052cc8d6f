#!/usr/bin/env bash
# The fresh-machine check: does the README's set-up work on a bare Debian 12, as a newcomer would follow it?
#
#   sudo scripts/check-fresh-debian.sh [OUTPUT_FOLDER]   (default /var/tmp/fresh-check-TIME; about 15 minutes;
#                                                         not part of `make test`)
#
# 1. bootstraps a minimal Debian 12 (`debootstrap --variant=minbase bookworm`) in a temporary folder, from the
#    mirror in this machine's apt sources;
# 2. gives it this machine's apt sources and settings, CA certificates, DNS and pip configuration (files and PIP_*
#    variables), so it reaches the same package registries this machine does, and nothing else of this machine;
# 3. runs the README's commands as written there: the block after <!-- setup:system --> (as root, in /root), then
#    `git clone` of this repository's committed HEAD with the git that block installed, then each line of the
#    block after <!-- setup:checkout --> in the checkout; `make run` runs under an Xvfb display of this machine
#    until the window "SCO Briefing" shows, a screenshot is taken (window.png), then the app is ended;
# 4. with two of the X11 plugin's libraries hidden, checks that the app names them and their packages;
# 5. reports each step with its exit code and time (summary.txt), with each step's output in its own log.
#
# Needs root (debootstrap, chroot, mounts); installs debootstrap, xvfb, x11-utils and imagemagick on this machine
# when missing. KEEP_ROOT=1 keeps the bootstrapped system (its path is printed). Exit status: 0 when every step
# passed, 1 otherwise, 2 when it could not start.
set -uo pipefail

repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel) || exit 2
out=$(realpath -m "${1:-/var/tmp/fresh-check-$(date -u +%Y%m%dT%H%M%SZ)}")
mkdir -p "$out" || exit 2
summary=$out/summary.txt
: >"$summary"
readme=$repo/README.md
window_timeout=${WINDOW_TIMEOUT:-600}   # seconds for `make run` to show the window (it creates .venv first)

say() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$summary"; }

if [ "$(id -u)" != 0 ]; then echo "check-fresh-debian: run it as root (sudo)" >&2; exit 2; fi
if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no)" ]; then
  say "note: uncommitted changes in $repo are not checked (the check clones the committed HEAD)"
fi

# The README's blocks: the lines of the ```sh block after a marker comment, comments and blanks dropped.
readme_block() {
  awk -v marker="<!-- setup:$1 -->" '
    $0 == marker { found = 1; next }
    found && /^```/ { if (inside) exit; inside = 1; next }
    inside { sub(/[[:space:]]+#.*$/, ""); if ($0 !~ /^[[:space:]]*(#|$)/) print }
  ' "$readme"
}
system_block=$(readme_block system)
checkout_block=$(readme_block checkout)
if [ -z "$system_block" ] || [ -z "$checkout_block" ]; then
  echo "check-fresh-debian: README.md lacks the <!-- setup:system --> or <!-- setup:checkout --> block" >&2
  exit 2
fi

# --- this machine's tools -------------------------------------------------------------------------------------
host_tools=()
command -v debootstrap >/dev/null || host_tools+=(debootstrap)
command -v Xvfb >/dev/null || host_tools+=(xvfb)
command -v xwininfo >/dev/null || host_tools+=(x11-utils)
command -v import >/dev/null || host_tools+=(imagemagick)
if [ "${#host_tools[@]}" -gt 0 ]; then
  say "installing on this machine: ${host_tools[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${host_tools[@]}" >>"$out/host-tools.log" 2>&1 \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${host_tools[@]}"; } \
      >>"$out/host-tools.log" 2>&1 || { echo "check-fresh-debian: cannot install ${host_tools[*]}" >&2; exit 2; }
fi

# The Debian mirror this machine uses for bookworm (deb822 .sources first, then one-line .list files).
mirror=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '
  /^URIs:/ { uri = $2 } /^Suites:/ && / bookworm( |$)/ && uri != "" { print uri; exit } /^$/ { uri = "" }')
[ -n "$mirror" ] || mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
  | awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }')
mirror=${mirror:-http://deb.debian.org/debian}

root=$(mktemp -d /var/tmp/fresh-debian.XXXXXX) && chmod 755 "$root" || exit 2  # 755: apt drops to _apt
mounted=()
xvfb_pid=
app_pgid=
cleanup() {
  [ -n "$app_pgid" ] && kill -TERM -- "-$app_pgid" 2>/dev/null
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  sleep 1
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount -R "${mounted[$i]}" 2>/dev/null || umount -lR "${mounted[$i]}" 2>/dev/null
  done
  if grep -q " $root/" /proc/mounts; then
    echo "check-fresh-debian: something is still mounted under $root; not removing it" >&2
  elif [ "${KEEP_ROOT:-0}" = 1 ]; then
    echo "check-fresh-debian: the bootstrapped system is kept in $root"
  else
    rm -rf --one-file-system "$root"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

failed=0
# step NAME COMMAND...: runs it with its output in NAME.log; records exit code and seconds.
step() {
  local name=$1 start rc
  shift
  say "step $name: $*"
  start=$(date +%s)
  "$@" >"$out/$name.log" 2>&1 </dev/null
  rc=$?
  say "step $name: exit $rc in $(($(date +%s) - start)) s (log: $name.log)"
  printf '%-20s exit %-3s %5s s\n' "$name" "$rc" "$(($(date +%s) - start))" >>"$out/steps.txt"
  [ "$rc" = 0 ] || failed=1
  return "$rc"
}

# Commands in the new system, as root with a clean environment: only HOME, PATH, the locale and this machine's
# PIP_* settings (how pip reaches the package index here).
in_root() {
  local dir=$1
  shift
  local vars=(HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 TERM=dumb)
  local var
  while IFS= read -r var; do vars+=("$var"); done < <(env | grep '^PIP_' || true)
  chroot "$root" /usr/bin/env -i "${vars[@]}" "$@" /bin/bash -c "cd '$dir' && $CMD"
}
run_in_root() {  # run_in_root DIR COMMAND-LINE [VAR=VALUE...]
  local dir=$1 line=$2
  shift 2
  CMD=$line in_root "$dir" "$@"
}

bootstrap() {
  debootstrap --variant=minbase bookworm "$root" "$mirror"
}

configure() {
  # apt: the same sources (and keyrings they name) and settings about fetching (proxies, date checks)
  rm -f "$root/etc/apt/sources.list"
  cp /etc/apt/sources.list "$root/etc/apt/" 2>/dev/null || true
  find /etc/apt/sources.list.d -maxdepth 1 \( -name '*.list' -o -name '*.sources' \) -exec cp {} "$root/etc/apt/sources.list.d/" \;
  grep -lE 'Acquire|Proxy' /etc/apt/apt.conf.d/* 2>/dev/null | xargs -r cp -t "$root/etc/apt/apt.conf.d/"
  grep -hoE '/[^ ]+\.(gpg|asc)' /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null | sort -u \
    | while read -r key; do [ -f "$key" ] && { mkdir -p "$root$(dirname "$key")"; cp "$key" "$root$key"; }; done
  # CA certificates: this machine's bundle, and its own CAs so that installing ca-certificates keeps them
  mkdir -p "$root/etc/ssl/certs" "$root/usr/local/share/ca-certificates"
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/" || return 1
  cp -r /usr/local/share/ca-certificates/. "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
  # DNS
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  cp /etc/hosts "$root/etc/hosts"
  # pip: its configuration files (the PIP_* variables are passed to every command)
  [ -f /etc/pip.conf ] && cp /etc/pip.conf "$root/etc/pip.conf"
  [ -d /etc/xdg/pip ] && { mkdir -p "$root/etc/xdg"; cp -r /etc/xdg/pip "$root/etc/xdg/"; }
  [ -d "$HOME/.config/pip" ] && { mkdir -p "$root/root/.config"; cp -r "$HOME/.config/pip" "$root/root/.config/"; }
  [ -f "$HOME/.pip/pip.conf" ] && { mkdir -p "$root/root/.pip"; cp "$HOME/.pip/pip.conf" "$root/root/.pip/"; }
  # /proc, /dev, /sys, and this machine's X11 sockets (the Xvfb display for `make run`)
  mount -t proc proc "$root/proc" && mounted+=("$root/proc") || return 1
  mount --rbind /dev "$root/dev" && mounted+=("$root/dev") && mount --make-rslave "$root/dev" || return 1
  mount --rbind /sys "$root/sys" && mounted+=("$root/sys") && mount --make-rslave "$root/sys" || return 1
  mkdir -p /tmp/.X11-unix "$root/tmp/.X11-unix" && chmod 1777 /tmp/.X11-unix
  mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix" && mounted+=("$root/tmp/.X11-unix") || return 1
  # the repository to clone: a bare clone of this one's committed HEAD, where the new system can read it
  git clone --quiet --bare --branch "$(git -C "$repo" rev-parse --abbrev-ref HEAD)" "$repo" "$root/srv/sco-briefing.git" \
    || return 1
  git -C "$repo" log -1 --format='cloned commit %H %s'
}

# `make run` (the README's line) under Xvfb: wait for the window, take a screenshot, end the app.
run_window() {
  local line=$1 display waited=0 rc
  for display in $(seq 90 140); do [ -e "/tmp/.X$display-lock" ] || break; done
  Xvfb ":$display" -screen 0 1280x860x24 -nolisten tcp >"$out/xvfb.log" 2>&1 &
  xvfb_pid=$!
  sleep 2
  setsid bash -c "$(declare -f in_root); CMD=$(printf %q "$line") root=$(printf %q "$root") \
    in_root /root/sco-briefing DISPLAY=:$display" &
  app_pgid=$!
  until xwininfo -display ":$display" -root -tree 2>/dev/null | grep -q '"SCO Briefing'; do
    if ! kill -0 "$app_pgid" 2>/dev/null; then
      wait "$app_pgid"
      rc=$?
      app_pgid=
      echo "'$line' ended (exit $rc) before any window showed"
      return $((rc == 0 ? 1 : rc))
    fi
    if [ "$waited" -ge "$window_timeout" ]; then echo "no window after $window_timeout s"; return 1; fi
    sleep 2
    waited=$((waited + 2))
  done
  echo "the window showed after about $waited s"
  sleep 8  # first paint, content
  import -display ":$display" -window root "$out/window.png"
  rc=$?
  if ! kill -0 "$app_pgid" 2>/dev/null; then echo "the app ended by itself before the screenshot"; rc=1; fi
  kill -TERM -- "-$app_pgid" 2>/dev/null
  wait "$app_pgid" 2>/dev/null
  app_pgid=
  kill "$xvfb_pid" 2>/dev/null
  wait "$xvfb_pid" 2>/dev/null
  xvfb_pid=
  echo "screenshot: $out/window.png"
  return "$rc"
}

# Not the README's: with two libraries of Qt's X11 plugin hidden, starting the window must name them and their
# packages (exit 2) instead of Qt's "xcb-cursor0 is needed" abort. The libraries are put back afterwards.
missing_library() {
  local libdir=/usr/lib/x86_64-linux-gnu lib text rc
  for lib in libxcb-shape.so.0 libxkbcommon-x11.so.0; do mv "$root$libdir/$lib" "$root$libdir/$lib.hidden" || return 1; done
  text=$(run_in_root /root/sco-briefing ".venv/bin/briefing-app" DISPLAY=:0 2>&1)
  rc=$?
  for lib in libxcb-shape.so.0 libxkbcommon-x11.so.0; do mv "$root$libdir/$lib.hidden" "$root$libdir/$lib"; done
  echo "exit $rc: $text"
  [ "$rc" = 2 ] && grep -q 'libxcb-shape0' <<<"$text" && grep -q 'libxkbcommon-x11-0' <<<"$text"
}

say "fresh-machine check of $repo ($(git -C "$repo" rev-parse --short HEAD)) in $root; output in $out"
say "mirror: $mirror"
step bootstrap bootstrap || exit 1
step configure configure || exit 1
step setup-system run_in_root /root "$system_block" || exit 1
step clone run_in_root /root "git clone /srv/sco-briefing.git sco-briefing" || exit 1
n=0
while IFS= read -r line; do
  n=$((n + 1))
  name=$(echo "$line" | tr -c 'a-zA-Z0-9\n' '-' | sed 's/--*/-/g; s/-$//')
  if [ "$line" = "make run" ]; then
    step "$n-$name" run_window "$line"
  else
    step "$n-$name" run_in_root /root/sco-briefing "$line"
  fi
done <<<"$checkout_block"
step missing-library missing_library
sed 's/^/  /' "$out/missing-library.log" | tee -a "$summary"
for log in "$out"/*-make-test.log; do
  [ -f "$log" ] && tail -n 3 "$log" | sed 's/^/  make test: /' | tee -a "$summary"
done
say "steps:"
sed 's/^/  /' "$out/steps.txt" | tee -a "$summary"
if [ "$failed" = 0 ]; then say "PASSED: every step exit 0"; else say "FAILED: see the logs in $out"; fi
exit "$failed"
