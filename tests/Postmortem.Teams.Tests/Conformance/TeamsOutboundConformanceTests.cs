using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Postmortem.Core.ActionItems;
using Postmortem.Teams.Activities;
using Postmortem.Teams.Cards;
using Postmortem.Teams.Inbound;
using Postmortem.Teams.Outbound;
using Postmortem.Teams.Tests.Outbound;
using Xunit.Abstractions;

namespace Postmortem.Teams.Tests.Conformance;

/// <summary>
/// Holds our outbound side against Microsoft's own samples in ../shared/fixtures/teams (outbound/, responses/, auth/):
/// every sample parses, we read Microsoft's answers right, and what we send has the samples' shape.
/// </summary>
public sealed class TeamsOutboundConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_outbound_response_and_auth_sample_is_a_JSON_object()
    {
        if (Files("outbound", "responses", "auth") is not { } files)
        {
            return;
        }

        Assert.Contains(files, f => f.Contains("create-conversation-channel-thread.response.json", StringComparison.Ordinal));
        Assert.All(files, file =>
        {
            output.WriteLine(Path.GetFileName(file));
            Assert.IsType<JsonObject>(JsonNode.Parse(File.ReadAllText(file)));
        });
    }

    [Fact]
    public void Every_activity_the_samples_send_reads_as_an_activity_and_keeps_its_fields()
    {
        if (Files("outbound") is not { } files)
        {
            return;
        }

        var activities = files.Where(f => Path.GetFileName(f).StartsWith("reply-activity", StringComparison.Ordinal)
            || Path.GetFileName(f).StartsWith("update-activity", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(activities);
        foreach (var file in activities)
        {
            var original = JsonNode.Parse(File.ReadAllText(file))!;
            var activity = TeamsJson.ReadActivity(File.ReadAllBytes(file));
            var again = JsonSerializer.SerializeToNode(activity, TeamsJson.Options)!;

            Assert.Equal("message", activity.Type);
            Assert.True(JsonNode.DeepEquals(Normalize(original), Normalize(again)), $"{Path.GetFileName(file)} changed on a round trip");
        }
    }

    [Fact]
    public async Task Create_thread_answer_of_the_sample_gives_the_root_id_and_chain()
    {
        if (Load("outbound/create-conversation-channel-thread.response.json") is not { } answer
            || Load("outbound/create-conversation-channel-thread.request.json") is not { } sample)
        {
            return;
        }

        await using var host = await OutboundTestHost.StartAsync();
        host.Connector.Enqueue(201, answer);
        var channel = sample["channelData"]!["channel"]!["id"]!.GetValue<string>();

        var response = await host.Client.CreateChannelThreadAsync(
            host.ServiceUrl, sample["tenantId"]!.GetValue<string>(), channel, sample["activity"]!.DeepClone().AsObject(), default);

        Assert.Equal(answer["activityId"]!.GetValue<string>(), response.Id);
        Assert.Equal(answer["id"]!.GetValue<string>(), response.ConversationId);
        var sent = host.Connector.Requests.Single().Body!;
        Assert.Empty(Paths(sample).Except(Paths(sent)));
        Assert.True(JsonNode.DeepEquals(sample["isGroup"], sent["isGroup"]));
        Assert.True(JsonNode.DeepEquals(sample["channelData"]!["channel"], sent["channelData"]!["channel"]));
        Assert.True(JsonNode.DeepEquals(sample["activity"], sent["activity"]));
    }

    [Fact]
    public async Task Answer_without_activityId_gives_its_id()
    {
        if (Load("outbound/create-conversation-personal.response.json") is not { } answer)
        {
            return;
        }

        await using var host = await OutboundTestHost.StartAsync();
        host.Connector.Enqueue(201, answer);

        var response = await host.Client.SendToConversationAsync(host.ServiceUrl, OutboundTestHost.Channel, new JsonObject { ["type"] = "message" }, default);

        Assert.True(response.Succeeded);
        Assert.Equal(answer["id"]!.GetValue<string>(), response.Id);
    }

    [Fact]
    public async Task Our_card_activities_have_the_shape_of_the_card_sample()
    {
        if (Load("outbound/reply-activity-adaptive-card-personal.json") is not { } sample)
        {
            return;
        }

        await using var host = await OutboundTestHost.StartAsync();
        host.Names.Remember("29:sam", "Sam");
        await host.Sender.SendAsync(
            new Core.Actions.PostMessage
            {
                Key = "k",
                Channel = new Core.Chat.ChannelRef("teams", OutboundTestHost.TenantId, OutboundTestHost.Channel),
                Content = new Core.Actions.MessageContent("Hello <@29:sam>"),
                ThreadId = "1780000000001",
            },
            (_, _) => Task.FromResult<string?>(null),
            default);

        var sent = host.Connector.Requests.Single().Body!;
        var ours = sent["attachments"]![0]!;
        var theirs = sample["attachments"]![0]!;
        Assert.Equal(theirs["contentType"]!.GetValue<string>(), ours["contentType"]!.GetValue<string>());
        var card = ours["content"]!;
        var sampleCard = theirs["content"]!;
        foreach (var key in new[] { "$schema", "type", "version" })
        {
            Assert.Equal(sampleCard[key]!.GetValue<string>(), card[key]!.GetValue<string>());
        }

        Assert.Empty(Paths(sampleCard["msteams"]!["entities"]![0]!).Except(Paths(card["msteams"]!["entities"]![0]!)));
        Assert.Contains(card["body"]!.AsArray(), b => b!["text"]!.GetValue<string>() == "Hello <at>Sam</at>");
        Assert.Equal(sample["replyToId"]!.GetValueKind(), sent["replyToId"]!.GetValueKind());
    }

    [Fact]
    public async Task Our_update_has_the_fields_of_the_update_sample()
    {
        if (Load("outbound/update-activity.request.json") is not { } sample)
        {
            return;
        }

        await using var host = await OutboundTestHost.StartAsync();
        await host.Client.UpdateActivityAsync(host.ServiceUrl, OutboundTestHost.Channel, "1", sample.DeepClone().AsObject(), default);

        var sent = host.Connector.Requests.Single().Body!;
        Assert.Empty(Paths(sample).Except(Paths(sent)));
    }

    [Fact]
    public void Invoke_answer_with_our_item_card_has_the_shape_of_the_sample()
    {
        if (Load("responses/invoke-response-adaptiveCard-action-card.json") is not { } sample)
        {
            return;
        }

        var parsed = JsonSerializer.Deserialize<TeamsInvokeResponse>(sample.ToJsonString())!;
        Assert.Equal(200, parsed.StatusCode);
        Assert.Equal(TeamsInvokeResponse.CardType, parsed.Type);

        var renderer = new TeamsCardRenderer(Options.Create(new TeamsOutboundOptions()), new TeamsUserNames());
        var card = renderer.ItemCard(new ActionItem
        {
            Number = 2,
            Change = "Rotate the cert automatically",
            OwnerId = "29:sam",
            Due = new DateOnly(2026, 12, 4),
            DoneWhen = "renewal runs in staging",
            ProposedBy = "29:sam",
            ProposedAt = new DateTimeOffset(2026, 11, 20, 14, 0, 0, TimeSpan.Zero),
            MessageKey = "s1:item:2",
            Status = ActionItemStatus.Confirmed,
            DecidedBy = "29:sam",
        });
        var ours = JsonSerializer.SerializeToNode(TeamsInvokeResponse.Card(card))!;

        Assert.Empty(Paths(sample).Where(p => !p.Contains('[', StringComparison.Ordinal)).Except(Paths(ours)));
        Assert.Equal(sample["value"]!["version"]!.GetValue<string>(), ours["value"]!["version"]!.GetValue<string>());
        Assert.All(ours["value"]!["body"]!.AsArray(), block => Assert.True(block!["wrap"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Token_answer_of_the_sample_is_used_and_cached_for_its_lifetime()
    {
        if (Load("auth/entra-client-credentials-token-response.json") is not { } sample)
        {
            return;
        }

        await using var host = await OutboundTestHost.StartAsync();
        host.Connector.TokenResponse = sample;

        var token = await host.Tokens.GetTokenAsync(default);
        host.Time.Advance(TimeSpan.FromSeconds(sample["expires_in"]!.GetValue<int>()) - BotTokenProvider.RefreshMargin - TimeSpan.FromSeconds(1));
        await host.Tokens.GetTokenAsync(default);

        Assert.Equal(sample["access_token"]!.GetValue<string>(), token);
        Assert.Equal(1, host.Connector.TokenRequests);
    }

    /// <summary>Every property path in a JSON value, array positions written <c>[]</c>.</summary>
    private static HashSet<string> Paths(JsonNode node)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        void Walk(JsonNode? current, string prefix)
        {
            switch (current)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        paths.Add(prefix + "." + key);
                        Walk(value, prefix + "." + key);
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Walk(item, prefix + "[]");
                    }

                    break;
            }
        }

        Walk(node, "$");
        return paths;
    }

    /// <summary>Timestamps as instants, so a round trip that writes them differently still compares equal.</summary>
    private static JsonNode? Normalize(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            var copy = new JsonObject();
            foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                copy[key] = key == "timestamp" && value is JsonValue v && DateTimeOffset.TryParse(v.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at)
                    ? at.UtcTicks
                    : Normalize(value);
            }

            return copy;
        }

        return node is JsonArray array ? new JsonArray(array.Select(Normalize).ToArray()) : node?.DeepClone();
    }

    private IReadOnlyList<string>? Files(params string[] folders)
    {
        if (SharedFixtures.TeamsFolder is null)
        {
            Skipped();
            return null;
        }

        return folders.SelectMany(f => Directory.GetFiles(Path.Combine(SharedFixtures.TeamsFolder, f), "*.json"))
            .Order(StringComparer.Ordinal).ToList();
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
        output.WriteLine($"shared fixtures not found at {SharedFixtures.LookedAt}; outbound conformance skipped");
}
