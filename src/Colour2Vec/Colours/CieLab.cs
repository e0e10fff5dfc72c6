namespace Colour2Vec.Colours;

/// <summary>
/// A colour in CIELAB (D65 white, 2° observer), in double precision: <see cref="L"/> from 0 (black) to 100
/// (white), <see cref="A"/> green (−) to red (+), <see cref="B"/> blue (−) to yellow (+).
/// </summary>
public readonly record struct CieLab(double L, double A, double B)
{
    // The CIE's exact rationals, not the rounded 0.008856 / 903.3, so that f(t) is continuous at ε.
    private const double Epsilon = 216.0 / 24389.0;
    private const double Kappa = 24389.0 / 27.0;

    // D65 reference white, normalised to Y = 1.
    private const double WhiteX = 0.95047;
    private const double WhiteY = 1.0;
    private const double WhiteZ = 1.08883;

    /// <summary>
    /// Converts sRGB channels in [0, 1]: undo the sRGB transfer curve, apply the sRGB (D65) → XYZ matrix of
    /// IEC 61966-2-1, then the CIE f(t) against the D65 white. Pure red gives about (53.2408, 80.0925, 67.2032).
    /// </summary>
    public static CieLab FromSrgb(double red, double green, double blue)
    {
        var r = Linearise(red);
        var g = Linearise(green);
        var b = Linearise(blue);
        var x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
        var y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
        var z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b;
        var fx = F(x / WhiteX);
        var fy = F(y / WhiteY);
        var fz = F(z / WhiteZ);
        return new CieLab(116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz));
    }

    /// <summary>The colour's Lab coordinates (its 0–1 float channels widened to double first).</summary>
    public static CieLab FromColour(Colour colour) => FromSrgb(colour.R, colour.G, colour.B);

    /// <summary>Chroma: the distance from the neutral axis, √(a² + b²).</summary>
    public double Chroma => Math.Sqrt(A * A + B * B);

    /// <summary>CIE76 ΔE*ab: the Euclidean distance in Lab.</summary>
    public static double DeltaE76(CieLab first, CieLab second)
    {
        var dl = first.L - second.L;
        var da = first.A - second.A;
        var db = first.B - second.B;
        return Math.Sqrt(dl * dl + da * da + db * db);
    }

    private static double Linearise(double channel) =>
        channel <= 0.04045 ? channel / 12.92 : Math.Pow((channel + 0.055) / 1.055, 2.4);

    private static double F(double t) => t > Epsilon ? Math.Cbrt(t) : (Kappa * t + 16) / 116;
}
