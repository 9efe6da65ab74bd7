namespace Postmortem.Host.Playground;

/// <summary>The latest published postmortem in the playground channel (all null before the first render).</summary>
public sealed record PlaygroundPostmortemView(string? Markdown, string? FileName, string? MessageId);
