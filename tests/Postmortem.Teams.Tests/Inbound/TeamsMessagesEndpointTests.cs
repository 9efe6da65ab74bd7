using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Postmortem.Core.Events;
using Postmortem.Teams.Inbound;
using Postmortem.Teams.Tests.Auth;
using Postmortem.Teams.Tests.Payloads;

namespace Postmortem.Teams.Tests.Inbound;

public sealed class TeamsMessagesEndpointTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero));
    private LoopbackBotFramework botFramework = null!;
    private TeamsTestHost host = null!;

    public async Task InitializeAsync()
    {
        botFramework = await LoopbackBotFramework.StartAsync();
        host = await TeamsTestHost.StartAsync(botFramework, time);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await botFramework.DisposeAsync();
    }

    private string Token => botFramework.Mint(time.GetUtcNow());

    [Fact]
    public async Task Signed_message_is_stored_and_acknowledged()
    {
        using var response = await host.PostAsync(TestPayloads.Load("message-channel-thread-reply.json"), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posted = Assert.IsType<MessagePosted>(Assert.Single(host.Sink.Stored));
        Assert.Equal("1770000000500", posted.ThreadId);
    }

    [Fact]
    public async Task Activity_resent_by_the_Bot_Framework_is_stored_once()
    {
        var activity = TestPayloads.Load("message-channel-command-in-thread.json");

        using var first = await host.PostAsync(activity, Token);
        using var second = await host.PostAsync(activity, Token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(4, host.Sink.Offered);
        Assert.Collection(
            host.Sink.Stored,
            posted => Assert.True(Assert.IsType<MessagePosted>(posted).AddressesBot),
            command => Assert.IsType<CommandInvoked>(command));
    }

    [Fact]
    public async Task Another_reaction_on_the_same_message_is_stored_too()
    {
        var like = TestPayloads.Load("messageReaction-channel.json");
        var pin = TestPayloads.Load("messageReaction-channel.json");
        pin["id"] = "f:reaction-activity-2";
        pin["reactionsAdded"] = new JsonArray(new JsonObject { ["type"] = "pushpin" });

        using var first = await host.PostAsync(like, Token);
        using var second = await host.PostAsync(pin, Token);

        Assert.Equal(2, host.Sink.Stored.Count);
    }

    [Fact]
    public async Task Bad_token_is_refused_with_401_and_nothing_is_stored()
    {
        using var response = await host.PostAsync(
            TestPayloads.Load("message-channel-thread-reply.json"), botFramework.Mint(time.GetUtcNow(), audience: "someone-else"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Sink.Stored);
        Assert.Equal(0, host.Sink.Offered);
    }

    [Fact]
    public async Task Missing_token_is_refused_with_401()
    {
        using var response = await host.PostAsync(TestPayloads.Load("message-channel-thread-reply.json"), token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, host.Sink.Offered);
    }

    [Fact]
    public async Task Valid_token_for_another_serviceUrl_is_refused_with_403_and_nothing_is_stored()
    {
        var activity = TestPayloads.Load("message-channel-thread-reply.json");
        activity["serviceUrl"] = "https://smba.trafficmanager.net/amer/";

        using var response = await host.PostAsync(activity, Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, host.Sink.Offered);
    }

    [Fact]
    public async Task Token_from_a_key_not_endorsed_for_Teams_is_refused_with_403()
    {
        using var response = await host.PostAsync(
            TestPayloads.Load("message-channel-thread-reply.json"), botFramework.Mint(time.GetUtcNow(), kid: LoopbackBotFramework.SkypeOnlyKid));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, host.Sink.Offered);
    }

    [Fact]
    public async Task ServiceUrl_outside_the_allowed_hosts_is_refused_with_403_even_when_signed()
    {
        const string evil = "https://collector.attacker.example/";
        var activity = TestPayloads.Load("message-channel-thread-reply.json");
        activity["serviceUrl"] = evil;

        using var response = await host.PostAsync(activity, botFramework.Mint(time.GetUtcNow(), serviceUrl: evil));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, host.Sink.Offered);
    }

    [Fact]
    public async Task Oversize_body_is_refused_with_413_before_anything_else()
    {
        var activity = TestPayloads.Load("message-channel-thread-reply.json");
        activity["text"] = new string('x', 300 * 1024);

        using var response = await host.PostAsync(activity, token: null);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, host.Sink.Offered);
    }

    [Fact]
    public async Task Body_that_is_not_an_activity_is_refused_with_400()
    {
        using var response = await host.PostAsync("{not json"u8.ToArray(), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, host.Sink.Offered);
    }

    [Fact]
    public async Task Activity_missing_its_timestamp_is_refused_with_400()
    {
        var activity = TestPayloads.Load("message-channel-thread-reply.json");
        activity.Remove("timestamp");

        using var response = await host.PostAsync(activity, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, host.Sink.Offered);
    }

    [Fact]
    public async Task Card_action_is_stored_then_answered_with_an_invoke_response()
    {
        using var response = await host.PostAsync(TestPayloads.Load("invoke-card-action-channel.json"), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, (int)body["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.activity.message", (string?)body["type"]);
        Assert.Equal(DefaultTeamsInvokeResponder.Acknowledgement, (string?)body["value"]);
        Assert.Equal("item.confirm", Assert.IsType<ButtonPressed>(Assert.Single(host.Sink.Stored)).ActionId);
    }

    [Fact]
    public async Task Card_action_can_be_answered_with_a_replacement_card_by_the_host()
    {
        await using var cardHost = await TeamsTestHost.StartAsync(
            botFramework, time, configure: s => s.AddSingleton<ITeamsInvokeResponder>(new CardResponder()));

        using var response = await cardHost.PostAsync(TestPayloads.Load("invoke-card-action-channel.json"), Token);

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["type"]);
        Assert.Equal("AdaptiveCard", (string?)body["value"]!["type"]);
        Assert.Equal("pressed item.confirm first", (string?)body["value"]!["body"]![0]!["text"]);
    }

    [Fact]
    public async Task Card_action_without_a_known_button_is_still_answered()
    {
        var activity = TestPayloads.Load("invoke-card-action-channel.json");
        activity["value"]!["action"] = new JsonObject { ["type"] = "Action.Execute", ["data"] = new JsonObject { ["feedback"] = "hi" } };

        using var response = await host.PostAsync(activity, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(200, (int)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["statusCode"]!);
        Assert.Empty(host.Sink.Stored);
    }

    [Fact]
    public async Task ServiceUrl_is_remembered_per_tenant_and_conversation()
    {
        using var response = await host.PostAsync(TestPayloads.Load("message-channel-thread-reply.json"), Token);

        var url = await host.ServiceUrls.FindAsync("tenant-contoso", "19:incident42channel@thread.tacv2", CancellationToken.None);
        Assert.Equal(LoopbackBotFramework.ServiceUrl, url);
        Assert.Null(await host.ServiceUrls.FindAsync("another-tenant", "19:incident42channel@thread.tacv2", CancellationToken.None));
    }

    [Fact]
    public async Task Bot_added_to_a_team_becomes_a_bot_joined_event_and_its_serviceUrl_is_remembered()
    {
        using var response = await host.PostAsync(TestPayloads.Load("conversationUpdate-bot-added.json"), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, host.Sink.Offered);
        Assert.NotNull(await host.ServiceUrls.FindAsync("tenant-contoso", "19:generalchannel@thread.tacv2", CancellationToken.None));
    }

    [Fact]
    public async Task Sink_failure_answers_500_so_the_Bot_Framework_retries()
    {
        await using var failing = await TeamsTestHost.StartAsync(
            botFramework, time, configure: s => s.AddSingleton<ITeamsEventSink>(new FailingSink()));

        using var response = await failing.PostAsync(TestPayloads.Load("message-channel-thread-reply.json"), Token);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    private sealed class CardResponder : ITeamsInvokeResponder
    {
        public ValueTask<TeamsInvokeResponse> RespondAsync(ButtonPressed? pressed, bool firstTime, CancellationToken ct) =>
            ValueTask.FromResult(TeamsInvokeResponse.Card(new JsonObject
            {
                ["type"] = "AdaptiveCard",
                ["version"] = "1.5",
                ["body"] = new JsonArray(new JsonObject
                {
                    ["type"] = "TextBlock",
                    ["text"] = $"pressed {pressed?.ActionId} {(firstTime ? "first" : "again")}",
                }),
            }));
    }

    private sealed class FailingSink : ITeamsEventSink
    {
        public Task<bool> AcceptAsync(ChatEvent chatEvent, CancellationToken ct) =>
            throw new InvalidOperationException("storage is down");
    }
}
