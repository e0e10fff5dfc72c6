namespace Colour2Vec.Pairs;

/// <summary>Labelled pairs of item indices: <c>Labels[k]</c> is 1 when items <c>Left[k]</c> and <c>Right[k]</c> go together.</summary>
public sealed class PairSet
{
    public PairSet(int[] left, int[] right, float[] labels)
    {
        if (left.Length != right.Length || left.Length != labels.Length)
        {
            throw new ArgumentException("left, right and labels must have the same length");
        }
        Left = left;
        Right = right;
        Labels = labels;
    }

    public int[] Left { get; }
    public int[] Right { get; }
    public float[] Labels { get; }
    public int Count => Left.Length;

    /// <summary>The share of pairs labelled 1.</summary>
    public double PositiveFraction
    {
        get
        {
            if (Count == 0)
            {
                return 0;
            }
            double positives = 0;
            foreach (var label in Labels)
            {
                positives += label;
            }
            return positives / Count;
        }
    }
}
