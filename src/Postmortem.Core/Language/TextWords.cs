using System.Text.RegularExpressions;

namespace Postmortem.Core.Language;

/// <summary>Word counting shared by the language rules.</summary>
internal static partial class TextWords
{
    private static readonly HashSet<string> Filler = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "to", "of", "and", "or", "be", "is", "are", "was", "it", "its", "it's", "this", "that", "these",
        "those", "we", "us", "our", "i", "you", "they", "he", "she", "them", "all", "for", "on", "in", "at", "with",
        "will", "should", "would", "could", "can", "must", "need", "needs", "just", "some", "more", "better", "really",
        "very", "so", "do", "does", "done", "make", "made", "sure", "get", "got", "thing", "things", "stuff", "etc",
        "also", "then", "again", "please", "maybe", "as", "by", "up", "out", "about", "when", "if",
    };

    /// <summary>How many words in <paramref name="text"/> say something (not "the", "it", "be", "more"...).</summary>
    internal static int Meaningful(string text)
    {
        var count = 0;
        foreach (var word in Word().EnumerateMatches(text))
        {
            if (!Filler.Contains(text.Substring(word.Index, word.Length)))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>How many words <paramref name="text"/> has.</summary>
    internal static int Count(string text) => Word().Count(text);

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’._/-]*|[<>]=?\s*\d", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
