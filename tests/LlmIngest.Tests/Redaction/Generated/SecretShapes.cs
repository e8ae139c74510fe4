using System.Text;

namespace LlmIngest.Tests.Redaction.Generated;

/// <summary>
/// Random values of each secret format: prefixes, lengths and alphabets as the vendors document them and the public
/// gitleaks catalogue lists them, written from those facts (not from the detectors' patterns), one generator per shape.
/// </summary>
internal static class SecretShapes
{
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Digits = "0123456789";
    private const string Alnum = Upper + Lower + Digits;
    private const string Base64Url = Alnum + "-_";
    private const string Base64 = Alnum + "+/";
    private const string Hex = "0123456789abcdef";
    private const string UpperAlnum = Upper + Digits;
    private const string LowerAlnum = Lower + Digits;
    private const string Bech32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private const string PasswordChars = Alnum + "!@#$%^*_-+=.?";

    public static readonly IReadOnlyList<SecretShape> All =
    [
        SecretShape.Of("openai", "OPENAI_API_KEY", r => "sk-proj-" + S(r, Base64Url, 74) + "T3BlbkFJ" + S(r, Base64Url, 74)),
        SecretShape.Of("openai-legacy", "OPENAI_API_KEY", r => "sk-" + S(r, Alnum, 20) + "T3BlbkFJ" + S(r, Alnum, 20)),
        SecretShape.Of("anthropic", "ANTHROPIC_API_KEY", r => "sk-ant-api03-" + S(r, Base64Url, 93) + "AA"),
        SecretShape.Of("aws-access-key", "AWS_ACCESS_KEY_ID", r => Pick(r, "AKIA", "ASIA") + S(r, Upper + "234567", 16)),
        SecretShape.Of("aws-secret-key", "aws_secret_access_key", r => S(r, Base64, 40), needsName: true),
        SecretShape.Of("github-classic", "GITHUB_TOKEN", r => Pick(r, "ghp_", "gho_", "ghu_", "ghs_", "ghr_") + S(r, Alnum, 36)),
        SecretShape.Of("github-fine-grained", "GITHUB_TOKEN", r => "github_pat_11" + S(r, UpperAlnum, 20) + "_" + S(r, Alnum, 59)),
        SecretShape.Of("google-api-key", "GOOGLE_API_KEY", r => "AIza" + S(r, Base64Url, 35)),
        SecretShape.Of("slack-bot", "SLACK_BOT_TOKEN", r => "xoxb-" + S(r, Digits, 12) + "-" + S(r, Digits, 13) + "-" + S(r, Alnum, 24)),
        SecretShape.Of("slack-user", "SLACK_TOKEN", r => "xoxp-" + S(r, Digits, 12) + "-" + S(r, Digits, 12) + "-" + S(r, Digits, 13) + "-" + S(r, Hex, 32)),
        SecretShape.Of("slack-app", "SLACK_APP_TOKEN", r => "xapp-1-A" + S(r, UpperAlnum, 10) + "-" + S(r, Digits, 13) + "-" + S(r, Hex, 64)),
        Url("slack-webhook", "SLACK_WEBHOOK_URL", r => ("https://hooks.slack.com/services/", "T" + S(r, UpperAlnum, 10) + "/B" + S(r, UpperAlnum, 10) + "/" + S(r, Alnum, 24))),
        Url("discord-webhook", "DISCORD_WEBHOOK_URL", r => ("https://discord.com/api/webhooks/", S(r, Digits, 19) + "/" + S(r, Base64Url, 68))),
        Url("teams-webhook", "TEAMS_WEBHOOK_URL", r => ("https://contoso.webhook.office.com/webhookb2/", Uuid(r) + "@" + Uuid(r) + "/IncomingWebhook/" + S(r, Hex, 32) + "/" + Uuid(r))),
        SecretShape.Of("stripe", "STRIPE_SECRET_KEY", r => Pick(r, "sk_live_", "sk_test_", "rk_live_") + S(r, Alnum, 24 + r.Next(76))),
        SecretShape.Of("stripe-webhook", "STRIPE_WEBHOOK_SECRET", r => "whsec_" + S(r, Alnum, 32)),
        SecretShape.Of("jwt", "ID_TOKEN", Jwt),
        SecretShape.Of("gitlab", "GITLAB_TOKEN", r => Pick(r, "glpat-", "gldt-", "glrt-", "glft-", "glcbt-") + S(r, Base64Url, 20)),
        SecretShape.Of("gitlab-ptt", "CI_TRIGGER_TOKEN", r => "glptt-" + S(r, Hex, 40)),
        SecretShape.Of("npm", "NPM_TOKEN", r => "npm_" + S(r, Alnum, 36)),
        SecretShape.Of("pypi", "PYPI_TOKEN", r => "pypi-AgEIcHlwaS5vcmc" + S(r, Base64Url, 70 + r.Next(80))),
        SecretShape.Of("twilio", "TWILIO_API_KEY", r => "SK" + S(r, Hex, 32)),
        SecretShape.Of("sendgrid", "SENDGRID_API_KEY", r => "SG." + S(r, Base64Url, 22) + "." + S(r, Base64Url, 43)),
        SecretShape.Of("mailgun", "MAILGUN_API_KEY", r => "key-" + S(r, Hex, 32)),
        SecretShape.Of("mailchimp", "MAILCHIMP_API_KEY", r => S(r, Hex, 32) + "-us" + r.Next(1, 22)),
        SecretShape.Of("shopify", "SHOPIFY_ACCESS_TOKEN", r => Pick(r, "shpat_", "shpca_", "shppa_", "shpss_") + S(r, Hex, 32)),
        SecretShape.Of("square", "SQUARE_ACCESS_TOKEN", r => Pick(r, "sq0atp-" + S(r, Base64Url, 22), "sq0csp-" + S(r, Base64Url, 43), "EAAA" + S(r, Base64Url, 60))),
        new("azure-storage", "AZURE_STORAGE_CONNECTION_STRING", false, r =>
        {
            var key = S(r, Base64, 86) + "==";
            return ("DefaultEndpointsProtocol=https;AccountName=st" + S(r, LowerAlnum, 8) + ";AccountKey=" + key + ";EndpointSuffix=core.windows.net", key);
        }),
        new("azure-sas", "AZURE_BLOB_SAS_URL", false, r =>
        {
            var sig = S(r, Base64, 43).Replace("+", "%2B", StringComparison.Ordinal).Replace("/", "%2F", StringComparison.Ordinal) + "%3D";
            return ("https://st" + S(r, LowerAlnum, 8) + ".blob.core.windows.net/exports/report.csv?sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-12-31T23:59:59Z&spr=https&sig=" + sig, sig);
        }),
        SecretShape.Of("azure-ad-client-secret", "AZURE_CLIENT_SECRET", r => S(r, Alnum, 3) + S(r, Digits, 1) + "Q~" + S(r, Alnum + "_~.-", 34)),
        SecretShape.Of("huggingface", "HF_TOKEN", r => "hf_" + S(r, Upper + Lower, 34)),
        SecretShape.Of("databricks", "DATABRICKS_TOKEN", r => "dapi" + S(r, Hex, 32)),
        SecretShape.Of("digitalocean", "DIGITALOCEAN_TOKEN", r => Pick(r, "dop_v1_", "doo_v1_", "dor_v1_") + S(r, Hex, 64)),
        SecretShape.Of("heroku", "HEROKU_API_KEY", r => "HRKU-AA" + S(r, Base64Url, 58)),
        SecretShape.Of("heroku-legacy", "HEROKU_API_KEY", Uuid, needsName: true),
        SecretShape.Of("datadog", "DD_API_KEY", r => S(r, Hex, 32), needsName: true),
        SecretShape.Of("datadog-app", "DD_APP_KEY", r => S(r, Hex, 40), needsName: true),
        SecretShape.Of("newrelic", "NEW_RELIC_API_KEY", r => "NRAK-" + S(r, UpperAlnum, 27)),
        SecretShape.Of("newrelic-license", "NEW_RELIC_LICENSE_KEY", r => S(r, Hex, 36) + "NRAL"),
        new("sentry-dsn", "SENTRY_DSN", false, r =>
        {
            var key = S(r, Hex, 32);
            return ("https://" + key + "@o" + S(r, Digits, 6) + ".ingest.sentry.io/" + S(r, Digits, 7), key);
        }),
        SecretShape.Of("sentry-token", "SENTRY_AUTH_TOKEN", r => "sntryu_" + S(r, Hex, 64)),
        SecretShape.Of("postman", "POSTMAN_API_KEY", r => "PMAK-" + S(r, Hex, 24) + "-" + S(r, Hex, 34)),
        SecretShape.Of("doppler", "DOPPLER_TOKEN", r => Pick(r, "dp.pt.", "dp.st.", "dp.sa.") + S(r, Alnum, 43)),
        SecretShape.Of("pulumi", "PULUMI_ACCESS_TOKEN", r => "pul-" + S(r, Hex, 40)),
        SecretShape.Of("vault", "VAULT_TOKEN", r => "hvs." + S(r, Base64Url, 90 + r.Next(20))),
        SecretShape.Of("terraform", "TFE_TOKEN", r => S(r, Alnum, 14) + ".atlasv1." + S(r, Base64Url, 67)),
        SecretShape.Of("linear", "LINEAR_API_KEY", r => "lin_api_" + S(r, Alnum, 40)),
        SecretShape.Of("notion", "NOTION_TOKEN", r => Pick(r, "ntn_" + S(r, Digits, 11) + S(r, Alnum, 35), "secret_" + S(r, Alnum, 43))),
        SecretShape.Of("atlassian", "JIRA_API_TOKEN", r => "ATATT3xFfGF0" + S(r, Base64Url, 170) + "=" + S(r, Hex, 8).ToUpperInvariant()),
        SecretShape.Of("dropbox", "DROPBOX_ACCESS_TOKEN", r => "sl." + S(r, Base64Url, 135)),
        SecretShape.Of("age", "AGE_SECRET_KEY", r => "AGE-SECRET-KEY-1" + S(r, Bech32, 58).ToUpperInvariant()),
        SecretShape.Of("grafana", "GRAFANA_TOKEN", r => Pick(r, "glc_" + S(r, Alnum, 120), "glsa_" + S(r, Alnum, 32) + "_" + S(r, Hex, 8))),
        SecretShape.Of("cloudflare-origin-ca", "CLOUDFLARE_ORIGIN_CA_KEY", r => "v1.0-" + S(r, Hex, 24) + "-" + S(r, Hex, 146)),
        SecretShape.Of("cloudflare-api-token", "CLOUDFLARE_API_TOKEN", r => S(r, Base64Url, 40), needsName: true),
        SecretShape.Of("okta", "OKTA_API_TOKEN", r => "00" + S(r, Base64Url, 40), needsName: true),
        SecretShape.Of("telegram", "TELEGRAM_BOT_TOKEN", r => S(r, "123456789", 1) + S(r, Digits, 8 + r.Next(2)) + ":AA" + S(r, Base64Url, 33)),
        SecretShape.Of("onepassword", "OP_SERVICE_ACCOUNT_TOKEN", r => "ops_eyJ" + S(r, Base64, 300)),
        SecretShape.Of("alibaba", "ALIBABA_CLOUD_ACCESS_KEY_ID", r => "LTAI" + S(r, Alnum, 20)),
        SecretShape.Of("bedrock", "AWS_BEARER_TOKEN_BEDROCK", r => "ABSK" + S(r, Base64, 130)),
        SecretShape.Of("dynatrace", "DT_API_TOKEN", r => "dt0c01." + S(r, UpperAlnum, 24) + "." + S(r, UpperAlnum, 64)),
        SecretShape.Of("groq", "GROQ_API_KEY", r => "gsk_" + S(r, Alnum, 52)),
        SecretShape.Of("replicate", "REPLICATE_API_TOKEN", r => "r8_" + S(r, Alnum, 37)),
        SecretShape.Of("langsmith", "LANGSMITH_API_KEY", r => Pick(r, "lsv2_pt_", "lsv2_sk_") + S(r, Hex, 32) + "_" + S(r, Hex, 10)),
        SecretShape.Of("xai", "XAI_API_KEY", r => "xai-" + S(r, Alnum, 80)),
        SecretShape.Of("perplexity", "PERPLEXITY_API_KEY", r => "pplx-" + S(r, Alnum, 48)),
        SecretShape.Of("openrouter", "OPENROUTER_API_KEY", r => "sk-or-v1-" + S(r, Hex, 64)),
        SecretShape.Of("deepseek", "DEEPSEEK_API_KEY", r => "sk-" + S(r, Hex, 32)),
        SecretShape.Of("planetscale", "PLANETSCALE_TOKEN", r => "pscale_tkn_" + S(r, Base64Url, 43)),
        SecretShape.Of("prefect", "PREFECT_API_KEY", r => "pnu_" + S(r, Alnum, 36)),
        SecretShape.Of("rubygems", "GEM_HOST_API_KEY", r => "rubygems_" + S(r, Hex, 48)),
        SecretShape.Of("brevo", "BREVO_API_KEY", r => "xkeysib-" + S(r, Hex, 64) + "-" + S(r, Alnum, 16)),
        SecretShape.Of("shippo", "SHIPPO_API_TOKEN", r => Pick(r, "shippo_live_", "shippo_test_") + S(r, Hex, 40)),
        SecretShape.Of("sourcegraph", "SRC_ACCESS_TOKEN", r => "sgp_" + S(r, Hex, 16) + "_" + S(r, Hex, 40)),
        SecretShape.Of("artifactory", "ARTIFACTORY_API_KEY", r => "AKCp" + S(r, Alnum, 69)),
        SecretShape.Of("openshift", "OPENSHIFT_TOKEN", r => "sha256~" + S(r, Base64Url, 43)),
        SecretShape.Of("readme", "README_API_KEY", r => "rdme_" + S(r, LowerAlnum, 70)),
        SecretShape.Of("generic-api-key", "API_KEY", r => S(r, Alnum, 24 + r.Next(24)), needsName: true),
        SecretShape.Of("generic-client-secret", "CLIENT_SECRET", r => S(r, Base64Url, 32 + r.Next(16)), needsName: true),
        SecretShape.Of("generic-webhook-secret", "WEBHOOK_SIGNING_SECRET", r => S(r, Hex, 64), needsName: true),
        SecretShape.Of("generic-password", "DB_PASSWORD", Password, needsName: true),
        SecretShape.Of("generic-passphrase", "SSH_KEY_PASSPHRASE", r => S(r, Lower, 5) + "-" + S(r, Lower, 6) + "-" + S(r, Lower, 5) + "-" + S(r, Digits, 2), needsName: true),
    ];

    /// <summary>A password as people choose them: letters, digits and a symbol or two, 8-20 characters.</summary>
    public static string Password(Random r)
    {
        var s = S(r, Upper, 1) + S(r, Lower, 3 + r.Next(6)) + S(r, Digits, 1 + r.Next(4)) + S(r, "!@#$%^*-+=?", 1) + S(r, PasswordChars, r.Next(5));
        return s;
    }

    public static string Uuid(Random r) => $"{S(r, Hex, 8)}-{S(r, Hex, 4)}-4{S(r, Hex, 3)}-a{S(r, Hex, 3)}-{S(r, Hex, 12)}";

    public static string S(Random r, string alphabet, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[r.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    public static string Pick(Random r, params string[] options) => options[r.Next(options.Length)];

    private static SecretShape Url(string category, string name, Func<Random, (string Prefix, string Secret)> value) =>
        new(category, name, false, r =>
        {
            var (prefix, secret) = value(r);
            return (prefix + secret, secret);
        });

    private static string Jwt(Random r)
    {
        var header = Base64UrlOf("{\"alg\":\"" + Pick(r, "HS256", "RS256", "ES256") + "\",\"typ\":\"JWT\"}");
        var payload = Base64UrlOf("{\"sub\":\"" + S(r, Digits, 8) + "\",\"name\":\"" + S(r, Lower, 6) + "\",\"iat\":" + (1700000000 + r.Next(50000000)) + "}");
        return header + "." + payload + "." + S(r, Base64Url, 43);
    }

    private static string Base64UrlOf(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
