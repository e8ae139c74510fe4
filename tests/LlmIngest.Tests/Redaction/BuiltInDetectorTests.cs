using LlmIngest.Redaction;

namespace LlmIngest.Tests.Redaction;

/// <summary>Each built-in detector alone: what it finds (exactly that span) and the look-alike it must leave alone.</summary>
public sealed class BuiltInDetectorTests
{
    [Theory]
    [InlineData("Email", "reply to jane.doe+x@mail.example.co.uk.", "jane.doe+x@mail.example.co.uk")]
    [InlineData("Phone", "call +44 (0) 20 7946 0958 now", "+44 (0) 20 7946 0958")]
    [InlineData("Phone", "Tel 0049 30 12345678", "0049 30 12345678")]
    [InlineData("Ssn", "SSN#219-09-9999.", "219-09-9999")]
    [InlineData("Card", "pan=3782 822463 10005;", "3782 822463 10005")]
    [InlineData("Iban", "IBAN GB82 WEST 1234 5698 7654 32 THEN more", "GB82 WEST 1234 5698 7654 32")]
    [InlineData("Iban", "to NL91ABNA0417164300.", "NL91ABNA0417164300")]
    [InlineData("Ipv4", "from 203.0.113.42:8080", "203.0.113.42")]
    [InlineData("Ipv6", "peer [2001:db8::8a2e:370:7334]:443", "2001:db8::8a2e:370:7334")]
    [InlineData("Ipv6", "map ::ffff:192.0.2.128 ok", "::ffff:192.0.2.128")]
    [InlineData("OpenAiKey", "OPENAI_API_KEY=sk-proj-FAKEexample0123456789abcdefGHIJ", "sk-proj-FAKEexample0123456789abcdefGHIJ")]
    [InlineData("AnthropicKey", "key sk-ant-api03-FAKEexample0123456789abcdefGHIJ-AA here", "sk-ant-api03-FAKEexample0123456789abcdefGHIJ-AA")]
    [InlineData("AwsAccessKey", "id AKIAIOSFODNN7EXAMPLE,", "AKIAIOSFODNN7EXAMPLE")]
    [InlineData("AwsSecretKey", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")]
    [InlineData("GitHubToken", "token ghp_FAKE0123456789abcdefghijklmnopqrstuv done", "ghp_FAKE0123456789abcdefghijklmnopqrstuv")]
    [InlineData("GitHubToken", "pat github_pat_11FAKE0123456789abcdef_ghijkl", "github_pat_11FAKE0123456789abcdef_ghijkl")]
    [InlineData("SlackToken", "xoxb-1234567890-FAKEabcdefGH", "xoxb-1234567890-FAKEabcdefGH")]
    [InlineData("GoogleApiKey", "key=AIzaSyFAKE0123456789abcdefghijklmnopqrs", "AIzaSyFAKE0123456789abcdefghijklmnopqrs")]
    [InlineData("StripeKey", "sk_test_FAKE4eC39HqLyjWDarjtT1zdp7dc", "sk_test_FAKE4eC39HqLyjWDarjtT1zdp7dc")]
    [InlineData("Jwt", "t=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.FAKEsig_123 x", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.FAKEsig_123")]
    [InlineData("BearerToken", "Authorization: Bearer FAKEtoken0123456789", "FAKEtoken0123456789")]
    [InlineData("PrivateKey", "k: -----BEGIN EC PRIVATE KEY-----\nMHcCAQEEFAKE\n-----END EC PRIVATE KEY----- end", "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEFAKE\n-----END EC PRIVATE KEY-----")]
    [InlineData("UrlPassword", "postgres://app:FakePw1@db.example.com/app", "FakePw1")]
    [InlineData("ConnectionStringPassword", "Server=db;User Id=sa;Password=FakePw1!;", "FakePw1!")]
    public void Detector_FindsExactlyTheSensitiveSpan(string detector, string text, string expected)
    {
        Assert.Equal([expected], Find(detector, text));
    }

    [Theory]
    [InlineData("Email", "user@localhost and npm i @scope/pkg@1.2.3")]
    [InlineData("Phone", "year 2025, order 20240501123456, coordinates -122.4194, v10.0.19041")]
    [InlineData("Ssn", "000-12-3456, 666-12-3456, 900-12-3456, 1234-56-7890")]
    [InlineData("Card", "4111 1111 1111 1112, ISBN 9783161484100, ts 1717171717171")]
    [InlineData("Iban", "GB00 WEST 1234 5698 7654 32 and XX89370400440532013000")]
    [InlineData("Ipv4", "version 10.0.0.1, v1.2.3.4, 256.1.1.1, 1.2.3")]
    [InlineData("Ipv6", "at 12:30:45, MAC 00:1A:2B:3C:4D:5E, std::vector")]
    [InlineData("OpenAiKey", "sk-learn-compatible-estimators-here")]
    [InlineData("AnthropicKey", "sk-ant- is the prefix")]
    [InlineData("AwsAccessKey", "AKIAshort and XAKIAIOSFODNN7EXAMPLE")]
    [InlineData("AwsSecretKey", "commit a94a8fe5ccb19ba61c4c0873d391e987982fbbd3 with no context wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")]
    [InlineData("GitHubToken", "though ghp_ alone")]
    [InlineData("SlackToken", "xoxb-notokenhere")]
    [InlineData("GoogleApiKey", "AIza too short")]
    [InlineData("StripeKey", "sk_live_ prefix docs")]
    [InlineData("Jwt", "eyJ is how base64 JSON starts")]
    [InlineData("BearerToken", "Bearer authentication (RFC 6750)")]
    [InlineData("PrivateKey", "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----")]
    [InlineData("UrlPassword", "https://example.com:8443/path and ftp://files.example.com")]
    [InlineData("ConnectionStringPassword", "Reset the password from settings.")]
    public void Detector_LeavesLookAlikesAlone(string detector, string text)
    {
        Assert.Empty(Find(detector, text));
    }

    [Theory]
    [InlineData("DE89370400440532013000", true)]
    [InlineData("DE89 3704 0044 0532 0130 00", true)]
    [InlineData("FR1420041010050500013M02606", true)]
    [InlineData("DE88370400440532013000", false)]
    public void IbanValidator_ChecksMod97(string iban, bool valid)
    {
        Assert.Equal(valid, IbanValidator.HasValidChecksum(iban));
        Assert.Equal(22, IbanValidator.LengthOf("DE"));
    }

    private static List<string> Find(string detector, string text)
    {
        var matches = new List<RedactionMatch>();
        DetectorCatalog.All.Single(e => e.Name == detector).Create().Find(text, 0, matches);
        return matches.Select(m => text.Substring(m.Start, m.Length)).ToList();
    }
}
