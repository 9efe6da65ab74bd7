using System.Text;
using Microsoft.Extensions.Options;
using Postmortem.Core.Actions;
using Postmortem.Slack.Backfill;
using Postmortem.Slack.BlockKit;
using Postmortem.Slack.WebApi;

namespace Postmortem.Slack.Outbound;

/// <summary>
/// Carries out Core's <see cref="ChatAction"/>s in Slack (the Host wraps it as its chat platform). Every post carries
/// metadata <c>{event_type: "postmortem_action", event_payload: {key}}</c>; on a retry (attempt &gt; 1) the sender first
/// looks for a post of ours with the same key (the thread's replies, or the channel's latest 100 messages) and
/// returns it instead of posting again, so a crash between posting and recording never double-posts.
/// </summary>
public sealed class SlackPlatformSender(
    SlackWebApi api,
    SlackBackfill backfill,
    SlackChannelPacer pacer,
    IOptions<SlackOutboundOptions> outboundOptions)
{
    public const string Platform = "slack";

    /// <summary>How many of the channel's newest messages a retry searches for an earlier post of ours.</summary>
    public const int RetrySearchDepth = 100;

    public Task<SlackDeliveryResult> SendAsync(
        ChatAction action,
        Func<string, CancellationToken, Task<string?>> findMessageIdByKey,
        CancellationToken ct) =>
        SendAsync(action, findMessageIdByKey, attempt: 1, ct);

    /// <param name="attempt">1 for the first try; later tries look for a post already made before posting.</param>
    public async Task<SlackDeliveryResult> SendAsync(
        ChatAction action,
        Func<string, CancellationToken, Task<string?>> findMessageIdByKey,
        int attempt,
        CancellationToken ct)
    {
        try
        {
            return action switch
            {
                PostMessage post => await PostAsync(post, findMessageIdByKey, attempt, ct).ConfigureAwait(false),
                UpdateMessage update => await UpdateAsync(update, findMessageIdByKey, ct).ConfigureAwait(false),
                PostEphemeral ephemeral => await EphemeralAsync(ephemeral, ct).ConfigureAwait(false),
                PublishPostmortem publish => await PublishAsync(publish, findMessageIdByKey, attempt, ct).ConfigureAwait(false),
                CollectHistory collect => await CollectAsync(collect, findMessageIdByKey, attempt, ct).ConfigureAwait(false),
                _ => SlackDeliveryResult.Rejected($"unsupported action {action.GetType().Name}"),
            };
        }
        catch (SlackApiException e) when (e.IsTransient)
        {
            return SlackDeliveryResult.Retry($"{e.Method}: {e.Error}", e.RetryAfter, e.UserHint);
        }
        catch (SlackApiException e)
        {
            return SlackDeliveryResult.Rejected($"{e.Method}: {e.Error}", e.UserHint);
        }
        catch (HttpRequestException e)
        {
            return SlackDeliveryResult.Retry($"network: {e.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return SlackDeliveryResult.Retry("timeout");
        }
    }

    private async Task<SlackDeliveryResult> PostAsync(
        PostMessage post,
        Func<string, CancellationToken, Task<string?>> find,
        int attempt,
        CancellationToken ct)
    {
        var channel = post.Channel.ChannelId;
        var threadTs = post.ThreadId;
        if (threadTs is null && post.ThreadKey is { } threadKey)
        {
            threadTs = await find(threadKey, ct).ConfigureAwait(false);
            if (threadTs is null)
            {
                return SlackDeliveryResult.Retry($"thread root '{threadKey}' is not delivered yet");
            }
        }

        if (attempt > 1 && await FindOurPostAsync(channel, post.Key, threadTs, ct).ConfigureAwait(false) is { } earlier)
        {
            return SlackDeliveryResult.Delivered(earlier);
        }

        var parts = SlackMessageRenderer.Render(post.Content);
        var first = await PostPartsAsync(channel, post.Key, parts, threadTs, ct).ConfigureAwait(false);
        return SlackDeliveryResult.Delivered(first);
    }

    private async Task<SlackDeliveryResult> UpdateAsync(
        UpdateMessage update,
        Func<string, CancellationToken, Task<string?>> find,
        CancellationToken ct)
    {
        var ts = await find(update.TargetKey, ct).ConfigureAwait(false);
        if (ts is null)
        {
            return SlackDeliveryResult.Rejected($"message '{update.TargetKey}' to update was never delivered");
        }

        var channel = update.Channel.ChannelId;
        var parts = SlackMessageRenderer.Render(update.Content);
        await pacer.WaitTurnAsync(channel, ct).ConfigureAwait(false);
        await api.Chat.UpdateAsync(Message(channel, update.TargetKey, parts[0], null), ts, ct).ConfigureAwait(false);

        // Content that no longer fits one message goes on in the updated message's thread.
        await PostPartsAsync(channel, update.Key, parts.Skip(1).ToList(), ts, ct).ConfigureAwait(false);
        return SlackDeliveryResult.Delivered(ts);
    }

    private async Task<SlackDeliveryResult> EphemeralAsync(PostEphemeral ephemeral, CancellationToken ct)
    {
        var channel = ephemeral.Channel.ChannelId;
        string? first = null;
        foreach (var part in SlackMessageRenderer.Render(ephemeral.Content))
        {
            await pacer.WaitTurnAsync(channel, ct).ConfigureAwait(false);
            var message = new SlackMessage(channel, part.Text) { Blocks = part.Blocks, ThreadTs = ephemeral.ThreadId };
            var response = await api.Chat.PostEphemeralAsync(message, ephemeral.UserId, ct).ConfigureAwait(false);
            first ??= response.MessageTs;
        }

        return SlackDeliveryResult.Delivered(first);
    }

    private async Task<SlackDeliveryResult> PublishAsync(
        PublishPostmortem publish,
        Func<string, CancellationToken, Task<string?>> find,
        int attempt,
        CancellationToken ct)
    {
        var channel = publish.Channel.ChannelId;
        var summary = SlackSummaryRenderer.Render(publish.Document, publish.FileName, DocumentUrl(publish));
        var ts = await find(publish.SummaryKey, ct).ConfigureAwait(false);
        if (ts is null && attempt > 1)
        {
            ts = await FindOurPostAsync(channel, publish.SummaryKey, null, ct).ConfigureAwait(false);
        }

        await pacer.WaitTurnAsync(channel, ct).ConfigureAwait(false);
        var message = Message(channel, publish.SummaryKey, summary, null);
        if (ts is null)
        {
            ts = (await api.Chat.PostMessageAsync(message, ct).ConfigureAwait(false)).Ts;
        }
        else
        {
            await api.Chat.UpdateAsync(message, ts, ct).ConfigureAwait(false);
        }

        await pacer.WaitTurnAsync(channel, ct).ConfigureAwait(false);
        var upload = new SlackFileUpload(channel, publish.FileName, Encoding.UTF8.GetBytes(publish.Markdown))
        {
            Title = publish.Document.Title,
            InitialComment = $"The full postmortem document: {publish.Document.Title}",
        };
        await api.Files.UploadAsync(upload, ct).ConfigureAwait(false);
        return SlackDeliveryResult.Delivered(ts);
    }

    /// <summary>Runs the backfill; a retry reuses the progress message a crashed attempt posted.</summary>
    private async Task<SlackDeliveryResult> CollectAsync(
        CollectHistory collect,
        Func<string, CancellationToken, Task<string?>> find,
        int attempt,
        CancellationToken ct)
    {
        async Task<string?> FindProgressAsync(string key, CancellationToken token) =>
            await find(key, token).ConfigureAwait(false)
            ?? (attempt > 1 ? await FindOurPostAsync(collect.Channel.ChannelId, key, null, token).ConfigureAwait(false) : null);

        var result = await backfill.RunAsync(collect, FindProgressAsync, ct).ConfigureAwait(false);
        return SlackDeliveryResult.Delivered(result.ProgressMessageId);
    }

    /// <summary>Posts the parts in order (each paced); returns the first one's ts.</summary>
    private async Task<string?> PostPartsAsync(
        string channel,
        string key,
        IReadOnlyList<SlackBlockMessage> parts,
        string? threadTs,
        CancellationToken ct)
    {
        string? first = null;
        for (var i = 0; i < parts.Count; i++)
        {
            await pacer.WaitTurnAsync(channel, ct).ConfigureAwait(false);
            var partKey = i == 0 ? key : $"{key}#part{i + 1}";
            var response = await api.Chat.PostMessageAsync(Message(channel, partKey, parts[i], threadTs), ct).ConfigureAwait(false);
            first ??= response.Ts;
        }

        return first;
    }

    /// <summary>The ts of a post of ours carrying <paramref name="key"/> in its metadata, if Slack has one.</summary>
    private async Task<string?> FindOurPostAsync(string channel, string key, string? threadTs, CancellationToken ct)
    {
        if (threadTs is not null)
        {
            await foreach (var page in api.Conversations.RepliesAsync(channel, threadTs, ct).ConfigureAwait(false))
            {
                if (WithKey(page, key) is { } found)
                {
                    return found;
                }
            }

            return null;
        }

        return WithKey(await api.Conversations.LatestAsync(channel, RetrySearchDepth, ct).ConfigureAwait(false), key);
    }

    private static string? WithKey(SlackMessagesPage page, string key) =>
        page.Messages.FirstOrDefault(m => m.Metadata?.ActionKey == key)?.Ts;

    private static SlackMessage Message(string channel, string key, SlackBlockMessage part, string? threadTs) =>
        new(channel, part.Text)
        {
            Blocks = part.Blocks,
            ThreadTs = threadTs,
            Metadata = SlackMessageMetadata.ForAction(key),
        };

    private string? DocumentUrl(PublishPostmortem publish) =>
        outboundOptions.Value.DocumentUrlTemplate is { Length: > 0 } template
            ? template.Replace("{sessionId}", Uri.EscapeDataString(publish.Document.SessionId), StringComparison.Ordinal)
            : null;
}
