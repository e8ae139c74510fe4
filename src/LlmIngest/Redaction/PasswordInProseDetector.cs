using System.Buffers;

namespace LlmIngest.Redaction;

/// <summary>
/// A password told in a sentence: "my password is hunter2", "the password for the admin account was Tr0ub4dor&amp;3",
/// "changed the wifi passphrase to 'blue-Moon-42'", "login with password S3cure!pw". The value is the word after a link
/// (is, was, to, as, be, are) within six words of "password", "passwd", "pwd", "passphrase" or "passcode", or right after
/// the keyword when it looks generated. Words that describe a password ("is incorrect", "was reset", "is required") are
/// not values. <c>password: …</c> and <c>password=…</c> are settings, left to <see cref="KeyedSecretDetector"/>.
/// </summary>
internal sealed class PasswordInProseDetector : IPiiDetector
{
    private const int MaxWords = 6;
    private const int MaxWordLength = 20;
    private const int MaxValueLength = 64;

    private static readonly SearchValues<string> Anchors =
        SearchValues.Create(["passw", "pwd", "passphrase", "passcode"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<char> TrailingPunctuation = SearchValues.Create(".,;:!?)]}\"'`");

    private static readonly SearchValues<char> Symbols = SearchValues.Create("!@#$%^&*+=?~_-/\\|<>{}[]().,;:'\"`");

    private static readonly HashSet<string> Links = new(StringComparer.OrdinalIgnoreCase) { "is", "was", "to", "as", "be", "are", "becomes", "equals" };

    // Words that follow "password is" and describe it instead of being it.
    private static readonly HashSet<string> NotValues = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "is", "was", "not", "no", "now", "still", "also", "too", "very", "being", "been", "be", "to", "for",
        "of", "in", "on", "at", "by", "with", "from", "and", "or", "but", "that", "this", "it", "its", "my", "your", "our",
        "their", "his", "her", "same", "different", "required", "incorrect", "wrong", "invalid", "expired", "correct",
        "reset", "changed", "set", "empty", "missing", "blank", "weak", "strong", "secure", "insecure", "valid", "stored",
        "saved", "hashed", "encrypted", "case", "sensitive", "long", "short", "shown", "hidden", "visible", "needed",
        "necessary", "optional", "mandatory", "ok", "okay", "fine", "good", "bad", "just", "only", "never", "always",
        "already", "because", "please", "here", "there", "what", "which", "who", "how", "when", "where", "why", "something",
        "anything", "nothing", "unknown", "known", "new", "old", "current", "temporary", "default", "generated",
        "managed", "used", "protected", "sent", "rotated", "leaked", "compromised", "less", "more", "least", "most",
        "enabled", "disabled", "expiring", "expires", "updated", "locked", "unlocked", "accepted", "rejected", "entered",
        "typed", "provided", "given", "stolen", "safe", "unsafe", "simple", "complex", "easy", "hard", "random", "unique",
        "too", "must", "should", "will", "can", "cannot", "could", "would", "may", "might", "has", "have", "had", "does",
        "did", "do", "length", "characters", "chars", "digits", "letters", "long", "one", "two", "three", "any", "all",
        "none", "null", "empty", "sent", "shared", "stored", "printed", "logged", "displayed", "masked", "redacted",
        "expiry", "expiration", "policy", "field", "manager", "reset", "change", "update", "login", "log", "sign",
        "access", "user", "username", "account", "admin", "root", "database", "server", "system", "wifi", "network",
    };

    private static readonly HashSet<string> Fillers = new(StringComparer.OrdinalIgnoreCase) { "now", "still", "just", "also", "currently", "simply", "actually", "literally", "temporarily" };

    private static readonly string[] DescriptiveEndings = ["ed", "ing", "ly", "able", "ible", "tion", "ment", "ness", "ous", "ive", "ful", "less", "ity"];

    public string Kind => "password_prose";

    public string Marker => "[PASSWORD]";

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
            var (nameStart, nameEnd) = SettingSyntax.NameAround(text, anchor);
            from = Math.Max(nameEnd, anchor + 1);
            if (nameEnd - nameStart > SecretName.MaxLength
                || SecretName.Classify(text.AsSpan(nameStart, nameEnd - nameStart)) != SecretNameKind.Password
                || SettingSyntax.TryFindValue(text, nameStart, nameEnd, out _, out _, out _))
            {
                continue;
            }

            if (TryFindProseValue(text, nameEnd, out var valueStart, out var valueLength))
            {
                matches.Add(new RedactionMatch(valueStart, valueLength, priority, this));
                from = valueStart + valueLength;
            }
        }
    }

    private static bool TryFindProseValue(string text, int position, out int valueStart, out int valueLength)
    {
        valueStart = 0;
        valueLength = 0;
        var i = position;

        // Right after the keyword: only a value that looks generated ("password Tr0ub4dor&3").
        var (start, length) = NextValue(text, i);
        if (length > 0 && LooksGenerated(text.AsSpan(start, length)) && IsMixed(text.AsSpan(start, length)))
        {
            (valueStart, valueLength) = (start, length);
            return true;
        }

        for (var words = 0; words < MaxWords; words++)
        {
            i = SkipSpaces(text, i);
            var wordEnd = i;
            while (wordEnd < text.Length && wordEnd - i < MaxWordLength && char.IsAsciiLetter(text[wordEnd]))
            {
                wordEnd++;
            }

            if (wordEnd == i || (wordEnd < text.Length && !(text[wordEnd] is ' ' or ':' or ',' || text[wordEnd] == '\t')))
            {
                return false; // not a word of a sentence: a line end, a digit, a bracket
            }

            if (Links.GetAlternateLookup<ReadOnlySpan<char>>().Contains(text.AsSpan(i, wordEnd - i)))
            {
                (start, length) = NextValue(text, wordEnd);

                // "is now X", "was still X"
                if (length > 0 && Fillers.GetAlternateLookup<ReadOnlySpan<char>>().Contains(text.AsSpan(start, length)))
                {
                    (start, length) = NextValue(text, start + length);
                }

                if (length > 0 && IsValue(text.AsSpan(start, length)))
                {
                    (valueStart, valueLength) = (start, length);
                    return true;
                }
            }

            i = wordEnd;
            if (i < text.Length && text[i] is ':' or ',')
            {
                return false;
            }
        }

        return false;
    }

    // The next blank-delimited word after optional blanks and a colon, without quotes around it or punctuation after it.
    private static (int Start, int Length) NextValue(string text, int i)
    {
        i = SkipSpaces(text, i);
        if (i < text.Length && text[i] == ':')
        {
            i = SkipSpaces(text, i + 1);
        }

        while (i < text.Length && text[i] is '"' or '\'' or '`' or '“' or '‘')
        {
            i++;
        }

        var end = i;
        while (end < text.Length && end - i <= MaxValueLength && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        if (end - i > MaxValueLength)
        {
            return (0, 0);
        }

        while (end > i && (TrailingPunctuation.Contains(text[end - 1]) || text[end - 1] is '”' or '’'))
        {
            end--;
        }

        // A JSON-escaped line end glued to the word ("hunter2\n") is not part of it.
        if (end - i > 2 && text[end - 2] == '\\' && text[end - 1] is 'n' or 't' or 'r')
        {
            end -= 2;
        }

        return (i, end - i);
    }

    private static bool IsValue(ReadOnlySpan<char> value)
    {
        if (value.Length < 3 || NotValues.GetAlternateLookup<ReadOnlySpan<char>>().Contains(value)
            || SecretValueText.IsPlaceholder(value, quoted: true))
        {
            return false;
        }

        if (LooksGenerated(value) || (value.Length >= 4 && value.IndexOfAnyExceptInRange('0', '9') < 0))
        {
            return true;
        }

        // A plain word: a password only when it is not a word that describes one ("expired", "changing", "securely").
        if (value.Length < 6 || value.IndexOfAnyExcept(TokenText.Chars) >= 0 || value.IndexOfAnyInRange('0', '9') >= 0)
        {
            return false;
        }

        foreach (var ending in DescriptiveEndings)
        {
            if (value.EndsWith(ending, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    // Letters with digits, symbols or inner capitals: hunter2, S3cure!pw, blue-Moon-42, correctHorse.
    private static bool LooksGenerated(ReadOnlySpan<char> value)
    {
        if (value.Length < 5 || value.IndexOfAnyInRange('a', 'z') < 0 && value.IndexOfAnyInRange('A', 'Z') < 0)
        {
            return false;
        }

        return value.IndexOfAnyInRange('0', '9') >= 0
            || value.IndexOfAny(Symbols) >= 0
            || (value.Length > 1 && value[1..].IndexOfAnyInRange('A', 'Z') >= 0 && value.IndexOfAnyInRange('a', 'z') >= 0);
    }

    // Digits, letters and a capital or a symbol: what "password X" needs before X counts without a linking word.
    private static bool IsMixed(ReadOnlySpan<char> value) =>
        value.IndexOfAnyInRange('0', '9') >= 0 && (value.IndexOfAnyInRange('A', 'Z') >= 0 || value.IndexOfAny(Symbols) >= 0);

    private static int SkipSpaces(string text, int i)
    {
        var limit = Math.Min(text.Length, i + 4);
        while (i < limit && text[i] is ' ' or '\t' or '\u00A0')
        {
            i++;
        }

        return i;
    }
}
