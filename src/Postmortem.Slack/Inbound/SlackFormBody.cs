using System.Buffers;
using System.Text;

namespace Postmortem.Slack.Inbound;

/// <summary>
/// An <c>application/x-www-form-urlencoded</c> body read in place: a field's value is decoded only when it is asked
/// for, so the fields a slash command carries but the bot does not use (response_url, api_app_id, …) cost nothing.
/// Keys and values are percent-decoded (<c>+</c> is a space) as UTF-8; an invalid escape stays as it is; when a key
/// repeats, the first one counts. The body must outlive the instance.
/// </summary>
internal sealed class SlackFormBody(ReadOnlyMemory<byte> body)
{
    private const int StackDecodeBytes = 512;

    public bool Contains(string name) => Find(name, out _);

    /// <summary>The decoded value of the first field called <paramref name="name"/>, or null when there is none.</summary>
    public string? Value(string name)
    {
        if (!Find(name, out var value))
        {
            return null;
        }

        var raw = body.Span.Slice(value.Start, value.Length);
        if (raw.IndexOfAny((byte)'%', (byte)'+') < 0)
        {
            return Encoding.UTF8.GetString(raw);
        }

        var rented = raw.Length > StackDecodeBytes ? ArrayPool<byte>.Shared.Rent(raw.Length) : null;
        try
        {
            Span<byte> decoded = rented is null ? stackalloc byte[StackDecodeBytes] : rented;
            return Encoding.UTF8.GetString(decoded[..Decode(raw, decoded)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The decoded value as UTF-8 bytes (a JSON <c>payload</c>, parsed without a detour through a string).</summary>
    public byte[]? Bytes(string name)
    {
        if (!Find(name, out var value))
        {
            return null;
        }

        var decoded = new byte[value.Length];
        var length = Decode(body.Span.Slice(value.Start, value.Length), decoded);
        return length == decoded.Length ? decoded : decoded[..length];
    }

    private bool Find(string name, out (int Start, int Length) value)
    {
        var span = body.Span;
        var start = 0;
        while (start <= span.Length)
        {
            var end = span[start..].IndexOf((byte)'&') is var amp and >= 0 ? start + amp : span.Length;
            var pair = span[start..end];
            var equals = pair.IndexOf((byte)'=');
            var key = equals < 0 ? pair : pair[..equals];
            if (KeyIs(key, name))
            {
                value = equals < 0 ? (start + pair.Length, 0) : (start + equals + 1, pair.Length - equals - 1);
                return true;
            }

            start = end + 1;
        }

        value = default;
        return false;
    }

    private static bool KeyIs(ReadOnlySpan<byte> key, string name)
    {
        if (key.IndexOfAny((byte)'%', (byte)'+') >= 0)
        {
            Span<byte> decoded = key.Length <= StackDecodeBytes ? stackalloc byte[key.Length] : new byte[key.Length];
            return Encoding.UTF8.GetString(decoded[..Decode(key, decoded)]) == name;
        }

        if (key.Length != name.Length)
        {
            return false;
        }

        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] != name[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Percent-decodes <paramref name="raw"/> into <paramref name="target"/> (never longer); returns the length.</summary>
    private static int Decode(ReadOnlySpan<byte> raw, Span<byte> target)
    {
        var written = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b == '+')
            {
                b = (byte)' ';
            }
            else if (b == '%' && i + 2 < raw.Length && HexValue(raw[i + 1]) is var high and >= 0 && HexValue(raw[i + 2]) is var low and >= 0)
            {
                b = (byte)((high << 4) | low);
                i += 2;
            }

            target[written++] = b;
        }

        return written;
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
