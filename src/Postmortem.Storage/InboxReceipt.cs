using Postmortem.Core.Actions;

namespace Postmortem.Storage;

/// <summary>
/// What <see cref="IPostmortemStore.AcceptAsync(Postmortem.Core.Events.ChatEvent, IInboxDecider, Func{ChatAction, bool}?, CancellationToken)"/>
/// did with an event, and the reply the caller sends in its acknowledgement (null when there is none: every action of
/// the decision is then in the outbox).
/// </summary>
public sealed record InboxReceipt(InboxAcceptance Acceptance, ChatAction? Reply = null);
