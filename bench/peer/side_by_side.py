#!/usr/bin/python3
"""Colour2Vec vs the PyTorch peer (torch_colours.py) on the seed recipe, side by side.

--workload scale runs issue 6's workload instead (one table of 31,918 synthetic colours for both sides, d=16, 2M pairs): Colour2Vec
at each of --scale-threads for --epochs (default 3) against PyTorch for --torch-epochs (default 1; its rate
is per pair-step, so epochs need not match), and compares held-out AUC after the same number of pair-steps.

Builds the C# bench (unless --no-build), runs `Colour2Vec.Bench workload` --repeats times (median taken),
runs torch_colours.py once, prints the raw JSON lines and a Markdown table of the ratio.
Standard library only; run it with /usr/bin/python3 so the PyTorch child finds Debian's python3-torch.
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
BENCH_PROJECT = os.path.join(ROOT, "bench", "Colour2Vec.Bench")
BENCH_DLL = os.path.join(BENCH_PROJECT, "bin", "Release", "net10.0", "Colour2Vec.Bench.dll")
TORCH_SCRIPT = os.path.join(HERE, "torch_colours.py")


def run_json(command):
    """Run a command, echo it, and return the JSON objects it printed (one per line)."""
    print("$ " + " ".join(command), file=sys.stderr, flush=True)
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr[-4000:]}{done.stdout[-2000:]}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def build():
    command = ["dotnet", "build", "-c", "Release", BENCH_PROJECT]
    print("$ " + " ".join(command), file=sys.stderr, flush=True)
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        # Other people edit the tree; a half-edited file shows up here as a compile error.
        sys.exit(f"dotnet build failed ({done.returncode}); retry, or pass --no-build to use the last build\n"
                 f"{done.stdout[-4000:]}")


def cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def scale(args):
    """Issue 6's workload: 31,918 synthetic colours, d=16, 2,000,000 generated pairs, batch 512, held-out AUC on."""
    epochs = args.epochs if args.epochs != 500 else 3
    torch_epochs = args.torch_epochs or 1
    # One table for both sides: --colours, or the peer's seeded synthetic table of --items colours written out once
    # (so both train on the same colours; each still draws its own pairs and held-out pairs from it).
    colours_path = args.colours
    if not colours_path:
        folder = tempfile.mkdtemp(prefix="colour2vec-scale-")
        colours_path = os.path.join(folder, f"synthetic-{args.items}-seed{args.seed}.csv")
        subprocess.run([args.python, TORCH_SCRIPT, "--items", str(args.items), "--seed", str(args.seed),
                        "--write-table", colours_path], check=True)
    table = ["--colours", colours_path]
    colour2vec = {}
    for threads in args.scale_threads:
        runs = []
        for _ in range(args.repeats):
            runs += run_json(["dotnet", BENCH_DLL, "workload", "scale", *table, "--dims", str(args.dims),
                              "--pairs", str(args.pairs), "--epochs", str(epochs), "--seed", str(args.seed),
                              "--threads", str(threads)])
        colour2vec[threads] = runs
    pytorch = run_json([args.python, TORCH_SCRIPT, "--seed", str(args.seed), "--epochs", str(torch_epochs),
                        "--threads", str(args.threads), *table, "--dims", str(args.dims),
                        "--pairs", str(args.pairs)])[0]

    print("\nRaw results:\n")
    for runs in colour2vec.values():
        for result in runs:
            print(json.dumps(result, separators=(",", ":")))
    print(json.dumps(pytorch, separators=(",", ":")))

    torch_rate = pytorch["pair_steps_per_second"]
    colours = pytorch["colours"] if "colours" in pytorch else args.items
    source = f" from {os.path.basename(args.colours)}" if args.colours else f" (one synthetic table, seed {args.seed})"
    workload = f"{colours:,} colours{source}, d={args.dims}, {args.pairs:,} pairs, batch 512"
    print()
    print("| workload | threads | Colour2Vec M pair-steps/s | PyTorch M pair-steps/s | ratio | peak MB | "
          f"Colour2Vec AUC after {torch_epochs} epoch(s) | PyTorch AUC after {torch_epochs} epoch(s) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for threads, runs in colour2vec.items():
        rate = statistics.median(r["pair_steps_per_second"] for r in runs)
        auc = statistics.median(r["heldout_auc_by_epoch"][min(torch_epochs, epochs) - 1] for r in runs)
        peak = max(r["peak_mb"] for r in runs)
        print(f"| {workload}, {runs[0]['optimizer']} Adam | {threads} | {rate / 1e6:.2f} | {torch_rate / 1e6:.3f} "
              f"| {rate / torch_rate:.1f}x | {peak:.0f} | {auc:.4f} | {pytorch['heldout_auc']:.4f} |")
    print()
    # How far apart the cores were after each run (the bench's core_round_trip_ns): two-thread runs go at about half
    # speed when the host has put the virtual CPUs far apart.
    for threads, runs in colour2vec.items():
        each = ", ".join(f"{r['pair_steps_per_second'] / 1e6:.2f}"
                         + (f" ({r['core_round_trip_ns']:.0f} ns)" if "core_round_trip_ns" in r else "") for r in runs)
        print(f"{threads} thread(s), each run in M pair-steps/s (core-to-core round trip after it): {each}")
    print()
    print(f"Colour2Vec: median of {args.repeats} run(s) of {epochs} epochs each ({runs[0]['recipe']} recipe, "
          f"{runs[0]['optimizer']} Adam: {runs[0]['optimizer_reason']}); its AUC is after the same pair-steps as PyTorch's. "
          f"PyTorch {pytorch['torch']}: {torch_epochs} epoch(s), {args.threads} thread(s), dense Adam, seed recipe.")
    machine = f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {cpu_model()}"
    date = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    print(f"Machine: {machine}; load average {os.getloadavg()[0]:.1f} at the end; {date}.")
    if args.json_out:
        with open(args.json_out, "w", encoding="utf-8") as f:
            json.dump({"machine": machine, "date": date, "workload": "scale", "colour2vec": colour2vec,
                       "pytorch": pytorch}, f, indent=2)
            f.write("\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workload", choices=["seed", "scale"], default="seed",
                        help="seed: 658 colours, d=2 (default); scale: issue 6's 31,918 colours, d=16, 2M pairs")
    parser.add_argument("--items", type=int, default=31_918, help="scale: colours in the synthetic table both sides train on")
    parser.add_argument("--colours", help="scale: a name,r,g,b CSV both sides train on instead of one synthetic table")
    parser.add_argument("--dims", type=int, default=16, help="scale: dimensions")
    parser.add_argument("--pairs", type=int, default=2_000_000, help="scale: training pairs")
    parser.add_argument("--scale-threads", type=int, nargs="+", default=[1, 2],
                        help="scale: Colour2Vec thread counts to run")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--torch-seed", type=int,
                        help="seed for the PyTorch peer (default --seed); the two draw different initial w")
    parser.add_argument("--epochs", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=5, help="Colour2Vec runs; the median is reported")
    parser.add_argument("--torch-epochs", type=int,
                        help="PyTorch epochs (default --epochs); fewer saves time, seconds then scale linearly")
    parser.add_argument("--threads", type=int, default=2, help="torch.set_num_threads for the PyTorch peer")
    parser.add_argument("--no-build", action="store_true", help="use the existing Release build of the bench")
    parser.add_argument("--json-out", help="also write all raw results to this file")
    parser.add_argument("--python", default=sys.executable, help="interpreter for torch_colours.py")
    args = parser.parse_args()
    torch_epochs = args.torch_epochs or args.epochs
    torch_seed = args.seed if args.torch_seed is None else args.torch_seed

    if not args.no_build:
        build()
    if args.workload == "scale":
        scale(args)
        return

    # One process per repeat, like the PyTorch run: each pays its own warm-up (JIT, tiered compilation).
    colour2vec = []
    for _ in range(args.repeats):
        colour2vec += run_json(["dotnet", BENCH_DLL, "workload", "--recipe", "seed",
                                "--seeds", str(args.seed), "--epochs", str(args.epochs)])
    pytorch = run_json([args.python, TORCH_SCRIPT, "--seed", str(torch_seed), "--epochs", str(torch_epochs),
                        "--threads", str(args.threads)])[0]

    print("\nRaw results:\n")
    for result in colour2vec + [pytorch]:
        print(json.dumps(result, separators=(",", ":")))

    c2v_seconds = statistics.median(r["train_seconds"] for r in colour2vec)
    c2v_auc = statistics.median(r["heldout_auc"] for r in colour2vec)
    # Epochs are identical work, so PyTorch time scales linearly; its AUC is NOT scaled and is the AUC
    # after torch_epochs epochs.
    torch_seconds = pytorch["train_seconds"] * args.epochs / torch_epochs
    scaled = torch_epochs != args.epochs
    torch_cell = f"{torch_seconds:.2f}" + ("*" if scaled else "")
    auc_cell = f"{pytorch['heldout_auc']:.4f}" + (f" (after {torch_epochs} epochs)" if scaled else "")

    workload = (f"seed recipe, {colour2vec[0]['colours']} colours, d={pytorch['dims']}, "
                f"{pytorch['pairs']:,} pairs, {args.epochs} epochs, seed {args.seed}"
                + (f" (PyTorch seed {torch_seed})" if torch_seed != args.seed else ""))
    print()
    print("| workload | Colour2Vec train s | PyTorch train s | ratio | Colour2Vec held-out AUC | PyTorch held-out AUC |")
    print("|---|---:|---:|---:|---:|---:|")
    print(f"| {workload} | {c2v_seconds:.2f} | {torch_cell} | {torch_seconds / c2v_seconds:.2f}x "
          f"| {c2v_auc:.4f} | {auc_cell} |")
    print()
    print(f"ratio = PyTorch seconds / Colour2Vec seconds (above 1: Colour2Vec is faster). "
          f"Colour2Vec: median of {args.repeats} runs (single process each). "
          f"PyTorch {pytorch['torch']}: 1 run, {args.threads} thread(s), dense Adam.")
    if scaled:
        print(f"*PyTorch ran {torch_epochs} epochs; its seconds are scaled linearly x{args.epochs / torch_epochs:g} "
              f"to {args.epochs} epochs. Its AUC is after {torch_epochs} epochs.")
    print("Both train from their own random initialisation; the seed recipe lands near 0.59 AUC "
          "when the initial w is positive (see the weight fields above).")
    machine = f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {cpu_model()}"
    date = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    print(f"Machine: {machine}; {date}.")

    if args.json_out:
        with open(args.json_out, "w", encoding="utf-8") as f:
            json.dump({"machine": machine, "date": date, "seed": args.seed, "torch_seed": torch_seed,
                       "epochs": args.epochs,
                       "torch_epochs": torch_epochs, "threads": args.threads, "colour2vec": colour2vec,
                       "pytorch": pytorch}, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
