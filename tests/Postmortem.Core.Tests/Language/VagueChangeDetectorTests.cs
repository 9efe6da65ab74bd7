using Postmortem.Core.Language;
using Xunit.Abstractions;

namespace Postmortem.Core.Tests.Language;

public sealed class VagueChangeDetectorTests(ITestOutputHelper output)
{
    [Fact]
    public void Labelled_changes_are_all_read_correctly()
    {
        var rows = LabelledTable.Read("vague-changes.tsv");
        var failures = new List<string>();
        foreach (var row in rows)
        {
            var reason = VagueChangeDetector.WhyVague(row.Fields[1]);
            var actual = reason is null ? "specific" : "vague";
            if (actual != row.Fields[0])
            {
                failures.Add($"line {row.Line}: expected {row.Fields[0]}, got {actual} ({reason}): {row.Fields[1]}");
            }
            else if (reason is not null)
            {
                output.WriteLine($"  {row.Fields[1]} → {reason}");
            }
        }

        LabelledTable.Report(output, "vague-changes.tsv", rows.Count, failures);
        Assert.True(rows.Count >= 20);
        Assert.Empty(failures);
    }

    [Fact]
    public void Reason_quotes_the_vague_words() =>
        Assert.Equal("“be more careful” can't be checked; name what will change in which system so nobody has to remember",
            VagueChangeDetector.WhyVague("Be more careful"));

    [Fact]
    public void Too_short_change_is_vague() =>
        Assert.Contains("too short", VagueChangeDetector.WhyVague("add tests"), StringComparison.Ordinal);

    [Fact]
    public void Improvement_with_a_concrete_target_is_specific() =>
        Assert.Null(VagueChangeDetector.WhyVague("improve monitoring: add an alert when checkout-api p99 > 2s"));
}
