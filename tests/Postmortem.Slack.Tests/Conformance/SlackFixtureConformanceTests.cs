using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Postmortem.Core.Events;
using Postmortem.Slack.Inbound;
using Postmortem.Slack.Tests.Inbound;
using Xunit.Abstractions;

namespace Postmortem.Slack.Tests.Conformance;

/// <summary>
/// Parses every inbound Slack fixture in <c>../shared/fixtures/slack</c> (real payloads written by Slack) and checks
/// what each becomes. When the folder is absent these tests pass and say so in the test output.
/// </summary>
public sealed class SlackFixtureConformanceTests(ITestOutputHelper output)
{
    private const string Json = "application/json";
    private const string Form = "application/x-www-form-urlencoded";

    /// <summary>The inbound folders; web-api/, manifest/ and export/ belong to the outbound half.</summary>
    private static readonly string[] InboundFolders = ["events", "interactivity", "slash-commands", "socket-mode"];

    /// <summary>What each fixture must parse to. A new fixture fails the suite until it is listed here.</summary>
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["events/app_mention.json"] = "CommandInvoked",
        ["events/member_joined_channel.json"] = "Ignored",
        ["events/member_joined_channel_docs_example.json"] = "Ignored",
        ["events/message.json"] = "MessagePosted",
        ["events/message_bot_message.json"] = "MessagePosted",
        ["events/message_changed.json"] = "MessageEdited",
        ["events/message_changed_docs_example.json"] = "MessageEdited",
        ["events/message_channel_join.json"] = "Ignored",
        ["events/message_deleted.json"] = "MessageDeleted",
        ["events/message_deleted_docs_example.json"] = "MessageDeleted",
        ["events/message_docs_example.json"] = "MessagePosted",
        ["events/message_file_share.json"] = "MessagePosted",
        ["events/message_file_share_2.json"] = "MessagePosted",
        ["events/message_from_bot_with_bot_profile.json"] = "MessagePosted",
        ["events/message_replied_docs_example.json"] = "Ignored",
        ["events/message_thread_broadcast.json"] = "MessagePosted",
        ["events/message_thread_reply.json"] = "MessagePosted",
        // The SDK's sanitized sample: every id is blanked to "", so it cannot be stored under an event id.
        ["events/pin_added.json"] = "Malformed",
        ["events/reaction_added.json"] = "ReactionAdded",
        ["events/reaction_added_docs_example.json"] = "ReactionAdded",
        ["events/reaction_removed.json"] = "ReactionRemoved",
        ["events/url_verification.json"] = "UrlVerification",
        ["interactivity/block_actions.json"] = "ButtonPressed",
        ["interactivity/block_actions_message_attachment.json"] = "ButtonPressed",
        ["interactivity/view_submission.json"] = "Ignored",
        ["interactivity/view_submission_with_response_urls.json"] = "Ignored",
        ["slash-commands/slash_command_body.txt"] = "CommandInvoked",
        ["slash-commands/slash_command_body_webhook_collect.txt"] = "CommandInvoked",
        ["socket-mode/disconnect_refresh_requested.json"] = "frame:disconnect",
        ["socket-mode/disconnect_too_many_websockets.json"] = "frame:disconnect",
        ["socket-mode/events_api_app_mention.json"] = "CommandInvoked",
        ["socket-mode/events_api_message.json"] = "MessagePosted",
        ["socket-mode/hello.json"] = "frame:hello",
        ["socket-mode/hello_num_connections_1.json"] = "frame:hello",
        ["socket-mode/interactive_block_actions.json"] = "ButtonPressed",
        ["socket-mode/interactive_shortcut.json"] = "Ignored",
        ["socket-mode/slash_commands.json"] = "CommandInvoked",
        ["socket-mode/slash_commands_2.json"] = "CommandInvoked",
    };

    private static readonly DateTimeOffset Now = new(2026, 11, 22, 14, 0, 0, TimeSpan.Zero);

    private readonly SlackInboundParser _parser = new(TestSlackOptions.Create(botUserId: null), new FakeTimeProvider(Now));

    private bool TryGetFolder(out string folder)
    {
        folder = SharedFixtures.SlackFolder ?? string.Empty;
        if (folder.Length == 0)
        {
            output.WriteLine(SharedFixtures.SkippedMessage);
            return false;
        }

        return true;
    }

    [Fact]
    public void Every_inbound_fixture_parses_to_the_expected_outcome()
    {
        if (!TryGetFolder(out var folder))
        {
            return;
        }

        var files = InboundFolders
            .SelectMany(sub => Directory.EnumerateFiles(Path.Combine(folder, sub)))
            .Select(path => Path.GetRelativePath(folder, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

        var problems = new List<string>();
        foreach (var file in files)
        {
            var actual = Describe(file, Parse(folder, file));
            output.WriteLine($"{file}: {actual}");
            if (!Expected.TryGetValue(file, out var expected))
            {
                problems.Add($"{file}: not listed (parsed as {actual})");
            }
            else if (!actual.StartsWith(expected, StringComparison.Ordinal))
            {
                problems.Add($"{file}: expected {expected}, got {actual}");
            }
        }

        problems.AddRange(Expected.Keys.Except(files, StringComparer.Ordinal).Select(f => $"{f}: listed but missing"));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Slacks_published_signing_example_verifies()
    {
        if (!TryGetFolder(out var folder))
        {
            return;
        }

        using var vector = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "signing-vector.json")));
        var root = vector.RootElement;
        var timestamp = root.GetProperty("x_slack_request_timestamp").GetString()!;
        var body = Encoding.UTF8.GetBytes(root.GetProperty("body").GetString()!);
        var expected = root.GetProperty("expected_x_slack_signature").GetString()!;
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture)));
        var verifier = new SlackSignatureVerifier(root.GetProperty("signing_secret").GetString(), clock);

        Assert.Equal(expected, SlackSignatureVerifier.Sign(root.GetProperty("signing_secret").GetString()!, timestamp, body));
        Assert.True(verifier.Verify(timestamp, expected, body).IsValid);
        Assert.Equal(body, File.ReadAllBytes(Path.Combine(folder, "slash-commands", "slash_command_body_webhook_collect.txt")));

        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.False(verifier.Verify(timestamp, expected, body).IsValid);
    }

    [Fact]
    public void Thread_reply_fixture_has_its_thread()
    {
        if (!TryGetFolder(out var folder))
        {
            return;
        }

        var posted = Single<MessagePosted>(folder, "events/message_thread_reply.json");

        Assert.Equal("1726133698.626339", posted.ThreadId);
        Assert.Equal("1726133700.887259", posted.MessageId);
        Assert.Equal(new Core.Chat.ChannelRef("slack", "T111", "C111"), posted.Channel);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1726133700).AddTicks(8_872_590), posted.OccurredAt);
    }

    [Fact]
    public void Bot_fixtures_are_bots_named_by_slack()
    {
        if (!TryGetFolder(out var folder))
        {
            return;
        }

        var classic = Single<MessagePosted>(folder, "events/message_bot_message.json");
        var modern = Single<MessagePosted>(folder, "events/message_from_bot_with_bot_profile.json");

        Assert.Equal(new Core.Chat.ChatUser("B888", "classic-bot", IsBot: true), classic.Author);
        Assert.Equal(new Core.Chat.ChatUser("UB111", "other-app", IsBot: true), modern.Author);
    }

    [Fact]
    public void Edit_fixture_without_the_new_ts_falls_back_to_the_previous_message()
    {
        if (!TryGetFolder(out var folder))
        {
            return;
        }

        var edited = Single<MessageEdited>(folder, "events/message_changed.json");
        var docs = Single<MessageEdited>(folder, "events/message_changed_docs_example.json");

        Assert.Equal("1665102338.901939", edited.MessageId);
        Assert.Equal("updated message", edited.NewText);
        Assert.Equal("1355517523.000005", docs.MessageId);
    }

    [Fact]
    public void Delete_and_file_share_fixtures_keep_their_ids()
    {
        if (!TryGetFolder(out var folder))
        {
            return;
        }

        Assert.Equal("1358878749.000002", Single<MessageDeleted>(folder, "events/message_deleted_docs_example.json").MessageId);
        Assert.True(Single<MessagePosted>(folder, "events/message_file_share.json").HasFile);
        Assert.True(Single<MessagePosted>(folder, "events/message_thread_broadcast.json").AlsoInChannel);
    }

    [Fact]
    public void Slash_command_fixture_becomes_a_command()
    {
        if (!TryGetFolder(out var folder))
        {
            return;
        }

        var command = Single<CommandInvoked>(folder, "slash-commands/slash_command_body.txt");

        Assert.Equal("Hi", command.Text);
        Assert.Equal("111.111.xxx", command.EventId);
        Assert.Equal(new Core.Chat.ChannelRef("slack", "T111", "C111", "random"), command.Channel);
        Assert.Equal("primary-owner", command.User.DisplayName);
    }

    [Fact]
    public void Block_actions_fixtures_name_the_message_and_action()
    {
        if (!TryGetFolder(out var folder))
        {
            return;
        }

        var plain = Single<ButtonPressed>(folder, "interactivity/block_actions.json");
        var attachment = Single<ButtonPressed>(folder, "interactivity/block_actions_message_attachment.json");

        Assert.Equal(("111.222.valid:a", "a", "click_me_123", "111.222"), (plain.EventId, plain.ActionId, plain.Value, plain.MessageId));
        Assert.Equal("1548261231.000200", attachment.MessageId);
        Assert.Equal("review-updates", attachment.Channel.Name);
    }

    [Fact]
    public void App_mention_fixture_drops_the_leading_mention()
    {
        if (!TryGetFolder(out var folder))
        {
            return;
        }

        Assert.Equal("Hi there!", Single<CommandInvoked>(folder, "events/app_mention.json").Text);
        Assert.Equal(string.Empty, Single<CommandInvoked>(folder, "socket-mode/events_api_app_mention.json").Text);
    }

    private T Single<T>(string folder, string file)
        where T : ChatEvent
    {
        var result = Parse(folder, file);
        var events = Assert.IsType<SlackInbound.Events>(result.Inbound);
        return Assert.IsType<T>(Assert.Single(events.Items));
    }

    /// <summary>Parses a fixture the way it arrives: HTTP body, interactivity form, or Socket Mode frame.</summary>
    private (SlackInbound? Inbound, string? FrameType) Parse(string folder, string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(folder, file));
        switch (file.Split('/')[0])
        {
            case "events":
                return (_parser.Parse(Json, bytes), null);
            case "slash-commands":
                return (_parser.Parse(Form, bytes), null);
            case "interactivity":
                var compact = JsonSerializer.Serialize(JsonDocument.Parse(bytes).RootElement);
                return (_parser.Parse(Form, Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(compact))), null);
            default:
                using (var frame = JsonDocument.Parse(bytes))
                {
                    var root = frame.RootElement;
                    var type = root.GetProperty("type").GetString();
                    return type switch
                    {
                        "events_api" => (_parser.ParseEventCallback(root.GetProperty("payload")), null),
                        "slash_commands" => (_parser.ParseSlashCommand(root.GetProperty("payload")), null),
                        "interactive" => (_parser.ParseInteraction(root.GetProperty("payload")), null),
                        _ => (null, type),
                    };
                }
        }
    }

    private static string Describe(string file, (SlackInbound? Inbound, string? FrameType) parsed) => parsed.Inbound switch
    {
        null => $"frame:{parsed.FrameType}",
        SlackInbound.UrlVerification => "UrlVerification",
        SlackInbound.Malformed m => $"Malformed ({m.Reason})",
        SlackInbound.Events { Items.Count: 0 } e => $"Ignored ({e.Reason})",
        SlackInbound.Events e => string.Join(",", e.Items.Select(i => i.GetType().Name)),
        _ => $"unknown result for {file}",
    };
}
