using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Postmortem.Teams.Tests.Manifest;

public sealed class TeamsManifestTests(ITestOutputHelper output)
{
    private const string PlaceholderId = "00000000-0000-0000-0000-000000000000";

    [Fact]
    public void Manifest_validates_against_the_Teams_schema()
    {
        if (Validator() is not { } validator)
        {
            return;
        }

        var errors = validator.Validate(TeamsManifestFiles.Manifest());

        Assert.Empty(errors);
        Assert.Empty(validator.UnknownKeywords);
    }

    [Fact]
    public void Validator_supports_every_keyword_the_schema_uses()
    {
        if (Validator() is not { } validator)
        {
            return;
        }

        Assert.Empty(validator.UnsupportedKeywordsInSchema());
    }

    [Fact]
    public void Validator_reports_what_is_wrong_with_a_broken_manifest()
    {
        if (Validator() is not { } validator)
        {
            return;
        }

        var broken = TeamsManifestFiles.Manifest();
        broken["id"] = "not-a-guid";
        broken["bots"]![0]!.AsObject().Remove("botId");
        broken["bots"]![0]!["scopes"]!.AsArray().Add("meeting");
        broken["surprise"] = true;
        broken["manifestVersion"] = "1.0";

        var errors = validator.Validate(broken);

        Assert.Contains(errors, e => e.StartsWith("$.id:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("missing required property 'botId'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$.bots[0].scopes[3]:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'surprise' is not allowed", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$.manifestVersion:", StringComparison.Ordinal));
    }

    [Fact]
    public void Manifest_uses_the_schema_version_the_schema_declares()
    {
        var manifest = TeamsManifestFiles.Manifest();
        var version = manifest["manifestVersion"]!.GetValue<string>();

        Assert.Equal($"https://developer.microsoft.com/en-us/json-schemas/teams/v{version}/MicrosoftTeams.schema.json", manifest["$schema"]!.GetValue<string>());
        if (TeamsManifestFiles.Schema() is { } schema)
        {
            Assert.Equal(schema["properties"]!["manifestVersion"]!["const"]!.GetValue<string>(), version);
        }
    }

    [Fact]
    public void Manifest_asks_for_channel_messages_by_resource_specific_consent()
    {
        var manifest = TeamsManifestFiles.Manifest();

        var permission = Assert.Single(manifest["authorization"]!["permissions"]!["resourceSpecific"]!.AsArray())!;
        Assert.Equal("ChannelMessage.Read.Group", permission["name"]!.GetValue<string>());
        Assert.Equal("Application", permission["type"]!.GetValue<string>());
        Assert.Equal(PlaceholderId, manifest["webApplicationInfo"]!["id"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(manifest["webApplicationInfo"]!["resource"]?.GetValue<string>()));
    }

    [Fact]
    public void Bot_works_in_teams_group_chats_and_personal_chats_with_every_command()
    {
        var bot = Assert.Single(TeamsManifestFiles.Manifest()["bots"]!.AsArray())!;

        Assert.Equal(["team", "groupChat", "personal"], Strings(bot["scopes"]));
        Assert.Equal(PlaceholderId, bot["botId"]!.GetValue<string>());
        var commands = bot["commandLists"]!.AsArray().SelectMany(list => list!["commands"]!.AsArray()).Select(c => c!["title"]!.GetValue<string>());
        Assert.Equal(["action", "help", "mark", "render", "start", "status", "whys"], commands.Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Icons_have_the_sizes_Teams_requires_and_the_outline_is_white_on_transparent()
    {
        var icons = TeamsManifestFiles.Manifest()["icons"]!;
        var color = PngImage.Read(Path.Combine(TeamsManifestFiles.Folder, icons["color"]!.GetValue<string>()));
        var outline = PngImage.Read(Path.Combine(TeamsManifestFiles.Folder, icons["outline"]!.GetValue<string>()));

        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
        var pixels = Enumerable.Range(0, 32 * 32).Select(i => outline.Pixel(i % 32, i / 32)).ToList();
        Assert.All(pixels, p => Assert.True(p.A == 0 || (p.R, p.G, p.B) == (255, 255, 255), $"outline pixel {p} is neither white nor transparent"));
        Assert.Contains(pixels, p => p.A == 0);
        Assert.Contains(pixels, p => p.A == 255);
    }

    [Fact]
    public void Package_script_substitutes_the_app_id_and_domain()
    {
        var script = File.ReadAllText(Path.Combine(TeamsManifestFiles.Folder, "package.sh"));

        Assert.Contains("TEAMS_APP_ID", script, StringComparison.Ordinal);
        Assert.Contains("BOT_DOMAIN", script, StringComparison.Ordinal);
        Assert.Contains(PlaceholderId, script, StringComparison.Ordinal);
        Assert.Contains("postmortem-teams.zip", script, StringComparison.Ordinal);
        Assert.Contains("postmortem.example.com", TeamsManifestFiles.Manifest()["validDomains"]!.ToJsonString(), StringComparison.Ordinal);
    }

    private static List<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>()).ToList();

    private TeamsSchemaValidator? Validator()
    {
        if (TeamsManifestFiles.Schema() is not { } schema)
        {
            output.WriteLine($"Teams schema not found at {TeamsManifestFiles.SchemaPath}; schema validation skipped");
            return null;
        }

        return new TeamsSchemaValidator(schema);
    }
}
