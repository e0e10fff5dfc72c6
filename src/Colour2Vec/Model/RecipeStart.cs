namespace Colour2Vec.Model;

/// <summary>Where the embedding starts.</summary>
public enum RecipeStart
{
    /// <summary>Every coordinate uniform in ±<see cref="Recipe.EmbeddingInitRange"/> (Keras's 'uniform', the seed).</summary>
    Uniform,

    /// <summary>
    /// Coordinates from the graph of positive pairs (<see cref="SpectralStart"/>): several candidate maps, each
    /// trained briefly, and the one with the lowest training loss kept. Only the training pairs are used.
    /// </summary>
    Spectral,
}
