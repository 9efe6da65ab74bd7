namespace Postmortem.Teams.Outbound;

/// <summary>The bot could not get its Bot Connector token.</summary>
public sealed class BotTokenException : Exception
{
    public BotTokenException(string message, bool permanent)
        : base(message)
    {
        Permanent = permanent;
    }

    public BotTokenException()
    {
    }

    public BotTokenException(string message)
        : base(message)
    {
    }

    public BotTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Trying again cannot help (wrong credentials, no credentials).</summary>
    public bool Permanent { get; }
}
