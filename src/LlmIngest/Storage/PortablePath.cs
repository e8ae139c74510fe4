namespace LlmIngest.Storage;

/// <summary>
/// Maps key segments to file names that stay distinct on case-insensitive file systems (Windows, macOS): every upper-case
/// letter is written as <c>~</c> and its lower-case form (<c>Trace-A</c> → <c>~trace-~a</c>). <c>~</c> cannot occur in a
/// valid id, so the mapping is reversible and never collides; ids without upper-case letters (generated ids, the
/// default tenant) keep their names. S3 keys are case-sensitive and are not encoded.
/// </summary>
internal static class PortablePath
{
    public const char Escape = '~';

    public static string Encode(string segment)
    {
        var upper = 0;
        foreach (var c in segment)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                upper++;
            }
        }

        if (upper == 0)
        {
            return segment;
        }

        return string.Create(segment.Length + upper, segment, static (destination, source) =>
        {
            var j = 0;
            foreach (var c in source)
            {
                if (char.IsAsciiLetterUpper(c))
                {
                    destination[j++] = Escape;
                    destination[j++] = char.ToLowerInvariant(c);
                }
                else
                {
                    destination[j++] = c;
                }
            }
        });
    }

    public static string Decode(string name)
    {
        if (!name.Contains(Escape, StringComparison.Ordinal))
        {
            return name;
        }

        var builder = new System.Text.StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] == Escape && i + 1 < name.Length)
            {
                builder.Append(char.ToUpperInvariant(name[++i]));
            }
            else
            {
                builder.Append(name[i]);
            }
        }

        return builder.ToString();
    }
}
