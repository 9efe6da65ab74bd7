using Postmortem.Core.Language;
using Xunit.Abstractions;

namespace Postmortem.Core.Tests.Language;

public sealed class BlameDetectorTests(ITestOutputHelper output)
{
    [Fact]
    public void Labelled_answers_are_all_read_correctly()
    {
        var rows = LabelledTable.Read("blame.tsv");
        var failures = new List<string>();
        foreach (var row in rows)
        {
            var finding = BlameDetector.Check(row.Fields[1]);
            var actual = finding is null ? "ok" : "blame";
            if (actual != row.Fields[0])
            {
                failures.Add($"line {row.Line}: expected {row.Fields[0]}, got {actual} ({finding?.Phrase}): {row.Fields[1]}");
            }
            else if (finding is not null)
            {
                output.WriteLine($"  “{finding.Phrase}” → {finding.Suggestion}");
            }
        }

        LabelledTable.Report(output, "blame.tsv", rows.Count, failures);
        Assert.True(rows.Count >= 25);
        Assert.Empty(failures);
    }

    [Fact]
    public void Forgotten_step_is_reworded_as_a_missing_reminder()
    {
        var finding = BlameDetector.Check("Alice forgot to renew the cert, so the API went down");

        Assert.NotNull(finding);
        Assert.Equal("Alice forgot to renew the cert", finding.Phrase);
        Assert.Equal("renewing the cert depended on someone remembering; nothing reminded or automated it", finding.Suggestion);
    }

    [Fact]
    public void Mention_with_a_label_is_a_person()
    {
        var finding = BlameDetector.Check("<@U9|sam> didn't check the dashboard");

        Assert.NotNull(finding);
        Assert.Equal("<@U9|sam> didn't check the dashboard", finding.Phrase);
        Assert.StartsWith("checking the dashboard relied on a person", finding.Suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public void Suggestion_never_repeats_the_person()
    {
        var finding = BlameDetector.Check("Bob fat-fingered his config change");

        Assert.NotNull(finding);
        Assert.DoesNotContain("Bob", finding.Suggestion, StringComparison.Ordinal);
        Assert.DoesNotContain("his", finding.Suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public void Attribution_to_a_person_is_blame()
    {
        var finding = BlameDetector.Check("the outage happened because of <@U123>");

        Assert.NotNull(finding);
        Assert.Equal("because of <@U123>", finding.Phrase);
    }

    [Theory]
    [InlineData("the deploy script forgot the flag")]
    [InlineData("the cache didn't check expiry")]
    [InlineData("config was pushed without review")]
    [InlineData("")]
    public void System_statements_are_not_blame(string text) => Assert.Null(BlameDetector.Check(text));
}
