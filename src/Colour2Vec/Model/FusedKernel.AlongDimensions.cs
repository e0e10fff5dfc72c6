using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Colour2Vec.Model;

/// <summary>The d ≥ 8 path: distances and row gradients computed eight dimensions at a time, per pair.</summary>
public sealed unsafe partial class FusedKernel
{
    /// <summary>For d ≥ 8: each lane's squared distance, computed eight dimensions at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> SquaredDistancesAlongDimensions(float* embedding, int* laneIndex, int dims)
    {
        var d2 = stackalloc float[Lanes];
        for (var lane = 0; lane < Lanes; lane++)
        {
            var a = embedding + laneIndex[lane];
            var b = embedding + laneIndex[Lanes + lane];
            var acc = Vector256<float>.Zero;
            var t = 0;
            for (; t + Lanes <= dims; t += Lanes)
            {
                var delta = Vector256.Load(a + t) - Vector256.Load(b + t);
                acc += delta * delta;
            }
            var sum = Vector256.Sum(acc);
            for (; t < dims; t++)
            {
                var delta = a[t] - b[t];
                sum += delta * delta;
            }
            d2[lane] = sum;
        }
        return Vector256.Load(d2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScatterAlongDimensions(float* embedding, float* gradient, int* laneIndex, int count, int dims, float* gradRow)
    {
        for (var lane = 0; lane < count; lane++)
        {
            int i = laneIndex[lane], j = laneIndex[Lanes + lane];
            var c = Vector256.Create(gradRow[lane]);
            var t = 0;
            for (; t + Lanes <= dims; t += Lanes)
            {
                var g = c * (Vector256.Load(embedding + i + t) - Vector256.Load(embedding + j + t));
                (Vector256.Load(gradient + i + t) + g).Store(gradient + i + t);
                (Vector256.Load(gradient + j + t) - g).Store(gradient + j + t);
            }
            for (; t < dims; t++)
            {
                var g = gradRow[lane] * (embedding[i + t] - embedding[j + t]);
                gradient[i + t] += g;
                gradient[j + t] -= g;
            }
        }
    }
}
