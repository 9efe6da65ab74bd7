namespace Postmortem.Host.Playground;

/// <summary>The local playground (section <c>Playground</c>).</summary>
public sealed class PlaygroundOptions
{
    public const string Section = "Playground";

    /// <summary>True or false forces it; unset serves it only when neither Slack nor Teams is configured.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Where the playground channel is kept; default <c>playground.json</c> next to the SQLite database.</summary>
    public string? DataFile { get; set; }
}
