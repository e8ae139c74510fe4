using System.Text;

namespace LlmIngest.Redaction;

/// <summary>Writes the replacement of one finding in the configured <see cref="RedactionStyle"/>.</summary>
internal sealed class FindingReplacer
{
    private const int MinimumMaskedLength = 8;
    private const int MaskKeeps = 4;
    private const int MaxStackValue = 256;

    private readonly RedactionStyle _style;
    private readonly KeyedPseudonymizer? _pseudonymizer;

    public FindingReplacer(RedactionStyle style, KeyedPseudonymizer? pseudonymizer = null)
    {
        if (style == RedactionStyle.Pseudonym && pseudonymizer is null)
        {
            throw new ArgumentException("The pseudonym style needs a key.", nameof(pseudonymizer));
        }

        _style = style;
        _pseudonymizer = pseudonymizer;
    }

    public static FindingReplacer Markers { get; } = new(RedactionStyle.Marker);

    public void Append(StringBuilder builder, IPiiDetector detector, ReadOnlySpan<char> value)
    {
        switch (_style)
        {
            case RedactionStyle.Mask:
                AppendMasked(builder, detector, value);
                break;
            case RedactionStyle.Pseudonym:
                AppendPseudonym(builder, detector, value);
                break;
            default:
                builder.Append(detector.Marker);
                break;
        }
    }

    private static void AppendMasked(StringBuilder builder, IPiiDetector detector, ReadOnlySpan<char> value)
    {
        var marker = detector.Marker;
        switch (detector.Shape)
        {
            case FindingShape.Email when value.LastIndexOf('@') is var at and > 0:
                AppendOpen(builder, marker).Append(" ****").Append(value[at..]);
                AppendClose(builder, marker);
                break;
            case FindingShape.Number when CountAlphanumerics(value) >= MinimumMaskedLength:
                AppendOpen(builder, marker).Append(" ****").Append(LastAlphanumerics(value, MaskKeeps));
                AppendClose(builder, marker);
                break;
            default:
                builder.Append(marker);
                break;
        }
    }

    private void AppendPseudonym(StringBuilder builder, IPiiDetector detector, ReadOnlySpan<char> value)
    {
        // Normalize so "4111 1111 1111 1111" and "4111-1111-1111-1111", or two spellings of one address, share a token.
        Span<char> buffer = value.Length <= MaxStackValue ? stackalloc char[value.Length] : new char[value.Length];
        var length = 0;
        foreach (var c in value)
        {
            switch (detector.Shape)
            {
                case FindingShape.Number when char.IsAsciiLetterOrDigit(c):
                    buffer[length++] = char.ToUpperInvariant(c);
                    break;
                case FindingShape.Number:
                    break;
                case FindingShape.Email:
                    buffer[length++] = char.ToLowerInvariant(c);
                    break;
                default:
                    buffer[length++] = c;
                    break;
            }
        }

        Span<char> token = stackalloc char[KeyedPseudonymizer.TokenLength];
        _pseudonymizer!.Write(buffer[..length], token);
        var marker = detector.Marker;
        AppendOpen(builder, marker).Append(':').Append(token);
        AppendClose(builder, marker);
    }

    private static StringBuilder AppendOpen(StringBuilder builder, string marker) =>
        marker.EndsWith(']') ? builder.Append(marker, 0, marker.Length - 1) : builder.Append(marker);

    private static void AppendClose(StringBuilder builder, string marker)
    {
        if (marker.EndsWith(']'))
        {
            builder.Append(']');
        }
    }

    private static int CountAlphanumerics(ReadOnlySpan<char> value)
    {
        var count = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                count++;
            }
        }

        return count;
    }

    private static ReadOnlySpan<char> LastAlphanumerics(ReadOnlySpan<char> value, int count)
    {
        // Separators inside the kept tail ("0130 00") are dropped by taking the tail of the compact form.
        Span<char> tail = new char[count];
        var filled = 0;
        for (var i = value.Length - 1; i >= 0 && filled < count; i--)
        {
            if (char.IsAsciiLetterOrDigit(value[i]))
            {
                tail[count - 1 - filled++] = value[i];
            }
        }

        return tail[(count - filled)..];
    }
}
