namespace Colour2Vec.Training;

/// <summary>One epoch's pairs in training order: each batch is a slice.</summary>
public sealed class EpochPairs(int count)
{
    public int[] Left { get; } = new int[count];
    public int[] Right { get; } = new int[count];
    public float[] Labels { get; } = new float[count];
    public int Count => Left.Length;
}
