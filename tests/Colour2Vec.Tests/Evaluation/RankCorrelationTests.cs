using Colour2Vec.Evaluation;

namespace Colour2Vec.Tests.Evaluation;

public sealed class RankCorrelationTests
{
    [Fact]
    public void Tied_Values_Share_Their_Average_Rank_As_Worked_By_Hand()
    {
        // x = [1, 2, 2, 3] ranks [1, 2.5, 2.5, 4]; y = [1, 3, 2, 4] ranks [1, 3, 2, 4]; both means 2.5.
        // dx = [−1.5, 0, 0, 1.5], dy = [−1.5, 0.5, −0.5, 1.5]
        // Σ dx·dy = 2.25 + 0 + 0 + 2.25 = 4.5; Σ dx² = 4.5; Σ dy² = 2.25 + 0.25 + 0.25 + 2.25 = 5
        // ρ = 4.5 / √(4.5 · 5) = √0.9 ≈ 0.948683
        Assert.Equal(Math.Sqrt(0.9), RankCorrelation.Spearman([1, 2, 2, 3], [1, 3, 2, 4]), 12);
        Assert.Equal([1, 2.5, 2.5, 4], RankCorrelation.AverageRanks([1, 2, 2, 3]));
    }

    [Fact]
    public void Ties_Spanning_Three_Values_And_A_Negative_Relation()
    {
        // x = [5, 5, 5, 1] ranks [3, 3, 3, 1] (ranks 2, 3, 4 averaged); y = [0, 1, 2, 3] ranks [1, 2, 3, 4].
        // means 2.5; dx = [0.5, 0.5, 0.5, −1.5], dy = [−1.5, −0.5, 0.5, 1.5]
        // Σ dx·dy = −0.75 − 0.25 + 0.25 − 2.25 = −3; Σ dx² = 0.75 + 2.25 = 3; Σ dy² = 5; ρ = −3 / √15
        Assert.Equal(-3 / Math.Sqrt(15), RankCorrelation.Spearman([5, 5, 5, 1], [0, 1, 2, 3]), 12);
    }

    [Fact]
    public void Any_Increasing_Transform_Gives_One_And_A_Decreasing_One_Minus_One()
    {
        double[] x = [0.3, 2, -1, 7, 4.5];
        var squared = x.Select(v => Math.Exp(v)).ToArray();
        var negated = x.Select(v => -v * v * v).ToArray();
        Assert.Equal(1, RankCorrelation.Spearman(x, squared), 12);
        Assert.Equal(-1, RankCorrelation.Spearman(x, negated), 12);
    }

    [Fact]
    public void A_Constant_Sample_Has_No_Correlation()
    {
        Assert.True(double.IsNaN(RankCorrelation.Spearman([1, 1, 1], [1, 2, 3])));
        Assert.True(double.IsNaN(RankCorrelation.Spearman([1], [2])));
    }
}
