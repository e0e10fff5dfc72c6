using Colour2Vec.Evaluation;

namespace Colour2Vec.Tests.Evaluation;

public sealed class PrincipalComponentsTests
{
    // Orthonormal axes, each with one largest component and that one positive (the sign convention):
    // u1·u2 = (−6 + 18 − 12)/49 = 0, u1·u3 = (12 + 6 − 18)/49 = 0, u2·u3 = (−18 + 12 + 6)/49 = 0.
    private static readonly double[][] Axes = [[2 / 7.0, 3 / 7.0, 6 / 7.0], [-3 / 7.0, 6 / 7.0, -2 / 7.0], [6 / 7.0, 2 / 7.0, -3 / 7.0]];

    /// <summary>All eight sign patterns of the coefficients (3, 2, 1) along the axes, around (10, 20, 30): uncorrelated, variances 9 : 4 : 1.</summary>
    private static (double[] Data, double[][] Coefficients) KnownCloud()
    {
        var data = new List<double>();
        var coefficients = new List<double[]>();
        foreach (var s1 in new[] { -1, 1 })
        {
            foreach (var s2 in new[] { -1, 1 })
            {
                foreach (var s3 in new[] { -1, 1 })
                {
                    double[] c = [3 * s1, 2 * s2, s3];
                    coefficients.Add(c);
                    for (var f = 0; f < 3; f++)
                    {
                        data.Add(new[] { 10.0, 20, 30 }[f] + c[0] * Axes[0][f] + c[1] * Axes[1][f] + c[2] * Axes[2][f]);
                    }
                }
            }
        }
        return (data.ToArray(), coefficients.ToArray());
    }

    [Fact]
    public void Projecting_A_Cloud_With_Known_Axes_Recovers_Its_Coefficients()
    {
        var (data, coefficients) = KnownCloud();
        var projected = PrincipalComponents.Project(data, 3, 2);
        Assert.Equal(16, projected.Length);
        for (var row = 0; row < 8; row++)
        {
            // Each axis's largest component is positive, so the signs are the construction's.
            Assert.Equal(coefficients[row][0], projected[2 * row], 9);
            Assert.Equal(coefficients[row][1], projected[2 * row + 1], 9);
        }
    }

    [Fact]
    public void The_Axes_Come_Largest_Variance_First_With_The_Sample_Variances()
    {
        var (data, _) = KnownCloud();
        var (axes, variances) = PrincipalComponents.Axes(data, 3, [10, 20, 30]);
        Assert.Equal(9 * 8 / 7.0, variances[0], 9);
        Assert.Equal(4 * 8 / 7.0, variances[1], 9);
        Assert.Equal(1 * 8 / 7.0, variances[2], 9);
        for (var a = 0; a < 3; a++)
        {
            for (var f = 0; f < 3; f++)
            {
                Assert.Equal(Axes[a][f], axes[3 * a + f], 9);
            }
        }
    }

    [Fact]
    public void Asking_For_As_Many_Dimensions_As_Features_Only_Centres()
    {
        double[] data = [1, 2, 3, 3, 6, 9];
        Assert.Equal([-1, -2, -3, 1, 2, 3], PrincipalComponents.Project(data, 3, 3));
        Assert.Equal([-1, -2, -3, 1, 2, 3], PrincipalComponents.Project(data, 3, 16));
    }
}
