using System.Text.Json;
using System.Text.Json.Nodes;
using Postmortem.Slack.Tests.Manifest;
using Postmortem.Slack.WebApi;
using Xunit.Abstractions;

namespace Postmortem.Slack.Tests.Conformance;

/// <summary>
/// Reads the outbound half's real Slack material in <c>../shared</c>: every Web API response in
/// <c>fixtures/slack/web-api</c> through our response records, and our app manifests against Slack's published
/// manifest schema in <c>schemas/</c>. When the folder is absent these tests pass and say so in the test output.
/// </summary>
public sealed class SlackOutboundConformanceTests(ITestOutputHelper output)
{
    /// <summary>The record each fixture is read with; a new fixture fails the suite until it is listed here.</summary>
    private static readonly Dictionary<string, Type> Records = new(StringComparer.Ordinal)
    {
        ["chat.postMessage.json"] = typeof(SlackPostMessageResponse),
        ["chat.update.json"] = typeof(SlackPostMessageResponse),
        ["conversations.history.json"] = typeof(SlackMessagesPage),
        ["conversations.replies.json"] = typeof(SlackMessagesPage),
        ["conversations.info.json"] = typeof(SlackConversationInfoResponse),
        ["reactions.get.json"] = typeof(SlackReactionsResponse),
        ["users.info.json"] = typeof(SlackUserInfoResponse),
        ["error.channel_not_found.json"] = typeof(SlackApiResponse),
        ["error.invalid_auth.json"] = typeof(SlackApiResponse),
        ["error.not_in_channel.json"] = typeof(SlackApiResponse),
        ["error.ratelimited.json"] = typeof(SlackApiResponse),
        ["error.thread_not_found.json"] = typeof(SlackApiResponse),
        ["pagination_page2_has_next_cursor.json"] = typeof(SlackApiResponse),
        ["pagination_last_page_no_cursor.json"] = typeof(SlackApiResponse),
    };

    private static string SchemasFolder => Path.GetFullPath(Path.Combine(SharedFixtures.ExpectedSlackFolder, "..", "..", "schemas"));

    [Fact]
    public void Every_web_api_fixture_reads_into_our_records_keeping_unknown_fields()
    {
        if (!TryGetFolder(out var folder))
        {
            return;
        }

        var files = Directory.EnumerateFiles(Path.Combine(folder, "web-api")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var problems = new List<string>();
        foreach (var file in files)
        {
            if (!Records.TryGetValue(file!, out var type))
            {
                problems.Add($"{file}: not listed");
                continue;
            }

            var json = File.ReadAllText(Path.Combine(folder, "web-api", file!));
            var record = (SlackApiResponse)JsonSerializer.Deserialize(json, type, SlackApiJson.Options)!;
            var ok = JsonDocument.Parse(json).RootElement.GetProperty("ok").GetBoolean();
            output.WriteLine($"{file}: {type.Name} ok={record.Ok} error={record.Error} next={record.NextCursor}");
            if (record.Ok != ok || (file!.StartsWith("error.", StringComparison.Ordinal) && record.Error != file[6..^5]))
            {
                problems.Add($"{file}: read as ok={record.Ok}, error={record.Error}");
            }
        }

        problems.AddRange(Records.Keys.Except(files, StringComparer.Ordinal).Select(f => $"{f}: listed but missing"));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Web_api_fixtures_read_with_the_fields_we_use()
    {
        if (!TryGetFolder(out var folder))
        {
            return;
        }

        var history = Read<SlackMessagesPage>(folder, "conversations.history.json");
        var replies = Read<SlackMessagesPage>(folder, "conversations.replies.json");
        var info = Read<SlackConversationInfoResponse>(folder, "conversations.info.json");
        var user = Read<SlackUserInfoResponse>(folder, "users.info.json");
        var posted = Read<SlackPostMessageResponse>(folder, "chat.postMessage.json");
        var reactions = Read<SlackReactionsResponse>(folder, "reactions.get.json");

        Assert.Equal("bmV4dF90czoxNTEyMDg1ODYxMDAwNTQz", history.NextCursor);
        Assert.Equal(2, history.Messages.Count);
        Assert.True(history.Extra!.ContainsKey("pin_count"));
        Assert.Equal(3, replies.Messages[0].ReplyCount);
        Assert.Equal("1482960137.003543", replies.Messages[1].ThreadTs);
        Assert.Equal(1449252889, info.Channel!.Created);
        Assert.Equal("spengler", user.User!.DisplayName);
        Assert.Equal("1503435956.000247", posted.Ts);
        Assert.Equal("B19LU7CSY", posted.Message!.BotId);
        Assert.Equal("stuck_out_tongue_winking_eye", Assert.Single(reactions.Reactions).Name);
        Assert.Equal("has_page3", Read<SlackApiResponse>(folder, "pagination_page2_has_next_cursor.json").NextCursor);
        Assert.Null(Read<SlackApiResponse>(folder, "pagination_last_page_no_cursor.json").NextCursor);
    }

    [Fact]
    public void Our_manifests_validate_against_slacks_published_schema()
    {
        if (!TryGetFolder(out _, schemas: true))
        {
            return;
        }

        var validator = Validator();
        var problems = new List<string>();
        foreach (var file in SlackManifests.All)
        {
            var errors = validator.Validate(SlackManifests.Load(file));
            output.WriteLine($"{file}: {errors.Count} errors");
            problems.AddRange(errors.Select(e => $"{file}: {e}"));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Empty(validator.UnknownKeywords);
    }

    [Fact]
    public void Slacks_schema_rejects_a_manifest_breaking_its_rules()
    {
        if (!TryGetFolder(out _, schemas: true))
        {
            return;
        }

        var manifest = SlackManifests.Load(SlackManifests.Http);
        manifest["features"]!["slash_commands"]![0]!["command"] = "postmortem";
        manifest["display_information"]!["name"] = new string('P', 40);
        manifest["settings"]!["unknown_setting"] = true;

        var errors = Validator().Validate(manifest);

        Assert.Contains(errors, e => e.Contains("slash_commands[0].command", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("display_information.name", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'unknown_setting' is not allowed", StringComparison.Ordinal));
    }

    /// <summary>
    /// Slack's own example manifest (from the schema repository's tests, at another commit) uses
    /// <c>features.code_channels</c>, which this schema version does not have: the validator must say exactly that.
    /// </summary>
    [Fact]
    public void Slacks_example_manifest_validates_but_for_a_feature_newer_than_the_schema()
    {
        if (!TryGetFolder(out var folder, schemas: true))
        {
            return;
        }

        var example = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "manifest", "manifest_socket_mode_example.json")))!;
        var validator = Validator();

        Assert.Contains(validator.Validate(example), e => e.Contains("'code_channels' is not allowed", StringComparison.Ordinal));
        example["features"]!.AsObject().Remove("code_channels");
        Assert.Empty(validator.Validate(example));
    }

    /// <summary>The top schema refers to its versions by their published address; they are read from the folder.</summary>
    private static JsonSchemaValidator Validator() =>
        new(
            JsonNode.Parse(File.ReadAllText(Path.Combine(SchemasFolder, "slack-manifest.schema.json")))!,
            address => JsonNode.Parse(File.ReadAllText(Path.Combine(SchemasFolder, "slack-" + address[(address.LastIndexOf('/') + 1)..])))!);

    private static T Read<T>(string folder, string file) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(Path.Combine(folder, "web-api", file)), SlackApiJson.Options)!;

    private bool TryGetFolder(out string folder, bool schemas = false)
    {
        folder = SharedFixtures.SlackFolder ?? string.Empty;
        if (folder.Length == 0)
        {
            output.WriteLine(SharedFixtures.SkippedMessage);
            return false;
        }

        if (schemas && !Directory.Exists(SchemasFolder))
        {
            output.WriteLine($"shared schemas not found at {SchemasFolder}; manifest schema check skipped");
            return false;
        }

        return true;
    }
}
