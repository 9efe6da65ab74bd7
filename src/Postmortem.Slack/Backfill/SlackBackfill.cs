using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Postmortem.Core.Actions;
using Postmortem.Core.Chat;
using Postmortem.Core.Events;
using Postmortem.Slack.Inbound;
using Postmortem.Slack.WebApi;

namespace Postmortem.Slack.Backfill;

/// <summary>
/// Carries out <see cref="CollectHistory"/>: reads the channel's history since <c>Since</c> (or since the channel was
/// created), every thread's replies, names the authors, and hands each message to the sink as a
/// <see cref="MessagePosted"/> with event id <c>backfill:{channel}:{ts}</c> (plus a <see cref="MessageEdited"/> for
/// edited ones), while one progress message is posted and then updated in place.
/// </summary>
public sealed partial class SlackBackfill(SlackWebApi api, ISlackBackfillSink sink, IOptions<SlackOptions> options, SlackWorkspace? workspace = null)
{
    /// <summary>How many messages pass between two updates of the progress message.</summary>
    public const int ProgressEvery = 200;

    public async Task<SlackBackfillResult> RunAsync(
        CollectHistory action,
        Func<string, CancellationToken, Task<string?>> findMessageIdByKey,
        CancellationToken ct)
    {
        var channel = action.Channel.ChannelId;
        var self = await SelfAsync(ct).ConfigureAwait(false);
        var oldest = action.Since is { } since ? ToTs(since) : await CreatedAsync(channel, ct).ConfigureAwait(false);
        var progress = new Progress(api, action, await findMessageIdByKey(action.ProgressKey, ct).ConfigureAwait(false));
        await progress.ShowAsync("Collecting this channel's history…", ct).ConfigureAwait(false);

        var topLevel = new List<SlackMessageItem>();
        await foreach (var page in api.Conversations.HistoryAsync(channel, oldest, ct).ConfigureAwait(false))
        {
            topLevel.AddRange(page.Messages.Where(m => !string.IsNullOrEmpty(m.Ts)));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var messages = 0;
        var threads = 0;
        foreach (var message in topLevel.OrderBy(m => m.Ts, StringComparer.Ordinal))
        {
            messages += await EmitAsync(action.Channel, message, self, seen, ct).ConfigureAwait(false);
            if (message.ReplyCount > 0)
            {
                threads++;
                await foreach (var page in api.Conversations.RepliesAsync(channel, message.Ts!, ct).ConfigureAwait(false))
                {
                    foreach (var reply in page.Messages.Where(r => r.Ts != message.Ts))
                    {
                        messages += await EmitAsync(action.Channel, reply, self, seen, ct).ConfigureAwait(false);
                    }
                }
            }

            if (messages - progress.LastShownAt >= ProgressEvery)
            {
                progress.LastShownAt = messages;
                await progress.ShowAsync($"Collecting this channel's history… {Counts(messages, threads)} so far.", ct).ConfigureAwait(false);
            }
        }

        await progress.ShowAsync($"History collected: {Counts(messages, threads)}.", ct).ConfigureAwait(false);
        return new SlackBackfillResult(messages, threads, progress.MessageId);
    }

    private static string Counts(int messages, int threads) =>
        $"{messages.ToString("N0", CultureInfo.InvariantCulture)} {(messages == 1 ? "message" : "messages")}, "
        + $"{threads.ToString("N0", CultureInfo.InvariantCulture)} {(threads == 1 ? "thread" : "threads")}";

    /// <summary>Hands one message (and its edit) to the sink; 1 when it was new, 0 when skipped.</summary>
    private async Task<int> EmitAsync(ChannelRef channel, SlackMessageItem message, Identity self, HashSet<string> seen, CancellationToken ct)
    {
        if (message.Ts is not { Length: > 0 } ts
            || !seen.Add(ts)
            || !IsPost(message.Subtype)
            || !SlackTimestamp.TryParse(ts, out var postedAt))
        {
            return 0;
        }

        var author = await AuthorAsync(message, self, ct).ConfigureAwait(false);
        if (author is null || author.IsSelf)
        {
            // The bot's own posts never enter the timeline, so they are neither sent nor counted.
            return 0;
        }

        var text = SlackText.Decode(message.Text);
        var names = await MentionNamesAsync(text, ct).ConfigureAwait(false);
        var threadId = string.IsNullOrEmpty(message.ThreadTs) || message.ThreadTs == ts ? null : message.ThreadTs;
        await sink.AcceptAsync(
            new MessagePosted
            {
                EventId = $"backfill:{channel.ChannelId}:{ts}",
                Channel = channel,
                OccurredAt = postedAt,
                MessageId = ts,
                Link = workspace?.MessageLink(channel.ChannelId, ts, threadId),
                ThreadId = threadId,
                Author = author,
                Text = text,
                MentionNames = names,
                HasFile = message.Subtype == "file_share" || message.Files is { Count: > 0 },
                AlsoInChannel = message.Subtype == "thread_broadcast",
            },
            ct).ConfigureAwait(false);

        if (message.Edited is { Ts: { Length: > 0 } editedTs } && SlackTimestamp.TryParse(editedTs, out var editedAt))
        {
            await sink.AcceptAsync(
                new MessageEdited
                {
                    EventId = $"backfill:{channel.ChannelId}:{ts}:edited:{editedTs}",
                    Channel = channel,
                    OccurredAt = editedAt,
                    MessageId = ts,
                    ThreadId = threadId,
                    NewText = text,
                    MentionNames = names,
                },
                ct).ConfigureAwait(false);
        }

        return 1;
    }

    private static bool IsPost(string? subtype) =>
        subtype is null or "thread_broadcast" or "bot_message" or "file_share" or "me_message";

    private async Task<ChatUser?> AuthorAsync(SlackMessageItem message, Identity self, CancellationToken ct)
    {
        var userId = NonEmpty(message.User);
        var botId = NonEmpty(message.BotId);
        var id = userId ?? botId;
        if (id is null)
        {
            return null;
        }

        var isSelf = (userId is not null && userId == self.UserId) || (botId is not null && botId == self.BotId);
        var isBot = botId is not null || message.Subtype == "bot_message";
        var name = NonEmpty(message.Username) ?? NonEmpty(message.BotProfile?.Name);
        if (name is null && userId is not null && !isSelf)
        {
            name = await UserNameAsync(userId, ct).ConfigureAwait(false);
        }

        return new ChatUser(id, name ?? id, IsBot: isBot, IsSelf: isSelf);
    }

    /// <summary>Names for the <c>&lt;@U…&gt;</c> mentions in the text: labels Slack sent, else looked up.</summary>
    private async Task<IReadOnlyDictionary<string, string>?> MentionNamesAsync(string text, CancellationToken ct)
    {
        if (!text.Contains("<@", StringComparison.Ordinal))
        {
            return null;
        }

        var names = new Dictionary<string, string>(SlackText.MentionNames(text) ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var id in BareMention().Matches(text).Select(m => m.Groups["id"].Value).Distinct(StringComparer.Ordinal))
        {
            if (!names.ContainsKey(id) && await UserNameAsync(id, ct).ConfigureAwait(false) is { } name)
            {
                names[id] = name;
            }
        }

        return names.Count == 0 ? null : names;
    }

    /// <summary>The user's display name, or null when Slack will not say (a deleted or foreign user).</summary>
    private async Task<string?> UserNameAsync(string userId, CancellationToken ct)
    {
        try
        {
            var user = await api.Users.InfoAsync(userId, ct).ConfigureAwait(false);
            return NonEmpty(user.DisplayName);
        }
        catch (SlackApiException e) when (!e.IsTransient)
        {
            return null;
        }
    }

    private async Task<Identity> SelfAsync(CancellationToken ct)
    {
        var configured = options.Value;
        if (configured.BotUserId is not null && configured.BotId is not null)
        {
            return new Identity(configured.BotUserId, configured.BotId);
        }

        var auth = await api.Auth.TestAsync(ct).ConfigureAwait(false);
        if (workspace is { Url: null })
        {
            workspace.Url = auth.Url;
        }

        return new Identity(configured.BotUserId ?? auth.UserId, configured.BotId ?? auth.BotId);
    }

    private async Task<string?> CreatedAsync(string channel, CancellationToken ct)
    {
        var info = await api.Conversations.InfoAsync(channel, ct).ConfigureAwait(false);
        return info.Created > 0 ? info.Created.ToString(CultureInfo.InvariantCulture) : null;
    }

    /// <summary>An instant as a Slack ts (seconds and six digits of microseconds).</summary>
    internal static string ToTs(DateTimeOffset instant)
    {
        var micros = (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
        return string.Create(CultureInfo.InvariantCulture, $"{micros / 1_000_000}.{micros % 1_000_000:D6}");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    [GeneratedRegex(@"<@(?<id>[UW][A-Z0-9]+)>", RegexOptions.CultureInvariant)]
    private static partial Regex BareMention();

    private sealed record Identity(string? UserId, string? BotId);

    /// <summary>The one progress message: posted the first time, updated in place after that.</summary>
    private sealed class Progress(SlackWebApi api, CollectHistory action, string? messageId)
    {
        public string? MessageId { get; private set; } = messageId;

        public int LastShownAt { get; set; }

        public async Task ShowAsync(string text, CancellationToken ct)
        {
            var message = new SlackMessage(action.Channel.ChannelId, text)
            {
                Metadata = SlackMessageMetadata.ForAction(action.ProgressKey),
            };
            if (MessageId is null)
            {
                MessageId = (await api.Chat.PostMessageAsync(message, ct).ConfigureAwait(false)).Ts;
            }
            else
            {
                await api.Chat.UpdateAsync(message, MessageId, ct).ConfigureAwait(false);
            }
        }
    }
}
