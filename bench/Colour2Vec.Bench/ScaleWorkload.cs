using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Colour2Vec.Colours;
using Colour2Vec.Model;
using Colour2Vec.Pairs;
using Colour2Vec.Training;

namespace Colour2Vec.Bench;

/// <summary>
/// Issue 6's workload: <c>workload scale [--items 31918] [--dims 16] [--pairs 2000000] [--epochs 5] [--threads N]
/// [--optimizer auto|dense|sparse] [--recipe NAME] [--lr X] [--seed S] [--colours PATH]</c>. A seeded synthetic table
/// (uniform random RGB) unless --colours names a table; the training pairs are generated, not stored
/// (<see cref="GeneratedPairs"/>); 20,000 held-out pairs. Prints one JSON line with pair-steps/s, held-out AUC
/// after every epoch and the process's peak working set.
/// </summary>
public static class ScaleWorkload
{
    public const int ColourNameListSize = 31_918;

    public static int Run(string[] args)
    {
        var items = Int(args, "--items", ColourNameListSize);
        var dims = Int(args, "--dims", 16);
        var pairs = Int(args, "--pairs", 2_000_000);
        var epochs = Int(args, "--epochs", 5);
        var seed = Int(args, "--seed", 0);
        int? threads = Option(args, "--threads") is { } t ? int.Parse(t, CultureInfo.InvariantCulture) : null;
        var optimizer = Enum.Parse<Optimizer>(Option(args, "--optimizer") ?? "auto", ignoreCase: true);
        var recipe = Recipe.Find(Option(args, "--recipe") ?? "negative-cosine") ?? throw new ArgumentException("unknown recipe");
        var colours = Option(args, "--colours") is { } path ? ColourTable.Load(path) : Synthetic(items, seed);
        var options = new TrainingOptions
        {
            Dims = dims, Epochs = epochs, Seed = seed, Recipe = recipe, Threads = threads, Optimizer = optimizer,
            LearningRate = Option(args, "--lr") is { } rate ? float.Parse(rate, CultureInfo.InvariantCulture) : null,
        };
        var probe = args.Contains("--probe");
        if (!probe)
        {
            // As the command line does once it has read the table: the run's path compiles while the pairs are set up.
            Trainer.CompileAheadFor(colours.Count, options, generatedPairs: true);
        }
        var clock = Stopwatch.StartNew();
        var source = new GeneratedPairs(colours, pairs, seed);
        var heldOut = SimilarityPairSampler.SampleHeldOut(colours, 20_000, seed);
        var sampling = clock.Elapsed.TotalSeconds;
        if (probe)
        {
            return Probe(colours, source, options);
        }
        var result = Trainer.Train(colours.Count, source, heldOut, options);
        var last = result.Last!;
        var line = new Dictionary<string, object>
        {
            ["workload"] = "scale",
            ["recipe"] = recipe.Name,
            ["seed"] = seed,
            ["colours"] = colours.Count,
            ["dims"] = dims,
            ["pairs"] = pairs,
            ["epochs"] = epochs,
            ["threads"] = result.Threads,
            ["threads_reason"] = result.ThreadsReason,
            ["optimizer"] = result.Optimizer.ToString().ToLowerInvariant(),
            ["optimizer_reason"] = result.OptimizerReason,
            ["kernel"] = result.Kernel,
            ["sampling_seconds"] = Math.Round(sampling, 3),
            ["train_seconds"] = Math.Round(result.TrainSeconds, 3),
            ["pair_steps_per_second"] = Math.Round((double)pairs * epochs / result.TrainSeconds),
            ["loss"] = Math.Round(last.Loss, 4),
            ["heldout_loss"] = Math.Round(last.HeldOutLoss, 4),
            ["heldout_auc"] = Math.Round(last.HeldOutAuc, 4),
            ["heldout_auc_by_epoch"] = result.History.Select(h => Math.Round(h.HeldOutAuc, 4)).ToArray(),
            // Each epoch's seconds on the training clock (the first also compiles code and faults memory in).
            ["epoch_seconds"] = result.History.Select((h, k) => Math.Round(h.Seconds - (k == 0 ? 0 : result.History[k - 1].Seconds), 4)).ToArray(),
            ["snapshots"] = result.Snapshots.Count,
            ["weight"] = Math.Round(result.Model.Weight, 3),
            ["peak_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0),
            // The trained table's bytes, to check that a change which should not alter results does not.
            ["embedding_sha256"] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
                System.Runtime.InteropServices.MemoryMarshal.AsBytes(result.Model.Embedding.AsSpan())))[..16],
        };
        if (CoreRoundTrip.Nanoseconds() is { } roundTrip)
        {
            // Measured after training, not during it: how far apart the cores were about then (see CoreRoundTrip).
            line["core_round_trip_ns"] = Math.Round(roundTrip);
        }
        Console.WriteLine(JsonSerializer.Serialize(line));
        return 0;
    }

    /// <summary>
    /// Three rounds of up to 2,000 sparse steps of 512 pairs on one thread, timing each phase: mapping the batch to its
    /// rows, <paramref name="gather"/> (none where the gradient reads the rows where they lie), the gradient
    /// (<paramref name="accumulate"/>, given the batch's first pair), <paramref name="update"/> and, with
    /// <paramref name="repeatUpdate"/>, the update again on the same rows.
    /// </summary>
    private static void ProbePhases(string label, EmbeddingModel model, EpochPairs epoch, int count, Action<SparseBatch, int>? gather,
        Action<SparseBatch, int> accumulate, Action<SparseBatch, int> update, bool repeatUpdate)
    {
        for (var round = 0; round < 3; round++)
        {
            var batch = new SparseBatch(model, 512);
            double prepare = 0, gathering = 0, accumulating = 0, updating = 0, again = 0;
            var steps = 0;
            var phase = Stopwatch.StartNew();
            for (var start = 0; start + 512 <= count && steps < 2000; start += 512, steps++)
            {
                phase.Restart();
                var rows = batch.Prepare(model, epoch.Left.AsSpan(start, 512), epoch.Right.AsSpan(start, 512));
                prepare += phase.Elapsed.TotalSeconds;
                phase.Restart();
                gather?.Invoke(batch, rows);
                gathering += phase.Elapsed.TotalSeconds;
                phase.Restart();
                accumulate(batch, start);
                accumulating += phase.Elapsed.TotalSeconds;
                phase.Restart();
                update(batch, rows);
                updating += phase.Elapsed.TotalSeconds;
                if (repeatUpdate)
                {
                    phase.Restart();
                    update(batch, rows);
                    again += phase.Elapsed.TotalSeconds;
                }
            }
            var repeated = repeatUpdate ? FormattableString.Invariant($", adam again {again / steps * 1e6:F1}") : "";
            Console.WriteLine(FormattableString.Invariant(
                $"{label}: prepare {prepare / steps * 1e6:F1}, gather {gathering / steps * 1e6:F1}, accumulate {accumulating / steps * 1e6:F1}, adam {updating / steps * 1e6:F1}") + repeated);
        }
    }

    /// <summary>Times the parts alone: filling an epoch of pairs, and kernel steps on one thread.</summary>
    private static int Probe(ColourTable colours, GeneratedPairs source, TrainingOptions options)
    {
        var epoch = new EpochPairs(source.Count);
        // The first fill also compiles the code and faults the buffer's pages in; the later ones are the steady state.
        var fills = new List<string>();
        for (var e = 0; e < 4; e++)
        {
            var fillClock = Stopwatch.StartNew();
            source.Fill(e, epoch);
            fills.Add($"{fillClock.Elapsed.TotalMilliseconds:F0}");
        }
        Console.WriteLine($"fill ms, epochs 0-3: {string.Join(", ", fills)}");
        var clock = Stopwatch.StartNew();
        var model = new EmbeddingModel(colours.Count, options.Dims, options.Recipe.WeightForm);
        model.Initialise(options.Recipe, new Random(1));
        var adam = new AdamState(model);
        var dims = options.Dims;
        var settings = options.Recipe.Adam;
        // The sparse step's phases alone, fused kernel, on the model's arrays (the first round warms the JIT up).
        ProbePhases("per step µs", model, epoch, source.Count, (batch, rows) => batch.Gather(model, adam, 0, rows),
            (batch, start) => FusedKernel.Instance.Accumulate(batch.Local, batch.Left, batch.Right, epoch.Labels.AsSpan(start, 512),
                1f / 512, batch.Gradients[0], out _, out _),
            (batch, rows) => FusedKernel.Instance.SparseAdam(model, adam, settings, 1e-3f, batch.Rows.AsSpan(0, rows), batch.Missed.AsSpan(0, rows),
                batch.Gradients[0].AsSpan(0, rows * dims)), repeatUpdate: false);
        if (InterleavedRows.Suits(model))
        {
            // The same on interleaved rows (the path training takes), and its Adam once more on the same rows, now in the
            // cache: what the update costs without waiting for memory (a second update of the same rows, on zero gradients).
            using var table = new InterleavedRows(model.Items, model.Dims);
            table.Load(model, adam);
            // Nothing is gathered there: the gradient reads the rows where they lie.
            ProbePhases("interleaved per step µs", model, epoch, source.Count, gather: null,
                (batch, start) => FusedKernel.AccumulateInterleaved(batch.Local, table, epoch.Left.AsSpan(start, 512),
                    epoch.Right.AsSpan(start, 512), batch.Left, batch.Right, epoch.Labels.AsSpan(start, 512), 1f / 512,
                    batch.Gradients[0], out _, out _),
                (batch, rows) => FusedKernel.SparseAdamInterleaved(table, settings, 1e-3f, batch.Rows.AsSpan(0, rows), batch.Missed.AsSpan(0, rows),
                    batch.Gradients[0].AsSpan(0, rows * dims), prefetch: true), repeatUpdate: true);
        }
        for (var round = 0; round < 3; round++)
        {
            // Sparse steps on the model's arrays against the same steps on interleaved rows, alternating.
            foreach (var interleaved in new[] { false, true })
            {
                using var rows = interleaved ? new InterleavedRows(model.Items, model.Dims) : null;
                rows?.Load(model, adam);
                clock.Restart();
                var steps = 0;
                for (var start = 0; start + 512 <= source.Count && clock.ElapsedMilliseconds < 1000; start += 512, steps++)
                {
                    var left = epoch.Left.AsSpan(start, 512);
                    var right = epoch.Right.AsSpan(start, 512);
                    var labels = epoch.Labels.AsSpan(start, 512);
                    _ = rows is null
                        ? FusedKernel.Instance.Step(model, adam, options.Recipe.Adam, 1e-3f, left, right, labels, Optimizer.Sparse)
                        : SparseBatch.Step(FusedKernel.Instance, model, adam, options.Recipe.Adam, 1e-3f, left, right, labels, rows);
                }
                var seconds = clock.Elapsed.TotalSeconds;
                rows?.StoreValues(model);
                rows?.StoreMoments(adam);
                Console.WriteLine($"fused Sparse{(interleaved ? " interleaved" : "")}: {steps * 512 / seconds / 1e6:F2} M pair-steps/s");
            }
        }
        foreach (var optimizer in new[] { Optimizer.Sparse, Optimizer.Dense })
        {
            foreach (var kernel in new ITrainingKernel[] { FusedKernel.Instance, ScalarKernel.Instance })
            {
                clock.Restart();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var steps = 0;
                for (var start = 0; start + 512 <= source.Count && clock.ElapsedMilliseconds < 1000; start += 512, steps++)
                {
                    kernel.Step(model, adam, options.Recipe.Adam, 1e-3f, epoch.Left.AsSpan(start, 512), epoch.Right.AsSpan(start, 512),
                        epoch.Labels.AsSpan(start, 512), optimizer);
                }
                var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                Console.WriteLine($"{kernel.Name} {optimizer}: {steps * 512 / clock.Elapsed.TotalSeconds / 1e6:F2} M pair-steps/s wall, {steps * 512 / cpuSeconds / 1e6:F2} per CPU second");
            }
        }
        return 0;
    }

    /// <summary>Uniform random RGB colours from a seeded stream: the stand-in for color-name-list's 31,918.</summary>
    public static ColourTable Synthetic(int count, int seed)
    {
        var random = RandomStreams.Create(seed, 1_000_003);
        var colours = new Colour[count];
        for (var i = 0; i < count; i++)
        {
            colours[i] = Colour.FromBytes($"c{i}", (byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
        }
        return new ColourTable(colours, $"synthetic:{count}");
    }

    private static int Int(string[] args, string name, int fallback) =>
        Option(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
