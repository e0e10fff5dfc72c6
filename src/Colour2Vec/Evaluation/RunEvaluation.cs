using System.Text.Json;
using Colour2Vec.Colours;
using Colour2Vec.Pairs;
using Colour2Vec.Storage;

namespace Colour2Vec.Evaluation;

/// <summary>The quality report of a saved run, recomputed from its model and the seed-rule held-out pairs its seed gives.</summary>
public static class RunEvaluation
{
    public static JsonSerializerOptions JsonOptions => Json.Options;

    public static QualityReport Evaluate(string folder)
    {
        var saved = SavedModel.Load(folder);
        var reportPath = Path.Combine(folder, RunFiles.Report);
        if (!File.Exists(reportPath))
        {
            throw new InputException($"{reportPath}: missing; expected the report written by 'colour2vec train'");
        }
        var report = RunReport.Read(reportPath);
        if (report.Pairs <= 0 || report.HeldoutPairs <= 0)
        {
            throw new InputException($"{reportPath}: the run has no held-out pairs to evaluate on (heldout_pairs {report.HeldoutPairs})");
        }
        if (report.DataKind != "colours")
        {
            throw new InputException($"{reportPath}: evaluate recomputes the seed rule's held-out pairs; this run trained on {report.DataKind}");
        }
        var difference = new ColourDifference(saved.Colours, report.Similarity);
        var heldOut = SimilarityPairSampler.SampleHeldOut(saved.Colours, report.HeldoutPairs, report.Seed, difference.Difference);
        return Quality.Evaluate(saved.Colours, saved.Model, heldOut, report.Similarity, report.Seed);
    }
}
