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
    public static Vector256<float> ExpNonPositive(Vector256<float> x) => ExpNonPositive(x, x).A;

    /// <summary>
    /// <see cref="ExpNonPositive(Vector256{float})"/> of two vectors with their operations interleaved. One
    /// vector's chain of dependent steps is long, and the core's reorder window holds only about two chains, so
    /// it waits; two chains side by side in the instruction stream fill each other's gaps. Each result is that
    /// of the one-vector form bit for bit: that form is this one with the second result unused, which the
    /// compiler drops.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector256<float> A, Vector256<float> B) ExpNonPositive(Vector256<float> xA, Vector256<float> xB)
    {
        // MaxNative: x = −|score| is never NaN for a finite score, so the NaN-careful Max's extra work buys nothing.
        xA = Vector256.MaxNative(xA, Vector256.Create(-87f));
        xB = Vector256.MaxNative(xB, Vector256.Create(-87f));
        // e^x = 2ⁿ·e^r with n = round(x·log2 e) in [−126, 0] and |r| ≤ ln2/2; n and 2ⁿ both come from one add.
        var shiftedA = MultiplyAdd(xA, Vector256.Create(Log2E), Vector256.Create(RoundingShifter));
        var shiftedB = MultiplyAdd(xB, Vector256.Create(Log2E), Vector256.Create(RoundingShifter));
        var nA = shiftedA - Vector256.Create(RoundingShifter);
        var nB = shiftedB - Vector256.Create(RoundingShifter);
        var rA = MultiplyAdd(nA, Vector256.Create(-Ln2High), xA);
        var rB = MultiplyAdd(nB, Vector256.Create(-Ln2High), xB);
        rA = MultiplyAdd(nA, Vector256.Create(-Ln2Low), rA);
        rB = MultiplyAdd(nB, Vector256.Create(-Ln2Low), rB);
        var polyA = MultiplyAdd(Vector256.Create(1.9875691500E-4f), rA, Vector256.Create(1.3981999507E-3f));
        var polyB = MultiplyAdd(Vector256.Create(1.9875691500E-4f), rB, Vector256.Create(1.3981999507E-3f));
        polyA = MultiplyAdd(polyA, rA, Vector256.Create(8.3334519073E-3f));
        polyB = MultiplyAdd(polyB, rB, Vector256.Create(8.3334519073E-3f));
        polyA = MultiplyAdd(polyA, rA, Vector256.Create(4.1665795894E-2f));
        polyB = MultiplyAdd(polyB, rB, Vector256.Create(4.1665795894E-2f));
        polyA = MultiplyAdd(polyA, rA, Vector256.Create(1.6666665459E-1f));
        polyB = MultiplyAdd(polyB, rB, Vector256.Create(1.6666665459E-1f));
        polyA = MultiplyAdd(polyA, rA, Vector256.Create(5.0000001201E-1f));
        polyB = MultiplyAdd(polyB, rB, Vector256.Create(5.0000001201E-1f));
        var expRA = MultiplyAdd(polyA, rA * rA, rA) + Vector256<float>.One;
        var expRB = MultiplyAdd(polyB, rB * rB, rB) + Vector256<float>.One;
        return (expRA * Vector256.ShiftLeft(shiftedA.AsInt32(), 23).AsSingle(), expRB * Vector256.ShiftLeft(shiftedB.AsInt32(), 23).AsSingle());
    }

    /// <summary>
    /// log x for finite x ≥ 1 (a product of up to 127 factors in [1, 2]): x = 2ᵉ·m with m in [1, 2), so
    /// log x = e·ln 2 + log(1 + (m − 1)) by <see cref="Log1pUnit(Vector256{float})"/>. NaN and infinity give
    /// neither back, so a caller that must see them checks its inputs another way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LogAtLeastOne(Vector256<float> x)
    {
        var bits = x.AsInt32();
        var exponent = Vector256.ConvertToSingle(Vector256.ShiftRightArithmetic(bits, 23) - Vector256.Create(127));
        var mantissa = ((bits & Vector256.Create(0x007FFFFF)) | Vector256.Create(0x3F800000)).AsSingle();
        return MultiplyAdd(exponent, Vector256.Create(0.693147180559945f), Log1pUnit(mantissa - Vector256<float>.One));
    }

    /// <summary>
    /// log(1 + x) for x in [0, 1], as 2·atanh(t) with t = x / (2 + x) ≤ 1/3: the odd series to t¹¹ is
    /// accurate to about 1e-7.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log1pUnit(Vector256<float> x) => Log1pUnit(x, x).A;

    /// <summary><see cref="Log1pUnit(Vector256{float})"/> of two vectors, interleaved as in <see cref="ExpNonPositive(Vector256{float}, Vector256{float})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector256<float> A, Vector256<float> B) Log1pUnit(Vector256<float> xA, Vector256<float> xB)
    {
        var tA = xA / (Vector256.Create(2f) + xA);
        var tB = xB / (Vector256.Create(2f) + xB);
        var t2A = tA * tA;
        var t2B = tB * tB;
        var polyA = MultiplyAdd(Vector256.Create(1f / 11f), t2A, Vector256.Create(1f / 9f));
        var polyB = MultiplyAdd(Vector256.Create(1f / 11f), t2B, Vector256.Create(1f / 9f));
        polyA = MultiplyAdd(polyA, t2A, Vector256.Create(1f / 7f));
        polyB = MultiplyAdd(polyB, t2B, Vector256.Create(1f / 7f));
        polyA = MultiplyAdd(polyA, t2A, Vector256.Create(1f / 5f));
        polyB = MultiplyAdd(polyB, t2B, Vector256.Create(1f / 5f));
        polyA = MultiplyAdd(polyA, t2A, Vector256.Create(1f / 3f));
        polyB = MultiplyAdd(polyB, t2B, Vector256.Create(1f / 3f));
        polyA = MultiplyAdd(polyA, t2A, Vector256<float>.One);
        polyB = MultiplyAdd(polyB, t2B, Vector256<float>.One);
        return (2f * tA * polyA, 2f * tB * polyB);
    }
}
