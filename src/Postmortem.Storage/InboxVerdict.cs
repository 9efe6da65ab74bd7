using Postmortem.Core.Facilitation;

namespace Postmortem.Storage;

/// <summary>
/// What an <see cref="IInboxDecider"/> made of one inbox item: a decision to commit, or the reason it failed.
/// <see cref="SessionChanged"/> false says the decision's session is the one already stored, so it is not written again.
/// </summary>
public sealed record InboxVerdict(Decision? Decision, string? Error, bool SessionChanged = true)
{
    public static InboxVerdict Decided(Decision decision, bool sessionChanged = true) =>
        new(decision ?? throw new ArgumentNullException(nameof(decision)), null, sessionChanged);

    /// <summary>A poison item: it is kept with <paramref name="error"/> and never decided again.</summary>
    public static InboxVerdict Failed(string error) => new(null, error);
}
