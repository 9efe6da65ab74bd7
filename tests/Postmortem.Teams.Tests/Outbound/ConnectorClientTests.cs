using System.Text.Json.Nodes;
using Postmortem.Teams.Outbound;
using Postmortem.Teams.Tests.Payloads;

namespace Postmortem.Teams.Tests.Outbound;

public sealed class ConnectorClientTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private OutboundTestHost host = null!;

    public async Task InitializeAsync() => host = await OutboundTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Token_is_fetched_once_with_client_credentials_and_reused()
    {
        var first = await host.Client.SendToConversationAsync(host.ServiceUrl, OutboundTestHost.Channel, Message("one"), default);
        var second = await host.Client.SendToConversationAsync(host.ServiceUrl, OutboundTestHost.Channel, Message("two"), default);

        Assert.True(first.Succeeded, first.Error);
        Assert.True(second.Succeeded, second.Error);
        Assert.Equal(1, host.Connector.TokenRequests);
        Assert.All(host.Connector.Requests, r => Assert.Equal("Bearer loopback-token-1", r.Authorization));
        var form = host.Connector.LastTokenForm!;
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("00000000-0000-0000-0000-0000000000aa", form["client_id"]);
        Assert.Equal("loopback-secret", form["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", form["scope"]);
    }

    [Fact]
    public async Task Token_is_refreshed_shortly_before_it_expires()
    {
        await host.Tokens.GetTokenAsync(default);
        host.Time.Advance(TimeSpan.FromSeconds(3600) - BotTokenProvider.RefreshMargin - TimeSpan.FromSeconds(1));
        var stillCached = await host.Tokens.GetTokenAsync(default);
        host.Time.Advance(TimeSpan.FromSeconds(2));
        var refreshed = await host.Tokens.GetTokenAsync(default);

        Assert.Equal("loopback-token-1", stillCached);
        Assert.Equal("loopback-token-2", refreshed);
        Assert.Equal(2, host.Connector.TokenRequests);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_token_request()
    {
        var tokens = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => host.Tokens.GetTokenAsync(default).AsTask()));

        Assert.All(tokens, t => Assert.Equal("loopback-token-1", t));
        Assert.Equal(1, host.Connector.TokenRequests);
    }

    [Fact]
    public async Task Send_to_conversation_posts_to_its_activities_and_returns_the_new_id()
    {
        var response = await host.Client.SendToConversationAsync(host.ServiceUrl, OutboundTestHost.Channel, Message("hello"), default);

        var request = Assert.Single(host.Connector.Requests);
        Assert.Equal(201, response.StatusCode);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/v3/conversations/{OutboundTestHost.Channel}/activities", request.Path);
        Assert.Equal("hello", request.Body!["text"]!.GetValue<string>());
        Assert.Equal("1780000000002", response.Id);
    }

    [Fact]
    public async Task Conversation_ids_are_escaped_in_the_address()
    {
        var chain = OutboundTestHost.Channel + ";messageid=1780000000001";
        await host.Client.ReplyToActivityAsync(host.ServiceUrl, chain, "1780000000001", Message("hi"), default);

        var request = Assert.Single(host.Connector.Requests);
        Assert.Contains("19%3Aincident-42-channel%40thread.tacv2%3Bmessageid%3D1780000000001", request.RawTarget, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_channel_thread_is_created_in_the_sample_shape_and_returns_the_root_id()
    {
        var response = await host.Client.CreateChannelThreadAsync(
            host.ServiceUrl, OutboundTestHost.TenantId, OutboundTestHost.Channel, Message("kickoff"), default);

        var request = Assert.Single(host.Connector.Requests);
        Assert.True(response.Succeeded, response.Error);
        Assert.Equal("/v3/conversations", request.Path);
        var body = request.Body!;
        var sample = TestPayloads.Load("Outbound/create-conversation-channel-thread.request.json");
        Assert.Empty(sample.Select(p => p.Key).Except(body.Select(p => p.Key)));
        Assert.True(body["isGroup"]!.GetValue<bool>());
        Assert.Equal(OutboundTestHost.Channel, body["channelData"]!["channel"]!["id"]!.GetValue<string>());
        Assert.Equal(OutboundTestHost.TenantId, body["tenantId"]!.GetValue<string>());
        Assert.Equal("message", body["activity"]!["type"]!.GetValue<string>());
        Assert.Equal("1780000000002", response.Id);
        Assert.Equal(OutboundTestHost.Channel + ";messageid=1780000000002", response.ConversationId);
    }

    [Fact]
    public async Task Root_id_is_read_from_the_conversation_id_when_activityId_is_missing()
    {
        host.Connector.Enqueue(201, new JsonObject { ["id"] = OutboundTestHost.Channel + ";messageid=1779999999999" });

        var response = await host.Client.CreateChannelThreadAsync(
            host.ServiceUrl, OutboundTestHost.TenantId, OutboundTestHost.Channel, Message("kickoff"), default);

        Assert.Equal("1779999999999", response.Id);
    }

    [Fact]
    public async Task Reply_goes_to_the_messageid_conversation_with_replyToId()
    {
        var chain = OutboundTestHost.Channel + ";messageid=1780000000001";

        var response = await host.Client.ReplyToActivityAsync(host.ServiceUrl, chain, "1780000000001", Message("why?"), default);

        var request = Assert.Single(host.Connector.Requests);
        Assert.True(response.Succeeded, response.Error);
        Assert.Equal($"/v3/conversations/{chain}/activities/1780000000001", request.Path);
        Assert.Equal("1780000000001", request.Body!["replyToId"]!.GetValue<string>());
        var sample = TestPayloads.Load("Outbound/reply-activity-channel-thread.json");
        Assert.Equal(sample["replyToId"]!.GetValueKind(), request.Body["replyToId"]!.GetValueKind());
    }

    [Fact]
    public async Task Update_puts_the_activity_on_its_own_address()
    {
        var chain = OutboundTestHost.Channel + ";messageid=1780000000001";

        var response = await host.Client.UpdateActivityAsync(host.ServiceUrl, chain, "1780000000001", Message("edited"), default);

        var request = Assert.Single(host.Connector.Requests);
        Assert.True(response.Succeeded, response.Error);
        Assert.Equal("PUT", request.Method);
        Assert.Equal($"/v3/conversations/{chain}/activities/1780000000001", request.Path);
        Assert.Equal("message", request.Body!["type"]!.GetValue<string>());
        Assert.Equal("1780000000001", response.Id);
    }

    [Fact]
    public async Task Throttled_request_is_retried_after_the_Retry_After_it_was_given()
    {
        host.Connector.Enqueue(429, retryAfter: TimeSpan.FromSeconds(5));
        var firstArrived = host.Connector.NextRequestAsync();

        var sending = host.Client.SendToConversationAsync(host.ServiceUrl, OutboundTestHost.Channel, Message("busy"), default);
        await firstArrived.WaitAsync(Bound);
        await AdvanceUntilAsync(sending);
        var response = await sending;

        Assert.True(response.Succeeded, response.Error);
        var requests = host.Connector.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(5), $"retried after {requests[1].At - requests[0].At}");
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_retries_is_reported_with_its_Retry_After()
    {
        host.Connector.Enqueue(429, retryAfter: TimeSpan.FromSeconds(120));

        var response = await host.Client.SendToConversationAsync(host.ServiceUrl, OutboundTestHost.Channel, Message("busy"), default)
            .WaitAsync(Bound);

        Assert.False(response.Succeeded);
        Assert.False(response.Permanent);
        Assert.Equal(429, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(120), response.RetryAfter);
        Assert.Single(host.Connector.Requests);
    }

    [Fact]
    public async Task Bad_gateway_is_retried_with_backoff()
    {
        host.Connector.Enqueue(502);
        var firstArrived = host.Connector.NextRequestAsync();

        var sending = host.Client.SendToConversationAsync(host.ServiceUrl, OutboundTestHost.Channel, Message("again"), default);
        await firstArrived.WaitAsync(Bound);
        await AdvanceUntilAsync(sending);
        var response = await sending;

        Assert.True(response.Succeeded, response.Error);
        Assert.Equal(2, host.Connector.Requests.Count);
    }

    [Fact]
    public async Task Missing_credentials_fail_permanently_before_anything_is_sent()
    {
        await using var unconfigured = await OutboundTestHost.StartAsync(new() { ["Teams:AppPassword"] = "" });

        var response = await unconfigured.Client.SendToConversationAsync(unconfigured.ServiceUrl, OutboundTestHost.Channel, Message("x"), default);

        Assert.False(response.Succeeded);
        Assert.True(response.Permanent);
        Assert.Contains("AppPassword", response.Error, StringComparison.Ordinal);
        Assert.Equal(0, unconfigured.Connector.TokenRequests);
        Assert.Empty(unconfigured.Connector.Requests);
    }

    [Theory]
    [InlineData("https://evil.example.com/")]
    [InlineData("http://localhost:1/")]
    [InlineData("not a url")]
    public async Task Disallowed_serviceUrl_is_refused_without_sending_anything(string serviceUrl)
    {
        var response = await host.Client.SendToConversationAsync(serviceUrl, OutboundTestHost.Channel, Message("secret"), default);

        Assert.False(response.Succeeded);
        Assert.True(response.Permanent);
        Assert.Contains("not an allowed", response.Error, StringComparison.Ordinal);
        Assert.Equal(0, host.Connector.TokenRequests);
    }

    [Fact]
    public async Task Disallowed_loopback_host_never_receives_a_request()
    {
        await using var other = await LoopbackConnector.StartAsync();
        var disallowed = other.BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal) + "/";

        var response = await host.Client.UpdateActivityAsync(disallowed, OutboundTestHost.Channel, "1", Message("x"), default);

        Assert.False(response.Succeeded);
        Assert.Empty(other.Requests);
        Assert.Equal(0, other.TokenRequests);
        Assert.Equal(0, host.Connector.TokenRequests);
    }

    [Fact]
    public async Task Not_found_is_a_permanent_failure_with_the_status()
    {
        host.Connector.Enqueue(404, new JsonObject { ["message"] = "conversation not found" });

        var response = await host.Client.SendToConversationAsync(host.ServiceUrl, OutboundTestHost.Channel, Message("x"), default);

        Assert.False(response.Succeeded);
        Assert.True(response.Permanent);
        Assert.Equal(404, response.StatusCode);
        Assert.Contains("conversation not found", response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unauthorized_drops_the_cached_token_and_can_be_retried()
    {
        host.Connector.Enqueue(401);

        var refused = await host.Client.SendToConversationAsync(host.ServiceUrl, OutboundTestHost.Channel, Message("x"), default);
        var again = await host.Client.SendToConversationAsync(host.ServiceUrl, OutboundTestHost.Channel, Message("x"), default);

        Assert.False(refused.Permanent);
        Assert.True(again.Succeeded, again.Error);
        Assert.Equal(2, host.Connector.TokenRequests);
    }

    private static JsonObject Message(string text) => new() { ["type"] = "message", ["text"] = text };

    /// <summary>Moves the fake clock on in small steps until the task finishes (bounded).</summary>
    private async Task AdvanceUntilAsync(Task task)
    {
        for (var i = 0; i < 400 && !task.IsCompleted; i++)
        {
            host.Time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(5)));
        }

        await task.WaitAsync(Bound);
    }
}
