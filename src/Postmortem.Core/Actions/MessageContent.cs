using Postmortem.Core.ActionItems;

namespace Postmortem.Core.Actions;

/// <summary>
/// A platform-neutral message: plain text (with <c>`code`</c>, <c>*bold*</c> and neutral mentions) that every
/// adapter can show as is, plus structure an adapter may render richly.
/// </summary>
public sealed record MessageContent(string Text, MessagePurpose Purpose = MessagePurpose.Info)
{
    public IReadOnlyList<MessageButton> Buttons { get; init; } = [];

    /// <summary>Set for <see cref="MessagePurpose.ActionItem"/>: the item the message shows.</summary>
    public ActionItem? Item { get; init; }
}
