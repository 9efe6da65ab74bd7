using Xunit.Abstractions;

namespace Postmortem.Core.Tests.Language;

/// <summary>Reads a tab-separated table of labelled chat lines from the Data folder (blank and # lines skipped).</summary>
internal static class LabelledTable
{
    public static IReadOnlyList<Row> Read(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", fileName);
        var rows = new List<Row>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            rows.Add(new Row(number, line.Split('\t')));
        }

        return rows;
    }

    /// <summary>Prints the accuracy and every failing line, so a change that helps one line and breaks three shows.</summary>
    public static void Report(ITestOutputHelper output, string table, int total, IReadOnlyList<string> failures)
    {
        var correct = total - failures.Count;
        output.WriteLine($"{table}: {correct}/{total} correct ({100.0 * correct / Math.Max(total, 1):0.0}%)");
        foreach (var failure in failures)
        {
            output.WriteLine("  FAIL " + failure);
        }
    }

    public sealed record Row(int Line, string[] Fields);
}
