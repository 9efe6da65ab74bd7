using Postmortem.Core.Language;

namespace Postmortem.Core.Tests.Language;

public sealed class ActionItemParserTests
{
    private static readonly DateOnly Today = new(2026, 11, 18); // a Wednesday

    [Fact]
    public void Complete_item_is_accepted_with_every_part()
    {
        var result = ActionItemParser.Parse(
            "Add an alert on cert expiry <@U1> by Friday done when the alert fires in staging for a cert with < 14 days left", Today);

        Assert.True(result.IsAccepted, string.Join("; ", result.Problems));
        Assert.Equal("Add an alert on cert expiry", result.Draft.Change);
        Assert.Equal(["U1"], result.Draft.OwnerIds);
        Assert.Equal(new DateOnly(2026, 11, 20), result.Draft.Due);
        Assert.Equal("the alert fires in staging for a cert with < 14 days left", result.Draft.DoneWhen);
    }

    [Fact]
    public void Refusal_names_every_missing_part()
    {
        var result = ActionItemParser.Parse("be more careful", Today);

        Assert.False(result.IsAccepted);
        Assert.Collection(result.Problems,
            p => Assert.StartsWith("a specific change — “be more careful” can't be checked", p, StringComparison.Ordinal),
            p => Assert.Equal("an owner — mention exactly one person, like @name", p),
            p => Assert.Equal("a due date — add `by 2026-12-05`, `by Friday` or `by in 2 weeks`", p),
            p => Assert.Equal("a `done when` check — how will anyone know it's done?", p));
    }

    [Fact]
    public void Empty_text_is_refused_for_every_part()
    {
        var result = ActionItemParser.Parse("", Today);

        Assert.Null(result.Draft.Change);
        Assert.Equal(4, result.Problems.Count);
    }

    [Fact]
    public void Past_due_date_is_refused()
    {
        var result = ActionItemParser.Parse("Add an alert on cert expiry <@U1> by 2026-01-02 done when the alert fires in staging", Today);

        Assert.Equal(new DateOnly(2026, 1, 2), result.Draft.Due);
        Assert.Equal(["a due date that isn't past — 2026-01-02 is in the past"], result.Problems);
    }

    [Fact]
    public void Due_today_is_accepted() =>
        Assert.True(ActionItemParser.Parse("Add an alert on cert expiry <@U1> by today done when the alert fires in staging", Today).IsAccepted);

    [Fact]
    public void Two_owners_are_refused_and_named()
    {
        var result = ActionItemParser.Parse("Add an alert on cert expiry <@U1> <@U2|bob> by Friday done when the alert fires in staging", Today);

        Assert.Equal(["U1", "U2"], result.Draft.OwnerIds);
        Assert.Equal(["exactly one owner — it names two (<@U1>, <@U2>); keep the one person who will drive it"], result.Problems);
    }

    [Fact]
    public void Parts_may_come_in_any_order()
    {
        var result = ActionItemParser.Parse(
            "action: <@U1> to make the cert renewal job page on failure done when a failed renewal in staging pages the on-call due in 2 weeks", Today);

        Assert.True(result.IsAccepted, string.Join("; ", result.Problems));
        Assert.Equal("make the cert renewal job page on failure", result.Draft.Change);
        Assert.Equal("a failed renewal in staging pages the on-call", result.Draft.DoneWhen);
        Assert.Equal(new DateOnly(2026, 12, 2), result.Draft.Due);
    }

    [Fact]
    public void Owner_after_the_check_is_still_the_owner()
    {
        var result = ActionItemParser.Parse("Add a canary stage to the payments pipeline by Dec 5 done when a bad build stops at the canary <@U3>", Today);

        Assert.True(result.IsAccepted, string.Join("; ", result.Problems));
        Assert.Equal(["U3"], result.Draft.OwnerIds);
        Assert.Equal("a bad build stops at the canary", result.Draft.DoneWhen);
    }

    [Fact]
    public void Mention_inside_the_check_is_not_an_owner()
    {
        var result = ActionItemParser.Parse("Add a canary stage to the payments pipeline <@U3> by Friday done when <@U4> sees a bad build stop at the canary", Today);

        Assert.True(result.IsAccepted, string.Join("; ", result.Problems));
        Assert.Equal(["U3"], result.Draft.OwnerIds);
        Assert.Equal("<@U4> sees a bad build stop at the canary", result.Draft.DoneWhen);
    }

    [Fact]
    public void By_without_a_date_belongs_to_the_change()
    {
        var result = ActionItemParser.Parse("Cut checkout p99 latency by 50% with a read replica <@U1> by Friday done when p99 stays under 1s for a week", Today);

        Assert.True(result.IsAccepted, string.Join("; ", result.Problems));
        Assert.Equal("Cut checkout p99 latency by 50% with a read replica", result.Draft.Change);
    }

    [Fact]
    public void Slash_date_is_refused_as_ambiguous()
    {
        var result = ActionItemParser.Parse("Add an alert on cert expiry <@U1> by 12/05 done when the alert fires in staging", Today);

        Assert.Null(result.Draft.Due);
        Assert.Single(result.Problems);
        Assert.Contains("“12/05” could be day/month or month/day", result.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Check_of_one_word_is_refused()
    {
        var result = ActionItemParser.Parse("Add an alert on cert expiry <@U1> by Friday done when done", Today);

        Assert.Equal(["a `done when` check with a few more words — “done” doesn't say how anyone will know it's done"], result.Problems);
    }

    [Fact]
    public void Investigate_is_refused_as_a_next_step()
    {
        var result = ActionItemParser.Parse("investigate the outage <@U1> by Friday done when we know the root cause", Today);

        Assert.Single(result.Problems);
        Assert.StartsWith("a specific change — “investigate” is a next step", result.Problems[0], StringComparison.Ordinal);
    }
}
