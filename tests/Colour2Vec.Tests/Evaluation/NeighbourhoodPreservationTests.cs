using Colour2Vec.Evaluation;

namespace Colour2Vec.Tests.Evaluation;

public sealed class NeighbourhoodPreservationTests
{
    [Fact]
    public void An_Embedding_That_Keeps_Every_Distance_Scores_One()
    {
        var random = new Random(4);
        var points = Enumerable.Range(0, 60).Select(_ => random.NextDouble()).ToArray();
        var embedded = points.Select(p => (float)(3 * p + 1)).ToArray(); // 30 points in 2-D, scaled and shifted
        var scores = NeighbourhoodPreservation.Compute(points, 2, embedded, 2, k: 5);
        Assert.Equal(1, scores.Trustworthiness, 12);
        Assert.Equal(1, scores.Recall, 12);
        Assert.Equal(30, scores.Queries);
    }

    [Fact]
    public void Swapping_Two_Points_Gives_The_Hand_Computed_Scores()
    {
        // Original 1-D points x = [0, 1, 3, 6, 10]; the embedding swaps items 0 and 4: e = [10, 1, 3, 6, 0]; k = 1.
        // item  embedded NN   its original rank   penalty max(0, r − 1)   original NN   recall hit
        //   0       3 (4)           3                    2                     1            no
        //   1       4 (1)           4                    3                     0            no
        //   2       1 (2)           1                    0                     1            yes
        //   3       2 (3)           1                    0                     2            yes
        //   4       1 (1)           3                    2                     3            no
        // T = 1 − 2 / (n·k·(2n − 3k − 1)) · 7 = 1 − 2 / (5 · 1 · 6) · 7 = 1 − 14/30 = 8/15; recall = 2/5.
        double[] original = [0, 1, 3, 6, 10];
        float[] embedded = [10, 1, 3, 6, 0];
        var scores = NeighbourhoodPreservation.Compute(original, 1, embedded, 1, k: 1);
        Assert.Equal(8.0 / 15, scores.Trustworthiness, 12);
        Assert.Equal(0.4, scores.Recall, 12);
    }

    [Fact]
    public void Reversing_A_Line_Keeps_Every_Neighbourhood()
    {
        double[] original = [0, 1, 3, 6, 10, 15, 21];
        var embedded = original.Select(x => (float)-x).ToArray();
        var scores = NeighbourhoodPreservation.Compute(original, 1, embedded, 1, k: 2);
        Assert.Equal(1, scores.Trustworthiness, 12);
        Assert.Equal(1, scores.Recall, 12);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void K_Must_Be_Positive_And_Below_Half_The_Points(int k)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            NeighbourhoodPreservation.Compute([0, 1, 2, 3, 4, 5], 1, [0f, 1f, 2f, 3f, 4f, 5f], 1, k));
    }
}
