namespace Postmortem.Core.Actions;

/// <summary>A button under a message; pressing it arrives as a <see cref="Events.ButtonPressed"/>.</summary>
public sealed record MessageButton(string ActionId, string Label, string? Value = null, bool Primary = false);
