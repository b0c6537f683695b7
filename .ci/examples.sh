#!/usr/bin/env bash
# .ci/examples.sh runs the tests of the conversion guide's examples
# (docs/examples: the before and after packages of docs/ownership.md)
# with the race detector. -race needs cgo, so a C compiler: on a machine
# without gcc it is installed with apt-get first. The verdict test
# (chanown's reports on the examples) skips itself under -race; the plain
# go test ./... of .ci/run runs it.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v gcc >/dev/null 2>&1; then
	echo "== installing gcc (needed by go test -race)"
	sudo=()
	if [[ $(id -u) -ne 0 ]]; then
		sudo=(sudo)
	fi
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y gcc
fi

echo "== go test -race ./docs/examples/..."
go test -race ./docs/examples/...
