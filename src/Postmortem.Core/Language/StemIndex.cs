using System.Buffers;

namespace Postmortem.Core.Language;

/// <summary>
/// Finds, in one vectorised pass, which rules' stems (lower-case word parts every match of the rule contains) occur in a
/// line, so only those rules' regexes run. Up to 64 rules; the answer is a bit set over rule positions.
/// </summary>
internal sealed class StemIndex
{
    private readonly SearchValues<string> _any;
    private readonly string[] _stems;
    private readonly ulong[] _rulesOfStem;
    private readonly int[][] _stemsByFirstChar = new int[128][];

    public StemIndex(IReadOnlyList<string[]> stemsPerRule)
    {
        if (stemsPerRule.Count > 64)
        {
            throw new ArgumentException("At most 64 rules.", nameof(stemsPerRule));
        }

        var rulesOf = new Dictionary<string, ulong>(StringComparer.OrdinalIgnoreCase);
        for (var r = 0; r < stemsPerRule.Count; r++)
        {
            foreach (var stem in stemsPerRule[r])
            {
                rulesOf[stem] = rulesOf.GetValueOrDefault(stem) | (1UL << r);
            }
        }

        _stems = [.. rulesOf.Keys];
        _rulesOfStem = [.. _stems.Select(s => rulesOf[s])];
        _any = SearchValues.Create(_stems, StringComparison.OrdinalIgnoreCase);
        for (var c = 0; c < 128; c++)
        {
            var lower = char.ToLowerInvariant((char)c);
            _stemsByFirstChar[c] = [.. Enumerable.Range(0, _stems.Length).Where(i => char.ToLowerInvariant(_stems[i][0]) == lower)];
        }

        if (_stems.Any(s => s[0] >= 128))
        {
            throw new ArgumentException("Stems must start with an ASCII character.", nameof(stemsPerRule));
        }
    }

    /// <summary>The bit set of rules with at least one stem in <paramref name="text"/>; 0 when none.</summary>
    public ulong RulesIn(ReadOnlySpan<char> text)
    {
        ulong rules = 0;
        var at = 0;
        while (at < text.Length)
        {
            var found = text[at..].IndexOfAny(_any);
            if (found < 0)
            {
                break;
            }

            at += found;
            var rest = text[at..];
            foreach (var i in _stemsByFirstChar[rest[0] & 127])
            {
                if (rest.StartsWith(_stems[i], StringComparison.OrdinalIgnoreCase))
                {
                    rules |= _rulesOfStem[i];
                }
            }

            at++;
        }

        return rules;
    }
}
