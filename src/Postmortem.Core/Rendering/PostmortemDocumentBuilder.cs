using Postmortem.Core.Sessions;
using Postmortem.Core.Timeline;

namespace Postmortem.Core.Rendering;

/// <summary>Builds the neutral document from a session and its timeline.</summary>
public static class PostmortemDocumentBuilder
{
    public static PostmortemDocument Build(PostmortemSession session, ITimelineView timeline, DateTimeOffset generatedAt) =>
        new() { SessionId = session.Id, Title = session.Title };
}
