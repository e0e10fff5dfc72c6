using System.Globalization;
using Colour2Vec.Colours;
using Colour2Vec.Model;

namespace Colour2Vec.Storage;

/// <summary>
/// The two files that TensorBoard's Embedding Projector (projector.tensorflow.org, "Load") reads:
/// <c>vectors.tsv</c>, one row of tab-separated floats per colour in table order with no header, and
/// <c>metadata.tsv</c>, a <c>name\thex</c> header then one row per colour (a header is required once there
/// is more than one column). Tabs, carriage returns and newlines in names become spaces so that rows stay
/// aligned. Floats are invariant-culture, round-trippable ("R").
/// </summary>
public static class ProjectorExport
{
    public const string VectorsFile = "vectors.tsv";
    public const string MetadataFile = "metadata.tsv";

    /// <summary>
    /// Writes both files into <paramref name="folder"/> (created if missing), each to a temporary name and
    /// renamed into place only when both are complete. Refuses, with an <see cref="InputException"/> and
    /// nothing written, when either file exists unless <paramref name="force"/>.
    /// </summary>
    public static void Write(string folder, ColourTable colours, EmbeddingModel model, bool force)
    {
        CheckShapes(colours, model);
        if (!force)
        {
            foreach (var name in new[] { VectorsFile, MetadataFile })
            {
                RefuseExisting(Path.Combine(folder, name));
            }
        }
        Directory.CreateDirectory(folder);
        using var output = new StagedOutput(folder);
        output.AddText(VectorsFile, writer =>
        {
            for (var i = 0; i < colours.Count; i++)
            {
                var vector = model.Row(i);
                for (var d = 0; d < vector.Length; d++)
                {
                    if (d > 0)
                    {
                        writer.Write('\t');
                    }
                    writer.Write(vector[d].ToString("R", CultureInfo.InvariantCulture));
                }
                writer.Write('\n');
            }
        });
        output.AddText(MetadataFile, writer =>
        {
            writer.Write("name\thex\n");
            for (var i = 0; i < colours.Count; i++)
            {
                writer.Write(CleanName(colours[i].Name));
                writer.Write('\t');
                writer.Write(colours[i].Hex);
                writer.Write('\n');
            }
        });
        output.Commit();
    }

    /// <summary>The name as it appears in <c>metadata.tsv</c>.</summary>
    public static string CleanName(string name) => name.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ');

    /// <summary>The one-line refusal both exports give for a file that is already there.</summary>
    internal static void RefuseExisting(string path)
    {
        if (File.Exists(path) || Directory.Exists(path))
        {
            throw new InputException($"{path}: already exists; pass --force to replace it");
        }
    }

    internal static void CheckShapes(ColourTable colours, EmbeddingModel model)
    {
        if (colours.Count != model.Items)
        {
            throw new ArgumentException($"the model has {model.Items} items but the table has {colours.Count} colours");
        }
    }
}
