using System.Globalization;
using System.Net;
using System.Text;
using Bogus;
using Bogus.Extensions.UnitedStates;

namespace LlmIngest.Tests.Redaction.Generated;

/// <summary>
/// Fake PII of one kind from a locale's <see cref="Faker"/>, in the spellings people and systems write: separators
/// (spaces, dashes, dots, non-breaking and thin spaces), fullwidth digits in CJK locales, lower case, zero-width
/// characters pasted from rich text. <c>NeedsLabel</c> is true for spellings only their context identifies (nine bare
/// digits are an SSN only after "SSN").
/// </summary>
internal static class PiiValues
{
    public static readonly Dictionary<string, string[]> Labels = new(StringComparer.Ordinal)
    {
        ["email"] = ["email", "e-mail", "contact", "reply_to", "correo"],
        ["phone"] = ["phone", "tel", "mobile", "Telefon", "phone_number"],
        ["card"] = ["card", "card_number", "payment", "Kreditkarte"],
        ["iban"] = ["iban", "IBAN", "account", "bank_account"],
        ["ssn"] = ["ssn", "SSN", "social security number", "customer_ssn"],
        ["ip"] = ["ip", "client_ip", "remote_addr", "host"],
    };

    // Labels that name the kind, so a context rule may use them.
    public static readonly Dictionary<string, string[]> KeywordLabels = new(StringComparer.Ordinal)
    {
        ["phone"] = ["phone", "tel", "mobile", "Telefon", "phone_number"],
        ["ssn"] = ["ssn", "SSN", "social security number", "customer_ssn"],
    };

    public static (string Value, bool NeedsLabel) Create(string kind, Faker f, string locale) => kind switch
    {
        "email" => (Email(f, locale), false),
        "phone" => Phone(f, locale),
        "card" => (Card(f, locale), false),
        "iban" => (Iban(f), false),
        "ssn" => Ssn(f),
        "ip" => (Ip(f), false),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Email(Faker f, string locale)
    {
        var first = f.Name.FirstName();
        var last = f.Name.LastName();
        switch (f.Random.Int(0, 9))
        {
            case <= 4:
                return f.Internet.Email(first, last);
            case 5:
                return f.Internet.Email(first, last).ToUpperInvariant();
            case 6:
                var plain = f.Internet.Email(first, last);
                var at = plain.IndexOf('@', StringComparison.Ordinal);
                return string.Concat(plain.AsSpan(0, at), "+", f.Lorem.Word().ToLowerInvariant(), plain.AsSpan(at));
            case 7:
                // Internationalised: the name in its own script as the local part.
                return $"{Compact(first).ToLowerInvariant()}.{Compact(last).ToLowerInvariant()}@{f.Internet.DomainName()}";
            case 8:
                return $"{Compact(first).ToLowerInvariant()}@{IdnDomain(f, locale)}";
            default:
                // Pasted from rich text (a zero-width space) or typed on a CJK keyboard (fullwidth at sign).
                var email = f.Internet.Email(first, last);
                return locale is "ja" or "zh_CN" or "zh_TW" or "ko"
                    ? email.Replace("@", "＠", StringComparison.Ordinal)
                    : email.Insert(Math.Max(1, email.IndexOf('@', StringComparison.Ordinal) / 2), "\u200b");
        }
    }

    public static (string, bool) Phone(Faker f, string locale)
    {
        // Bogus fills its locale formats with random digits, and some formats have no real counterpart (Swedish
        // "9196-615920", Dutch "(8697) 427181", 13-digit German numbers): numbers the locale's plan does not have are
        // not phone numbers to a reader either, so only valid ones are kept.
        string number;
        do
        {
            number = f.Phone.PhoneNumber();
        }
        while (!IsValidPhone(number, locale));

        // A bare run of digits is a phone number only to a reader who is told so (a phone field, "call me at").
        var bare = DigitsOf(number) == number;
        switch (f.Random.Int(0, 9))
        {
            case <= 5:
                return (number, bare);
            case 6:
                return (number.Replace(' ', '\u00a0'), bare);
            case 7:
                return (locale is "ja" or "zh_CN" or "zh_TW" or "ko" ? Fullwidth(number) : number.Replace(' ', '\u202f'), bare);
            default:
                // A bare national number in a phone field: only its label says what it is.
                return (DigitsOf(number), true);
        }
    }

    public static string Card(Faker f, string locale)
    {
        // Bogus also makes 20-digit "Laser" numbers; ISO/IEC 7812 card numbers have 12 to 19 digits.
        string raw;
        do
        {
            raw = f.Finance.CreditCardNumber();
        }
        while (DigitsOf(raw).Length > 19);

        var digits = DigitsOf(raw);
        return f.Random.Int(0, 7) switch
        {
            0 => digits,
            1 => Group(digits, " "),
            2 => Group(digits, "-"),
            3 when digits.Length == 16 => Group(digits, "."),
            4 => Group(digits, "\u00a0"),
            5 => Group(digits, "\u2009"),
            6 when locale is "ja" or "zh_CN" or "zh_TW" or "ko" => Fullwidth(Group(digits, " ")),
            _ => raw,
        };
    }

    public static string Iban(Faker f) => f.Random.Int(0, 5) switch
    {
        0 => f.Finance.Iban(formatted: false),
        1 => f.Finance.Iban(formatted: true).ToLowerInvariant(),
        2 => f.Finance.Iban(formatted: true).Replace(' ', '\u00a0'),
        _ => f.Finance.Iban(formatted: true),
    };

    public static (string, bool) Ssn(Faker f)
    {
        string ssn;
        do
        {
            ssn = f.Person.Ssn();
        }
        while (!IsIssuable(ssn));

        return f.Random.Int(0, 4) switch
        {
            0 => (ssn.Replace('-', ' '), true),
            1 => (DigitsOf(ssn), true),
            2 => (ssn.Replace('-', '.'), true),
            _ => (ssn, false),
        };
    }

    public static string Ip(Faker f)
    {
        switch (f.Random.Int(0, 7))
        {
            case <= 3:
                return f.Internet.Ip();
            case 4:
                return $"{f.Internet.Ip()}:{f.Random.Int(1024, 65535)}";
            case 5:
                return f.Internet.Ipv6();
            default:
                // Compressed: a run of zero groups, as addresses are usually written.
                var groups = f.Internet.Ipv6().Split(':');
                for (var i = 2; i < 6; i++)
                {
                    groups[i] = "0";
                }

                return IPAddress.Parse(string.Join(':', groups)).ToString();
        }
    }

    private static readonly Dictionary<string, string> RegionOfLocale = new(StringComparer.Ordinal)
    {
        ["en_US"] = "US",
        ["en_GB"] = "GB",
        ["en_IND"] = "IN",
        ["en_AU"] = "AU",
        ["en_CA"] = "CA",
        ["de"] = "DE",
        ["de_AT"] = "AT",
        ["de_CH"] = "CH",
        ["fr"] = "FR",
        ["es"] = "ES",
        ["es_MX"] = "MX",
        ["it"] = "IT",
        ["nl"] = "NL",
        ["pt_BR"] = "BR",
        ["pl"] = "PL",
        ["ru"] = "RU",
        ["uk"] = "UA",
        ["ja"] = "JP",
        ["ko"] = "KR",
        ["zh_CN"] = "CN",
        ["tr"] = "TR",
        ["sv"] = "SE",
        ["nb_NO"] = "NO",
        ["cz"] = "CZ",
    };

    private static bool IsValidPhone(string number, string locale)
    {
        var digits = number.Split('x')[0];
        try
        {
            var util = PhoneNumbers.PhoneNumberUtil.GetInstance();
            return util.IsValidNumber(util.Parse(digits, RegionOfLocale[locale]));
        }
        catch (PhoneNumbers.NumberParseException)
        {
            return false;
        }
    }

    /// <summary>Whether the SSA issues SSNs of this form (not area 000, 666, 9xx; group 00; serial 0000).</summary>
    public static bool IsIssuable(string ssn) =>
        !(ssn.StartsWith("000", StringComparison.Ordinal) || ssn.StartsWith("666", StringComparison.Ordinal) || ssn[0] == '9'
          || ssn.Substring(4, 2) == "00" || ssn.EndsWith("0000", StringComparison.Ordinal));

    public static string DigitsOf(string s)
    {
        var builder = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (char.IsAsciiDigit(c))
            {
                builder.Append(c);
            }
            else if (c == '+' && builder.Length == 0)
            {
                builder.Append(c);
            }
            else if (c == 'x')
            {
                break; // an extension is not part of the number
            }
        }

        return builder.ToString();
    }

    public static string Group(string digits, string separator)
    {
        // Amex 4-6-5, everything else in fours.
        if (digits.Length == 15)
        {
            return $"{digits[..4]}{separator}{digits[4..10]}{separator}{digits[10..]}";
        }

        var builder = new StringBuilder();
        for (var i = 0; i < digits.Length; i += 4)
        {
            if (i > 0)
            {
                builder.Append(separator);
            }

            builder.Append(digits, i, Math.Min(4, digits.Length - i));
        }

        return builder.ToString();
    }

    public static string Fullwidth(string s)
    {
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is >= '0' and <= '9' or '+' or '-' or '@')
            {
                chars[i] = (char)(chars[i] + 0xfee0);
            }
        }

        return new string(chars);
    }

    private static string Compact(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
        }

        return builder.Length == 0 ? "user" : builder.ToString();
    }

    private static string IdnDomain(Faker f, string locale) => locale switch
    {
        "ru" or "uk" => f.PickRandom("пример.рф", "почта.рф", "компания.укр"),
        "zh_CN" or "zh_TW" => f.PickRandom("例子.中国", "公司.网络", "邮件.公司"),
        "ja" => f.PickRandom("例え.jp", "会社.日本", "メール.jp"),
        "ko" => f.PickRandom("회사.한국", "메일.kr"),
        "el" => f.PickRandom("παράδειγμα.gr", "εταιρεία.ελ"),
        _ => f.PickRandom("bücher.de", "exämple.com", "café-paris.fr", "niño.es", "smörgås.se", "muñoz.com.mx"),
    };

    public static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
