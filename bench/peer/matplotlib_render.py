#!/usr/bin/python3
"""The seed notebook's renderer on a Colour2Vec run folder, timed: FuncAnimation(...).to_html5_video().

Reads snapshots.bin (the embedding after every epoch) and embedding.csv (the colours) written by
`colour2vec train`, then does exactly what the seed's last cells do: a 640x480 figure (matplotlib's default
6.4x4.8 in at 100 dpi), scatter(color=rgb, s=5), limits fixed to the final embedding's extent, frames
unique(int(linspace(1, sqrt(N-1), 180)**2)) at 30 fps, and HTML(ani.to_html5_video()) (ffmpeg, H.264).
Prints one JSON line: seconds from building the figure to holding the HTML string, frames, HTML bytes.
Usage: /usr/bin/python3 bench/peer/matplotlib_render.py RUN_FOLDER
"""

import csv
import json
import struct
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.animation import FuncAnimation  # noqa: E402


def read_snapshots(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"C2VSNAP1":
        sys.exit(f"{path}: not a Colour2Vec snapshots file")
    items, dims, count = struct.unpack_from("<3i", data, 8)
    offset = 20 + 4 * count
    values = np.frombuffer(data, dtype="<f4", count=count * items * dims, offset=offset)
    return [s for s in values.reshape(count, items, dims)]


def read_colours(path):
    with open(path, newline="", encoding="utf-8") as f:
        return np.array([[int(row["r"]), int(row["g"]), int(row["b"])] for row in csv.DictReader(f)]) / 255


def main():
    folder = sys.argv[1]
    weights = read_snapshots(f"{folder}/snapshots.bin")
    cs = read_colours(f"{folder}/embedding.csv")
    start = time.perf_counter()
    # From here on, the seed's cells 10 and 11.
    fig, ax = plt.subplots()
    plt.plot([], [], "ro")
    scat = ax.scatter(weights[0][:, 0], weights[0][:, 1], color=cs, s=5)

    def init():
        ax.set_xlim(weights[-1][:, 0].min(), weights[-1][:, 0].max())
        ax.set_ylim(weights[-1][:, 1].min(), weights[-1][:, 1].max())
        return (scat,)

    def update(i):
        scat.set_offsets(weights[i])
        return (scat,)

    n_weight = len(weights) - 1
    frames = (np.linspace(1, n_weight ** (1 / 2), 30 * 6) ** 2).astype(int)
    frames = np.unique(frames)
    ani = FuncAnimation(fig, update, frames=frames, init_func=init, blit=True, interval=1000 / 30)
    html = ani.to_html5_video()
    seconds = time.perf_counter() - start
    print(json.dumps({"peer": "matplotlib", "matplotlib": matplotlib.__version__, "render_seconds": round(seconds, 3),
                      "frames": int(len(frames)), "html_bytes": len(html)}))


if __name__ == "__main__":
    main()
