using System.Globalization;
using Bogus;

namespace LlmIngest.Tests.Redaction.Generated;

/// <summary>
/// Look-alikes that are not PII, each with the spelling that must survive redaction: versions, dates and times, UUIDs,
/// hashes, order numbers, prices, card numbers failing Luhn, IBANs failing mod-97, SSNs the SSA never issues, coordinates,
/// git remotes and URLs with user info, and the locale's postal addresses.
/// </summary>
internal static class HardNegatives
{
    // The tests run in globalization-invariant mode: European number formats are spelled out.
    private static readonly NumberFormatInfo GermanNumbers = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };
    private static readonly NumberFormatInfo FrenchNumbers = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u202f" };

    public static readonly string[] Categories =
    [
        "version", "date", "uuid", "hash", "order", "price", "luhn-invalid", "iban-invalid", "ssn-invalid", "coordinates",
        "git-remote", "url-userinfo", "number", "address",
    ];

    /// <summary>The text and the spellings in it that must survive.</summary>
    public static (string Text, string[] Kept) Create(string category, Faker f)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (category)
        {
            case "version":
                {
                    var v = f.PickRandom(
                        $"v{f.Random.Int(0, 30)}.{f.Random.Int(0, 40)}.{f.Random.Int(0, 200)}",
                        $"{f.Random.Int(1, 20)}.{f.Random.Int(0, 9)}.{f.Random.Int(1000, 30000)}.{f.Random.Int(0, 9999)}",
                        $"{f.Random.Int(0, 9)}.{f.Random.Int(0, 99)}.{f.Random.Int(0, 99)}-beta.{f.Random.Int(1, 9)}",
                        $"{f.Random.Int(2019, 2026)}.{f.Random.Int(1, 12)}.{f.Random.Int(1, 28)}");
                    return (f.PickRandom($"Upgraded the agent to {v} last night.", $"\"version\": \"{v}\"", $"build {v} passed all checks"), [v]);
                }

            case "date":
                {
                    var d = f.Date.Between(new DateTime(1990, 1, 1), new DateTime(2030, 12, 31));
                    var v = f.PickRandom(
                        d.ToString("yyyy-MM-dd", inv), d.ToString("dd.MM.yyyy", inv), d.ToString("MM/dd/yyyy", inv),
                        d.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", inv), d.ToString("yyyyMMdd", inv), d.ToString("yyyy-MM-dd HH:mm:ss", inv),
                        d.ToString("dd/MM/yyyy HH:mm", inv));
                    return (f.PickRandom($"The meeting moved to {v}.", $"{{\"created_at\":\"{v}\"}}", $"{v} INFO job finished"), [v]);
                }

            case "uuid":
                {
                    var v = f.Random.Guid().ToString(f.PickRandom("D", "N"), inv);
                    return (f.PickRandom($"request_id={v}", $"{{\"trace_id\":\"{v}\",\"ok\":true}}", $"Session {v} expired."), [v]);
                }

            case "hash":
                {
                    var v = f.Random.Hash(f.PickRandom(7, 12, 40, 64));
                    return (f.PickRandom($"commit {v} fixes the build", $"sha256:{v}", $"| {f.Lorem.Word()} | {v} |"), [v]);
                }

            case "order":
                {
                    var v = f.PickRandom(
                        $"ORD-{f.Random.Int(2019, 2026)}-{f.Random.Int(0, 999999):D6}", $"#{f.Random.Int(10000000, 99999999)}",
                        $"INV/{f.Random.Int(2019, 2026)}/{f.Random.Int(1, 99999):D5}", $"{f.Random.Int(100, 999)}-{f.Random.Int(1000, 9999)}-{f.Random.Int(100, 999)}",
                        $"PO{f.Random.Int(100000000, 999999999)}");
                    return (f.PickRandom($"Order {v} shipped today.", $"{{\"order_id\":\"{v}\"}}", $"{f.Random.Int(1, 999)},{v},{f.Commerce.ProductName()}"), [v]);
                }

            case "price":
                {
                    var amount = f.Random.Decimal(1, 99999);
                    var v = f.PickRandom(
                        string.Create(inv, $"${amount:N2}"), amount.ToString("N2", GermanNumbers) + " €",
                        string.Create(inv, $"¥{(int)amount:N0}"), amount.ToString("N2", FrenchNumbers) + " EUR");
                    return (f.PickRandom($"Total: {v} incl. VAT", $"The {f.Commerce.ProductName()} costs {v}.", $"price={v}"), [v]);
                }

            case "luhn-invalid":
                {
                    var digits = PiiValues.DigitsOf(PiiValues.Card(f, "en"));
                    var last = digits[^1] - '0';
                    var broken = digits[..^1] + (char)('0' + ((last + f.Random.Int(1, 9)) % 10));
                    var v = f.PickRandom(broken, PiiValues.Group(broken, " "), PiiValues.Group(broken, "-"));
                    return (f.PickRandom($"Tracking number {v}", $"{{\"reference\":\"{v}\"}}", $"Batch {v} imported"), [v]);
                }

            case "iban-invalid":
                {
                    var iban = f.Finance.Iban(formatted: false);
                    var check = int.Parse(iban.AsSpan(2, 2), inv);
                    // Exactly one pair of check digits (02-98) is valid for an account: any other fails mod-97.
                    var wrongCheck = ((check - 2 + f.Random.Int(1, 96)) % 97) + 2;
                    var v = string.Concat(iban.AsSpan(0, 2), wrongCheck.ToString("D2", inv), iban.AsSpan(4));
                    if (IbanIsValid(v))
                    {
                        throw new InvalidOperationException($"generated a valid IBAN as a negative: {v}");
                    }

                    return (f.PickRandom($"Reference {v} (test data)", $"{{\"ref\":\"{v}\"}}", $"code={v}"), [v]);
                }

            case "ssn-invalid":
                {
                    var v = f.PickRandom(
                        $"000-{f.Random.Int(10, 99)}-{f.Random.Int(1000, 9999)}", $"666-{f.Random.Int(10, 99)}-{f.Random.Int(1000, 9999)}",
                        $"9{f.Random.Int(10, 99)}-{f.Random.Int(10, 99)}-{f.Random.Int(1000, 9999)}", $"{f.Random.Int(100, 665)}-00-{f.Random.Int(1000, 9999)}");
                    return (f.PickRandom($"Form field sample {v}", $"{{\"sample\":\"{v}\"}}", $"Part {v} is back-ordered"), [v]);
                }

            case "coordinates":
                {
                    var lat = f.Address.Latitude().ToString("F4", inv);
                    var lon = f.Address.Longitude().ToString("F4", inv);
                    return (f.PickRandom($"Location: {lat}, {lon}", $"{{\"lat\":{lat},\"lon\":{lon}}}", $"https://maps.example.com/?q={lat},{lon}"), [lat, lon]);
                }

            case "git-remote":
                {
                    var org = f.Internet.DomainWord();
                    var repo = f.Lorem.Word().ToLowerInvariant();
                    var host = f.PickRandom("github.com", "gitlab.com", "bitbucket.org", "git.example.com");
                    var v = f.PickRandom($"git@{host}:{org}/{repo}.git", $"ssh://git@{host}/{org}/{repo}.git", $"git@{host}:{org}/tools/{repo}.git");
                    return (f.PickRandom($"git clone {v}", $"remote.origin.url={v}", $"Cloning into '{repo}' from {v}..."), [v]);
                }

            case "url-userinfo":
                {
                    // The host of a connection URL must never become an [EMAIL]; the password is the secrets detectors' to take.
                    var host = $"{f.Internet.DomainWord()}-{f.Random.Int(1, 9)}.internal";
                    var scheme = f.PickRandom("redis", "rediss", "amqp", "mongodb");
                    var kept = $"@{host}:{f.Random.Int(1000, 9999)}";
                    return ($"{scheme}://:{f.Internet.Password(12)}{kept}/0", [kept]);
                }

            case "number":
                {
                    var v = f.PickRandom(
                        $"{f.Random.Int(1, 999)},{f.Random.Int(100, 999)},{f.Random.Int(100, 999)} rows", $"uptime {f.Random.Int(90, 99)}.{f.Random.Int(10, 99)}%",
                        $"port {f.Random.Int(1024, 65535)}", $"pid {f.Random.Int(100, 99999)}", $"{f.Random.Long(1_500_000_000_000, 1_800_000_000_000)} ms since epoch",
                        $"ISBN 978-{f.Random.Int(0, 9)}-{f.Random.Int(10, 99)}-{f.Random.Int(100000, 999999)}-{f.Random.Int(0, 9)}",
                        $"{f.Random.Int(10, 23)}:{f.Random.Int(10, 59)}:{f.Random.Int(10, 59)}");
                    return (f.PickRandom($"Stats: {v}.", $"{{\"metric\":\"{v}\"}}", $"- {v}"), [v]);
                }

            default:
                {
                    var v = f.Address.FullAddress();
                    return (f.PickRandom($"Ship to {v}.", $"{{\"address\":\"{v}\"}}", $"| {f.Company.CompanyName()} | {v} |"), [v]);
                }
        }
    }

    private static bool IbanIsValid(string iban)
    {
        var rearranged = iban[4..] + iban[..4];
        var remainder = 0;
        foreach (var c in rearranged)
        {
            remainder = char.IsAsciiDigit(c)
                ? ((remainder * 10) + (c - '0')) % 97
                : ((remainder * 100) + (char.ToUpperInvariant(c) - 'A' + 10)) % 97;
        }

        return remainder == 1;
    }
}
