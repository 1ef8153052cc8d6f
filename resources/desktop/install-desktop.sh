#!/bin/sh
# Install the SCO Briefing launcher (.desktop file) and its icons for the current user, or remove them.
#
#   sh install-desktop.sh [--exec PATH] [--uninstall]
#
# --exec PATH   the briefing-app program the launcher starts. Default: the bundle's own briefing-app when this
#               script sits in a bundle folder, else the briefing-app found on PATH.
# --uninstall   remove what an earlier run installed.
#
# Files go to ${XDG_DATA_HOME:-~/.local/share}/applications and .../icons/hicolor; nothing needs root.
# This script ships in the source tree (resources/desktop), the wheel (briefing_app/_data/resources/desktop)
# and the bundle (its top folder and _internal/resources/desktop); it finds the icons beside it in each.
set -eu

app_id=sco-briefing
here=$(cd "$(dirname "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
exec_path=
action=install

while [ $# -gt 0 ]; do
    case $1 in
        --exec) [ $# -ge 2 ] || { echo "install-desktop: --exec needs a path" >&2; exit 2; }
                exec_path=$2; shift 2 ;;
        --exec=*) exec_path=${1#--exec=}; shift ;;
        --uninstall) action=uninstall; shift ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install-desktop: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

applications=$data_home/applications
icons=$data_home/icons/hicolor

refresh_caches() {
    # Menus pick up changes without these on most desktops; run them where they exist, quietly.
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database "$applications" >/dev/null 2>&1 || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache --force --ignore-theme-index "$icons" >/dev/null 2>&1 || true
    fi
}

if [ "$action" = uninstall ]; then
    rm -f "$applications/$app_id.desktop" "$icons/scalable/apps/$app_id.svg"
    for png in "$icons"/*/apps/"$app_id.png"; do
        [ -e "$png" ] && rm -f "$png"
    done
    refresh_caches
    echo "Removed the SCO Briefing launcher and icons from $data_home"
    exit 0
fi

resources=
for candidate in "$here/.." "$here/_internal/resources"; do
    if [ -f "$candidate/desktop/$app_id.desktop" ] && [ -f "$candidate/icons/$app_id.svg" ]; then
        resources=$(cd "$candidate" && pwd)
        break
    fi
done
if [ -z "$resources" ]; then
    echo "install-desktop: cannot find the launcher and icons next to $here" >&2
    exit 2
fi

if [ -z "$exec_path" ]; then
    for candidate in "$here/briefing-app" "$here/../../../briefing-app"; do
        if [ -x "$candidate" ] && [ -f "$candidate" ]; then
            exec_path=$candidate
            break
        fi
    done
fi
if [ -z "$exec_path" ]; then
    exec_path=$(command -v briefing-app 2>/dev/null || true)
fi
if [ -z "$exec_path" ]; then
    echo "install-desktop: no briefing-app found; say which with --exec /path/to/briefing-app" >&2
    exit 2
fi
case $exec_path in
    /*) ;;
    *) exec_path=$(cd "$(dirname "$exec_path")" && pwd)/$(basename "$exec_path") ;;
esac
if [ ! -x "$exec_path" ] || [ -d "$exec_path" ]; then
    echo "install-desktop: $exec_path is not a program" >&2
    exit 2
fi
case $exec_path in
    *[\"\`\$\\%]*)
        echo "install-desktop: the path $exec_path has a character a launcher cannot hold (\" \` \$ \\ %)" >&2
        exit 2 ;;
esac

mkdir -p "$applications" "$icons/scalable/apps"
cp "$resources/icons/$app_id.svg" "$icons/scalable/apps/$app_id.svg"
for png in "$resources"/icons/hicolor/*/apps/"$app_id.png"; do
    size=$(basename "$(dirname "$(dirname "$png")")")
    mkdir -p "$icons/$size/apps"
    cp "$png" "$icons/$size/apps/$app_id.png"
done
# The Exec value is quoted so that a folder name with spaces works (Desktop Entry Specification, "Exec key").
sed_path=$(printf '%s' "$exec_path" | sed 's/[&|]/\\&/g')
sed -e "s|^Exec=.*|Exec=\"$sed_path\"|" -e "s|^TryExec=.*|TryExec=$sed_path|" \
    "$resources/desktop/$app_id.desktop" > "$applications/$app_id.desktop.tmp"
chmod 644 "$applications/$app_id.desktop.tmp"
mv "$applications/$app_id.desktop.tmp" "$applications/$app_id.desktop"
refresh_caches
echo "Installed $applications/$app_id.desktop (starts $exec_path) and icons in $icons"
