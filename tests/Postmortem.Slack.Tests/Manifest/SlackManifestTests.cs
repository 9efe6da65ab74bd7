using System.Text.Json.Nodes;

namespace Postmortem.Slack.Tests.Manifest;

public sealed class SlackManifestTests
{
    private const string EventsUrl = "https://YOUR-HOST/slack/events";

    private static readonly string[] Scopes =
    [
        "channels:history", "groups:history", "chat:write", "commands", "reactions:read", "users:read", "pins:read",
        "files:write", "app_mentions:read", "channels:read", "groups:read",
    ];

    private static readonly string[] BotEvents =
    [
        "message.channels", "message.groups", "reaction_added", "reaction_removed", "app_mention", "member_joined_channel", "pin_added",
    ];

    [Theory]
    [InlineData(SlackManifests.Http)]
    [InlineData(SlackManifests.SocketMode)]
    public void Manifest_asks_for_exactly_our_scopes_events_and_the_postmortem_command(string file)
    {
        var manifest = SlackManifests.Load(file);

        Assert.Equal(Scopes.Order(), Strings(manifest["oauth_config"]!["scopes"]!["bot"]).Order());
        Assert.Equal(BotEvents.Order(), Strings(manifest["settings"]!["event_subscriptions"]!["bot_events"]).Order());
        var command = Assert.Single(manifest["features"]!["slash_commands"]!.AsArray())!;
        Assert.Equal("/postmortem", command["command"]!.GetValue<string>());
        Assert.True(command["should_escape"]!.GetValue<bool>());
        Assert.Contains("start", command["usage_hint"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(manifest["settings"]!["interactivity"]!["is_enabled"]!.GetValue<bool>());
        Assert.Equal("Postmortem", manifest["features"]!["bot_user"]!["display_name"]!.GetValue<string>());
    }

    [Fact]
    public void Http_manifest_sends_events_commands_and_interactivity_to_one_url()
    {
        var manifest = SlackManifests.Load(SlackManifests.Http);

        Assert.False(manifest["settings"]!["socket_mode_enabled"]!.GetValue<bool>());
        Assert.Equal(EventsUrl, manifest["settings"]!["event_subscriptions"]!["request_url"]!.GetValue<string>());
        Assert.Equal(EventsUrl, manifest["settings"]!["interactivity"]!["request_url"]!.GetValue<string>());
        Assert.Equal(EventsUrl, manifest["features"]!["slash_commands"]![0]!["url"]!.GetValue<string>());
    }

    [Fact]
    public void Socket_mode_manifest_has_no_request_urls()
    {
        var manifest = SlackManifests.Load(SlackManifests.SocketMode);

        Assert.True(manifest["settings"]!["socket_mode_enabled"]!.GetValue<bool>());
        Assert.DoesNotContain("http", manifest.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Yaml_scalars_keep_their_types()
    {
        var node = YamlJson.Parse("a: true\nb: 12\nc: \"12\"\nd: ~\ne: 1.5\nf: text\n")!.AsObject();

        Assert.True(node["a"]!.GetValue<bool>());
        Assert.Equal(12, node["b"]!.GetValue<long>());
        Assert.Equal("12", node["c"]!.GetValue<string>());
        Assert.Null(node["d"]);
        Assert.Equal(1.5, node["e"]!.GetValue<double>());
        Assert.Equal("text", node["f"]!.GetValue<string>());
    }

    [Fact]
    public void Validator_reports_what_a_schema_forbids()
    {
        var schema = JsonNode.Parse("""
            {
              "type": "object",
              "required": ["name"],
              "additionalProperties": false,
              "properties": {
                "name": { "$ref": "#/definitions/name" },
                "tags": { "type": "array", "maxItems": 2, "uniqueItems": true, "items": { "enum": ["a", "b", "c"] } },
                "on": { "type": "boolean" }
              },
              "definitions": { "name": { "type": "string", "minLength": 2, "maxLength": 4, "pattern": "^/" } }
            }
            """)!;
        var validator = new JsonSchemaValidator(schema, _ => throw new InvalidOperationException("no external documents"));

        Assert.Empty(validator.Validate(JsonNode.Parse("""{"name":"/pm","tags":["a","b"],"on":true}""")));
        var errors = validator.Validate(JsonNode.Parse("""{"name":"pmxyz","tags":["a","a","d"],"on":"yes","other":1}"""));

        Assert.Contains(errors, e => e.Contains("$.name", StringComparison.Ordinal) && e.Contains("at most 4", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("does not match", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("at most 2 items", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("unique", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("$.tags[2]", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("$.on: expected boolean", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'other' is not allowed", StringComparison.Ordinal));
        Assert.Contains(validator.Validate(JsonNode.Parse("{}")), e => e.Contains("'name' is missing", StringComparison.Ordinal));
        Assert.Empty(validator.UnknownKeywords);
    }

    private static IEnumerable<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>());
}
