#!/usr/bin/env python3
"""Boomerang against plain glpsol on the OR-Library capacitated facility-location instances, same machine,
same run: `Scripts/orlib-compare.py [--sourcing both] [--tmlim 60] FILES...` (default: the 24 cap instances
in Tests/FacilityLocationTests/Fixtures). Needs a release build (`swift build -c release --product boomerang`)
and glpsol. Boomerang's time is the whole `boomerang hubs --orlib` process; glpsol's is the whole glpsol
process on the equivalent GMPL model written by Scripts/orlib-glpsol.py."""
import argparse, glob, json, os, subprocess, sys, time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
sys.path.insert(0, here)
import importlib.util
spec = importlib.util.spec_from_file_location("orlib_glpsol", os.path.join(here, "orlib-glpsol.py"))
orlib = importlib.util.module_from_spec(spec)
spec.loader.exec_module(orlib)

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*")
    parser.add_argument("--sourcing", choices=["single", "multi", "both"], default="both")
    parser.add_argument("--tmlim", type=int, default=60)
    args = parser.parse_args()
    files = args.files or sorted(glob.glob(os.path.join(root, "Tests/FacilityLocationTests/Fixtures/cap*.txt")), key=lambda p: int(os.path.basename(p)[3:-4]))
    binary = os.path.join(root, ".build/release/boomerang")
    sourcings = ["multi", "single"] if args.sourcing == "both" else [args.sourcing]
    totals = {s: [0.0, 0.0] for s in sourcings}
    import tempfile
    workdir = tempfile.mkdtemp(prefix="orlib-compare-")
    print(f"{'instance':10} {'sourcing':8} {'boomerang':>14} {'status':>9} {'s':>7} {'glpsol':>14} {'status':>16} {'s':>7}")
    for path in files:
        for sourcing in sourcings:
            command = [binary, "hubs", "--orlib", path, "--format", "json", "--time-limit", str(args.tmlim)] + (["--single-source"] if sourcing == "single" else [])
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True)
            ours = time.perf_counter() - start
            result = json.loads(done.stdout) if done.stdout.strip() else {}
            name = os.path.basename(path)[:-4]
            model = os.path.join(workdir, f"{name}-{sourcing}.mod")
            with open(model, "w") as f:
                f.write(orlib.gmpl(name, sourcing, *orlib.read_instance(path)))
            objective, _, status, seconds, _ = orlib.run_glpsol(model, args.tmlim)
            totals[sourcing][0] += ours
            totals[sourcing][1] += seconds
            print(f"{name:10} {sourcing:8} {result.get('objective') or float('nan'):14.2f} {result.get('status', '?'):>9} {ours:7.3f} "
                  f"{objective if objective is not None else float('nan'):14.2f} {status:>16} {seconds:7.3f}", flush=True)
    for sourcing, (ours, theirs) in totals.items():
        print(f"total {sourcing}-source: boomerang {ours:.2f} s, glpsol {theirs:.2f} s, ratio {ours / theirs:.2f}")

if __name__ == "__main__":
    main()
