namespace Postmortem.Teams.Auth;

/// <summary>What <see cref="BotFrameworkTokenValidator"/> decided, and why (safe to log: never holds the token).</summary>
public sealed record BotFrameworkAuthResult(BotFrameworkAuthStatus Status, string Reason)
{
    /// <summary>The token's <c>serviceurl</c> claim, when the token was valid.</summary>
    public string? ServiceUrlClaim { get; init; }

    /// <summary>The channels the signing key is endorsed for, when the token was valid.</summary>
    public IReadOnlyList<string> Endorsements { get; init; } = [];

    public bool IsValid => Status == BotFrameworkAuthStatus.Valid;

    internal static BotFrameworkAuthResult Unauthorized(string reason) => new(BotFrameworkAuthStatus.Unauthorized, reason);

    internal static BotFrameworkAuthResult Forbidden(string reason) => new(BotFrameworkAuthStatus.Forbidden, reason);
}
