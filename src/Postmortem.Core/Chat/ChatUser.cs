namespace Postmortem.Core.Chat;

/// <summary>A person or bot as the platform names it.</summary>
/// <param name="IsBot">Another bot (an alerting tool, say); its messages are kept and marked as alerts.</param>
/// <param name="IsSelf">This bot; its own messages never enter the timeline.</param>
public sealed record ChatUser(string Id, string DisplayName, bool IsBot = false, bool IsSelf = false);
