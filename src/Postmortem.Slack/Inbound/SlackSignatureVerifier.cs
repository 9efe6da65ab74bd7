using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Postmortem.Slack.Inbound;

/// <summary>
/// Checks Slack's v0 request signature: HMAC-SHA256 of <c>v0:{timestamp}:{raw body}</c> with the signing secret,
/// compared in constant time, and refuses timestamps more than five minutes away from now.
/// </summary>
public sealed class SlackSignatureVerifier
{
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";

    /// <summary>How far a request's timestamp may be from now, either way.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    private const string Version = "v0";
    private const int HashBytes = 32;

    [ThreadStatic]
    private static IncrementalHash? t_hmac;

    [ThreadStatic]
    private static byte[]? t_hmacKey;

    private readonly byte[]? _secret;
    private readonly TimeProvider _time;

    public SlackSignatureVerifier(IOptions<SlackOptions> options, TimeProvider time)
        : this(options.Value.SigningSecret, time)
    {
    }

    public SlackSignatureVerifier(string? signingSecret, TimeProvider time)
    {
        _secret = string.IsNullOrEmpty(signingSecret) ? null : Encoding.UTF8.GetBytes(signingSecret);
        _time = time;
    }

    /// <summary>Checks the two header values against the raw body bytes exactly as received.</summary>
    public SlackSignatureResult Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (_secret is null)
        {
            return SlackSignatureResult.Refused("no signing secret configured");
        }

        if (string.IsNullOrEmpty(timestamp))
        {
            return SlackSignatureResult.Refused($"missing {TimestampHeader}");
        }

        if (string.IsNullOrEmpty(signature))
        {
            return SlackSignatureResult.Refused($"missing {SignatureHeader}");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SlackSignatureResult.Refused("timestamp is not a number");
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - seconds) > (long)MaxClockSkew.TotalSeconds)
        {
            return SlackSignatureResult.Refused("timestamp outside the five-minute window");
        }

        if (!signature.StartsWith(Version + "=", StringComparison.Ordinal))
        {
            return SlackSignatureResult.Refused("unsupported signature version");
        }

        var hex = signature.AsSpan(Version.Length + 1);
        Span<byte> given = stackalloc byte[HashBytes];
        if (hex.Length != HashBytes * 2
            || Convert.FromHexString(hex, given, out _, out var written) != OperationStatus.Done
            || written != HashBytes)
        {
            return SlackSignatureResult.Refused("malformed signature");
        }

        Span<byte> expected = stackalloc byte[HashBytes];
        ComputeHash(_secret, timestamp, body, expected);
        return CryptographicOperations.FixedTimeEquals(given, expected)
            ? SlackSignatureResult.Valid
            : SlackSignatureResult.Refused("signature mismatch");
    }

    /// <summary>The <c>v0=…</c> header value Slack would send for this body (used by tests and local tools).</summary>
    public static string Sign(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[HashBytes];
        ComputeHash(Encoding.UTF8.GetBytes(signingSecret), timestamp, body, hash);
        return Version + "=" + Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// HMAC-SHA256 of <c>v0:{timestamp}:{body}</c> with an HMAC kept per thread, so the key is prepared once per thread
    /// instead of once per request. A hash that fails half-way is dropped, so no state carries over.
    /// </summary>
    private static void ComputeHash(byte[] secret, string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        if (t_hmac is null || !ReferenceEquals(t_hmacKey, secret))
        {
            t_hmac?.Dispose();
            t_hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
            t_hmacKey = secret;
        }

        var hmac = t_hmac;
        try
        {
            const int StackLimit = 128;
            var prefixLength = Version.Length + 2 + Encoding.UTF8.GetByteCount(timestamp);
            Span<byte> prefix = prefixLength <= StackLimit ? stackalloc byte[StackLimit] : new byte[prefixLength];
            var written = Encoding.UTF8.GetBytes(Version, prefix);
            prefix[written++] = (byte)':';
            written += Encoding.UTF8.GetBytes(timestamp, prefix[written..]);
            prefix[written++] = (byte)':';
            hmac.AppendData(prefix[..written]);
            hmac.AppendData(body);
            hmac.GetHashAndReset(destination);
        }
        catch
        {
            hmac.Dispose();
            t_hmac = null;
            t_hmacKey = null;
            throw;
        }
    }
}
