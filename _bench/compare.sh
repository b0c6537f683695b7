#!/usr/bin/env bash
# _bench/compare.sh measures what a whole chanown run costs, against the
# floor of the same driver running an analyzer that does nothing, and
# against go vet's own suite. docs/performance.md explains the method and
# holds the results.
#
#   _bench/compare.sh [-n RUNS] [-real] [-only TREES] [-modes MODES] [-base REV] [-keep]
#   _bench/compare.sh -repeat        (= -modes repeat -only "e2e service std mysql bbolt")
#
#   -n RUNS      runs per tool and tree, alternating between tools (default 3)
#   -real        also measure golang.org/x/tools and
#                github.com/prometheus/prometheus (slow: tens of minutes)
#   -only TREES  measure only these trees, space-separated, from
#                "std tools prometheus e2e service mysql bbolt"
#                (overrides -real)
#   -modes MODES "vet standalone repeat" (default "vet standalone")
#   -tools TOOLS measure only these tools of each mode (e.g. "vettool
#                chanown base" for repeat mode on a slow machine)
#   -results FILE print the medians and ratios of the raw results of an
#                earlier run (its "raw results" lines) and exit
#   -base REV    the chanown that repeat mode compares with ("today's"
#                standalone driver), built from git archive REV
#                (default: the merge base of HEAD and main, else HEAD)
#   -keep        keep the work directory (binaries, logs, raw numbers)
#   -std PATTERNS  patterns for the std tree instead of "std" (a quick
#                check, e.g. -std "sync net/http")
#
# Trees:
#   std         the standard library, pattern "std"
#   tools       golang.org/x/tools@v0.52.0, pattern ./...
#   prometheus  github.com/prometheus/prometheus@v0.316.0: every package
#               that loads, i.e. ./... minus the packages that fail to
#               load here (discovery/nomad cannot download a dependency,
#               and what imports it); the script prints what it leaves out
#   e2e         testdata/e2e, the 70-line sample module, ./...
#   service     _bench/service, a 1.9k-line net/http service (chi,
#               bbolt, uuid, errgroup) with tests, ./...
#   mysql       github.com/go-sql-driver/mysql@v1.10.1, ./...
#   bbolt       go.etcd.io/bbolt@v1.5.0, ./...
#               (two modules of the real-code harness, .ci/realcode)
#
# Tools, for each tree:
#   vet mode (go vet, one process per package, results cached by go):
#     vet       go vet's default suite, -printf.funcs=<fresh token> per run
#     noop      -vettool=<copy of _bench/noop>, the floor
#     noopfact  -vettool=<copy of _bench/noopfact>, the floor with facts
#     chanown   -vettool=<copy of cmd/chanown>
#     Every vettool run uses a fresh copy of the binary with a few bytes
#     appended: its -V=full ID hashes the file, so go vet cannot reuse a
#     cached result. The default suite gets a fresh harmless flag value.
#   standalone mode (x/tools driver, go/packages + checker, one process):
#     vetsuite  go vet's suite under multichecker (_bench/vetsuite)
#     noop      _bench/noop, the floor
#     noopfact  _bench/noopfact, the floor with facts
#     chanown   cmd/chanown -gocache=false (the in-process driver)
#   repeat mode (issue 18: a first run, then the same run again; every
#   tool's two runs follow each other):
#     vet       go vet's default suite; cold: a fresh -printf.funcs
#               token; warm: the same token again
#     noopfact  go vet -vettool=<copy of noopfact>; cold: a fresh copy,
#               warm: the same copy again
#     vettool   go vet -vettool=<copy of cmd/chanown>, cold and warm
#     chanown   cmd/chanown standalone (through go vet since issue 18):
#               cold: a fresh copy, so that go vet's cache holds nothing
#               for it; warm: the same copy again
#     base      cmd/chanown standalone at -base (today's driver, which
#               keeps nothing between runs): cold and warm alike
#   Ratios: chanown warm / vettool warm (target <= 1.5), chanown cold /
#   base (target <= 1.1), and each phase against noopfact and vet.
#
# Each run is timed by /usr/bin/time (wall, user+sys CPU, peak RSS). For
# go vet, peak RSS is that of the largest single process (the go command
# or one vettool run), as getrusage reports for children. The script
# warms the build cache first, then alternates the tools round by round
# (rotating which goes first), and prints medians and the ratios
# chanown/noop, chanown/noopfact and chanown/vet.
#
# Needs Go, /usr/bin/time (Debian: apt-get install time) and, for -real,
# the module proxy. Runs in the background of other work are noise: keep
# the machine otherwise idle.
set -euo pipefail

runs=3
trees="std"
modes="vet standalone"
keep=false
base=""
only_tools=""
results_file=""
stdpkgs=(std)
while [[ $# -gt 0 ]]; do
	case $1 in
	-n) runs=$2; shift 2 ;;
	-real) trees="std tools prometheus"; shift ;;
	-only) trees=$2; shift 2 ;;
	-modes) modes=$2; shift 2 ;;
	-repeat) modes=repeat; trees="e2e service std mysql bbolt"; shift ;;
	-base) base=$2; shift 2 ;;
	-tools) only_tools=$2; shift 2 ;;
	-results) results_file=$2; shift 2 ;;
	-keep) keep=true; shift ;;
	-std) read -ra stdpkgs <<<"$2"; shift 2 ;;
	-h | -help | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "compare.sh: unknown argument $1 (see -help)" >&2; exit 2 ;;
	esac
done

if [[ ! -x /usr/bin/time ]]; then
	echo "compare.sh: /usr/bin/time is missing (Debian: apt-get install time)" >&2
	exit 2
fi

# Module zips may carry a go.work (prometheus does) naming folders the
# zip leaves out; every tree is measured as a module of its own.
export GOWORK=off

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d /tmp/chanown-bench.XXXXXX)
if [[ -n $results_file ]]; then
	cp "$results_file" "$work/results"
	keep=false
fi
if $keep; then
	echo "work directory: $work"
else
	trap 'rm -rf "$work"' EXIT
fi
bin=$work/bin
mkdir -p "$bin"

log() { printf '%s %s\n' "$(date +%T)" "$*" >&2; }

# Without -results: build, measure, and fill $work/results.
if [[ -z $results_file ]]; then
log "building the tools"
(cd "$root" && go build -o "$bin/" ./cmd/chanown ./_bench/noop ./_bench/noopfact ./_bench/vetsuite)
if [[ " $modes " == *" repeat "* ]]; then
	if [[ -z $base ]]; then
		base=$(git -C "$root" merge-base HEAD main 2>/dev/null || git -C "$root" rev-parse HEAD)
	fi
	log "building chanown at $base (base)"
	mkdir -p "$work/base"
	git -C "$root" archive "$base" | tar -x -C "$work/base"
	(cd "$work/base" && go build -o "$bin/chanown-base" ./cmd/chanown)
fi

# Machine, for the record.
{
	echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB memory, $(go version)"
	[[ -n $base ]] && echo "base (repeat mode): $(git -C "$root" rev-parse --short "$base")"
	echo "chanown at $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" status --porcelain -- analyzer cmd 2>/dev/null | grep -v '_test\.go$' | grep -q . && echo ' with uncommitted changes in analyzer/ or cmd/')"
	echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} >&2

# setup_tree TREE sets dir and pkgs for TREE: where to run and which
# package patterns to analyse.
setup_tree() {
	case $1 in
	std)
		dir=$root
		pkgs=("${stdpkgs[@]}")
		;;
	e2e)
		dir=$root/testdata/e2e
		pkgs=(./...)
		;;
	service)
		dir=$root/_bench/service
		pkgs=(./...)
		;;
	tools | prometheus | mysql | bbolt)
		local mod
		case $1 in
		tools) mod=golang.org/x/tools@v0.52.0 ;;
		prometheus) mod=github.com/prometheus/prometheus@v0.316.0 ;;
		mysql) mod=github.com/go-sql-driver/mysql@v1.10.1 ;;
		bbolt) mod=go.etcd.io/bbolt@v1.5.0 ;;
		esac
		dir=$work/src/$1
		if [[ ! -d $dir ]]; then
			log "$1: go mod download $mod"
			local src
			src=$(cd "$work" && go mod download -json "$mod" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
			mkdir -p "$work/src"
			cp -r "$src" "$dir"
			chmod -R u+w "$dir"
			(cd "$dir" && go mod download) || log "$1: go mod download reported errors (some packages may not load)"
		fi
		# Every package that loads with its dependencies; what does
		# not is printed and left out.
		mapfile -t pkgs < <(cd "$dir" && go list -e -f '{{if and (not .Error) (not .DepsErrors)}}{{.ImportPath}}{{end}}' ./... 2>/dev/null | sed '/^$/d')
		local bad
		bad=$(cd "$dir" && { go list -e -f '{{if or .Error .DepsErrors}}{{.ImportPath}}{{end}}' ./... 2>/dev/null || true; } | sed '/^$/d')
		if [[ -n $bad ]]; then
			log "$1: leaving out $(wc -l <<<"$bad") packages that do not load: $(tr '\n' ' ' <<<"$bad")"
		fi
		log "$1: ${#pkgs[@]} packages"
		;;
	*)
		echo "compare.sh: unknown tree $1" >&2
		exit 2
		;;
	esac
}

# fresh_copy NAME prints the path of a new copy of $bin/NAME whose bytes
# differ from every earlier copy, so go vet's cache cannot hold its
# results.
copies=0
fresh_copy() {
	copies=$((copies + 1))
	local c=$work/copies/$1-$copies
	mkdir -p "$work/copies"
	cp "$bin/$1" "$c"
	printf 'chanown-bench %s %s %s' "$$" "$copies" "$(date +%s%N)" >>"$c"
	echo "$c"
}

# measure TREE MODE TOOL RUN runs TOOL once and appends
# "tree mode tool wall cpu rss_kb exit" to $work/results. In repeat
# mode TOOL is "name/cold" or "name/warm"; a warm run reuses the binary
# copy or token of the cold run just before it.
measure() {
	local tree=$1 mode=$2 tool=$3 n=$4 cmd=()
	local token
	token=bench$$x$n$(date +%s%N)
	case $mode/$tool in
	vet/vet) cmd=(go vet "-printf.funcs=$token" "${pkgs[@]}") ;;
	vet/*) cmd=(go vet "-vettool=$(fresh_copy "$tool")" "${pkgs[@]}") ;;
	standalone/chanown) cmd=("$bin/chanown" -gocache=false "${pkgs[@]}") ;;
	standalone/*) cmd=("$bin/$tool" "${pkgs[@]}") ;;
	repeat/*/cold)
		case $tool in
		vet/*) repeat_token=$token ;;
		noopfact/*) repeat_copy=$(fresh_copy noopfact) ;;
		vettool/* | chanown/*) repeat_copy=$(fresh_copy chanown) ;;
		esac
		;;
	esac
	case $mode/$tool in
	repeat/vet/*) cmd=(go vet "-printf.funcs=$repeat_token" "${pkgs[@]}") ;;
	repeat/noopfact/* | repeat/vettool/*) cmd=(go vet "-vettool=$repeat_copy" "${pkgs[@]}") ;;
	repeat/chanown/*) cmd=("$repeat_copy" "${pkgs[@]}") ;;
	repeat/base/*) cmd=("$bin/chanown-base" "${pkgs[@]}") ;;
	esac
	local out=$work/logs/$tree-$mode-${tool//\//-}-$n
	mkdir -p "$work/logs"
	local code=0
	(cd "$dir" && /usr/bin/time -f '%e %U %S %M' -o "$out.time" "${cmd[@]}" >"$out.out" 2>"$out.err") || code=$?
	# Exit codes: 0 clean, 1 (vet) or 3 (standalone) findings. Anything
	# else, or a panic, means the run measured something else.
	if grep -Eq '^panic: |^fatal error: ' "$out.err" || [[ $code -ne 0 && $code -ne 1 && $code -ne 3 ]]; then
		log "WARNING: $tree $mode $tool run $n exited $code; see $out.err"
		tail -5 "$out.err" >&2
	fi
	read -r wall user sys rss < <(tail -1 "$out.time")
	printf '%s %s %s %s %s %s %s\n' "$tree" "$mode" "$tool" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u+s}')" "$rss" "$code" >>"$work/results"
	log "$tree $mode $tool #$n: wall ${wall}s cpu $(tail -1 "$work/results" | cut -d' ' -f5)s rss $((rss / 1024))MiB exit $code"
}

tools_for() {
	if [[ -n $only_tools ]]; then
		echo "$only_tools"
		return
	fi
	case $1 in
	vet) echo "vet noop noopfact chanown" ;;
	standalone) echo "vetsuite noop noopfact chanown" ;;
	repeat) echo "vet noopfact vettool chanown base" ;;
	esac
}

: >"$work/results"
for tree in $trees; do
	setup_tree "$tree"
	for mode in $modes; do
		read -ra tools <<<"$(tools_for "$mode")"
		log "$tree $mode: warming the build cache"
		case $mode in
		vet | repeat) (cd "$dir" && go vet -vettool="$(fresh_copy noop)" "${pkgs[@]}" >/dev/null 2>&1) || true ;;
		standalone) (cd "$dir" && "$bin/noop" "${pkgs[@]}" >/dev/null 2>&1) || true ;;
		esac
		for ((n = 1; n <= runs; n++)); do
			# Rotate which tool goes first, so no tool always runs
			# right after the same other one.
			k=$(((n - 1) % ${#tools[@]}))
			for tool in "${tools[@]:k}" "${tools[@]:0:k}"; do
				if [[ $mode == repeat ]]; then
					measure "$tree" "$mode" "$tool/cold" "$n"
					measure "$tree" "$mode" "$tool/warm" "$n"
				else
					measure "$tree" "$mode" "$tool" "$n"
				fi
			done
		done
	done
done

fi # -results

# Medians and ratios.
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "medians of $runs runs (wall and CPU in seconds, peak RSS in MiB):"
echo
awk -v runs="$runs" '
function median(key, col,    n, i, j, v, t) {
	n = split(vals[key, col], v, " ")
	for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
	return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
}
{
	key = $1 SUBSEP $2 SUBSEP $3
	if (!(key in seen)) { seen[key] = 1; order[++nk] = key }
	vals[key, "wall"] = vals[key, "wall"] " " $4
	vals[key, "cpu"] = vals[key, "cpu"] " " $5
	vals[key, "rss"] = vals[key, "rss"] " " ($6 / 1024)
}
END {
	printf "| %-10s | %-10s | %-8s | %8s | %8s | %8s |\n", "tree", "mode", "tool", "wall s", "cpu s", "RSS MiB"
	printf "|%s|%s|%s|%s|%s|%s|\n", "------------", "------------", "----------", "---------:", "---------:", "---------:"
	for (i = 1; i <= nk; i++) {
		split(order[i], k, SUBSEP)
		w[order[i]] = median(order[i], "wall"); c[order[i]] = median(order[i], "cpu"); r[order[i]] = median(order[i], "rss")
		printf "| %-10s | %-10s | %-8s | %8.1f | %8.1f | %8.0f |\n", k[1], k[2], k[3], w[order[i]], c[order[i]], r[order[i]]
		trees[k[1]] = 1; modes[k[1], k[2]] = 1
	}
	print ""
	printf "| %-10s | %-10s | %-16s | %6s | %6s | %6s | %s |\n", "tree", "mode", "ratio", "wall", "cpu", "RSS", "targets (wall, RSS)"
	printf "|%s|%s|%s|%s|%s|%s|%s|\n", "------------", "------------", "------------------", "-------:", "-------:", "-------:", "---------------------"
	for (i = 1; i <= nk; i++) {
		split(order[i], k, SUBSEP)
		if (k[3] != "chanown") continue
		ch = order[i]
		vet = k[1] SUBSEP k[2] SUBSEP (k[2] == "vet" ? "vet" : "vetsuite")
		split("noop noopfact", floors, " ")
		for (f = 1; f <= 2; f++) {
			fl = k[1] SUBSEP k[2] SUBSEP floors[f]
			if (!(fl in w) || w[fl] == 0) continue
			ww = w[ch] / w[fl]; cc = c[ch] / c[fl]; rr = r[ch] / r[fl]
			printf "| %-10s | %-10s | %-16s | %6.2f | %6.2f | %6.2f | %s |\n", k[1], k[2], "chanown/" floors[f], ww, cc, rr, \
				(ww <= 1.25 ? "wall ok" : "wall > 1.25") ", " (rr <= 1.25 ? "RSS ok" : "RSS > 1.25")
		}
		if ((vet in w) && w[vet] > 0) {
			ww = w[ch] / w[vet]; cc = c[ch] / c[vet]; rr = r[ch] / r[vet]
			printf "| %-10s | %-10s | %-16s | %6.2f | %6.2f | %6.2f | %s |\n", k[1], k[2], "chanown/" (k[2] == "vet" ? "vet" : "vetsuite"), ww, cc, rr, \
				(ww <= 1.0 ? "wall ok" : "wall > 1.0")
		}
	}
	# Repeat mode: chanown (standalone) against the others, per phase.
	split("chanown/warm vettool/warm 1.5|chanown/cold base/cold 1.1|chanown/warm noopfact/warm 0|chanown/warm vet/warm 0|chanown/cold noopfact/cold 0|chanown/cold vet/cold 0|vettool/cold base/cold 0", pairs, "|")
	for (t in trees) {
		for (p = 1; p in pairs; p++) {
			split(pairs[p], q, " ")
			a = t SUBSEP "repeat" SUBSEP q[1]; b = t SUBSEP "repeat" SUBSEP q[2]
			if (!(a in w) || !(b in w) || w[b] == 0 || r[b] == 0) continue
			ww = w[a] / w[b]; cc = (c[b] > 0 ? c[a] / c[b] : 0); rr = r[a] / r[b]
			printf "| %-10s | %-10s | %-16s | %6.2f | %6.2f | %6.2f | %s |\n", t, "repeat", q[1] "/" q[2], ww, cc, rr, \
				(q[3] > 0 ? (ww <= q[3] ? "wall ok" : "wall > " q[3]) : "")
		}
	}
}' "$work/results"
echo
echo "raw results (tree mode tool wall cpu rss_kb exit):"
cat "$work/results"
