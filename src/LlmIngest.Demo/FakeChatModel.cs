namespace LlmIngest.Demo;

/// <summary>
/// The randomness of the demo's traffic: which customer writes, which model answers, how long it takes and whether it
/// fails. Seeded, so a run can be repeated. Customers now and then write an email, phone or card number.
/// </summary>
internal sealed class FakeChatModel(int seed)
{
    private static readonly string[] Customers =
    [
        "Hi, I'm Dana Whitfield (dana.whitfield@example.com). My order #A-55821 arrived broken, please call me at (415) 555-0132.",
        "Bonjour, je m'appelle Chloé — mon numéro est +33 1 23 45 67 89 et ma carte 4111 1111 1111 1111 a été débitée deux fois.",
        "My SSN is 219-09-9999 and the tax form you sent shows the wrong one. Reach me at j.ortiz@contoso.org.",
        "Order 2024-118-55213 is late again. This is the third time this month; I want a refund to card 5500-0000-0000-0004.",
        "Can you explain why the dashboard shows 404 errors after the 3.2.1 update? Our team of 25 can't log in.",
        "Please summarise this thread: customer reports intermittent latency on the EU cluster since Tuesday 14:00 UTC.",
        "Ich habe zweimal bezahlt. Rufen Sie mich bitte unter 030 12345678 an. Vielen Dank! 🙏",
        "How do I rotate my API credentials without downtime? We have 12 services in three regions.",
    ];

    private static readonly string[] Models = ["gpt-4o-mini", "gpt-4o", "claude-sonnet-4-6"];

    private readonly Random _random = new(seed);

    public string NextCustomerMessage() => Customers[_random.Next(Customers.Length)];

    public string NextModel() => Models[_random.Next(Models.Length)];

    public int NextInt(int maxExclusive) => _random.Next(maxExclusive);

    public double NextDouble() => _random.NextDouble();
}
