#!/usr/bin/python3
"""Colour2Vec's renderer vs the seed's matplotlib renderer, side by side, on the same run.

Trains the seed workload once (colour2vec train --recipe seed --no-render) into a scratch folder unless --run
is given, then times, each in a fresh process, Colour2Vec drawing the PNG, GIF, MP4 and HTML at matplotlib's
frame size (640x480) and matplotlib's FuncAnimation(...).to_html5_video() (bench/peer/matplotlib_render.py).
Prints the raw JSON lines and a Markdown table with the ratio of medians.
Usage: /usr/bin/python3 bench/peer/render_side_by_side.py [--run DIR] [--repeats 3] [--no-build]
"""

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
BENCH = os.path.join(ROOT, "bench", "Colour2Vec.Bench")
BENCH_DLL = os.path.join(BENCH, "bin", "Release", "net10.0", "Colour2Vec.Bench.dll")
CLI = os.path.join(ROOT, "src", "Colour2Vec.Cli")
CLI_DLL = os.path.join(CLI, "bin", "Release", "net10.0", "colour2vec.dll")


def run(command):
    print("$ " + " ".join(command), file=sys.stderr, flush=True)
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr[-3000:]}{done.stdout[-2000:]}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--run", help="a folder written by colour2vec train (default: train the seed workload now)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--size", default="640x480", help="Colour2Vec frame size (matplotlib's default is 640x480)")
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()
    if not args.no_build:
        run(["dotnet", "build", "-c", "Release", BENCH])
        run(["dotnet", "build", "-c", "Release", CLI])
    folder = args.run
    if folder is None:
        folder = os.path.join(tempfile.mkdtemp(prefix="colour2vec-render-"), "run")
        run(["dotnet", CLI_DLL, "train", "--recipe", "seed", "--out", folder, "--no-render", "-q"])
    ours = [run(["dotnet", BENCH_DLL, "render", folder, "--size", args.size])[0] for _ in range(args.repeats)]
    theirs = [run([sys.executable, os.path.join(HERE, "matplotlib_render.py"), folder])[0] for _ in range(args.repeats)]
    for line in ours + theirs:
        print(json.dumps(line))
    ours_s = statistics.median(r["render_seconds"] for r in ours)
    theirs_s = statistics.median(r["render_seconds"] for r in theirs)
    print()
    print("| workload | Colour2Vec s (PNG + GIF + MP4 + HTML) | matplotlib s (to_html5_video) | ratio |")
    print("|---|---:|---:|---:|")
    print(f"| seed run, {ours[0]['frames']} frames at {args.size} | {ours_s:.2f} | {theirs_s:.2f} | {theirs_s / ours_s:.1f}x |")
    print(f"\nMedians of {args.repeats} fresh processes each; matplotlib {theirs[0]['matplotlib']}; "
          f"{os.cpu_count()} CPUs; {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC.")


if __name__ == "__main__":
    main()
