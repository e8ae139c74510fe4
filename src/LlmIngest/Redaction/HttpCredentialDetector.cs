using System.Buffers;

namespace LlmIngest.Redaction;

/// <summary>
/// HTTP credentials other than <c>Bearer</c> (its own detector): the value of an <c>Authorization</c> or
/// <c>Proxy-Authorization</c> header in any scheme (<c>Basic</c>, <c>Token</c>, <c>SSWS</c>, <c>ApiKey</c>, <c>Bot</c>…;
/// for <c>Digest</c> its <c>response</c>), a bare <c>Basic dXNlcjpwYXNz</c> whose base64 decodes to <c>user:password</c>,
/// and the password of <c>curl -u user:password</c> / <c>--user</c> (the user when the password is empty, as with API keys
/// passed as the user). The header name, the scheme and the user are kept.
/// </summary>
internal sealed class HttpCredentialDetector : IPiiDetector
{
    private const int MaxCredentialLength = 2048;
    private const int MaxDigestLength = 1024;
    private const int MaxUserLength = 256;

    private static readonly SearchValues<string> Anchors =
        SearchValues.Create(["authorization", "basic ", "-u", "--user"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<char> CredentialChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/=:");

    private static readonly SearchValues<char> Base64Chars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=");

    public string Kind => "http_credentials";

    public string Marker => "[CREDENTIALS]";

    public FindingShape Shape => FindingShape.Opaque;

    public void Find(string text, int priority, List<RedactionMatch> matches)
    {
        var from = 0;
        while (from < text.Length)
        {
            var next = text.AsSpan(from).IndexOfAny(Anchors);
            if (next < 0)
            {
                return;
            }

            var anchor = from + next;
            from = anchor + 1;
            var found = text[anchor] switch
            {
                'a' or 'A' => Header(text, anchor),
                'b' or 'B' => BareBasic(text, anchor),
                _ => CurlUser(text, anchor),
            };

            if (found.Length > 0)
            {
                matches.Add(new RedactionMatch(found.Start, found.Length, priority, this));
                from = found.Start + found.Length;
            }
        }
    }

    // Authorization: <scheme> <credential>, also as "Authorization": "…", \"Authorization\": \"…\" and authorization=….
    private static (int Start, int Length) Header(string text, int anchor)
    {
        if (anchor > 0 && char.IsAsciiLetterOrDigit(text[anchor - 1]) || anchor + 13 >= text.Length)
        {
            return default;
        }

        var i = SkipQuote(text, anchor + 13);
        i = SkipBlanks(text, i);
        if (i >= text.Length || text[i] is not (':' or '='))
        {
            return default; // prose: "Authorization is required"
        }

        i = SkipQuote(text, SkipBlanks(text, i + 1));
        var schemeEnd = i;
        while (schemeEnd < text.Length && schemeEnd - i < 32 && (char.IsAsciiLetterOrDigit(text[schemeEnd]) || text[schemeEnd] == '-'))
        {
            schemeEnd++;
        }

        var scheme = text.AsSpan(i, schemeEnd - i);
        if (scheme.IsEmpty || schemeEnd >= text.Length || text[schemeEnd] != ' ')
        {
            // A credential with no scheme: Authorization: 3f9aD0…
            var length = CredentialLength(text, i);
            return length >= 16 && TokenText.MixesClasses(text.AsSpan(i, length)) ? (i, length) : default;
        }

        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || scheme.StartsWith("AWS4-", StringComparison.OrdinalIgnoreCase))
        {
            return default; // Bearer has its own detector; AWS SigV4's Signature= is a secret-named setting
        }

        var credential = SkipBlanks(text, schemeEnd);
        if (scheme.Equals("Digest", StringComparison.OrdinalIgnoreCase))
        {
            return DigestResponse(text, credential);
        }

        var credentialLength = CredentialLength(text, credential);
        return credentialLength >= 6 && !SecretValueText.IsPlaceholder(text.AsSpan(credential, credentialLength), quoted: true)
            ? (credential, credentialLength)
            : default;
    }

    // Digest username="u", realm="r", nonce="…", uri="/", response="6629fae49393a05397450978507c4ef1": the response is the secret.
    private static (int Start, int Length) DigestResponse(string text, int from)
    {
        var window = text.AsSpan(from, Math.Min(MaxDigestLength, text.Length - from));
        var lineEnd = window.IndexOfAny('\n', '\r');
        if (lineEnd >= 0)
        {
            window = window[..lineEnd];
        }

        var response = window.IndexOf("response=", StringComparison.OrdinalIgnoreCase);
        if (response < 0)
        {
            return default;
        }

        var start = from + response + 9;
        while (start < text.Length && text[start] is '"' or '\\')
        {
            start++;
        }

        var end = start;
        while (end < text.Length && end - start < 128 && char.IsAsciiHexDigit(text[end]))
        {
            end++;
        }

        return end - start >= 16 ? (start, end - start) : default;
    }

    // Basic dXNlcjpwYXNz outside a header: only when the base64 decodes to printable "user:password".
    private static (int Start, int Length) BareBasic(string text, int anchor)
    {
        if (anchor > 0 && char.IsAsciiLetterOrDigit(text[anchor - 1]))
        {
            return default;
        }

        var start = anchor + 6;
        var end = start;
        while (end < text.Length && end - start < MaxCredentialLength && Base64Chars.Contains(text[end]))
        {
            end++;
        }

        return end - start >= 8 && DecodesToUserAndPassword(text.AsSpan(start, end - start)) ? (start, end - start) : default;
    }

    private static bool DecodesToUserAndPassword(ReadOnlySpan<char> base64)
    {
        Span<byte> bytes = stackalloc byte[MaxCredentialLength];
        if (base64.Length % 4 != 0 || !Convert.TryFromBase64Chars(base64, bytes, out var written))
        {
            return false;
        }

        var decoded = bytes[..written];
        var colon = decoded.IndexOf((byte)':');
        return colon > 0 && colon < decoded.Length - 1 && decoded.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) < 0;
    }

    // curl -u user:password, -u 'user:password', --user=user:password, -uuser:password.
    private static (int Start, int Length) CurlUser(string text, int anchor)
    {
        if (anchor > 0 && !char.IsWhiteSpace(text[anchor - 1]))
        {
            return default;
        }

        var i = anchor + (text[anchor + 1] == '-' ? 6 : 2);
        if (i < text.Length && text[i] is ' ' or '=')
        {
            i = SkipBlanks(text, i + 1);
        }

        var quote = i < text.Length && text[i] is '"' or '\'' ? text[i] : '\0';
        if (quote != '\0')
        {
            i++;
        }

        var end = i;
        while (end < text.Length && end - i < MaxUserLength && (quote == '\0' ? !char.IsWhiteSpace(text[end]) && text[end] != '\\' : text[end] != quote))
        {
            end++;
        }

        var value = text.AsSpan(i, end - i);
        var colon = value.IndexOf(':');
        if (colon < 0 || value[(colon + 1)..].StartsWith("//", StringComparison.Ordinal))
        {
            return default;
        }

        var user = value[..colon];
        var password = value[(colon + 1)..];
        if (password.IsEmpty)
        {
            // curl -u sk_test_…: (an API key as the user)
            return user.Length >= 8 && TokenText.MixesClasses(user) && !SecretValueText.IsPlaceholder(user, quoted: true) ? (i, colon) : default;
        }

        var numeric = user.IndexOfAnyExceptInRange('0', '9') < 0 && password.IndexOfAnyExceptInRange('0', '9') < 0;
        return !numeric && !SecretValueText.IsPlaceholder(password, quoted: true) ? (i + colon + 1, password.Length) : default;
    }

    private static int CredentialLength(string text, int start)
    {
        var end = start;
        while (end < text.Length && end - start < MaxCredentialLength && CredentialChars.Contains(text[end]))
        {
            end++;
        }

        return end - start;
    }

    private static int SkipQuote(string text, int i)
    {
        var j = i;
        while (j < text.Length && j - i < 3 && text[j] == '\\')
        {
            j++;
        }

        return j < text.Length && text[j] is '"' or '\'' ? j + 1 : i;
    }

    private static int SkipBlanks(string text, int i)
    {
        var limit = Math.Min(text.Length, i + 4);
        while (i < limit && text[i] is ' ' or '\t')
        {
            i++;
        }

        return i;
    }
}
