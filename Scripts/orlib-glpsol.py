#!/usr/bin/env python3
"""Times plain glpsol on OR-Library capacitated facility location instances.

Writes each instance as a self-contained GMPL model with the formulation that
Boomerang's FacilityLocation target solves, runs `glpsol --math model.mod --tmlim T`
on it, and prints one line per run: instance, sourcing, objective, best bound, status,
wall-clock seconds. The numbers sit next to Boomerang's own timings in the README.

    y_i binary (open facility i); x_ij in [0,1] (multi) or binary (single)
    min  sum_i f_i y_i + sum_ij c_ij x_ij
    s.t. sum_i x_ij = 1                    every customer j is served
         sum_j d_j x_ij <= s_i y_i         capacity of an open facility
         x_ij <= y_i                       strong linking
         sum_i s_i y_i >= sum_j d_j        aggregate capacity (valid, tightens the LP)

Usage:
    Scripts/orlib-glpsol.py [--sourcing single|multi|both] [--tmlim SECONDS]
                            [--keep DIR] [--log] INSTANCE.txt ...

File layout (OR-Datasets / shared/data/orlib-cflp): "m n", m lines "s_i f_i",
n demands, then m rows of n costs (cost of serving all of j's demand from i).
Standard library only.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time


def read_instance(path):
    """Returns (m, n, capacity, fixed, demand, cost) or raises ValueError naming the position."""
    with open(path) as f:
        tokens = f.read().split()
    pos = 0

    def take(what):
        nonlocal pos
        if pos >= len(tokens):
            raise ValueError(f"{path}: file ends at token {pos + 1}, expected {what}")
        tok = tokens[pos]
        try:
            value = float(tok)
        except ValueError:
            raise ValueError(f"{path}: token {pos + 1} is '{tok}', expected {what} (a number)") from None
        if value != value or value in (float("inf"), float("-inf")) or value < 0:
            raise ValueError(f"{path}: token {pos + 1} is '{tok}', expected {what} (a finite number >= 0)")
        pos += 1
        return value

    m, n = int(take("number of facilities m")), int(take("number of customers n"))
    capacity, fixed = [], []
    for i in range(m):
        capacity.append(take(f"capacity of facility {i + 1}"))
        fixed.append(take(f"fixed cost of facility {i + 1}"))
    demand = [take(f"demand of customer {j + 1}") for j in range(n)]
    cost = [[take(f"cost of facility {i + 1} serving customer {j + 1}") for j in range(n)] for i in range(m)]
    if pos != len(tokens):
        raise ValueError(f"{path}: unexpected token {pos + 1} '{tokens[pos]}' after the last cost")
    return m, n, capacity, fixed, demand, cost


def gmpl(name, sourcing, m, n, capacity, fixed, demand, cost):
    """The model and its data in one GMPL file."""
    x_kind = "binary" if sourcing == "single" else ">= 0, <= 1"
    out = [
        f"/* {name}, {sourcing}-source capacitated facility location (written by Scripts/orlib-glpsol.py) */",
        "set I; set J;",
        "param s{I} >= 0; param f{I} >= 0; param d{J} >= 0; param c{I, J} >= 0;",
        "var y{I} binary;",
        f"var x{{I, J}} {x_kind};",
        "minimize total: sum{i in I} f[i] * y[i] + sum{i in I, j in J} c[i, j] * x[i, j];",
        "s.t. serve{j in J}: sum{i in I} x[i, j] = 1;",
        "s.t. capacity{i in I}: sum{j in J} d[j] * x[i, j] <= s[i] * y[i];",
        "s.t. link{i in I, j in J}: x[i, j] <= y[i];",
        "s.t. aggregate: sum{i in I} s[i] * y[i] >= sum{j in J} d[j];",
        "solve;",
        "",
    ]
    # The data section follows in the same file, so `glpsol --math FILE` alone reproduces a run.
    data = ["data;", f"set I := {' '.join(str(i + 1) for i in range(m))};",
            f"set J := {' '.join(str(j + 1) for j in range(n))};"]
    data.append("param : s f :=")
    data += [f"  {i + 1} {capacity[i]!r} {fixed[i]!r}" for i in range(m)]
    data.append(";")
    data.append("param d :=")
    data += [f"  {j + 1} {demand[j]!r}" for j in range(n)]
    data.append(";")
    data.append("param c :=")
    data += [f"  [{i + 1}, *] " + " ".join(f"{j + 1} {cost[i][j]!r}" for j in range(n)) for i in range(m)]
    data += [";", "end;", ""]
    return "\n".join(out + data)


MIP_LINE = re.compile(r"^[+*]\s*\d+:\s+mip\s*=\s*(\S+)\s+>=\s+(\S+)")


def run_glpsol(model_path, tmlim):
    """Runs glpsol; returns (objective, bound, status, seconds, log)."""
    report = model_path + ".out"
    cmd = ["glpsol", "--math", model_path, "--tmlim", str(tmlim), "-o", report]
    start = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.monotonic() - start
    log = proc.stdout + proc.stderr
    objective, status = None, "unknown"
    if os.path.exists(report):
        with open(report) as f:
            for line in f:
                if line.startswith("Status:"):
                    status = line.split(":", 1)[1].strip()
                elif line.startswith("Objective:"):
                    m = re.search(r"=\s*(\S+)", line)
                    if m:
                        objective = float(m.group(1))
    # Branch-and-cut progress lines: "+  1234: mip =   9.3e+05 >=   9.2e+05   0.1% (12; 0)".
    bound = None
    for line in log.splitlines():
        m = MIP_LINE.match(line.strip())
        if m and m.group(2) != "-inf":
            try:
                bound = float(m.group(2))
            except ValueError:
                pass
    if "TIME LIMIT EXCEEDED" in log:
        status += " (time limit)"
    if "UNDEFINED" in status or "EMPTY" in status:
        objective = None  # the report prints 0 when there is no integer solution
    if status == "INTEGER OPTIMAL" and objective is not None:
        bound = objective
    return objective, bound, status, seconds, log


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("instances", nargs="+", help="OR-Library instance files")
    ap.add_argument("--sourcing", choices=["single", "multi", "both"], default="both")
    ap.add_argument("--tmlim", type=int, default=60, help="glpsol --tmlim in seconds (default 60)")
    ap.add_argument("--keep", metavar="DIR", help="write the .mod files (model + data) here and keep them")
    ap.add_argument("--log", action="store_true", help="print glpsol's own output")
    args = ap.parse_args()

    sourcings = ["multi", "single"] if args.sourcing == "both" else [args.sourcing]
    workdir = args.keep or tempfile.mkdtemp(prefix="orlib-glpsol-")
    os.makedirs(workdir, exist_ok=True)
    print(f"# glpsol {subprocess.run(['glpsol', '--version'], capture_output=True, text=True).stdout.splitlines()[0]}")
    print(f"{'instance':<10} {'sourcing':<8} {'objective':>16} {'bound':>16} {'seconds':>8}  status")
    failed = False
    for path in args.instances:
        name = os.path.splitext(os.path.basename(path))[0]
        try:
            data = read_instance(path)
        except (OSError, ValueError) as e:
            print(f"error: {e}", file=sys.stderr)
            failed = True
            continue
        for sourcing in sourcings:
            model_path = os.path.join(workdir, f"{name}-{sourcing}.mod")
            with open(model_path, "w") as f:
                f.write(gmpl(name, sourcing, *data))
            objective, bound, status, seconds, log = run_glpsol(model_path, args.tmlim)
            if args.log:
                print(log)
            fmt = lambda v: f"{v:16.2f}" if v is not None else f"{'-':>16}"
            print(f"{name:<10} {sourcing:<8} {fmt(objective)} {fmt(bound)} {seconds:8.2f}  {status}", flush=True)
            if not args.keep:
                for p in (model_path, model_path + ".out"):
                    if os.path.exists(p):
                        os.remove(p)
    if not args.keep:
        try:
            os.rmdir(workdir)
        except OSError:
            pass
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
