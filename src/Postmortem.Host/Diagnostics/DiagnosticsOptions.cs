namespace Postmortem.Host.Diagnostics;

/// <summary>Settings of the diagnostics endpoints (section <c>Diagnostics</c>); off unless <c>Diagnostics__Enabled=true</c>.</summary>
public sealed class DiagnosticsOptions
{
    public const string Section = "Diagnostics";

    /// <summary>Maps <c>GET /diagnostics/inbox-count</c> and <c>GET /diagnostics/runtime</c>. For benchmarks and local checks, not for production.</summary>
    public bool Enabled { get; set; }
}
