namespace Postmortem.Core.Rendering;

/// <summary>A person named in the document: platform user id and the display name to show.</summary>
public sealed record PersonRef(string UserId, string DisplayName);
