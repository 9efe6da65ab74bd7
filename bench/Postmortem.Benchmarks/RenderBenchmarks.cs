using BenchmarkDotNet.Attributes;
using Postmortem.Core.Rendering;
using Postmortem.Core.Sessions;
using Postmortem.Core.Timeline;

namespace Postmortem.Benchmarks;

/// <summary>Timeline building, document building and Markdown rendering for a large channel.</summary>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    private static readonly DateTimeOffset GeneratedAt = SyntheticIncident.Start.AddHours(4);

    private TimelineChange[] _changes = [];
    private PostmortemSession _session = null!;
    private ChannelTimeline _timeline = null!;
    private PostmortemDocument _document = null!;

    [Params(10_000, 100_000)]
    public int Messages { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _changes = SyntheticIncident.Changes(Messages);
        _session = SyntheticIncident.Session();
        _timeline = new ChannelTimeline();
        _timeline.Apply(_changes);
        _timeline.InOrder();
        _document = PostmortemDocumentBuilder.Build(_session, _timeline, GeneratedAt);
    }

    /// <summary>The whole path: apply every change to a new timeline, then build and render.</summary>
    [Benchmark(Baseline = true)]
    public string ApplyBuildRender()
    {
        var timeline = new ChannelTimeline();
        timeline.Apply(_changes);
        return MarkdownRenderer.Render(PostmortemDocumentBuilder.Build(_session, timeline, GeneratedAt));
    }

    /// <summary>Build and render on a timeline that is already collected and ordered (what a re-render costs).</summary>
    [Benchmark]
    public string BuildRender() =>
        MarkdownRenderer.Render(PostmortemDocumentBuilder.Build(_session, _timeline, GeneratedAt));

    /// <summary>Only the document building (key-moment scan included).</summary>
    [Benchmark]
    public PostmortemDocument Build() => PostmortemDocumentBuilder.Build(_session, _timeline, GeneratedAt);

    /// <summary>Only the key-moment scan (the language detector on each message until every moment is found).</summary>
    [Benchmark]
    public int FindKeyMoments() => KeyMomentFinder.Find(_session, _timeline).Count;

    /// <summary>Only the Markdown rendering of a built document.</summary>
    [Benchmark]
    public string Render() => MarkdownRenderer.Render(_document);
}
