using Postmortem.Core.Rendering;
using Postmortem.Core.Sessions;
using static Postmortem.Core.Tests.Rendering.Incident;

namespace Postmortem.Core.Tests.Rendering;

public class KeyMomentFinderTests
{
    [Fact]
    public void Empty_session_has_no_key_moments() =>
        Assert.Empty(KeyMomentFinder.Find(Session(), Channel()));

    [Fact]
    public void Hand_set_marks_are_returned_with_who_set_them()
    {
        var session = Session() with
        {
            Marks = [new MomentMark(KeyMoment.Mitigated, At(50), Bob.Id), new MomentMark(KeyMoment.Detected, At(5), Alice.Id)],
        };

        var moments = KeyMomentFinder.Find(session, Channel(Message("m1", 0, Alice, "checkout is slow")));

        Assert.Equal(2, moments.Count);
        Assert.Equal(new MomentOccurrence(KeyMoment.Mitigated, At(50), null, Bob.Id, SetByHand: true), moments[KeyMoment.Mitigated]);
        Assert.Equal(new MomentOccurrence(KeyMoment.Detected, At(5), null, Alice.Id, SetByHand: true), moments[KeyMoment.Detected]);
    }

    [Fact]
    public void Latest_mark_for_a_moment_wins()
    {
        var session = Session() with
        {
            Marks = [new MomentMark(KeyMoment.Resolved, At(90), Alice.Id), new MomentMark(KeyMoment.Resolved, At(80), Bob.Id)],
        };

        var resolved = KeyMomentFinder.Find(session, Channel())[KeyMoment.Resolved];

        Assert.Equal(At(80), resolved.At);
        Assert.Equal(Bob.Id, resolved.ByUserId);
    }

    [Fact]
    public void Mark_overrides_a_moment_found_in_the_text()
    {
        var session = Session() with { Marks = [new MomentMark(KeyMoment.Mitigated, At(45), Carol.Id)] };
        var timeline = Channel(Message("m1", 30, Bob, "mitigated: rollback complete"));

        var mitigated = KeyMomentFinder.Find(session, timeline)[KeyMoment.Mitigated];

        Assert.True(mitigated.SetByHand);
        Assert.Equal(At(45), mitigated.At);
        Assert.Null(mitigated.MessageId);
    }

    /// <summary>Depends on Language.KeyMomentDetector recognising "mitigated: rollback complete".</summary>
    [Fact]
    public void Detector_dependent_first_mitigated_line_since_the_start_point_is_found()
    {
        var session = Session(since: At(10));
        var timeline = Channel(
            Message("old", 5, Bob, "mitigated: rollback complete"),
            Message("bot", 20, Self, "mitigated: rollback complete"),
            Message("m1", 30, Bob, "mitigated: rollback complete"),
            Message("m2", 40, Carol, "mitigated: rollback complete"));

        var mitigated = KeyMomentFinder.Find(session, timeline)[KeyMoment.Mitigated];

        Assert.Equal(new MomentOccurrence(KeyMoment.Mitigated, At(30), "m1", Bob.Id, SetByHand: false), mitigated);
    }
}
