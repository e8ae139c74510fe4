using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>Email addresses. Non-backtracking, so adversarial input stays linear.</summary>
internal sealed partial class EmailDetector : RegexDetector
{
    // RFC 5321 caps the local part at 64 characters, so no address starts further back than this from its '@'.
    private const int MaxLocalPart = 64;

    public override string Kind => "email";

    public override string Marker => "[EMAIL]";

    public override FindingShape Shape => FindingShape.Email;

    protected override Regex Pattern => EmailPattern();

    protected override int WindowLength => 1024;

    protected override int MaxFindingLength => MaxLocalPart + 256;

    protected override int NextAnchor(string text, int from, Span<int> found) => text.IndexOf('@', from);

    protected override int WindowStart(string text, int anchor) => anchor - MaxLocalPart;

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,24}", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
