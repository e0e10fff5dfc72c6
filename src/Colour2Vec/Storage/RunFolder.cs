using Colour2Vec.Rendering;

namespace Colour2Vec.Storage;

/// <summary>A finished run read back from its folder: enough to render it again without retraining.</summary>
public static class RunFolder
{
    public static RenderInput LoadForRendering(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new InputException($"{folder}: no such folder; expected the --out folder of a training run");
        }
        var snapshotsPath = Path.Combine(folder, RunFiles.Snapshots);
        if (!File.Exists(snapshotsPath))
        {
            throw new InputException($"{snapshotsPath}: missing; expected the snapshots written by 'colour2vec train'");
        }
        var saved = ModelFile.Load(folder);
        var snapshots = SnapshotFile.Read(snapshotsPath);
        if (snapshots.Items != saved.Colours.Count)
        {
            throw new InputException($"{snapshotsPath}: holds {snapshots.Items} items but model.json has {saved.Colours.Count} colours");
        }
        var reportPath = Path.Combine(folder, RunFiles.Report);
        var report = File.Exists(reportPath) ? RunReport.Read(reportPath) : null;
        var historyPath = Path.Combine(folder, RunFiles.History);
        var history = File.Exists(historyPath) ? HistoryCsv.Read(historyPath, report?.Epochs ?? snapshots.Count) : [];
        return new RenderInput(saved.Colours, snapshots, history)
        {
            Facts = report is null ? [] : report.Facts(),
            Title = "Colour2Vec explorer",
        };
    }
}
