using System.Buffers;
using System.Collections.Concurrent;
using SkiaSharp;

namespace Colour2Vec.Rendering;

/// <summary>
/// Renders the training animation once and feeds every frame to two consumers on their own threads: the GIF
/// writer (always) and an ffmpeg process for the MP4 (when available). Rendering, GIF encoding and H.264
/// encoding thus overlap on the available cores.
/// </summary>
internal static class AnimationWriter
{
    private const int QueueLength = 4;

    public static void Write(RenderInput input, PlaneSeries plane, RenderOptions options, string gifPath, string? videoPath, string? ffmpeg)
    {
        var frames = FrameSchedule.Quadratic(plane.Count, options.Frames);
        var width = options.Width;
        var height = options.Height;
        var frameBytes = width * height * 4;
        var painters = Enumerable.Range(0, Math.Clamp(Environment.ProcessorCount, 1, 4))
            .Select(_ => new FramePainter(input, plane, width, height)).ToArray();
        try
        {
            var limits = AnimationView.Compute(plane, frames, painters[0].Aspect);
            var metrics = input.History.ToDictionary(m => m.Epoch);
            byte[] Render(FramePainter painter, int f) =>
                painter.Render(frames[f], limits[f], FrameTitle(plane.Epochs[frames[f]], metrics));
            WriteFrames(frames.Length, Render, painters, frameBytes, width, height, options, gifPath, videoPath, ffmpeg);
        }
        finally
        {
            foreach (var painter in painters)
            {
                painter.Dispose();
            }
        }
    }

    private static void WriteFrames(int count, Func<FramePainter, int, byte[]> render, FramePainter[] painters, int frameBytes,
        int width, int height, RenderOptions options, string gifPath, string? videoPath, string? ffmpeg)
    {
        var samples = new[] { 0, count / 2, count - 1 }.Distinct().Select(f => render(painters[0], f)).ToArray();
        var palette = AnimationPalette.Build(samples, width, height);
        foreach (var sample in samples)
        {
            ArrayPool<byte>.Shared.Return(sample);
        }

        using var gifStream = new FileStream(gifPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var gif = new GifWriter(gifStream, width, height, palette);
        using var video = videoPath is null ? null : FfmpegVideo.Start(ffmpeg!, videoPath, width, height, options.Fps);
        using var stop = new CancellationTokenSource();
        var consumers = new List<(BlockingCollection<Frame> Queue, Task Task)>();
        void Consume(Action<Frame> handle)
        {
            var queue = new BlockingCollection<Frame>(QueueLength);
            var task = Task.Run(() =>
            {
                try
                {
                    foreach (var frame in queue.GetConsumingEnumerable(stop.Token))
                    {
                        handle(frame);
                        frame.Release();
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
                catch
                {
                    stop.Cancel();
                    throw;
                }
            });
            consumers.Add((queue, task));
        }

        Consume(frame => gif.AddFrame(frame.Pixels.AsSpan(0, frameBytes), Delay(frame.Index, options.Fps)));
        if (video is not null)
        {
            Consume(frame => video.Write(frame.Pixels.AsSpan(0, frameBytes)));
        }
        Task[] painting = [];
        var drawn = false;
        try
        {
            // Painters draw frames f ≡ p (mod painters) in parallel; taking them round-robin restores the order.
            var painted = painters.Select(_ => new BlockingCollection<byte[]>(2)).ToArray();
            painting = painters.Select((painter, p) => Task.Run(() =>
            {
                try
                {
                    for (var f = p; f < count && !stop.IsCancellationRequested; f += painters.Length)
                    {
                        painted[p].Add(render(painter, f), stop.Token);
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
                catch
                {
                    stop.Cancel();
                    throw;
                }
                finally
                {
                    painted[p].CompleteAdding();
                }
            })).ToArray();
            for (var f = 0; f < count && !stop.IsCancellationRequested; f++)
            {
                var frame = new Frame(f, painted[f % painters.Length].Take(stop.Token), consumers.Count);
                foreach (var (queue, _) in consumers)
                {
                    queue.Add(frame, stop.Token);
                }
            }
            drawn = true;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            // The painters' figures are disposed by the caller: no painting may still be running then.
            if (!drawn)
            {
                stop.Cancel();
            }
            Task.WaitAll(painting.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)).ToArray());
        }
        WaitAll(painting);
        foreach (var (queue, _) in consumers)
        {
            queue.CompleteAdding();
        }
        WaitAll(consumers.Select(c => c.Task).ToArray());
        foreach (var (queue, _) in consumers)
        {
            queue.Dispose();
        }
        gif.Finish();
        video?.Finish();
    }

    /// <summary>Waits for every task and rethrows the first real failure as itself, not wrapped.</summary>
    private static void WaitAll(Task[] tasks)
    {
        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException e)
        {
            var first = e.Flatten().InnerExceptions.FirstOrDefault(x => x is not OperationCanceledException) ?? e.InnerExceptions[0];
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }
    }

    /// <summary>GIF delays are whole centiseconds: spread the rounding so the average rate is exactly <paramref name="fps"/>.</summary>
    internal static int Delay(int frame, int fps) =>
        (int)Math.Round((frame + 1) * 100.0 / fps) - (int)Math.Round(frame * 100.0 / fps);

    private static string FrameTitle(int epoch, Dictionary<int, Training.EpochMetrics> metrics)
    {
        if (!metrics.TryGetValue(epoch, out var m))
        {
            return $"epoch {epoch}";
        }
        var auc = double.IsNaN(m.HeldOutAuc) ? "" : FormattableString.Invariant($" · held-out AUC {m.HeldOutAuc:F3}");
        return FormattableString.Invariant($"epoch {epoch}/{m.Epochs} · loss {m.Loss:F4}{auc}");
    }

    /// <summary>A rendered frame shared by the consumers; its pooled buffer returns when the last one is done.</summary>
    private sealed class Frame(int index, byte[] pixels, int users)
    {
        private int _users = users;

        public int Index { get; } = index;
        public byte[] Pixels { get; } = pixels;

        public void Release()
        {
            if (Interlocked.Decrement(ref _users) == 0)
            {
                ArrayPool<byte>.Shared.Return(Pixels);
            }
        }
    }
}
