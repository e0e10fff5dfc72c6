using Colour2Vec.Colours;
using Colour2Vec.Training;

namespace Colour2Vec.Storage;

/// <summary>The files of a training run, written together through <see cref="StagedOutput"/>.</summary>
public static class RunFiles
{
    public const string Embedding = "embedding.csv";
    public const string History = "history.csv";
    public const string Snapshots = "snapshots.bin";
    public const string Model = "model.json";
    public const string Report = "report.json";

    /// <summary>Stages embedding.csv, history.csv, snapshots.bin, model.json and report.json.</summary>
    public static void Stage(StagedOutput output, ColourTable colours, TrainingResult result, RunReport report)
    {
        output.AddText(Embedding, writer => EmbeddingCsv.Write(writer, colours, result.Model));
        output.AddText(History, writer => HistoryCsv.Write(writer, result.History));
        output.Add(Snapshots, stream => SnapshotFile.Write(stream, result.Snapshots));
        output.Add(Model, stream => ModelFile.Write(stream, colours, result));
        output.Add(Report, stream => report.Write(stream));
    }
}
