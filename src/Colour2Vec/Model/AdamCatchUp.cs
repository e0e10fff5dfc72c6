using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Colour2Vec.Model;

/// <summary>
/// What lazy Adam leaves out, put back when it falls due. Dense Adam moves every row at every step: a row the batch
/// does not name has gradient zero, so its m decays by β1 and its v by β2, and its value still moves by
/// stepSize·m/(√v + ε). LazyAdam skips those rows. On a table much larger than a batch that is most of a row's steps
/// (31,918 rows, batches of 512 pairs: a row is named about one step in thirty), so a row's momentum is cut short and
/// it learns less per pair-step than under dense Adam. Here a row named again after k steps unnamed takes those k
/// steps together with its own. With gradient zero, missed step i moves θ by stepSize·β1ⁱm/√(β2ⁱv); summed, and put
/// over the new step's denominator (√v' = √(β2ᵏ⁺¹v) when the new gradient is zero too):
/// <code>
/// m' = β1ᵏ⁺¹·m + (1 − β1)·g;     v' = β2ᵏ⁺¹·v + (1 − β2)·g²
/// θ −= (D_k·m + stepSize·m') / (√v' + ε),     D_k = stepSize · β2^((k+1)/2) · Σ_{i=1..k} rⁱ,   r = β1/√β2
/// </code>
/// That costs two more multiplications and an addition per element than Adam's own step, where the same steps over
/// their own denominator would cost another square root and division (on this machine's cores sparse Adam then took
/// twice as long). At the end of every epoch every row is brought up to the last step
/// (<see cref="Settle(EmbeddingModel, AdamState, AdamSettings, float)"/>: θ −= stepSize·Σrⁱ·m/(√v + ε), m ·= β1ᵏ,
/// v ·= β2ᵏ), so that the values evaluated, snapshotted and saved have taken every step, and between epochs no row
/// owes any. What differs from dense Adam: where the new gradient is not zero, √v' is larger than √(β2ᵏ⁺¹v), so the
/// missed steps move θ somewhat less; ε is added once rather than to each missed step's root; and the missed steps take
/// the current step's bias-corrected step size (from step 1,000 on it changes by under 1 % in 30 steps). A row named at
/// every step (a batch that names every row) misses none and takes dense Adam's steps (to rounding: the kernels fuse
/// multiplications with additions where dense Adam does not).
/// </summary>
internal sealed class AdamCatchUp
{
    /// <summary>
    /// Gaps below this many steps read their factors from a table (4 floats each: 64 KiB); longer ones take the last
    /// entry's in the kernels (<see cref="Factors(int)"/>) and are computed when settling.
    /// </summary>
    private const int Tabled = 4096;

    private static readonly ConditionalWeakTable<AdamSettings, AdamCatchUp> Cache = new();

    private readonly AdamSettings _settings;
    /// <summary>Per gap k: β1ᵏ⁺¹, β2ᵏ⁺¹, β2^((k+1)/2)·Σ_{i=1..k} rⁱ and Σ_{i=1..k} rⁱ, one gap's factors in one cache line.</summary>
    private readonly float[] _factors = new float[4 * Tabled];

    private AdamCatchUp(AdamSettings settings)
    {
        _settings = settings;
        for (var k = 0; k < Tabled; k++)
        {
            Compute(k, out _factors[4 * k], out _factors[4 * k + 1], out _factors[4 * k + 2], out _factors[4 * k + 3]);
        }
    }

    /// <summary>The factors for <paramref name="settings"/>, made once per settings object.</summary>
    public static AdamCatchUp For(AdamSettings settings) => Cache.GetValue(settings, s => new AdamCatchUp(s));

    /// <summary>
    /// For a row named after <paramref name="missed"/> steps unnamed (none if not above zero): the factors of its m and
    /// v, β1ᵏ⁺¹ and β2ᵏ⁺¹, and its drift D_k (see the class). At k = 0 they are β1, β2 and 0: Adam's own step.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Factors(int missed, float stepSize, out float momentScale, out float velocityScale, out float drift)
    {
        var factors = Factors(missed);
        momentScale = factors.ToScalar();
        velocityScale = factors.GetElement(1);
        drift = stepSize * factors.GetElement(2);
    }

    /// <summary>
    /// The factors for a gap of <paramref name="missed"/> steps as one vector, (β1ᵏ⁺¹, β2ᵏ⁺¹, D_k / stepSize, Σ_{i=1..k} rⁱ):
    /// one 16-byte load from the table. A gap of the table's length or more takes the last entry's factors (k = 4,095):
    /// the move is still exact for a zero gradient, since D_k and √v' shrink together, and only v is left larger than
    /// dense Adam's (by then β2ᵏ is under 1.7 %, and m has decayed to nothing either way). Gaps never get that long
    /// here when an epoch has fewer steps, as every epoch ends settled. No call is left in the kernels' loops: with one
    /// (to compute the longer gaps' factors) the compiler kept Adam's constants and the row pointers on the stack, and
    /// the loop took half as long again.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector128<float> Factors(int missed) =>
        Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_factors), (nuint)(4 * Math.Clamp(missed, 0, Tabled - 1)));

    /// <summary>The exact factors for a gap of <paramref name="missed"/> ≥ 0 steps, however long: for settling.</summary>
    private Vector128<float> ExactFactors(int missed)
    {
        if (missed < Tabled)
        {
            return Factors(missed);
        }
        Compute(missed, out var momentScale, out var velocityScale, out var drift, out var sum);
        return Vector128.Create(momentScale, velocityScale, drift, sum);
    }

    /// <summary>β1ᵏ⁺¹, β2ᵏ⁺¹, β2^((k+1)/2)·Σ_{i=1..k} rⁱ and Σ_{i=1..k} rⁱ for k = <paramref name="missed"/>.</summary>
    private void Compute(int missed, out float momentScale, out float velocityScale, out float drift, out float sum)
    {
        double beta1 = _settings.Beta1, beta2 = _settings.Beta2;
        var ratio = beta1 / Math.Sqrt(beta2);
        var sumOfPowers = ratio * (1 - Math.Pow(ratio, missed)) / (1 - ratio);
        momentScale = (float)Math.Pow(beta1, missed + 1.0);
        velocityScale = (float)Math.Pow(beta2, missed + 1.0);
        drift = (float)(Math.Pow(beta2, (missed + 1.0) / 2) * sumOfPowers);
        sum = (float)sumOfPowers;
    }

    /// <summary>
    /// One element of a named row: the steps it missed and its own, with <see cref="Factors(int, float, out float, out float, out float)"/>' factors. At k = 0 the
    /// bits of <see cref="ScalarKernel.AdamUpdate"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Step(float parameter, float gradient, ref float moment, ref float velocity, float momentScale, float velocityScale,
        float drift, float stepSize)
    {
        var settings = _settings;
        var missedMoves = drift * moment;
        moment = momentScale * moment + (1f - settings.Beta1) * gradient;
        velocity = velocityScale * velocity + (1f - settings.Beta2) * gradient * gradient;
        return parameter - (missedMoves + stepSize * moment) / (MathF.Sqrt(velocity) + settings.Epsilon);
    }

    /// <summary>
    /// Brings every row of the model's arrays up to Adam's last sparse step (<paramref name="stepSize"/> is that step's
    /// bias-corrected step size); afterwards no row owes a step.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Settle(EmbeddingModel model, AdamState adam, AdamSettings settings, float stepSize)
    {
        var catchUp = For(settings);
        var dims = model.Dims;
        var stamps = adam.Stamps;
        for (var row = 0; row < model.Items; row++)
        {
            var missed = stamps.Settle(row);
            if (missed > 0)
            {
                var offset = row * dims;
                catchUp.SettleRow(ref model.Embedding[offset], ref adam.MomentEmbedding[offset], ref adam.VelocityEmbedding[offset], dims,
                    missed, stepSize);
            }
        }
    }

    /// <summary><see cref="Settle(EmbeddingModel, AdamState, AdamSettings, float)"/> for rows held in <paramref name="table"/>.</summary>
    /// <remarks>Compiled fully optimised at once: it runs once an epoch, and left to tiered compilation its first run over
    /// 31,918 rows took 9.7 ms instead of 0.8.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Settle(InterleavedRows table, AdamState adam, AdamSettings settings, float stepSize)
    {
        var catchUp = For(settings);
        var dims = table.Dims;
        var stamps = adam.Stamps;
        if (stamps.Entries.Length != table.Items)
        {
            throw new ArgumentException($"Adam's state has {stamps.Entries.Length} rows; the table {table.Items}", nameof(adam));
        }
        for (var row = 0; row < table.Items; row++)
        {
            var missed = stamps.Settle(row);
            if (missed > 0)
            {
                var p = table.Row(row);
                catchUp.SettleRow(ref *p, ref *(p + dims), ref *(p + 2 * dims), dims, missed, stepSize);
            }
        }
    }

    /// <summary>
    /// A row's <paramref name="missed"/> steps (k ≥ 1) without one of its own: θ −= stepSize·Σ_{i=1..k} rⁱ·m/(√v + ε),
    /// m ·= β1ᵏ, v ·= β2ᵏ; eight elements at a time, the rest one by one with the same operations.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SettleRow(ref float p, ref float m, ref float v, int dims, int missed, float stepSize)
    {
        // β1ᵏ and β2ᵏ are the factors of a gap one shorter; the sum is this gap's.
        var shorter = ExactFactors(missed - 1);
        var momentScale = shorter.ToScalar();
        var velocityScale = shorter.GetElement(1);
        var drift = stepSize * ExactFactors(missed).GetElement(3);
        var epsilon = _settings.Epsilon;
        var k = 0;
        if (dims >= Vector256<float>.Count)
        {
            var driftLanes = Vector256.Create(drift);
            var momentLanes = Vector256.Create(momentScale);
            var velocityLanes = Vector256.Create(velocityScale);
            var epsilonLanes = Vector256.Create(epsilon);
            for (; k + Vector256<float>.Count <= dims; k += Vector256<float>.Count)
            {
                var moment = Vector256.LoadUnsafe(ref m, (nuint)k);
                var velocity = Vector256.LoadUnsafe(ref v, (nuint)k);
                (Vector256.LoadUnsafe(ref p, (nuint)k) - driftLanes * moment / (Vector256.Sqrt(velocity) + epsilonLanes)).StoreUnsafe(ref p, (nuint)k);
                (momentLanes * moment).StoreUnsafe(ref m, (nuint)k);
                (velocityLanes * velocity).StoreUnsafe(ref v, (nuint)k);
            }
        }
        for (; k < dims; k++)
        {
            ref var moment = ref Unsafe.Add(ref m, k);
            ref var velocity = ref Unsafe.Add(ref v, k);
            Unsafe.Add(ref p, k) -= drift * moment / (MathF.Sqrt(velocity) + epsilon);
            moment *= momentScale;
            velocity *= velocityScale;
        }
    }
}
