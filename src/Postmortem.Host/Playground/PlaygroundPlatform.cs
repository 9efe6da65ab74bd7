using Postmortem.Core.Actions;
using Postmortem.Host.Processing;

namespace Postmortem.Host.Playground;

/// <summary>Carries out the bot's actions in the playground channel: its posts appear there as the "Postmortem" user.</summary>
public sealed class PlaygroundPlatform(PlaygroundChannel channel) : IChatPlatform
{
    public string Platform => PlaygroundChannel.Ref.Platform;

    public async Task<DeliveryResult> DeliverAsync(ChatAction action, DeliveryContext context, CancellationToken cancellationToken) =>
        action switch
        {
            PostMessage post => await PostAsync(post, context, cancellationToken).ConfigureAwait(false),
            UpdateMessage update => await UpdateAsync(update, context, cancellationToken).ConfigureAwait(false),
            PostEphemeral ephemeral => Ephemeral(ephemeral),
            PublishPostmortem publish => Publish(publish),
            CollectHistory => DeliveryResult.Delivered(null),
            _ => DeliveryResult.Rejected($"the playground cannot carry out {action.GetType().Name}"),
        };

    private async Task<DeliveryResult> PostAsync(PostMessage post, DeliveryContext context, CancellationToken cancellationToken)
    {
        if (channel.FindByActionKey(post.Key) is { } earlier)
        {
            return DeliveryResult.Delivered(earlier.Id);
        }

        var threadId = post.ThreadId;
        if (post.ThreadKey is not null)
        {
            threadId = await ResolveAsync(post.ThreadKey, context, cancellationToken).ConfigureAwait(false);
            if (threadId is null)
            {
                return DeliveryResult.Failed($"thread root {post.ThreadKey} is not posted yet");
            }
        }

        var root = threadId is null ? null : channel.ThreadRootOf(threadId);
        var message = channel.Add((id, now) => BotMessage(id, now, post.Key, post.Content, root));
        return DeliveryResult.Delivered(message.Id);
    }

    private async Task<DeliveryResult> UpdateAsync(UpdateMessage update, DeliveryContext context, CancellationToken cancellationToken)
    {
        var targetId = await ResolveAsync(update.TargetKey, context, cancellationToken).ConfigureAwait(false);
        if (targetId is null)
        {
            return DeliveryResult.Failed($"message {update.TargetKey} is not posted yet");
        }

        var updated = channel.Update(targetId, (message, now) => message with
        {
            Text = update.Content.Text,
            Buttons = update.Content.Buttons,
            Purpose = update.Content.Purpose.ToString(),
            EditedAt = now,
        });
        return updated is null
            ? DeliveryResult.Rejected($"message {update.TargetKey} was deleted")
            : DeliveryResult.Delivered(updated.Id);
    }

    private DeliveryResult Ephemeral(PostEphemeral ephemeral)
    {
        var message = channel.FindByActionKey(ephemeral.Key) ?? channel.Add((id, now) =>
            BotMessage(id, now, ephemeral.Key, ephemeral.Content, ephemeral.ThreadId is null ? null : channel.ThreadRootOf(ephemeral.ThreadId))
                with { EphemeralFor = ephemeral.UserId });
        return DeliveryResult.Delivered(message.Id);
    }

    private DeliveryResult Publish(PublishPostmortem publish)
    {
        var document = publish.Document;
        var text = $"*Postmortem: {document.Title}* ({document.Status})\n{document.Summary}\n"
            + $"Full document: /postmortems/{Uri.EscapeDataString(document.SessionId)} (attached: `{publish.FileName}`)";
        var file = new PlaygroundAttachment(publish.FileName, publish.Markdown);

        var summary = channel.FindByActionKey(publish.SummaryKey);
        var updated = summary is null ? null : channel.Update(summary.Id, (message, now) => message with
        {
            Text = text,
            File = file,
            EditedAt = now,
        });
        var posted = updated ?? channel.Add((id, now) =>
            BotMessage(id, now, publish.SummaryKey, new MessageContent(text, MessagePurpose.Info), null) with { File = file });
        return DeliveryResult.Delivered(posted.Id);
    }

    private async Task<string?> ResolveAsync(string actionKey, DeliveryContext context, CancellationToken cancellationToken) =>
        await context.FindMessageIdAsync(actionKey, cancellationToken).ConfigureAwait(false)
        ?? channel.FindByActionKey(actionKey)?.Id;

    private static PlaygroundMessage BotMessage(string id, DateTimeOffset now, string actionKey, MessageContent content, string? threadId) => new()
    {
        Id = id,
        ThreadId = threadId,
        Author = PlaygroundChannel.BotName,
        IsBot = true,
        Text = content.Text,
        PostedAt = now,
        ActionKey = actionKey,
        Purpose = content.Purpose.ToString(),
        Buttons = content.Buttons,
    };
}
