namespace Postmortem.Core.Rendering;

/// <summary>The rendered postmortem, platform-neutral. (Placeholder shape; the rendering work defines it fully.)</summary>
public sealed record PostmortemDocument
{
    public required string SessionId { get; init; }

    public required string Title { get; init; }
}
