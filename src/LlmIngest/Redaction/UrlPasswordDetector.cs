namespace LlmIngest.Redaction;

/// <summary>
/// The password in a URL's user info: <c>postgres://app:[PASSWORD]@db.example.com:5432/app</c>, also with an empty user
/// (<c>redis://:[PASSWORD]@cache:6379</c>). The scheme, user and host are kept; a masked (<c>****</c>) or placeholder
/// (<c>${DB_PASSWORD}</c>) password is left as it is.
/// </summary>
internal sealed class UrlPasswordDetector : IPiiDetector
{
    private const int MaxUserInfoLength = 256;

    public string Kind => "password";

    public string Marker => "[PASSWORD]";

    public FindingShape Shape => FindingShape.Opaque;

    public void Find(string text, int priority, List<RedactionMatch> matches)
    {
        var position = 0;
        while (true)
        {
            var separator = text.IndexOf("://", position, StringComparison.Ordinal);
            if (separator < 0)
            {
                return;
            }

            var userStart = separator + 3;
            position = userStart;
            if (separator == 0 || !char.IsAsciiLetter(text[separator - 1]))
            {
                continue;
            }

            // The user info ends at '@'; a '/', '?', '#' or whitespace first means there is none. Bounded scan.
            var limit = Math.Min(text.Length, userStart + MaxUserInfoLength);
            var colon = -1;
            for (var i = userStart; i < limit; i++)
            {
                var c = text[i];
                if (c == ':' && colon < 0)
                {
                    colon = i;
                }
                else if (c == '@')
                {
                    // The user may be empty (redis://:password@host); a masked or placeholder password stays.
                    if (colon >= userStart && i > colon + 1 && !SecretValueText.IsPlaceholder(text.AsSpan(colon + 1, i - colon - 1), quoted: true))
                    {
                        matches.Add(new RedactionMatch(colon + 1, i - colon - 1, priority, this));
                    }

                    position = i + 1;
                    break;
                }
                else if (c is '/' or '?' or '#' || char.IsWhiteSpace(c))
                {
                    break;
                }
            }
        }
    }
}
