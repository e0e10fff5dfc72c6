using System.Globalization;
using Colour2Vec.Evaluation;
using Spectre.Console;

namespace Colour2Vec.Cli.Printing;

/// <summary>The quality report as a table: our figures beside the references on the same held-out pairs.</summary>
internal static class QualityPrinter
{
    public static void Print(IAnsiConsole console, QualityReport q)
    {
        string F(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
        var table = new Table().Border(TableBorder.Simple)
            .Title($"Quality on {q.HeldOutPairs:N0} held-out pairs ({q.Measure.ToString().ToLowerInvariant()} similarity)")
            .AddColumn("measure").AddColumn(new TableColumn("value").RightAligned()).AddColumn("what it is");
        table.AddRow("held-out AUC", $"[bold]{F(q.HeldOutAuc)}[/]", "this embedding");
        table.AddRow("Bayes-optimal AUC", F(q.BayesAuc), "the true label probability: the ceiling");
        table.AddRow("PCA AUC", F(q.PcaAuc), $"the true colours projected to {q.Dims}-D");
        table.AddRow("random AUC", F(q.RandomAuc), "a random embedding");
        table.AddRow("ratio to Bayes", q.AucRatioToBayes.ToString("P1", CultureInfo.InvariantCulture), "");
        table.AddRow("held-out loss", F(q.HeldOutLoss), $"Bayes loss {F(q.BayesLoss)}");
        table.AddRow("Spearman ρ", F(q.Spearman), $"embedding vs colour distances, {q.SpearmanPairs:N0} pairs");
        table.AddRow($"trustworthiness@{q.NeighbourK}", F(q.Trustworthiness), "");
        table.AddRow($"recall@{q.NeighbourK}", F(q.RecallAtK), $"nearest by colour also nearest in the map{(q.StructureSampled ? $" ({q.NeighbourQueries:N0} sampled)" : "")}");
        console.Write(table);
    }
}
