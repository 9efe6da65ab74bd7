using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Postmortem.Slack.Inbound;

namespace Postmortem.Slack.Tests.Inbound;

public sealed class SlackSignatureVerifierTests
{
    private const string Secret = "our-own-secret-4f1c";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 14, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"type\":\"event_callback\",\"event_id\":\"Ev1\"}");

    private readonly FakeTimeProvider _time = new(Now);

    private static string Timestamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>Computed here independently of the verifier: hex HMAC-SHA256 over "v0:ts:body".</summary>
    private static string ExpectedSignature(string secret, string timestamp, byte[] body)
    {
        var message = Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(body).ToArray();
        return "v0=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message)).ToLowerInvariant();
    }

    [Fact]
    public void Request_signed_with_the_secret_is_accepted()
    {
        var ts = Timestamp(Now);
        var verifier = new SlackSignatureVerifier(Secret, _time);

        var result = verifier.Verify(ts, ExpectedSignature(Secret, ts, Body), Body);

        Assert.True(result.IsValid, result.Reason);
    }

    [Fact]
    public void Sign_produces_the_header_slack_would_send()
    {
        var ts = Timestamp(Now);

        Assert.Equal(ExpectedSignature(Secret, ts, Body), SlackSignatureVerifier.Sign(Secret, ts, Body));
    }

    [Fact]
    public void Uppercase_hex_signature_is_accepted()
    {
        var ts = Timestamp(Now);
        var signature = "v0=" + ExpectedSignature(Secret, ts, Body)[3..].ToUpperInvariant();

        Assert.True(new SlackSignatureVerifier(Secret, _time).Verify(ts, signature, Body).IsValid);
    }

    [Fact]
    public void Request_signed_with_another_secret_is_refused()
    {
        var ts = Timestamp(Now);

        var result = new SlackSignatureVerifier(Secret, _time).Verify(ts, ExpectedSignature("not-the-secret", ts, Body), Body);

        Assert.False(result.IsValid);
        Assert.Equal("signature mismatch", result.Reason);
    }

    [Fact]
    public void Tampered_body_is_refused()
    {
        var ts = Timestamp(Now);
        var signature = ExpectedSignature(Secret, ts, Body);
        var tampered = Body.ToArray();
        tampered[^2] ^= 0x01;

        Assert.False(new SlackSignatureVerifier(Secret, _time).Verify(ts, signature, tampered).IsValid);
    }

    [Fact]
    public void Signature_for_another_timestamp_is_refused()
    {
        var signature = ExpectedSignature(Secret, Timestamp(Now.AddSeconds(-1)), Body);

        Assert.False(new SlackSignatureVerifier(Secret, _time).Verify(Timestamp(Now), signature, Body).IsValid);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86_400)]
    public void Timestamp_more_than_five_minutes_away_is_refused(int offsetSeconds)
    {
        var ts = Timestamp(Now.AddSeconds(offsetSeconds));

        var result = new SlackSignatureVerifier(Secret, _time).Verify(ts, ExpectedSignature(Secret, ts, Body), Body);

        Assert.False(result.IsValid);
        Assert.Contains("five-minute window", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void Timestamp_exactly_five_minutes_away_is_accepted(int offsetSeconds)
    {
        var ts = Timestamp(Now.AddSeconds(offsetSeconds));

        Assert.True(new SlackSignatureVerifier(Secret, _time).Verify(ts, ExpectedSignature(Secret, ts, Body), Body).IsValid);
    }

    [Fact]
    public void Missing_timestamp_header_is_refused()
    {
        var signature = ExpectedSignature(Secret, Timestamp(Now), Body);

        var result = new SlackSignatureVerifier(Secret, _time).Verify(null, signature, Body);

        Assert.False(result.IsValid);
        Assert.Contains(SlackSignatureVerifier.TimestampHeader, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_signature_header_is_refused()
    {
        var result = new SlackSignatureVerifier(Secret, _time).Verify(Timestamp(Now), "", Body);

        Assert.False(result.IsValid);
        Assert.Contains(SlackSignatureVerifier.SignatureHeader, result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Without_a_signing_secret_every_request_is_refused(string? secret)
    {
        var ts = Timestamp(Now);
        var verifier = new SlackSignatureVerifier(secret, _time);

        var result = verifier.Verify(ts, ExpectedSignature("", ts, Body), Body);

        Assert.False(result.IsValid);
        Assert.Equal("no signing secret configured", result.Reason);
    }

    [Theory]
    [InlineData("v1=0123")]
    [InlineData("v0=xyz")]
    [InlineData("v0=")]
    public void Malformed_signature_is_refused(string signature)
    {
        Assert.False(new SlackSignatureVerifier(Secret, _time).Verify(Timestamp(Now), signature, Body).IsValid);
    }

    [Fact]
    public void Non_numeric_timestamp_is_refused()
    {
        var result = new SlackSignatureVerifier(Secret, _time).Verify("soon", ExpectedSignature(Secret, "soon", Body), Body);

        Assert.False(result.IsValid);
    }

    [Fact]
    public void Verifiers_with_different_secrets_on_one_thread_each_check_their_own()
    {
        const string Other = "another-workspace-signing-secret";
        var ts = Timestamp(Now);
        var mine = new SlackSignatureVerifier(Secret, _time);
        var theirs = new SlackSignatureVerifier(Other, _time);

        Assert.True(mine.Verify(ts, ExpectedSignature(Secret, ts, Body), Body).IsValid);
        Assert.False(theirs.Verify(ts, ExpectedSignature(Secret, ts, Body), Body).IsValid);
        Assert.True(theirs.Verify(ts, ExpectedSignature(Other, ts, Body), Body).IsValid);
        Assert.False(mine.Verify(ts, ExpectedSignature(Other, ts, Body), Body).IsValid);
        Assert.True(mine.Verify(ts, ExpectedSignature(Secret, ts, Body), Body).IsValid);
    }

    [Fact]
    public void A_refused_request_does_not_change_the_next_check()
    {
        var ts = Timestamp(Now);
        var verifier = new SlackSignatureVerifier(Secret, _time);
        var signature = ExpectedSignature(Secret, ts, Body);

        Assert.False(verifier.Verify(ts, signature, Encoding.UTF8.GetBytes("{\"type\":\"tampered\"}")).IsValid);
        Assert.True(verifier.Verify(ts, signature, Body).IsValid);
        Assert.True(verifier.Verify(ts, signature, Body).IsValid);
    }

    [Fact]
    public void Timestamp_padded_with_zeros_is_checked_as_sent()
    {
        var ts = new string('0', 40) + Timestamp(Now);
        var verifier = new SlackSignatureVerifier(Secret, _time);

        Assert.True(verifier.Verify(ts, ExpectedSignature(Secret, ts, Body), Body).IsValid);
        Assert.False(verifier.Verify(ts, ExpectedSignature(Secret, Timestamp(Now), Body), Body).IsValid);
    }
}
