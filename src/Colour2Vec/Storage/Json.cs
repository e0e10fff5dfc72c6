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
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };
}
