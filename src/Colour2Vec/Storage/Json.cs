using System.Text.Json;
using System.Text.Json.Serialization;

namespace Colour2Vec.Storage;

/// <summary>The JSON settings every file shares: snake_case names, indented, NaN written as a named literal.</summary>
internal static class Json
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        // report.json and model.json are data files, never embedded in HTML: keep '<' and non-ASCII names readable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };
}
