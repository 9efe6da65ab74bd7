namespace Postmortem.Core.Language;

/// <summary>The parts found in an action item's text; any may be missing.</summary>
public sealed record ActionItemDraft(string? Change, IReadOnlyList<string> OwnerIds, DateOnly? Due, string? DoneWhen);
