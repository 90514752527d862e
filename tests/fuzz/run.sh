#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# run.sh SECONDS: builds and runs every tests/fuzz/fuzz_*.c for SECONDS.
#
# Each target is a libFuzzer LLVMFuzzerTestOneInput() built with
#   clang-19 -g -O1 -fsanitize=fuzzer,address,undefined
# plus what its comment lines ask for (paths relative to the repo root):
#   // fuzz-sources: a.c b.c      sources linked into the target
#   // fuzz-cflags: -Ifoo -DX     extra compiler flags
#   // fuzz-libs: -lfdt           libraries
#   // fuzz-seed-cmd: CMD         shell command run from the repo root that
#                                 writes seed inputs into $FUZZ_SEED_DIR
# Seeds also come from tests/fuzz/corpus/<target>/ when it exists.
# Work files (binary, logs, crash inputs) go to $FUZZ_OUT/<target>
# (default build/fuzz). Prints PASS/FAIL per target and exits non-zero if
# any target fails to build, crashes or times out on an input.
set -u

if [ $# -ne 1 ] || ! [ "$1" -gt 0 ] 2>/dev/null; then
	echo "usage: $0 SECONDS" >&2
	exit 2
fi
secs=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
cc=${FUZZ_CC:-clang-19}
out=${FUZZ_OUT:-$root/build/fuzz}
# UBSan must abort, or libFuzzer never sees undefined behaviour.
sanitize="-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"

# The value of a "// KEY: value" line of $1, empty if there is none.
directive() {
	sed -n "s|^// $2: *||p" "$1" | head -n 1
}

fail() {
	echo "FAIL $name: $1"
	[ -f "$2" ] && tail -n 30 "$2" | sed 's/^/    /'
	failed=$((failed + 1))
}

# Builds, seeds and runs one target; returns non-zero on failure.
fuzz_one() {
	src=$1
	work=$out/$name
	rm -rf "$work"
	mkdir -p "$work/corpus" "$work/seeds" "$work/artifacts" || return 1
	# Word splitting of the directives is intended: they are lists.
	# shellcheck disable=SC2046
	if ! (cd "$root" && $cc -g -O1 $sanitize $(directive "$src" fuzz-cflags) \
		-o "$work/$name" "$src" $(directive "$src" fuzz-sources) \
		$(directive "$src" fuzz-libs)) >"$work/build.log" 2>&1; then
		fail "build failed" "$work/build.log"
		return 1
	fi
	seed_cmd=$(directive "$src" fuzz-seed-cmd)
	if [ -n "$seed_cmd" ] && ! (cd "$root" && FUZZ_SEED_DIR="$work/seeds" \
		sh -c "$seed_cmd") >"$work/seeds.log" 2>&1; then
		fail "seed command failed" "$work/seeds.log"
		return 1
	fi
	set -- "$work/corpus" "$work/seeds"
	[ -d "$root/tests/fuzz/corpus/$name" ] && set -- "$@" "$root/tests/fuzz/corpus/$name"
	if ! "$work/$name" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$work/artifacts/" "$@" >"$work/fuzz.log" 2>&1; then
		fail "crash or timeout, inputs in $work/artifacts" "$work/fuzz.log"
		return 1
	fi
	echo "PASS $name ($(ls "$work/seeds" | wc -l) seeds," \
		"$(ls "$work/corpus" | wc -l) corpus entries)"
	passed=$((passed + 1))
}

passed=0
failed=0
for src in "$root"/tests/fuzz/fuzz_*.c; do
	[ -e "$src" ] || continue
	name=$(basename "$src" .c)
	fuzz_one "$src"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
