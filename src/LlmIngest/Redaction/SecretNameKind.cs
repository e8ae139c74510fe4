namespace LlmIngest.Redaction;

/// <summary>What a setting's name says about its value.</summary>
internal enum SecretNameKind
{
    /// <summary>Nothing: <c>max_tokens</c>, <c>password_policy</c>, <c>key</c>.</summary>
    None,

    /// <summary>A password: <c>password</c>, <c>DB_PASSWORD</c>, <c>passwd</c>, <c>pwd</c>, <c>passphrase</c>.</summary>
    Password,

    /// <summary>Another credential: <c>api_key</c>, <c>client_secret</c>, <c>access_token</c>, <c>SECRET_KEY</c>, <c>sig</c>.</summary>
    Secret,
}
