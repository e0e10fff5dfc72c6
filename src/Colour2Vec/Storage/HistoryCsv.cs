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

    /// <summary>Reads a history written by <see cref="Write"/>; <paramref name="epochs"/> fills <see cref="EpochMetrics.Epochs"/>.</summary>
    public static IReadOnlyList<EpochMetrics> Read(string path, int epochs)
    {
        var history = new List<EpochMetrics>();
        try
        {
            using var reader = Sep.New(',').Reader(o => o with { HasHeader = true }).FromFile(path);
            foreach (var row in reader)
            {
                history.Add(new EpochMetrics(row["epoch"].Parse<int>(), epochs, Parse(row["loss"].ToString()), Parse(row["mse"].ToString()),
                    Parse(row["heldout_loss"].ToString()), Parse(row["heldout_auc"].ToString()), Parse(row["seconds"].ToString()), float.NaN));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or KeyNotFoundException or ArgumentException)
        {
            throw new InputException($"{path}: not a readable history (epoch,loss,mse,heldout_loss,heldout_auc,seconds): {e.Message}", e);
        }
        return history;
    }

    private static double Parse(string text) =>
        text.Length == 0 ? double.NaN : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("G9", CultureInfo.InvariantCulture);
}
