#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ and runs them, seeded from the repository's own inputs.
#
#   Scripts/fuzz.sh                      every target, 60 seconds each
#   Scripts/fuzz.sh scenario-yaml 600    one target for ten minutes
#   Scripts/fuzz.sh all 600              every target, one after the other, ten minutes each
#   Scripts/fuzz.sh --build-only         build the targets, run nothing
#   Scripts/fuzz.sh --no-build parcels-csv 600   run what was built last
#
# Targets: scenario-yaml, scenario-json, scenario-csv, parcels-csv, parcels-jsonl, service-request.
#
# How it is built: the package's modules are compiled once by SwiftPM into .build-fuzz with coverage
# instrumentation and AddressSanitizer (`-Xswiftc -sanitize=fuzzer,address` for Swift — as one flag: given as
# two, `-sanitize=address` alone takes effect and the Swift code has no coverage counters —, and
# `-fsanitize=fuzzer-no-link,address` for C); then each Fuzz/<Target>.swift, which defines
# `LLVMFuzzerTestOneInput`, is linked with `swiftc -sanitize=fuzzer,address -parse-as-library` against those
# modules' object files. libFuzzer supplies `main`.
#
# Each run keeps its corpus in .build-fuzz/fuzz/<target>/corpus (it grows from run to run) and writes
# crashes, timeouts and leaks to .build-fuzz/fuzz/<target>/artifacts/. A run ends with a line
#   fuzz: <target>: <runs> runs in <seconds> s (<runs/s> exec/s), corpus <files> files, <n> findings
# and the script exits 1 if any target found something. Swift builds take /tmp/boomerang-build.lock
# (shared with other builds on the machine); fuzzers run one at a time, single-process, under nice.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

SWIFT=${SWIFT:-swift}
SWIFTC=${SWIFTC:-swiftc}
LOCK=${BOOMERANG_BUILD_LOCK:-/tmp/boomerang-build.lock}
BUILD=.build-fuzz
OUT=$BUILD/fuzz
TARGETS=(scenario-yaml scenario-json scenario-csv parcels-csv parcels-jsonl service-request)

locked() { flock "$LOCK" "$@"; }

source_of() {
    case $1 in
        scenario-yaml) echo Fuzz/ScenarioYAML.swift ;;
        scenario-json) echo Fuzz/ScenarioJSON.swift ;;
        scenario-csv) echo Fuzz/ScenarioCSV.swift ;;
        parcels-csv) echo Fuzz/ParcelsCSV.swift ;;
        parcels-jsonl) echo Fuzz/ParcelsJSONLines.swift ;;
        service-request) echo Fuzz/ServiceRequest.swift ;;
        *) echo "fuzz: unknown target '$1' (one of: ${TARGETS[*]}, all)" >&2; exit 64 ;;
    esac
}

# The SwiftPM target a harness needs, and the modules whose objects it links (all that were built, for the
# service, whose dependency graph is large).
package_target_of() {
    case $1 in
        scenario-*) echo ReturnsNetwork ;;
        parcels-*) echo Routing ;;
        service-request) echo ReturnsService ;;
    esac
}
modules_of() {
    case $1 in
        scenario-*) echo "ReturnsNetwork Yams CYaml" ;;
        parcels-*) echo "Routing Planning MIP ReturnsNetwork Yams CYaml" ;;
        service-request) echo all ;;
    esac
}

build_package() {
    locked nice "$SWIFT" build --build-path "$BUILD" --target "$1" \
        -Xswiftc -sanitize=fuzzer,address \
        -Xcc -fsanitize=fuzzer-no-link -Xcc -fsanitize=address
}

build_target() {
    local target=$1 bin dir objects=() module
    bin=$($SWIFT build --build-path "$BUILD" --show-bin-path)
    build_package "$(package_target_of "$target")"
    local dirs=()
    if [ "$(modules_of "$target")" = all ]; then
        dirs=("$bin"/*.build)
    else
        for module in $(modules_of "$target"); do dirs+=("$bin/$module.build"); done
    fi
    for dir in "${dirs[@]}"; do
        [ -d "$dir" ] || continue
        case $(basename "$dir") in
            boomerang.build | *Tests.build | *-tool.build | *PackageTests.build | *PackageDiscoveredTests.build) continue ;;
        esac
        while IFS= read -r object; do objects+=("$object"); done < <(find "$dir" -name '*.o')
    done
    # The C modules the Swift modules import: SwiftPM's generated module maps, the packages' own, ours.
    local maps=()
    while IFS= read -r map; do
        maps+=(-Xcc "-fmodule-map-file=$map")
    done < <(find "$bin" -maxdepth 2 -name module.modulemap; find "$BUILD"/checkouts/*/Sources Sources -name module.modulemap)
    mkdir -p "$OUT/$target"
    locked nice "$SWIFTC" -sanitize=fuzzer,address -parse-as-library -g \
        -I "$bin/Modules" "${maps[@]}" "$(source_of "$target")" "${objects[@]}" \
        -lglpk -lsqlite3 -lz -o "$OUT/$target/$target"
}

# Seeds: the scenarios, the test fixtures and the documentation's examples, per target.
seed() {
    local target=$1 seeds=$OUT/$1/seeds file
    rm -rf "$seeds"
    mkdir -p "$seeds"
    case $target in
        scenario-yaml)
            cp Scenarios/*.yaml "$seeds"/
            find Tests -path '*Fixtures*' -name '*.yaml' -exec cp {} "$seeds"/ \;
            # The YAML blocks of the README and the format reference.
            awk -v dir="$seeds" 'FNR == 1 { name = FILENAME; gsub(/[^A-Za-z0-9]/, "-", name) }
                /^```yaml/ { n++; on = 1; next } /^```/ { on = 0 } on { print > (dir "/doc-" name "-" n ".yaml") }' \
                README.md docs/scenario-format.md
            ;;
        scenario-json)
            find Tests -path '*Fixtures*' -name '*.json' -exec cp {} "$seeds"/ \;
            # The example scenarios in their JSON form, when Python has PyYAML to convert them.
            for file in Scenarios/*.yaml; do
                python3 -c 'import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1])), sys.stdout)' "$file" \
                    > "$seeds/$(basename "$file" .yaml).json" 2>/dev/null || rm -f "$seeds/$(basename "$file" .yaml).json"
            done
            ;;
        scenario-csv)
            # The first byte picks the table the rest replaces: n(odes), l(anes), d(emand).
            for file in Scenarios/*.csv $(find Tests -path '*Fixtures*' -name '*.csv' -not -path '*FacilityLocation*'); do
                local header kind
                header=$(head -n 1 "$file")
                case $header in
                    id,kind* | *,kind,*) kind=n ;;
                    *from,*to*) kind=l ;;
                    zone,*) kind=d ;;
                    *) continue ;;
                esac
                { printf '%s' "$kind"; cat "$file"; } > "$seeds/$kind-$(basename "$file")"
            done
            ;;
        parcels-csv) cp Fuzz/seeds/parcels-csv/* "$seeds"/ ;;
        parcels-jsonl) cp Fuzz/seeds/parcels-jsonl/* "$seeds"/ ;;
        service-request)
            cp Fuzz/seeds/service-request/* "$seeds"/
            cp Fuzz/seeds/parcels-jsonl/* "$seeds"/
            ;;
    esac
    # Inputs that once crashed or hung a target stay in its seeds.
    if [ -d "Fuzz/regressions/$target" ]; then cp Fuzz/regressions/"$target"/* "$seeds"/ 2>/dev/null || true; fi
}

run_target() {
    local target=$1 seconds=$2 dir=$OUT/$1 log runs rate findings corpus
    seed "$target"
    mkdir -p "$dir/corpus" "$dir/artifacts"
    log=$dir/last-run.log
    echo "fuzz: $target for $seconds s (log: $log)"
    # -timeout: an input that takes longer than 10 s is a hang; -rss_limit_mb: one that needs 2 GB is a finding.
    # -fork would run more processes: this machine is shared, so one process, at low priority.
    # With -jobs, libFuzzer runs the job in a child process that logs to fuzz-0.log in the working folder:
    # the target's own folder, hence the absolute paths.
    set +e
    (cd "$dir" && BOOMERANG_FUZZ_SCENARIO="$root/Scenarios/eu-uk-returns.yaml" nice "./$target" -workers=1 -jobs=1 \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$root/$dir/artifacts/" "$root/$dir/corpus" "$root/$dir/seeds") > "$log" 2>&1
    set -e
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    corpus=$(find "$dir/corpus" -type f | wc -l)
    findings=$(find "$dir/artifacts" -type f | wc -l)
    echo "fuzz: $target: ${runs:-0} runs in $seconds s (${rate:-0} exec/s), corpus $corpus files, $findings findings"
    if [ "$findings" -gt 0 ]; then
        find "$dir/artifacts" -type f | sed 's/^/fuzz:   /'
        grep -m 3 -E 'ERROR|SUMMARY|Fatal error|deadly signal|timeout' "$log" | sed 's/^/fuzz:   /' || true
        return 1
    fi
}

build_only=false build=true
case ${1:-} in
    --build-only) build_only=true; shift ;;
    --no-build) build=false; shift ;;
esac
selected=${1:-all}
seconds=${2:-${FUZZ_SECONDS:-60}}
if [ "$selected" = all ]; then list=("${TARGETS[@]}"); else source_of "$selected" > /dev/null; list=("$selected"); fi

if $build; then for target in "${list[@]}"; do build_target "$target"; done; fi
$build_only && exit 0

failed=0
for target in "${list[@]}"; do run_target "$target" "$seconds" || failed=1; done
exit $failed
