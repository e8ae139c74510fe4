using System.Buffers;

namespace LlmIngest.Redaction;

/// <summary>
/// Whether the value of a secret-named setting is a credential rather than a placeholder, a mask, a reference to where the
/// credential lives, or code. Kept on purpose (documented in the README): <c>&lt;your-api-key&gt;</c>, <c>${SECRET}</c>,
/// <c>$TOKEN</c>, <c>%PASSWORD%</c>, <c>{{ .Values.pw }}</c>, <c>********</c>, <c>xxxx</c>, <c>[REDACTED]</c>,
/// <c>YOUR_API_KEY</c>, <c>null</c>, type names (<c>password: str</c>), calls and member access
/// (<c>password=get_pw()</c>, <c>token=self.token</c>) and paths. Redacted on purpose: real-looking defaults such as
/// <c>changeme</c>, <c>secret</c> or <c>password</c> in quotes, because systems do run with them.
/// </summary>
internal static class SecretValueText
{
    private static readonly SearchValues<char> MaskChars = SearchValues.Create("*•●·xX#._-");

    private static readonly SearchValues<char> IdentifierChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-");

    private static readonly SearchValues<char> MemberAccessChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.$");

    private static readonly SearchValues<char> Base64Symbols = SearchValues.Create("+/=");

    private static readonly string[] ReferencePrefixes =
    [
        "${", "{{", "$(", "#{", "%(", "{%", "<%", "process.env", "os.environ", "os.getenv", "getenv(", "env(", "env[",
        "environment.", "secrets.", "vault:", "arn:", "@microsoft.keyvault", "secretref:", "!ref", "!secret",
    ];

    private static readonly string[] PlaceholderWords =
    [
        "none", "null", "nil", "undefined", "true", "false", "empty", "redacted", "hidden", "masked", "removed", "notset",
        "unset", "required", "optional", "todo", "tbd", "na", "string", "str", "int", "bool", "boolean", "bytes",
        "secretstr", "any", "number", "object", "char", "value", "yes", "no", "on", "off", "omitted", "sensitive", "secure",
        "securestring", "text", "password", "secret", "token",
    ];

    private static readonly string[] PlaceholderStarts = ["your", "insert", "replace", "enter", "placeholder", "redacted", "fill"];

    private static readonly string[] CredentialWords = ["password", "passwd", "pwd", "secret", "token", "key", "credential", "auth", "pass"];

    /// <summary>Whether <paramref name="value"/> stands in for a credential instead of being one (see the class remarks).</summary>
    /// <param name="value">The value, quotes removed.</param>
    /// <param name="quoted">Whether it was written in quotes (an unquoted word in code is usually a variable).</param>
    public static bool IsPlaceholder(ReadOnlySpan<char> value, bool quoted)
    {
        if (value.IsEmpty || value.IndexOfAnyExcept(MaskChars) < 0 || IsOneRepeatedChar(value))
        {
            return true;
        }

        var first = value[0];
        var last = value[^1];
        if ((first == '<' && last == '>') || (first == '[' && last == ']') || (first == '%' && last == '%' && value.Length > 2))
        {
            return true;
        }

        if (first == '$' && value.Length > 1 && value[1] is not ('{' or '('))
        {
            // $TOKEN, $env:TOKEN, $config.token (a shell, PowerShell or PHP variable).
            return IsVariable(value[1..]);
        }

        foreach (var prefix in ReferencePrefixes)
        {
            if (value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        if (value.StartsWith("/", StringComparison.Ordinal) || value.StartsWith("./", StringComparison.Ordinal)
            || value.StartsWith("../", StringComparison.Ordinal) || value.StartsWith("~/", StringComparison.Ordinal))
        {
            return true;
        }

        Span<char> buffer = stackalloc char[64];
        var normalized = Normalize(value, buffer);
        if (normalized.IsEmpty)
        {
            return true;
        }

        foreach (var start in PlaceholderStarts)
        {
            if (normalized.StartsWith(start, StringComparison.Ordinal))
            {
                return true;
            }
        }

        if ((normalized.EndsWith("here", StringComparison.Ordinal) && ContainsAny(normalized, CredentialWords))
            || normalized.Contains("xxxx", StringComparison.Ordinal) && value.IndexOfAnyInRange('0', '9') < 0)
        {
            return true;
        }

        if (!quoted)
        {
            foreach (var word in PlaceholderWords)
            {
                if (normalized.SequenceEqual(word))
                {
                    return true;
                }
            }

            // Code, not a value: token=self.token, password=config.db.password, api_key=API_KEY, password=password.
            if (value.IndexOfAnyInRange('0', '9') < 0
                && (IsMemberAccess(value) || (value.IndexOfAnyExcept(IdentifierChars) < 0 && ContainsAny(normalized, CredentialWords))))
            {
                return true;
            }
        }
        else if (normalized.Length <= 10)
        {
            foreach (var word in PlaceholderWords)
            {
                if (normalized.SequenceEqual(word) && word is not ("password" or "secret" or "token"))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether a value of a secret-named setting (not a password) looks generated: long enough, no spaces, mixed.</summary>
    public static bool LooksGenerated(ReadOnlySpan<char> value)
    {
        if (value.Length < 8 || value.ContainsAny(' ', '\t'))
        {
            return false;
        }

        var hasDigit = value.IndexOfAnyInRange('0', '9') >= 0;
        var hasLower = value.IndexOfAnyInRange('a', 'z') >= 0;
        var hasUpper = value.IndexOfAnyInRange('A', 'Z') >= 0;
        return (hasDigit && (hasLower || hasUpper))
            || (hasLower && hasUpper && value.Length >= 16)
            || ((hasLower || hasUpper) && value.Length >= 16 && value.IndexOfAny(Base64Symbols) >= 0);
    }

    private static bool IsVariable(ReadOnlySpan<char> name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.IndexOfAnyExcept(MemberAccessChars) is var other && (other < 0 || (name[other] == ':' && other < name.Length - 1));

    private static bool IsMemberAccess(ReadOnlySpan<char> value) =>
        value.Contains('.') && value.IndexOfAnyExcept(MemberAccessChars) < 0 && char.IsAsciiLetter(value[0]) && char.IsAsciiLetter(value[^1]);

    private static bool IsOneRepeatedChar(ReadOnlySpan<char> value) => value.Length >= 3 && value.IndexOfAnyExcept(value[0]) < 0;

    private static bool ContainsAny(ReadOnlySpan<char> value, string[] words)
    {
        foreach (var word in words)
        {
            if (value.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // Lower-case letters and digits only, at most 64 of them.
    private static ReadOnlySpan<char> Normalize(ReadOnlySpan<char> value, Span<char> buffer)
    {
        var length = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                buffer[length++] = char.ToLowerInvariant(c);
                if (length == buffer.Length)
                {
                    break;
                }
            }
        }

        return buffer[..length];
    }
}
