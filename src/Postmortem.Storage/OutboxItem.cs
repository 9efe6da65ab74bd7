using Postmortem.Core.Actions;

namespace Postmortem.Storage;

/// <summary>An action waiting to be sent; <see cref="Attempts"/> counts the tries so far.</summary>
public sealed record OutboxItem(long Id, ChatAction Action, int Attempts);
