using Postmortem.Core.Language;
using Postmortem.Core.Sessions;
using Xunit.Abstractions;

namespace Postmortem.Core.Tests.Language;

public sealed class KeyMomentDetectorTests(ITestOutputHelper output)
{
    [Fact]
    public void Labelled_chat_lines_are_all_read_correctly()
    {
        var rows = LabelledTable.Read("key-moments.tsv");
        var failures = new List<string>();
        foreach (var row in rows)
        {
            var expected = Label(row.Fields[0]);
            var actual = KeyMomentDetector.Detect(row.Fields[2], bool.Parse(row.Fields[1]));
            if (actual != expected)
            {
                failures.Add($"line {row.Line}: expected {Name(expected)}, got {Name(actual)}: {row.Fields[2]}");
            }
        }

        LabelledTable.Report(output, "key-moments.tsv", rows.Count, failures);
        Assert.True(rows.Count >= 40, "the table needs at least 40 lines");
        Assert.True(rows.Count(r => r.Fields[0] == "none") * 3 >= rows.Count, "a third of the lines should be no moment");
        Assert.Empty(failures);
    }

    [Fact]
    public void Word_precheck_never_hides_a_moment_the_rules_find()
    {
        foreach (var row in LabelledTable.Read("key-moments.tsv").Where(r => r.Fields[1] == "false"))
        {
            var text = row.Fields[2];
            Assert.Equal(KeyMomentDetector.DetectWithoutPrecheck(text), KeyMomentDetector.Detect(text, isAlert: false));
        }
    }

    [Theory]
    [InlineData("not mitigated yet")]
    [InlineData("we haven't mitigated anything")]
    [InlineData("we haven’t mitigated anything")]
    [InlineData("errors not back to normal")]
    public void Negated_mitigation_is_not_a_moment(string text) =>
        Assert.Null(KeyMomentDetector.Detect(text, isAlert: false));

    [Theory]
    [InlineData("rollback failed")]
    [InlineData("rolled back but still seeing 5xx")]
    [InlineData("fix deployed, didn't help")]
    public void Failed_mitigation_is_not_a_moment(string text) =>
        Assert.Null(KeyMomentDetector.Detect(text, isAlert: false));

    [Theory]
    [InlineData("is it resolved?")]
    [InlineData("is the incident resolved")]
    [InlineData("should we page the db on-call?")]
    public void Question_is_not_a_moment(string text) =>
        Assert.Null(KeyMomentDetector.Detect(text, isAlert: false));

    [Fact]
    public void Statement_before_a_question_still_counts() =>
        Assert.Equal(KeyMoment.Mitigated, KeyMomentDetector.Detect("rollback done, can someone confirm on the dashboard?", isAlert: false));

    [Fact]
    public void Alert_status_word_decides_for_alert_bots()
    {
        Assert.Equal(KeyMoment.Detected, KeyMomentDetector.Detect("[FIRING:1] DiskFull on db-2", isAlert: true));
        Assert.Equal(KeyMoment.Resolved, KeyMomentDetector.Detect("[RESOLVED] DiskFull on db-2", isAlert: true));
    }

    [Fact]
    public void Pasted_alert_text_counts_for_a_person_too() =>
        Assert.Equal(KeyMoment.Detected, KeyMomentDetector.Detect("look: [FIRING] HighErrorRate on checkout", isAlert: false));

    [Fact]
    public void Line_with_several_moments_reports_the_latest_in_the_incident() =>
        Assert.Equal(KeyMoment.Declared, KeyMomentDetector.Detect("seeing elevated 5xx on checkout, declaring a SEV2", isAlert: false));

    [Fact]
    public void Being_paged_is_detection_and_paging_someone_is_escalation()
    {
        Assert.Equal(KeyMoment.Detected, KeyMomentDetector.Detect("I got paged for HighErrorRate", isAlert: false));
        Assert.Equal(KeyMoment.Escalated, KeyMomentDetector.Detect("paging <@U7> for the db", isAlert: false));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("good morning all")]
    public void Empty_or_plain_text_is_no_moment(string text) =>
        Assert.Null(KeyMomentDetector.Detect(text, isAlert: false));

    private static KeyMoment? Label(string label) =>
        label == "none" ? null : Enum.Parse<KeyMoment>(label, ignoreCase: true);

    private static string Name(KeyMoment? moment) => moment?.ToString().ToLowerInvariant() ?? "none";
}
