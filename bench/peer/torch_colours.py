#!/usr/bin/python3
"""PyTorch peer of Colour2Vec's "seed" recipe: the seed notebook's colour-embedding model, written
independently of the C# code so the two can be timed and checked against each other.

Model: an n x d embedding table; score = w * ||e_i - e_j||^2 + b; p = sigmoid(score); loss = binary
cross-entropy, mean over the batch; dense Adam (Keras defaults). Prints one JSON line.

Run with Debian's interpreter (/usr/bin/python3), which has python3-torch; only torch and numpy are used.
"""

import argparse
import csv
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

DEFAULT_COLOURS = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                               "..", "..", "src", "Colour2Vec", "Colours", "Data", "builtin-colours.csv")

# The seed's similarity rule: a pair is labelled similar when diff < THRESHOLD * u^2.
THRESHOLD = 0.2


def load_colours(path):
    """RGB table from a name,r,g,b CSV, as float64 channels in [0, 1]."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return np.array([[int(r["r"]), int(r["g"]), int(r["b"])] for r in rows], dtype=np.float64) / 255.0


def synthetic_bytes(n, seed):
    """N random RGB colours as 0-255 channels; a separate stream from the pairs so --items doesn't shift the pair draws."""
    rng = np.random.RandomState(seed + 1_000_003)
    return rng.randint(0, 256, size=(n, 3))


def synthetic_colours(n, seed):
    """synthetic_bytes as float64 channels in [0, 1]."""
    return synthetic_bytes(n, seed).astype(np.float64) / 255.0


def write_table(path, channels):
    """A name,r,g,b CSV of 0-255 channels (names c0, c1, ...), the format --colours and Colour2Vec read."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["name", "r", "g", "b"])
        for i, (r, g, b) in enumerate(channels):
            writer.writerow([f"c{i}", int(r), int(g), int(b)])


def sample_pairs(rgb, count, rng):
    """The seed's pairs: both ends uniform with replacement, label 1 when diff < 0.2 * u^2."""
    n = len(rgb)
    left = rng.randint(0, n, size=count)
    right = rng.randint(0, n, size=count)
    diff = ((rgb[left] - rgb[right]) ** 2).sum(axis=1) / 3.0
    u = rng.random_sample(count)
    labels = (diff < THRESHOLD * u * u).astype(np.float32)
    return (torch.from_numpy(left.astype(np.int64)), torch.from_numpy(right.astype(np.int64)),
            torch.from_numpy(labels))


class ColourModel(nn.Module):
    def __init__(self, n, dims):
        super().__init__()
        # Keras Embedding's default initialiser: U(-0.05, 0.05). sparse=False so Adam updates every row
        # every step, as Keras' dense Adam does.
        self.embedding = nn.Embedding(n, dims, sparse=False)
        nn.init.uniform_(self.embedding.weight, -0.05, 0.05)
        # The seed's Dense(1) on the squared distance: glorot_uniform on a 1x1 kernel is
        # U(-sqrt(6 / (1 + 1)), +sqrt(3)); bias starts at zero.
        self.dense = nn.Linear(1, 1)
        nn.init.uniform_(self.dense.weight, -math.sqrt(3.0), math.sqrt(3.0))
        nn.init.zeros_(self.dense.bias)

    def forward(self, left, right):
        """Logits (pre-sigmoid scores), shape (batch,)."""
        delta = self.embedding(left) - self.embedding(right)
        distance = (delta * delta).sum(dim=1, keepdim=True)
        return self.dense(distance).squeeze(1)


def roc_auc(scores, labels):
    """Mann-Whitney AUC with average ranks for ties (no scipy/sklearn available)."""
    scores = np.asarray(scores, dtype=np.float64)
    positive = np.asarray(labels) > 0.5
    n_pos = int(positive.sum())
    n_neg = len(scores) - n_pos
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    # np.unique sorts; the rank of a tie group of size c ending at cumulative count k is k - (c - 1) / 2.
    _, inverse, counts = np.unique(scores, return_inverse=True, return_counts=True)
    average_rank = np.cumsum(counts) - (counts - 1) / 2.0
    rank_sum = average_rank[inverse][positive].sum()
    return float((rank_sum - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=500)
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--heldout-pairs", type=int, default=20_000)
    parser.add_argument("--dims", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch", type=int, default=512)
    parser.add_argument("--colours", default=DEFAULT_COLOURS, help="name,r,g,b CSV (default: the built-in table)")
    parser.add_argument("--items", type=int, help="use N seeded random colours instead of the CSV")
    parser.add_argument("--write-table", metavar="PATH",
                        help="write the --items synthetic table as a name,r,g,b CSV and exit (one table for both sides)")
    args = parser.parse_args()

    if args.write_table:
        if not args.items:
            parser.error("--write-table needs --items")
        write_table(args.write_table, synthetic_bytes(args.items, args.seed))
        return

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.RandomState(args.seed)

    rgb = synthetic_colours(args.items, args.seed) if args.items else load_colours(args.colours)
    train_left, train_right, train_labels = sample_pairs(rgb, args.pairs, rng)
    held_left, held_right, held_labels = sample_pairs(rgb, args.heldout_pairs, rng)
    held_labels_np = held_labels.numpy()

    model = ColourModel(len(rgb), args.dims)
    # Keras' Adam epsilon is 1e-7 (PyTorch's default is 1e-8).
    optimiser = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)

    snapshots = []  # the seed's LambdaCallback: one copy of the embedding per epoch
    n = args.pairs
    loss = heldout_loss = heldout_auc = float("nan")

    start = time.perf_counter()
    for _ in range(args.epochs):
        model.train()
        order = torch.randperm(n)
        loss_sum = 0.0
        for lo in range(0, n, args.batch):  # the last partial batch is kept, as Keras does
            idx = order[lo:lo + args.batch]
            logits = model(train_left[idx], train_right[idx])
            batch_loss = F.binary_cross_entropy_with_logits(logits, train_labels[idx])
            optimiser.zero_grad(set_to_none=True)
            batch_loss.backward()
            optimiser.step()
            loss_sum += batch_loss.item() * len(idx)  # weight by batch size: the epoch mean over pairs
        loss = loss_sum / n

        model.eval()
        with torch.no_grad():
            held_logits = model(held_left, held_right)
            heldout_loss = F.binary_cross_entropy_with_logits(held_logits, held_labels).item()
            # Ranking the logits is the same as ranking sigmoid(logits), without saturation ties.
            heldout_auc = roc_auc(held_logits.numpy(), held_labels_np)
            snapshots.append(model.embedding.weight.detach().clone())
    train_seconds = time.perf_counter() - start

    print(json.dumps({
        "peer": "pytorch",
        "torch": torch.__version__,
        "threads": args.threads,
        "colours": len(rgb),
        "dims": args.dims,
        "pairs": args.pairs,
        "epochs": args.epochs,
        "train_seconds": round(train_seconds, 3),
        "pair_steps_per_second": round(args.pairs * args.epochs / train_seconds, 1),
        "loss": round(loss, 4),
        "heldout_loss": round(heldout_loss, 4),
        "heldout_auc": round(heldout_auc, 4),
        "weight": round(model.dense.weight.item(), 3),
    }, separators=(",", ":")))


if __name__ == "__main__":
    main()
