using LlmIngest.Redaction;

namespace LlmIngest.Tests.Redaction;

/// <summary>
/// The secret detectors added for vendor key formats, secret-named settings, passwords in prose and HTTP credentials:
/// what each finds (exactly that span), what it leaves alone, and the over-redactions the default redactor must avoid.
/// </summary>
public sealed class SecretDetectorTests
{
    [Theory]
    [InlineData("export GITLAB_TOKEN=glpat-Ab3dEfGh1jKlMnOpQr5t", "glpat-Ab3dEfGh1jKlMnOpQr5t", "gitlab_token")]
    [InlineData("//registry.npmjs.org/:_authToken=npm_aB3dEfGh1jKlMnOpQr5tUvWxYz0123456789", "npm_aB3dEfGh1jKlMnOpQr5tUvWxYz0123456789", "npm_token")]
    [InlineData("SENDGRID=SG.abcdefghijklmnopqrstuv.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq ok", "SG.abcdefghijklmnopqrstuv.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq", "sendgrid_key")]
    [InlineData("mc 0123456789abcdef0123456789abcdef-us12 end", "0123456789abcdef0123456789abcdef-us12", "mailchimp_key")]
    [InlineData("{\"content\":\"line\\nxapp-1-A0123456789-1234567890123-0123456789abcdef0123456789abcdef\\n\"}", "xapp-1-A0123456789-1234567890123-0123456789abcdef0123456789abcdef", "slack_token")]
    [InlineData("POST https://hooks.slack.com/services/T0123ABCD/B0456EFGH/aBcDeFgHiJkLmNoPqRsTuVwX", "T0123ABCD/B0456EFGH/aBcDeFgHiJkLmNoPqRsTuVwX", "slack_webhook")]
    [InlineData("dsn https://0123456789abcdef0123456789abcdef@o123456.ingest.sentry.io/4507", "0123456789abcdef0123456789abcdef", "sentry_dsn")]
    [InlineData("bot 123456789:AAHk3jL0x9dF8mQ7pZ2rT5vW1yB4nC6eG0s/sendMessage", "123456789:AAHk3jL0x9dF8mQ7pZ2rT5vW1yB4nC6eG0s", "telegram_bot_token")]
    [InlineData("AccountName=st1;AccountKey=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/AbCdEfGhIj==;EndpointSuffix=core.windows.net", "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/AbCdEfGhIj==", "azure_key")]
    [InlineData("key = AGE-SECRET-KEY-1QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7LQPZRY9X8GF2TVDW0S3JN54KHCE", "AGE-SECRET-KEY-1QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7LQPZRY9X8GF2TVDW0S3JN54KHCE", "age_secret_key")]
    public void VendorKey_FindsTheKeyOfEachFormat_WithItsVendorsKind(string text, string expected, string kind)
    {
        var matches = new List<RedactionMatch>();
        new VendorKeyDetector().Find(text, 0, matches);

        var match = Assert.Single(matches);
        Assert.Equal(expected, text.Substring(match.Start, match.Length));
        Assert.Equal(kind, match.Detector.Kind);
    }

    [Theory]
    [InlineData("the glpat- prefix and npm_ tokens and SK-1234 and key-value stores")]
    [InlineData("hf_transfer speeds up downloads; sl. is short; pat.route; dapi is a prefix")]
    [InlineData("XSK0123456789abcdef0123456789abcdef glued to a word")]
    [InlineData("sha a94a8fe5ccb19ba61c4c0873d391e987982fbbd3 and uuid 550e8400-e29b-41d4-a716-446655440000")]
    [InlineData("https://hooks.slack.com/ and https://api.slack.com/messaging/webhooks")]
    public void VendorKey_LeavesPrefixesAndHashesAlone(string text)
    {
        var matches = new List<RedactionMatch>();
        new VendorKeyDetector().Find(text, 0, matches);

        Assert.Empty(matches);
    }

    [Fact]
    public void SecretDetectors_CoverAtLeast40VendorFormats()
    {
        var builtIn = DetectorCatalog.All.Count(e => e.Category == DetectorCategory.Secret && e.Name is not ("VendorKey" or "SecretValue"
            or "PasswordInProse" or "HttpCredentials" or "UrlPassword" or "ConnectionStringPassword" or "BearerToken"));

        Assert.True(VendorKeyFormats.All.Count + builtIn >= 40, $"{VendorKeyFormats.All.Count} vendor formats + {builtIn} built-in key detectors");
        Assert.Equal(VendorKeyFormats.All.Count, VendorKeyFormats.All.Select(f => f.Vendor).Distinct().Count());
    }

    [Theory]
    [InlineData("SecretValue", "{\"api_key\": \"a8Fk29dLq0Zx7Vb3Nm1Cq4Rt\", \"max_tokens\": 1024}", "a8Fk29dLq0Zx7Vb3Nm1Cq4Rt")]
    [InlineData("SecretValue", "SECRET_KEY=django-insecure-9f8a7b6c5d4e3f2a1b0c", "django-insecure-9f8a7b6c5d4e3f2a1b0c")]
    [InlineData("SecretValue", "GET /v1/items?token=Zx81kLq0Pq72Mn&limit=5", "Zx81kLq0Pq72Mn")]
    [InlineData("SecretValue", "curl -H 'X-Api-Key: 3f9aD0b71c2E4d5F' https://api.example.com", "3f9aD0b71c2E4d5F")]
    [InlineData("SecretValue", "{\"role\":\"tool\",\"content\":\"{\\\"client_secret\\\":\\\"q8W2e4R6t8Y0u2I4\\\"}\"}", "q8W2e4R6t8Y0u2I4")]
    [InlineData("SecretValue", "options.ApiKey = \"0a1b2c3d4e5f6a7b8c9d\";", "0a1b2c3d4e5f6a7b8c9d")]
    [InlineData("SecretValue", "https://st.blob.core.windows.net/c/f.csv?sv=2022-11-02&sp=r&sig=AbCd1234EfGh5678%2BIjKl%3D", "AbCd1234EfGh5678%2BIjKl%3D")]
    [InlineData("ConnectionStringPassword", "{\\\"password\\\":\\\"hunter2!\\\",\\\"user\\\":\\\"bob\\\"}", "hunter2!")]
    [InlineData("ConnectionStringPassword", "mysql --user=root --password=Sup3r!pw db", "Sup3r!pw")]
    [InlineData("ConnectionStringPassword", "spring.datasource.password: changeme", "changeme")]
    [InlineData("ConnectionStringPassword", "DB_PASS='letmein42'", "letmein42")]
    [InlineData("PasswordInProse", "my password is hunter2 and that's it", "hunter2")]
    [InlineData("PasswordInProse", "the password for the admin account was Tr0ub4dor&3.", "Tr0ub4dor&3")]
    [InlineData("PasswordInProse", "I changed the wifi passphrase to \"blue-Moon-42\" yesterday", "blue-Moon-42")]
    [InlineData("PasswordInProse", "FYI my password is now sunshine", "sunshine")]
    [InlineData("HttpCredentials", "Authorization: Basic dXNlcjpwYXNzd29yZA==", "dXNlcjpwYXNzd29yZA==")]
    [InlineData("HttpCredentials", "the header was Basic YWRtaW46czNjcjN0IQ== which failed", "YWRtaW46czNjcjN0IQ==")]
    [InlineData("HttpCredentials", "Authorization: SSWS 00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789AbCd", "00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789AbCd")]
    [InlineData("HttpCredentials", "curl -u admin:Sup3rS3cret https://api.example.com", "Sup3rS3cret")]
    [InlineData("HttpCredentials", "curl -u sk_test_4eC39HqLyjWDarjtT1zdp7dc: https://api.stripe.com", "sk_test_4eC39HqLyjWDarjtT1zdp7dc")]
    [InlineData("HttpCredentials", "Authorization: Digest username=\"bob\", nonce=\"abc\", response=\"6629fae49393a05397450978507c4ef1\"", "6629fae49393a05397450978507c4ef1")]
    [InlineData("UrlPassword", "redis://:s3cretPw@cache.example.com:6379", "s3cretPw")]
    public void SecretDetector_FindsExactlyTheValue(string detector, string text, string expected)
    {
        Assert.Equal([expected], Find(detector, text));
    }

    [Theory]
    [InlineData("SecretValue", "max_tokens: 4096, \"prompt_tokens\": 12, token_count=512, \"next_page_token\": \"Ab12Cd34Ef56Gh78\"")]
    [InlineData("SecretValue", "api_key: <your-api-key>\ntoken=${SECRET}\n\"client_secret\": \"YOUR_CLIENT_SECRET\"\nAPI_KEY=xxxxxxxxxxxx")]
    [InlineData("SecretValue", "client = Client(api_key=api_key, token=self.token)\nconst token = process.env.GITHUB_TOKEN;")]
    [InlineData("SecretValue", "\"credentials\": \"include\", \"auth_type\": \"oauth2\", token_type: bearer, cancellationToken: ct")]
    [InlineData("SecretValue", "\"secret\": \"[REDACTED]\", API_KEY=****************, private_key: /etc/ssl/key.pem")]
    [InlineData("ConnectionStringPassword", "Password=********; password: [PASSWORD]; pwd: /home/runner/work")]
    [InlineData("ConnectionStringPassword", "def connect(host: str, password: str):\n    self.password = password\n    if password == expected:")]
    [InlineData("ConnectionStringPassword", "password = os.environ[\"DB_PASSWORD\"]; password: string; String password = getPassword();")]
    [InlineData("ConnectionStringPassword", "password: \"{{ .Values.db.password }}\"; DB_PASSWORD=%DB_PASSWORD%; PASSWORD=$DB_PASS")]
    [InlineData("PasswordInProse", "The password is incorrect. Your password must be at least 12 characters long.")]
    [InlineData("PasswordInProse", "My password was changed by the admin. The password is required and is stored hashed.")]
    [InlineData("PasswordInProse", "Forgot your password? Reset the password from the settings page.")]
    [InlineData("HttpCredentials", "Basic authentication is disabled. Authorization is required. Authorization: Basic ********")]
    [InlineData("HttpCredentials", "docker run -u 1000:1000 app; pip install -U requests; curl -u $USER:$PASS https://x.example.com")]
    [InlineData("HttpCredentials", "Authorization: Bearer abcdef0123456789 is the Bearer detector's")]
    [InlineData("UrlPassword", "postgres://app:********@db.example.com/app and https://user:${PASS}@example.com")]
    public void SecretDetector_LeavesPlaceholdersMasksAndCodeAlone(string detector, string text)
    {
        Assert.Empty(Find(detector, text));
    }

    [Theory]
    [InlineData("redis://:s3cretPw@cache.example.com:6379/0", "redis://:[PASSWORD]@cache.example.com:6379/0")]
    [InlineData("Server=db;User Id=sa;Password=********;", "Server=db;User Id=sa;Password=********;")]
    [InlineData("OPENAI_API_KEY=<your-api-key>", "OPENAI_API_KEY=<your-api-key>")]
    [InlineData("token: ${{ secrets.GITHUB_TOKEN }}", "token: ${{ secrets.GITHUB_TOKEN }}")]
    [InlineData("export GITHUB_TOKEN=ghp_FAKE0123456789abcdefghijklmnopqrstuv", "export GITHUB_TOKEN=[GITHUB_TOKEN]")]
    public void DefaultRedactor_ReplacesOnlyTheSecret_AndLeavesMaskedAndPlaceholderValues(string text, string expected)
    {
        Assert.Equal(expected, new PatternRedactor().Redact(text, new RedactionCounts()));
    }

    [Fact]
    public void DefaultRedactor_CountsEachContextRuleUnderItsOwnKind()
    {
        var counts = new RedactionCounts();
        new PatternRedactor().Redact(
            "DB_PASSWORD=hunter2!x\nCLIENT_SECRET=q8W2e4R6t8Y0u2I4\nmy password is Tr0ub4dor&3\nAuthorization: Basic dXNlcjpwYXNzd29yZA==",
            counts);

        Assert.Equal(1, counts.ByKind["password"]);
        Assert.Equal(1, counts.ByKind["secret"]);
        Assert.Equal(1, counts.ByKind["password_prose"]);
        Assert.Equal(1, counts.ByKind["http_credentials"]);
    }

    private static List<string> Find(string detector, string text)
    {
        var matches = new List<RedactionMatch>();
        DetectorCatalog.All.Single(e => e.Name == detector).Create().Find(text, 0, matches);
        return matches.Select(m => text.Substring(m.Start, m.Length)).ToList();
    }
}
