namespace Colour2Vec;

/// <summary>Bounds on sizes the library accepts, checked at its public boundary.</summary>
public static class Limits
{
    public const int MaxDims = 256;
    public const int MaxEpochs = 1_000_000;
    public const int MaxPairs = 500_000_000;
}
