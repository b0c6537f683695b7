#!/usr/bin/env bash
# .ci/integrations.sh tests chanown's integrations for real
# (docs/integrations.md), offline apart from the Go module proxy:
#
#  1. the golangci-lint plugin module: go vet, tidiness, unit tests, and
#     that the main module does not depend on golangci-lint;
#  2. a real golangci-lint binary with the plugin, built as
#     "golangci-lint custom" would but from the module cache, by the
#     commands of docs/integrations.md ("Offline") as written, and cached
#     under $CHANOWN_CI_CACHE (default ~/.cache/chanown-ci) by a key made
#     of every .go, go.mod and go.sum file of the project (test data
#     excluded), the golangci-lint version, those commands and
#     `go version`; then
#     plugin/golangci_test.go runs it on testdata/golangci and compares
#     it with the standalone command;
#  3. actionlint on the example workflow .github/workflows/chanown.yml;
#  4. the pre-commit hook of .pre-commit-hooks.yaml, installed and run as
#     pre-commit would.
#
# The output formats, exit codes and chanvet are tested by go test ./...
# in .ci/run.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)

golangci_version=v2.15.0
actionlint_version=v1.7.12
cache_root=${CHANOWN_CI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/chanown-ci}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# section prints a heading and the time the previous section took.
section_start=$SECONDS
section() {
	if [[ -n ${section_name:-} ]]; then
		echo "   ($section_name: $((SECONDS - section_start)) s)"
	fi
	section_name=$1
	section_start=$SECONDS
	echo "== $1"
}

fail() {
	echo "integrations: $*" >&2
	exit 1
}

section "plugin module"
if grep -q 'plugin-module-register' go.mod go.sum; then
	fail "the main module must not depend on github.com/golangci/plugin-module-register"
fi
(
	cd plugin
	unformatted=$(gofmt -l .)
	[[ -z $unformatted ]] || fail "these plugin files need gofmt -w: $unformatted"
	go mod tidy -diff || fail "plugin/go.mod or plugin/go.sum is not tidy (run go mod tidy in plugin/)"
	go vet ./...
	go test ./...
)

section "golangci-lint $golangci_version with the chanown plugin"
# The offline build of docs/integrations.md, run exactly as written there
# when the cache misses: the sh block after the offline-build marker. It
# writes bin/custom-gcl in the checkout and runs its version command.
block=$(awk '/^<!-- offline-build:/ { marked = 1; next }
	marked && /^```sh$/ { inside = 1; next }
	inside && /^```$/ { exit }
	inside { print }' docs/integrations.md)
[[ -n $block ]] || fail "docs/integrations.md has no sh block after its offline-build marker"
grep -Eq "^ *v=$golangci_version( |$)" <<<"$block" ||
	fail "docs/integrations.md builds another golangci-lint version than $golangci_version"
key=$(
	{
		find . -path ./.git -prune -o -type f \( -name '*.go' -o -name go.mod -o -name go.sum \) -print |
			grep -v '/testdata/' | LC_ALL=C sort | xargs sha256sum
		echo "golangci-lint $golangci_version"
		echo "$block"
		go version
	} | sha256sum | cut -c1-20
)
cache_dir=$cache_root/golangci-lint
bin=$cache_dir/$key/golangci-lint
if [[ -x $bin ]]; then
	echo "cached: $bin"
else
	build_start=$SECONDS
	bash -e -c "$block" || fail "the offline build of docs/integrations.md failed"
	[[ -x bin/custom-gcl ]] || fail "the offline build of docs/integrations.md wrote no bin/custom-gcl"
	mv bin/custom-gcl "$tmp/golangci-lint.bin"
	rmdir bin 2>/dev/null || true
	mkdir -p "$cache_dir/$key"
	mv "$tmp/golangci-lint.bin" "$bin.tmp"
	mv "$bin.tmp" "$bin"
	echo "built in $((SECONDS - build_start)) s: $bin"
	# Keep the three newest builds.
	find "$cache_dir" -mindepth 1 -maxdepth 1 -type d -printf '%T@ %p\n' |
		LC_ALL=C sort -rn | tail -n +4 | cut -d' ' -f2- |
		while read -r old; do rm -rf -- "$old"; done
fi
"$bin" version
# Capture first: grep -q closing the pipe early would make pipefail
# report SIGPIPE from golangci-lint as a failure.
linters=$("$bin" linters --config testdata/golangci/.golangci.yml 2>&1 || true)
if ! grep -q '^chanown' <<<"$linters"; then
	echo "$linters" >&2
	fail "golangci-lint does not list chanown as enabled"
fi
(cd plugin && CHANOWN_GOLANGCI_LINT=$bin go test -count=1 -run '^TestGolangciLint$' -v . | grep -E '^(=== RUN|--- |\s+---|ok|FAIL|PASS|\s+golangci_test)')

section "actionlint $actionlint_version"
go run "github.com/rhysd/actionlint/cmd/actionlint@$actionlint_version" .github/workflows/chanown.yml
echo "actionlint: .github/workflows/chanown.yml ok"

section "pre-commit hook"
# The fields of the chanown hook, read with sed: the file is ours and
# flat, and pre-commit itself is not installable from the module proxy.
hook=$(sed -n '/^- id: chanown$/,/^- id:/p' .pre-commit-hooks.yaml)
field() { sed -n "s/^  $1: *//p" <<<"$hook"; }
[[ $(field language) == golang ]] || fail ".pre-commit-hooks.yaml: chanown is not language: golang"
[[ $(field pass_filenames) == false ]] || fail ".pre-commit-hooks.yaml: chanown lacks pass_filenames: false"
entry=$(field entry)
args=$(field args | sed 's/^\[//; s/\]$//; s/,/ /g')
[[ -n $entry ]] || fail ".pre-commit-hooks.yaml: chanown has no entry"
echo "hook: $entry $args"
# pre-commit's golang language: go install ./... of the hook repository
# into the hook's environment, then entry + args from the root of the
# repository being committed to, with no file names.
GOBIN=$tmp/hookbin GOFLAGS=-buildvcs=false go install ./...
mkdir -p "$tmp/clean"
cp testdata/golangci/clean/clean.go "$tmp/clean/"
printf 'module example.com/clean\n\ngo 1.26\n' >"$tmp/clean/go.mod"
run_hook() { # dir, wanted exit code, wanted output (regexp, may be empty)
	local code=0 out
	# shellcheck disable=SC2086 # args are words, as pre-commit splits them
	out=$(cd "$1" && PATH=$tmp/hookbin:$PATH GOWORK=off GOFLAGS='' GOPROXY=off $entry $args 2>&1) || code=$?
	if [[ $code != "$2" ]] || ! grep -Eq -- "${3:-.}" <<<"${out:-.}"; then
		echo "$out" >&2
		fail "hook in $1: exit $code, want $2 and output matching '$3'"
	fi
	echo "hook in ${1#"$repo"/}: exit $code"
}
run_hook "$repo/testdata/e2e" 3 'main\.go:[0-9]+:[0-9]+: \[shared\] mu guards counts'
run_hook "$tmp/clean" 0 ''

section "done"
echo "== integrations ok"
