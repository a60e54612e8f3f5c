#!/usr/bin/env bash
# Times `boomerang route` end to end (reading CSV, writing CSV) on generated parcels:
#   Scripts/route-end-to-end.sh [ZONES] [HUBS] [PARCELS]
# Generates the network and parcels under .build/e2e (once), plans it (once), then routes three times.
set -euo pipefail
cd "$(dirname "$0")/.."
zones=${1:-2000}; hubs=${2:-40}; parcels=${3:-1000000}
dir=.build/e2e/z$zones-h$hubs
mkdir -p "$dir"
swift build -c release --product boomerang >/dev/null
bin=.build/release/boomerang
[ -f "$dir/network.yaml" ] || $bin generate scenario --zones "$zones" --hubs "$hubs" --warehouses 4 --seed 1 -o "$dir/network.yaml" 2>/dev/null
[ -f "$dir/plan.json" ] || $bin plan "$dir/network.yaml" --time-limit 60 --format json -o "$dir/plan.json" || true
[ -f "$dir/parcels-$parcels.csv" ] || $bin generate parcels --scenario "$dir/network.yaml" --count "$parcels" --seed 1 -o "$dir/parcels-$parcels.csv"
for run in 1 2 3; do
    start=$(date +%s.%N)
    $bin route --scenario "$dir/network.yaml" --plan "$dir/plan.json" --parcels "$dir/parcels-$parcels.csv" --format csv -o "$dir/decisions.csv" 2> "$dir/route.log"
    end=$(date +%s.%N)
    printf 'run %d: %.2f s end to end; %s\n' "$run" "$(echo "$end - $start" | bc)" "$(head -1 "$dir/route.log")"
done
