using Bogus;

namespace LlmIngest.Tests.Redaction.Generated;

/// <summary>
/// Builds the generated corpus: positives of every kind from each locale's fake data in every template family, mixed
/// cases holding several kinds, and hard negatives. Cases are chosen by the seeded generator, never one by one, so the
/// corpus measures what the detectors generalise to rather than what they were tuned on.
/// </summary>
internal static class GeneratedCorpus
{
    public static readonly string[] Kinds = ["email", "phone", "card", "iban", "ssn", "ip"];

    public static IReadOnlyList<GeneratedCase> Create(int seed, IReadOnlyList<string> locales, int perKind, int mixed, int negatives)
    {
        var fakers = new Faker[locales.Count];
        for (var i = 0; i < locales.Count; i++)
        {
            fakers[i] = new Faker(locales[i]) { Random = new Randomizer(seed + i) };
        }

        var pick = new Randomizer(seed);
        var cases = new List<GeneratedCase>();
        foreach (var kind in Kinds)
        {
            for (var n = 0; n < perKind; n++)
            {
                var l = n % locales.Count;
                cases.Add(Positive(kind, fakers[l], locales[l], pick));
            }
        }

        for (var n = 0; n < mixed; n++)
        {
            var l = n % locales.Count;
            cases.Add(Mixed(fakers[l], locales[l], pick));
        }

        for (var n = 0; n < negatives; n++)
        {
            var l = n % locales.Count;
            var category = HardNegatives.Categories[n % HardNegatives.Categories.Length];
            var (text, kept) = HardNegatives.Create(category, fakers[l]);
            cases.Add(new GeneratedCase(GeneratedCase.Negative, category, locales[l], kept, text));
        }

        return cases;
    }

    private static GeneratedCase Positive(string kind, Faker f, string locale, Randomizer pick)
    {
        var (value, needsLabel) = PiiValues.Create(kind, f, locale);
        CaseTemplate template;
        do
        {
            template = pick.ArrayElement(CaseTemplates.Single);
        }
        while (needsLabel && !template.UsesLabel);

        var labels = needsLabel ? PiiValues.KeywordLabels[kind] : PiiValues.Labels[kind];
        var spelled = TextEncodings.Encode(template.Encoding, value);
        var text = template.Render(f, pick.ArrayElement(labels), spelled);
        var category = needsLabel ? $"{template.Family}+label" : template.Family;
        return new GeneratedCase(kind, category, locale, [spelled], text);
    }

    private static GeneratedCase Mixed(Faker f, string locale, Randomizer pick)
    {
        var email = PiiValues.Email(f, locale);
        var (phone, _) = PiiValues.Phone(f, locale);
        while (PiiValues.DigitsOf(phone) == phone)
        {
            (phone, _) = PiiValues.Phone(f, locale); // a bare number is a phone only when labelled: here it is not
        }

        var card = PiiValues.Card(f, locale);
        var iban = PiiValues.Iban(f);
        var ip = PiiValues.Ip(f);
        var name = f.Name.FullName();
        switch (pick.Number(0, 3))
        {
            case 0:
                return new("mixed", "chat", locale, [email, phone],
                    $"Hi, I'm {name} from {f.Address.City()}. Email me at {email} or call {phone} after 5pm.");
            case 1:
                {
                    var e = TextEncodings.Encode(TextEncoding.Json, email);
                    var p = TextEncodings.Encode(TextEncoding.Json, phone);
                    var c = TextEncodings.Encode(TextEncoding.Json, card);
                    return new("mixed", "json", locale, [e, p, c],
                        $"{{\"customer\":{{\"name\":\"{TextEncodings.Encode(TextEncoding.Json, name)}\",\"email\":\"{e}\",\"phone\":\"{p}\"}},\"payment\":\"card {c}\\nverified\"}}");
                }

            case 2:
                return new("mixed", "csv", locale, [email, iban, ip],
                    $"{f.Random.Int(1, 9999)},{name},{email},{iban},{ip},{f.Date.Past():yyyy-MM-dd}");
            default:
                return new("mixed", "log", locale, [ip, email, card],
                    $"{f.Date.Recent():yyyy-MM-ddTHH:mm:ss}Z WARN payment declined ip={ip} user={email} card={card}");
        }
    }
}
