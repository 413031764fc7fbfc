#!/usr/bin/env bash
# The installed copy stands on its own: `cmake --install` into a temporary prefix, move the prefix
# elsewhere, hide the source tree (a private mount namespace lays an empty tmpfs over it), then run
# the installed binary from another working directory: lessons --check, render, equations, and
# the missing-data line. Usage: installed_copy.sh BUILD_DIR SOURCE_DIR BUILD_TYPE. Exit 77 = skipped
# (no X display). Sanitizer builds (BUILD_TYPE other than Release) embed source file names for their
# reports, so only a Release binary is checked for the source path.
set -euo pipefail
build=$1 source=$2 build_type=${3:-Release}
fail() { echo "installed_copy: $*" >&2; exit 1; }
[ -n "${DISPLAY:-}" ] || { echo "SKIPPED: render needs an X display (run under xvfb-run)"; exit 77; }

tmp=$(mktemp -d /tmp/stepwise-installed.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log" || { cat "$tmp/install.log" >&2; fail "cmake --install failed"; }
mv "$tmp/prefix" "$tmp/moved"   # a prefix that is not where it was installed
prefix=$tmp/moved

for f in bin/stepwise share/stepwise/lessons/01-data.toml share/stepwise/assets share/applications/stepwise.desktop \
         share/icons/hicolor/scalable/apps/stepwise.svg share/icons/hicolor/48x48/apps/stepwise.png \
         share/man/man1/stepwise.1.gz share/doc/stepwise/copyright; do
  [ -e "$prefix/$f" ] || fail "$f is not installed"
done
ls "$prefix"/share/metainfo/*.metainfo.xml >/dev/null || fail "no share/metainfo/*.metainfo.xml installed"
if [ -f "$build/docs/html/index.html" ]; then
  [ -f "$prefix/share/doc/stepwise/html/index.html" ] || fail "the docs are built but not installed"
  [ -f "$prefix/share/doc/stepwise/html/mathjax/MathJax.js" ] || fail "html/mathjax does not lead to MathJax.js"
fi
if [ "$build_type" = Release ] && grep -qF "$source" "$prefix/bin/stepwise"; then
  fail "the installed binary has the source path $source compiled in"
fi

# The user's data where `stepwise data fetch` puts it; settings in a fresh XDG config folder.
mkdir -p "$tmp/xdg/data/stepwise/mnist" "$tmp/xdg/config" "$tmp/elsewhere" "$tmp/empty"
cp "$source"/data/mnist/*-ubyte "$tmp/xdg/data/stepwise/mnist/"
lesson=$(sed -n 's/^id = "\(.*\)"/\1/p' "$source/lessons/01-data.toml")

# Hide the source tree when the kernel lets us (user + mount namespaces); otherwise say so.
hide=()
if unshare --user --map-root-user --mount true 2>/dev/null; then
  hide=(unshare --user --map-root-user --mount)
elif [ "$(id -u)" -eq 0 ] && unshare --mount true 2>/dev/null; then
  hide=(unshare --mount)
fi
run_installed() {
  if [ ${#hide[@]} -gt 0 ]; then
    "${hide[@]}" sh -c 'mount -t tmpfs stepwise-hidden "$1" && [ -z "$(ls -A "$1")" ] || exit 99; shift; cd "$1"; shift; exec "$@"' \
      sh "$source" "$tmp/elsewhere" "$@"
  else
    (cd "$tmp/elsewhere" && "$@")
  fi
}
[ ${#hide[@]} -gt 0 ] && echo "installed_copy: the source tree $source is hidden by an empty tmpfs" \
                      || echo "installed_copy: no mount namespace here: the source tree stays visible (the binary names no path to it)"

env_user=(env XDG_DATA_HOME="$tmp/xdg/data" XDG_CONFIG_HOME="$tmp/xdg/config")
run_installed "${env_user[@]}" "$prefix/bin/stepwise" lessons --check >"$tmp/check.out" 2>&1 \
  || { cat "$tmp/check.out" >&2; fail "lessons --check failed"; }
lessons=$(ls "$source"/lessons/*.toml | wc -l)
grep -q "$lessons lesson" "$tmp/check.out" || { cat "$tmp/check.out" >&2; fail "lessons --check did not check $lessons lessons"; }
run_installed "${env_user[@]}" "$prefix/bin/stepwise" render --lesson "$lesson" --step 1 --size 640x360 --out "$tmp/installed.png" \
  || fail "render failed"
[ "$(head -c 8 "$tmp/installed.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "render wrote no PNG"
[ "$(stat -c %s "$tmp/installed.png")" -gt 5000 ] || fail "the rendered PNG is nearly empty"
# The same step from the build tree, with the same data: the same picture.
"${env_user[@]}" "$build/src/app/stepwise" render --lesson "$lesson" --step 1 --size 640x360 \
  --data "$tmp/xdg/data/stepwise/mnist" --out "$tmp/built.png"
cmp -s "$tmp/installed.png" "$tmp/built.png" || fail "the installed copy draws step 1 of $lesson differently from the build tree"
run_installed "${env_user[@]}" "$prefix/bin/stepwise" equations >"$tmp/equations.out" || fail "equations failed"
grep -q "forward.z1" "$tmp/equations.out" || fail "equations does not list forward.z1"

# Without MNIST the installed copy says how to get it: one line, exit 1.
set +e
run_installed env XDG_DATA_HOME="$tmp/empty" XDG_CONFIG_HOME="$tmp/xdg/config" "$prefix/bin/stepwise" train --iterations 1 \
  >"$tmp/train.out" 2>"$tmp/train.err"
code=$?
set -e
expected="stepwise: no MNIST data in $tmp/empty/stepwise/mnist: run \`stepwise data fetch\` to download it, or give --data FOLDER"
[ "$code" -eq 1 ] || fail "train without data exited $code, expected 1"
got=$(cat "$tmp/train.err")
[ "${got%% (Fashion-MNIST is installed*}" = "$expected" ] || fail "train without data said: $got"
echo "installed_copy: lessons --check, render (identical to the build tree's), equations and the missing-data line all work from $prefix"
