#!/usr/bin/env bash
# .ci/robust.sh: chanown never crashes and never flickers (issue 7).
#
#	bash .ci/robust.sh          # std only (CI)
#	bash .ci/robust.sh --all    # std, cmd and three modules from the module cache
#
# For each target it runs the standalone command's in-process driver
# (-gocache=false) with -json twice, the second time with GOMAXPROCS=1,
# and fails unless both runs
#   - exit 0 with nothing on stderr: no panic, no internal error, no
#     package that fails to load or type-check, no failed analysis;
#   - print byte-identical JSON;
#   - give every diagnostic and related position as a valid
#     file:line:col in a real file (no "-" positions), each diagnostic in
#     a file of the package it is reported for, with a known category and
#     a one-line message (checked by .ci/robustcheck).
#
# The modules, at fixed versions, are fetched with `go mod download` (the
# module proxy) and analysed in place in the module cache, ./... with
# tests. They were picked because they load fully here and use mutexes
# and goroutines in earnest:
#   golang.org/x/tools@v0.52.0                (the analysis framework)
#   github.com/nats-io/nats-server/v2@v2.15.2 (a lock-heavy server)
#   github.com/prometheus/client_golang@v1.25.0 (global registries)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

all=false
case "${1:-}" in
"") ;;
--all) all=true ;;
*)
	echo "usage: $0 [--all]" >&2
	exit 2
	;;
esac

modules=(
	golang.org/x/tools@v0.52.0
	github.com/nats-io/nats-server/v2@v2.15.2
	github.com/prometheus/client_golang@v1.25.0
)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=$tmp/chanown
check=$tmp/robustcheck
go build -o "$bin" ./cmd/chanown
go build -o "$check" ./.ci/robustcheck

# The targets run outside this module, as a user would run chanown. A
# module's toolchain line must not make the go command switch toolchains,
# and the caller's GOFLAGS must not change what loads.
export GOWORK=off GOTOOLCHAIN=local GOFLAGS=

failed=0

# target NAME DIR PATTERN: two runs and the checks above.
target() {
	local name=$1 dir=$2 pattern=$3
	local out=$tmp/$name
	local start=$SECONDS
	local code1=0 code2=0
	# In process (-gocache=false): through go vet the second run would
	# replay the first from go vet's cache (TestGoCache checks that
	# path; .ci/run's smoke runs use it).
	(cd "$dir" && "$bin" -gocache=false -json "$pattern" >"$out.1.json" 2>"$out.1.err") || code1=$?
	(cd "$dir" && GOMAXPROCS=1 "$bin" -gocache=false -json "$pattern" >"$out.2.json" 2>"$out.2.err") || code2=$?
	local ok=true
	for run in 1 2; do
		if grep -Eq '^panic: |^goroutine [0-9]+ \[|^fatal error: |internal error' "$out.$run.err" "$out.$run.json"; then
			echo "$name: run $run panicked or failed internally:" >&2
			head -50 "$out.$run.err" >&2
			ok=false
		elif [[ -s $out.$run.err ]]; then
			echo "$name: run $run wrote to stderr:" >&2
			head -20 "$out.$run.err" >&2
			ok=false
		fi
	done
	if [[ $code1 != 0 || $code2 != 0 ]]; then
		echo "$name: exit codes $code1 and $code2, want 0 and 0" >&2
		ok=false
	fi
	if ! cmp -s "$out.1.json" "$out.2.json"; then
		echo "$name: the two runs differ:" >&2
		diff "$out.1.json" "$out.2.json" | head -40 >&2 || true
		ok=false
	fi
	local summary
	if ! summary=$("$check" -dir "$dir" -pattern "$pattern" "$out.1.json"); then
		ok=false
	fi
	if $ok; then
		echo "$name: ok in $((SECONDS - start))s: $summary"
	else
		echo "$name: FAILED: $summary" >&2
		failed=1
	fi
}

echo "== chanown -json std, twice"
target std "$tmp" std

if $all; then
	echo "== chanown -json cmd, twice"
	target cmd "$tmp" cmd
	for mod in "${modules[@]}"; do
		echo "== chanown -json $mod ./..., twice"
		dir=$(cd "$tmp" && go mod download -json "$mod" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
		if [[ -z $dir || ! -d $dir ]]; then
			echo "$mod: go mod download failed" >&2
			failed=1
			continue
		fi
		# Download the module's own dependencies, tests' included,
		# before the timed runs.
		(cd "$dir" && go list -e -test -deps ./... >/dev/null)
		target "${mod//[\/@]/_}" "$dir" ./...
	done
fi

if [[ $failed != 0 ]]; then
	echo "robust: FAILED" >&2
	exit 1
fi
echo "robust: ok"
