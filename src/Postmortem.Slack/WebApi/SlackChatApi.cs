namespace Postmortem.Slack.WebApi;

/// <summary>The <c>chat.*</c> methods: post, update, post ephemerally, get a permalink.</summary>
public sealed class SlackChatApi(SlackApiTransport transport)
{
    [SlackMethod(SlackMethods.ChatPostMessage)]
    public Task<SlackPostMessageResponse> PostMessageAsync(SlackMessage message, CancellationToken ct) =>
        transport.PostJsonAsync<SlackPostMessageResponse>(SlackMethods.ChatPostMessage, message.ToJson(), ct);

    /// <summary>Replaces the text and blocks of the message <paramref name="ts"/>.</summary>
    [SlackMethod(SlackMethods.ChatUpdate)]
    public Task<SlackPostMessageResponse> UpdateAsync(SlackMessage message, string ts, CancellationToken ct)
    {
        var body = message.ToJson();
        body.Remove("thread_ts");
        body["ts"] = ts;
        return transport.PostJsonAsync<SlackPostMessageResponse>(SlackMethods.ChatUpdate, body, ct);
    }

    [SlackMethod(SlackMethods.ChatPostEphemeral)]
    public Task<SlackPostEphemeralResponse> PostEphemeralAsync(SlackMessage message, string userId, CancellationToken ct)
    {
        var body = message.ToJson();
        body.Remove("metadata");
        body["user"] = userId;
        return transport.PostJsonAsync<SlackPostEphemeralResponse>(SlackMethods.ChatPostEphemeral, body, ct);
    }

    [SlackMethod(SlackMethods.ChatGetPermalink)]
    public Task<SlackPermalinkResponse> GetPermalinkAsync(string channel, string messageTs, CancellationToken ct) =>
        transport.PostFormAsync<SlackPermalinkResponse>(
            SlackMethods.ChatGetPermalink,
            [new("channel", channel), new("message_ts", messageTs)],
            ct);
}
