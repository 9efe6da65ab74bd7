using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Postmortem.Core.Actions;
using Postmortem.Core.Chat;
using Postmortem.Teams.Cards;
using Postmortem.Teams.Inbound;

namespace Postmortem.Teams.Outbound;

/// <summary>
/// Carries out Core's chat actions in Teams through the Bot Connector. Every message is an Adaptive Card.
/// <list type="bullet">
/// <item>A top-level post in a channel starts its own reply chain (<c>POST /v3/conversations</c>); its root id is the message id.</item>
/// <item>A reply (ThreadKey / ThreadId) goes to the chain <c>{channel};messageid={root}</c>.</item>
/// <item>Teams has no ephemeral messages in channels: <see cref="PostEphemeral"/> is a normal reply (in the thread, or in
/// the channel) that starts by mentioning the user it is meant for, so everyone in the channel can read it.</item>
/// <item>The Markdown of <see cref="PublishPostmortem"/> cannot be attached in a channel without Graph/SharePoint: the
/// summary card links to the web view instead, and says so.</item>
/// <item><see cref="CollectHistory"/> needs Graph to read history: instead the bot says which history it has (what it saw).</item>
/// </list>
/// The serviceUrl comes from <see cref="IServiceUrlStore"/> (the inbound side remembers it per conversation).
/// </summary>
public sealed class TeamsPlatformSender
{
    private readonly ConnectorClient connector;
    private readonly IServiceUrlStore serviceUrls;
    private readonly TeamsCardRenderer cards;
    private readonly ILogger<TeamsPlatformSender> logger;
    private readonly TeamsThreads threads = new();

    public TeamsPlatformSender(
        ConnectorClient connector,
        IServiceUrlStore serviceUrls,
        TeamsCardRenderer cards,
        ILogger<TeamsPlatformSender> logger)
    {
        this.connector = connector;
        this.serviceUrls = serviceUrls;
        this.cards = cards;
        this.logger = logger;
    }

    /// <param name="findMessageIdByKey">The platform message id the outbox recorded for an earlier action key, or null.</param>
    public async Task<TeamsDeliveryResult> SendAsync(
        ChatAction action,
        Func<string, CancellationToken, Task<string?>> findMessageIdByKey,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(findMessageIdByKey);
        if (action is CollectHistory history)
        {
            action = new PostMessage { Key = history.Key, Channel = history.Channel, Content = new MessageContent(HistoryNote, MessagePurpose.Progress) };
        }

        var channel = TeamsConversationId.Parse(action.Channel.ChannelId).ConversationId;
        var serviceUrl = await serviceUrls.FindAsync(action.Channel.TenantId, channel, ct).ConfigureAwait(false);
        if (string.IsNullOrEmpty(serviceUrl))
        {
            return TeamsDeliveryResult.Rejected(
                $"no serviceUrl is known for Teams conversation '{channel}' in tenant '{action.Channel.TenantId}': "
                + "the bot learns it from the activities Teams sends, so someone must message or @mention the bot there first");
        }

        var target = new Target(serviceUrl, action.Channel.TenantId, channel);
        return action switch
        {
            PostMessage post => await PostAsync(target, post, findMessageIdByKey, ct).ConfigureAwait(false),
            UpdateMessage update => await UpdateAsync(target, update, findMessageIdByKey, ct).ConfigureAwait(false),
            PostEphemeral ephemeral => await EphemeralAsync(target, ephemeral, ct).ConfigureAwait(false),
            PublishPostmortem publish => await PublishAsync(target, publish, findMessageIdByKey, ct).ConfigureAwait(false),
            _ => TeamsDeliveryResult.Rejected($"action {action.GetType().Name} is not supported in Teams"),
        };
    }

    /// <summary>What a Teams timeline holds, since Teams gives bots no channel history without Microsoft Graph.</summary>
    public const string HistoryNote =
        "About the history: Teams gives bots no channel history without Microsoft Graph, so the timeline holds the messages " +
        "I saw in this channel since I was added (kept for a few days before a postmortem starts) and everything from now on.";

    private static JsonObject Activity(JsonObject card) => new()
    {
        ["type"] = "message",
        ["attachments"] = new JsonArray(TeamsCardRenderer.Attachment(card)),
    };

    private async Task<TeamsDeliveryResult> PostAsync(
        Target target,
        PostMessage post,
        Func<string, CancellationToken, Task<string?>> find,
        CancellationToken ct)
    {
        var root = post.ThreadId;
        if (root is null && post.ThreadKey is { } threadKey)
        {
            root = await find(threadKey, ct).ConfigureAwait(false);
            if (root is null)
            {
                return TeamsDeliveryResult.Retry($"thread root '{threadKey}' is not delivered yet");
            }
        }

        return await PostCardsAsync(target, cards.Message(post.Content), root, newThread: true, ct).ConfigureAwait(false);
    }

    private async Task<TeamsDeliveryResult> EphemeralAsync(Target target, PostEphemeral ephemeral, CancellationToken ct)
    {
        var content = ephemeral.Content with { Text = $"{Mention.Of(ephemeral.UserId)} {ephemeral.Content.Text}" };
        return await PostCardsAsync(target, cards.Message(content), ephemeral.ThreadId, newThread: false, ct).ConfigureAwait(false);
    }

    private async Task<TeamsDeliveryResult> UpdateAsync(
        Target target,
        UpdateMessage update,
        Func<string, CancellationToken, Task<string?>> find,
        CancellationToken ct)
    {
        var messageId = await find(update.TargetKey, ct).ConfigureAwait(false);
        if (messageId is null)
        {
            return TeamsDeliveryResult.Rejected($"message '{update.TargetKey}' to update was never delivered");
        }

        return await ReplaceAsync(target, messageId, cards.UpdatedMessage(update.Content), ct).ConfigureAwait(false);
    }

    private async Task<TeamsDeliveryResult> PublishAsync(
        Target target,
        PublishPostmortem publish,
        Func<string, CancellationToken, Task<string?>> find,
        CancellationToken ct)
    {
        var card = cards.Summary(publish.Document);
        var messageId = await find(publish.SummaryKey, ct).ConfigureAwait(false);
        return messageId is null
            ? await PostCardsAsync(target, [card], null, newThread: true, ct).ConfigureAwait(false)
            : await ReplaceAsync(target, messageId, card, ct).ConfigureAwait(false);
    }

    private async Task<TeamsDeliveryResult> ReplaceAsync(Target target, string messageId, JsonObject card, CancellationToken ct)
    {
        var conversation = threads.ConversationOf(target.Channel, messageId);
        var response = await connector.UpdateActivityAsync(target.ServiceUrl, conversation, messageId, Activity(card), ct)
            .ConfigureAwait(false);
        return response.Succeeded ? TeamsDeliveryResult.Delivered(messageId) : TeamsDeliveryResult.From(response);
    }

    /// <summary>
    /// Posts the cards in order: under <paramref name="root"/> when given; otherwise the first starts a new reply chain
    /// (channels, when <paramref name="newThread"/>) or goes to the conversation, and the rest follow in its chain.
    /// Returns the first message's id; a later part that fails is reported in the (successful) result's error.
    /// </summary>
    private async Task<TeamsDeliveryResult> PostCardsAsync(
        Target target,
        IReadOnlyList<JsonObject> parts,
        string? root,
        bool newThread,
        CancellationToken ct)
    {
        var isChannel = TeamsThreads.IsChannel(target.Channel);
        string? first = null;
        for (var i = 0; i < parts.Count; i++)
        {
            var activity = Activity(parts[i]);
            ConnectorResponse response;
            string conversation;
            if (root is not null && isChannel)
            {
                conversation = TeamsThreads.Chain(target.Channel, root);
                response = await connector.ReplyToActivityAsync(target.ServiceUrl, conversation, root, activity, ct).ConfigureAwait(false);
            }
            else if (root is null && isChannel && newThread)
            {
                response = await connector.CreateChannelThreadAsync(target.ServiceUrl, target.TenantId, target.Channel, activity, ct)
                    .ConfigureAwait(false);
                conversation = response.ConversationId ?? (response.Id is { } id ? TeamsThreads.Chain(target.Channel, id) : target.Channel);
            }
            else
            {
                conversation = target.Channel;
                response = await connector.SendToConversationAsync(target.ServiceUrl, conversation, activity, ct).ConfigureAwait(false);
            }

            if (!response.Succeeded)
            {
                if (first is null)
                {
                    return TeamsDeliveryResult.From(response);
                }

                var error = $"part {i + 1} of {parts.Count} was not delivered: {response.Error}";
                logger.LogError("Teams message to {Conversation} delivered only in part: {Error}", target.Channel, error);
                return new TeamsDeliveryResult(true, first, error, null, false);
            }

            if (response.Id is { } messageId)
            {
                threads.Remember(messageId, conversation);
                first ??= messageId;
            }

            // The rest of a long message follows in the chain the first part started.
            if (root is null && isChannel && newThread && response.Id is not null)
            {
                root = response.Id;
            }
        }

        return TeamsDeliveryResult.Delivered(first);
    }

    private sealed record Target(string ServiceUrl, string TenantId, string Channel);
}
