using System.Globalization;
using Colour2Vec.Colours;
using Colour2Vec.Model;
using nietras.SeparatedValues;

namespace Colour2Vec.Storage;

/// <summary><c>name,hex,r,g,b,dim1,…,dimD</c>: one row per colour in table order, channels 0–255.</summary>
public static class EmbeddingCsv
{
    public static void Write(TextWriter text, ColourTable colours, EmbeddingModel model)
    {
        using var writer = Sep.New(',').Writer(o => o with { Escape = true, CultureInfo = CultureInfo.InvariantCulture }).To(text);
        var dimNames = Enumerable.Range(1, model.Dims).Select(d => $"dim{d}").ToArray();
        for (var i = 0; i < colours.Count; i++)
        {
            var colour = colours[i];
            using var row = writer.NewRow();
            row["name"].Set(colour.Name);
            row["hex"].Set(colour.Hex);
            row["r"].Format(colour.R8);
            row["g"].Format(colour.G8);
            row["b"].Format(colour.B8);
            var vector = model.Row(i);
            for (var d = 0; d < vector.Length; d++)
            {
                row[dimNames[d]].Set(vector[d].ToString("R", CultureInfo.InvariantCulture));
            }
        }
    }
}
