namespace Colour2Vec.Rendering;

/// <summary>Which snapshots become animation frames.</summary>
public static class FrameSchedule
{
    /// <summary>The seed's default: 180 frames asked, 169 distinct for 500 snapshots.</summary>
    public const int SeedFrames = 180;

    /// <summary>
    /// The seed's schedule, <c>unique(int(linspace(1, √(N−1), frames)²))</c>: quadratic, so early epochs, where
    /// the map changes fastest, get more frames. Returns snapshot indices in increasing order.
    /// </summary>
    public static int[] Quadratic(int snapshots, int frames = SeedFrames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        if (snapshots <= 2)
        {
            return Enumerable.Range(0, snapshots).ToArray();
        }
        var last = snapshots - 1;
        var top = Math.Sqrt(last);
        var result = new List<int>(frames);
        for (var f = 0; f < frames; f++)
        {
            var root = frames == 1 ? top : 1 + (top - 1) * f / (frames - 1);
            var index = (int)(root * root);
            if (result.Count == 0 || result[^1] != index)
            {
                result.Add(Math.Min(index, last));
            }
        }
        return result.ToArray();
    }
}
