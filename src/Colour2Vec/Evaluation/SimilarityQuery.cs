using Colour2Vec.Colours;

namespace Colour2Vec.Evaluation;

/// <summary>A colour the user asked about: its row and how it was found.</summary>
public readonly record struct QueryMatch(int Index, string How);

/// <summary>Turns a query (a name or a hex colour) into table rows, with a helpful error for unknown names.</summary>
public static class SimilarityQuery
{
    public static IReadOnlyList<QueryMatch> Resolve(ColourTable colours, string query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            throw new InputException("QUERY: empty; expected a colour name or a hex colour like '#ff8800'");
        }
        var byName = Neighbours.FindByName(colours, query.Trim());
        if (byName.Count > 0)
        {
            return byName.Select(i => new QueryMatch(i, byName.Count > 1 ? $"one of {byName.Count} colours with this name" : "by name")).ToArray();
        }
        if (HexColour.TryParse(query, out var r, out var g, out var b))
        {
            var nearest = Neighbours.NearestByColour(colours, r, g, b);
            return [new QueryMatch(nearest, $"nearest table colour to #{r:x2}{g:x2}{b:x2}")];
        }
        var suggestions = Neighbours.SuggestNames(colours, query, 3);
        throw new InputException($"QUERY: no colour named '{query}' in the model; did you mean {string.Join(", ", suggestions.Select(s => $"'{s}'"))}?");
    }
}
