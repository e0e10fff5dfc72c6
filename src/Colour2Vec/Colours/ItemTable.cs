namespace Colour2Vec.Colours;

/// <summary>
/// Items of any kind described by numeric features (<see cref="ItemTableReader"/> reads them from a CSV): the seed's
/// similarity rule applied to features instead of colour channels. Each feature column is standardised to mean 0
/// and (population) standard deviation 1, so that no column outweighs another by its units alone.
/// <see cref="Colours"/> gives every item a colour to draw it with.
/// </summary>
public sealed class ItemTable
{
    // Viridis at 0, ¼, ½, ¾ and 1: dark to light and blue to yellow, readable in grey and by most colour-blind eyes.
    // Three bytes per stop; a byte span property is read-only data in the assembly, never a mutable static.
    private static ReadOnlySpan<byte> Ramp => [0x44, 0x01, 0x54, 0x3b, 0x52, 0x8b, 0x21, 0x91, 0x8c, 0x5e, 0xc9, 0x62, 0xfd, 0xe7, 0x25];


    private readonly string[] _names;
    private readonly string[] _featureNames;

    private ItemTable(string[] names, double[] features, string[] featureNames, double[] means, double[] deviations,
        ColourTable colours, string colouredBy, string source)
    {
        _names = names;
        Features = features;
        _featureNames = featureNames;
        Means = means;
        StandardDeviations = deviations;
        Colours = colours;
        ColouredBy = colouredBy;
        Source = source;
    }

    public string Source { get; }
    public int Count => _names.Length;
    public IReadOnlyList<string> Names => _names;
    public IReadOnlyList<string> FeatureNames => _featureNames;
    public int FeatureCount => _featureNames.Length;

    /// <summary>Standardised features, row-major: item i's feature f is at <c>i · FeatureCount + f</c>.</summary>
    public double[] Features { get; }

    /// <summary>Each column's mean before standardising.</summary>
    public IReadOnlyList<double> Means { get; }

    /// <summary>Each column's population standard deviation before standardising.</summary>
    public IReadOnlyList<double> StandardDeviations { get; }

    /// <summary>The items' names and drawing colours, for the trainer, plots and the explorer.</summary>
    public ColourTable Colours { get; }

    /// <summary>Where <see cref="Colours"/> came from: "hex", "r,g,b" or "first principal component".</summary>
    public string ColouredBy { get; }

    /// <summary>One item's standardised features.</summary>
    public ReadOnlySpan<double> Row(int item) => Features.AsSpan(item * FeatureCount, FeatureCount);

    /// <summary>
    /// Standardises <paramref name="raw"/> (row-major, <paramref name="featureNames"/>.Count columns). With
    /// <paramref name="colours"/> null, items are coloured along a viridis ramp by their score on the standardised
    /// features' first principal component, so items alike in their main direction of variation look alike.
    /// A constant column cannot be standardised and is an <see cref="InputException"/> naming it.
    /// </summary>
    public static ItemTable Create(IReadOnlyList<string> names, double[] raw, IReadOnlyList<string> featureNames,
        string source, IReadOnlyList<(byte R, byte G, byte B)>? colours = null, string colouredBy = "given colours")
    {
        int n = names.Count, f = featureNames.Count;
        if (n == 0 || f == 0 || raw.Length != n * f || (colours is not null && colours.Count != n))
        {
            throw new ArgumentException($"expected at least one item and one feature, {n} × {f} values and a colour per item");
        }
        var features = (double[])raw.Clone();
        var means = new double[f];
        var deviations = new double[f];
        for (var c = 0; c < f; c++)
        {
            double sum = 0;
            for (var i = 0; i < n; i++)
            {
                sum += raw[i * f + c];
            }
            var mean = sum / n;
            double squares = 0;
            for (var i = 0; i < n; i++)
            {
                var d = raw[i * f + c] - mean;
                squares += d * d;
            }
            var deviation = Math.Sqrt(squares / n);
            if (!(deviation > 1e-12 * Math.Max(1, Math.Abs(mean))))
            {
                throw InputException.At(source, 0, featureNames[c], "is constant: cannot be standardised");
            }
            for (var i = 0; i < n; i++)
            {
                features[i * f + c] = (raw[i * f + c] - mean) / deviation;
            }
            means[c] = mean;
            deviations[c] = deviation;
        }
        if (colours is null)
        {
            colours = ColoursByFirstComponent(features, n, f);
            colouredBy = "first principal component";
        }
        var table = new ColourTable(names.Select((name, i) => Colour.FromBytes(name, colours[i].R, colours[i].G, colours[i].B)), source);
        return new ItemTable(names.ToArray(), features, featureNames.ToArray(), means, deviations, table, colouredBy, source);
    }

    /// <summary>The first principal component of standardised row-major features (unit length, largest entry positive).</summary>
    internal static double[] FirstComponent(double[] features, int n, int f)
    {
        var (axes, _) = PrincipalComponents.Axes(features, f, PrincipalComponents.Mean(features, f));
        return axes[..f];
    }

    private static (byte R, byte G, byte B)[] ColoursByFirstComponent(double[] features, int n, int f)
    {
        var component = FirstComponent(features, n, f);
        var scores = Enumerable.Range(0, n).Select(i => Dot(features, i, f, component)).ToArray();
        double low = scores.Min(), high = scores.Max();
        var span = high > low ? high - low : 1;
        return scores.Select(s => OnRamp((s - low) / span)).ToArray();
    }

    /// <summary>The viridis-like ramp at <paramref name="t"/> in [0, 1], linear between its five stops.</summary>
    internal static (byte R, byte G, byte B) OnRamp(double t)
    {
        var stops = Ramp.Length / 3;
        var x = Math.Clamp(t, 0, 1) * (stops - 1);
        var stop = Math.Min((int)x, stops - 2);
        var w = x - stop;
        var a = Ramp.Slice(3 * stop, 3);
        var b = Ramp.Slice(3 * stop + 3, 3);
        return (Lerp(a[0], b[0], w), Lerp(a[1], b[1], w), Lerp(a[2], b[2], w));
    }

    private static byte Lerp(byte a, byte b, double w) => (byte)Math.Round(a + (b - a) * w);

    private static double Dot(double[] features, int row, int f, double[] v)
    {
        double sum = 0;
        for (var c = 0; c < f; c++)
        {
            sum += features[row * f + c] * v[c];
        }
        return sum;
    }
}
