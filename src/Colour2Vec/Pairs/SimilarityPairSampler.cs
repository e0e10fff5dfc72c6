using Colour2Vec.Colours;

namespace Colour2Vec.Pairs;

/// <summary>
/// The seed's pair rule: left and right colours drawn uniformly with replacement from independent streams,
/// <c>diff = (Δr² + Δg² + Δb²) / 3</c>, label 1 when <c>diff &lt; threshold · u²</c> with u uniform in [0, 1).
/// So a pair is positive with probability <c>max(0, 1 − √(diff / threshold))</c>.
/// </summary>
public static class SimilarityPairSampler
{
    /// <summary>The seed's 0.2.</summary>
    public const double SeedThreshold = 0.2;

    public static PairSet SampleTraining(ColourTable table, int count, int seed, double threshold = SeedThreshold) =>
        SampleTraining(table, count, seed, (i, j) => Difference(table, i, j), threshold);

    public static PairSet SampleHeldOut(ColourTable table, int count, int seed, double threshold = SeedThreshold) =>
        SampleHeldOut(table, count, seed, (i, j) => Difference(table, i, j), threshold);

    /// <summary>Training pairs labelled by another difference on the seed's scale (e.g. <see cref="ColourDifference.Difference"/>).</summary>
    public static PairSet SampleTraining(ColourTable table, int count, int seed, Func<int, int, double> difference,
        double threshold = SeedThreshold) =>
        Sample(table.Count, count, threshold, difference, RandomStreams.Create(seed, RandomStreams.TrainLeft),
            RandomStreams.Create(seed, RandomStreams.TrainRight), RandomStreams.Create(seed, RandomStreams.TrainLabels));

    /// <summary>Held-out pairs labelled by another difference on the seed's scale.</summary>
    public static PairSet SampleHeldOut(ColourTable table, int count, int seed, Func<int, int, double> difference,
        double threshold = SeedThreshold) =>
        Sample(table.Count, count, threshold, difference, RandomStreams.Create(seed, RandomStreams.HeldOutLeft),
            RandomStreams.Create(seed, RandomStreams.HeldOutRight), RandomStreams.Create(seed, RandomStreams.HeldOutLabels));

    /// <summary>The seed's difference: mean squared channel difference.</summary>
    public static double Difference(ColourTable table, int i, int j)
    {
        var rgb = table.Rgb;
        double dr = rgb[3 * i] - rgb[3 * j], dg = rgb[3 * i + 1] - rgb[3 * j + 1], db = rgb[3 * i + 2] - rgb[3 * j + 2];
        return (dr * dr + dg * dg + db * db) / 3;
    }

    /// <summary>The probability that the rule labels a pair with this difference 1.</summary>
    public static double PositiveProbability(double difference, double threshold = SeedThreshold) =>
        Math.Max(0, 1 - Math.Sqrt(difference / threshold));

    /// <summary>The exact expected positive fraction for the table: the mean probability over all ordered pairs.</summary>
    public static double ExpectedPositiveFraction(ColourTable table, double threshold = SeedThreshold)
    {
        double sum = 0;
        for (var i = 0; i < table.Count; i++)
        {
            for (var j = 0; j < table.Count; j++)
            {
                sum += PositiveProbability(Difference(table, i, j), threshold);
            }
        }
        return sum / ((double)table.Count * table.Count);
    }

    private static PairSet Sample(int items, int count, double threshold, Func<int, int, double> difference, Random leftStream,
        Random rightStream, Random labelStream)
    {
        var left = new int[count];
        var right = new int[count];
        var labels = new float[count];
        for (var k = 0; k < count; k++)
        {
            left[k] = leftStream.Next(items);
        }
        for (var k = 0; k < count; k++)
        {
            right[k] = rightStream.Next(items);
        }
        for (var k = 0; k < count; k++)
        {
            var u = labelStream.NextDouble();
            labels[k] = difference(left[k], right[k]) < threshold * u * u ? 1f : 0f;
        }
        return new PairSet(left, right, labels);
    }
}
