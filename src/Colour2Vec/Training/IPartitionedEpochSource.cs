namespace Colour2Vec.Training;

/// <summary>
/// A pair source whose epoch is filled in two steps: <see cref="Prepare"/> once, on one thread, then every part
/// on any thread, in any order or at the same time, each writing its own slice of the target. The result is
/// the same as <see cref="IEpochPairSource.Fill"/>'s, whoever fills which part; the trainer's thread fills parts
/// while its worker is still busy with them instead of waiting.
/// </summary>
public interface IPartitionedEpochSource : IEpochPairSource
{
    /// <summary>Readies <paramref name="epoch"/> (0-based); returns its number of parts. Called again only after every part is filled.</summary>
    int Prepare(int epoch);

    /// <summary>Writes part <paramref name="part"/> of the prepared epoch into <paramref name="target"/>.</summary>
    void FillPart(int part, EpochPairs target);
}
