using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>
/// The patterns of <see cref="VendorKeyFormats"/> for cloud platforms, observability and secret stores: Azure,
/// DigitalOcean, Heroku, Alibaba, Bedrock, Cloudflare, Databricks, New Relic, Sentry, Grafana, Dynatrace, Vault,
/// Terraform, OpenShift, Doppler, Pulumi, 1Password, age.
/// </summary>
internal static partial class CloudKeyPatterns
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    [GeneratedRegex(@"\G(?:AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)|SharedAccessKey=(?<secret>[A-Za-z0-9+/]{43}=))", Options)]
    public static partial Regex AzureKey();

    [GeneratedRegex(@"[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}", Options)]
    public static partial Regex AzureClientSecret();

    [GeneratedRegex(@"do[opr]_v1_[a-f0-9]{64}", Options)]
    public static partial Regex DigitalOcean();

    [GeneratedRegex(@"\GHRKU-AA[A-Za-z0-9_-]{58}", Options)]
    public static partial Regex Heroku();

    [GeneratedRegex(@"\GLTAI[A-Za-z0-9]{20}", Options)]
    public static partial Regex Alibaba();

    [GeneratedRegex(@"\GABSK[A-Za-z0-9+/]{109,269}={0,2}", Options)]
    public static partial Regex Bedrock();

    [GeneratedRegex(@"\Gv1\.0-[a-f0-9]{24}-[a-f0-9]{146}", Options)]
    public static partial Regex CloudflareOriginCa();

    [GeneratedRegex(@"\Gdapi[a-f0-9]{32}(?:-[0-9])?", Options)]
    public static partial Regex Databricks();

    [GeneratedRegex(@"NRAK-[A-Z0-9]{27}|NRII-[A-Za-z0-9_-]{32}|[a-f0-9]{36}NRAL", Options)]
    public static partial Regex NewRelic();

    [GeneratedRegex(@"\G(?:sntryu_[a-f0-9]{64}|sntrys_eyJ[A-Za-z0-9+/=_]{50,500})", Options)]
    public static partial Regex SentryToken();

    [GeneratedRegex(@"(?<secret>[0-9a-f]{32})(?::[0-9a-f]{32})?@(?:[a-z0-9-]{1,63}\.){0,4}sentry\.io", Options)]
    public static partial Regex SentryDsn();

    [GeneratedRegex(@"\G(?:glc_[A-Za-z0-9+/]{32,400}={0,3}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|eyJrIjoi[A-Za-z0-9]{70,400}={0,3})", Options)]
    public static partial Regex Grafana();

    [GeneratedRegex(@"\Gdt0c01\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{64}", Options)]
    public static partial Regex Dynatrace();

    [GeneratedRegex(@"\G(?:hvs|hvb)\.[A-Za-z0-9_-]{24,300}", Options)]
    public static partial Regex Vault();

    [GeneratedRegex(@"[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}", Options)]
    public static partial Regex Terraform();

    [GeneratedRegex(@"\Gsha256~[A-Za-z0-9_-]{43}", Options)]
    public static partial Regex OpenShift();

    [GeneratedRegex(@"\Gdp\.(?:pt|st|ct|sa|scim|audit)\.[A-Za-z0-9]{40,44}", Options)]
    public static partial Regex Doppler();

    [GeneratedRegex(@"\Gpul-[a-f0-9]{40}", Options)]
    public static partial Regex Pulumi();

    [GeneratedRegex(@"\Gops_eyJ[A-Za-z0-9+/]{250,2000}={0,3}", Options)]
    public static partial Regex OnePassword();

    [GeneratedRegex(@"\GAGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}", Options)]
    public static partial Regex Age();
}
