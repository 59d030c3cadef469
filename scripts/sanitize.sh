#!/usr/bin/env bash
# Builds ipmap and its tests with AddressSanitizer + UndefinedBehaviorSanitizer into
# build-asan/ and runs the whole ctest suite under them (leak checking included).
# Fails on any test failure, leak or sanitizer report.
#   scripts/sanitize.sh                  build + every test (about 12 min build, 6 min tests on 2 cores)
#   scripts/sanitize.sh -R io            extra arguments go to both ctest passes
# Two passes, because a leak's allocation stack costs a full DWARF unwind at every malloc:
#   1. unit tests and fuzz replays, with full stacks, so that tests/fuzz/lsan.supp can
#      name the exact library functions that leak by themselves (fontconfig, cairo);
#   2. end-to-end tests (label e2e), with the fast unwinder (the atlas tests take 700 s
#      instead of 33 s with full stacks) and tests/fuzz/lsan_fast_unwind.supp, which can
#      match those two leaks only by library.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$here/build-asan"

cmake -S "$here" -B "$build" -G Ninja -DIPMAP_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)"

asan_common="detect_leaks=1:strict_string_checks=1:check_initialization_order=1"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
status=0

echo "sanitize: unit tests and fuzz replays (full allocation stacks)"
ASAN_OPTIONS="${ASAN_OPTIONS:-$asan_common:fast_unwind_on_malloc=0}" \
LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$here/tests/fuzz/lsan.supp:print_suppressions=0}" \
  ctest --test-dir "$build" -j 2 --output-on-failure -LE e2e "$@" || status=1

echo "sanitize: end-to-end tests (fast unwinder)"
ASAN_OPTIONS="${ASAN_OPTIONS:-$asan_common}" \
LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$here/tests/fuzz/lsan_fast_unwind.supp:print_suppressions=0}" \
  ctest --test-dir "$build" -j 2 --output-on-failure -L e2e "$@" || status=1

exit "$status"
