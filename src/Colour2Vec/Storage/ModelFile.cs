using System.Text.Json;
using Colour2Vec.Colours;
using Colour2Vec.Model;
using Colour2Vec.Training;

namespace Colour2Vec.Storage;

/// <summary>
/// <c>model.json</c>: the colours, the parameters, Adam's state and the options — enough to reload the model,
/// query it, and continue training where it stopped.
/// </summary>
public static class ModelFile
{
    public const string Format = "colour2vec-model";
    public const int Version = 1;

    public static void Write(Stream stream, ColourTable colours, TrainingResult result)
    {
        var model = result.Model;
        var adam = result.Adam;
        var document = new ModelDocument
        {
            Format = Format,
            Version = Version,
            Items = model.Items,
            Dims = model.Dims,
            WeightForm = model.WeightForm,
            WeightParameter = model.WeightParameter,
            Weight = model.Weight,
            Bias = model.Bias,
            Recipe = result.Options.Recipe.Name,
            Seed = result.Options.Seed,
            Batch = result.Options.Batch,
            LearningRate = result.Options.EffectiveLearningRate,
            EpochsCompleted = result.EpochsCompleted,
            ColourSource = colours.Source,
            Colours = colours.Select(c => new ModelColour(c.Name, c.Hex)).ToArray(),
            Embedding = model.Embedding,
            Adam = new AdamDocument(adam.Step, adam.MomentWeight, adam.VelocityWeight, adam.MomentBias, adam.VelocityBias,
                adam.MomentEmbedding, adam.VelocityEmbedding),
        };
        JsonSerializer.Serialize(stream, document, Json.Options);
    }

    /// <summary>Loads <c>model.json</c> from a run folder (or the file itself).</summary>
    public static SavedModel Load(string folderOrFile)
    {
        var path = Directory.Exists(folderOrFile) ? Path.Combine(folderOrFile, RunFiles.Model) : folderOrFile;
        if (!File.Exists(path))
        {
            throw new InputException($"{path}: no such model file; expected a folder written by 'colour2vec train'");
        }
        ModelDocument? document;
        try
        {
            using var stream = File.OpenRead(path);
            document = JsonSerializer.Deserialize<ModelDocument>(stream, Json.Options);
        }
        catch (JsonException e)
        {
            throw new InputException($"{path}: not a Colour2Vec model (line {e.LineNumber + 1}): {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read the model: {e.Message}", e);
        }
        return FromDocument(document, path);
    }

    private static SavedModel FromDocument(ModelDocument? document, string path)
    {
        if (document is null || document.Format != Format)
        {
            throw new InputException($"{path}: not a Colour2Vec model; expected \"format\": \"{Format}\"");
        }
        if (document.Version != Version)
        {
            throw new InputException($"{path}: model format version {document.Version} is not supported; this colour2vec reads version {Version}");
        }
        var items = document.Items;
        var dims = document.Dims;
        if (items < 1 || dims is < 1 or > Limits.MaxDims || document.Colours is null || document.Colours.Length != items
            || document.Embedding is null || document.Embedding.LongLength != (long)items * dims || document.Adam is null
            || document.Adam.MomentEmbedding?.Length != document.Embedding.Length
            || document.Adam.VelocityEmbedding?.Length != document.Embedding.Length)
        {
            throw new InputException($"{path}: incomplete model: sizes of colours, embedding and Adam state disagree with items {items} x dims {dims}");
        }
        var colours = new ColourTable(document.Colours.Select((c, index) =>
        {
            if (!HexColour.TryParse(c.Hex, out var r, out var g, out var b))
            {
                throw new InputException($"{path}: colour {index}: hex '{c.Hex}' is not #RRGGBB");
            }
            return Colour.FromBytes(c.Name, r, g, b);
        }), document.ColourSource ?? path);
        var model = new EmbeddingModel(items, dims, document.WeightForm) { WeightParameter = document.WeightParameter, Bias = document.Bias };
        document.Embedding.CopyTo(model.Embedding, 0);
        var adam = new AdamState(model)
        {
            Step = document.Adam.Step,
            MomentWeight = document.Adam.MomentWeight,
            VelocityWeight = document.Adam.VelocityWeight,
            MomentBias = document.Adam.MomentBias,
            VelocityBias = document.Adam.VelocityBias,
        };
        document.Adam.MomentEmbedding!.CopyTo(adam.MomentEmbedding, 0);
        document.Adam.VelocityEmbedding!.CopyTo(adam.VelocityEmbedding, 0);
        var recipe = Recipe.Find(document.Recipe ?? "") ?? Recipe.Default;
        return new SavedModel(colours, model, adam, recipe, document.Seed, document.Batch, document.LearningRate, document.EpochsCompleted);
    }

    private sealed record ModelColour(string Name, string Hex);

    private sealed record AdamDocument(long Step, float MomentWeight, float VelocityWeight, float MomentBias, float VelocityBias,
        float[]? MomentEmbedding, float[]? VelocityEmbedding);

    private sealed class ModelDocument
    {
        public string? Format { get; init; }
        public int Version { get; init; }
        public int Items { get; init; }
        public int Dims { get; init; }
        public DistanceWeightForm WeightForm { get; init; }
        public float WeightParameter { get; init; }
        public float Weight { get; init; }
        public float Bias { get; init; }
        public string? Recipe { get; init; }
        public int Seed { get; init; }
        public int Batch { get; init; }
        public float LearningRate { get; init; }
        public int EpochsCompleted { get; init; }
        public string? ColourSource { get; init; }
        public ModelColour[]? Colours { get; init; }
        public float[]? Embedding { get; init; }
        public AdamDocument? Adam { get; init; }
    }
}
