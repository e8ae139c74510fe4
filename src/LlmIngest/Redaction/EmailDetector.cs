using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>
/// Email addresses, including internationalised ones (<c>josé@exemplo.pt</c>, <c>用户@例子.广告</c>). Two look-alikes are
/// not addresses: the user info of a URL (<c>ssh://git@host/…</c>, the password of <c>redis://:pw@host</c>) and an scp-style
/// git remote (<c>git@github.com:org/repo.git</c>). Non-backtracking, so adversarial input stays linear.
/// </summary>
internal sealed partial class EmailDetector : RegexDetector
{
    // RFC 5321 caps the local part at 64 characters, so no address starts further back than this from its '@'.
    private const int MaxLocalPart = 64;

    // How far back a URL's "://" may sit from the user info it introduces.
    private const int MaxAuthorityPrefix = 256;

    public override string Kind => "email";

    public override string Marker => "[EMAIL]";

    public override FindingShape Shape => FindingShape.Email;

    protected override Regex Pattern => EmailPattern();

    protected override int WindowLength => 1024;

    protected override int MaxFindingLength => MaxLocalPart + 256;

    protected override int NextAnchor(string text, int from, Span<int> found) => text.IndexOf('@', from);

    protected override int WindowStart(string text, int anchor) => anchor - MaxLocalPart;

    protected override int ValidatedLength(string text, int index, int length) =>
        IsUrlUserInfo(text, index) || IsScpRemote(text, index + length) ? 0 : length;

    // "scheme://user@host", "scheme://:password@host": walking back from the local part reaches "://" without leaving
    // the authority (no '/', whitespace or quote in between).
    private static bool IsUrlUserInfo(string text, int index)
    {
        var limit = Math.Max(0, index - MaxAuthorityPrefix);
        for (var i = index - 1; i >= limit; i--)
        {
            var c = text[i];
            if (c == '/')
            {
                return i >= 2 && text[i - 1] == '/' && text[i - 2] == ':';
            }

            if (c != ':' && !char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-' or '%' or '+' or '~' or '!' or '$' or '&' or '\'' or '*' or ',' or ';' or '='))
            {
                return false;
            }
        }

        return false;
    }

    // "git@github.com:org/repo.git": the host is followed by ':' and a path, which an address never is.
    private static bool IsScpRemote(string text, int end)
    {
        if (end + 1 >= text.Length || text[end] != ':')
        {
            return false;
        }

        for (var i = end + 1; i < text.Length && i < end + 128; i++)
        {
            var c = text[i];
            if (c == '/')
            {
                return i > end + 1;
            }

            if (!char.IsLetterOrDigit(c) && c is not ('.' or '_' or '-' or '~'))
            {
                return false;
            }
        }

        return false;
    }

    // Letters and digits of any script in the local part and the domain; the top-level domain is letters or an
    // A-label (xn--...). Combining marks belong to the letter before them (Devanagari, decomposed accents).
    [GeneratedRegex(
        @"[\p{L}\p{M}\p{Nd}._%+\-]+@[\p{L}\p{M}\p{Nd}\-]+(\.[\p{L}\p{M}\p{Nd}\-]+)*\.(?:\p{L}[\p{L}\p{M}]{1,23}|xn--[A-Za-z0-9\-]{1,59})",
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
