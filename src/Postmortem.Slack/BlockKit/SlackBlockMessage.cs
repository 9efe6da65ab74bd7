using System.Text.Json.Nodes;

namespace Postmortem.Slack.BlockKit;

/// <summary>One Slack message as rendered: the fallback <c>text</c> (notifications) and its blocks.</summary>
public sealed record SlackBlockMessage(string Text, IReadOnlyList<JsonObject> Blocks);
