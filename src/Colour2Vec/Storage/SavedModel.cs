using Colour2Vec.Colours;
using Colour2Vec.Model;
using Colour2Vec.Training;

namespace Colour2Vec.Storage;

/// <summary>A model read back from <c>model.json</c>, with what is needed to continue training it.</summary>
public sealed record SavedModel(ColourTable Colours, EmbeddingModel Model, AdamState Adam, Recipe Recipe, int Seed, int Batch,
    float LearningRate, int EpochsCompleted)
{
    public static SavedModel Load(string folder) => ModelFile.Load(folder);

    /// <summary>The options this model was trained with, for <c>Trainer.Continue</c>.</summary>
    public TrainingOptions Options => new() { Dims = Model.Dims, Batch = Batch, Seed = Seed, Recipe = Recipe, LearningRate = LearningRate };
}
