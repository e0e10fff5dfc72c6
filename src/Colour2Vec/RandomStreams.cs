namespace Colour2Vec;

/// <summary>
/// Independent, seeded random streams: one user seed gives every stage (left colours, right colours, labels,
/// held-out pairs, initialisation, shuffling) its own <see cref="Random"/>, so changing one stage's draw count
/// never shifts another's numbers. The same seed gives the same numbers on every run and machine.
/// </summary>
public static class RandomStreams
{
    public const int TrainLeft = 1;
    public const int TrainRight = 2;
    public const int TrainLabels = 3;
    public const int HeldOutLeft = 4;
    public const int HeldOutRight = 5;
    public const int HeldOutLabels = 6;
    public const int Initialisation = 7;
    public const int Shuffle = 8;

    /// <summary>A generator for <paramref name="stream"/> derived from <paramref name="seed"/> by SplitMix64.</summary>
    public static Random Create(int seed, int stream) => new(DeriveSeed(seed, stream));

    public static int DeriveSeed(int seed, int stream)
    {
        var z = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)stream * 0xD1B54A32D192ED03UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}
