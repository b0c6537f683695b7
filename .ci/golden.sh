#!/usr/bin/env bash
# .ci/golden.sh: the golden comparison (issue 16). A change that means to
# restructure, not to change behaviour, must leave every output of chanown
# byte for byte as it was.
#
#	bash .ci/golden.sh [--all] [--keep] [--force] [--only REGEXP] [BASE]
#
# It builds cmd/chanown (and .ci/goldendump, see below) at BASE, from
# `git archive`, and from the working tree (HEAD plus any uncommitted
# change), runs both builds on the same inputs, and fails unless each
# pair of runs gives identical stdout, stderr and exit code. BASE
# defaults to the first word of .ci/golden-base: a commit, or "self",
# the commit that last changed that file (docs/golden.md).
#
# What it compares (CI, the default; --all adds the items marked +):
#   std        chanown -gocache=false -json std           (in-process driver)
#              chanown -gocache=false -format=sarif std
#            + chanown -gocache=false -exported -json std
#            + chanown -gocache=false -exported -format=sarif std
#   vet        go vet -vettool=BIN -json net net/http os/signal runtime/pprof expvar
#            + go vet -vettool=BIN -json std, and with -chanown.exported
#              (go vet runs the vettool on every dependency too, so facts
#              travel through vetx files; each run gets a copy of the
#              binary with a nonce appended, which go vet identifies by
#              its hash, so nothing is replayed from go vet's cache; the
#              per-package JSON objects, printed in the order go vet
#              finishes them, are merged and sorted by goldendump -vetjson,
#              and stderr is sorted)
#   scenarios  chanown -gocache=false -json [flags] on the scenario
#              packages of analyzer/analyzer_test.go (TestAnalyzer and
#              TestRacePort, as listed by TestGoldenScenarios at the
#              working tree), in GOPATH mode under the working tree's
#              testdata, one run per set of flags; and testdata/modules
#              in module mode
#   modules    chanown -gocache=false -json ./... and -exported -json ./...
#              on the default subset of the real-code harness
#              (.ci/realcode.sh; every module with --all), in place in
#              the module cache
#            + go vet -vettool=BIN -json ./... on each module
#   facts      goldendump: every fact each analysed package exports, as
#              "<package ID> <object> <type>: <String()>", sorted, on
#              std (-test=false; + with tests), on each scenario group
#              and on each module
#
# Both sides run on the working tree's testdata and the same module
# cache, so positions (absolute paths) agree. The binaries are built with
# -buildvcs=false, so that the SARIF tool version does not depend on the
# revision, and in the same directory one after the other; if both builds
# are byte-identical there is nothing to compare and it says so and
# stops, unless --force.
#
# goldendump (.ci/goldendump) is the working tree's copy, built inside
# each revision's tree against that revision's analyzer: it uses only
# analyzer.Analyzer and its flags. A BASE it does not build against (one
# without them) fails with a message saying so.
#
# On a difference it prints the first 40 lines of a unified diff of each
# output that differs, runs the working tree's side once more to tell a
# change from a nondeterministic output, and exits 1. With --keep it
# leaves the outputs in the printed directory; with --only it runs only
# the comparisons whose names (the first column of its output) match the
# extended regular expression REGEXP. docs/golden.md says when
# to move .ci/golden-base.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

all=false
keep=false
force=false
only=
base=
while [[ $# -gt 0 ]]; do
	case $1 in
	--all) all=true ;;
	--keep) keep=true ;;
	--force) force=true ;;
	--only)
		only=${2:?--only needs a regular expression}
		shift
		;;
	-*)
		echo "usage: $0 [--all] [--keep] [--force] [--only REGEXP] [BASE]" >&2
		exit 2
		;;
	*)
		if [[ -n $base ]]; then
			echo "usage: $0 [--all] [--keep] [--force] [--only REGEXP] [BASE]" >&2
			exit 2
		fi
		base=$1
		;;
	esac
	shift
done
if [[ -z $base ]]; then
	base=$(awk 'NR == 1 { print $1 }' .ci/golden-base)
	if [[ $base == self ]]; then
		# A commit that changes behaviour on purpose is its own base:
		# "self" names the commit that last changed .ci/golden-base.
		if [[ -n $(git status --porcelain -- .ci/golden-base) ]]; then
			echo "golden: ok: .ci/golden-base, changed and not committed, makes the working tree its own base: nothing to compare"
			exit 0
		fi
		base=$(git log -1 --format=%H -- .ci/golden-base)
	fi
fi
if ! rev=$(git rev-parse --verify --quiet "$base^{commit}"); then
	echo "golden: $base is not a commit" >&2
	exit 2
fi

tmp=$(mktemp -d)
cleanup() {
	if $keep; then
		echo "golden: outputs kept in $tmp"
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT
mkdir -p "$tmp/src" "$tmp/base/out" "$tmp/head/out" "$tmp/again/out"

# The targets run as a user would run chanown: no workspace, no
# toolchain switch, none of the caller's GOFLAGS.
export GOWORK=off GOTOOLCHAIN=local GOFLAGS=

start=$SECONDS
dirty=
if [[ -n $(git status --porcelain -- analyzer cmd .ci/goldendump go.mod go.sum) ]]; then
	dirty=" with uncommitted changes"
fi
echo "== golden: base $(git log -1 --format='%h %s' "$rev" | cut -c1-72)"
echo "== golden: head the working tree: $(git log -1 --format=%h HEAD)$dirty"

# Build both sides.
# Both sides are built in the same directory, $tmp/src, one after the
# other: the binaries then hold the same source paths, and the same code
# builds to the same file. Not -trimpath: it leaves runtime.GOROOT()
# empty, and chanown uses it to tell std's packages (facts.go
# passModule), so a -trimpath build reports differently on std.
build=(go build -buildvcs=false)
git archive "$rev" | tar -x -C "$tmp/src"
mkdir -p "$tmp/src/.ci/goldendump"
cp .ci/goldendump/main.go "$tmp/src/.ci/goldendump/main.go"
(cd "$tmp/src" && "${build[@]}" -o "$tmp/base/" ./cmd/chanown) || {
	echo "golden: cmd/chanown does not build at $base" >&2
	exit 2
}
if ! (cd "$tmp/src" && "${build[@]}" -o "$tmp/base/" ./.ci/goldendump) 2>"$tmp/base/dump.err"; then
	cat "$tmp/base/dump.err" >&2
	echo "golden: .ci/goldendump of the working tree does not build against the analyzer at $base," >&2
	echo "golden: so its facts cannot be dumped; choose a later BASE (or adapt .ci/goldendump)" >&2
	exit 2
fi
# The go command's ./... skips .ci, so .ci/run's go vet does not reach
# goldendump.
go vet ./.ci/goldendump
rm -rf "$tmp/src"
mkdir "$tmp/src"
# The working tree: tracked files as they are now, and untracked ones
# that are not ignored.
git ls-files -z --cached --others --exclude-standard |
	tar --null --ignore-failed-read -T - -c 2>/dev/null | tar -x -C "$tmp/src"
(cd "$tmp/src" && "${build[@]}" -o "$tmp/head/" ./cmd/chanown ./.ci/goldendump)
rm -rf "$tmp/src"
ln -s ../head/chanown "$tmp/again/chanown"
ln -s ../head/goldendump "$tmp/again/goldendump"
if ! $force && cmp -s "$tmp/base/chanown" "$tmp/head/chanown" && cmp -s "$tmp/base/goldendump" "$tmp/head/goldendump"; then
	echo "golden: ok: chanown and goldendump build to identical binaries at both sides, nothing to compare (--force runs anyway)"
	exit 0
fi
echo "golden: built both sides in $((SECONDS - start)) s"

failed=0

# side SIDE NAME DIR POST CMD...: runs CMD in DIR with SIDE's binaries
# (@CHANOWN@, @DUMP@, and @VETTOOL@, a fresh copy of chanown) and leaves
# stdout, stderr and the exit code in $tmp/SIDE/out/NAME.*. POST vet
# canonicalises go vet's output.
side() {
	local s=$1 name=$2 dir=$3 post=$4
	shift 4
	local out=$tmp/$s/out/$name arg args=()
	for arg in "$@"; do
		arg=${arg//@CHANOWN@/$tmp/$s/chanown}
		arg=${arg//@DUMP@/$tmp/$s/goldendump}
		if [[ $arg == *@VETTOOL@* ]]; then
			local tool=$tmp/$s/vettool-$name
			cp "$(realpath "$tmp/$s/chanown")" "$tool"
			printf '\ngolden nonce %s %s %s\n' "$s" "$name" "$(date +%s%N)$RANDOM" >>"$tool"
			arg=${arg//@VETTOOL@/$tool}
		fi
		args+=("$arg")
	done
	local code=0 t=$SECONDS
	(cd "$dir" && "${args[@]}") >"$out.stdout" 2>"$out.stderr" || code=$?
	echo "$code" >"$out.code"
	if [[ $post == vet ]]; then
		"$tmp/head/goldendump" -vetjson <"$out.stdout" >"$out.canon" 2>>"$out.stderr" || echo "canonicalising failed" >>"$out.stderr"
		mv "$out.canon" "$out.stdout"
		LC_ALL=C sort -o "$out.stderr" "$out.stderr"
	fi
	echo $((SECONDS - t)) >"$out.time"
}

# differs A B: reports whether the outputs A and B (paths without the
# .stdout/.stderr/.code suffix) differ.
differs() {
	local x
	for x in stdout stderr code; do
		cmp -s "$1.$x" "$2.$x" || return 0
	done
	return 1
}

# together is true while the two sides may run at the same time: runs
# that leave a core idle part of the time, and need well under half the
# memory (not std, where each side takes 5 GB or more).
together=false

# compare NAME DIR POST CMD...: runs CMD at both sides and compares.
compare() {
	local name=$1 dir=$2 post=$3
	if [[ -n $only ]] && ! grep -Eq -- "$only" <<<"$name"; then
		return
	fi
	if $together; then
		side base "$@" &
		local pid=$!
		side head "$@"
		wait "$pid"
	else
		side base "$@"
		side head "$@"
	fi
	local b=$tmp/base/out/$name h=$tmp/head/out/$name
	local what
	what="$(wc -c <"$h.stdout") bytes, $(wc -l <"$h.stdout") lines, exit $(cat "$h.code"); base $(cat "$b.time") s, head $(cat "$h.time") s"
	if ! differs "$b" "$h"; then
		printf '%-28s identical: %s\n' "$name" "$what"
		return
	fi
	failed=1
	printf '%-28s DIFFERS: %s\n' "$name" "$what" >&2
	local x
	for x in stdout stderr code; do
		if ! cmp -s "$b.$x" "$h.$x"; then
			diff -u --label "base/$name.$x" --label "head/$name.$x" "$b.$x" "$h.$x" | head -40 >&2 || true
		fi
	done
	# A second run of the working tree's side tells a change from an
	# output that is not deterministic.
	side again "$@"
	if differs "$h" "$tmp/again/out/$name"; then
		echo "golden: $name: two runs of the working tree's side differ too: the output is not deterministic (see .ci/robust.sh)" >&2
	fi
}

echo "== golden: std"
compare std.json "$tmp" - @CHANOWN@ -gocache=false -json std
compare std.sarif "$tmp" - @CHANOWN@ -gocache=false -format=sarif std
if $all; then
	compare std.exported.json "$tmp" - @CHANOWN@ -gocache=false -exported -json std
	compare std.exported.sarif "$tmp" - @CHANOWN@ -gocache=false -exported -format=sarif std
fi

echo "== golden: go vet -vettool (facts in vetx files)"
if $all; then
	compare vet.std "$tmp" vet go vet -vettool=@VETTOOL@ -json std
	compare vet.std.exported "$tmp" vet go vet -vettool=@VETTOOL@ -chanown.exported -json std
else
	compare vet.std-subset "$tmp" vet go vet -vettool=@VETTOOL@ -json net net/http os/signal runtime/pprof expvar
fi

echo "== golden: facts on std"
if $all; then
	compare facts.std "$tmp" - @DUMP@ std
else
	compare facts.std.notest "$tmp" - @DUMP@ -test=false std
fi

echo "== golden: scenarios (testdata)"
together=true
if ! CHANOWN_GOLDEN_SCENARIOS=$tmp/scenarios go test -count=1 -run '^TestGoldenScenarios$' ./analyzer >"$tmp/scenarios.log" 2>&1; then
	cat "$tmp/scenarios.log" >&2
	echo "golden: listing the scenarios (TestGoldenScenarios) failed" >&2
	exit 2
fi
gopath=(env GOPATH="$root/testdata" GO111MODULE=off GOPROXY=off)
# One run per set of flags, over every scenario with those flags.
while IFS='|' read -r flags patterns; do
	read -ra f <<<"$flags"
	read -ra p <<<"$patterns"
	label=scenarios${flags:+.${flags//[^A-Za-z0-9.,:=-]/_}}
	compare "$label.json" "$root/testdata/src" - "${gopath[@]}" @CHANOWN@ -gocache=false -json "${f[@]}" "${p[@]}"
	compare "$label.facts" "$root/testdata/src" - "${gopath[@]}" @DUMP@ "${f[@]}" "${p[@]}"
done < <(awk -F'\t' '{ p[$2] = p[$2] " " $3 } END { for (f in p) print f "|" p[f] }' "$tmp/scenarios" | LC_ALL=C sort)
compare testdata-modules.json "$root/testdata/modules" - env GOPROXY=off @CHANOWN@ -gocache=false -json example.com/app/state example.com/app/user example.com/app/hits example.com/app/counter
compare testdata-modules.facts "$root/testdata/modules" - env GOPROXY=off @DUMP@ example.com/app/state example.com/app/user example.com/app/hits example.com/app/counter

echo "== golden: real modules (.ci/realcode.sh's $($all && echo 'modules' || echo 'default subset'))"
list=(go run ./.ci/realcode -list)
$all && list+=(-all)
mapfile -t mods < <("${list[@]}")
for mod in "${mods[@]}"; do
	dir=$(cd "$tmp" && go mod download -json "$mod" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
	if [[ -z $dir || ! -d $dir ]]; then
		echo "golden: go mod download $mod failed" >&2
		exit 2
	fi
	# Download the module's own dependencies, tests' included.
	(cd "$dir" && go list -e -test -deps ./... >/dev/null)
	name=${mod//\//_}
	compare "$name.json" "$dir" - @CHANOWN@ -gocache=false -json ./...
	compare "$name.exported.json" "$dir" - @CHANOWN@ -gocache=false -exported -json ./...
	compare "$name.facts" "$dir" - @DUMP@ ./...
	if $all; then
		compare "$name.vet" "$dir" vet go vet -vettool=@VETTOOL@ -json ./...
	fi
done

if [[ $failed != 0 ]]; then
	echo "golden: FAILED against $(git log -1 --format=%h "$rev") in $((SECONDS - start)) s: the outputs above differ" >&2
	echo "golden: a change of behaviour says so in its commit message and moves .ci/golden-base (docs/golden.md)" >&2
	exit 1
fi
echo "golden: ok against $(git log -1 --format=%h "$rev") in $((SECONDS - start)) s"
