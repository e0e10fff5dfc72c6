using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Colour2Vec.Model;

/// <summary>
/// The two transcendental functions the kernel needs, in float lanes. .NET's Vector256.Exp/Log widen to
/// double and cost ~100 cycles per vector; these are the classic Cephes float approximations (relative error
/// ~1e-7 over the ranges used), about ten times faster.
/// </summary>
internal static class VectorMath
{
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;

    /// <summary>e^x for x in [−87, 0] (the kernel only needs e^−|score|); below −87 the result is clamped to e^−87.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ExpNonPositive(Vector256<float> x)
    {
        x = Vector256.Max(x, Vector256.Create(-87f));
        var n = Vector256.Floor(x * Log2E + Vector256.Create(0.5f));
        var r = x - n * Ln2High - n * Ln2Low;
        var r2 = r * r;
        var poly = Vector256.Create(1.9875691500E-4f);
        poly = poly * r + Vector256.Create(1.3981999507E-3f);
        poly = poly * r + Vector256.Create(8.3334519073E-3f);
        poly = poly * r + Vector256.Create(4.1665795894E-2f);
        poly = poly * r + Vector256.Create(1.6666665459E-1f);
        poly = poly * r + Vector256.Create(5.0000001201E-1f);
        var expR = poly * r2 + r + Vector256<float>.One;
        var scale = Vector256.ShiftLeft(Vector256.ConvertToInt32(n) + Vector256.Create(127), 23).AsSingle();
        return expR * scale;
    }

    /// <summary>
    /// log(1 + x) for x in [0, 1], as 2·atanh(t) with t = x / (2 + x) ≤ 1/3: the odd series to t¹¹ is
    /// accurate to about 1e-7.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log1pUnit(Vector256<float> x)
    {
        var t = x / (Vector256.Create(2f) + x);
        var t2 = t * t;
        var poly = Vector256.Create(1f / 11f);
        poly = poly * t2 + Vector256.Create(1f / 9f);
        poly = poly * t2 + Vector256.Create(1f / 7f);
        poly = poly * t2 + Vector256.Create(1f / 5f);
        poly = poly * t2 + Vector256.Create(1f / 3f);
        poly = poly * t2 + Vector256<float>.One;
        return 2f * t * poly;
    }
}
