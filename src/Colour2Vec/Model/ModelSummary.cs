namespace Colour2Vec.Model;

/// <summary>One layer of the model as Keras's <c>model.summary()</c> lists it.</summary>
public sealed record LayerSummary(string Name, string OutputShape, long Parameters);

/// <summary>The model's layers and parameter count, as Keras prints them (1,294 parameters for 646 colours at d = 2).</summary>
public static class ModelSummary
{
    public static IReadOnlyList<LayerSummary> Layers(EmbeddingModel model) =>
    [
        new("embedding (Embedding)", $"(None, 2, {model.Dims})", model.Embedding.LongLength),
        new("squared_distance (Lambda)", "(None, 1)", 0),
        new(model.WeightForm == DistanceWeightForm.Free ? "dense (Dense, sigmoid)" : "dense (Dense, w = -softplus(v), sigmoid)", "(None, 1)", 2),
    ];
}
