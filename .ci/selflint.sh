#!/usr/bin/env bash
# .ci/selflint.sh checks that chanown lints this repository clean under
# the repository's own configuration:
#
#  1. chanown ./... (the README's first command, every category, text
#     format) exits 0 and prints nothing;
#  2. the run steps of .github/workflows/chanown.yml, executed in order
#     as the Actions runner would (bash -e, RUNNER_TEMP set), all succeed,
#     and the SARIF log they write has no results, so code scanning would
#     open no alert.
#
# The deliberate "before" packages of docs/examples carry
# //chanown:ignore shared, as docs/ownership.md explains.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp" chanown.sarif' EXIT

fail() {
	echo "selflint: $*" >&2
	exit 1
}

# The binary is run directly: under go run an exit status of 3 (findings)
# becomes 1.
go build -o "$tmp/chanown" ./cmd/chanown
code=0
"$tmp/chanown" ./... >"$tmp/out" 2>&1 || code=$?
if [[ $code != 0 || -s $tmp/out ]]; then
	cat "$tmp/out" >&2
	fail "chanown ./... on this repository: exit $code, want 0 and no output (exit 3 means findings)"
fi
echo "chanown ./...: exit 0"

# The workflow's run steps: one line each, plain or in single quotes.
workflow=.github/workflows/chanown.yml
mapfile -t steps < <(sed -n "s/^ *run: *//p" "$workflow")
[[ ${#steps[@]} -gt 0 ]] || fail "$workflow has no run steps"
for step in "${steps[@]}"; do
	case $step in
	"|"* | ">"*) fail "$workflow: a multi-line run step, which this script cannot read: $step" ;;
	"'"*"'") step=${step:1:${#step}-2} step=${step//"''"/"'"} ;;
	esac
	echo "step: $step"
	RUNNER_TEMP=$tmp bash -e -c "$step" || fail "$workflow: step failed: $step"
done
[[ -s chanown.sarif ]] || fail "$workflow wrote no chanown.sarif"
# chanown writes "results": [] for a run without findings.
grep -q '"results": \[\]' chanown.sarif || fail "$workflow: chanown.sarif has results: code scanning would open alerts"
echo "$workflow: every step passes, no code scanning results"
