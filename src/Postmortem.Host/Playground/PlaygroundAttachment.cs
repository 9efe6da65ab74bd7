namespace Postmortem.Host.Playground;

/// <summary>A file on a playground message (the published postmortem's Markdown).</summary>
public sealed record PlaygroundAttachment(string FileName, string Content);
