namespace Colour2Vec.Model;

/// <summary>How the learning rate changes over training.</summary>
public enum LearningRateSchedule
{
    /// <summary>The same rate every step (the seed).</summary>
    Constant,

    /// <summary>Cosine decay from the rate to <see cref="Recipe.FinalLearningRateFraction"/> of it, by epoch.</summary>
    Cosine,
}
