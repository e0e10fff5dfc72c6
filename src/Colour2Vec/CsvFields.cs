using nietras.SeparatedValues;

namespace Colour2Vec;

/// <summary>Header lookups and field reads shared by the CSV readers, with errors that name the file, line and field.</summary>
internal static class CsvFields
{
    /// <summary>The column whose header is <paramref name="name"/> (case-insensitive, trimmed), or −1.</summary>
    public static int Find(IReadOnlyList<string> header, string name)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i].Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The text of <paramref name="column"/>; a row too short for it is an error naming the field.</summary>
    public static string Get(SepReader.Row row, IReadOnlyList<string> header, int column, string source, int line)
    {
        if (column >= row.ColCount)
        {
            throw InputException.At(source, line, header[column].Trim(), $"missing: the row has {row.ColCount} fields, expected {header.Count}");
        }
        return row[column].ToString();
    }
}
