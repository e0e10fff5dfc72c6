using Colour2Vec.Colours;
using Colour2Vec.Pairs;

namespace Colour2Vec.Tests.Colours;

public sealed class ColourDifferenceTests
{
    private static readonly ColourTable BuiltIn = ColourTable.BuiltIn();

    /// <summary>Bisection on S for the mean positive probability over all ordered pairs (it grows with S).</summary>
    private static double FitScale(ColourTable table, SimilarityMeasure measure, double target)
    {
        var unscaled = new ColourDifference(table, measure, scale: 1);
        var n = table.Count;
        var distances = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                distances[i * n + j] = unscaled.Distance(i, j);
            }
        }
        double low = 1e-3, high = 1e4;
        for (var step = 0; step < 100; step++)
        {
            var scale = Math.Sqrt(low * high);
            var limit = scale * Math.Sqrt(SimilarityPairSampler.SeedThreshold);
            double sum = 0;
            foreach (var distance in distances)
            {
                sum += Math.Max(0, 1 - distance / limit);
            }
            if (sum / distances.Length < target)
            {
                low = scale;
            }
            else
            {
                high = scale;
            }
        }
        return Math.Sqrt(low * high);
    }

    private static double FourSignificantDigits(double x) => double.Parse(x.ToString("G4", System.Globalization.CultureInfo.InvariantCulture),
        System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(SimilarityMeasure.Lab, ColourDifference.LabScale)]
    [InlineData(SimilarityMeasure.Ciede2000, ColourDifference.Ciede2000Scale)]
    public void The_Hard_Coded_Scale_Is_What_Bisection_On_The_Built_In_Table_Gives(SimilarityMeasure measure, double constant)
    {
        var target = SimilarityPairSampler.ExpectedPositiveFraction(BuiltIn);
        var fitted = FitScale(BuiltIn, measure, target);
        Assert.True(FourSignificantDigits(fitted) == FourSignificantDigits(constant), $"{measure}: fitted S = {fitted:R}, constant {constant:R}");
    }

    [Theory]
    [InlineData(SimilarityMeasure.Rgb)]
    [InlineData(SimilarityMeasure.Lab)]
    [InlineData(SimilarityMeasure.Ciede2000)]
    public void Every_Measure_Keeps_The_Seeds_Positive_Fraction_On_The_Built_In_Table(SimilarityMeasure measure)
    {
        var rgb = SimilarityPairSampler.ExpectedPositiveFraction(BuiltIn);
        var fraction = new ColourDifference(BuiltIn, measure).ExpectedPositiveFraction();
        Assert.Equal(rgb, fraction, 1e-5);
        Assert.InRange(rgb, 0.05, 0.5);
    }

    [Fact]
    public void Rgb_Difference_Is_Bit_Identical_To_The_Samplers()
    {
        var difference = new ColourDifference(BuiltIn, SimilarityMeasure.Rgb);
        var row = new double[BuiltIn.Count];
        for (var i = 0; i < BuiltIn.Count; i += 7)
        {
            difference.DifferencesFrom(i, row);
            for (var j = 0; j < BuiltIn.Count; j++)
            {
                var expected = SimilarityPairSampler.Difference(BuiltIn, i, j);
                Assert.Equal(expected, difference.Difference(i, j));
                Assert.Equal(expected, row[j]);
            }
        }
    }

    [Theory]
    [InlineData(SimilarityMeasure.Lab)]
    [InlineData(SimilarityMeasure.Ciede2000)]
    public void Differences_Are_The_Scaled_Squared_Colour_Distances_And_Agree_Row_By_Row(SimilarityMeasure measure)
    {
        var difference = new ColourDifference(BuiltIn, measure);
        var row = new double[BuiltIn.Count];
        for (var i = 0; i < BuiltIn.Count; i += 13)
        {
            difference.DifferencesFrom(i, row);
            var first = CieLab.FromColour(BuiltIn[i]);
            for (var j = 0; j < BuiltIn.Count; j += 3)
            {
                var second = CieLab.FromColour(BuiltIn[j]);
                var distance = measure == SimilarityMeasure.Lab ? CieLab.DeltaE76(first, second) : Ciede2000.Difference(first, second);
                var expected = distance * distance / (difference.Scale * difference.Scale);
                Assert.Equal(expected, difference.Difference(i, j), 1e-9 * (1 + expected));
                Assert.Equal(difference.Difference(i, j), row[j], 1e-12);
                Assert.Equal(difference.Difference(i, j), difference.Difference(j, i), 1e-9);
            }
            Assert.Equal(0, difference.Difference(i, i));
            Assert.Equal(1, difference.PositiveProbability(i, i));
        }
    }

    [Fact]
    public void Colours_Further_Apart_Than_The_Threshold_Distance_Are_Never_Positive()
    {
        var table = new ColourTable([Colour.FromBytes("red", 255, 0, 0), Colour.FromBytes("dark red", 200, 0, 0), Colour.FromBytes("blue", 0, 0, 255)], "t");
        var difference = new ColourDifference(table, SimilarityMeasure.Lab);
        var deltaE = CieLab.DeltaE76(CieLab.FromColour(table[0]), CieLab.FromColour(table[1]));
        Assert.Equal(Math.Max(0, 1 - deltaE / (ColourDifference.LabScale * Math.Sqrt(0.2))), difference.PositiveProbability(0, 1), 12);
        Assert.Equal(0, difference.PositiveProbability(0, 2));
        Assert.Equal(53.2408, difference.Coordinates(0)[0], 1e-3);
        Assert.Equal(80.0925, difference.Coordinates(0)[1], 1e-3);
    }
}
