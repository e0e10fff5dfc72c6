using System.Globalization;
using System.Text;
using Colour2Vec.Colours;
using Colour2Vec.Model;

namespace Colour2Vec.Storage;

/// <summary>
/// The word2vec text format, which gensim's <c>KeyedVectors.load_word2vec_format(path, binary=False)</c> and
/// most embedding tools read: a first line <c>N D</c>, then one line per colour in table order,
/// <c>token v1 … vD</c>, separated by single spaces. The token is the colour's name with every whitespace
/// character replaced by '_' (<c>ghost white</c> → <c>ghost_white</c>), since the format splits on spaces; an
/// empty name becomes "_". Duplicate names are written as they are, one line each (gensim keeps the last
/// vector for a repeated token). Floats are invariant-culture, round-trippable ("R").
/// </summary>
public static class Word2VecExport
{
    /// <summary>
    /// Writes the file at <paramref name="path"/> (its folder created if missing) to a temporary name and renames
    /// it into place. Refuses, with an <see cref="InputException"/> and nothing written, when the file exists
    /// unless <paramref name="force"/>.
    /// </summary>
    public static void Write(string path, ColourTable colours, EmbeddingModel model, bool force)
    {
        ProjectorExport.CheckShapes(colours, model);
        if (!force)
        {
            ProjectorExport.RefuseExisting(path);
        }
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(folder);
        using var output = new StagedOutput(folder);
        output.AddText(Path.GetFileName(full), writer =>
        {
            writer.Write(colours.Count.ToString(CultureInfo.InvariantCulture));
            writer.Write(' ');
            writer.Write(model.Dims.ToString(CultureInfo.InvariantCulture));
            writer.Write('\n');
            for (var i = 0; i < colours.Count; i++)
            {
                writer.Write(Token(colours[i].Name));
                foreach (var value in model.Row(i))
                {
                    writer.Write(' ');
                    writer.Write(value.ToString("R", CultureInfo.InvariantCulture));
                }
                writer.Write('\n');
            }
        });
        output.Commit();
    }

    /// <summary>The colour's token: whitespace replaced by '_', "_" for an empty name.</summary>
    public static string Token(string name)
    {
        if (name.Length == 0)
        {
            return "_";
        }
        var token = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            token.Append(char.IsWhiteSpace(c) ? '_' : c);
        }
        return token.ToString();
    }
}
