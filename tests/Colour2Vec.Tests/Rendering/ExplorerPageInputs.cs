using Colour2Vec.Colours;
using Colour2Vec.Rendering;
using Colour2Vec.Training;

namespace Colour2Vec.Tests.Rendering;

/// <summary>Explorer inputs for the tests: a synthetic training run, hostile names, a well-separated hue ring.</summary>
internal static class ExplorerPageInputs
{
    public const string ImageName = "<img src=x onerror=alert(1)>";
    public const string ScriptName = "</script><script>window.__pwned=1;alert(2)</script>";
    public const string SeparatorName = "fish & chips \u2028 \"quoted\" \u2029 café";

    /// <summary>
    /// A run that looks like training: each colour heads for (r − b, g − (r + b)/2), a chroma plane, starting as
    /// noise of the seed's ±0.05 scale; the map grows and the noise shrinks over the first 100 epochs, and a
    /// little noise stays so that colours with equal chroma do not sit on one spot.
    /// </summary>
    public static ExplorerInput Synthetic(ColourTable colours, int epochs, int seed = 1)
    {
        var random = new Random(seed);
        var jitter = new float[colours.Count * 2];
        for (var i = 0; i < jitter.Length; i++)
        {
            jitter[i] = (float)Gaussian(random);
        }
        var snapshots = new SnapshotSeries(colours.Count, 2, epochs);
        var row = new float[colours.Count * 2];
        var history = new List<EpochMetrics>();
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            var progress = Math.Min(1.0, epoch / 100.0);
            var noise = 0.05 * (1 - progress) + 0.015;
            for (var i = 0; i < colours.Count; i++)
            {
                var colour = colours[i];
                row[2 * i] = (float)(progress * (colour.R - colour.B) + noise * jitter[2 * i]);
                row[2 * i + 1] = (float)(progress * (colour.G - (colour.R + colour.B) / 2) + noise * jitter[2 * i + 1]);
            }
            snapshots.Add(epoch, row);
            var loss = 0.42 + 0.27 * Math.Exp(-epoch / 40.0);
            history.Add(new EpochMetrics(epoch, epochs, loss, loss / 3, loss + 0.01 + 0.002 * Math.Sin(epoch / 7.0),
                0.97 - 0.4 * Math.Exp(-epoch / 30.0), epoch * 0.004, 0.02f));
        }
        return new ExplorerInput(colours, PlaneSeries.From(snapshots), history, "Synthetic run")
        {
            Facts =
            [
                new("recipe", "negative-cosine"),
                new("seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("colours", colours.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("held-out AUC", "0.970"),
                new("note <b>bold?</b>", "values are text & stay text"),
            ],
        };
    }

    /// <summary>
    /// 24 saturated hues 15° apart (on the synthetic map they lie on a hexagon, far from one another), three of
    /// them renamed with the hostile names, so that every point can be hovered on its own.
    /// </summary>
    public static ColourTable HueRing()
    {
        var colours = new List<Colour>();
        for (var step = 0; step < 24; step++)
        {
            var (r, g, b) = FromHue(step * 15);
            var name = step switch
            {
                5 => ImageName,
                13 => ScriptName,
                19 => SeparatorName,
                _ => $"hue {step * 15}",
            };
            colours.Add(new Colour(name, r, g, b));
        }
        return new ColourTable(colours, "hue ring");
    }

    /// <summary>
    /// <paramref name="items"/> colours spread over the RGB cube (names "colour 0", …) with a cheap synthetic run,
    /// for the size and responsiveness checks at the scale of the largest colour lists.
    /// </summary>
    public static ExplorerInput Large(int items, int epochs)
    {
        var colours = new ColourTable(Enumerable.Range(0, items)
            .Select(i => Colour.FromBytes($"colour {i}", (byte)(i * 37), (byte)(i * 101 >> 3), (byte)(i * 7 >> 5))), "large");
        var snapshots = new SnapshotSeries(items, 2, epochs);
        var row = new float[items * 2];
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            var progress = Math.Min(1f, epoch / 50f);
            for (var i = 0; i < items; i++)
            {
                var colour = colours[i];
                row[2 * i] = progress * (colour.R - colour.B) + 0.05f * MathF.Sin(i * 0.37f + epoch);
                row[2 * i + 1] = progress * (colour.G - (colour.R + colour.B) / 2) + 0.05f * MathF.Cos(i * 0.91f + epoch);
            }
            snapshots.Add(epoch, row);
        }
        return new ExplorerInput(colours, PlaneSeries.From(snapshots), [], "large");
    }

    /// <summary>The built-in table with the hostile names added at the end.</summary>
    public static ColourTable BuiltInWithHostileNames() => new(
        ColourTable.BuiltIn().Concat([
            new Colour(ImageName, 0.9f, 0.2f, 0.3f),
            new Colour(ScriptName, 0.2f, 0.6f, 0.9f),
            new Colour(SeparatorName, 0.5f, 0.5f, 0.1f),
        ]), "built-in + hostile");

    private static (float R, float G, float B) FromHue(double degrees)
    {
        float Channel(double offset)
        {
            var k = (offset + degrees / 60) % 6;
            return (float)(1 - Math.Max(0, Math.Min(Math.Min(k, 4 - k), 1)));
        }
        return (Channel(5), Channel(3), Channel(1));
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
