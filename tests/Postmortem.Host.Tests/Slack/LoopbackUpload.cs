using System.Text;

namespace Postmortem.Host.Tests.Slack;

/// <summary>A file uploaded to <see cref="LoopbackSlackApi"/> the current way: URL handed out, bytes sent, upload completed.</summary>
public sealed class LoopbackUpload
{
    public required string FileId { get; init; }

    public required string FileName { get; init; }

    /// <summary>The length announced to <c>files.getUploadURLExternal</c>.</summary>
    public required int DeclaredLength { get; init; }

    public byte[]? Bytes { get; set; }

    public string? Title { get; set; }

    public string? ChannelId { get; set; }

    public string? InitialComment { get; set; }

    public bool Completed { get; set; }

    public string Text => Encoding.UTF8.GetString(Bytes ?? []);
}
