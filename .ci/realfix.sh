#!/usr/bin/env bash
# .ci/realfix.sh: the suggested fix of shared on real modules (issue 17).
#
#	bash .ci/realfix.sh            # the default subset of .ci/realcode/modules.go
#	bash .ci/realfix.sh --all      # every pinned module
#	bash .ci/realfix.sh --only go.uber.org/zap,google.golang.org/grpc
#
# For each pinned module (and mode: default, -exported) it copies the
# module out of the module cache (go mod download) into a writable
# directory, counts the fixes chanown offers (chanown -gocache=false
# -json ./...), applies them (-fix), and then requires that the module
# still builds (go build ./..., or where some packages do not build
# before the fix, the packages that do; and go vet of the changed
# packages) and
# that the changed packages' tests pass, offline (GOPROXY=off,
# GOFLAGS=-mod=mod, -short). Some tests need the network: a test that
# fails without the fix too does not count against it (pass*). It
# prints one line per module and mode: offered, applied (fixes no longer
# offered), built, tested; docs/realcode.md records the numbers. It
# exits 1 if an applied fix does not build or breaks a test.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
all=false
only=
case ${1:-} in
--all) all=true ;;
--only) only=,$2, ;;
"") ;;
*)
	echo "usage: $0 [--all | --only MODULES]" >&2
	exit 2
	;;
esac

tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
go build -o "$tmp/" ./cmd/chanown ./.ci/fixcount
bin=$tmp/chanown

# Module lines of modules.go: {"path", "version", "what", subset},
mapfile -t mods < <(grep -E '^\s*\{"[^"]+", "v[^"]+", "[^"]*", (true|false)\},' .ci/realcode/modules.go |
	sed -E 's/^\s*\{"([^"]+)", "([^"]+)", "[^"]*", (true|false)\},.*/\1 \2 \3/')

export GOWORK=off GOTOOLCHAIN=local GOFLAGS=-mod=mod
fail=0
printf '%-40s %-9s %7s %7s %5s %6s\n' module mode offered applied built tested
for line in "${mods[@]}"; do
	read -r path version subset <<<"$line"
	if [[ -n $only ]]; then
		[[ $only == *",$path,"* ]] || continue
	elif ! $all && [[ $subset != true ]]; then
		continue
	fi
	src=$(go mod download -json "$path@$version" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')
	for mode in default exported; do
		flags=()
		[[ $mode == exported ]] && flags=(-exported)
		dir=$tmp/$(basename "$path")-$mode
		cp -r "$src" "$dir"
		chmod -R u+w "$dir"
		(cd "$dir" && "$bin" -gocache=false "${flags[@]}" -json ./... >"$tmp/before.json" 2>/dev/null) || true
		offered=$(grep -c '"suggested_fixes"' "$tmp/before.json" || true)
		applied=0 built=- tested=-
		if [[ $offered -gt 0 ]]; then
			pkgs=$("$tmp/fixcount" pkgs <"$tmp/before.json") || pkgs=
			# What builds before the fix must build after it. Most
			# modules build whole; where some packages do not (syncthing's
			# lib/api needs assets that go generate makes), the packages
			# that compile before the fix are the ones checked after it.
			buildable=./...
			if ! (cd "$dir" && GOPROXY=off go build ./...) >/dev/null 2>&1; then
				buildable=$(cd "$dir" && GOPROXY=off go list -e -export -f '{{if and (not .Error) (not .DepsErrors) (or .GoFiles .CgoFiles)}}{{.ImportPath}}{{end}}' ./... 2>/dev/null)
				echo "$path $mode: $(wc -w <<<"$buildable") packages build before the fix; go build ./... fails" >&2
			fi
			# The tests of the unmodified packages first: some need the
			# network, and their failures are not the fix's.
			(cd "$dir" && GOPROXY=off go test -count=1 -short -json $pkgs >"$tmp/test-before.json" 2>&1) || true
			(cd "$dir" && GOPROXY=off "$bin" -gocache=false "${flags[@]}" -fix ./... >/dev/null 2>&1) || true
			(cd "$dir" && "$bin" -gocache=false "${flags[@]}" -json ./... >"$tmp/after.json" 2>/dev/null) || true
			left=$(grep -c '"suggested_fixes"' "$tmp/after.json" || true)
			applied=$((offered - left))
			if (cd "$dir" && GOPROXY=off go build $buildable && GOPROXY=off go vet $pkgs) >"$tmp/build.out" 2>&1; then
				built=yes
				(cd "$dir" && GOPROXY=off go test -count=1 -short -json $pkgs >"$tmp/test-after.json" 2>&1) || true
				# pass: every test passes; pass*: the tests that fail
				# fail without the fix too; FAIL: the fix broke a test.
				tested=$("$tmp/fixcount" tests "$tmp/test-before.json" "$tmp/test-after.json")
				[[ $tested == FAIL ]] && fail=1
			else
				built=NO
				fail=1
				tail -20 "$tmp/build.out" >&2
			fi
		fi
		printf '%-40s %-9s %7s %7s %5s %6s\n' "$path" "$mode" "$offered" "$applied" "$built" "$tested"
		chmod -R u+w "$dir"
		rm -rf "$dir"
	done
done
exit $fail
