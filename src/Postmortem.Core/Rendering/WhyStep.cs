namespace Postmortem.Core.Rendering;

/// <summary>One question and its answer in a 5-Whys chain.</summary>
/// <param name="Evidence">A link, file or quote backing the answer; null means "no evidence given".</param>
public sealed record WhyStep(
    int Level,
    string Question,
    string Answer,
    string? Evidence,
    string AuthorId,
    string AuthorName,
    DateTimeOffset AnsweredAt,
    string MessageId);
