using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Colour2Vec.Model;

/// <summary>
/// The two transcendental functions the kernel needs, in float lanes. .NET's Vector256.Exp/Log widen to
/// double and cost ~100 cycles per vector; these are the classic Cephes float approximations (relative error
/// ~1e-7 over the ranges used), about ten times faster. Polynomials use fused multiply-add where the CPU has it:
/// half the latency of a multiply then an add, and these chains are what the kernel waits on.
/// </summary>
internal static class VectorMath
{
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;

    /// <summary>
    /// 1.5·2²³ + 127. Adding 1.5·2²³ to a float of magnitude below 2²² leaves its nearest integer in the low
    /// mantissa bits; the extra 127 puts the exponent bias there too, so those bits shifted left by 23 are 2ⁿ.
    /// </summary>
    private const float RoundingShifter = 12582912f + 127f;

    /// <summary>a·b + c, fused (one rounding) when the CPU has FMA, else a multiply then an add.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : a * b + c;

    /// <summary>e^x for x in [−87, 0] (the kernel only needs e^−|score|); below −87 the result is clamped to e^−87.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ExpNonPositive(Vector256<float> x)
    {
        // MaxNative: x = −|score| is never NaN for a finite score, so the NaN-careful Max's extra work buys nothing.
        x = Vector256.MaxNative(x, Vector256.Create(-87f));
        // e^x = 2ⁿ·e^r with n = round(x·log2 e) in [−126, 0] and |r| ≤ ln2/2; n and 2ⁿ both come from one add.
        var shifted = MultiplyAdd(x, Vector256.Create(Log2E), Vector256.Create(RoundingShifter));
        var n = shifted - Vector256.Create(RoundingShifter);
        var r = MultiplyAdd(n, Vector256.Create(-Ln2High), x);
        r = MultiplyAdd(n, Vector256.Create(-Ln2Low), r);
        var r2 = r * r;
        var poly = Vector256.Create(1.9875691500E-4f);
        poly = MultiplyAdd(poly, r, Vector256.Create(1.3981999507E-3f));
        poly = MultiplyAdd(poly, r, Vector256.Create(8.3334519073E-3f));
        poly = MultiplyAdd(poly, r, Vector256.Create(4.1665795894E-2f));
        poly = MultiplyAdd(poly, r, Vector256.Create(1.6666665459E-1f));
        poly = MultiplyAdd(poly, r, Vector256.Create(5.0000001201E-1f));
        var expR = MultiplyAdd(poly, r2, r) + Vector256<float>.One;
        var scale = Vector256.ShiftLeft(shifted.AsInt32(), 23).AsSingle();
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
        poly = MultiplyAdd(poly, t2, Vector256.Create(1f / 9f));
        poly = MultiplyAdd(poly, t2, Vector256.Create(1f / 7f));
        poly = MultiplyAdd(poly, t2, Vector256.Create(1f / 5f));
        poly = MultiplyAdd(poly, t2, Vector256.Create(1f / 3f));
        poly = MultiplyAdd(poly, t2, Vector256<float>.One);
        return 2f * t * poly;
    }
}
