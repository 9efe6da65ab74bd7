using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Postmortem.Core.Events;
using Postmortem.Teams.Auth;
using Postmortem.Teams.Inbound;
using Xunit.Abstractions;

namespace Postmortem.Teams.Tests.Conformance;

/// <summary>Reads every Microsoft-authored Teams sample in ../shared/fixtures/teams with our parser.</summary>
public sealed class TeamsFixtureConformanceTests(ITestOutputHelper output)
{
    private readonly TeamsActivityParser parser = new();

    /// <summary>
    /// What each known sample must become. Doc samples are partly scrubbed (README): the channel-thread mention sample
    /// has no id and no tenant, and the messageUpdate samples carry no text.
    /// </summary>
    private static readonly Dictionary<string, Type> Expected = new(StringComparer.Ordinal)
    {
        ["conversationUpdate-bot-added-to-team.json"] = typeof(TeamsInbound.Welcome),
        ["conversationUpdate-channelCreated.json"] = typeof(TeamsInbound.Ignored),
        ["conversationUpdate-teamMemberRemoved.json"] = typeof(TeamsInbound.Ignored),
        ["conversationUpdate-teamRenamed.json"] = typeof(TeamsInbound.Ignored),
        ["invoke-adaptiveCard-action-personal.json"] = typeof(TeamsInbound.Ignored),
        ["message-channel-thread-mention.json"] = typeof(TeamsInbound.Malformed),
        ["message-channel-thread-reply-with-mention.json"] = typeof(CommandInvoked),
        ["message-personal-chat.json"] = typeof(CommandInvoked),
        ["messageDelete-softDeleteMessage.json"] = typeof(MessageDeleted),
        ["messageReaction-reactionsAdded.json"] = typeof(ReactionAdded),
        ["messageReaction-reactionsRemoved-no-legacy.json"] = typeof(ReactionRemoved),
        ["messageReaction-reactionsRemoved.json"] = typeof(ReactionRemoved),
        ["messageUpdate-editMessage.json"] = typeof(TeamsInbound.Ignored),
        ["messageUpdate-undeleteMessage.json"] = typeof(TeamsInbound.Ignored),
    };

    [Fact]
    public void Every_inbound_sample_parses_to_its_expected_kind()
    {
        if (Inbound() is not { } files)
        {
            return;
        }

        var problems = new List<string>();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            var result = parser.Parse(File.ReadAllBytes(file));
            // A channel message that mentions the bot is its collected copy, then the command: the command is its kind.
            var kind = result is TeamsInbound.Events events ? events.Items[^1].GetType() : result.GetType();
            output.WriteLine($"{name}: {Describe(result)}");
            if (Expected.TryGetValue(name, out var expected) ? kind != expected : result is TeamsInbound.Malformed)
            {
                problems.Add($"{name}: expected {expected?.Name ?? "anything but Malformed"}, got {Describe(result)}");
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Every_inbound_sample_keeps_the_platform_timestamp()
    {
        if (Inbound() is not { } files)
        {
            return;
        }

        foreach (var file in files)
        {
            if (parser.Parse(File.ReadAllBytes(file)) is TeamsInbound.Events events)
            {
                var timestamp = DateTimeOffset.Parse(
                    JsonNode.Parse(File.ReadAllText(file))!["timestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
                Assert.All(events.Items, e => Assert.Equal(timestamp, e.OccurredAt));
            }
        }
    }

    [Fact]
    public void Real_channel_thread_capture_is_a_command_in_the_thread()
    {
        if (Load("inbound/message-channel-thread-reply-with-mention.json") is not { } activity)
        {
            return;
        }

        var events = Assert.IsType<TeamsInbound.Events>(Parse(activity)).Items;
        var posted = Assert.IsType<MessagePosted>(events[0]);
        var command = Assert.IsType<CommandInvoked>(Assert.Single(events.Skip(1)));

        Assert.True(posted.AddressesBot);
        Assert.Equal(command.MessageId, posted.MessageId);
        Assert.Equal("reply to thread", command.Text);
        Assert.Equal("1759881511856", command.ThreadId);
        Assert.Equal("19:6848757105754c8981c67612732d9aa7@thread.tacv2", command.Channel.ChannelId);
        Assert.Equal("50612dbb-0237-4969-b378-8d42590f9c00", command.Channel.TenantId);
        Assert.Equal("rido", command.User.DisplayName);
        Assert.Equal(new DateTimeOffset(2025, 10, 8, 17, 33, 1, TimeSpan.Zero).AddTicks(4953744), command.OccurredAt);
    }

    [Fact]
    public void Scrubbed_mention_sample_parses_once_its_id_and_tenant_are_supplied()
    {
        if (Load("inbound/message-channel-thread-mention.json") is not { } activity)
        {
            return;
        }

        Assert.Contains("without id", Assert.IsType<TeamsInbound.Malformed>(Parse(activity)).Reason, StringComparison.Ordinal);
        activity["id"] = "1509000000000";
        activity["conversation"]!["tenantId"] = "tenant-supplied-by-test";

        var posted = Assert.IsType<MessagePosted>(Single(activity));

        Assert.Equal("Hey <@29:08q2j2o3jc09au90eucae> check out this message", posted.Text);
        Assert.Equal("Pranav Smith", posted.MentionNames!["29:08q2j2o3jc09au90eucae"]);
        Assert.Equal("1481567603816", posted.ThreadId);
        Assert.True(posted.HasFile);
    }

    [Fact]
    public void Reaction_samples_point_at_the_reacted_message_with_or_without_legacy()
    {
        foreach (var name in new[] { "messageReaction-reactionsAdded.json", "messageReaction-reactionsRemoved.json", "messageReaction-reactionsRemoved-no-legacy.json" })
        {
            if (Load("inbound/" + name) is not { } activity)
            {
                return;
            }

            var reaction = Single(activity);
            var (messageId, kind) = reaction switch
            {
                ReactionAdded a => (a.MessageId, a.Kind),
                ReactionRemoved r => (r.MessageId, r.Kind),
                _ => throw new Xunit.Sdk.XunitException($"{name}: {reaction.GetType().Name}"),
            };
            Assert.Equal("1575667808184", messageId);
            Assert.Equal(ReactionKind.Confirm, kind);
        }
    }

    [Fact]
    public void Reaction_sample_without_replyToId_falls_back_to_legacy_at_the_root()
    {
        if (Load("inbound/messageReaction-reactionsAdded.json") is not { } activity)
        {
            return;
        }

        activity.Remove("replyToId");

        Assert.Equal("1:19uJ8TZA1cZcms7-2HLOW3pWRF4nSWEoVnRqc0DPa_kY", Assert.IsType<ReactionAdded>(Single(activity)).MessageId);
    }

    [Fact]
    public void Real_card_action_capture_reads_as_a_button_press_once_it_names_an_action()
    {
        if (Load("inbound/invoke-adaptiveCard-action-personal.json") is not { } activity)
        {
            return;
        }

        activity["value"]!["action"]!["data"]!["actionId"] = "item.confirm";

        var pressed = Assert.IsType<ButtonPressed>(Single(activity));

        Assert.Equal("item.confirm", pressed.ActionId);
        Assert.Equal("1767765488332", pressed.MessageId);
        Assert.Equal("56653e9d-2158-46ee-90d7-675c39642038", pressed.Channel.TenantId);
    }

    [Fact]
    public void Edit_and_undelete_samples_become_edits_once_they_carry_text()
    {
        foreach (var name in new[] { "messageUpdate-editMessage.json", "messageUpdate-undeleteMessage.json" })
        {
            if (Load("inbound/" + name) is not { } activity)
            {
                return;
            }

            activity["text"] = "restored words";
            var edited = Assert.IsType<MessageEdited>(Single(activity));
            Assert.Equal("1666977568748", edited.MessageId);
            Assert.Equal("restored words", edited.NewText);
        }
    }

    [Fact]
    public void Bot_added_sample_welcomes_in_the_team_channel()
    {
        if (Load("inbound/conversationUpdate-bot-added-to-team.json") is not { } activity)
        {
            return;
        }

        var welcome = Assert.IsType<TeamsInbound.Welcome>(Parse(activity));

        Assert.Equal("19:0b7f32667e064dd9b25d7969801541f4@thread.tacv2", welcome.ConversationId);
        Assert.Equal("b28fdbfd-2b78-4f93-b0f8-8881793f0f8f", welcome.Channel.TenantId);
    }

    [Fact]
    public void Every_inbound_sample_serviceUrl_is_an_allowed_host()
    {
        if (Inbound() is not { } files)
        {
            return;
        }

        var policy = new ServiceUrlPolicy(Microsoft.Extensions.Options.Options.Create(new TeamsOptions()));
        foreach (var file in files)
        {
            var serviceUrl = JsonNode.Parse(File.ReadAllText(file))!["serviceUrl"]?.GetValue<string>();
            Assert.True(policy.IsAllowed(serviceUrl), $"{Path.GetFileName(file)}: {serviceUrl}");
        }
    }

    [Fact]
    public void OpenId_metadata_sample_names_the_issuer_and_algorithm_we_require()
    {
        if (SharedFixtures.TeamsFolder is null)
        {
            Skipped();
            return;
        }

        var json = File.ReadAllText(Path.Combine(SharedFixtures.TeamsFolder, "auth", "botframework-openid-configuration.json"));
        var configuration = OpenIdConnectConfiguration.Create(json);

        Assert.Equal(BotFrameworkTokenValidator.Issuer, configuration.Issuer);
        Assert.Contains("RS256", configuration.IdTokenSigningAlgValuesSupported);
        Assert.Equal(new Uri(TeamsOptions.DefaultOpenIdMetadataUrl).Host, new Uri(configuration.JwksUri).Host);
    }

    [Fact]
    public void Card_invoke_response_sample_has_the_shape_we_write()
    {
        if (SharedFixtures.TeamsFolder is null)
        {
            Skipped();
            return;
        }

        var json = File.ReadAllText(Path.Combine(SharedFixtures.TeamsFolder, "responses", "invoke-response-adaptiveCard-action-card.json"));
        var sample = JsonSerializer.Deserialize<TeamsInvokeResponse>(json, Postmortem.Teams.Activities.TeamsJson.Options)!;
        var ours = JsonNode.Parse(JsonSerializer.Serialize(TeamsInvokeResponse.Card(sample.Value!.AsObject()), Postmortem.Teams.Activities.TeamsJson.Options))!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), ours));
    }

    private IReadOnlyList<string>? Inbound()
    {
        if (SharedFixtures.TeamsFolder is null)
        {
            Skipped();
            return null;
        }

        var files = Directory.GetFiles(Path.Combine(SharedFixtures.TeamsFolder, "inbound"), "*.json").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        return files;
    }

    private JsonObject? Load(string relativePath)
    {
        if (SharedFixtures.TeamsFolder is null)
        {
            Skipped();
            return null;
        }

        return JsonNode.Parse(File.ReadAllText(Path.Combine(SharedFixtures.TeamsFolder, relativePath)))!.AsObject();
    }

    private void Skipped() =>
        output.WriteLine($"shared fixtures not found at {SharedFixtures.LookedAt}; conformance suite skipped");

    private TeamsInbound Parse(JsonObject activity) => parser.Parse(Payloads.TestPayloads.Bytes(activity));

    private ChatEvent Single(JsonObject activity) => Assert.Single(Assert.IsType<TeamsInbound.Events>(Parse(activity)).Items);

    private static string Describe(TeamsInbound result) => result switch
    {
        TeamsInbound.Events events => string.Join(", ", events.Items.Select(e => $"{e.GetType().Name} {e.EventId}")),
        TeamsInbound.Ignored ignored => $"Ignored ({ignored.Reason})",
        TeamsInbound.Malformed malformed => $"Malformed ({malformed.Reason})",
        TeamsInbound.Welcome welcome => $"Welcome {welcome.Channel.Key}",
        _ => result.GetType().Name,
    };
}
