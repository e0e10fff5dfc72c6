using System.Runtime.CompilerServices;

namespace Colour2Vec.Colours;

/// <summary>
/// The CIEDE2000 colour difference ΔE₀₀ with kL = kC = kH = 1, following Sharma, Wu and Dalal, "The CIEDE2000
/// colour-difference formula: implementation notes, supplementary test data, and mathematical observations"
/// (Color Research &amp; Application 30(1), 2005), including their conventions for the mean hue and hue
/// difference when a chroma is zero; their 34 test pairs are this class's tests.
/// </summary>
public static class Ciede2000
{
    private const double Pow25To7 = 6103515625.0; // 25⁷
    private const double DegreesPerRadian = 180 / Math.PI;
    private const double RadiansPerDegree = Math.PI / 180;
    private const double Cos30 = 0.86602540378443865; // √3 / 2
    private const double Sin30 = 0.5;
    private const double Cos6 = 0.99452189536827333;
    private const double Sin6 = 0.10452846326765347;
    private const double Cos63 = 0.45399049973954679;
    private const double Sin63 = 0.89100652418836787;

    public static double Difference(CieLab first, CieLab second) =>
        Difference(first.L, first.A, first.B, first.Chroma, second.L, second.A, second.B, second.Chroma);

    /// <summary>
    /// The same with each colour's chroma √(a² + b²) already known: evaluation calls this millions of times
    /// per run, so the per-colour part is hoisted out by the caller.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double Difference(double l1, double a1, double b1, double chroma1, double l2, double a2, double b2, double chroma2)
    {
        // Step 1: stretch a* so that near-neutral colours' hue differences are not overstated.
        var meanChroma = (chroma1 + chroma2) / 2;
        var meanChroma7 = Pow7(meanChroma);
        var g = 0.5 * (1 - Math.Sqrt(meanChroma7 / (meanChroma7 + Pow25To7)));
        var a1Prime = (1 + g) * a1;
        var a2Prime = (1 + g) * a2;
        var c1Prime = Math.Sqrt(a1Prime * a1Prime + b1 * b1);
        var c2Prime = Math.Sqrt(a2Prime * a2Prime + b2 * b2);
        var h1Prime = HueDegrees(b1, a1Prime);
        var h2Prime = HueDegrees(b2, a2Prime);

        // Step 2: differences in lightness, chroma and hue.
        var deltaL = l2 - l1;
        var deltaC = c2Prime - c1Prime;
        var chromaProduct = c1Prime * c2Prime;
        double deltaHue;
        if (chromaProduct == 0)
        {
            deltaHue = 0;
        }
        else
        {
            deltaHue = h2Prime - h1Prime;
            if (deltaHue > 180)
            {
                deltaHue -= 360;
            }
            else if (deltaHue < -180)
            {
                deltaHue += 360;
            }
        }
        var deltaH = 2 * Math.Sqrt(chromaProduct) * Math.Sin(deltaHue * RadiansPerDegree / 2);

        // Step 3: weights from the means.
        var meanL = (l1 + l2) / 2;
        var meanCPrime = (c1Prime + c2Prime) / 2;
        double meanHue;
        if (chromaProduct == 0)
        {
            meanHue = h1Prime + h2Prime;
        }
        else if (Math.Abs(h1Prime - h2Prime) <= 180)
        {
            meanHue = (h1Prime + h2Prime) / 2;
        }
        else if (h1Prime + h2Prime < 360)
        {
            meanHue = (h1Prime + h2Prime + 360) / 2;
        }
        else
        {
            meanHue = (h1Prime + h2Prime - 360) / 2;
        }
        var t = HueWeighting(meanHue * RadiansPerDegree);
        var hueOffset = (meanHue - 275) / 25;
        var deltaTheta = 30 * Math.Exp(-hueOffset * hueOffset);
        var meanCPrime7 = Pow7(meanCPrime);
        var rotationChroma = 2 * Math.Sqrt(meanCPrime7 / (meanCPrime7 + Pow25To7));
        var lightnessOffset = (meanL - 50) * (meanL - 50);
        var weightL = 1 + 0.015 * lightnessOffset / Math.Sqrt(20 + lightnessOffset);
        var weightC = 1 + 0.045 * meanCPrime;
        var weightH = 1 + 0.015 * meanCPrime * t;
        var rotation = -Math.Sin(2 * deltaTheta * RadiansPerDegree) * rotationChroma;

        var termL = deltaL / weightL;
        var termC = deltaC / weightC;
        var termH = deltaH / weightH;
        return Math.Sqrt(termL * termL + termC * termC + termH * termH + rotation * termC * termH);
    }

    /// <summary>
    /// T = 1 − 0.17 cos(h − 30°) + 0.24 cos 2h + 0.32 cos(3h + 6°) − 0.20 cos(4h − 63°), with the multiple angles
    /// built from one sine and cosine (Chebyshev recurrences): evaluation calls this tens of millions of times.
    /// </summary>
    private static double HueWeighting(double hue)
    {
        var (s, c) = Math.SinCos(hue);
        var cos2 = 2 * c * c - 1;
        var sin2 = 2 * s * c;
        var cos3 = (4 * c * c - 3) * c;
        var sin3 = (3 - 4 * s * s) * s;
        var cos4 = 2 * cos2 * cos2 - 1;
        var sin4 = 2 * sin2 * cos2;
        return 1
            - 0.17 * (c * Cos30 + s * Sin30)
            + 0.24 * cos2
            + 0.32 * (cos3 * Cos6 - sin3 * Sin6)
            - 0.20 * (cos4 * Cos63 + sin4 * Sin63);
    }

    /// <summary>Hue angle in [0, 360) degrees; 0 for a neutral colour, as the paper specifies.</summary>
    private static double HueDegrees(double b, double aPrime)
    {
        if (b == 0 && aPrime == 0)
        {
            return 0;
        }
        var hue = Math.Atan2(b, aPrime) * DegreesPerRadian;
        return hue < 0 ? hue + 360 : hue;
    }

    private static double Pow7(double x)
    {
        var x2 = x * x;
        return x2 * x2 * x2 * x;
    }
}
