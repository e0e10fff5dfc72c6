using Colour2Vec.Evaluation;

namespace Colour2Vec.Tests.Evaluation;

public sealed class RocAucTests
{
    /// <summary>The definition: share of (positive, negative) pairs ordered correctly, ties one half.</summary>
    private static double BruteForce(float[] scores, float[] labels)
    {
        double wins = 0, pairs = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            for (var j = 0; j < scores.Length; j++)
            {
                if (labels[i] == 1f && labels[j] == 0f)
                {
                    pairs++;
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }
        return wins / pairs;
    }

    [Theory]
    [InlineData(1, 50, 1000)]
    [InlineData(2, 300, 3)]
    [InlineData(3, 1000, 20)]
    public void Auc_Matches_A_Brute_Force_Count_With_Ties(int seed, int count, int distinctScores)
    {
        var random = new Random(seed);
        var scores = new float[count];
        var labels = new float[count];
        for (var k = 0; k < count; k++)
        {
            scores[k] = (random.Next(distinctScores) - distinctScores / 2) * 0.37f;
            labels[k] = random.NextDouble() < 0.3 + 0.4 * (scores[k] > 0 ? 1 : 0) ? 1f : 0f;
        }
        Assert.Equal(BruteForce(scores, labels), RocAuc.Compute(scores, labels), 12);
    }

    [Fact]
    public void Perfect_Inverted_And_Single_Class_Cases()
    {
        Assert.Equal(1.0, RocAuc.Compute([0.1f, 0.2f, 3f, 4f], [0f, 0f, 1f, 1f]));
        Assert.Equal(0.0, RocAuc.Compute([-1f, -2f, 3f, 4f], [1f, 1f, 0f, 0f]));
        Assert.Equal(0.5, RocAuc.Compute([1f, 1f, 1f, 1f], [1f, 0f, 1f, 0f]));
        Assert.True(double.IsNaN(RocAuc.Compute([1f, 2f], [1f, 1f])));
        Assert.Equal(0.5, RocAuc.Compute([-0f, 0f], [1f, 0f]));
    }

    [Fact]
    public void One_Instance_Reused_On_Wide_Ranges_And_Sizes_Matches_The_Brute_Force_Count()
    {
        // Scores over many magnitudes and both signs exercise every radix digit; a reused instance must not
        // carry counts or keys from one call into the next.
        var auc = new RocAuc();
        var random = new Random(7);
        foreach (var count in new[] { 3000, 17, 2500, 1 << 11 })
        {
            var scores = new float[count];
            var labels = new float[count];
            for (var k = 0; k < count; k++)
            {
                var magnitude = MathF.Pow(10f, random.Next(-30, 30)) * (float)random.NextDouble();
                scores[k] = random.Next(10) switch { 0 => 0f, 1 => -0f, 2 => 1.5f, _ => random.Next(2) == 0 ? magnitude : -magnitude };
                labels[k] = random.NextDouble() < (scores[k] > 0 ? 0.7 : 0.3) ? 1f : 0f;
            }
            Assert.Equal(BruteForce(scores, labels), auc.Of(scores, labels), 12);
        }
    }

    [Theory]
    [InlineData(11, 0.2)]
    [InlineData(12, 0.8)]
    public void Crowded_Scores_Outliers_And_Infinities_Match_The_Brute_Force_Count(int seed, double positiveShare)
    {
        // Most scores crowd into a sliver of a range stretched by outliers, so the slots of the sorted class
        // hold long runs; both classes take a turn at being the smaller one.
        var random = new Random(seed);
        var scores = new float[1500];
        var labels = new float[scores.Length];
        for (var k = 0; k < scores.Length; k++)
        {
            scores[k] = random.Next(40) switch
            {
                0 => 1e30f,
                1 => -3e29f,
                2 => float.PositiveInfinity,
                3 => float.NegativeInfinity,
                _ => 1f + random.Next(50) * 1e-6f,
            };
            labels[k] = random.NextDouble() < positiveShare ? 1f : 0f;
        }
        Assert.Equal(BruteForce(scores, labels), RocAuc.Compute(scores, labels), 12);
    }

    [Fact]
    public void A_NaN_Score_Ranks_By_Its_Sign_Bit_Without_Breaking_The_Count_Of_The_Others()
    {
        // A diverged model can score NaN: it ranks as its bits say (a set sign bit, as float.NaN has, below −∞;
        // a clear one above +∞) instead of derailing the count.
        float[] labels = [0f, 1f, 1f, 0f, 0f, 1f];
        float[] Scores(float odd) => [0.1f, 0.4f, odd, 0.3f, 0.2f, 0.9f];
        var positiveNaN = BitConverter.UInt32BitsToSingle(0x7FC00000u);
        Assert.Equal(RocAuc.Compute(Scores(float.NegativeInfinity), labels), RocAuc.Compute(Scores(-positiveNaN), labels));
        Assert.Equal(RocAuc.Compute(Scores(float.PositiveInfinity), labels), RocAuc.Compute(Scores(positiveNaN), labels));
        Assert.Equal(1.0, RocAuc.Compute(Scores(positiveNaN), labels));
        Assert.Equal(2.0 / 3, RocAuc.Compute(Scores(-positiveNaN), labels), 12);
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.7)]
    public void Many_NaNs_With_Every_Bit_Set_Rank_Level_With_Each_Other_And_Above_Infinity(double positiveShare)
    {
        // The largest key there is (a NaN whose bits are all ones) equals the padding of the search table; it
        // must still count only the real scores level with it, in the eight-lane search as in the scalar tail.
        var random = new Random(21);
        var allOnes = BitConverter.UInt32BitsToSingle(0x7FFFFFFFu);
        var withNaN = new float[500];
        var labels = new float[withNaN.Length];
        for (var k = 0; k < withNaN.Length; k++)
        {
            withNaN[k] = random.Next(5) == 0 ? allOnes : random.Next(20) * 0.5f;
            labels[k] = random.NextDouble() < positiveShare ? 1f : 0f;
        }
        var withInfinity = withNaN.Select(s => float.IsNaN(s) ? float.PositiveInfinity : s).ToArray();
        Assert.Equal(BruteForce(withInfinity, labels), RocAuc.Compute(withNaN, labels), 12);
    }

    [Fact]
    public void Scores_Already_Split_By_Class_Give_The_Same_Auc_As_Scores_With_Labels()
    {
        // The held-out evaluator keeps its pairs positives first and hands over the two classes' scores; the
        // vectorised key conversion must rank -0, +0, infinities and both signs as the labelled path does.
        var random = new Random(5);
        var scores = new float[1001];
        var labels = new float[scores.Length];
        for (var k = 0; k < scores.Length; k++)
        {
            scores[k] = random.Next(12) switch { 0 => -0f, 1 => 0f, 2 => float.NegativeInfinity, 3 => float.PositiveInfinity, _ => (float)(random.NextDouble() * 20 - 10) };
            labels[k] = random.Next(3) == 0 ? 1f : 0f;
        }
        var positives = scores.Where((_, k) => labels[k] == 1f).ToArray();
        var negatives = scores.Where((_, k) => labels[k] == 0f).ToArray();
        var auc = new RocAuc();
        Assert.Equal(BruteForce(scores, labels), auc.OfClasses(positives, negatives), 12);
        Assert.Equal(auc.Of(scores, labels), auc.OfClasses(positives, negatives));
        Assert.True(double.IsNaN(auc.OfClasses(positives, [])));
    }
}
