using System.Globalization;
using System.Runtime.CompilerServices;

namespace Postmortem.Slack.WebApi;

/// <summary>The <c>conversations.*</c> methods; the list methods follow Slack's cursors to the last page.</summary>
public sealed class SlackConversationsApi(SlackApiTransport transport)
{
    /// <summary>How many items each page asks for (Slack's recommended maximum is 200).</summary>
    public const int PageSize = 200;

    [SlackMethod(SlackMethods.ConversationsInfo)]
    public async Task<SlackConversation> InfoAsync(string channel, CancellationToken ct)
    {
        var response = await transport.PostFormAsync<SlackConversationInfoResponse>(
            SlackMethods.ConversationsInfo, [new("channel", channel)], ct).ConfigureAwait(false);
        return response.Channel ?? throw new SlackApiException(SlackMethods.ConversationsInfo, "missing_channel");
    }

    /// <summary>Every message of the channel after <paramref name="oldest"/> (a ts; null for all), page by page, newest first.</summary>
    [SlackMethod(SlackMethods.ConversationsHistory)]
    public IAsyncEnumerable<SlackMessagesPage> HistoryAsync(string channel, string? oldest, CancellationToken ct) =>
        PagesAsync<SlackMessagesPage>(
            SlackMethods.ConversationsHistory,
            [new("channel", channel), new("oldest", oldest), new("include_all_metadata", "true")],
            ct);

    /// <summary>One page of the newest messages (with metadata), for finding a post we may have made already.</summary>
    [SlackMethod(SlackMethods.ConversationsHistory)]
    public Task<SlackMessagesPage> LatestAsync(string channel, int limit, CancellationToken ct) =>
        transport.PostFormAsync<SlackMessagesPage>(
            SlackMethods.ConversationsHistory,
            [new("channel", channel), new("limit", limit.ToString(CultureInfo.InvariantCulture)), new("include_all_metadata", "true")],
            ct);

    /// <summary>A thread: its parent first, then every reply, page by page.</summary>
    [SlackMethod(SlackMethods.ConversationsReplies)]
    public IAsyncEnumerable<SlackMessagesPage> RepliesAsync(string channel, string threadTs, CancellationToken ct) =>
        PagesAsync<SlackMessagesPage>(
            SlackMethods.ConversationsReplies,
            [new("channel", channel), new("ts", threadTs), new("include_all_metadata", "true")],
            ct);

    /// <summary>The user ids of the channel's members.</summary>
    [SlackMethod(SlackMethods.ConversationsMembers)]
    public async IAsyncEnumerable<string> MembersAsync(string channel, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var page in PagesAsync<SlackMembersPage>(SlackMethods.ConversationsMembers, [new("channel", channel)], ct).ConfigureAwait(false))
        {
            foreach (var member in page.Members)
            {
                yield return member;
            }
        }
    }

    private async IAsyncEnumerable<T> PagesAsync<T>(
        string method,
        KeyValuePair<string, string?>[] arguments,
        [EnumeratorCancellation] CancellationToken ct)
        where T : SlackApiResponse
    {
        string? cursor = null;
        do
        {
            KeyValuePair<string, string?>[] fields =
            [
                .. arguments,
                new("limit", PageSize.ToString(CultureInfo.InvariantCulture)),
                new("cursor", cursor),
            ];
            var page = await transport.PostFormAsync<T>(method, fields, ct).ConfigureAwait(false);
            yield return page;
            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }
}
