namespace Postmortem.Slack.Backfill;

/// <summary>What a backfill collected, and the ts of its progress message.</summary>
public sealed record SlackBackfillResult(int Messages, int Threads, string? ProgressMessageId);
