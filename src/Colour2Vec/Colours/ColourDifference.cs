using System.Runtime.CompilerServices;
using Colour2Vec.Pairs;

namespace Colour2Vec.Colours;

/// <summary>
/// The difference between two colours of a table under a <see cref="SimilarityMeasure"/>, on the seed's scale,
/// so that the seed's label rule (positive when <c>diff &lt; 0.2 · u²</c>, u uniform) can be used unchanged:
/// <list type="bullet">
/// <item><c>Rgb</c>: <c>diff = (Δr² + Δg² + Δb²) / 3</c>, exactly <see cref="SimilarityPairSampler.Difference"/>
/// (equivalently <c>(‖Δrgb‖ / √3)²</c>).</item>
/// <item><c>Lab</c>: <c>diff = (ΔE*ab / <see cref="LabScale"/>)²</c>.</item>
/// <item><c>Ciede2000</c>: <c>diff = (ΔE₀₀ / <see cref="Ciede2000Scale"/>)²</c>.</item>
/// </list>
/// The scales are fixed constants, fitted once so that the expected positive fraction of the built-in table
/// matches rgb's; on other tables the fractions differ as the tables' colours do. A pair is labelled positive
/// with probability <c>max(0, 1 − √(diff / 0.2))</c>, so under Lab, for example, colours more than
/// <c>√0.2 · LabScale</c> ΔE apart are never positive. Lab coordinates are computed once per colour.
/// </summary>
public sealed class ColourDifference
{
    /// <summary>
    /// S for <see cref="SimilarityMeasure.Lab"/>, in ΔE*ab units. Fitted by bisection on the built-in table
    /// (658 colours, all 432,964 ordered pairs, self-pairs included) so that the mean of
    /// <c>max(0, 1 − √(diff / 0.2))</c> equals rgb's 0.244825; a test recomputes it (159.6404483…). Pairs more
    /// than √0.2 · S ≈ 71.4 ΔE*ab apart are never positive.
    /// </summary>
    public const double LabScale = 159.6404;

    /// <summary>
    /// S for <see cref="SimilarityMeasure.Ciede2000"/>, in ΔE₀₀ units, fitted the same way as
    /// <see cref="LabScale"/> to the same fraction 0.244825 (bisection gives 94.7959973…). Pairs more than
    /// √0.2 · S ≈ 42.4 ΔE₀₀ apart are never positive.
    /// </summary>
    public const double Ciede2000Scale = 94.79600;

    private readonly double[] _coordinates;
    private readonly double[] _chroma;
    private readonly double _inverseScaleSquared;

    /// <summary>Prepares the measure for every colour of <paramref name="colours"/> with its fixed scale.</summary>
    public ColourDifference(ColourTable colours, SimilarityMeasure measure)
        : this(colours, measure, DefaultScale(measure))
    {
    }

    /// <summary>With an explicit scale S (ignored for rgb, whose scale is fixed by the seed); used to fit S.</summary>
    internal ColourDifference(ColourTable colours, SimilarityMeasure measure, double scale)
    {
        if (!Enum.IsDefined(measure))
        {
            throw new ArgumentOutOfRangeException(nameof(measure), measure, "unknown similarity measure");
        }
        Colours = colours;
        Measure = measure;
        Scale = measure == SimilarityMeasure.Rgb ? Math.Sqrt(3) : scale;
        _inverseScaleSquared = 1 / (Scale * Scale);
        _coordinates = new double[colours.Count * 3];
        _chroma = measure == SimilarityMeasure.Ciede2000 ? new double[colours.Count] : [];
        for (var i = 0; i < colours.Count; i++)
        {
            if (measure == SimilarityMeasure.Rgb)
            {
                _coordinates[3 * i] = colours.Rgb[3 * i];
                _coordinates[3 * i + 1] = colours.Rgb[3 * i + 1];
                _coordinates[3 * i + 2] = colours.Rgb[3 * i + 2];
                continue;
            }
            var lab = CieLab.FromSrgb(colours.Rgb[3 * i], colours.Rgb[3 * i + 1], colours.Rgb[3 * i + 2]);
            _coordinates[3 * i] = lab.L;
            _coordinates[3 * i + 1] = lab.A;
            _coordinates[3 * i + 2] = lab.B;
            if (_chroma.Length > 0)
            {
                _chroma[i] = lab.Chroma;
            }
        }
    }

    public ColourTable Colours { get; }
    public SimilarityMeasure Measure { get; }

    /// <summary>S in <c>diff = (distance / S)²</c>: √3 for rgb, <see cref="LabScale"/>, <see cref="Ciede2000Scale"/>.</summary>
    public double Scale { get; }

    /// <summary>The fixed scale of a measure.</summary>
    public static double DefaultScale(SimilarityMeasure measure) => measure switch
    {
        SimilarityMeasure.Rgb => Math.Sqrt(3),
        SimilarityMeasure.Lab => LabScale,
        SimilarityMeasure.Ciede2000 => Ciede2000Scale,
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "unknown similarity measure"),
    };

    /// <summary>
    /// The colour's own coordinates under the measure: r, g, b in [0, 1] for rgb; L*, a*, b* for lab and
    /// ciede2000. Three per colour.
    /// </summary>
    public ReadOnlySpan<double> Coordinates(int item) => _coordinates.AsSpan(3 * item, 3);

    /// <summary>All coordinates, row-major, three per colour.</summary>
    internal double[] AllCoordinates => _coordinates;

    /// <summary>The unscaled distance: Euclidean in 0–1 sRGB, ΔE*ab, or ΔE₀₀.</summary>
    public double Distance(int i, int j)
    {
        if (Measure == SimilarityMeasure.Ciede2000)
        {
            return Ciede2000.Difference(_coordinates[3 * i], _coordinates[3 * i + 1], _coordinates[3 * i + 2], _chroma[i],
                _coordinates[3 * j], _coordinates[3 * j + 1], _coordinates[3 * j + 2], _chroma[j]);
        }
        return Math.Sqrt(SquaredEuclidean(i, j));
    }

    /// <summary>The difference on the seed's scale (see the class summary); 0 for a colour and itself.</summary>
    public double Difference(int i, int j)
    {
        switch (Measure)
        {
            case SimilarityMeasure.Rgb:
                return SimilarityPairSampler.Difference(Colours, i, j);
            case SimilarityMeasure.Lab:
                return SquaredEuclidean(i, j) * _inverseScaleSquared;
            default:
                var distance = Distance(i, j);
                return distance * distance * _inverseScaleSquared;
        }
    }

    /// <summary>The probability that the seed's rule labels the pair 1: <c>max(0, 1 − √(diff / threshold))</c>.</summary>
    public double PositiveProbability(int i, int j, double threshold = SimilarityPairSampler.SeedThreshold) =>
        SimilarityPairSampler.PositiveProbability(Difference(i, j), threshold);

    /// <summary>The mean <see cref="PositiveProbability"/> over all ordered pairs, self-pairs included.</summary>
    public double ExpectedPositiveFraction(double threshold = SimilarityPairSampler.SeedThreshold)
    {
        var n = Colours.Count;
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                sum += PositiveProbability(i, j, threshold);
            }
        }
        return sum / ((double)n * n);
    }

    /// <summary>Fills <paramref name="into"/>[j] with <see cref="Difference"/>(item, j) for every colour j.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void DifferencesFrom(int item, Span<double> into)
    {
        var c = _coordinates;
        double x = c[3 * item], y = c[3 * item + 1], z = c[3 * item + 2];
        if (Measure == SimilarityMeasure.Ciede2000)
        {
            var chroma = _chroma[item];
            for (var j = 0; j < into.Length; j++)
            {
                var distance = Ciede2000.Difference(x, y, z, chroma, c[3 * j], c[3 * j + 1], c[3 * j + 2], _chroma[j]);
                into[j] = distance * distance * _inverseScaleSquared;
            }
            return;
        }
        if (Measure == SimilarityMeasure.Rgb)
        {
            // Subtract in float, as the sampler does, so that the differences are bit-identical to its labels'.
            var rgb = Colours.Rgb;
            float r = rgb[3 * item], g = rgb[3 * item + 1], b = rgb[3 * item + 2];
            for (var j = 0; j < into.Length; j++)
            {
                double dr = r - rgb[3 * j], dg = g - rgb[3 * j + 1], db = b - rgb[3 * j + 2];
                into[j] = (dr * dr + dg * dg + db * db) / 3;
            }
            return;
        }
        for (var j = 0; j < into.Length; j++)
        {
            double dx = x - c[3 * j], dy = y - c[3 * j + 1], dz = z - c[3 * j + 2];
            into[j] = (dx * dx + dy * dy + dz * dz) * _inverseScaleSquared;
        }
    }

    private double SquaredEuclidean(int i, int j)
    {
        var c = _coordinates;
        double dx = c[3 * i] - c[3 * j], dy = c[3 * i + 1] - c[3 * j + 1], dz = c[3 * i + 2] - c[3 * j + 2];
        return dx * dx + dy * dy + dz * dz;
    }
}
