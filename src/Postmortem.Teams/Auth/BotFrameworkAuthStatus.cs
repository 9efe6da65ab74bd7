namespace Postmortem.Teams.Auth;

/// <summary>The outcome of checking an inbound activity's token.</summary>
public enum BotFrameworkAuthStatus
{
    /// <summary>The token is valid and bound to this activity.</summary>
    Valid,

    /// <summary>No usable token (missing, malformed, bad signature, expired, wrong issuer or audience): answer 401.</summary>
    Unauthorized,

    /// <summary>A valid token that does not cover this activity (serviceUrl or channel endorsement mismatch): answer 403.</summary>
    Forbidden,

    /// <summary>The signing keys could not be fetched and none are cached: answer 503 so the Bot Framework retries.</summary>
    Unavailable,
}
