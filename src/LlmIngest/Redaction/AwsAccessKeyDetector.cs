using System.Buffers;
using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>AWS access key ids: <c>AKIA</c> (long-term) or <c>ASIA</c> (temporary) followed by 16 upper-case letters or digits.</summary>
internal sealed partial class AwsAccessKeyDetector : RegexDetector
{
    private static readonly SearchValues<string> Prefixes = SearchValues.Create(["AKIA", "ASIA"], StringComparison.Ordinal);

    public override string Kind => "aws_access_key";

    public override string Marker => "[AWS_ACCESS_KEY]";

    protected override Regex Pattern => AwsAccessKeyPattern();

    protected override int FirstCandidate(string text) => text.AsSpan().IndexOfAny(Prefixes);

    [GeneratedRegex(@"(?<![A-Za-z0-9])A[KS]IA[A-Z0-9]{16}(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex AwsAccessKeyPattern();
}
