using System.Text.Json;
using System.Text.Json.Serialization;

namespace Postmortem.Teams.Activities;

/// <summary>The JSON settings of the Bot Framework wire format (camelCase, nulls left out).</summary>
public static class TeamsJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Reads one activity; throws <see cref="JsonException"/> when the text is not an activity object.</summary>
    public static TeamsActivity ReadActivity(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize<TeamsActivity>(utf8Json, Options)
        ?? throw new JsonException("the body is JSON null, not an activity");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
