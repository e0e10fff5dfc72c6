namespace Colour2Vec.Training;

/// <summary>
/// Where each epoch's training pairs come from, in training order. <see cref="ShuffledPairs"/> reshuffles a
/// fixed set (the seed); other sources draw fresh negatives every epoch or generate pairs on the fly. Epochs
/// are filled strictly in order, one at a time, on a worker thread, so a source may keep state between calls;
/// whatever it draws must depend only on its seed and the epoch, never on timing.
/// </summary>
public interface IEpochPairSource
{
    /// <summary>Pairs per epoch.</summary>
    int Count { get; }

    /// <summary>Writes epoch <paramref name="epoch"/>'s pairs (0-based) into <paramref name="target"/>.</summary>
    void Fill(int epoch, EpochPairs target);
}
