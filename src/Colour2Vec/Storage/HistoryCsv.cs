using System.Globalization;
using Colour2Vec.Training;
using nietras.SeparatedValues;

namespace Colour2Vec.Storage;

/// <summary><c>epoch,loss,mse,heldout_loss,heldout_auc,seconds</c>: one row per completed epoch.</summary>
public static class HistoryCsv
{
    public static void Write(TextWriter text, IEnumerable<EpochMetrics> history)
    {
        using var writer = Sep.New(',').Writer(o => o with { CultureInfo = CultureInfo.InvariantCulture }).To(text);
        foreach (var epoch in history)
        {
            using var row = writer.NewRow();
            row["epoch"].Format(epoch.Epoch);
            row["loss"].Set(Number(epoch.Loss));
            row["mse"].Set(Number(epoch.Mse));
            row["heldout_loss"].Set(Number(epoch.HeldOutLoss));
            row["heldout_auc"].Set(Number(epoch.HeldOutAuc));
            row["seconds"].Set(epoch.Seconds.ToString("F4", CultureInfo.InvariantCulture));
        }
    }

    private static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("G9", CultureInfo.InvariantCulture);
}
