using Postmortem.Core.Language;

namespace Postmortem.Core.Tests.Language;

public sealed class EvidenceDetectorTests
{
    [Fact]
    public void Slack_link_with_label_is_described_by_label_and_address() =>
        Assert.Equal("link: error graph (https://grafana.example.com/d/abc)",
            EvidenceDetector.Find("see <https://grafana.example.com/d/abc|error graph>", hasFile: false));

    [Fact]
    public void Bare_link_loses_trailing_punctuation() =>
        Assert.Equal("link: https://status.example.com/incidents/42",
            EvidenceDetector.Find("it's on https://status.example.com/incidents/42.", hasFile: false));

    [Fact]
    public void Attached_file_is_evidence() =>
        Assert.Equal("attached file", EvidenceDetector.Find("here's the heap dump", hasFile: true));

    [Fact]
    public void Quoted_line_is_evidence() =>
        Assert.Equal("quote: “ERROR cert expired for api.example.com”",
            EvidenceDetector.Find("the log said\n> ERROR cert expired for api.example.com", hasFile: false));

    [Fact]
    public void Quoted_words_are_evidence() =>
        Assert.Equal("quote: “connection pool exhausted after 30s”",
            EvidenceDetector.Find("the service logged \"connection pool exhausted after 30s\" at 14:02", hasFile: false));

    [Theory]
    [InlineData("because the cert expired")]
    [InlineData("the \"cache\" was stale")]
    [InlineData("")]
    public void Plain_answer_has_no_evidence(string text) => Assert.Null(EvidenceDetector.Find(text, hasFile: false));
}
