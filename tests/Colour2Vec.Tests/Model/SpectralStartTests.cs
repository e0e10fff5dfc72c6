using Colour2Vec.Model;

namespace Colour2Vec.Tests.Model;

public sealed class SpectralStartTests
{
    [Fact]
    public void On_A_Path_The_First_Eigenmap_Coordinate_Runs_Monotonically_Along_It()
    {
        // Items 0..39 linked in a line (each link seen twice, plus negatives that must be ignored): the Fiedler
        // vector of a path is a half cosine, so one candidate orders the items exactly as the path does.
        const int items = 40;
        var left = new List<int>();
        var right = new List<int>();
        var labels = new List<float>();
        for (var i = 0; i + 1 < items; i++)
        {
            left.AddRange([i, i + 1, i]);
            right.AddRange([i + 1, i, (i + 20) % items]);
            labels.AddRange([1f, 1f, 0f]);
        }
        var fallback = new float[items];
        var candidates = SpectralStart.Candidates(items, 1, left.ToArray(), right.ToArray(), labels.ToArray(), fallback, new Random(1));
        Assert.Equal(3, candidates.Count);
        var path = candidates[0];
        var increasing = path[1] > path[0];
        for (var i = 0; i + 1 < items; i++)
        {
            Assert.Equal(increasing, path[i + 1] > path[i]);
        }
        // Centred and spread to the stated standard deviation.
        Assert.Equal(0, path.Average(), 4);
        Assert.Equal(SpectralStart.Spread, Math.Sqrt(path.Select(x => (double)x * x).Average()), 3);
    }

    [Fact]
    public void Two_Dimensions_Give_Six_Candidates_And_Isolated_Items_Keep_Their_Fallback_Rows()
    {
        // A ring of 30 items and two items (30, 31) in no positive pair.
        const int items = 32;
        var left = Enumerable.Range(0, 30).ToArray();
        var right = left.Select(i => (i + 1) % 30).ToArray();
        var labels = left.Select(_ => 1f).ToArray();
        var fallback = Enumerable.Range(0, items * 2).Select(k => k * 0.001f).ToArray();
        var candidates = SpectralStart.Candidates(items, 2, left, right, labels, fallback, new Random(2));
        Assert.Equal(6, candidates.Count);
        foreach (var table in candidates)
        {
            Assert.Equal(fallback[60..], table[60..]);
        }
        // The first two eigenvectors of a ring are a sine and cosine pair: the ring comes out as a circle.
        var circle = candidates[0];
        var radii = Enumerable.Range(0, 30).Select(i => Math.Sqrt(circle[2 * i] * circle[2 * i] + circle[2 * i + 1] * circle[2 * i + 1])).ToArray();
        Assert.True(radii.Max() - radii.Min() < 0.05 * radii.Average(), $"radii {radii.Min()}..{radii.Max()}");
    }

    [Fact]
    public void Items_Far_Out_On_A_Thin_Graph_Are_Clamped()
    {
        // 3,000 random positive pairs over 4,000 items: many small components, on which eigenvectors localise.
        var random = new Random(4);
        var left = Enumerable.Range(0, 3_000).Select(_ => random.Next(4_000)).ToArray();
        var right = left.Select(_ => random.Next(4_000)).ToArray();
        var labels = left.Select(_ => 1f).ToArray();
        var limit = SpectralStart.ClampDeviations * SpectralStart.Spread;
        var candidates = SpectralStart.Candidates(4_000, 2, left, right, labels, new float[8_000], new Random(5));
        Assert.All(candidates, table => Assert.All(table, x => Assert.InRange(x, -limit, limit)));
        Assert.Contains(candidates, table => table.Any(x => Math.Abs(x) == limit));
    }

    [Fact]
    public void No_Positive_Pairs_Give_No_Candidates()
    {
        Assert.Empty(SpectralStart.Candidates(3, 2, [0, 1], [1, 2], [0f, 0f], new float[6], new Random(3)));
    }
}
