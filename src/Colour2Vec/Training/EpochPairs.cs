using Colour2Vec.Model;

namespace Colour2Vec.Training;

/// <summary>One epoch's pairs in training order: each batch is a slice.</summary>
public sealed class EpochPairs(int count)
{
    public int[] Left { get; } = LargeBuffers.Array<int>(count);
    public int[] Right { get; } = LargeBuffers.Array<int>(count);
    public float[] Labels { get; } = LargeBuffers.Array<float>(count);
    public int Count => Left.Length;
}
