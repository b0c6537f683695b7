#!/usr/bin/env bash
# .ci/realcode.sh: chanown on real modules beside go vet (issue 12).
#
#	bash .ci/realcode.sh                  # the default subset (CI, under 10 minutes)
#	bash .ci/realcode.sh --all            # every module (about an hour and a half)
#	bash .ci/realcode.sh --all --doc      # ... and write the results into docs/realcode.md
#	bash .ci/realcode.sh --only github.com/miekg/dns,go.etcd.io/bbolt
#	bash .ci/realcode.sh --golangci BIN   # also compare with golangci-lint (plugin built in)
#
# It builds chanown and .ci/robustcheck from this checkout and runs
# .ci/realcode, which downloads each pinned module with go mod download
# and analyses it in place in the module cache, ./... with tests, as a
# user would (GOWORK=off GOTOOLCHAIN=local GOFLAGS=). For each module and
# mode (default, -exported) it fails on a panic or internal error, on two
# runs that differ, on a run over max(60 s, 5 × go vet's time), and on a
# difference between the diagnostics of the standalone driver and of
# go vet -vettool. docs/realcode.md explains the method and holds the
# results of the last --all run.
#
# A golangci-lint with the plugin is what .ci/integrations.sh builds and
# caches (under ~/.cache/chanown-ci/golangci-lint/<key>/golangci-lint);
# this script never builds one.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

args=()
doc=false
while [[ $# -gt 0 ]]; do
	case $1 in
	--all) args+=(-all); shift ;;
	--only) args+=(-only "$2"); shift 2 ;;
	--golangci) args+=(-golangci "$(realpath "$2")"); shift 2 ;;
	--doc) doc=true; shift ;;
	*)
		echo "usage: $0 [--all] [--only MODULES] [--golangci BIN] [--doc]" >&2
		exit 2
		;;
	esac
done

# The go command's ./... skips directories whose names start with a dot,
# so the go vet and go test of .ci/run do not reach the harness.
go vet ./.ci/realcode
go test ./.ci/realcode

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/" ./cmd/chanown ./.ci/robustcheck ./.ci/realcode

commit=$(git rev-parse --short HEAD 2>/dev/null || echo '?')
if [[ -n $(git status --porcelain -- analyzer cmd/chanown go.mod go.sum 2>/dev/null) ]]; then
	commit+=" with uncommitted changes in analyzer/ or cmd/chanown"
fi
if $doc; then
	args+=(-doc docs/realcode.md)
fi

start=$SECONDS
code=0
"$tmp/realcode" -chanown "$tmp/chanown" -robustcheck "$tmp/robustcheck" -commit "$commit" "${args[@]}" || code=$?
echo "realcode: $((SECONDS - start)) s in all"
exit $code
