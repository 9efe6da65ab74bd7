namespace Postmortem.Core.Chat;

/// <summary>
/// Mentions inside text are written in one neutral form, <c>&lt;@ID&gt;</c> or <c>&lt;@ID|label&gt;</c>.
/// Adapters translate their platform's mention syntax to and from it.
/// </summary>
public static class Mention
{
    /// <summary>The neutral token for a user id.</summary>
    public static string Of(string userId) => $"<@{userId}>";
}
