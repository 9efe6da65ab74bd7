using System.ComponentModel.DataAnnotations;

namespace Postmortem.Host.Capture;

/// <summary>How channel messages seen before any <c>start</c> are kept (section <c>Capture</c>).</summary>
public sealed class CaptureOptions
{
    public const string Section = "Capture";

    /// <summary>Days to keep messages no session claimed; 0 keeps nothing until <c>start</c>.</summary>
    [Range(0, 3650)]
    public int RetentionDays { get; set; } = 7;
}
