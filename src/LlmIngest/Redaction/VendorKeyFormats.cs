using System.Text.RegularExpressions;

namespace LlmIngest.Redaction;

/// <summary>
/// The vendor key shapes <see cref="VendorKeyDetector"/> knows. Prefixes, lengths and alphabets follow the public gitleaks
/// rule catalogue (config/gitleaks.toml) and the vendors' own documentation; the patterns are written here, bounded, and
/// allow each documented length range. Keys that have no literal of their own (Datadog, Okta, Cloudflare API tokens,
/// legacy Heroku keys) are found by their setting's name instead (<see cref="KeyedSecretDetector"/>).
/// </summary>
internal static partial class VendorKeyFormats
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    public static readonly IReadOnlyList<VendorKeyFormat> All =
    [
        new("Slack (app and configuration tokens)", "slack_token", ["xapp-", "xoxe"], SlackToken(), 200),
        new("Slack (incoming webhook and workflow URLs)", "slack_webhook", ["hooks.slack.com/"], SlackWebhook(), 200, inUrl: true),
        new("Discord (webhook URLs)", "discord_webhook", ["discord"], DiscordWebhook(), 140, inUrl: true),
        new("Microsoft Teams (incoming webhook URLs)", "teams_webhook", ["webhook.office.com/webhookb2/"], TeamsWebhook(), 280, inUrl: true),
        new(
            "GitLab (personal, project, deploy, runner, CI job, feed, mail, agent, OAuth, SCIM, feature-flag tokens)",
            "gitlab_token",
            ["glpat-", "gldt-", "glptt-", "glrt-", "glft-", "glcbt-", "GR1348941"],
            GitLab(),
            450,
            isKey: static s => TokenText.MixesClasses(s[5..])),
        new("npm", "npm_token", ["npm_"], Npm(), 40),
        new("PyPI", "pypi_token", ["pypi-AgE"], PyPi(), 1010),
        new("Twilio (API key SID)", "twilio_key", ["SK"], Twilio(), 34, isKey: static s => TokenText.MixesClasses(s[2..])),
        new("SendGrid", "sendgrid_key", ["SG."], SendGrid(), 69),
        new("Mailgun", "mailgun_key", ["key-"], Mailgun(), 36, isKey: static s => TokenText.MixesClasses(s[4..])),
        new("Mailchimp", "mailchimp_key", ["-us"], Mailchimp(), 6, lookBehind: 32, isKey: static s => TokenText.MixesClasses(s[..32])),
        new("Shopify", "shopify_token", ["shp"], Shopify(), 38),
        new("Square", "square_token", ["sq0", "EAAA"], Square(), 70, isKey: static s => TokenText.LooksRandom(s[4..])),
        new("Azure (storage account and Service Bus keys)", "azure_key", ["AccountKey=", "SharedAccessKey="], AzureKey(), 110),
        new("Azure AD / Entra ID (client secrets)", "azure_client_secret", ["Q~"], AzureClientSecret(), 38, lookBehind: 4),
        new("Hugging Face", "huggingface_token", ["hf_", "api_org_"], HuggingFace(), 50, isKey: static s => TokenText.MixesClasses(s[3..])),
        new("Databricks", "databricks_token", ["dapi"], Databricks(), 38, isKey: static s => TokenText.MixesClasses(s[4..])),
        new("DigitalOcean", "digitalocean_token", ["_v1_"], DigitalOcean(), 68, lookBehind: 3),
        new("Heroku (platform keys)", "heroku_key", ["HRKU-AA"], Heroku(), 65),
        new("New Relic", "newrelic_key", ["NRAK-", "NRII-", "NRAL"], NewRelic(), 40, lookBehind: 36),
        new("Sentry (user and org tokens)", "sentry_token", ["sntryu_", "sntrys_"], SentryToken(), 520),
        new("Sentry (DSN keys)", "sentry_dsn", ["sentry.io"], SentryDsn(), 10, lookBehind: 140, inUrl: true),
        new("Postman", "postman_key", ["PMAK-"], Postman(), 64),
        new("Doppler", "doppler_token", ["dp."], Doppler(), 56),
        new("Pulumi", "pulumi_token", ["pul-"], Pulumi(), 44),
        new("HashiCorp Vault", "vault_token", ["hvs.", "hvb."], Vault(), 304),
        new("HashiCorp Terraform Cloud", "terraform_token", [".atlasv1."], Terraform(), 80, lookBehind: 14),
        new("Linear", "linear_key", ["lin_"], Linear(), 50),
        new("Notion", "notion_token", ["ntn_", "secret_"], Notion(), 50, isKey: static s => TokenText.LooksRandom(s[4..])),
        new("Atlassian (API tokens)", "atlassian_token", ["ATATT3"], Atlassian(), 306),
        new("Dropbox", "dropbox_token", ["sl."], Dropbox(), 1410, isKey: static s => TokenText.LooksRandom(s[3..])),
        new("age (secret keys)", "age_secret_key", ["AGE-SECRET-KEY-1"], Age(), 74),
        new("Grafana", "grafana_token", ["glc_", "glsa_", "eyJrIjoi"], Grafana(), 420),
        new("Cloudflare (origin CA keys)", "cloudflare_key", ["v1.0-"], CloudflareOriginCa(), 180),
        new("Telegram (bot tokens)", "telegram_bot_token", [":AA"], Telegram(), 36, lookBehind: 16),
        new("1Password (service account tokens)", "onepassword_secret", ["ops_eyJ"], OnePassword(), 2010),
        new("Alibaba Cloud", "alibaba_key", ["LTAI"], Alibaba(), 24, isKey: static s => TokenText.MixesClasses(s[4..])),
        new("JFrog Artifactory", "artifactory_key", ["AKCp"], Artifactory(), 73),
        new("Amazon Bedrock (API keys)", "aws_bedrock_key", ["ABSK"], Bedrock(), 276),
        new("Dynatrace", "dynatrace_token", ["dt0c01."], Dynatrace(), 96),
        new("Perplexity", "perplexity_key", ["pplx-"], Perplexity(), 53),
        new("PlanetScale", "planetscale_token", ["pscale_"], PlanetScale(), 80),
        new("Prefect", "prefect_key", ["pnu_"], Prefect(), 40),
        new("ReadMe", "readme_key", ["rdme_"], ReadMe(), 75),
        new("RubyGems", "rubygems_key", ["rubygems_"], RubyGems(), 57),
        new("Brevo / Sendinblue", "brevo_key", ["xkeysib-"], Brevo(), 90),
        new("Shippo", "shippo_token", ["shippo_"], Shippo(), 52),
        new("Stripe (webhook signing secrets)", "stripe_key", ["whsec_"], StripeWebhookSecret(), 90),
        new("Groq", "groq_key", ["gsk_"], Groq(), 56),
        new("Replicate", "replicate_token", ["r8_"], Replicate(), 40),
        new("LangSmith", "langsmith_key", ["lsv2_pt_", "lsv2_sk_"], LangSmith(), 51),
        new("xAI", "xai_key", ["xai-"], XAi(), 94, isKey: static s => TokenText.MixesClasses(s[4..])),
        new("OpenRouter / DeepSeek (hex sk- keys)", "llm_api_key", ["sk-"], HexSkKey(), 74, isKey: static s => TokenText.MixesClasses(s[3..])),
        new("Sourcegraph", "sourcegraph_token", ["sgp_"], Sourcegraph(), 66),
        new("OpenShift (user tokens)", "openshift_token", ["sha256~"], OpenShift(), 50),
        new("MaxMind (license keys)", "maxmind_key", ["_mmk"], MaxMind(), 4, lookBehind: 36),
    ];

    [GeneratedRegex(@"\Gxapp-[0-9]-[A-Za-z0-9]{6,20}-[0-9]{6,20}-[A-Za-z0-9]{20,120}|\Gxoxe(?:\.xox[bp])?-[0-9]-[A-Za-z0-9]{140,180}", Options)]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"\Ghooks\.slack\.com/(?:services|workflows|triggers)/(?<secret>[A-Za-z0-9+/_-]{30,160})", Options)]
    private static partial Regex SlackWebhook();

    [GeneratedRegex(@"\Gdiscord(?:app)?\.com/api/webhooks/(?<secret>[0-9]{17,20}/[A-Za-z0-9_-]{60,80})", Options)]
    private static partial Regex DiscordWebhook();

    [GeneratedRegex(@"\Gwebhook\.office\.com/webhookb2/(?<secret>[0-9a-fA-F-]{36}@[0-9a-fA-F-]{36}/IncomingWebhook/[0-9a-fA-F]{32}/[0-9a-fA-F-]{36}(?:/[A-Za-z0-9_-]{10,80})?)", Options)]
    private static partial Regex TeamsWebhook();

    [GeneratedRegex(@"\G(?:gl(?:pat|dt|ptt|rt|cbt|imt|agent|oas|soat|ffct|ft)-|GR1348941)[A-Za-z0-9_-]{20,300}(?:\.[A-Za-z0-9_-]{2,64}){0,2}", Options)]
    private static partial Regex GitLab();

    [GeneratedRegex(@"\Gnpm_[A-Za-z0-9]{36}", Options)]
    private static partial Regex Npm();

    [GeneratedRegex(@"\Gpypi-AgE[A-Za-z0-9_-]{70,1000}", Options)]
    private static partial Regex PyPi();

    [GeneratedRegex(@"\GSK[0-9a-fA-F]{32}", Options)]
    private static partial Regex Twilio();

    [GeneratedRegex(@"\GSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}", Options)]
    private static partial Regex SendGrid();

    [GeneratedRegex(@"\Gkey-[0-9a-f]{32}", Options)]
    private static partial Regex Mailgun();

    [GeneratedRegex(@"[0-9a-f]{32}-us[0-9]{1,2}", Options)]
    private static partial Regex Mailchimp();

    [GeneratedRegex(@"\Gshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}", Options)]
    private static partial Regex Shopify();

    [GeneratedRegex(@"\G(?:sq0atp-[A-Za-z0-9_-]{22}|sq0csp-[A-Za-z0-9_-]{43}|EAAA[A-Za-z0-9_-]{60})", Options)]
    private static partial Regex Square();

    [GeneratedRegex(@"\G(?:AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)|SharedAccessKey=(?<secret>[A-Za-z0-9+/]{43}=))", Options)]
    private static partial Regex AzureKey();

    [GeneratedRegex(@"[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}", Options)]
    private static partial Regex AzureClientSecret();

    [GeneratedRegex(@"\G(?:hf_|api_org_)[A-Za-z0-9]{34,40}", Options)]
    private static partial Regex HuggingFace();

    [GeneratedRegex(@"\Gdapi[a-f0-9]{32}(?:-[0-9])?", Options)]
    private static partial Regex Databricks();

    [GeneratedRegex(@"do[opr]_v1_[a-f0-9]{64}", Options)]
    private static partial Regex DigitalOcean();

    [GeneratedRegex(@"\GHRKU-AA[A-Za-z0-9_-]{58}", Options)]
    private static partial Regex Heroku();

    [GeneratedRegex(@"NRAK-[A-Z0-9]{27}|NRII-[A-Za-z0-9_-]{32}|[a-f0-9]{36}NRAL", Options)]
    private static partial Regex NewRelic();

    [GeneratedRegex(@"\G(?:sntryu_[a-f0-9]{64}|sntrys_eyJ[A-Za-z0-9+/=_]{50,500})", Options)]
    private static partial Regex SentryToken();

    [GeneratedRegex(@"(?<secret>[0-9a-f]{32})(?::[0-9a-f]{32})?@(?:[a-z0-9-]{1,63}\.){0,4}sentry\.io", Options)]
    private static partial Regex SentryDsn();

    [GeneratedRegex(@"\GPMAK-[a-f0-9]{24}-[a-f0-9]{34}", Options)]
    private static partial Regex Postman();

    [GeneratedRegex(@"\Gdp\.(?:pt|st|ct|sa|scim|audit)\.[A-Za-z0-9]{40,44}", Options)]
    private static partial Regex Doppler();

    [GeneratedRegex(@"\Gpul-[a-f0-9]{40}", Options)]
    private static partial Regex Pulumi();

    [GeneratedRegex(@"\G(?:hvs|hvb)\.[A-Za-z0-9_-]{24,300}", Options)]
    private static partial Regex Vault();

    [GeneratedRegex(@"[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}", Options)]
    private static partial Regex Terraform();

    [GeneratedRegex(@"\Glin_(?:api|oauth)_[A-Za-z0-9]{40}", Options)]
    private static partial Regex Linear();

    [GeneratedRegex(@"\G(?:ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})", Options)]
    private static partial Regex Notion();

    [GeneratedRegex(@"\GATATT3[A-Za-z0-9_=-]{100,300}", Options)]
    private static partial Regex Atlassian();

    [GeneratedRegex(@"\Gsl\.(?:u\.)?[A-Za-z0-9_=-]{130,1400}", Options)]
    private static partial Regex Dropbox();

    [GeneratedRegex(@"\GAGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}", Options)]
    private static partial Regex Age();

    [GeneratedRegex(@"\G(?:glc_[A-Za-z0-9+/]{32,400}={0,3}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|eyJrIjoi[A-Za-z0-9]{70,400}={0,3})", Options)]
    private static partial Regex Grafana();

    [GeneratedRegex(@"\Gv1\.0-[a-f0-9]{24}-[a-f0-9]{146}", Options)]
    private static partial Regex CloudflareOriginCa();

    [GeneratedRegex(@"[0-9]{5,16}:AA[A-Za-z0-9_-]{33}", Options)]
    private static partial Regex Telegram();

    [GeneratedRegex(@"\Gops_eyJ[A-Za-z0-9+/]{250,2000}={0,3}", Options)]
    private static partial Regex OnePassword();

    [GeneratedRegex(@"\GLTAI[A-Za-z0-9]{20}", Options)]
    private static partial Regex Alibaba();

    [GeneratedRegex(@"\GAKCp[A-Za-z0-9]{69}", Options)]
    private static partial Regex Artifactory();

    [GeneratedRegex(@"\GABSK[A-Za-z0-9+/]{109,269}={0,2}", Options)]
    private static partial Regex Bedrock();

    [GeneratedRegex(@"\Gdt0c01\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{64}", Options)]
    private static partial Regex Dynatrace();




    [GeneratedRegex(@"\Gpplx-[A-Za-z0-9]{48}", Options)]
    private static partial Regex Perplexity();

    [GeneratedRegex(@"\Gpscale_(?:tkn|oauth|pw)_[A-Za-z0-9_=.-]{32,64}", Options)]
    private static partial Regex PlanetScale();

    [GeneratedRegex(@"\Gpnu_[A-Za-z0-9]{36}", Options)]
    private static partial Regex Prefect();

    [GeneratedRegex(@"\Grdme_[a-z0-9]{70}", Options)]
    private static partial Regex ReadMe();

    [GeneratedRegex(@"\Grubygems_[a-f0-9]{48}", Options)]
    private static partial Regex RubyGems();

    [GeneratedRegex(@"\Gxkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}", Options)]
    private static partial Regex Brevo();

    [GeneratedRegex(@"\Gshippo_(?:live|test)_[a-fA-F0-9]{40}", Options)]
    private static partial Regex Shippo();

    [GeneratedRegex(@"\Gwhsec_[A-Za-z0-9+/]{32,80}={0,2}", Options)]
    private static partial Regex StripeWebhookSecret();


    [GeneratedRegex(@"\Ggsk_[A-Za-z0-9]{52}", Options)]
    private static partial Regex Groq();

    [GeneratedRegex(@"\Gr8_[A-Za-z0-9]{37}", Options)]
    private static partial Regex Replicate();

    [GeneratedRegex(@"\Glsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}", Options)]
    private static partial Regex LangSmith();

    [GeneratedRegex(@"\Gxai-[A-Za-z0-9]{70,90}", Options)]
    private static partial Regex XAi();

    [GeneratedRegex(@"\Gsk-(?:or-v1-[a-f0-9]{64}|[a-f0-9]{32})", Options)]
    private static partial Regex HexSkKey();

    [GeneratedRegex(@"\Gsgp_(?:(?:[a-fA-F0-9]{16}|local)_)?[a-fA-F0-9]{40}", Options)]
    private static partial Regex Sourcegraph();


    [GeneratedRegex(@"\Gsha256~[A-Za-z0-9_-]{43}", Options)]
    private static partial Regex OpenShift();






    [GeneratedRegex(@"[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk", Options)]
    private static partial Regex MaxMind();



}
