#!/usr/bin/env bash
# Builds Cairn's desktop app with jpackage: an app image (target/installer/Cairn) and, with
# --deb, a .deb that installs it under /opt/cairn with a desktop menu entry.
#   installer/build-app.sh           # app image only
#   installer/build-app.sh --deb     # app image and .deb (needs dpkg-deb and fakeroot)
# The app is non-modular: JavaFX goes on the module path of the bundled runtime, everything else
# (the app jar and its libraries) on the class path; the launcher's main class is
# dev.cairn.ui.Launcher, which does not extend Application.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
want_deb=false
[[ "${1:-}" == "--deb" ]] && want_deb=true

# Maven may wrap the answer in colour escapes ("\e[0m0.1.0-SNAPSHOT\e[0m"), whose digits must not
# leak into the version (they once made it 00.1.00): take the first dotted number only.
version="$(mvn -q -B -Dstyle.color=never help:evaluate -Dexpression=project.version \
  -DforceStdout 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' | grep -oE '[0-9]+(\.[0-9]+)+' | head -n 1 \
  || true)"
version="${version:-0.1.0}"

echo "build-app: packaging the jar and its libraries"
mvn -q -B -Dstyle.color=never -DskipTests package

out="$root/target/installer"
input="$out/input"
fxmods="$out/fxmods"
rm -rf "$out"
mkdir -p "$input" "$fxmods"
cp target/cairn-*.jar "$input/cairn.jar"
for jar in target/lib/*.jar; do
  case "$(basename "$jar")" in
    javafx-*-linux.jar) cp "$jar" "$fxmods/" ;;  # the platform jars hold the classes
    javafx-*.jar) ;;                             # the empty umbrella jars are not needed
    *) cp "$jar" "$input/" ;;
  esac
done

# The JDK modules the app and its libraries use, found by jdeps rather than guessed.
jdk_modules="$(jdeps -q --multi-release 17 --ignore-missing-deps --print-module-deps \
  --module-path "$fxmods" --class-path "$input/*" "$input/cairn.jar")"
modules="$(tr ',' '\n' <<<"$jdk_modules,javafx.controls,javafx.fxml,jdk.crypto.ec,jdk.localedata" \
  | sort -u | paste -sd, -)"
echo "build-app: runtime modules: $modules"

common=(
  --name Cairn
  --app-version "$version"
  --vendor "Cairn"
  --description "Desktop VM manager with its own RISC-V emulator core"
  --input "$input"
  --main-jar cairn.jar
  --main-class dev.cairn.ui.Launcher
  --module-path "$fxmods"
  --add-modules "$modules"
  --icon "$root/icons/cairn-256.png"
  --java-options "-Xss8m"
  --dest "$out"
)

echo "build-app: app image"
jpackage --type app-image "${common[@]}"
echo "build-app: $out/Cairn/bin/Cairn"

if $want_deb; then
  echo "build-app: .deb"
  jpackage --type deb "${common[@]}" \
    --linux-package-name cairn \
    --linux-menu-group "System;Emulator;" \
    --linux-app-category misc \
    --linux-shortcut
  deb="$(ls "$out"/*.deb)"
  # The package must hold the launcher, the menu entry (installed by its postinst through
  # xdg-desktop-menu) and the icon that entry names.
  listing="$(dpkg-deb -c "$deb")"
  for want in ./opt/cairn/bin/Cairn ./opt/cairn/lib/cairn-Cairn.desktop ./opt/cairn/lib/Cairn.png; do
    grep -q " $want\$" <<<"$listing" || { echo "build-app: $deb lacks $want" >&2; exit 1; }
  done
  echo "build-app: $deb"
fi
